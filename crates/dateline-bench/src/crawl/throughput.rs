//! Target 1: a crawl with politeness off on loopback. The release
//! `dateline crawl` fetches the bench pages from a few fake hosts (one
//! sitemap each as the sources, robots.txt still read, `--delay 0`), writes
//! every exchange to WARC and ingests the pages into a fresh store; pages/s
//! over the process's wall time (start, store creation and the last commit
//! included), with and without enrichment, runs interleaved. The process's
//! CPU time is reported too: on a shared machine it moves much less than
//! the wall time. The same pages through `dateline ingest` from files give
//! the pipeline's own share for comparison.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use super::crawler::{self, median, round, Run};
use super::sites::{bench_pages, news_sites};
use super::web::Web;
use crate::pages::die;

/// What to run.
#[derive(Debug, Clone)]
pub struct Config {
    /// The release `dateline` binary.
    pub dateline: PathBuf,
    /// The bench data (`DATA/scrapinghub`).
    pub data: PathBuf,
    /// Scratch space for stores and page files.
    pub work: PathBuf,
    /// Fake hosts the pages are spread over.
    pub hosts: usize,
    /// Runs of each variant.
    pub runs: usize,
}

/// Runs the measurement; one JSON object.
pub fn measure(config: &Config) -> Value {
    let pages = bench_pages(&config.data);
    let listener = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap_or_else(|e| die(&format!("cannot listen on loopback: {e}")));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or_default();
    let news = news_sites(&pages, config.hosts, port, None);
    let web = Web::start(listener, news.sites.clone(), 2)
        .unwrap_or_else(|e| die(&format!("cannot start the loopback web: {e}")));
    let files = write_pages(&pages, &config.work.join("pages"));
    let variants = [("enrich", &[][..]), ("no_enrich", &["--no-enrich"][..])];
    let mut runs: Vec<(usize, Value)> = Vec::new();
    for round_n in 0..config.runs.max(1) {
        for (v, (name, flags)) in variants.iter().enumerate() {
            let store = crawler::fresh_dir(&config.work.join(format!("crawl-{name}-{round_n}")));
            web.clear_log();
            let connections = web.connections();
            let mut extra = vec!["--delay", "0"];
            extra.extend(flags.iter());
            let args = crawler::crawl_args(&store, &news.sitemaps, &web, &extra);
            let run = crawler::run(&config.dateline, &args, &web);
            let log = web.log();
            let mut row = crawl_row(&run, &log, news.pages);
            row["connections"] = json!(web.connections() - connections);
            let ingest_store =
                crawler::fresh_dir(&config.work.join(format!("ingest-{name}-{round_n}")));
            let mut ingest_args = vec![
                "ingest".to_string(),
                files.display().to_string(),
                "--store".into(),
                ingest_store.display().to_string(),
                "-q".into(),
            ];
            ingest_args.extend(flags.iter().map(|s| s.to_string()));
            let ingest = crawler::run(&config.dateline, &ingest_args, &web);
            row["ingest_from_files"] = json!({
                "wall_s": round(ingest.wall, 4),
                "cpu_s": round(ingest.cpu, 4),
                "pages_per_s": round(news.pages as f64 / ingest.wall, 1),
                "exit": ingest.exit,
            });
            eprintln!(
                "[crawl-bench] crawl {name} run {}: {:.0} pages/s ({:.3} s); ingest from files {:.3} s",
                round_n + 1,
                row["pages_per_s"].as_f64().unwrap_or(f64::NAN),
                run.wall,
                ingest.wall
            );
            runs.push((v, row));
        }
    }
    let mut result = json!({
        "measure": "crawl",
        "hosts": config.hosts,
        "pages": news.pages,
        "requests_expected": news.requests,
        "page_bytes": pages.iter().map(|p| p.bytes.len()).sum::<usize>(),
        "command": crawler::crawl_args(Path::new("STORE"), &news.sitemaps, &web, &["--delay", "0"]).join(" "),
    });
    for (v, (name, _)) in variants.iter().enumerate() {
        let rows: Vec<&Value> = runs
            .iter()
            .filter(|(i, _)| *i == v)
            .map(|(_, r)| r)
            .collect();
        result[*name] = summary(&rows);
    }
    result
}

fn crawl_row(run: &Run, log: &[super::web::Hit], pages: usize) -> Value {
    let fetched = run.number("/crawl/pages");
    let ok = run.exit == Some(0) && fetched as usize == pages;
    json!({
        "ok": ok,
        "exit": run.exit,
        "wall_s": round(run.wall, 4),
        "pages_per_s": round(pages as f64 / run.wall, 1),
        "cpu_s": round(run.cpu, 4),
        "pages_per_cpu_s": round(pages as f64 / run.cpu, 1),
        "peak_rss_mb_so_far": round(run.peak_children_mb, 1),
        "crawl": {
            "requests": run.number("/crawl/requests"),
            "pages": fetched,
            "seconds": round(run.number("/crawl/seconds"), 4),
            "failed": run.report.pointer("/crawl/failed").cloned().unwrap_or(Value::Null),
        },
        "ingest": {
            "seconds": round(run.number("/ingest/seconds"), 4),
            "stored": run.number("/ingest/stored"),
            "duplicates": run.number("/ingest/duplicates"),
            "not_articles": run.report.pointer("/ingest/not_articles").cloned().unwrap_or(Value::Null),
        },
        "phases": run.phases(log),
        "stderr": if ok { String::new() } else { run.stderr.clone() },
    })
}

fn summary(rows: &[&Value]) -> Value {
    let num = |row: &Value, path: &str| {
        row.pointer(path)
            .and_then(Value::as_f64)
            .unwrap_or(f64::NAN)
    };
    let med = |path: &str| {
        round(
            median(&rows.iter().map(|r| num(r, path)).collect::<Vec<_>>()),
            4,
        )
    };
    let rates: Vec<f64> = rows.iter().map(|r| num(r, "/pages_per_s")).collect();
    json!({
        "ok": rows.iter().all(|r| r["ok"] == json!(true)),
        "runs": rows.len(),
        "pages_per_s_median": round(median(&rates), 1),
        "pages_per_s_best": round(rates.iter().copied().fold(f64::NAN, f64::max), 1),
        "pages_per_s_all": rates,
        "wall_s_median": med("/wall_s"),
        "cpu_s_median": med("/cpu_s"),
        "pages_per_cpu_s_median": round(med("/pages_per_cpu_s"), 1),
        "ingest_from_files_cpu_s_median": med("/ingest_from_files/cpu_s"),
        "crawl_seconds_median": med("/crawl/seconds"),
        "ingest_seconds_median": med("/ingest/seconds"),
        "start_to_first_request_s_median": med("/phases/start_to_first_request_s"),
        "first_request_to_last_answer_s_median": med("/phases/first_request_to_last_answer_s"),
        "last_answer_to_exit_s_median": med("/phases/last_answer_to_exit_s"),
        "ingest_from_files_wall_s_median": med("/ingest_from_files/wall_s"),
        "stored": rows.first().map(|r| num(r, "/ingest/stored")),
        "details": rows,
    })
}

/// The pages as `.html` files, for `dateline ingest`.
fn write_pages(pages: &[crate::pages::Page], dir: &Path) -> PathBuf {
    let dir = crawler::fresh_dir(dir);
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| die(&format!("cannot create {}: {e}", dir.display())));
    for page in pages {
        let path = dir.join(format!("{}.html", page.id));
        std::fs::write(&path, &page.bytes)
            .unwrap_or_else(|e| die(&format!("cannot write {}: {e}", path.display())));
    }
    dir
}
