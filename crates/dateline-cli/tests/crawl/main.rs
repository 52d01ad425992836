//! The crawler's integration tests: `dateline crawl`, `watch` and `fetch`
//! run against a fake news web on loopback.
//!
//! - [`web`]: the fake web itself, an HTTP/1.1 server with many virtual
//!   hosts on one port, routes a test sets and changes while the crawler
//!   runs, misbehaviours on demand (delays, drips, lying validators,
//!   truncated answers), and a log of every request with its timing and
//!   connection, to check politeness.
//! - [`pages`]: deterministic content for it: news articles, front pages,
//!   RSS/Atom/JSON feeds, sitemaps, gzip.
//!
//! Test cases for the crawler are added here by the crawler's author, one
//! module per concern; `web_self_test` and `pages_self_test` check the
//! fake web and its pages, so that a failure here points at the crawler.

// Test support: each crawler test uses only a part of it.
#[allow(dead_code)]
mod pages;
#[allow(dead_code)]
mod site;
#[allow(dead_code)]
mod web;

mod commands;
mod pages_self_test;
mod polite;
mod rerun;
mod resume;
mod unruly;
mod watch;
mod web_self_test;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

/// Runs the `dateline` binary.
fn dateline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(args)
        .output()
        .expect("dateline runs")
}

/// A fresh store folder.
fn store_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

/// The arguments of a test crawl of `site` into `store`.
fn crawl_args(
    site: &site::Site,
    store: &Path,
    command: &str,
    targets: &[String],
    extra: &[&str],
) -> Vec<String> {
    let mut args: Vec<String> = vec![command.into()];
    args.extend(targets.iter().cloned());
    if !extra.contains(&"--delay") {
        args.extend(["--delay".to_string(), site::DELAY.to_string()]);
    }
    args.extend(
        [
            "--store",
            store.to_str().expect("a UTF-8 path"),
            "--no-enrich",
            "-q",
            "--json",
            "--contact",
            "tests@example.org",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    args.extend(site.resolve_args());
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

/// `dateline crawl` of `targets`: its output and its JSON report.
fn crawl(
    site: &site::Site,
    store: &Path,
    targets: &[String],
    extra: &[&str],
) -> (Output, serde_json::Value) {
    let args = crawl_args(site, store, "crawl", targets, extra);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = dateline(&args);
    assert_ne!(
        out.status.code(),
        Some(101),
        "panicked: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|err| {
        panic!(
            "{err}: stdout {:?}, stderr {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out, report)
}

/// Each stored article's URL (without scheme, host and port: servers of
/// two runs differ in port), title and text.
fn articles_of(store: &Path) -> BTreeSet<(String, String, String)> {
    let out = dateline(&["export", "--store", store.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|line| {
            let a: serde_json::Value = serde_json::from_str(line).unwrap();
            let text = |k: &str| a[k].as_str().unwrap_or_default().to_string();
            let url = text("url");
            let path = url.splitn(4, '/').nth(3).unwrap_or_default().to_string();
            (path, text("title"), text("text"))
        })
        .collect()
}

/// The articles a fresh store gets from `store`'s WARC files (which must
/// all read without a failure).
fn articles_from_warc(store: &Path) -> BTreeSet<(String, String, String)> {
    let copy = store_dir();
    let warc = store.join("warc");
    let ingest = dateline(&[
        "ingest",
        warc.to_str().unwrap(),
        "--store",
        copy.path().to_str().unwrap(),
        "--no-enrich",
        "-q",
        "--json",
    ]);
    assert_eq!(
        ingest.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ingest.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&ingest.stdout).unwrap();
    assert_eq!(summary["failed"], serde_json::json!({}), "{summary}");
    articles_of(copy.path())
}
