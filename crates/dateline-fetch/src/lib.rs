//! Dateline's live sources: news sites, feeds and sitemaps followed
//! politely, every answer written to WARC, every page handed to the
//! pipeline as one more record source.
//!
//! [`start`] runs a crawl on a thread of its own and gives back a
//! [`CrawlStream`] (a [`dateline_input::RecordStream`] of the pages it
//! fetches, for the pipeline) and a [`CrawlControl`] to stop it and read
//! its [`CrawlReport`]. The frontier (sources, hosts, URLs and their
//! states) lives in the store's database, so a crawl killed at any moment
//! and run again loses nothing and fetches nothing twice but what was in
//! flight.
//!
//! Politeness: robots.txt (RFC 9309, the `DatelineBot` group before `*`)
//! before anything else on a host; one request at a time per host, a
//! delay between requests (at least 1 s, or the host's Crawl-delay up to a
//! cap), `Retry-After` and backoff obeyed; a host that keeps failing is
//! left for the run. See [`CrawlOptions`] for every default and its reason.

mod documents;
mod engine;
pub mod feed;
mod hosts;
pub mod links;
pub mod net;
mod options;
mod report;
pub mod robots;
pub mod schedule;
pub mod sitemap;
mod stream;
mod task;
mod urls;
mod warc;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;

use dateline_input::Counts;
use dateline_store::{Frontier, StoreError, UrlKind, UrlState};
use url::Url;

pub use net::{is_public, FetchError};
pub use options::{CrawlOptions, Mode, PRODUCT};
pub use report::CrawlReport;
pub use stream::CrawlStream;

use crate::engine::{unix_now, Engine};

/// Why a crawl could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum CrawlError {
    /// A source or URL given is not an http(s) URL.
    #[error("{0:?} is not an http or https URL")]
    BadUrl(String),
    /// Nothing to crawl.
    #[error("no sources: give SOURCE URLs (they are remembered in the store)")]
    NoSources,
    /// The store's frontier could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A WARC file could not be written.
    #[error("writing WARC: {0}")]
    Warc(String),
    /// The HTTP client or its runtime could not start.
    #[error("starting the crawler: {0}")]
    Internal(String),
}

/// A running crawl: its pages, and the handle that stops it.
pub struct Crawl {
    /// The pages, for the pipeline.
    pub stream: CrawlStream,
    /// Stop it, wait for it.
    pub control: CrawlControl,
}

/// Stops a crawl and waits for its report.
pub struct CrawlControl {
    stop: Arc<AtomicBool>,
    thread: JoinHandle<Result<CrawlReport, CrawlError>>,
}

impl CrawlControl {
    /// The flag that stops the crawl (for a Ctrl-C handler): requests in
    /// flight finish, nothing new starts.
    pub fn stop_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.stop)
    }

    /// Asks the crawl to stop.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    /// Waits for the crawl to end.
    pub fn join(self) -> Result<CrawlReport, CrawlError> {
        self.thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }
}

/// Starts a crawl of the store in `store_dir`: `targets` are the sources
/// (site home pages, feeds, sitemaps) to crawl or watch (none: every
/// source the store follows), or the pages to fetch ([`Mode::Fetch`]).
pub fn start(
    store_dir: &Path,
    targets: &[String],
    mode: Mode,
    mut options: CrawlOptions,
) -> Result<Crawl, CrawlError> {
    let urls: Vec<Url> = targets
        .iter()
        .map(|t| match Url::parse(t.trim()) {
            Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => Ok(url),
            _ => Err(CrawlError::BadUrl(t.clone())),
        })
        .collect::<Result<_, _>>()?;
    let frontier = Frontier::open(store_dir)?;
    frontier.requeue_in_flight()?;
    let now = unix_now();
    let mut given = Vec::new();
    let mut sources = BTreeMap::new();
    if mode == Mode::Fetch {
        let new: Vec<_> = urls
            .iter()
            .map(|u| urls::new_url(u, UrlKind::Article, None, 0, 0, None))
            .collect();
        frontier.add_urls(&new, now)?;
        for url in &new {
            if frontier
                .url(&url.key)?
                .is_some_and(|row| row.state != UrlState::Done)
            {
                given.push(url.key.clone());
            }
        }
    } else {
        for url in &urls {
            frontier.add_source(url.as_str(), now)?;
        }
        let wanted: Vec<String> = urls.iter().map(|u| u.to_string()).collect();
        for source in frontier.sources()? {
            if wanted.is_empty() || wanted.contains(&source.url) {
                sources.insert(source.id, source);
            }
        }
        if sources.is_empty() {
            return Err(CrawlError::NoSources);
        }
    }
    let resolver = Arc::new(net::Resolver::new(&options.resolve, options.allow_private));
    // The user named these hosts: they may be anywhere, loopback included.
    for url in urls.iter().chain(
        sources
            .values()
            .filter_map(|s| Url::parse(&s.url).ok())
            .collect::<Vec<_>>()
            .iter(),
    ) {
        if let Some(host) = url.host_str() {
            resolver.trust(host);
        }
    }
    if options.warc_dir.is_relative() {
        options.warc_dir = store_dir.join(&options.warc_dir);
    }
    let warcs = warc::WarcFiles::open(
        &options.warc_dir,
        options.max_warc_bytes,
        &options.user_agent(),
        &frontier.warc_files()?,
    )
    .map_err(|err| CrawlError::Warc(format!("{}: {err}", options.warc_dir.display())))?;
    let client = net::Client::new(
        &net::ClientOptions {
            user_agent: options.user_agent(),
            connect_timeout: options.connect_timeout,
            timeout: options.timeout,
        },
        resolver,
    )
    .map_err(CrawlError::Internal)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("dateline-fetch")
        .enable_all()
        .build()
        .map_err(|err| CrawlError::Internal(err.to_string()))?;
    let (records_tx, records_rx) = std::sync::mpsc::sync_channel(64);
    let stop = Arc::new(AtomicBool::new(false));
    let engine = Engine::new(
        options,
        mode,
        frontier,
        warcs,
        client,
        runtime,
        records_tx,
        Arc::clone(&stop),
        sources,
    );
    let thread = std::thread::Builder::new()
        .name("dateline-crawl".into())
        .spawn(move || engine.start(given))
        .map_err(|err| CrawlError::Internal(err.to_string()))?;
    Ok(Crawl {
        stream: CrawlStream {
            records: records_rx,
            counts: Counts::default(),
        },
        control: CrawlControl { stop, thread },
    })
}

/// The WARC folder of a store.
pub fn warc_dir(store_dir: &Path) -> PathBuf {
    store_dir.join("warc")
}
