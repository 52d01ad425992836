//! The store on its own: dedup decisions, idempotence, index catch-up,
//! a full disk, read-only opens.

use dateline_dedup::MinHasher;
use dateline_model::{Article, Block, BlockKind, Provenance, Timestamp};
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
    }
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
