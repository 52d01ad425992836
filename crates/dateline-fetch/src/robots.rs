//! robots.txt (RFC 9309) for one host: whether a URL may be fetched, the
//! host's Crawl-delay and the sitemaps it names.
//!
//! Rules are matched by texting_robots with the bare product token
//! [`ROBOTS_TOKEN`]: given the whole user-agent string it would match no
//! group and silently fall back to `*`.

use texting_robots::Robot;

/// The product token robots.txt groups name us by.
pub const ROBOTS_TOKEN: &str = "DatelineBot";

/// RFC 9309: crawlers must read at least 500 KiB; the rest is ignored.
pub const MAX_ROBOTS_BYTES: usize = 500 * 1024;

/// What a host's robots.txt allows.
#[derive(Debug)]
pub struct Robots {
    rules: Rules,
    /// Crawl-delay for us (or `*`), seconds.
    pub delay: Option<f64>,
    /// `Sitemap:` lines.
    pub sitemaps: Vec<String>,
}

#[derive(Debug)]
enum Rules {
    /// Everything (no robots.txt: a 4xx answer, or an empty file).
    AllowAll,
    /// Nothing, for the reason given (the host is not crawled this run).
    DisallowAll(String),
    /// As the file says.
    File(Box<Robot>),
}

impl Robots {
    /// The rules of a robots.txt answer: 2xx gives the file's rules, 4xx
    /// allows everything, anything else (5xx, other statuses) nothing.
    pub fn from_answer(status: u16, body: &[u8]) -> Self {
        match status {
            200..=299 => {
                let body = &body[..body.len().min(MAX_ROBOTS_BYTES)];
                match Robot::new(ROBOTS_TOKEN, body) {
                    Ok(robot) => Self {
                        delay: robot
                            .delay
                            .map(f64::from)
                            .filter(|d| d.is_finite() && *d >= 0.0),
                        sitemaps: robot.sitemaps.clone(),
                        rules: Rules::File(Box::new(robot)),
                    },
                    // texting_robots rarely fails; a file it cannot read
                    // is no evidence of a restriction.
                    Err(_) => Self::allow_all(),
                }
            }
            400..=499 => Self::allow_all(),
            _ => Self::unreachable(format!("robots.txt answered HTTP {status}")),
        }
    }

    /// No robots.txt could be read (a 5xx, a timeout, no connection): the
    /// host is not crawled.
    pub fn unreachable(reason: String) -> Self {
        Self {
            rules: Rules::DisallowAll(reason),
            delay: None,
            sitemaps: Vec::new(),
        }
    }

    fn allow_all() -> Self {
        Self {
            rules: Rules::AllowAll,
            delay: None,
            sitemaps: Vec::new(),
        }
    }

    /// Whether `url` (on this host) may be fetched.
    pub fn allowed(&self, url: &str) -> bool {
        match &self.rules {
            Rules::AllowAll => true,
            Rules::DisallowAll(_) => false,
            Rules::File(robot) => robot.allowed(url),
        }
    }

    /// Why the whole host is off limits, if it is.
    pub fn blocked(&self) -> Option<&str> {
        match &self.rules {
            Rules::DisallowAll(reason) => Some(reason),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &[u8] = b"User-agent: *\nDisallow: /\n\n\
        User-agent: DatelineBot\nDisallow: /private/\nDisallow: /*.pdf$\nAllow: /private/ok\nCrawl-delay: 2.5\n\n\
        Sitemap: https://a.test/sitemap.xml\n";

    #[test]
    fn our_group_wins_over_the_star_group() {
        let robots = Robots::from_answer(200, FILE);
        assert!(robots.allowed("https://a.test/news/1"));
        assert!(!robots.allowed("https://a.test/private/x"));
        assert!(robots.allowed("https://a.test/private/ok"));
        assert!(!robots.allowed("https://a.test/files/a.pdf"));
        assert!(robots.allowed("https://a.test/files/a.pdf?x"));
        assert_eq!(robots.delay, Some(2.5));
        assert_eq!(robots.sitemaps, ["https://a.test/sitemap.xml"]);
    }

    #[test]
    fn missing_files_allow_and_failing_hosts_block() {
        assert!(Robots::from_answer(404, b"").allowed("https://a.test/x"));
        assert!(Robots::from_answer(200, b"").allowed("https://a.test/x"));
        let down = Robots::from_answer(503, b"");
        assert!(!down.allowed("https://a.test/x"));
        assert_eq!(down.blocked(), Some("robots.txt answered HTTP 503"));
        assert!(Robots::unreachable("timeout".into()).blocked().is_some());
    }

    #[test]
    fn only_the_star_group_applies_when_ours_is_absent() {
        let robots = Robots::from_answer(
            200,
            b"User-agent: OtherBot\nDisallow: /\n\nUser-agent: *\nDisallow: /tmp\n",
        );
        assert!(robots.allowed("https://a.test/news"));
        assert!(!robots.allowed("https://a.test/tmp/x"));
    }
}
