//! Bad input is normal input: broken, cut and mislabelled feeds, redirect
//! loops, drip-fed and broken-off answers, a gzip bomb, a huge page. Each
//! gets a reason; the run goes on and ends.

use std::time::Duration;

use crate::pages::{self, FeedKind, Item};
use crate::site::Site;
use crate::web::{FakeWeb, Response};
use crate::{crawl, dateline, store_dir};

const BAD: &str = "bad.test";
const DRIP: &str = "drip.test";
const FLAKY: &str = "flaky.test";

fn item(web: &FakeWeb, host: &str, path: &str) -> Item {
    Item::new(
        &web.url(host, path),
        "A story",
        &pages::article_published(1),
    )
}

fn unruly_web() -> FakeWeb {
    let web = FakeWeb::start();
    for host in [BAD, DRIP, FLAKY] {
        web.set(
            host,
            "/robots.txt",
            Response::text("User-agent: *\nAllow: /\n"),
        );
    }
    web.set(
        BAD,
        "/",
        Response::html(pages::front_page(
            BAD,
            &[],
            &[
                (FeedKind::Rss, "/feed-html.xml".into()),
                (FeedKind::Rss, "/cut.xml".into()),
                (FeedKind::Rss, "/binary.xml".into()),
                (FeedKind::Atom, "/loop1".into()),
            ],
        )),
    );
    web.set(
        BAD,
        "/feed-html.xml",
        Response::html(pages::front_page(BAD, &[], &[])),
    );
    web.set(
        BAD,
        "/binary.xml",
        Response::ok("application/rss+xml", vec![0u8, 159, 146, 150, 1, 2, 3]),
    );
    web.set(BAD, "/loop1", Response::redirect(302, "/loop2"));
    web.set(BAD, "/loop2", Response::redirect(302, "/loop1"));
    let listed = [
        item(&web, BAD, "/bomb"),
        item(&web, BAD, "/huge"),
        item(&web, BAD, "/gone"),
        item(&web, BAD, &pages::article_path(BAD, 1)),
        item(&web, DRIP, "/drip"),
        item(&web, FLAKY, "/err"),
        item(&web, BAD, "/cut-short"),
    ];
    let feed = pages::rss(&listed);
    // Cut in the middle of one more item, after the complete ones.
    let cut = format!(
        "{}<item><title>Lost</title><link>http://bad.te",
        &feed[..feed.rfind("</channel>").unwrap()]
    );
    web.set(BAD, "/cut.xml", Response::xml(cut));
    web.set(
        BAD,
        "/bomb",
        Response::ok("text/html", pages::gzip_bomb(1 << 30)).header("Content-Encoding", "gzip"),
    );
    // 30 MB, most of it a script: big to carry, cheap to extract.
    let huge = pages::article(BAD, 2).replacen(
        "</head>",
        &format!(
            "<script>var data = \"{}\";</script></head>",
            "x".repeat(30 << 20)
        ),
        1,
    );
    web.set(BAD, "/huge", Response::html(huge));
    web.set(BAD, "/gone", Response::status(410));
    web.set(
        BAD,
        &pages::article_path(BAD, 1),
        Response::html(pages::article(BAD, 1)),
    );
    web.set(
        DRIP,
        "/drip",
        Response::html(pages::article(DRIP, 1)).drip(16, Duration::from_millis(200)),
    );
    web.set(FLAKY, "/err", Response::status(500));
    web.set(
        BAD,
        "/cut-short",
        Response::html(pages::article(BAD, 3)).truncated(),
    );
    web
}

#[test]
fn bad_input_gets_reasons_and_the_run_goes_on() {
    let site = Site::new();
    let web = unruly_web();
    let store = store_dir();
    let mut extra: Vec<String> = [BAD, DRIP, FLAKY]
        .iter()
        .flat_map(|h| ["--resolve".to_string(), web.resolve(h)])
        .collect();
    // The feed's other hosts resolve to loopback: allowed here.
    extra.extend(["--timeout", "1", "--delay", "0.05", "--allow-private"].map(String::from));
    let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
    let (out, report) = crawl(&site, store.path(), &[web.url(BAD, "/")], &extra);
    assert_eq!(out.status.code(), Some(1), "some requests failed: {report}");
    let failed = &report["crawl"]["failed"];
    for reason in [
        "timeout",
        "http-410",
        "http-500",
        "unreadable",
        "broken-answer",
        "not-a-feed-or-sitemap",
        "unreadable-document",
    ] {
        assert!(
            failed[reason].as_u64().unwrap_or(0) >= 1,
            "no {reason} in {report}"
        );
    }
    assert!(
        report["crawl"]["repaired"]
            .as_object()
            .is_some_and(|r| !r.is_empty()),
        "{report}"
    );
    // The good article and the huge page went through.
    assert_eq!(report["ingest"]["stored"], 2, "{report}");
    assert_eq!(
        report["crawl"]["skipped"],
        serde_json::json!({}),
        "{report}"
    );
    // The drip and the error were tried three times, then given up.
    assert_eq!(web.count(DRIP, "/drip"), 3);
    assert_eq!(web.count(FLAKY, "/err"), 3);
    assert!(web.count(BAD, "/loop1") <= 2 && web.count(BAD, "/loop2") <= 2);
    let sources = dateline(&[
        "sources",
        "--store",
        store.path().to_str().unwrap(),
        "--json",
    ]);
    let sources: serde_json::Value = serde_json::from_slice(&sources.stdout).unwrap();
    assert!(sources["sources"][0]["last_error"].is_string(), "{sources}");
}
