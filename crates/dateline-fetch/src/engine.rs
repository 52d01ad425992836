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

    /// Starts the polls that are due.
    fn start_due_polls(&mut self, now: Instant) -> Result<(), CrawlError> {
        if self.mode == Mode::Fetch {
            return Ok(());
        }
        let due: Vec<i64> = self
            .next_poll
            .iter()
            .filter(|(id, at)| **at <= now && !self.polls.contains_key(id))
            .map(|(id, _)| *id)
            .collect();
        for id in due {
            let Some(source) = self.sources.get(&id).cloned() else {
                continue;
            };
            if self.mode == Mode::Crawl {
                // One poll a run.
                self.next_poll.remove(&id);
            } else {
                self.next_poll
                    .insert(id, now + Duration::from_secs(365 * 86400));
            }
            self.polls.insert(
                id,
                Poll {
                    unchanged: true,
                    ..Poll::default()
                },
            );
            let Ok(url) = Url::parse(&source.url) else {
                continue;
            };
            let kind = match source.kind {
                SourceKind::Feed => UrlKind::Feed,
                SourceKind::Sitemap => UrlKind::Sitemap,
                SourceKind::Site | SourceKind::Unknown => UrlKind::Page,
            };
            let mut documents = vec![urls::document(&url, kind, id, 0)];
            for row in self.frontier.documents(id)? {
                if let Ok(url) = Url::parse(&row.url) {
                    documents.push(urls::document(&url, row.kind, id, row.hops));
                }
            }
            self.enqueue(documents, true)?;
            if self.polls.get(&id).is_some_and(|p| p.pending == 0) {
                self.finish_poll(id)?;
            }
        }
        Ok(())
    }

    /// Adds URLs to the frontier and queues the new ones (documents of a
    /// poll are queued once each per poll, new or not). How many were new.
    fn enqueue(&mut self, urls: Vec<NewUrl>, documents: bool) -> Result<u64, CrawlError> {
        let now = unix_now();
        let added = self.frontier.add_urls(&urls, now)?;
        let mut new = 0;
        for (url, added) in urls.into_iter().zip(added) {
            new += u64::from(added);
            let queue = if documents {
                let Some(poll) = url.source_id.and_then(|id| self.polls.get_mut(&id)) else {
                    continue;
                };
                let first = poll.docs.insert(url.key.clone());
                if first {
                    poll.pending += 1;
                }
                first
            } else {
                added
            };
            if !queue {
                continue;
            }
            let work = if added {
                Work::from_new(&url, documents)
            } else {
                // Known before: its validators make the fetch conditional.
                self.frontier
                    .url(&url.key)?
                    .and_then(|row| Work::from_row(&row, documents))
            };
            if let Some(work) = work {
                self.push(work);
            }
        }
        Ok(new)
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

    fn complete(&mut self, done: Completion) -> Result<(), CrawlError> {
        self.in_flight -= 1;
        let now = Instant::now();
        let attempts = match &done.job {
            Job::Url(work) => work.attempts + 1,
            Job::Robots { .. } => 1,
        };
        let answer = match &done.result {
            Ok(reply) if matches!(reply.status, 429 | 503) => Answer::Busy(
                reply
                    .header("retry-after")
                    .and_then(|v| schedule::retry_after(v, SystemTime::now())),
            ),
            Ok(reply) if reply.status >= 500 => Answer::Failed,
            Ok(_) => Answer::Fine,
            Err(err) if err.is_transient() => Answer::Failed,
            Err(_) => Answer::Fine,
        };
        let host = self.hosts.get_mut(&done.origin).expect("a known host");
        let then = host.finished(now, answer, attempts, &self.manners);
        let error = match &done.result {
            Err(err) => Some(err.reason().to_string()),
            Ok(reply) if reply.status >= 500 || reply.status == 429 => {
                Some(format!("http-{}", reply.status))
            }
            Ok(_) => None,
        };
        self.frontier
            .host_fetched(&done.origin, unix_now(), error.as_deref())?;
        match done.job {
            Job::Robots { url, hops } => self.robots_done(&done.origin, url, hops, done.result)?,
            Job::Url(mut work) if then == Then::Retry => {
                work.attempts += 1;
                let host = self.hosts.get_mut(&done.origin).expect("a known host");
                host.push(work, true);
            }
            Job::Url(work) if then == Then::Parked => {
                self.frontier.set_state(&work.key, UrlState::Queued, None)?;
                self.poll_done(&work, PollDoc::Failed("host parked".into()))?;
            }
            Job::Url(work) => self.url_done(work, done.result)?,
        }
        if then == Then::Parked {
            self.park(&done.origin)?;
        }
        Ok(())
    }

    /// Leaves a host for the run: what waits for it stays queued.
    fn park(&mut self, origin: &str) -> Result<(), CrawlError> {
        let host = self.hosts.get_mut(origin).expect("a known host");
        let left = host.drain();
        for work in left {
            self.poll_done(&work, PollDoc::Failed("host parked".into()))?;
        }
        Ok(())
    }

    fn robots_done(
        &mut self,
        origin: &str,
        url: Url,
        hops: u32,
        result: Result<Reply, FetchError>,
    ) -> Result<(), CrawlError> {
        self.report.robots += 1;
        let robots = match result {
            Ok(reply) => {
                self.write(&reply)?;
                let location = reply.header("location").and_then(|l| url.join(l).ok());
                match (reply.status, reply.content, location) {
                    (300..=399, _, Some(next)) if hops < 5 => {
                        self.in_flight_robots_redirect(origin, next, hops + 1);
                        return Ok(());
                    }
                    (304, _, _) => {
                        let cached = self.frontier.host(origin)?.unwrap_or_default();
                        let robots = Robots::from_answer(
                            cached.robots_status.unwrap_or(200),
                            cached.robots.as_deref().unwrap_or("").as_bytes(),
                        );
                        let mut row = cached;
                        row.origin = origin.to_string();
                        row.robots_fetched_at = Some(unix_now());
                        self.frontier.save_robots(&row)?;
                        robots
                    }
                    (status, content, _) => {
                        let (robots, text) = match content {
                            Content::Robots(robots, text) => (robots, text),
                            _ => (Robots::from_answer(status, b""), String::new()),
                        };
                        if robots.blocked().is_none() {
                            self.frontier.save_robots(&dateline_store::HostRow {
                                origin: origin.to_string(),
                                robots: Some(text),
                                robots_status: Some(status),
                                robots_fetched_at: Some(unix_now()),
                                robots_etag: header(&reply.headers, "etag"),
                                robots_last_modified: header(&reply.headers, "last-modified"),
                                ..Default::default()
                            })?;
                        }
                        robots
                    }
                }
            }
            Err(FetchError::PrivateAddress(_)) => {
                // Not a failing host: one the crawl may not reach at all.
                let host = self.hosts.get_mut(origin).expect("a known host");
                host.parked = Some("private address".into());
                for work in host.drain() {
                    self.skip(&work, "private-address")?;
                }
                return Ok(());
            }
            Err(err) => Robots::unreachable(format!("robots.txt could not be fetched: {err}")),
        };
        let delay = self.options.host_delay(robots.delay);
        self.robots_sitemaps
            .insert(origin.to_string(), robots.sitemaps.clone());
        let blocked = robots.blocked().map(str::to_string);
        let host = self.hosts.get_mut(origin).expect("a known host");
        host.delay = delay;
        host.next_at = host.next_at.max(Instant::now() + delay);
        host.robots = RobotsState::Ready(robots);
        if let Some(reason) = blocked {
            host.parked = Some(reason);
            self.park(origin)?;
        }
        Ok(())
    }

    fn in_flight_robots_redirect(&mut self, origin: &str, next: Url, hops: u32) {
        let host = self.hosts.get_mut(origin).expect("a known host");
        host.started();
        self.start_robots(origin, next, hops);
    }

    fn url_done(
        &mut self,
        work: Work,
        result: Result<Reply, FetchError>,
    ) -> Result<(), CrawlError> {
        let reply = match result {
            Ok(reply) => reply,
            Err(err) => {
                let state = if matches!(err, FetchError::PrivateAddress(_)) {
                    UrlState::Skipped
                } else {
                    UrlState::Failed
                };
                self.count_failure(state, err.reason());
                self.frontier.finish(
                    &work.key,
                    state,
                    &Fetched {
                        at: unix_now(),
                        reason: Some(err.to_string()),
                        ..Fetched::default()
                    },
                )?;
                return self.poll_done(&work, PollDoc::Failed(err.to_string()));
            }
        };
        let written = self.write(&reply)?;
        let mut fetched = Fetched {
            status: Some(reply.status),
            at: unix_now(),
            etag: header(&reply.headers, "etag"),
            last_modified: header(&reply.headers, "last-modified"),
            body_hash: Some(reply.body_hash.clone()),
            warc: Some(written.path.to_string()),
            warc_offset: written.offsets.get(1).copied(),
            record_id: Some(reply.encoded.record_id.clone()),
            ..Fetched::default()
        };
        let status = reply.status;
        let mut state = UrlState::Done;
        match status {
            304 => {
                self.report.not_modified += 1;
                fetched.reason = Some("not modified".into());
                self.frontier.finish(&work.key, state, &fetched)?;
                return self.poll_done(&work, PollDoc::Unchanged(limits(&reply)));
            }
            200..=299 => {}
            300..=399 => {
                let target = reply.header("location").and_then(|l| work.url.join(l).ok());
                fetched.reason = Some(match &target {
                    Some(target) => format!("redirected to {target}"),
                    None => "redirect without a Location".into(),
                });
                self.frontier.finish(&work.key, state, &fetched)?;
                if let Some(target) = target {
                    self.redirect(&work, target)?;
                }
                return self.poll_done(&work, PollDoc::Redirected);
            }
            _ => {
                let reason = format!("http-{status}");
                self.count_failure(UrlState::Failed, &reason);
                fetched.reason = Some(reason.clone());
                self.frontier
                    .finish(&work.key, UrlState::Failed, &fetched)?;
                return self.poll_done(&work, PollDoc::Failed(reason));
            }
        }
        let unchanged = work.body_hash.as_deref() == Some(&reply.body_hash[..]);
        let limits = limits(&reply);
        let doc = match reply.content {
            Content::Document(document) => {
                self.read_document(&work, document, unchanged, limits)?
            }
            Content::Page { record, links } => {
                self.report.pages += 1;
                let host = self
                    .hosts
                    .get_mut(&urls::origin(&work.url))
                    .expect("a known host");
                host.pages += 1;
                match record {
                    Ok(mut record) => {
                        record.source.path = std::path::PathBuf::from(&*written.path);
                        record.source.offset = written.offsets[1];
                        self.emit(record);
                    }
                    Err(reason) => {
                        *self.report.skipped.entry(reason.clone()).or_default() += 1;
                        fetched.reason = Some(reason);
                    }
                }
                if let Some(links) = links {
                    self.follow_links(&work, links.links)?;
                }
                PollDoc::Read {
                    items: 0,
                    new: 0,
                    unchanged,
                    limits,
                }
            }
            Content::Unreadable(reason) => {
                self.count_failure(UrlState::Failed, "unreadable");
                state = UrlState::Failed;
                fetched.reason = Some(reason.clone());
                PollDoc::Failed(reason)
            }
            Content::Nothing | Content::Robots(..) => PollDoc::Read {
                items: 0,
                new: 0,
                unchanged,
                limits,
            },
        };
        if let PollDoc::Failed(reason) = &doc {
            fetched.reason.get_or_insert_with(|| reason.clone());
        }
        self.frontier.finish(&work.key, state, &fetched)?;
        self.poll_done(&work, doc)
    }

    fn count_failure(&mut self, state: UrlState, reason: &str) {
        let counts = if state == UrlState::Skipped {
            &mut self.report.skipped
        } else {
            &mut self.report.failed
        };
        *counts.entry(reason.to_string()).or_default() += 1;
    }

    fn skip(&mut self, work: &Work, reason: &str) -> Result<(), CrawlError> {
        *self.report.skipped.entry(reason.to_string()).or_default() += 1;
        self.frontier.finish(
            &work.key,
            UrlState::Skipped,
            &Fetched {
                at: unix_now(),
                reason: Some(reason.to_string()),
                ..Fetched::default()
            },
        )?;
        self.poll_done(work, PollDoc::Failed(reason.to_string()))
    }

    /// Writes a reply's records and commits the file's length.
    fn write(&mut self, reply: &Reply) -> Result<crate::warc::Appended, CrawlError> {
        let appended = self
            .warcs
            .append(&reply.encoded.members)
            .map_err(|source| CrawlError::Warc(source.to_string()))?;
        self.frontier.commit_warc(&appended.path, appended.end)?;
        Ok(appended)
    }

    /// Hands a page to the pipeline; a pipeline that is gone stops the crawl.
    fn emit(&mut self, record: Record) {
        self.report.ingested += 1;
        if self.records.send(Ok(record)).is_err() {
            self.stop.store(true, Ordering::Relaxed);
        }
    }

    fn redirect(&mut self, work: &Work, target: Url) -> Result<(), CrawlError> {
        if work.hops + 1 > self.options.max_redirects {
            self.count_failure(UrlState::Failed, "too-many-redirects");
            return Ok(());
        }
        let new = match (work.document, work.source) {
            (true, Some(source)) => urls::document(&target, work.kind, source, work.hops + 1),
            _ => urls::new_url(
                &target,
                work.kind,
                work.source,
                work.depth,
                work.hops + 1,
                None,
            ),
        };
        self.enqueue(vec![new], work.document)?;
        Ok(())
    }

    fn follow_links(&mut self, work: &Work, links: Vec<String>) -> Result<(), CrawlError> {
        let site = dateline_dedup::site_key(work.url.as_str());
        let mut found: Vec<NewUrl> = Vec::new();
        for url in links.iter().filter_map(|link| Url::parse(link).ok()) {
            if dateline_dedup::site_key(url.as_str()) != site {
                continue;
            }
            // A link back to a document (the home page) is that document.
            if self
                .frontier
                .url(&urls::key(&url, UrlKind::Feed))?
                .is_some()
            {
                continue;
            }
            found.push(urls::new_url(
                &url,
                UrlKind::Page,
                work.source,
                work.depth + 1,
                0,
                None,
            ));
        }
        self.enqueue(found, false)?;
        Ok(())
    }

    /// What a document lists, queued.
    fn read_document(
        &mut self,
        work: &Work,
        document: Document,
        unchanged: bool,
        mut limits: PublisherLimits,
    ) -> Result<PollDoc, CrawlError> {
        self.report.documents += 1;
        let source_kind = work
            .source
            .and_then(|id| self.sources.get(&id))
            .map(|s| s.kind);
        // A source of unknown kind is asked for as a page at depth 0 (the
        // only such document it has): its answer says what it is.
        if source_kind == Some(SourceKind::Unknown) && work.kind == UrlKind::Page && work.depth == 0
        {
            let kind = match &document {
                Document::Feed(_) => Some(SourceKind::Feed),
                Document::Sitemap(_) => Some(SourceKind::Sitemap),
                Document::Page(_) => Some(SourceKind::Site),
                Document::Other(_) => None,
            };
            if let (Some(kind), Some(id)) = (kind, work.source) {
                self.frontier.set_source_kind(id, kind)?;
                if let Some(source) = self.sources.get_mut(&id) {
                    source.kind = kind;
                }
            }
        }
        let (listed, documents): (Vec<NewUrl>, Vec<NewUrl>) = match document {
            Document::Feed(feed) => {
                if let Some(ttl) = feed.ttl_minutes {
                    let ttl = Duration::from_secs(u64::from(ttl) * 60);
                    limits.min_interval = Some(limits.min_interval.map_or(ttl, |m| m.max(ttl)));
                }
                if let Some(reason) = feed.repaired {
                    *self.report.repaired.entry(reason).or_default() += 1;
                }
                let items = feed
                    .items
                    .iter()
                    .filter_map(|item| {
                        Url::parse(&item.url)
                            .ok()
                            .map(|url| (url, item.published.clone()))
                    })
                    .map(|(url, date)| {
                        urls::new_url(&url, UrlKind::Article, work.source, 0, 0, date)
                    })
                    .collect();
                (items, Vec::new())
            }
            Document::Sitemap(sitemap) => {
                if let Some(reason) = &sitemap.error {
                    *self.report.repaired.entry(reason.clone()).or_default() += 1;
                }
                let site = dateline_dedup::site_key(work.url.as_str());
                let since = self.options.since.clone();
                let mut entries = Vec::new();
                for entry in &sitemap.entries {
                    let Ok(url) = Url::parse(&entry.loc) else {
                        continue;
                    };
                    if since
                        .as_deref()
                        .is_some_and(|s| !sitemap::on_or_after(entry.date(), s))
                    {
                        *self
                            .report
                            .skipped
                            .entry("older than --since".into())
                            .or_default() += 1;
                        continue;
                    }
                    if !sitemap.is_index && dateline_dedup::site_key(url.as_str()) != site {
                        *self
                            .report
                            .skipped
                            .entry("out of the sitemap's site".into())
                            .or_default() += 1;
                        continue;
                    }
                    entries.push((url, entry.date().map(str::to_string)));
                }
                if sitemap.is_index {
                    let source = work.source.unwrap_or_default();
                    let children = entries
                        .into_iter()
                        .map(|(url, _)| urls::document(&url, UrlKind::Sitemap, source, 0))
                        .collect();
                    (Vec::new(), children)
                } else {
                    let pages = entries
                        .into_iter()
                        .map(|(url, date)| {
                            urls::new_url(&url, UrlKind::Article, work.source, 0, 0, date)
                        })
                        .collect();
                    (pages, Vec::new())
                }
            }
            Document::Page(links) if work.kind == UrlKind::Page => {
                let origin = urls::origin(&work.url);
                let source = work.source.unwrap_or_default();
                let mut documents: Vec<NewUrl> = links
                    .feeds
                    .iter()
                    .filter_map(|f| Url::parse(f).ok())
                    .map(|url| urls::document(&url, UrlKind::Feed, source, 0))
                    .collect();
                for sitemap in self
                    .robots_sitemaps
                    .get(&origin)
                    .cloned()
                    .unwrap_or_default()
                {
                    if let Ok(url) = Url::parse(&sitemap) {
                        documents.push(urls::document(&url, UrlKind::Sitemap, source, 0));
                    }
                }
                if documents.is_empty() {
                    // Neither feed nor sitemap: a bounded crawl of its links.
                    self.follow_links(work, links.links)?;
                }
                (Vec::new(), documents)
            }
            Document::Page(_) => {
                let reason = format!("not a {}: an HTML page", work.kind.as_str());
                self.count_failure(UrlState::Failed, "not-a-feed-or-sitemap");
                return Ok(PollDoc::Failed(reason));
            }
            Document::Other(reason) => {
                self.count_failure(UrlState::Failed, "unreadable-document");
                return Ok(PollDoc::Failed(reason));
            }
        };
        let items = listed.len() as u64;
        let new = self.enqueue(listed, false)?;
        self.report.new_urls += new;
        self.enqueue(documents, true)?;
        Ok(PollDoc::Read {
            items,
            new,
            unchanged,
            limits,
        })
    }

    /// Counts a document into its poll; a poll whose documents are all in
    /// is recorded and scheduled again.
    fn poll_done(&mut self, work: &Work, doc: PollDoc) -> Result<(), CrawlError> {
        if !work.document {
            return Ok(());
        }
        let Some(id) = work.source else { return Ok(()) };
        let Some(poll) = self.polls.get_mut(&id) else {
            return Ok(());
        };
        poll.pending = poll.pending.saturating_sub(1);
        match doc {
            PollDoc::Unchanged(limits) => poll.limits = merge(poll.limits, limits),
            PollDoc::Redirected => poll.unchanged = false,
            PollDoc::Read {
                items,
                new,
                unchanged,
                limits,
            } => {
                poll.items += items;
                poll.new_items += new;
                poll.unchanged &= unchanged;
                poll.limits = merge(poll.limits, limits);
            }
            PollDoc::Failed(reason) => {
                poll.unchanged = false;
                poll.error.get_or_insert(reason);
            }
        }
        if poll.pending == 0 {
            self.finish_poll(id)?;
        }
        Ok(())
    }

    fn finish_poll(&mut self, id: i64) -> Result<(), CrawlError> {
        let Some(poll) = self.polls.remove(&id) else {
            return Ok(());
        };
        let previous = self
            .sources
            .get(&id)
            .and_then(|s| s.interval_s)
            .map(Duration::from_secs_f64);
        let outcome = PollOutcome {
            items: poll.items,
            new_items: poll.new_items,
            unchanged: poll.unchanged,
            failed: poll.error.is_some(),
        };
        let interval = self.options.schedule.next(previous, outcome, poll.limits);
        let now = unix_now();
        self.frontier.record_poll(
            id,
            &dateline_store::Poll {
                at: now,
                next_fetch: now + interval.as_secs_f64(),
                interval_s: interval.as_secs_f64(),
                unchanged: poll.unchanged,
                items: poll.items,
                new_items: poll.new_items,
                error: poll.error,
            },
        )?;
        if let Some(source) = self.sources.get_mut(&id) {
            source.interval_s = Some(interval.as_secs_f64());
        }
        self.report.polls += 1;
        if self.mode == Mode::Watch {
            self.next_poll.insert(id, Instant::now() + interval);
        }
        Ok(())
    }
}

/// What a document gave its poll.
enum PollDoc {
    Unchanged(PublisherLimits),
    Redirected,
    Read {
        items: u64,
        new: u64,
        unchanged: bool,
        limits: PublisherLimits,
    },
    Failed(String),
}

fn merge(a: PublisherLimits, b: PublisherLimits) -> PublisherLimits {
    PublisherLimits {
        min_interval: a.min_interval.max(b.min_interval),
        retry_after: a.retry_after.max(b.retry_after),
    }
}

/// What an answer's headers ask of pollers.
fn limits(reply: &Reply) -> PublisherLimits {
    PublisherLimits {
        min_interval: reply.header("cache-control").and_then(schedule::max_age),
        retry_after: reply
            .header("retry-after")
            .and_then(|v| schedule::retry_after(v, SystemTime::now())),
    }
}

fn header(headers: &reqwest::header::HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}
