//! Shared plumbing of the peer wrappers: the page loader and command line of
//! `crates/dateline-bench` (compiled in by path so both sides read pages the
//! same way) and the common `predict` / `throughput` entry point.

#[path = "../../../crates/dateline-bench/src/pages.rs"]
pub mod pages;

use pages::{Args, Page, Prediction};

/// Decodes page bytes the same way for every Rust peer: UTF-8 when valid,
/// otherwise the encoding `chardetng` guesses (honouring the TLD of the URL).
pub fn decode(page: &Page) -> String {
    match std::str::from_utf8(&page.bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => {
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(&page.bytes, true);
            let tld = page
                .url
                .as_deref()
                .and_then(|u| url::Url::parse(u).ok())
                .and_then(|u| {
                    u.host_str()
                        .and_then(|h| h.rsplit('.').next().map(str::to_owned))
                });
            let encoding = detector.guess(tld.as_deref().map(str::as_bytes), true);
            encoding.decode(&page.bytes).0.into_owned()
        }
    }
}

/// A peer: one extraction from decoded HTML and the page URL.
pub trait Peer {
    /// Tool name and version, as reported in results.
    const NAME: &'static str;
    /// The options used, as a human-readable string.
    const OPTIONS: &'static str;
    /// Extracts one page.
    fn extract(html: &str, url: Option<&str>) -> Result<Prediction, String>;
}

/// `BIN predict ARGS...` writes predictions JSONL; `BIN throughput ARGS...`
/// times in-memory extraction; `BIN info` prints name and options.
pub fn main<P: Peer>() {
    let usage = "BIN (predict|throughput|info) DIR_OR_FILES... [--urls URLS.json] [--out FILE] [--id stem|name] [--min-seconds S] [--min-rounds N]";
    let mut argv = std::env::args().skip(1);
    let mode = argv.next().unwrap_or_default();
    match mode.as_str() {
        "info" => println!(
            "{}",
            serde_json::json!({"name": P::NAME, "options": P::OPTIONS})
        ),
        "predict" => {
            let args = Args::parse_from(usage, argv);
            pages::write_predictions(&args, |page| {
                let html = decode(page);
                let result = std::panic::catch_unwind(|| P::extract(&html, page.url.as_deref()));
                match result {
                    Ok(Ok(prediction)) => prediction,
                    Ok(Err(error)) => Prediction {
                        error: Some(error),
                        ..Default::default()
                    },
                    Err(_) => Prediction {
                        error: Some("panic".into()),
                        ..Default::default()
                    },
                }
            });
        }
        "throughput" => {
            let args = Args::parse_from(usage, argv);
            pages::throughput(&args, decode, |html, page| {
                match P::extract(html, page.url.as_deref()) {
                    Ok(prediction) => prediction.text.len(),
                    Err(_) => 0,
                }
            });
        }
        _ => pages::die(&format!("usage: {usage}")),
    }
}

/// Splits an author string ("A; B", "A, B and C" kept whole) on semicolons.
pub fn split_authors(author: Option<&str>) -> Vec<String> {
    author
        .map(|a| {
            a.split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}
