//! Benchmark drivers for Dateline (not published). The binaries
//! `dateline-predict` and `dateline-throughput` are run by `bench/run`;
//! `dateline-crawl-bench` by its crawl suite ([`crawl`]).

pub mod corpus;
pub mod crawl;
pub mod pages;

use dateline_extract::{InputKind, Options};

/// The extraction options the benchmark uses for a page: HTML unless the
/// page is a `.txt` dump, with the page address when known.
pub fn options_for(page: &pages::Page) -> Options {
    let kind = if pages::is_text(page) {
        InputKind::Text
    } else {
        InputKind::Html
    };
    let options = Options::default().input(kind);
    match &page.url {
        Some(url) => options.url(url.clone()),
        None => options,
    }
}
