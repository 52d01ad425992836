//! When a followed source is polled again: sooner when most of what it
//! lists is new (a busy feed rolls stories off before a fixed interval
//! comes round), later when nothing changes, and never sooner than the
//! publisher allows (RSS `<ttl>`, `Cache-Control: max-age`, `Retry-After`)
//! or a floor.

use std::time::Duration;

/// Polling bounds: a `Default` struct.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Schedule {
    /// The first interval (15 min).
    pub initial: Duration,
    /// The shortest (2 min, `--min-interval`): no source is polled faster,
    /// whatever it lists.
    pub min: Duration,
    /// The longest (6 h): a quiet source is still looked at a few times a
    /// day.
    pub max: Duration,
}

impl Default for Schedule {
    fn default() -> Self {
        Self {
            initial: Duration::from_secs(15 * 60),
            min: Duration::from_secs(2 * 60),
            max: Duration::from_secs(6 * 3600),
        }
    }
}

/// What a poll found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PollOutcome {
    /// Items its documents listed.
    pub items: u64,
    /// Items not seen before.
    pub new_items: u64,
    /// Every document answered 304 or the same bytes as before.
    pub unchanged: bool,
    /// Some document could not be fetched.
    pub failed: bool,
}

/// What the publisher asks of pollers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PublisherLimits {
    /// The longest of RSS `<ttl>` and `Cache-Control: max-age`.
    pub min_interval: Option<Duration>,
    /// `Retry-After` of the last answer.
    pub retry_after: Option<Duration>,
}

impl Schedule {
    /// The interval after a poll that followed `previous` (None: the first).
    pub fn next(
        &self,
        previous: Option<Duration>,
        outcome: PollOutcome,
        limits: PublisherLimits,
    ) -> Duration {
        let base = previous.unwrap_or(self.initial);
        let next = if outcome.failed {
            base * 2
        } else if outcome.unchanged || outcome.new_items == 0 {
            base.mul_f64(1.5)
        } else if outcome.new_items * 2 >= outcome.items {
            base / 2
        } else {
            base
        };
        let floor = limits.min_interval.map_or(self.min, |m| m.max(self.min));
        let next = next.clamp(floor, self.max.max(floor));
        limits.retry_after.map_or(next, |wait| next.max(wait))
    }
}

/// `Cache-Control: max-age=N` as a duration.
pub fn max_age(cache_control: &str) -> Option<Duration> {
    cache_control.split(',').find_map(|part| {
        let (name, value) = part.trim().split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("max-age")
            .then(|| value.trim().trim_matches('"').parse().ok())
            .flatten()
            .map(Duration::from_secs)
    })
}

/// `Retry-After`: seconds, or an HTTP date (as a wait from `now`).
pub fn retry_after(value: &str, now: std::time::SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: Duration = Duration::from_secs(120);

    fn poll(items: u64, new_items: u64) -> PollOutcome {
        PollOutcome {
            items,
            new_items,
            ..PollOutcome::default()
        }
    }

    #[test]
    fn busy_sources_come_sooner_and_quiet_ones_later() {
        let schedule = Schedule::default();
        let first = schedule.next(None, poll(20, 20), PublisherLimits::default());
        assert_eq!(first, Duration::from_secs(450));
        let busy = schedule.next(Some(first), poll(20, 15), PublisherLimits::default());
        assert_eq!(busy, Duration::from_secs(225));
        let steady = schedule.next(Some(busy), poll(20, 3), PublisherLimits::default());
        assert_eq!(steady, busy);
        let quiet = schedule.next(Some(busy), poll(20, 0), PublisherLimits::default());
        assert!(quiet > busy);
        let mut interval = Some(MIN);
        for _ in 0..20 {
            interval = Some(schedule.next(interval, poll(20, 20), PublisherLimits::default()));
        }
        assert_eq!(interval, Some(MIN), "never below the floor");
        for _ in 0..40 {
            interval = Some(schedule.next(
                interval,
                PollOutcome {
                    unchanged: true,
                    ..poll(20, 0)
                },
                PublisherLimits::default(),
            ));
        }
        assert_eq!(interval, Some(schedule.max));
    }

    #[test]
    fn publishers_set_the_pace_limits() {
        let schedule = Schedule::default();
        let ttl = PublisherLimits {
            min_interval: Some(Duration::from_secs(3600)),
            retry_after: None,
        };
        assert_eq!(
            schedule.next(Some(MIN), poll(20, 20), ttl),
            Duration::from_secs(3600)
        );
        let busy_server = PublisherLimits {
            min_interval: None,
            retry_after: Some(Duration::from_secs(7200)),
        };
        assert_eq!(
            schedule.next(Some(MIN), poll(20, 20), busy_server),
            Duration::from_secs(7200)
        );
        let failed = PollOutcome {
            failed: true,
            ..PollOutcome::default()
        };
        assert_eq!(
            schedule.next(Some(MIN), failed, PublisherLimits::default()),
            MIN * 2
        );
    }

    #[test]
    fn header_values() {
        assert_eq!(
            max_age("public, max-age=600"),
            Some(Duration::from_secs(600))
        );
        assert_eq!(max_age("no-cache"), None);
        let now = std::time::UNIX_EPOCH + Duration::from_secs(1_575_912_840);
        assert_eq!(retry_after(" 120 ", now), Some(Duration::from_secs(120)));
        assert_eq!(
            retry_after("Mon, 09 Dec 2019 17:36:00 GMT", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            retry_after("Mon, 09 Dec 2019 17:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon", now), None);
    }
}
