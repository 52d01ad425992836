//! A first crawl of the fake news web: everything found, each article
//! fetched once, and the server's own log shows good manners.

use std::collections::HashMap;
use std::time::Duration;

use crate::site::{Site, A, A_DELAY, B, D, DELAY, INTRANET};
use crate::web::Hit;
use crate::{crawl, dateline, store_dir};

/// Clock slack for comparing the server's timestamps with delays.
const SLACK: Duration = Duration::from_millis(15);

#[test]
fn a_first_crawl_is_polite_and_complete() {
    let site = Site::new();
    let store = store_dir();
    let (out, report) = crawl(&site, store.path(), &site.sources(), &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log = site.web.log();
    let by_host = per_host(&log);

    // robots.txt first on every host, and D (robots.txt 503) not crawled.
    for (host, hits) in &by_host {
        assert_eq!(hits[0].path, "/robots.txt", "first request to {host}");
    }
    assert_eq!(
        by_host[D].len(),
        1,
        "only robots.txt of a host whose robots.txt fails"
    );
    // Nothing disallowed, nothing behind a private address, nothing twice.
    for (host, path) in site.disallowed() {
        assert_eq!(
            site.web.count(host, &path),
            0,
            "disallowed {host}{path} asked for"
        );
    }
    assert!(
        !by_host.contains_key(INTRANET),
        "a feed steered the crawler to loopback"
    );
    for (host, path) in site.articles() {
        let expected = if host == B && (path.contains(&b_path(2)) || path.contains(&b_path(3))) {
            2 // one 429 or 503, then the page
        } else {
            1
        };
        assert_eq!(site.web.count(host, &path), expected, "{host}{path}");
    }
    // One request at a time per host, the delay between them, and nothing
    // before a Retry-After.
    for (host, hits) in &by_host {
        let delay = Duration::from_secs_f64(if *host == A { A_DELAY } else { DELAY });
        for pair in hits.windows(2) {
            assert!(
                pair[1].start >= pair[0].end,
                "two requests at once on {host}: {} and {}",
                pair[0].path,
                pair[1].path
            );
            let gap = pair[1].start - pair[0].end;
            assert!(
                gap + SLACK >= delay,
                "{host}: {gap:?} between {} and {}",
                pair[0].path,
                pair[1].path
            );
        }
    }
    for n in [2, 3] {
        let hits: Vec<&Hit> = log
            .iter()
            .filter(|h| h.host == B && h.path == b_path(n))
            .collect();
        assert!(
            hits[1].start - hits[0].end + SLACK >= Duration::from_secs(1),
            "Retry-After ignored"
        );
    }
    // Every request names Dateline and the contact.
    assert!(log.iter().all(|h| h
        .user_agent
        .as_deref()
        .is_some_and(|ua| ua.contains("DatelineBot/") && ua.contains("tests@example.org"))));

    // What the crawl reports and what the store holds.
    assert_eq!(
        report["crawl"]["pages"],
        site.articles().len() as u64 + 7,
        "{report}"
    );
    assert_eq!(
        report["crawl"]["skipped"]["disallowed by robots.txt"], 2,
        "{report}"
    );
    assert_eq!(report["crawl"]["skipped"]["private-address"], 1, "{report}");
    assert!(
        report["ingest"]["stored"].as_u64().unwrap() >= site.articles().len() as u64,
        "{report}"
    );
    let sources = json(
        &dateline(&[
            "sources",
            "--store",
            store.path().to_str().unwrap(),
            "--json",
        ])
        .stdout,
    );
    let kinds: HashMap<String, String> = sources["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["url"].as_str().unwrap().to_string(),
                s["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(kinds[&site.url(A, "/")], "site");
    assert_eq!(kinds[&site.url(B, "/feed.json")], "feed");
    let down = sources["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["url"] == site.url(D, "/"))
        .unwrap();
    assert!(
        down["last_error"].as_str().unwrap().contains("parked"),
        "{down}"
    );
    let hosts = sources["hosts"].as_array().unwrap();
    let down_host = hosts
        .iter()
        .find(|h| h["origin"].as_str().unwrap().contains(D))
        .unwrap();
    assert!(
        down_host["last_error"].is_string() || down_host["failures"].as_u64() > Some(0),
        "{down_host}"
    );
}

fn b_path(n: u64) -> String {
    crate::pages::article_path(B, n)
}

fn per_host(log: &[Hit]) -> HashMap<&str, Vec<&Hit>> {
    let mut hosts: HashMap<&str, Vec<&Hit>> = HashMap::new();
    for hit in log {
        hosts.entry(hit.host.as_str()).or_default().push(hit);
    }
    for hits in hosts.values_mut() {
        hits.sort_by_key(|h| h.start);
    }
    hosts
}

fn json(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes)
        .unwrap_or_else(|err| panic!("{err}: {}", String::from_utf8_lossy(bytes)))
}
