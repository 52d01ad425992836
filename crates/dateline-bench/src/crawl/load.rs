//! Target 2: the HTTP layer alone. `dateline_fetch::net::Client` (the
//! crawler's client: its resolver, one idle connection kept per host, the
//! body read whole) on a two-thread runtime like the crawler's, asking the
//! loopback web for the bench pages (served as they are, not compressed)
//! as fast as it answers: no politeness, no WARC, no parsing. As in a
//! crawl, one request at a time per host, so N hosts are N requests in
//! flight; a sweep over N. Requests/s over the measured requests,
//! client-side latency, and the TCP connections the web accepted
//! (connection reuse).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use dateline_fetch::net::{Ask, Client, ClientOptions, Resolver};
use serde_json::{json, Value};
use url::Url;

use super::crawler::round;
use super::sites::{host_name, html_type};
use super::web::{Resource, Sites, Web};
use crate::pages::{die, Page};

/// What to run.
#[derive(Debug, Clone)]
pub struct Config {
    /// Hosts asked at once, one request each: one measurement per value.
    pub in_flight: Vec<usize>,
    /// Requests measured at each value (after one warm-up request per
    /// host).
    pub requests: usize,
    /// No request starts after this long at one value.
    pub max_seconds: f64,
}

/// Runs the measurements; one JSON object.
pub fn measure(pages: &[Page], config: &Config) -> Value {
    let hosts = config.in_flight.iter().copied().max().unwrap_or(1).max(1);
    let listener = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap_or_else(|e| die(&format!("cannot listen on loopback: {e}")));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or_default();
    let mut sites = Sites::default();
    let resources: Vec<Resource> = pages
        .iter()
        .map(|p| Resource::new(html_type(&p.bytes), p.bytes.clone()))
        .collect();
    let mut urls: Vec<Vec<Url>> = Vec::new();
    for h in 0..hosts {
        let host = host_name(h);
        let mut listed = Vec::new();
        for (n, resource) in resources.iter().enumerate() {
            let path = format!("/p/{n}.html");
            sites.put(&host, &path, resource.clone());
            listed.push(Url::parse(&format!("http://{host}:{port}{path}")).expect("a URL"));
        }
        urls.push(listed);
    }
    let web = Web::start(listener, sites, 2)
        .unwrap_or_else(|e| die(&format!("cannot start the loopback web: {e}")));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap_or_else(|e| die(&format!("runtime: {e}")));
    let points: Vec<Value> = config
        .in_flight
        .iter()
        .map(|&n| {
            let point = one_point(&runtime, &web, &urls[..n.max(1)], config);
            eprintln!(
                "[crawl-bench] http: {n} in flight: {} requests/s",
                point["requests_per_s"]
            );
            point
        })
        .collect();
    json!({
        "measure": "http",
        "pages": pages.len(),
        "mean_body_kb": round(
            pages.iter().map(|p| p.bytes.len()).sum::<usize>() as f64 / pages.len().max(1) as f64 / 1e3,
            1
        ),
        "requests": config.requests,
        "points": points,
    })
}

/// One measurement: a fresh client asking `urls.len()` hosts at once.
fn one_point(
    runtime: &tokio::runtime::Runtime,
    web: &Web,
    urls: &[Vec<Url>],
    config: &Config,
) -> Value {
    let loopback = "127.0.0.1".parse().expect("an address");
    let overrides: Vec<(String, std::net::IpAddr)> =
        (0..urls.len()).map(|h| (host_name(h), loopback)).collect();
    let resolver = Arc::new(Resolver::new(&overrides, false));
    for (host, _) in &overrides {
        resolver.trust(host);
    }
    let options = ClientOptions {
        user_agent: format!(
            "Mozilla/5.0 (compatible; {}; +{})",
            dateline_fetch::PRODUCT,
            super::crawler::CONTACT
        ),
        connect_timeout: Duration::from_secs(10),
        timeout: Duration::from_secs(30),
    };
    let client = Client::new(&options, resolver).unwrap_or_else(|e| die(&format!("client: {e}")));
    let urls = Arc::new(urls.to_vec());
    let slots = urls.len();
    let limit = Duration::from_secs_f64(config.max_seconds);
    // Warm-up: one request per host (connections opened, pools filled).
    runtime.block_on(drive(&client, &urls, slots, limit));
    let connections_before = web.connections();
    web.clear_log();
    let started = Instant::now();
    let outcome = runtime.block_on(drive(&client, &urls, config.requests, limit));
    let seconds = started.elapsed().as_secs_f64();
    let answered = web.log().len();
    let done = outcome.latencies.len();
    let mut latencies = outcome.latencies;
    latencies.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1)))
            .map_or(f64::NAN, |ms| round(*ms, 3))
    };
    json!({
        "in_flight": slots,
        "hosts": slots,
        "requests": done,
        "answered": answered,
        "errors": outcome.errors,
        "first_error": outcome.first_error,
        "seconds": round(seconds, 4),
        "requests_per_s": round(done as f64 / seconds, 1),
        "mb_per_s": round(outcome.bytes as f64 / seconds / 1e6, 1),
        "latency_ms": {"p50": pct(0.5), "p90": pct(0.9), "p99": pct(0.99), "max": pct(1.0)},
        "new_connections": web.connections() - connections_before,
    })
}

/// What a batch of requests gave.
#[derive(Default)]
struct Outcome {
    latencies: Vec<f64>,
    bytes: usize,
    errors: usize,
    first_error: Option<String>,
}

/// `total` requests, one loop per host, each cycling through the pages;
/// no request starts after `limit`.
async fn drive(
    client: &Client,
    urls: &Arc<Vec<Vec<Url>>>,
    total: usize,
    limit: Duration,
) -> Outcome {
    let next = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + limit;
    let mut tasks = Vec::new();
    for slot in 0..urls.len() {
        let (client, urls, next) = (client.clone(), Arc::clone(urls), Arc::clone(&next));
        tasks.push(tokio::spawn(async move {
            let host = &urls[slot];
            let ask = Ask {
                cap: 64 << 20,
                ..Ask::default()
            };
            let mut outcome = Outcome::default();
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= total || Instant::now() > deadline {
                    break;
                }
                let one = Instant::now();
                match client.get(&host[n % host.len()], &ask).await {
                    Ok(exchange) if exchange.status == 200 => outcome.bytes += exchange.body.len(),
                    Ok(exchange) => {
                        outcome.errors += 1;
                        outcome
                            .first_error
                            .get_or_insert(format!("HTTP {}", exchange.status));
                    }
                    Err(err) => {
                        outcome.errors += 1;
                        outcome.first_error.get_or_insert(err.to_string());
                    }
                }
                outcome.latencies.push(one.elapsed().as_secs_f64() * 1000.0);
            }
            outcome
        }));
    }
    let mut all = Outcome::default();
    for task in tasks {
        if let Ok(done) = task.await {
            all.latencies.extend(done.latencies);
            all.bytes += done.bytes;
            all.errors += done.errors;
            all.first_error = all.first_error.or(done.first_error);
        }
    }
    all
}
