//! What each answer means: the host's manners, robots.txt, the URL's new
//! state, its records written and its page handed on.

use super::polls::{limits, PollDoc};
use super::*;

impl Engine {
    pub(super) fn complete(&mut self, done: Completion) -> Result<(), CrawlError> {
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
    pub(super) fn park(&mut self, origin: &str) -> Result<(), CrawlError> {
        let host = self.hosts.get_mut(origin).expect("a known host");
        let left = host.drain();
        for work in left {
            self.poll_done(&work, PollDoc::Failed("host parked".into()))?;
        }
        Ok(())
    }

    pub(super) fn robots_done(
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

    pub(super) fn in_flight_robots_redirect(&mut self, origin: &str, next: Url, hops: u32) {
        let host = self.hosts.get_mut(origin).expect("a known host");
        host.started();
        self.start_robots(origin, next, hops);
    }

    pub(super) fn url_done(
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

    pub(super) fn count_failure(&mut self, state: UrlState, reason: &str) {
        let counts = if state == UrlState::Skipped {
            &mut self.report.skipped
        } else {
            &mut self.report.failed
        };
        *counts.entry(reason.to_string()).or_default() += 1;
    }

    pub(super) fn skip(&mut self, work: &Work, reason: &str) -> Result<(), CrawlError> {
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
    pub(super) fn write(&mut self, reply: &Reply) -> Result<crate::warc::Appended, CrawlError> {
        let appended = self
            .warcs
            .append(&reply.encoded.members)
            .map_err(|source| CrawlError::Warc(source.to_string()))?;
        self.frontier.commit_warc(&appended.path, appended.end)?;
        Ok(appended)
    }

    /// Hands a page to the pipeline; a pipeline that is gone stops the crawl.
    pub(super) fn emit(&mut self, record: Record) {
        self.report.ingested += 1;
        if self.records.send(Ok(record)).is_err() {
            self.stop.store(true, Ordering::Relaxed);
        }
    }
}

pub(super) fn header(headers: &reqwest::header::HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}
