//! Target 3: politeness on. Each fake host's robots.txt says
//! `Crawl-delay: D` and the crawl runs with `--delay D`; the scheduler
//! should keep every host busy, so each host's requests should follow one
//! another D apart. From the web's own log, per host: the ideal time is
//! (requests - 1) x D plus the answers' own durations, the achieved time is
//! first request to last answer; the crawl's efficiency is ideal /
//! achieved. The log also shows that no two requests to a host came closer
//! than D (politeness kept) and how long every host was being crawled at
//! once. The same ideal against the process's whole wall time (start,
//! robots.txt and sitemaps, the ingest's tail) is reported beside it.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use serde_json::{json, Value};

use super::crawler::{self, round, StoreWatch};
use super::sites::{bench_pages, news_sites};
use super::web::{Hit, Web};
use crate::pages::die;

/// What to run.
#[derive(Debug, Clone)]
pub struct Config {
    /// The release `dateline` binary.
    pub dateline: PathBuf,
    /// The bench data (`DATA/scrapinghub`).
    pub data: PathBuf,
    /// Scratch space for the store.
    pub work: PathBuf,
    /// Fake hosts.
    pub hosts: usize,
    /// Crawl-delay and `--delay`, seconds.
    pub delay: f64,
}

/// Runs the measurement; one JSON object.
pub fn measure(config: &Config) -> Value {
    let pages = bench_pages(&config.data);
    let listener = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap_or_else(|e| die(&format!("cannot listen on loopback: {e}")));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or_default();
    let news = news_sites(&pages, config.hosts, port, Some(config.delay));
    let web = Web::start(listener, news.sites.clone(), 2)
        .unwrap_or_else(|e| die(&format!("cannot start the loopback web: {e}")));
    let store = crawler::fresh_dir(&config.work.join("crawl-polite"));
    let delay = config.delay.to_string();
    let args = crawler::crawl_args(&store, &news.sitemaps, &web, &["--delay", &delay]);
    let clock = {
        let epoch = std::time::Instant::now();
        let offset = web.now();
        move || offset + epoch.elapsed().as_secs_f64()
    };
    let connections = web.connections();
    let watch = StoreWatch::start(store.clone(), Duration::from_millis(250), clock);
    let run = crawler::run(&config.dateline, &args, &web);
    let samples = watch.finish();
    let log = web.log();
    let mut result = analyse(&log, config.delay);
    result["measure"] = json!("polite");
    result["hosts"] = json!(config.hosts);
    result["delay_s"] = json!(config.delay);
    result["pages"] = json!(news.pages);
    result["requests_expected"] = json!(news.requests);
    result["exit"] = json!(run.exit);
    result["connections"] = json!(web.connections() - connections);
    result["ok"] = json!(run.exit == Some(0) && run.number("/crawl/pages") as usize == news.pages);
    result["wall_s"] = json!(round(run.wall, 3));
    result["cpu_s"] = json!(round(run.cpu, 3));
    // The ideal schedule against the whole run, not only its requests.
    let ideal = result["ideal_s"].as_f64().unwrap_or(f64::NAN);
    result["efficiency_wall"] = json!(round(ideal / run.wall, 4));
    result["crawl_seconds"] = json!(round(run.number("/crawl/seconds"), 3));
    result["phases"] = run.phases(&log);
    result["command"] = json!(args.join(" "));
    result["stored"] = stored_timeline(&samples, &log, run.spawned);
    if result["ok"] != json!(true) {
        result["stderr"] = json!(run.stderr);
    }
    result
}

/// Per-host and overall efficiency from the web's log.
pub fn analyse(log: &[Hit], delay: f64) -> Value {
    let mut by_host: BTreeMap<&str, Vec<&Hit>> = BTreeMap::new();
    for hit in log {
        by_host.entry(hit.host.as_str()).or_default().push(hit);
    }
    let mut hosts = Vec::new();
    let (mut ideal_max, mut min_gap_all) = (0.0f64, f64::INFINITY);
    let mut overlaps = 0;
    let mut spans = Vec::new();
    for (host, hits) in &mut by_host {
        hits.sort_by(|a, b| a.start.total_cmp(&b.start));
        let n = hits.len();
        let answering: f64 = hits.iter().map(|h| h.end - h.start).sum();
        let ideal = (n.saturating_sub(1)) as f64 * delay + answering;
        let achieved = hits[n - 1].end - hits[0].start;
        spans.push((hits[0].start, hits[n - 1].end));
        let gaps: Vec<f64> = hits.windows(2).map(|w| w[1].start - w[0].end).collect();
        overlaps += gaps.iter().filter(|g| **g < 0.0).count();
        let min_gap = gaps.iter().copied().fold(f64::INFINITY, f64::min);
        let mean_gap = gaps.iter().sum::<f64>() / gaps.len().max(1) as f64;
        let max_gap = gaps.iter().copied().fold(0.0, f64::max);
        ideal_max = ideal_max.max(ideal);
        min_gap_all = min_gap_all.min(min_gap);
        hosts.push(json!({
            "host": host,
            "requests": n,
            "ideal_s": round(ideal, 3),
            "achieved_s": round(achieved, 3),
            "efficiency": round(ideal / achieved, 4),
            "min_gap_s": round(min_gap, 4),
            "mean_gap_s": round(mean_gap, 4),
            "max_gap_s": round(max_gap, 4),
        }));
    }
    let first = log.iter().map(|h| h.start).fold(f64::INFINITY, f64::min);
    let last = log.iter().map(|h| h.end).fold(f64::NEG_INFINITY, f64::max);
    let span = last - first;
    let simple_ideal_rate = by_host.len() as f64 / delay;
    json!({
        "requests": log.len(),
        "span_s": round(span, 3),
        "requests_per_s": round(log.len() as f64 / span, 2),
        "simple_ideal_requests_per_s": simple_ideal_rate,
        "simple_efficiency": round(log.len() as f64 / span / simple_ideal_rate, 4),
        "ideal_s": round(ideal_max, 3),
        "efficiency": round(ideal_max / span, 4),
        "min_gap_s": round(min_gap_all, 4),
        "politeness_kept": min_gap_all >= delay - 0.001 && overlaps == 0,
        "all_hosts_busy_share": round(all_busy(&spans) / span, 4),
        "per_host": hosts,
    })
}

/// Seconds during which every host was being crawled (between its first
/// request and its last answer): the scheduler keeping all hosts busy.
fn all_busy(spans: &[(f64, f64)]) -> f64 {
    let start = spans.iter().map(|s| s.0).fold(f64::NEG_INFINITY, f64::max);
    let end = spans.iter().map(|s| s.1).fold(f64::INFINITY, f64::min);
    (end - start).max(0.0)
}

/// When stored articles showed up while the crawl ran: seconds after the
/// spawn at which the first was stored, and how many were stored when the
/// last answer went out.
fn stored_timeline(samples: &[(f64, u64)], log: &[Hit], spawned: f64) -> Value {
    let last_answer = log.iter().map(|h| h.end).fold(f64::NEG_INFINITY, f64::max);
    let first_page = log
        .iter()
        .filter(|h| h.path != "/robots.txt" && h.path != "/sitemap.xml")
        .map(|h| h.end)
        .fold(f64::INFINITY, f64::min);
    let first_stored = samples.iter().find(|(_, n)| *n > 0).map(|(t, _)| *t);
    let stored_at_last_answer = samples
        .iter()
        .filter(|(t, _)| *t <= last_answer)
        .map(|(_, n)| *n)
        .max()
        .unwrap_or(0);
    json!({
        "sampled_every_s": 0.25,
        "first_page_answered_after_s": round(first_page - spawned, 3),
        "first_article_stored_after_s": first_stored.map(|t| round(t - spawned, 3)),
        "last_answer_after_s": round(last_answer - spawned, 3),
        "articles_stored_by_last_answer": stored_at_last_answer,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(host: &str, start: f64, end: f64) -> Hit {
        Hit {
            host: host.into(),
            path: "/".into(),
            status: 200,
            bytes: 0,
            start,
            end,
        }
    }

    #[test]
    fn efficiency_against_the_ideal_schedule() {
        // a: three answers of 0.1 s, 0.2 s apart: ideal 0.7 s, achieved 0.8 s.
        let log = [
            hit("a", 0.0, 0.1),
            hit("a", 0.3, 0.4),
            hit("a", 0.7, 0.8),
            hit("b", 0.0, 0.1),
            hit("b", 0.3, 0.4),
        ];
        let r = analyse(&log, 0.2);
        assert_eq!(r["per_host"][0]["ideal_s"], json!(0.7));
        assert_eq!(r["per_host"][0]["achieved_s"], json!(0.8));
        assert_eq!(r["efficiency"], json!(0.875));
        // Both hosts crawled from 0.0 to 0.4 of the 0.8 s.
        assert_eq!(r["all_hosts_busy_share"], json!(0.5));
        assert_eq!(r["politeness_kept"], json!(true));
        let rude = analyse(&[hit("a", 0.0, 0.1), hit("a", 0.15, 0.2)], 0.2);
        assert_eq!(rude["politeness_kept"], json!(false));
    }
}
