//! The store on its own: dedup decisions, idempotence, index catch-up,
//! a full disk, read-only opens.

use dateline_dedup::MinHasher;
use dateline_model::{
    Article, Block, BlockKind, Enrichment, Entity, Event, EventActor, PlaceMention, Provenance,
    Span, Surface, Timestamp,
};
use dateline_store::{Fingerprint, NewRecord, OpenOptions, Outcome, Query, Store, StoreError};

const WORDS: &[&str] = &[
    "council", "river", "bridge", "minister", "election", "harbour", "village", "court", "strike",
    "budget", "storm", "festival", "school", "hospital", "railway", "market", "police", "farmers",
    "museum", "airport", "protest", "treaty", "border", "factory",
];

/// A text of `n` words, different for each seed.
fn text(seed: u64, n: usize) -> String {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            WORDS[(x % WORDS.len() as u64) as usize]
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn article(title: &str, url: &str, body: &str) -> Article {
    let mut article = Article {
        title: Some(title.into()),
        url: Some(url.into()),
        site_name: Some("The Example Times".into()),
        language: Some("en".into()),
        published: Timestamp::date(2019, 12, 9),
        is_article: true,
        ..Article::default()
    };
    article.body.push(Block::new(BlockKind::Paragraph, body));
    article.finish_text();
    article
}

fn record(article: Article, input: &str, locator: &str) -> NewRecord {
    let fingerprint = Fingerprint::of(&article, &MinHasher);
    NewRecord::Article {
        provenance: Provenance {
            input: input.into(),
            locator: locator.into(),
            url: article.url.clone(),
            fetched: None,
        },
        article: Box::new(article),
        fingerprint: Box::new(fingerprint),
        enrichment: None,
    }
}

/// What enrichment finds in "... Raqqa ... SDF ...": one place, one
/// organisation, one event (the SDF attacked, target unnamed).
fn raqqa_enrichment() -> Enrichment {
    Enrichment {
        places: vec![PlaceMention {
            name: "Ar Raqqah".into(),
            surface: "Raqqa".into(),
            start: 0,
            end: 5,
            geonames_id: 163843,
            lat: 35.95,
            lon: 39.01,
            country_code: "SY".into(),
            feature_class: 'P',
            kind: "city".into(),
            mention: "name".into(),
            confidence: 0.9,
        }],
        entities: vec![Entity {
            name: "Syrian Democratic Forces".into(),
            kind: "organization".into(),
            surface: "SDF".into(),
            start: 10,
            end: 13,
        }],
        events: vec![Event {
            sentence: Span { start: 0, end: 30 },
            source: Some(EventActor {
                code: "SYRREB".into(),
                country: Some("SYR".into()),
                sector: Some("REB".into()),
                name: "Syrian Democratic Forces".into(),
                surface: "SDF".into(),
                start: 10,
                end: 13,
            }),
            target: None,
            cameo: "190".into(),
            plover: "ASSAULT".into(),
            verb: Surface {
                surface: "attacked".into(),
                start: 14,
                end: 22,
            },
            location: None,
            date: None,
            mode: "asserted".into(),
            confidence: 0.6,
        }],
        ..Enrichment::default()
    }
}

/// Rows of `article_events` per PLOVER category, as a SQL user reads them.
fn event_rows(dir: &std::path::Path) -> Vec<(String, Option<String>, i64)> {
    let conn = rusqlite::Connection::open(dir.join(dateline_store::DATABASE_FILE)).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT plover, source_country, COUNT(*) FROM article_events
             GROUP BY plover, source_country",
        )
        .unwrap();
    stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn search_ids(store: &Store, text: &str) -> Vec<u64> {
    let results = store.search(&Query::new(text)).unwrap();
    results.hits.iter().map(|h| h.id).collect()
}

#[test]
fn exact_and_near_duplicates_join_the_first_copy_and_are_indexed_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let body = text(1, 400);
    let mut edited: Vec<&str> = body.split(' ').collect();
    edited[10] = "volcano";
    edited[200] = "orchestra";
    let edited = edited.join(" ");
    let records = vec![
        record(
            article("Storm hits the coast", "https://a.example/storm", &body),
            "crawl.warc",
            "<1>",
        ),
        record(
            article(
                "Storm hits coast",
                "https://b.example/x?utm_source=rss",
                &body,
            ),
            "crawl.warc",
            "<2>",
        ),
        record(
            article(
                "Storm batters the coast",
                "https://c.example/storm",
                &edited,
            ),
            "crawl.warc",
            "<3>",
        ),
        record(
            article("Budget vote", "https://a.example/budget", &text(2, 400)),
            "crawl.warc",
            "<4>",
        ),
    ];
    let mut writer = store.writer().unwrap();
    let outcomes = writer.add_batch(&records).unwrap().outcomes;
    writer.finish().unwrap();
    assert!(
        matches!(outcomes[0], Outcome::Stored { .. }),
        "{outcomes:?}"
    );
    assert!(
        matches!(outcomes[1], Outcome::ExactDuplicate { .. }),
        "{outcomes:?}"
    );
    assert!(
        matches!(outcomes[2], Outcome::NearDuplicate { similarity, .. } if similarity > 0.8),
        "{outcomes:?}"
    );
    assert!(
        matches!(outcomes[3], Outcome::Stored { .. }),
        "{outcomes:?}"
    );

    let stats = store.stats().unwrap();
    assert_eq!(
        (stats.articles, stats.clusters, stats.duplicates),
        (4, 2, 2)
    );
    assert_eq!(stats.distinct_texts, 3);
    assert_eq!(stats.indexed, 2);

    let Outcome::Stored { id } = outcomes[0] else {
        unreachable!()
    };
    let shown = store.article(id).unwrap().unwrap();
    assert_eq!(shown.cluster_size, 3);
    assert_eq!(
        shown.provenance.len(),
        2,
        "the exact copy is a second provenance"
    );
    assert_eq!(
        shown.duplicates.len(),
        1,
        "the near copy is another version"
    );

    let hits = store
        .search(&Query {
            text: "coast".into(),
            limit: 10,
            ..Query::default()
        })
        .unwrap();
    // The word only occurs in titles of one story's copies: one hit.
    assert_eq!(hits.total, 1);
    assert_eq!(hits.hits[0].cluster_size, 3);
}

#[test]
fn a_record_is_stored_once_and_failures_are_retried() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let failed = NewRecord::Failed {
        provenance: Provenance {
            input: "crawl.warc".into(),
            locator: "<9>".into(),
            ..Provenance::default()
        },
        reason: "gzip: truncated".into(),
    };
    let story = record(
        article("Vote", "https://a.example/vote", &text(3, 300)),
        "crawl.warc",
        "<1>",
    );
    let mut writer = store.writer().unwrap();
    writer.add_batch(&[story.clone(), failed]).unwrap();
    let again = writer.add_batch(&[story]).unwrap().outcomes;
    assert_eq!(again, [Outcome::AlreadyIngested]);
    let retried = record(
        article("Retried", "https://a.example/r", &text(4, 300)),
        "crawl.warc",
        "<9>",
    );
    let outcome = writer.add_batch(&[retried]).unwrap().outcomes;
    assert!(matches!(outcome[0], Outcome::Stored { .. }), "{outcome:?}");
    writer.finish().unwrap();
    let stats = store.stats().unwrap();
    assert_eq!(stats.articles, 2);
    assert!(stats.failed.is_empty(), "{:?}", stats.failed);
}

#[test]
fn the_index_catches_up_after_a_writer_dies_before_committing() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        let mut writer = store.writer().unwrap();
        let records: Vec<NewRecord> = (0..30)
            .map(|i| {
                record(
                    article(
                        &format!("Story {i}"),
                        &format!("https://a.example/{i}"),
                        &text(100 + i, 200),
                    ),
                    "in",
                    &format!("<{i}>"),
                )
            })
            .collect();
        writer.add_batch(&records).unwrap();
        // Dropped without finish(): the database has the batch, the index
        // never committed it (as after kill -9).
        drop(writer);
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.stats().unwrap().indexed, 30);
    let read_only = Store::open_read_only(dir.path()).unwrap();
    assert_eq!(read_only.stats().unwrap().indexed, 30);
}

#[test]
fn a_full_disk_is_a_clear_error_and_the_store_stays_readable() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        let mut writer = store.writer().unwrap();
        writer
            .add_batch(&[record(
                article("First", "https://a.example/1", &text(7, 300)),
                "in",
                "<1>",
            )])
            .unwrap();
        writer.finish().unwrap();
    }
    let pages: u64 = {
        let conn = rusqlite_free_page_count(dir.path());
        conn + 2
    };
    let mut store = Store::open_with(
        dir.path(),
        &OpenOptions {
            max_pages: Some(pages),
        },
    )
    .unwrap();
    let big: Vec<NewRecord> = (0..200)
        .map(|i| {
            record(
                article(
                    &format!("Big {i}"),
                    &format!("https://a.example/b{i}"),
                    &text(1000 + i, 2000),
                ),
                "in",
                &format!("<b{i}>"),
            )
        })
        .collect();
    let mut writer = store.writer().unwrap();
    let err = writer.add_batch(&big).unwrap_err();
    assert!(matches!(err, StoreError::Full), "{err}");
    assert!(err.to_string().contains("intact"), "{err}");
    drop(writer);
    drop(store);
    let store = Store::open_read_only(dir.path()).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!(stats.articles, 1, "the failed batch left nothing behind");
}

/// The database's current size in pages.
fn rusqlite_free_page_count(dir: &std::path::Path) -> u64 {
    let len = std::fs::metadata(dir.join(dateline_store::DATABASE_FILE))
        .unwrap()
        .len();
    len / 4096
}

#[test]
fn reading_a_missing_store_says_how_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open_read_only(&dir.path().join("none"))
        .err()
        .unwrap();
    assert!(err.to_string().contains("dateline ingest"), "{err}");
}

#[test]
fn a_file_that_is_not_a_database_is_reported_as_such() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(dateline_store::DATABASE_FILE),
        vec![7u8; 8192],
    )
    .unwrap();
    let err = Store::open(dir.path()).err().unwrap();
    assert!(matches!(err, StoreError::Corrupt(_)), "{err}");
}

#[test]
fn an_enriched_article_keeps_its_enrichment_and_is_found_by_place_and_entity() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let mut enriched = record(
        article("Raqqa", "https://a.example/raqqa", &text(7, 100)),
        "a",
        "1",
    );
    if let NewRecord::Article { enrichment, .. } = &mut enriched {
        *enrichment = Some(Box::new(raqqa_enrichment()));
    }
    let plain = record(
        article("Other", "https://a.example/other", &text(8, 100)),
        "a",
        "2",
    );
    let mut writer = store.writer().unwrap();
    writer.add_batch(&[enriched, plain]).unwrap();
    writer.finish().unwrap();

    let stored = store.article(1).unwrap().unwrap();
    assert_eq!(stored.enrichment, Some(raqqa_enrichment()));
    let json = serde_json::to_value(&stored).unwrap();
    assert_eq!(json["places"][0]["geonames_id"], 163843);
    assert_eq!(json["entities"][0]["surface"], "SDF");
    let plain = serde_json::to_value(store.article(2).unwrap().unwrap()).unwrap();
    assert!(
        plain.get("places").is_none(),
        "not enriched: no empty lists"
    );

    assert_eq!(search_ids(&store, "place:raqqa"), [1]);
    assert_eq!(search_ids(&store, "country:sy org:sdf"), [1]);
    let place = store.place(163843).unwrap().unwrap();
    assert_eq!(
        (place.place.name.as_str(), place.articles),
        ("Ar Raqqah", 1)
    );
    assert!(store.place(1).unwrap().is_none());
    let stats = store.stats().unwrap();
    assert_eq!((stats.enriched, stats.places), (1, 1));
}

#[test]
fn enrich_all_redoes_every_article_and_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let mut undeclared = article("Raqqa", "https://a.example/raqqa", &text(7, 100));
    undeclared.language = None;
    let mut writer = store.writer().unwrap();
    writer
        .add_batch(&[
            record(undeclared, "a", "1"),
            record(
                article("Other", "https://a.example/other", &text(8, 100)),
                "a",
                "2",
            ),
        ])
        .unwrap();
    writer.finish().unwrap();
    assert!(search_ids(&store, "place:raqqa").is_empty());

    let mut seen = Vec::new();
    let done = store
        .enrich_all(
            |articles| {
                articles
                    .iter_mut()
                    .map(|article| {
                        article.language.get_or_insert_with(|| "ku".into());
                        if article.title.as_deref() == Some("Raqqa") {
                            raqqa_enrichment()
                        } else {
                            Enrichment::default()
                        }
                    })
                    .collect()
            },
            |done, total| seen.push((done, total)),
        )
        .unwrap();
    assert_eq!(done, 2);
    assert_eq!(seen.last(), Some(&(2, 2)));
    assert_eq!(search_ids(&store, "place:163843"), [1]);
    let first = store.article(1).unwrap().unwrap();
    assert_eq!(first.article.language.as_deref(), Some("ku"));
    assert_eq!(first.enrichment, Some(raqqa_enrichment()));
    assert_eq!(store.stats().unwrap().enriched, 2);

    // Again: the rows are replaced, not added to.
    store
        .enrich_all(
            |articles| articles.iter().map(|_| raqqa_enrichment()).collect(),
            |_, _| (),
        )
        .unwrap();
    assert_eq!(store.place(163843).unwrap().unwrap().articles, 2);
    assert_eq!(search_ids(&store, "place:raqqa").len(), 2);
    assert_eq!(search_ids(&store, "event:assault actor:SYR").len(), 2);
    assert_eq!(
        event_rows(dir.path()),
        [("ASSAULT".to_string(), Some("SYR".to_string()), 2)]
    );
}
