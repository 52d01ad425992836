//! `kill -9` in the middle of a crawl, then the same crawl again: the store
//! ends as a clean run's, nothing is fetched twice but what was in flight,
//! and the WARC files stay readable.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::pages;
use crate::site::Site;
use crate::web::{FakeWeb, Response};
use crate::{articles_from_warc, articles_of, crawl, crawl_args, store_dir};

const HOSTS: [&str; 2] = ["slow-1.test", "slow-2.test"];
const PER_HOST: u64 = 14;

/// Two hosts of slow articles, listed by a sitemap each.
fn slow_web() -> FakeWeb {
    let web = FakeWeb::start();
    for host in HOSTS {
        web.set(
            host,
            "/robots.txt",
            Response::text("User-agent: *\nAllow: /\n"),
        );
        let entries: Vec<(String, Option<String>)> = (0..PER_HOST)
            .map(|n| (web.url(host, &pages::article_path(host, n)), None))
            .collect();
        web.set(
            host,
            "/sitemap.xml",
            Response::xml(pages::sitemap(&entries)).etag("\"s1\""),
        );
        for n in 0..PER_HOST {
            web.set(
                host,
                &pages::article_path(host, n),
                Response::html(pages::article(host, n)).delay(Duration::from_millis(120)),
            );
        }
    }
    web
}

fn sources(web: &FakeWeb) -> Vec<String> {
    HOSTS.iter().map(|h| web.url(h, "/sitemap.xml")).collect()
}

fn resolve(web: &FakeWeb) -> Vec<String> {
    HOSTS
        .iter()
        .flat_map(|h| ["--resolve".to_string(), web.resolve(h)])
        .collect()
}

#[test]
fn kill_9_and_resume_equals_a_clean_run() {
    // Only the helpers' arguments are taken from the news site.
    let site = Site::new();
    let extra_for = |web: &FakeWeb| {
        let mut extra = resolve(web);
        extra.extend(["--delay".to_string(), "0".to_string()]);
        extra
    };

    let clean_web = slow_web();
    let clean = store_dir();
    let extra = extra_for(&clean_web);
    let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
    let (out, _) = crawl(&site, clean.path(), &sources(&clean_web), &extra);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected = articles_of(clean.path());
    assert_eq!(expected.len() as u64, PER_HOST * 2);

    let web = slow_web();
    let store = store_dir();
    let extra = extra_for(&web);
    let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
    let args = crawl_args(&site, store.path(), "crawl", &sources(&web), &extra);
    let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(&args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("dateline runs");
    // Kill it once a few articles are in, well before the end.
    let deadline = Instant::now() + Duration::from_secs(30);
    while web
        .log()
        .iter()
        .filter(|h| h.path.starts_with("/news/"))
        .count()
        < 6
    {
        assert!(Instant::now() < deadline, "the crawl never got going");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().expect("kill -9");
    child.wait().unwrap();
    let before = web
        .log()
        .iter()
        .filter(|h| h.path.starts_with("/news/"))
        .count();
    assert!(
        before < (PER_HOST * 2) as usize,
        "the crawl ended before the kill"
    );

    let (out, report) = crawl(&site, store.path(), &[], &extra);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(articles_of(store.path()), expected, "{report}");
    // Fetched twice: only what was in flight, one per host at most.
    let log = web.log();
    let mut twice = 0;
    for host in HOSTS {
        for n in 0..PER_HOST {
            let count = web.count(host, &pages::article_path(host, n));
            assert!((1..=2).contains(&count), "{host} {n}: {count} fetches");
            twice += count - 1;
        }
    }
    assert!(
        twice <= HOSTS.len(),
        "{twice} articles fetched twice; {} requests",
        log.len()
    );

    // The WARC files read back whole: no torn record.
    assert_eq!(articles_from_warc(store.path()), expected);
}
