//! Polls of sources: started when due, counted document by document,
//! recorded and scheduled again when all are in.

use super::*;

impl Engine {
    /// Starts the polls that are due.
    pub(super) fn start_due_polls(&mut self, now: Instant) -> Result<(), CrawlError> {
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

    /// Counts a document into its poll; a poll whose documents are all in
    /// is recorded and scheduled again.
    pub(super) fn poll_done(&mut self, work: &Work, doc: PollDoc) -> Result<(), CrawlError> {
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

    pub(super) fn finish_poll(&mut self, id: i64) -> Result<(), CrawlError> {
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
pub(super) enum PollDoc {
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

pub(super) fn merge(a: PublisherLimits, b: PublisherLimits) -> PublisherLimits {
    PublisherLimits {
        min_interval: a.min_interval.max(b.min_interval),
        retry_after: a.retry_after.max(b.retry_after),
    }
}

/// What an answer's headers ask of pollers.
pub(super) fn limits(reply: &Reply) -> PublisherLimits {
    PublisherLimits {
        min_interval: reply.header("cache-control").and_then(schedule::max_age),
        retry_after: reply
            .header("retry-after")
            .and_then(|v| schedule::retry_after(v, SystemTime::now())),
    }
}
