//! What a crawl did, for its summary.

use std::collections::BTreeMap;

use serde::Serialize;

/// Counts of one crawl run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CrawlReport {
    /// Requests made (robots.txt included).
    pub requests: u64,
    /// robots.txt answers read.
    pub robots: u64,
    /// Feeds, sitemaps and home pages read.
    pub documents: u64,
    /// Pages (articles and crawled pages) fetched.
    pub pages: u64,
    /// Pages handed to the pipeline.
    pub ingested: u64,
    /// Pages a killed run had fetched but not stored, handed on again.
    pub resumed: u64,
    /// Conditional requests answered 304.
    pub not_modified: u64,
    /// URLs found for the first time.
    pub new_urls: u64,
    /// Source polls completed.
    pub polls: u64,
    /// Failed requests, by reason.
    pub failed: BTreeMap<String, u64>,
    /// URLs not fetched, by reason (robots.txt, limits, not a page...).
    pub skipped: BTreeMap<String, u64>,
    /// Feeds and sitemaps read despite breakage, by what was wrong.
    pub repaired: BTreeMap<String, u64>,
    /// Hosts left for the run, with why.
    pub parked: Vec<(String, String)>,
    /// Wall-clock seconds.
    pub seconds: f64,
}
