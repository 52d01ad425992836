//! The crawl suite (`dateline-crawl-bench`, run by `bench/run --suite
//! crawl`): the targets of the live-sources issue measured against a
//! loopback web.
//!
//! - [`web`]: the loopback server (virtual hosts from memory, a request
//!   log); [`sites`]: the bench pages spread over fake news hosts, with
//!   robots.txt and sitemaps;
//! - [`crawler`]: the release `dateline` binary run and timed;
//! - [`throughput`]: target 1, a crawl with politeness off, fetch + WARC +
//!   ingest in pages/s;
//! - [`load`]: target 2, the HTTP client alone in requests/s;
//! - [`polite`]: target 3, politeness on: the scheduler's efficiency
//!   against the ideal schedule, from the web's log;
//! - [`sitemaps`]: target 4, a 50,000-URL sitemap's parse time and memory.
//!
//! Each measurement prints one JSON object; `bench/crawl_suite.py` renders
//! them.

pub mod crawler;
pub mod load;
pub mod polite;
pub mod sitemaps;
pub mod sites;
pub mod throughput;
pub mod web;
