//! Politeness, host by host: robots.txt before anything else, one request
//! at a time, a delay between requests, `Retry-After` and backoff obeyed,
//! and a host that keeps failing left alone for the rest of the run.
//!
//! Pure bookkeeping with the time passed in, so that it is tested without
//! a clock.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use crate::robots::Robots;

/// What a host's robots.txt is, for the scheduler.
#[derive(Debug)]
pub enum RobotsState {
    /// Not known yet: fetching it comes first.
    Unknown,
    /// Being fetched.
    Fetching,
    /// Known.
    Ready(Robots),
}

/// One host's queue and manners.
#[derive(Debug)]
pub struct Host<W> {
    /// `scheme://host[:port]`.
    pub origin: String,
    /// Its robots.txt.
    pub robots: RobotsState,
    queue: VecDeque<W>,
    /// A request is in flight.
    pub busy: bool,
    /// No request before this.
    pub next_at: Instant,
    /// Between requests.
    pub delay: Duration,
    failures: u32,
    /// Why the host is left for this run, if it is.
    pub parked: Option<String>,
    /// Pages fetched this run (for `--max-pages`).
    pub pages: u64,
}

/// How an answer went, for the host's manners.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// An answer (any status but those below).
    Fine,
    /// 429 or 503: come back later (`Retry-After`, if it said).
    Busy(Option<Duration>),
    /// No answer, or a 5xx: a failure that may pass.
    Failed,
}

/// What the scheduler should do with the request that got that answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    /// Nothing more: it is done (or failed for good).
    Done,
    /// Ask again when the host is ready.
    Retry,
    /// The host is now parked: leave it for the run.
    Parked,
}

/// The politeness settings a host follows.
#[derive(Debug, Clone, Copy)]
pub struct Manners {
    /// Tries of a request that keeps failing for a passing reason.
    pub tries: u32,
    /// The first retry's wait, doubled each time.
    pub backoff: Duration,
    /// Failures in a row that park a host.
    pub park_after: u32,
    /// The longest `Retry-After` waited for.
    pub max_retry_after: Duration,
}

impl<W> Host<W> {
    /// A host met at `now`, with the delay its requests keep.
    pub fn new(origin: String, delay: Duration, now: Instant) -> Self {
        Self {
            origin,
            robots: RobotsState::Unknown,
            queue: VecDeque::new(),
            busy: false,
            next_at: now,
            delay,
            failures: 0,
            parked: None,
            pages: 0,
        }
    }

    /// Queues work (at the back; `front` for a retry).
    pub fn push(&mut self, work: W, front: bool) {
        if front {
            self.queue.push_front(work);
        } else {
            self.queue.push_back(work);
        }
    }

    /// Work waiting.
    pub fn waiting(&self) -> usize {
        self.queue.len()
    }

    /// Takes all waiting work (the host is parked, or its robots.txt
    /// cannot be read).
    pub fn drain(&mut self) -> Vec<W> {
        self.queue.drain(..).collect()
    }

    /// Whether a request may start now: not busy, not parked, its time
    /// come, and something to ask (robots.txt first, once work waits).
    pub fn may_start(&self, now: Instant) -> bool {
        !self.busy
            && self.parked.is_none()
            && self.next_at <= now
            && !self.queue.is_empty()
            && !matches!(self.robots, RobotsState::Fetching)
    }

    /// The next work item (robots.txt is asked for by the caller while
    /// `robots` is `Unknown`).
    pub fn pop(&mut self) -> Option<W> {
        self.queue.pop_front()
    }

    /// Records that a request started.
    pub fn started(&mut self) {
        self.busy = true;
    }

    /// Records the end of a request at `now` and decides what comes of it.
    /// `attempts` is how many times this request has been made.
    pub fn finished(
        &mut self,
        now: Instant,
        answer: Answer,
        attempts: u32,
        manners: &Manners,
    ) -> Then {
        self.busy = false;
        self.next_at = now + self.delay;
        match answer {
            Answer::Fine => {
                self.failures = 0;
                Then::Done
            }
            Answer::Busy(Some(wait)) if wait > manners.max_retry_after => {
                self.parked = Some(format!(
                    "asked to wait {} s (Retry-After), more than {} s",
                    wait.as_secs(),
                    manners.max_retry_after.as_secs()
                ));
                Then::Parked
            }
            Answer::Busy(wait) => {
                let wait = wait.unwrap_or_else(|| backoff(manners, attempts));
                self.next_at = now + wait.max(self.delay);
                if attempts >= manners.tries {
                    Then::Done
                } else {
                    Then::Retry
                }
            }
            Answer::Failed => {
                self.failures += 1;
                if self.failures >= manners.park_after {
                    self.parked = Some(format!("{} failures in a row", self.failures));
                    return Then::Parked;
                }
                self.next_at = now + backoff(manners, attempts).max(self.delay);
                if attempts >= manners.tries {
                    Then::Done
                } else {
                    Then::Retry
                }
            }
        }
    }
}

/// The wait before retry number `attempts` (1 after the first failure).
fn backoff(manners: &Manners, attempts: u32) -> Duration {
    manners.backoff * 2u32.saturating_pow(attempts.saturating_sub(1).min(10))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANNERS: Manners = Manners {
        tries: 3,
        backoff: Duration::from_secs(2),
        park_after: 3,
        max_retry_after: Duration::from_secs(60),
    };

    fn host(now: Instant) -> Host<&'static str> {
        let mut host = Host::new("http://a.test".into(), Duration::from_secs(1), now);
        host.push("/1", false);
        host.push("/2", false);
        host
    }

    #[test]
    fn robots_first_then_one_at_a_time_with_the_delay() {
        let t0 = Instant::now();
        let mut host = host(t0);
        let idle: Host<&str> = Host::new("http://b.test".into(), Duration::from_secs(1), t0);
        assert!(
            !idle.may_start(t0),
            "no robots.txt for a host with nothing to ask"
        );
        assert!(host.may_start(t0), "robots.txt is due");
        host.robots = RobotsState::Fetching;
        host.started();
        assert!(!host.may_start(t0));
        host.robots = RobotsState::Ready(Robots::from_answer(404, b""));
        assert_eq!(host.finished(t0, Answer::Fine, 1, &MANNERS), Then::Done);
        assert!(!host.may_start(t0 + Duration::from_millis(999)));
        assert!(host.may_start(t0 + Duration::from_secs(1)));
        assert_eq!(host.pop(), Some("/1"));
    }

    #[test]
    fn retry_after_and_backoff_hold_the_host() {
        let t0 = Instant::now();
        let mut host = host(t0);
        host.robots = RobotsState::Ready(Robots::from_answer(404, b""));
        let then = host.finished(t0, Answer::Busy(Some(Duration::from_secs(30))), 1, &MANNERS);
        assert_eq!(then, Then::Retry);
        assert_eq!(host.next_at, t0 + Duration::from_secs(30));
        assert_eq!(host.finished(t0, Answer::Failed, 1, &MANNERS), Then::Retry);
        assert_eq!(host.next_at, t0 + Duration::from_secs(2));
        assert_eq!(host.finished(t0, Answer::Failed, 2, &MANNERS), Then::Retry);
        assert_eq!(host.next_at, t0 + Duration::from_secs(4));
        assert_eq!(host.finished(t0, Answer::Failed, 3, &MANNERS), Then::Parked);
        assert!(!host.may_start(t0 + Duration::from_secs(3600)));
        assert_eq!(host.drain(), ["/1", "/2"]);
    }

    #[test]
    fn a_long_retry_after_parks_and_retries_run_out() {
        let t0 = Instant::now();
        let mut first = host(t0);
        let then = first.finished(
            t0,
            Answer::Busy(Some(Duration::from_secs(3600))),
            1,
            &MANNERS,
        );
        assert_eq!(then, Then::Parked);
        assert!(first.parked.as_deref().unwrap().contains("Retry-After"));
        let mut host = host(t0);
        assert_eq!(
            host.finished(t0, Answer::Busy(None), 3, &MANNERS),
            Then::Done
        );
        assert_eq!(host.next_at, t0 + Duration::from_secs(8));
    }
}
