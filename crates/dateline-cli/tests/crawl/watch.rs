//! `dateline watch`: a source polled on its schedule, conditionally, and
//! a story published meanwhile searchable through a running `serve` within
//! seconds.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::pages::{self, Item};
use crate::site::Site;
use crate::web::{FakeWeb, Response};
use crate::{crawl_args, store_dir};

const HOST: &str = "watched.test";

fn feed(web: &FakeWeb, numbers: &[u64]) {
    let items: Vec<Item> = numbers
        .iter()
        .map(|&n| {
            Item::new(
                &web.url(HOST, &pages::article_path(HOST, n)),
                &pages::article_title(HOST, n),
                &pages::article_published(n),
            )
        })
        .collect();
    web.set(
        HOST,
        "/feed.xml",
        Response::xml(pages::rss(&items)).etag(&format!("\"{}\"", numbers.len())),
    );
    for &n in numbers {
        web.set(
            HOST,
            &pages::article_path(HOST, n),
            Response::html(pages::article(HOST, n)),
        );
    }
}

/// GET on the server: the JSON body.
fn get(addr: &str, path: &str) -> Option<serde_json::Value> {
    let mut stream = TcpStream::connect(addr).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    let body = answer.split_once("\r\n\r\n")?.1;
    serde_json::from_str(body).ok()
}

#[test]
fn watched_stories_are_searchable_in_a_running_server_within_seconds() {
    let site = Site::new();
    let web = FakeWeb::start();
    web.set(
        HOST,
        "/robots.txt",
        Response::text("User-agent: *\nAllow: /\n"),
    );
    feed(&web, &[0, 1]);
    let store = store_dir();
    let extra = [
        "--resolve".to_string(),
        web.resolve(HOST),
        "--for".into(),
        "20".into(),
        "--min-interval".into(),
        "0.5".into(),
        "--first-interval".into(),
        "0.5".into(),
    ];
    let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
    let args = crawl_args(
        &site,
        store.path(),
        "watch",
        &[web.url(HOST, "/feed.xml")],
        &extra,
    );
    let mut watch = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("dateline watch runs");
    let deadline = Instant::now() + Duration::from_secs(15);
    while web.count(HOST, &pages::article_path(HOST, 1)) == 0 {
        assert!(Instant::now() < deadline, "the first poll never came");
        std::thread::sleep(Duration::from_millis(50));
    }
    // The first stories stored, serve the store.
    std::thread::sleep(Duration::from_secs(2));
    let mut serve = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args([
            "serve",
            "--store",
            store.path().to_str().unwrap(),
            "--addr",
            "127.0.0.1:0",
        ])
        .stderr(Stdio::piped())
        .spawn()
        .expect("dateline serve runs");
    let mut lines = BufReader::new(serve.stderr.take().unwrap()).lines();
    let addr = lines
        .find_map(|line| {
            let line = line.ok()?;
            let at = line.split("http://").nth(1)?;
            Some(at.split('/').next()?.to_string())
        })
        .expect("serve names its address");

    // A new story: searchable within seconds.
    feed(&web, &[2, 0, 1]);
    let published = Instant::now();
    let words: Vec<String> = pages::article_title(HOST, 2)
        .split_whitespace()
        .take(4)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .collect();
    let query = format!("/api/search?q={}", words.join("+"));
    let mut found = false;
    while published.elapsed() < Duration::from_secs(15) {
        if get(&addr, &query).is_some_and(|answer| answer["total"].as_u64() > Some(0)) {
            found = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let waited = published.elapsed();
    let _ = serve.kill();
    let _ = watch.kill();
    let _ = serve.wait();
    let _ = watch.wait();
    assert!(found, "the new story was not searchable after {waited:?}");
    assert!(waited < Duration::from_secs(10), "{waited:?}");
    // Polls after the first asked conditionally.
    let polls: Vec<_> = web
        .log()
        .into_iter()
        .filter(|h| h.path == "/feed.xml")
        .collect();
    assert!(polls.len() >= 3, "{} polls", polls.len());
    assert!(polls[1..].iter().all(|h| h.if_none_match.is_some()));
}
