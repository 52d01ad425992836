//! Indexing and searching through the public API.

use dateline_model::{Article, PageType, Timestamp};
use dateline_search::{IndexDoc, Interval, Query, SearchError, SearchIndex, SearchResults};
use proptest::prelude::*;
use tempfile::TempDir;

mod enrichment;

/// A test article.
struct A {
    id: u64,
    title: &'static str,
    body: &'static str,
    url: &'static str,
    site: &'static str,
    lang: &'static str,
    date: &'static str,
    authors: &'static [&'static str],
    tags: &'static [&'static str],
}

const CORPUS: &[A] = &[
    A {
        id: 1,
        title: "Russians in Raqqa",
        body: "Russian forces entered Raqqa on Monday, the Syrian Observatory said.",
        url: "https://www.jpost.com/middle-east/russians-in-raqqa",
        site: "The Jerusalem Post",
        lang: "en",
        date: "2019-12-09T17:34:00",
        authors: &["Seth Frantzman"],
        tags: &["Syria", "Russia"],
    },
    A {
        id: 2,
        title: "Turkey and the Kurds",
        body: "Turkish troops and Syrian rebels fought the Kurds near the border. Forces entered Tal Abyad.",
        url: "https://edition.jpost.com/turkey-kurds",
        site: "The Jerusalem Post",
        lang: "en-US",
        date: "2019-12-10",
        authors: &["Seth Frantzman", "Anna Ahronheim"],
        tags: &["Syria", "Turkey"],
    },
    A {
        id: 3,
        title: "L'Équipe à Raqqa",
        body: "Reportage: l'Équipe à Raqqa, ville syrienne, après la guerre.",
        url: "https://www.lemonde.fr/international/raqqa",
        site: "Le Monde",
        lang: "fr",
        date: "2019-12-31T23:59:59+01:00",
        authors: &["Marie Dupont"],
        tags: &["Syrie"],
    },
    A {
        id: 4,
        title: "Iraq elections",
        body: "Voters in Iraq went to the polls as protests continued in Baghdad.",
        url: "https://www.bbc.co.uk/news/iraq",
        site: "BBC News",
        lang: "en",
        date: "2020-01-01",
        authors: &[],
        tags: &["Iraq"],
    },
    A {
        id: 5,
        title: "Undated note",
        body: "A page without a date about Iran and Iraq.",
        url: "https://example.org/note",
        site: "Example",
        lang: "",
        date: "",
        authors: &[],
        tags: &[],
    },
];

fn article(a: &A) -> Article {
    Article {
        title: Some(a.title.into()),
        text: a.body.into(),
        url: Some(a.url.into()),
        site_name: Some(a.site.into()),
        language: (!a.lang.is_empty()).then(|| a.lang.into()),
        published: Timestamp::parse_iso(a.date),
        authors: a.authors.iter().map(|s| s.to_string()).collect(),
        tags: a.tags.iter().map(|s| s.to_string()).collect(),
        ..Article::default()
    }
}

fn corpus() -> (TempDir, SearchIndex) {
    corpus_in_segments(1)
}

/// The corpus committed in `n` parts (so in as many segments).
fn corpus_in_segments(n: usize) -> (TempDir, SearchIndex) {
    let dir = tempfile::tempdir().unwrap();
    let index = SearchIndex::open_or_create(dir.path()).unwrap();
    let mut writer = index.writer().unwrap();
    for (i, a) in CORPUS.iter().enumerate() {
        if i > 0 && i % CORPUS.len().div_ceil(n) == 0 {
            writer.commit(a.id - 1).unwrap();
        }
        writer
            .add(&IndexDoc {
                id: a.id,
                article: &article(a),
                cluster_size: a.id,
                enrichment: None,
            })
            .unwrap();
    }
    writer.commit(5).unwrap();
    index.reload().unwrap();
    (dir, index)
}

fn search(index: &SearchIndex, query: Query) -> SearchResults {
    index.search(&query).unwrap()
}

/// Ids of all matches, sorted.
fn ids(index: &SearchIndex, text: &str) -> Vec<u64> {
    let results = search(
        index,
        Query {
            text: text.into(),
            limit: 100,
            ..Query::default()
        },
    );
    assert_eq!(results.total as usize, results.hits.len(), "{text}");
    let mut ids: Vec<u64> = results.hits.iter().map(|h| h.id).collect();
    ids.sort_unstable();
    ids
}

#[test]
fn merging_keeps_every_document_and_the_commit_payload() {
    let (_dir, index) = corpus_in_segments(3);
    assert!(index.segment_count() > 1);
    let before: Vec<Vec<u64>> = ["raqqa", "", "site:jpost.com"]
        .iter()
        .map(|q| ids(&index, q))
        .collect();
    let mut writer = index.writer().unwrap();
    writer.merge_all().unwrap();
    writer.finish().unwrap();
    index.reload().unwrap();
    assert_eq!(index.segment_count(), 1);
    assert_eq!(index.indexed_through().unwrap(), 5);
    let after: Vec<Vec<u64>> = ["raqqa", "", "site:jpost.com"]
        .iter()
        .map(|q| ids(&index, q))
        .collect();
    assert_eq!(before, after);
}

#[test]
fn words_must_all_match() {
    let (_dir, index) = corpus();
    assert_eq!(ids(&index, "raqqa"), [1, 3]);
    assert_eq!(ids(&index, "syrian forces"), [1, 2]);
    assert_eq!(ids(&index, "RUSSIAN raqqa monday"), [1]);
    assert_eq!(ids(&index, "raqqa baghdad"), Vec::<u64>::new());
    // Authors and tags are default fields too.
    assert_eq!(ids(&index, "ahronheim"), [2]);
    assert_eq!(ids(&index, "syrie"), [3]);
}

#[test]
fn matching_ignores_case_and_accents() {
    let (_dir, index) = corpus();
    assert_eq!(ids(&index, "equipe"), [3]);
    assert_eq!(ids(&index, "ÉQUIPE"), [3]);
}

#[test]
fn title_matches_rank_first() {
    let (_dir, index) = corpus();
    let results = search(&index, Query::new("iraq"));
    assert_eq!(results.hits[0].id, 4);
    assert!(results.hits[0].score > results.hits[1].score);
}

#[test]
fn phrases() {
    let (_dir, index) = corpus();
    assert_eq!(ids(&index, r#""forces entered""#), [1, 2]);
    assert_eq!(ids(&index, r#""forces entered raqqa""#), [1]);
    assert_eq!(ids(&index, r#""raqqa entered""#), Vec::<u64>::new());
    // A word the analyser splits is a phrase.
    assert_eq!(ids(&index, "jpost.com"), Vec::<u64>::new());
    assert_eq!(ids(&index, "tal-abyad"), [2]);
}

#[test]
fn exclusions() {
    let (_dir, index) = corpus();
    assert_eq!(ids(&index, "syrian -turkish"), [1]);
    assert_eq!(ids(&index, r#"syrian -"forces entered raqqa""#), [2]);
    // Only exclusions: everything else.
    assert_eq!(ids(&index, "-raqqa"), [2, 4, 5]);
    assert_eq!(ids(&index, "-site:jpost.com"), [3, 4, 5]);
}

#[test]
fn or_between_terms_and_phrases() {
    let (_dir, index) = corpus();
    assert_eq!(ids(&index, "baghdad OR monday"), [1, 4]);
    assert_eq!(ids(&index, r#"iran OR "tal abyad""#), [2, 5]);
    assert_eq!(ids(&index, "syrian baghdad OR monday"), [1]);
    assert_eq!(ids(&index, "lang:fr OR site:bbc.co.uk"), [3, 4]);
}

#[test]
fn site_filter_matches_hosts_and_site_names() {
    let (_dir, index) = corpus();
    assert_eq!(ids(&index, "site:jpost.com"), [1, 2]);
    assert_eq!(ids(&index, "site:edition.jpost.com"), [2]);
    assert_eq!(ids(&index, "site:www.lemonde.fr"), [3]);
    assert_eq!(ids(&index, "site:https://bbc.co.uk/x"), [4]);
    assert_eq!(ids(&index, "site:monde"), [3]);
    assert_eq!(ids(&index, r#"site:"jerusalem post" raqqa"#), [1]);
    assert_eq!(ids(&index, "site:nowhere.com"), Vec::<u64>::new());
}

#[test]
fn author_tag_title_and_lang_filters() {
    let (_dir, index) = corpus();
    assert_eq!(ids(&index, "author:frantzman"), [1, 2]);
    assert_eq!(ids(&index, r#"author:"Seth Frantzman""#), [1, 2]);
    assert_eq!(ids(&index, r#"author:"Frantzman Anna""#), Vec::<u64>::new());
    assert_eq!(ids(&index, "author:ahronheim turkish"), [2]);
    assert_eq!(ids(&index, "tag:syria"), [1, 2]);
    assert_eq!(ids(&index, "tag:turkey -author:nobody"), [2]);
    assert_eq!(ids(&index, "title:raqqa"), [1, 3]);
    assert_eq!(ids(&index, "title:baghdad"), Vec::<u64>::new());
    assert_eq!(ids(&index, "lang:en"), [1, 2, 4]);
    assert_eq!(ids(&index, "lang:EN-gb raqqa"), [1]);
    // Unknown fields are plain text.
    assert_eq!(ids(&index, "observatory:said"), [1]);
    assert_eq!(ids(&index, "foo:raqqa"), Vec::<u64>::new());
}

#[test]
fn date_range_bounds_are_inclusive_days() {
    let (_dir, index) = corpus();
    let range = |from: &str, to: &str| {
        let results = search(
            &index,
            Query {
                from: Timestamp::parse_iso(from),
                to: Timestamp::parse_iso(to),
                limit: 100,
                ..Query::default()
            },
        );
        let mut ids: Vec<u64> = results.hits.iter().map(|h| h.id).collect();
        ids.sort_unstable();
        ids
    };
    assert_eq!(range("2019-12-09", "2019-12-10"), [1, 2]);
    // `to` includes the whole day, `from` ignores the time.
    assert_eq!(range("2019-12-31T12:00:00", "2019-12-31"), [3]);
    assert_eq!(range("2019-12-10", "2019-12-31"), [2, 3]);
    assert_eq!(range("2020-01-01", ""), [4]);
    assert_eq!(range("", "2019-12-09"), [1]);
    assert_eq!(range("2021-01-01", ""), Vec::<u64>::new());
}

#[test]
fn language_filter_compares_two_letters() {
    let (_dir, index) = corpus();
    let lang = |l: &str, text: &str| {
        let results = search(
            &index,
            Query {
                text: text.into(),
                language: Some(l.into()),
                limit: 100,
                ..Query::default()
            },
        );
        let mut ids: Vec<u64> = results.hits.iter().map(|h| h.id).collect();
        ids.sort_unstable();
        ids
    };
    assert_eq!(lang("EN", ""), [1, 2, 4]);
    assert_eq!(lang("en-GB", "syrian"), [1, 2]);
    assert_eq!(lang("fr", "raqqa"), [3]);
    assert_eq!(lang("de", ""), Vec::<u64>::new());
}

#[test]
fn queries_without_words_list_everything_newest_first() {
    let (_dir, index) = corpus();
    let results = search(&index, Query::default());
    assert_eq!(results.total, 5);
    let order: Vec<u64> = results.hits.iter().map(|h| h.id).collect();
    // Undated articles come last.
    assert_eq!(order, [4, 3, 2, 1, 5]);
    assert!(results.hits.iter().all(|h| h.score == 0.0));
    let results = search(&index, Query::new("site:jpost.com"));
    assert_eq!(
        results.hits.iter().map(|h| h.id).collect::<Vec<_>>(),
        [2, 1]
    );
    // Punctuation alone has no words either.
    assert_eq!(search(&index, Query::new(r#" - " ; "#)).total, 5);
}

#[test]
fn paging_with_offset_and_limit() {
    let (_dir, index) = corpus();
    let page = |offset, limit| {
        let results = search(
            &index,
            Query {
                offset,
                limit,
                ..Query::default()
            },
        );
        assert_eq!(results.total, 5);
        results.hits.iter().map(|h| h.id).collect::<Vec<_>>()
    };
    assert_eq!(page(0, 2), [4, 3]);
    assert_eq!(page(2, 2), [2, 1]);
    assert_eq!(page(4, 2), [5]);
    assert_eq!(page(9, 2), Vec::<u64>::new());
    assert_eq!(page(0, 0).len(), 5);
    assert_eq!(page(usize::MAX, usize::MAX), Vec::<u64>::new());
}

#[test]
fn hits_carry_stored_fields() {
    let (_dir, index) = corpus();
    let results = search(&index, Query::new("tal abyad"));
    let hit = &results.hits[0];
    assert_eq!(hit.id, 2);
    assert_eq!(hit.title.as_deref(), Some("Turkey and the Kurds"));
    assert_eq!(
        hit.url.as_deref(),
        Some("https://edition.jpost.com/turkey-kurds")
    );
    assert_eq!(hit.site_name.as_deref(), Some("The Jerusalem Post"));
    assert_eq!(hit.published.as_deref(), Some("2019-12-10"));
    assert_eq!(hit.language.as_deref(), Some("en-US"));
    assert_eq!(hit.authors, ["Seth Frantzman", "Anna Ahronheim"]);
    assert_eq!(hit.cluster_size, 2);
    let json = serde_json::to_value(&results).unwrap();
    assert_eq!(
        json["hits"][0]["highlights"],
        serde_json::json!([[82, 85], [86, 91]])
    );
}

/// The snippet's characters in the given range.
fn chars(s: &str, [a, b]: [usize; 2]) -> String {
    s.chars().skip(a).take(b - a).collect()
}

#[test]
fn snippets_highlight_matches_by_character() {
    let (_dir, index) = corpus();
    let results = search(&index, Query::new("equipe raqqa lang:fr"));
    let hit = &results.hits[0];
    assert_eq!(
        hit.snippet,
        "Reportage: l'Équipe à Raqqa, ville syrienne, après la guerre."
    );
    let marked: Vec<String> = hit
        .highlights
        .iter()
        .map(|r| chars(&hit.snippet, *r))
        .collect();
    assert_eq!(marked, ["Équipe", "Raqqa"]);
    assert_eq!(hit.highlights, [[13, 19], [22, 27]]);
    // Phrase words are highlighted; excluded ones are not.
    let results = search(&index, Query::new(r#""forces entered" -turkish"#));
    let hit = &results.hits[0];
    let marked: Vec<String> = hit
        .highlights
        .iter()
        .map(|r| chars(&hit.snippet, *r))
        .collect();
    assert_eq!(marked, ["forces", "entered"]);
    // A match outside the body: the snippet is still the body's opening.
    let results = search(&index, Query::new("author:dupont"));
    assert!(results.hits[0].snippet.starts_with("Reportage"));
    assert!(results.hits[0].highlights.is_empty());
}

#[test]
fn facets_and_histogram_count_all_matches() {
    for segments in [1, 3] {
        facets_and_histogram_in(segments);
    }
}

fn facets_and_histogram_in(segments: usize) {
    let (_dir, index) = corpus_in_segments(segments);
    let results = search(
        &index,
        Query {
            limit: 1,
            facets: true,
            histogram: Some(Interval::Month),
            ..Query::default()
        },
    );
    assert_eq!(results.hits.len(), 1);
    let facets = results.facets.unwrap();
    let pairs = |v: &[dateline_search::FacetCount]| {
        v.iter()
            .map(|f| (f.value.clone(), f.count))
            .collect::<Vec<_>>()
    };
    let p = |s: &str, n: u64| (s.to_string(), n);
    assert_eq!(
        pairs(&facets.sites),
        [
            p("bbc.co.uk", 1),
            p("edition.jpost.com", 1),
            p("example.org", 1),
            p("jpost.com", 1),
            p("lemonde.fr", 1)
        ]
    );
    assert_eq!(pairs(&facets.languages), [p("en", 3), p("fr", 1)]);
    assert_eq!(pairs(&facets.months), [p("2019-12", 3), p("2020-01", 1)]);
    assert_eq!(
        pairs(&facets.authors),
        [
            p("Seth Frantzman", 2),
            p("Anna Ahronheim", 1),
            p("Marie Dupont", 1)
        ]
    );
    assert_eq!(pairs(&facets.tags)[0], p("Syria", 2));
    let hist: Vec<_> = results
        .histogram
        .iter()
        .map(|b| (b.key.clone(), b.count))
        .collect();
    assert_eq!(hist, [p("2019-12", 3), p("2020-01", 1)]);

    let results = search(
        &index,
        Query {
            text: "syria OR iraq OR raqqa".into(),
            histogram: Some(Interval::Week),
            ..Query::default()
        },
    );
    assert!(results.facets.is_none());
    let hist: Vec<_> = results
        .histogram
        .iter()
        .map(|b| (b.key.clone(), b.count))
        .collect();
    // 2019-12-09 and -10 share a week; Dec 31 and Jan 1 fall in the week of Monday Dec 30.
    assert_eq!(hist, [p("2019-12-09", 2), p("2019-12-30", 2)]);
    let results = search(
        &index,
        Query {
            histogram: Some(Interval::Year),
            ..Query::new("raqqa")
        },
    );
    let hist: Vec<_> = results
        .histogram
        .iter()
        .map(|b| (b.key.clone(), b.count))
        .collect();
    assert_eq!(hist, [p("2019", 2)]);
    let results = search(
        &index,
        Query {
            histogram: Some(Interval::Day),
            ..Query::new("syria")
        },
    );
    let hist: Vec<_> = results
        .histogram
        .iter()
        .map(|b| (b.key.clone(), b.count))
        .collect();
    assert_eq!(hist, [p("2019-12-09", 1), p("2019-12-10", 1)]);
}

#[test]
fn commit_payload_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let index = SearchIndex::open_or_create(dir.path()).unwrap();
    assert_eq!(index.indexed_through().unwrap(), 0);
    assert_eq!(index.doc_count().unwrap(), 0);
    let mut writer = index.writer().unwrap();
    writer
        .add(&IndexDoc {
            id: 41,
            article: &article(&CORPUS[0]),
            cluster_size: 1,
            enrichment: None,
        })
        .unwrap();
    writer.commit(42).unwrap();
    // The payload is read from disk; documents show after a reload.
    assert_eq!(index.indexed_through().unwrap(), 42);
    assert_eq!(index.doc_count().unwrap(), 0);
    index.reload().unwrap();
    assert_eq!(index.doc_count().unwrap(), 1);
    writer.commit(43).unwrap();
    writer.finish().unwrap();
    drop(index);
    let index = SearchIndex::open_or_create(dir.path()).unwrap();
    assert_eq!(index.indexed_through().unwrap(), 43);
    assert_eq!(
        SearchIndex::open(dir.path())
            .unwrap()
            .indexed_through()
            .unwrap(),
        43
    );
}

#[test]
fn adding_an_id_again_replaces_it() {
    let (_dir, index) = corpus();
    let mut writer = index.writer().unwrap();
    let mut changed = article(&CORPUS[0]);
    changed.title = Some("Russians leave Raqqa".into());
    changed.text = "Withdrawal completed.".into();
    writer
        .add(&IndexDoc {
            id: 1,
            article: &changed,
            cluster_size: 3,
            enrichment: None,
        })
        .unwrap();
    writer
        .add(&IndexDoc {
            id: 1,
            article: &changed,
            cluster_size: 4,
            enrichment: None,
        })
        .unwrap();
    writer.commit(5).unwrap();
    index.reload().unwrap();
    assert_eq!(index.doc_count().unwrap(), 5);
    assert_eq!(ids(&index, "monday"), Vec::<u64>::new());
    let results = search(&index, Query::new("withdrawal"));
    assert_eq!(results.total, 1);
    assert_eq!(results.hits[0].id, 1);
    assert_eq!(results.hits[0].cluster_size, 4);
}

#[test]
fn delete_all_empties_the_index() {
    let (_dir, index) = corpus();
    let mut writer = index.writer().unwrap();
    writer.delete_all().unwrap();
    writer
        .add(&IndexDoc {
            id: 9,
            article: &article(&CORPUS[3]),
            cluster_size: 1,
            enrichment: None,
        })
        .unwrap();
    writer.commit(9).unwrap();
    index.reload().unwrap();
    assert_eq!(index.doc_count().unwrap(), 1);
    assert_eq!(ids(&index, ""), [9]);
    assert_eq!(index.indexed_through().unwrap(), 9);
}

#[test]
fn one_writer_at_a_time_and_readers_take_no_writer_lock() {
    let (dir, index) = corpus();
    let writer = index.writer().unwrap();
    assert!(matches!(
        index.writer(),
        Err(SearchError::WriterLocked { .. })
    ));
    // `open` neither needs nor takes the writer lock.
    let reader = SearchIndex::open(dir.path()).unwrap();
    assert_eq!(reader.search(&Query::new("raqqa")).unwrap().total, 2);
    assert!(matches!(
        reader.writer(),
        Err(SearchError::WriterLocked { .. })
    ));
    drop(writer);
    assert!(reader.writer().is_ok());
}

#[test]
fn open_reads_where_the_meta_lock_cannot_be_written() {
    let (dir, index) = corpus();
    drop(index);
    // We run as root, where chmod does not stop writes: make the meta lock
    // file impossible to open for writing instead.
    let lock = dir.path().join(".tantivy-meta.lock");
    let _ = std::fs::remove_file(&lock);
    std::fs::create_dir(&lock).unwrap();
    let index = SearchIndex::open(dir.path()).unwrap();
    assert_eq!(index.search(&Query::new("raqqa")).unwrap().total, 2);
    index.reload().unwrap();
    // And a real read-only directory, when the permissions bite.
    use std::os::unix::fs::PermissionsExt;
    let set = |mode| {
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
            }
        }
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(mode | 0o111))
            .unwrap();
    };
    std::fs::remove_dir(&lock).unwrap();
    set(0o444);
    let read_only = std::fs::File::create(dir.path().join("probe")).is_err();
    let result =
        SearchIndex::open(dir.path()).map(|i| i.search(&Query::new("raqqa")).map(|r| r.total));
    set(0o644);
    if read_only {
        assert_eq!(result.unwrap().unwrap(), 2);
    }
}

#[test]
fn opening_a_missing_index_fails() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        SearchIndex::open(dir.path()),
        Err(SearchError::NotFound { .. })
    ));
    assert!(matches!(
        SearchIndex::open(&dir.path().join("absent")),
        Err(SearchError::NotFound { .. })
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_query_string_is_a_valid_query(
        text in prop_oneof![
            ".{0,40}",
            proptest::collection::vec(
                prop_oneof![
                    Just("OR".to_string()), Just("-".to_string()), Just("\"".to_string()),
                    Just("site:".to_string()), Just("author:\"".to_string()), Just("lang:".to_string()),
                    Just("tag:".to_string()), Just("title:".to_string()), Just(":".to_string()),
                    "[a-zÉà]{1,6}", "\\PC{1,3}", Just(" ".to_string()),
                ],
                0..12,
            ).prop_map(|parts| parts.concat()),
        ],
        offset in 0usize..8,
        limit in 0usize..4,
    ) {
        thread_local! {
            static INDEX: (TempDir, SearchIndex) = corpus();
        }
        INDEX.with(|(_, index)| {
            let query = Query { text, offset, limit, facets: true, histogram: Some(Interval::Week), ..Query::default() };
            let results = index.search(&query).unwrap();
            prop_assert!(results.total <= 5);
            for hit in &results.hits {
                let n = hit.snippet.chars().count();
                let mut end = 0;
                for [a, b] in &hit.highlights {
                    prop_assert!(end <= *a && a < b && *b <= n);
                    end = *b;
                }
            }
            Ok(())
        })?;
    }
}

#[test]
fn pages_that_are_not_news_are_found_only_by_type() {
    let (_dir, index) = corpus();
    let mut writer = index.writer().unwrap();
    let forum = Article {
        title: Some("Raqqa travel forum".into()),
        text: "Has anyone been to Raqqa since the war?".into(),
        is_article: false,
        reason: Some("not an article".into()),
        page_type: Some(PageType::Forum),
        ..Article::default()
    };
    let untyped = Article {
        title: Some("Raqqa links".into()),
        text: "Raqqa, Tabqa, Deir ez-Zor.".into(),
        is_article: false,
        page_type: None,
        ..Article::default()
    };
    let typed_news = Article {
        page_type: Some(PageType::Article),
        ..article(&CORPUS[0])
    };
    for (id, article) in [(6, &forum), (7, &untyped), (1, &typed_news)] {
        writer
            .add(&IndexDoc {
                id,
                article,
                cluster_size: 1,
                enrichment: None,
            })
            .unwrap();
    }
    writer.commit(7).unwrap();
    index.reload().unwrap();
    assert_eq!(index.doc_count().unwrap(), 7);
    assert_eq!(ids(&index, "raqqa"), [1, 3]);
    assert_eq!(ids(&index, ""), [1, 2, 3, 4, 5]);
    assert_eq!(ids(&index, "type:news raqqa"), [1, 3]);
    assert_eq!(ids(&index, "raqqa type:forum"), [6]);
    assert_eq!(
        ids(&index, "TYPE:Forum OR type:unknown"),
        [2, 3, 4, 5, 6, 7]
    );
    assert_eq!(ids(&index, "type:article"), [1]);
    assert_eq!(ids(&index, "type:any raqqa"), [1, 3, 6, 7]);
    assert_eq!(ids(&index, "raqqa -type:forum"), [1, 3, 7]);
    assert_eq!(ids(&index, "type:product"), Vec::<u64>::new());
    // A program's filter asks for a type as the query text does.
    let narrowed = Query {
        filters: vec!["type:forum".into()],
        limit: 100,
        ..Query::new("raqqa")
    };
    let hits: Vec<u64> = search(&index, narrowed).hits.iter().map(|h| h.id).collect();
    assert_eq!(hits, [6]);
}
