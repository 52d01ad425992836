//! The frontier against a real database.

use super::*;

fn new_url(key: &str, kind: UrlKind, source: Option<i64>) -> NewUrl {
    NewUrl {
        key: key.into(),
        url: format!("http://{key}"),
        origin: "http://a.test".into(),
        kind,
        source_id: source,
        depth: 0,
        hops: 0,
        lastmod: None,
    }
}

#[test]
fn urls_are_added_once_and_keep_their_state() {
    let dir = tempfile::tempdir().unwrap();
    let mut frontier = Frontier::open(dir.path()).unwrap();
    let (source, new) = frontier.add_source("http://a.test/feed", 1.0).unwrap();
    assert!(new);
    assert_eq!(
        frontier.add_source("http://a.test/feed", 2.0).unwrap(),
        (source, false)
    );
    let urls = [
        new_url("a.test/1", UrlKind::Article, Some(source)),
        new_url("a.test/feed", UrlKind::Feed, Some(source)),
    ];
    let added = frontier.batch(|f| f.add_urls(&urls, 10.0)).unwrap();
    assert_eq!(added, [true, true]);
    frontier
        .set_state("a.test/1", UrlState::Fetching, None)
        .unwrap();
    frontier
        .finish(
            "a.test/feed",
            UrlState::Done,
            &Fetched {
                status: Some(200),
                at: 11.0,
                etag: Some("\"v1\"".into()),
                ..Fetched::default()
            },
        )
        .unwrap();
    assert_eq!(frontier.add_urls(&urls, 12.0).unwrap(), [false, false]);
    assert_eq!(
        frontier.url("a.test/1").unwrap().unwrap().state,
        UrlState::Fetching
    );
    // A killed run's in-flight URL is queued again.
    assert_eq!(frontier.requeue_in_flight().unwrap(), 1);
    assert_eq!(frontier.urls_in_state(UrlState::Queued).unwrap().len(), 1);
    let documents = frontier.documents(source).unwrap();
    assert_eq!(documents.len(), 1);
    assert_eq!(documents[0].etag.as_deref(), Some("\"v1\""));
    // Reset clears validators and queues the documents; removing the
    // source keeps what was found.
    assert!(frontier.reset_source("http://a.test/feed").unwrap());
    let feed = frontier.url("a.test/feed").unwrap().unwrap();
    assert_eq!((feed.etag, feed.state), (None, UrlState::Queued));
    assert!(frontier.remove_source("http://a.test/feed").unwrap());
    assert!(!frontier.remove_source("http://a.test/feed").unwrap());
    assert_eq!(frontier.url("a.test/1").unwrap().unwrap().source_id, None);
}

#[test]
fn polls_hosts_and_warc_files_are_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let frontier = Frontier::open(dir.path()).unwrap();
    let (id, _) = frontier.add_source("http://a.test/", 1.0).unwrap();
    frontier.set_source_kind(id, SourceKind::Site).unwrap();
    let poll = Poll {
        at: 5.0,
        next_fetch: 65.0,
        interval_s: 60.0,
        unchanged: false,
        items: 10,
        new_items: 4,
        error: None,
    };
    frontier.record_poll(id, &poll).unwrap();
    frontier
        .record_poll(
            id,
            &Poll {
                unchanged: true,
                new_items: 0,
                error: Some("http-503".into()),
                ..poll
            },
        )
        .unwrap();
    let source = &frontier.sources().unwrap()[0];
    assert_eq!(source.kind, SourceKind::Site);
    assert_eq!((source.fetches, source.unchanged, source.items), (2, 1, 20));
    assert_eq!(
        (source.failures, source.last_error.as_deref()),
        (1, Some("http-503"))
    );

    frontier
        .save_robots(&HostRow {
            origin: "http://a.test".into(),
            robots: Some("User-agent: *\nDisallow: /private".into()),
            robots_status: Some(200),
            robots_fetched_at: Some(3.0),
            ..HostRow::default()
        })
        .unwrap();
    frontier
        .host_fetched("http://a.test", 4.0, Some("timeout"))
        .unwrap();
    frontier.host_fetched("http://a.test", 5.0, None).unwrap();
    let host = frontier.host("http://a.test").unwrap().unwrap();
    assert_eq!((host.fetches, host.failures), (2, 0));
    assert_eq!(host.robots_status, Some(200));
    assert_eq!(host.last_error.as_deref(), Some("timeout"));

    frontier.commit_warc("/s/warc/a.warc.gz", 100).unwrap();
    frontier.commit_warc("/s/warc/a.warc.gz", 250).unwrap();
    assert_eq!(
        frontier.warc_committed("/s/warc/a.warc.gz").unwrap(),
        Some(250)
    );
    assert_eq!(frontier.warc_files().unwrap().len(), 1);
}
