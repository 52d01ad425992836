//! The fake web checked on the wire, with a raw client: if these fail, the
//! crawler's tests would be testing the fake rather than the crawler.

use std::io::Read;
use std::thread;
use std::time::{Duration, Instant};

use flate2::read::GzDecoder;

use crate::pages;
use crate::web::{FakeWeb, Response};

mod raw;

use raw::Conn;

const A: &str = "news-a.test";
const B: &str = "news-b.test";

/// The log's invariants, for every test's server.
fn check_log(web: &FakeWeb) {
    let log = web.log();
    for pair in log.windows(2) {
        assert!(pair[0].seq < pair[1].seq, "log in arrival order: {log:#?}");
    }
    for hit in &log {
        assert!(hit.start <= hit.end, "start before end: {hit:#?}");
    }
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("the body is valid gzip");
    out
}

#[test]
fn hosts_are_chosen_by_the_host_header_name() {
    let web = FakeWeb::start();
    web.set(A, "/", Response::html("site a"));
    web.set(B, "/", Response::html("site b"));
    web.set(A, "/search?q=rain", Response::html("results"));
    let mut conn = Conn::open(&web);
    assert_eq!(conn.get(A, "/", &[]).text(), "site a");
    assert_eq!(conn.get("NEWS-B.Test", "/", &[]).text(), "site b");
    assert_eq!(conn.get(A, "/search?q=rain", &[]).text(), "results");
    assert_eq!(conn.get(A, "/search?q=snow", &[]).status, 404);
    // No port in the Host header, absolute-form target: same site.
    conn.send_raw(b"GET / HTTP/1.1\r\nHost: news-b.test\r\n\r\n");
    assert_eq!(conn.receive(false).expect("an answer").text(), "site b");
    conn.send_raw(b"GET http://news-a.test/ HTTP/1.1\r\nHost: news-a.test\r\n\r\n");
    assert_eq!(conn.receive(false).expect("an answer").text(), "site a");

    let hosts: Vec<String> = web.log().into_iter().map(|hit| hit.host).collect();
    assert_eq!(hosts, [A, B, A, A, B, A]);
    assert_eq!(
        web.url(A, "/x"),
        format!("http://news-a.test:{}/x", web.port())
    );
    assert_eq!(
        web.resolve(A),
        format!("news-a.test:{}:127.0.0.1", web.port())
    );
    check_log(&web);
}

#[test]
fn unknown_hosts_and_paths_get_a_logged_404() {
    let web = FakeWeb::start();
    web.set(A, "/", Response::html("home"));
    let mut conn = Conn::open(&web);
    let reply = conn.get("nowhere.test", "/", &[("User-Agent", "probe/1.0")]);
    assert_eq!(reply.status, 404);
    assert!(reply
        .header("content-type")
        .unwrap_or("")
        .starts_with("text/html"));
    assert!(reply.text().contains("Not Found"), "{}", reply.text());
    assert_eq!(conn.get(A, "/missing", &[]).status, 404);

    let log = web.log();
    assert_eq!(log.len(), 2);
    assert_eq!((log[0].host.as_str(), log[0].status), ("nowhere.test", 404));
    assert_eq!(log[0].user_agent.as_deref(), Some("probe/1.0"));
    assert_eq!((log[1].path.as_str(), log[1].status), ("/missing", 404));
    assert_eq!(web.count(A, "/missing"), 1);
    web.clear_log();
    assert!(web.log().is_empty());
}

#[test]
fn one_connection_carries_several_requests() {
    let web = FakeWeb::start();
    web.set(A, "/", Response::html("home"));
    let mut first = Conn::open(&web);
    assert_eq!(first.get(A, "/", &[]).status, 200);
    assert_eq!(first.get(A, "/", &[]).status, 200);
    // Pipelined: both requests sent before either answer is read.
    first.send("GET", A, "/", &[]);
    first.send("HEAD", A, "/", &[]);
    assert_eq!(first.receive(false).expect("first answer").text(), "home");
    assert_eq!(first.receive(true).expect("second answer").status, 200);
    let mut second = Conn::open(&web);
    assert_eq!(second.get(A, "/", &[]).status, 200);

    let connections: Vec<u64> = web.log().iter().map(|hit| hit.connection).collect();
    assert_eq!(connections[..4], [connections[0]; 4], "{connections:?}");
    assert_ne!(connections[4], connections[0]);
    check_log(&web);
}

#[test]
fn head_announces_the_body_without_sending_it() {
    let web = FakeWeb::start();
    web.set(A, "/page", Response::html("hello"));
    let mut conn = Conn::open(&web);
    let reply = conn.head(A, "/page");
    assert_eq!(
        (reply.status, reply.header("content-length")),
        (200, Some("5"))
    );
    assert!(reply.body.is_empty());
    assert_eq!(
        conn.get(A, "/page", &[]).text(),
        "hello",
        "connection still usable"
    );

    conn.send_raw(b"POST /page HTTP/1.1\r\nHost: news-a.test\r\nContent-Length: 3\r\n\r\nabc");
    let reply = conn.receive(false).expect("an answer to POST");
    assert_eq!(
        (reply.status, reply.header("allow")),
        (405, Some("GET, HEAD"))
    );
    assert_eq!(web.log()[2].method, "POST");
}

#[test]
fn a_matching_etag_gets_304() {
    let web = FakeWeb::start();
    web.set(A, "/feed", Response::xml("<rss/>").etag("\"v1\""));
    let mut conn = Conn::open(&web);
    let reply = conn.get(A, "/feed", &[]);
    assert_eq!((reply.status, reply.header("etag")), (200, Some("\"v1\"")));
    let reply = conn.get(A, "/feed", &[("If-None-Match", "\"v1\"")]);
    assert_eq!((reply.status, reply.header("etag")), (304, Some("\"v1\"")));
    assert!(reply.body.is_empty() && reply.header("content-length").is_none());
    let reply = conn.get(A, "/feed", &[("If-None-Match", "W/\"v0\", W/\"v1\"")]);
    assert_eq!(reply.status, 304);
    let reply = conn.get(A, "/feed", &[("If-None-Match", "\"v0\"")]);
    assert_eq!((reply.status, reply.text().as_str()), (200, "<rss/>"));

    let log = web.log();
    let statuses: Vec<u16> = log.iter().map(|hit| hit.status).collect();
    assert_eq!(statuses, [200, 304, 304, 200]);
    assert_eq!(log[1].if_none_match.as_deref(), Some("\"v1\""));
}

#[test]
fn a_matching_last_modified_gets_304() {
    let date = pages::http_date("2019-12-09T17:34:00Z");
    assert_eq!(date, "Mon, 09 Dec 2019 17:34:00 GMT");
    let web = FakeWeb::start();
    web.set(
        A,
        "/map.xml",
        Response::xml("<urlset/>").last_modified(&date),
    );
    let mut conn = Conn::open(&web);
    let reply = conn.get(A, "/map.xml", &[]);
    assert_eq!(reply.header("last-modified"), Some(date.as_str()));
    assert_eq!(
        conn.get(A, "/map.xml", &[("If-Modified-Since", date.as_str())])
            .status,
        304
    );
    let older = "Sun, 08 Dec 2019 17:34:00 GMT";
    assert_eq!(
        conn.get(A, "/map.xml", &[("If-Modified-Since", older)])
            .status,
        200
    );
    // If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2).
    let both = [
        ("If-None-Match", "\"x\""),
        ("If-Modified-Since", date.as_str()),
    ];
    assert_eq!(conn.get(A, "/map.xml", &both).status, 200);
    assert_eq!(
        web.log()[1].if_modified_since.as_deref(),
        Some(date.as_str())
    );
}

#[test]
fn lying_validators_never_304_and_change_the_etag() {
    let date = pages::http_date("2024-01-01T00:00:00Z");
    let web = FakeWeb::start();
    let page = Response::html("same body")
        .etag("\"v1\"")
        .last_modified(&date);
    web.set(A, "/", page.lying_validators());
    let mut conn = Conn::open(&web);
    let mut tags = Vec::new();
    for _ in 0..3 {
        let previous = tags.last().cloned().unwrap_or_else(|| "\"v1\"".to_string());
        let reply = conn.get(
            A,
            "/",
            &[
                ("If-None-Match", previous.as_str()),
                ("If-Modified-Since", date.as_str()),
            ],
        );
        assert_eq!((reply.status, reply.text().as_str()), (200, "same body"));
        tags.push(reply.header("etag").expect("an ETag").to_string());
    }
    assert!(tags[0] != tags[1] && tags[1] != tags[2], "{tags:?}");
}

#[test]
fn sequences_answer_in_order_then_repeat_the_last() {
    let web = FakeWeb::start();
    let answers = vec![
        Response::html("one"),
        Response::status(503).retry_after("1"),
        Response::html("three"),
    ];
    web.set_sequence(A, "/s", answers);
    let mut conn = Conn::open(&web);
    assert_eq!(conn.get(A, "/s", &[]).text(), "one");
    let busy = conn.get(A, "/s", &[]);
    assert_eq!((busy.status, busy.header("retry-after")), (503, Some("1")));
    assert_eq!(conn.get(A, "/s", &[]).text(), "three");
    assert_eq!(conn.get(A, "/s", &[]).text(), "three");
    web.set(A, "/s", Response::html("again"));
    assert_eq!(conn.get(A, "/s", &[]).text(), "again");
    web.remove(A, "/s");
    assert_eq!(conn.get(A, "/s", &[]).status, 404);
}

#[test]
fn delay_and_drip_take_about_as_long_as_asked() {
    let web = FakeWeb::start();
    web.set(
        A,
        "/slow",
        Response::html("late").delay(Duration::from_millis(150)),
    );
    // 50 bytes in 5-byte pieces: 9 gaps of 20 ms.
    let body = "x".repeat(50);
    web.set(
        A,
        "/drip",
        Response::html(body.clone()).drip(5, Duration::from_millis(20)),
    );
    let mut conn = Conn::open(&web);

    let clock = Instant::now();
    assert_eq!(conn.get(A, "/slow", &[]).text(), "late");
    let slow = clock.elapsed();
    let clock = Instant::now();
    assert_eq!(conn.get(A, "/drip", &[]).text(), body);
    let drip = clock.elapsed();
    assert!(
        slow >= Duration::from_millis(150) && slow < Duration::from_secs(2),
        "{slow:?}"
    );
    assert!(
        drip >= Duration::from_millis(180) && drip < Duration::from_secs(2),
        "{drip:?}"
    );

    let log = web.log();
    assert!(
        log[0].duration() >= Duration::from_millis(150),
        "{:?}",
        log[0]
    );
    assert!(
        log[1].duration() >= Duration::from_millis(180),
        "{:?}",
        log[1]
    );
    assert!(log[0].end <= log[1].start);
    check_log(&web);
}

#[test]
fn gzip_answers_decode_to_the_body() {
    let web = FakeWeb::start();
    let page = pages::article(A, 3);
    web.set(A, "/g", Response::html(page.clone()).gzip());
    web.set(A, "/gc", Response::html(page.clone()).gzip().chunked());
    let mut conn = Conn::open(&web);
    let reply = conn.get(A, "/g", &[("Accept-Encoding", "gzip")]);
    assert_eq!(reply.header("content-encoding"), Some("gzip"));
    assert_eq!(
        reply.header("content-length"),
        Some(reply.body.len().to_string().as_str())
    );
    assert!(reply.body.len() < page.len() / 2, "compressed");
    assert_eq!(gunzip(&reply.body), page.as_bytes());
    let reply = conn.get(A, "/gc", &[]);
    assert_eq!(reply.header("transfer-encoding"), Some("chunked"));
    assert_eq!(gunzip(&reply.body), page.as_bytes());
    assert_eq!(web.log()[0].header("accept-encoding"), Some("gzip"));
}

#[test]
fn chunked_answers_reassemble() {
    let web = FakeWeb::start();
    let page = pages::article(A, 4);
    web.set(A, "/c", Response::html(page.clone()).chunked());
    web.set(
        A,
        "/cd",
        Response::html("abcdefghij")
            .chunked()
            .drip(3, Duration::from_millis(5)),
    );
    let mut conn = Conn::open(&web);
    let reply = conn.get(A, "/c", &[]);
    assert!(reply.header("content-length").is_none() && reply.complete);
    assert_eq!(reply.text(), page);
    assert_eq!(conn.get(A, "/cd", &[]).text(), "abcdefghij");
}

#[test]
fn redirects_carry_a_location() {
    let web = FakeWeb::start();
    web.set(A, "/old", Response::redirect(301, "/new"));
    web.set(A, "/away", Response::redirect(302, "http://news-b.test/x"));
    let mut conn = Conn::open(&web);
    let reply = conn.get(A, "/old", &[]);
    assert_eq!(
        (reply.status, reply.header("location")),
        (301, Some("/new"))
    );
    let reply = conn.get(A, "/away", &[]);
    assert_eq!(
        (reply.status, reply.header("location")),
        (302, Some("http://news-b.test/x"))
    );
}

#[test]
fn broken_answers_break_as_announced() {
    let web = FakeWeb::start();
    web.set(A, "/cut", Response::html("y".repeat(1000)).truncated());
    web.set(A, "/gone", Response::hang_up());
    let mut conn = Conn::open(&web);
    let reply = conn.get(A, "/cut", &[]);
    assert_eq!(reply.header("content-length"), Some("1000"));
    assert_eq!((reply.body.len(), reply.complete), (500, false));
    assert!(conn.receive(false).is_none(), "closed after the cut");

    let mut conn = Conn::open(&web);
    conn.send("GET", A, "/gone", &[]);
    assert!(conn.receive(false).is_none(), "no answer at all");
    let statuses: Vec<u16> = web.log().iter().map(|hit| hit.status).collect();
    assert_eq!(statuses, [200, 0]);
}

#[test]
fn dropping_the_server_is_prompt_even_mid_answer() {
    let web = FakeWeb::start();
    web.set(A, "/", Response::html("home"));
    web.set(
        A,
        "/forever",
        Response::html("late").delay(Duration::from_secs(60)),
    );
    let mut idle = Conn::open(&web);
    assert_eq!(idle.get(A, "/", &[]).status, 200);
    let port = web.port();
    let waiting = thread::spawn(move || {
        let mut conn = Conn::connect(port);
        conn.send("GET", A, "/forever", &[]);
        conn.receive(false).is_none()
    });
    thread::sleep(Duration::from_millis(100));

    let clock = Instant::now();
    drop(web);
    let took = clock.elapsed();
    assert!(took < Duration::from_secs(1), "drop took {took:?}");
    assert!(
        waiting.join().expect("the waiting client ends"),
        "no answer after stop"
    );
    assert!(idle.receive(false).is_none(), "idle connection closed");
}
