//! `dateline fetch`, `sources --remove/--reset`, and `show` naming the WARC
//! record an article came from.

use crate::pages;
use crate::site::{Site, A};
use crate::{crawl_args, dateline, store_dir};

fn run(args: Vec<String>) -> std::process::Output {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    dateline(&args)
}

#[test]
fn fetch_takes_pages_as_given_once_and_politely() {
    let site = Site::new();
    let store = store_dir();
    let pages: Vec<String> = [0, 1]
        .iter()
        .map(|&n| site.url(A, &pages::article_path(A, n)))
        .chain([site.url(A, "/private/secret")])
        .collect();
    let out = run(crawl_args(&site, store.path(), "fetch", &pages, &[]));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["ingest"]["stored"], 2, "{report}");
    assert_eq!(
        report["crawl"]["skipped"]["disallowed by robots.txt"], 1,
        "{report}"
    );
    let log = site.web.log();
    assert_eq!(log[0].path, "/robots.txt");
    assert!(
        log.iter()
            .all(|h| h.path != "/" && !h.path.contains("feed")),
        "no discovery"
    );

    // Given again: nothing fetched.
    site.web.clear_log();
    let again = run(crawl_args(&site, store.path(), "fetch", &pages[..2], &[]));
    assert_eq!(again.status.code(), Some(0));
    assert!(
        site.web.log().is_empty(),
        "{:?}",
        site.web.log().iter().map(|h| &h.path).collect::<Vec<_>>()
    );

    // `show` names the WARC record of the copy.
    let shown = dateline(&["show", "1", "--store", store.path().to_str().unwrap()]);
    let text = String::from_utf8_lossy(&shown.stdout);
    assert!(text.contains(".warc.gz <urn:uuid:"), "{text}");
    let json = dateline(&[
        "show",
        "1",
        "--json",
        "--store",
        store.path().to_str().unwrap(),
    ]);
    let article: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let copy = &article["provenance"][0];
    assert!(
        copy["input"].as_str().unwrap().contains("/warc/dateline-"),
        "{copy}"
    );
    assert!(copy["fetched"].as_str().unwrap().ends_with('Z'), "{copy}");
}

#[test]
fn sources_can_be_reset_and_removed() {
    let site = Site::new();
    let store = store_dir();
    let feed = site.url(A, "/feed.xml");
    let out = run(crawl_args(
        &site,
        store.path(),
        "crawl",
        std::slice::from_ref(&feed),
        &[],
    ));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = store.path().to_str().unwrap();
    let listing = dateline(&["sources", "--store", dir]);
    let text = String::from_utf8_lossy(&listing.stdout);
    assert!(text.contains("feed") && text.contains(&feed), "{text}");

    // Reset: the next poll asks for the feed whole.
    assert_eq!(
        dateline(&["sources", "--store", dir, "--reset", &feed])
            .status
            .code(),
        Some(0)
    );
    site.web.clear_log();
    run(crawl_args(&site, store.path(), "crawl", &[], &[]));
    let asked: Vec<_> = site
        .web
        .log()
        .into_iter()
        .filter(|h| h.path == "/feed.xml")
        .collect();
    assert_eq!(asked.len(), 1);
    assert!(asked[0].if_none_match.is_none(), "reset keeps no validator");

    // Remove: nothing left to crawl.
    assert_eq!(
        dateline(&["sources", "--store", dir, "--remove", &feed])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        dateline(&["sources", "--store", dir, "--remove", &feed])
            .status
            .code(),
        Some(1)
    );
    let none = run(crawl_args(&site, store.path(), "crawl", &[], &[]));
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stderr).contains("no sources"));
}

#[test]
fn since_and_max_pages_bound_a_run() {
    let site = Site::new();
    let store = store_dir();
    // A's gzipped sitemap dates articles 0..12 from 2024-01-01, 7h13m
    // apart: from the 3rd of January only articles 7 and later are kept.
    let sitemap = site.url(A, "/sitemaps/2024.xml.gz");
    let out = run(crawl_args(
        &site,
        store.path(),
        "crawl",
        std::slice::from_ref(&sitemap),
        &["--since", "2024-01-03", "--max-pages", "3"],
    ));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let kept: Vec<u64> = (0..12)
        .filter(|&n| pages::article_published(n).as_str() >= "2024-01-03")
        .collect();
    assert_eq!(
        report["crawl"]["skipped"]["older than --since"],
        12 - kept.len() as u64,
        "{report}"
    );
    let fetched = |site: &Site| {
        (0..12)
            .filter(|&n| site.web.count(A, &pages::article_path(A, n)) > 0)
            .collect::<Vec<u64>>()
    };
    assert_eq!(fetched(&site).len(), 3, "--max-pages");
    assert!(fetched(&site).iter().all(|n| kept.contains(n)));
    // The next run goes on with what was left.
    for _ in 0..kept.len() {
        run(crawl_args(
            &site,
            store.path(),
            "crawl",
            &[],
            &["--since", "2024-01-03", "--max-pages", "3"],
        ));
        if fetched(&site).len() == kept.len() {
            break;
        }
    }
    assert_eq!(fetched(&site), kept);
    assert!((0..12).all(|n| site.web.count(A, &pages::article_path(A, n)) <= 1));
    let bad = dateline(&[
        "crawl",
        &sitemap,
        "--store",
        store.path().to_str().unwrap(),
        "--since",
        "last week",
    ]);
    assert_eq!(bad.status.code(), Some(2));
}
