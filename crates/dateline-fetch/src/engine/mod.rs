//! The crawl loop, on a thread of its own: sources polled into documents,
//! documents read into URLs, URLs fetched host by host, every answer
//! written to WARC and remembered in the frontier, every page handed to the
//! pipeline.
//!
//! Requests run as tasks on a small tokio runtime; everything else (the
//! frontier, the WARC files, the decisions) happens here, one answer at a
//! time, so the bookkeeping needs no locks.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, SyncSender};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use dateline_input::{InputError, Record};
use dateline_store::{Fetched, Frontier, NewUrl, SourceKind, SourceRow, UrlKind, UrlRow, UrlState};
use url::Url;

use crate::documents::Document;
use crate::hosts::{Answer, Host, Manners, RobotsState, Then};
use crate::net::{Ask, Client, FetchError};
use crate::options::{CrawlOptions, Mode};
use crate::report::CrawlReport;
use crate::robots::Robots;
use crate::schedule::{self, PollOutcome, PublisherLimits};
use crate::sitemap;
use crate::task::{self, Caps, Content, Reply, Want};
use crate::urls;
use crate::warc::WarcFiles;
use crate::CrawlError;

/// A URL to fetch, with what the frontier knows of it.
#[derive(Debug, Clone)]
pub(crate) struct Work {
    key: String,
    url: Url,
    kind: UrlKind,
    source: Option<i64>,
    depth: u32,
    hops: u32,
    /// A source's own document (a feed, a sitemap, a home page): fetched
    /// again at every poll, conditionally.
    document: bool,
    etag: Option<String>,
    last_modified: Option<String>,
    body_hash: Option<Vec<u8>>,
    fetched_at: Option<f64>,
    attempts: u32,
}

impl Work {
    fn from_new(url: &NewUrl, document: bool) -> Option<Self> {
        Some(Self {
            key: url.key.clone(),
            url: Url::parse(&url.url).ok()?,
            kind: url.kind,
            source: url.source_id,
            depth: url.depth,
            hops: url.hops,
            document,
            etag: None,
            last_modified: None,
            body_hash: None,
            fetched_at: None,
            attempts: 0,
        })
    }

    fn from_row(row: &UrlRow, document: bool) -> Option<Self> {
        Some(Self {
            key: row.key.clone(),
            url: Url::parse(&row.url).ok()?,
            kind: row.kind,
            source: row.source_id,
            depth: row.depth,
            hops: row.hops,
            document,
            etag: row.etag.clone(),
            last_modified: row.last_modified.clone(),
            body_hash: row.body_hash.clone(),
            fetched_at: row.fetched_at,
            attempts: 0,
        })
    }
}

enum Job {
    Robots { url: Url, hops: u32 },
    Url(Work),
}

/// A finished request.
pub(crate) struct Completion {
    origin: String,
    job: Job,
    result: Result<Reply, FetchError>,
}

/// A poll of a source in progress.
#[derive(Default)]
struct Poll {
    docs: HashSet<String>,
    pending: u32,
    items: u64,
    new_items: u64,
    unchanged: bool,
    error: Option<String>,
    limits: PublisherLimits,
}

/// The crawl's state.
pub(crate) struct Engine {
    pub(crate) options: CrawlOptions,
    pub(crate) mode: Mode,
    pub(crate) frontier: Frontier,
    pub(crate) warcs: WarcFiles,
    pub(crate) client: Client,
    pub(crate) runtime: tokio::runtime::Runtime,
    pub(crate) records: SyncSender<Result<Record, InputError>>,
    pub(crate) stop: Arc<AtomicBool>,
    pub(crate) done_tx: Sender<Completion>,
    pub(crate) done_rx: Receiver<Completion>,
    pub(crate) sources: BTreeMap<i64, SourceRow>,
    pub(crate) report: CrawlReport,
    hosts: HashMap<String, Host<Work>>,
    robots_sitemaps: HashMap<String, Vec<String>>,
    polls: HashMap<i64, Poll>,
    next_poll: HashMap<i64, Instant>,
    in_flight: usize,
    manners: Manners,
}

/// Unix seconds now.
pub(crate) fn unix_now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

mod answers;
mod discovery;
mod polls;

impl Engine {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        options: CrawlOptions,
        mode: Mode,
        frontier: Frontier,
        warcs: WarcFiles,
        client: Client,
        runtime: tokio::runtime::Runtime,
        records: SyncSender<Result<Record, InputError>>,
        stop: Arc<AtomicBool>,
        sources: BTreeMap<i64, SourceRow>,
    ) -> Self {
        let (done_tx, done_rx) = std::sync::mpsc::channel();
        let manners = Manners {
            tries: options.tries,
            backoff: options.backoff,
            park_after: options.park_after,
            max_retry_after: options.max_retry_after,
        };
        let now = Instant::now();
        let next_poll = sources
            .values()
            .map(|s| {
                let due = match (mode, s.next_fetch) {
                    (Mode::Watch, Some(at)) => {
                        now + Duration::from_secs_f64((at - unix_now()).max(0.0))
                    }
                    _ => now,
                };
                (s.id, due)
            })
            .collect();
        Self {
            options,
            mode,
            frontier,
            warcs,
            client,
            runtime,
            records,
            stop,
            done_tx,
            done_rx,
            sources,
            report: CrawlReport::default(),
            hosts: HashMap::new(),
            robots_sitemaps: HashMap::new(),
            polls: HashMap::new(),
            next_poll,
            in_flight: 0,
            manners,
        }
    }

    fn stopping(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// Hands on the pages a killed run fetched but did not store, queues
    /// the `given` URLs (fetch mode) or what earlier runs left, and runs.
    pub(crate) fn start(mut self, given: Vec<String>) -> Result<CrawlReport, CrawlError> {
        for (path, offset, id) in self.frontier.unstored_pages()? {
            if let Some(record) = crate::warc::page_at(std::path::Path::new(&path), offset, &id) {
                self.report.resumed += 1;
                self.emit(record);
            }
        }
        if self.mode == Mode::Fetch {
            for key in given {
                if let Some(work) = self
                    .frontier
                    .url(&key)?
                    .and_then(|r| Work::from_row(&r, false))
                {
                    self.push(work);
                }
            }
        } else {
            for row in self.frontier.urls_in_state(UrlState::Queued)? {
                // Articles and pages a run left; documents come with polls.
                let page =
                    row.kind == UrlKind::Article || (row.kind == UrlKind::Page && row.depth > 0);
                if let (true, Some(work)) = (page, Work::from_row(&row, false)) {
                    self.push(work);
                }
            }
        }
        self.run()
    }

    /// Runs until the work is done (crawl, fetch) or the crawl is stopped.
    fn run(mut self) -> Result<CrawlReport, CrawlError> {
        let started = Instant::now();
        loop {
            let now = Instant::now();
            if !self.stopping() {
                self.start_due_polls(now)?;
                self.schedule(now)?;
            }
            let finished = self.mode != Mode::Watch && !self.has_work();
            if self.in_flight == 0 && (self.stopping() || finished) {
                break;
            }
            let wait = self.next_wake(now);
            match self.done_rx.recv_timeout(wait) {
                Ok(done) => self.complete(done)?,
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break,
            }
            while let Ok(done) = self.done_rx.try_recv() {
                self.complete(done)?;
            }
        }
        self.report.seconds = started.elapsed().as_secs_f64();
        self.report.parked = self
            .hosts
            .values()
            .filter(|h| h.parked.as_deref() != Some("private address"))
            .filter_map(|h| h.parked.clone().map(|reason| (h.origin.clone(), reason)))
            .collect();
        Ok(self.report)
    }

    fn has_work(&self) -> bool {
        self.hosts
            .values()
            .any(|h| h.parked.is_none() && (h.waiting() > 0 || h.busy))
            || self.polls.values().any(|p| p.pending > 0)
    }

    fn next_wake(&self, now: Instant) -> Duration {
        let hosts = self
            .hosts
            .values()
            .filter(|h| !h.busy && h.parked.is_none() && h.waiting() > 0)
            .map(|h| h.next_at);
        let polls = self
            .next_poll
            .iter()
            .filter(|(id, _)| self.mode == Mode::Watch && !self.polls.contains_key(id))
            .map(|(_, at)| *at);
        hosts
            .chain(polls)
            .min()
            .map_or(Duration::from_secs(1), |at| {
                at.saturating_duration_since(now)
            })
            .clamp(Duration::from_millis(1), Duration::from_secs(1))
    }

    /// The host of an origin, met now if new (robots.txt from the
    /// frontier when it is fresh enough).
    fn host(&mut self, origin: &str) -> &mut Host<Work> {
        if !self.hosts.contains_key(origin) {
            let mut host = Host::new(origin.to_string(), self.options.delay, Instant::now());
            if let Ok(Some(row)) = self.frontier.host(origin) {
                let fresh = row
                    .robots_fetched_at
                    .is_some_and(|at| unix_now() - at < self.options.robots_ttl.as_secs_f64());
                if let (true, Some(status)) = (fresh, row.robots_status) {
                    let robots =
                        Robots::from_answer(status, row.robots.as_deref().unwrap_or("").as_bytes());
                    host.delay = self.options.host_delay(robots.delay);
                    self.robots_sitemaps
                        .insert(origin.to_string(), robots.sitemaps.clone());
                    host.robots = RobotsState::Ready(robots);
                }
            }
            self.hosts.insert(origin.to_string(), host);
        }
        self.hosts.get_mut(origin).expect("inserted above")
    }

    fn push(&mut self, work: Work) {
        let origin = urls::origin(&work.url);
        self.host(&origin).push(work, false);
    }

    /// Starts what the hosts allow.
    fn schedule(&mut self, now: Instant) -> Result<(), CrawlError> {
        let origins: Vec<String> = self.hosts.keys().cloned().collect();
        for origin in origins {
            if self.in_flight >= self.options.concurrency {
                break;
            }
            let host = self.hosts.get_mut(&origin).expect("a known host");
            if !host.may_start(now) {
                continue;
            }
            if matches!(host.robots, RobotsState::Unknown) {
                host.robots = RobotsState::Fetching;
                host.started();
                let url = Url::parse(&format!("{origin}/robots.txt"))
                    .map_err(|err| CrawlError::Internal(err.to_string()))?;
                self.start_robots(&origin, url, 0);
            } else if let Some(work) = host.pop() {
                self.start_url(&origin, work)?;
            }
        }
        Ok(())
    }

    fn start_robots(&mut self, origin: &str, url: Url, hops: u32) {
        let cached = self.frontier.host(origin).ok().flatten();
        let ask = Ask {
            etag: cached.as_ref().and_then(|h| h.robots_etag.clone()),
            last_modified: cached.as_ref().and_then(|h| h.robots_last_modified.clone()),
            cap: crate::robots::MAX_ROBOTS_BYTES as u64 * 4,
        };
        let want = Want {
            robots: true,
            ..Want::default()
        };
        self.spawn(origin, Job::Robots { url, hops }, ask, want, None);
    }

    /// Starts a URL, or decides without a request that it is not fetched.
    fn start_url(&mut self, origin: &str, work: Work) -> Result<(), CrawlError> {
        let host = self.hosts.get_mut(origin).expect("a known host");
        let RobotsState::Ready(robots) = &host.robots else {
            host.push(work, true);
            return Ok(());
        };
        if !robots.allowed(work.url.as_str()) {
            self.skip(&work, "disallowed by robots.txt")?;
            return Ok(());
        }
        let page =
            matches!(work.kind, UrlKind::Article) || (work.kind == UrlKind::Page && !work.document);
        if page {
            if let Some(max) = self.options.max_pages {
                if host.pages >= max {
                    // Left queued for the next run.
                    *self.report.skipped.entry("max-pages".into()).or_default() += 1;
                    return Ok(());
                }
            }
        }
        host.started();
        self.frontier
            .set_state(&work.key, UrlState::Fetching, None)?;
        let want = if work.document {
            Want {
                document: true,
                text_sitemap: work.kind == UrlKind::Sitemap,
                ..Want::default()
            }
        } else {
            Want {
                page: true,
                links: work.kind == UrlKind::Page && work.depth < self.options.link_depth,
                ..Want::default()
            }
        };
        let ask = Ask {
            etag: work.etag.clone().filter(|_| work.document),
            last_modified: work.last_modified.clone().filter(|_| work.document),
            cap: self.options.max_page_bytes.max(if work.document {
                self.options.max_document_bytes
            } else {
                0
            }),
        };
        let refers_to = work
            .fetched_at
            .map(|at| dateline_input::warc_date(UNIX_EPOCH + Duration::from_secs_f64(at.max(0.0))));
        self.spawn(origin, Job::Url(work), ask, want, refers_to);
        Ok(())
    }

    fn spawn(&mut self, origin: &str, job: Job, ask: Ask, want: Want, refers_to: Option<String>) {
        self.in_flight += 1;
        self.report.requests += 1;
        let url = match &job {
            Job::Robots { url, .. } => url.clone(),
            Job::Url(work) => work.url.clone(),
        };
        let client = self.client.clone();
        let caps = Caps {
            page: self.options.max_page_bytes,
            document: self.options.max_document_bytes,
        };
        let done = self.done_tx.clone();
        let origin = origin.to_string();
        self.runtime.spawn(async move {
            let result = task::fetch(client, url, ask, want, caps, refers_to).await;
            let _ = done.send(Completion {
                origin,
                job,
                result,
            });
        });
    }
}
