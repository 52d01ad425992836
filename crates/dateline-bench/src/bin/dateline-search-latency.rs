//! Search latency over a store, in process (no process start-up counted):
//! runs every query of a JSONL file once to warm the caches, then times
//! each query `--rounds` times and prints
//! `{"queries", "rounds", "p50_ms", "p90_ms", "p99_ms", "mean_ms", "max_ms", "mean_total"}`.
//!
//! Query lines: `{"q": "...", "from": "2019-01-01", "to": "2019-12-31", "lang": "en"}`
//! (only `q` is required).

use std::path::PathBuf;
use std::time::Instant;

use dateline_bench::pages::die;
use dateline_model::Timestamp;
use dateline_store::{Interval, Query, Store};

const USAGE: &str = "dateline-search-latency --store DIR --queries FILE.jsonl [--rounds 3] [--limit 10] [--facets] [--json]";

fn main() {
    let mut store = None;
    let mut queries = None;
    let mut rounds = 3usize;
    let mut limit = 10usize;
    let mut facets = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--store" => store = args.next().map(PathBuf::from),
            "--queries" => queries = args.next().map(PathBuf::from),
            "--rounds" => {
                rounds = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_else(|| die(USAGE))
            }
            "--limit" => {
                limit = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_else(|| die(USAGE))
            }
            "--facets" => facets = true,
            "--json" => {}
            _ => die(USAGE),
        }
    }
    let (Some(store), Some(queries)) = (store, queries) else {
        die(USAGE)
    };
    let store = Store::open_read_only(&store).unwrap_or_else(|err| die(&err.to_string()));
    let text = std::fs::read_to_string(&queries)
        .unwrap_or_else(|err| die(&format!("{}: {err}", queries.display())));
    let queries: Vec<Query> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line)
                .unwrap_or_else(|err| die(&format!("bad query line {line}: {err}")));
            let date = |key: &str| v[key].as_str().and_then(Timestamp::parse_iso);
            Query {
                text: v["q"].as_str().unwrap_or_default().to_string(),
                from: date("from"),
                to: date("to"),
                language: v["lang"].as_str().map(str::to_string),
                limit,
                facets,
                histogram: facets.then_some(Interval::Month),
                ..Query::default()
            }
        })
        .collect();
    if queries.is_empty() {
        die("no queries");
    }
    let mut total_hits = 0u64;
    for query in &queries {
        total_hits += store
            .search(query)
            .unwrap_or_else(|err| die(&format!("{:?}: {err}", query.text)))
            .total;
    }
    let mut times = Vec::with_capacity(queries.len() * rounds);
    for _ in 0..rounds {
        for query in &queries {
            let started = Instant::now();
            let results = store
                .search(query)
                .unwrap_or_else(|err| die(&err.to_string()));
            times.push(started.elapsed().as_secs_f64() * 1000.0);
            std::hint::black_box(results);
        }
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1];
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    println!(
        "{}",
        serde_json::json!({
            "queries": queries.len(),
            "rounds": rounds,
            "facets": facets,
            "p50_ms": at(0.50),
            "p90_ms": at(0.90),
            "p99_ms": at(0.99),
            "mean_ms": mean,
            "max_ms": times[times.len() - 1],
            "mean_total": total_hits as f64 / queries.len() as f64,
        })
    );
}
