//! How a crawl behaves, with the reason for each default.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

/// The product name and version in the `User-Agent`.
pub const PRODUCT: &str = concat!("DatelineBot/", env!("CARGO_PKG_VERSION"));

/// What a crawl does with its sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Discover from every source once, fetch what is new, stop.
    Crawl,
    /// Fetch the given URLs as articles, nothing else.
    Fetch,
    /// Poll the sources on their schedules until stopped.
    Watch,
}

/// Crawl settings: a `Default` struct with builder setters.
#[derive(Debug, Clone)]
pub struct CrawlOptions {
    /// `--contact`: an e-mail address or URL put in the `User-Agent`, so
    /// that a site's operator can reach whoever runs the crawl.
    pub contact: Option<String>,
    /// Least time between two requests to one host, and between the end
    /// of one and the start of the next (1 s: a common courtesy; a
    /// host's Crawl-delay raises it).
    pub delay: Duration,
    /// Most time a Crawl-delay may impose (30 s: beyond, a crawl of a few
    /// pages would take hours; a host asking more gets this).
    pub max_delay: Duration,
    /// Hosts asked at once (16: many sites in parallel, one request each).
    pub concurrency: usize,
    /// Time to connect (10 s).
    pub connect_timeout: Duration,
    /// Time for a whole answer (30 s: a drip-fed answer ends here).
    pub timeout: Duration,
    /// Largest page, as sent and as decoded (32 MiB: news pages are far
    /// smaller; a gzip bomb is cut here).
    pub max_page_bytes: u64,
    /// Largest feed or sitemap, decoded (64 MiB: the sitemap protocol's
    /// 50 MB limit, with room).
    pub max_document_bytes: u64,
    /// Tries of a request that keeps failing for a passing reason (3).
    pub tries: u32,
    /// Wait before the first retry, doubled each time (2 s).
    pub backoff: Duration,
    /// Failures in a row after which a host is left for the run (5).
    pub park_after: u32,
    /// Longest Retry-After honoured by waiting (15 min); a host asking
    /// more is left for the run.
    pub max_retry_after: Duration,
    /// Redirects followed from one URL (5).
    pub max_redirects: u32,
    /// Pages (not robots.txt, feeds or sitemaps) fetched per host in one
    /// run (`--max-pages`; unbounded by default); the rest wait for the
    /// next run.
    pub max_pages: Option<u64>,
    /// Only sitemap entries dated on or after this day (`--since`,
    /// `YYYY-MM-DD`).
    pub since: Option<String>,
    /// Links followed from a site's home page when it has neither feed nor
    /// sitemap (2: the home page's links and theirs).
    pub link_depth: u32,
    /// How long robots.txt is trusted (24 h, RFC 9309's advice).
    pub robots_ttl: Duration,
    /// Host names mapped to addresses, like curl's `--resolve`.
    pub resolve: Vec<(String, IpAddr)>,
    /// Let URLs found in pages reach loopback, private and link-local
    /// addresses (off: a page must not steer the crawler into the network
    /// it runs in). Sources given by the user may always.
    pub allow_private: bool,
    /// Polling of sources in watch mode.
    pub schedule: crate::schedule::Schedule,
    /// Where WARC files go.
    pub warc_dir: PathBuf,
    /// WARC files are closed at this size and a new one started (1 GiB).
    pub max_warc_bytes: u64,
}

impl Default for CrawlOptions {
    fn default() -> Self {
        Self {
            contact: None,
            delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(30),
            concurrency: 16,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_page_bytes: 32 << 20,
            max_document_bytes: 64 << 20,
            tries: 3,
            backoff: Duration::from_secs(2),
            park_after: 5,
            max_retry_after: Duration::from_secs(15 * 60),
            max_redirects: 5,
            max_pages: None,
            since: None,
            link_depth: 2,
            robots_ttl: Duration::from_secs(24 * 3600),
            resolve: Vec::new(),
            allow_private: false,
            schedule: crate::schedule::Schedule::default(),
            warc_dir: PathBuf::from("warc"),
            max_warc_bytes: 1 << 30,
        }
    }
}

impl CrawlOptions {
    /// The `User-Agent`: the product, and the contact when given.
    pub fn user_agent(&self) -> String {
        match &self.contact {
            Some(contact) => format!("Mozilla/5.0 (compatible; {PRODUCT}; +{contact})"),
            None => format!("Mozilla/5.0 (compatible; {PRODUCT})"),
        }
    }

    /// The delay between requests to a host whose robots.txt asks
    /// `crawl_delay` seconds.
    pub fn host_delay(&self, crawl_delay: Option<f64>) -> Duration {
        let asked = crawl_delay
            .filter(|d| d.is_finite() && *d > 0.0)
            .map(Duration::from_secs_f64)
            .unwrap_or_default();
        self.delay.max(asked.min(self.max_delay))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_honour_crawl_delay_up_to_the_cap() {
        let options = CrawlOptions::default();
        assert_eq!(options.host_delay(None), Duration::from_secs(1));
        assert_eq!(options.host_delay(Some(0.2)), Duration::from_secs(1));
        assert_eq!(options.host_delay(Some(5.0)), Duration::from_secs(5));
        assert_eq!(options.host_delay(Some(3600.0)), Duration::from_secs(30));
        assert_eq!(options.host_delay(Some(f64::NAN)), Duration::from_secs(1));
    }

    #[test]
    fn the_user_agent_names_us_and_the_contact() {
        let mut options = CrawlOptions::default();
        assert!(options.user_agent().contains("DatelineBot/"));
        options.contact = Some("news-lab@example.org".into());
        assert!(options.user_agent().ends_with("+news-lab@example.org)"));
    }
}
