//! Target 4: a 50,000-URL sitemap (with `lastmod`) parsed by
//! `dateline_fetch::sitemap::parse` in process: best of a few timed runs,
//! and the extra memory of one parse (the peak resident set after the
//! bytes are built, reset through `/proc/self/clear_refs`, minus the
//! resident set before). Then the same sitemap gzipped (`sitemap.xml.gz`)
//! through the release `dateline crawl` end to end, each run in a process
//! of its own (`sitemap-crawl`) so that getrusage gives that crawl's own
//! peak: with `--since` after every entry (downloaded, gunzipped and read,
//! nothing queued), and a 10-URL sitemap the same way as the baseline
//! process. `sitemap-crawl --variant queued` (`--max-pages 0`: every entry
//! queued in the frontier, no page fetched) is left out of the suite: the
//! crawl loop passes over the skipped URLs one per millisecond, which
//! measures that loop rather than the sitemap.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde_json::{json, Value};

use super::crawler::{self, round};
use super::sites::sitemap_xml;
use super::web::{Resource, Sites, Web};
use crate::pages::die;

/// What to run.
#[derive(Debug, Clone)]
pub struct Config {
    /// URLs in the sitemap.
    pub urls: usize,
    /// Timed parses (the best counts).
    pub runs: usize,
    /// The release `dateline` binary and scratch space, for the end-to-end
    /// runs (skipped without them).
    pub crawl: Option<(PathBuf, PathBuf)>,
}

/// The end-to-end runs: name, URLs in the sitemap (`None`: the
/// configured count), extra crawl flags.
const VARIANTS: [(&str, Option<usize>, &[&str]); 3] = [
    ("baseline_10_urls", Some(10), &["--since", "2100-01-01"]),
    ("read", None, &["--since", "2100-01-01"]),
    ("queued", None, &["--max-pages", "0"]),
];

/// The generated sitemap: URLs with dated paths and a `lastmod` each.
pub fn generate(urls: usize, host: &str) -> Vec<u8> {
    let entries = (0..urls).map(|n| {
        let day = 1 + n % 28;
        let month = 1 + (n / 28) % 12;
        (
            format!("http://{host}/2019/{month:02}/{day:02}/story-{n}-of-the-day.html"),
            format!(
                "2019-{month:02}-{day:02}T{:02}:{:02}:00+00:00",
                n % 24,
                n % 60
            ),
        )
    });
    sitemap_xml(entries)
}

/// Runs the measurement; one JSON object.
pub fn measure(config: &Config) -> Value {
    let bytes = generate(config.urls, "big.test");
    // Memory first, in a process that has parsed nothing yet.
    let rss_before = status_kb("VmRSS:");
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let parsed = dateline_fetch::sitemap::parse(&bytes);
    let peak = status_kb("VmHWM:");
    let entries = parsed.entries.len();
    let error = parsed.error.clone();
    drop(parsed);
    let mut times = Vec::new();
    for _ in 0..config.runs.max(1) {
        let started = Instant::now();
        let parsed = dateline_fetch::sitemap::parse(&bytes);
        times.push(started.elapsed().as_secs_f64());
        assert_eq!(parsed.entries.len(), entries);
    }
    let best = times.iter().copied().fold(f64::INFINITY, f64::min);
    let extra_mb = match (reset, rss_before, peak) {
        (true, Some(before), Some(peak)) => {
            Some(round(peak.saturating_sub(before) as f64 / 1024.0, 1))
        }
        _ => None,
    };
    let mut result = json!({
        "measure": "sitemap",
        "urls": config.urls,
        "entries": entries,
        "error": error,
        "bytes": bytes.len(),
        "best_s": round(best, 4),
        "all_s": times.iter().map(|t| round(*t, 4)).collect::<Vec<_>>(),
        "mb_per_s": round(bytes.len() as f64 / best / 1e6, 1),
        "extra_memory_mb": extra_mb,
        "rss_before_mb": rss_before.map(|kb| round(kb as f64 / 1024.0, 1)),
        "peak_mb": peak.map(|kb| round(kb as f64 / 1024.0, 1)),
        "peak_reset": reset,
    });
    if let Some((dateline, work)) = &config.crawl {
        let mut runs = serde_json::Map::new();
        for (name, urls, _) in &VARIANTS[..2] {
            let urls = urls.unwrap_or(config.urls);
            runs.insert(name.to_string(), crawl_in_child(dateline, work, name, urls));
        }
        let peak = |name: &str| runs[name]["peak_rss_mb"].as_f64().unwrap_or(f64::NAN);
        let base = peak("baseline_10_urls");
        result["crawl_gz"] = json!({
            "extra_peak_mb_read": round(peak("read") - base, 1),
            "runs": runs,
        });
    }
    result
}

/// One end-to-end run in a fresh copy of this binary (`sitemap-crawl`),
/// whose only child is the crawl.
fn crawl_in_child(dateline: &Path, work: &Path, variant: &str, urls: usize) -> Value {
    let exe = std::env::current_exe().unwrap_or_else(|e| die(&format!("own path: {e}")));
    let output = Command::new(exe)
        .arg("sitemap-crawl")
        .args(["--variant", variant, "--urls", &urls.to_string()])
        .arg("--dateline")
        .arg(dateline)
        .arg("--work")
        .arg(work)
        .output()
        .unwrap_or_else(|e| die(&format!("cannot run sitemap-crawl: {e}")));
    let stdout = String::from_utf8_lossy(&output.stdout);
    serde_json::from_str(stdout.trim())
        .unwrap_or_else(|_| json!({"ok": false, "stderr": String::from_utf8_lossy(&output.stderr)}))
}

/// The sitemap gzipped through `dateline crawl`, no page fetched: the
/// `sitemap-crawl` command (its process runs nothing else).
pub fn crawl_gz(dateline: &Path, work: &Path, variant: &str, urls: usize) -> Value {
    let Some((_, _, flags)) = VARIANTS.iter().find(|v| v.0 == variant) else {
        die(&format!("no sitemap-crawl variant {variant}"))
    };
    let listener = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap_or_else(|e| die(&format!("cannot listen on loopback: {e}")));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or_default();
    let xml = generate(urls, &format!("big.test:{port}"));
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&xml)
        .unwrap_or_else(|e| die(&format!("gzip: {e}")));
    let gz = gz.finish().unwrap_or_else(|e| die(&format!("gzip: {e}")));
    let gz_bytes = gz.len();
    let mut sites = Sites::default();
    sites.put(
        "big.test",
        "/robots.txt",
        Resource::new("text/plain", "User-agent: *\nAllow: /\n"),
    );
    sites.put(
        "big.test",
        "/sitemap.xml.gz",
        Resource::new("application/x-gzip", gz),
    );
    let web = Web::start(listener, sites, 1)
        .unwrap_or_else(|e| die(&format!("cannot start the loopback web: {e}")));
    let store = crawler::fresh_dir(&work.join(format!("crawl-sitemap-{variant}")));
    let source = format!("http://big.test:{port}/sitemap.xml.gz");
    let mut extra = vec!["--delay", "0"];
    extra.extend(flags.iter());
    let args = crawler::crawl_args(&store, &[source], &web, &extra);
    let run = crawler::run(dateline, &args, &web);
    let skipped = |reason: &str| {
        run.report
            .pointer(&format!("/crawl/skipped/{reason}"))
            .and_then(Value::as_u64)
    };
    let entries_read = if variant == "queued" {
        skipped("max-pages")
    } else {
        skipped("older than --since")
    };
    json!({
        "ok": run.exit == Some(0) && entries_read == Some(urls as u64),
        "exit": run.exit,
        "urls": urls,
        "gz_bytes": gz_bytes,
        "xml_bytes": xml.len(),
        "wall_s": round(run.wall, 3),
        "cpu_s": round(run.cpu, 3),
        "peak_rss_mb": round(run.peak_children_mb, 1),
        "crawl_seconds": round(run.number("/crawl/seconds"), 3),
        "entries_read": entries_read,
        "new_urls": run.number("/crawl/new_urls"),
        "requests": run.number("/crawl/requests"),
        "phases": run.phases(&web.log()),
        "command": args.join(" "),
        "stderr": if run.exit == Some(0) { String::new() } else { run.stderr.clone() },
    })
}

/// A `/proc/self/status` line's value in kB.
fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line[field.len()..].split_whitespace().next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_sitemap_parses_whole() {
        let xml = generate(1000, "big.test");
        let parsed = dateline_fetch::sitemap::parse(&xml);
        assert_eq!(parsed.entries.len(), 1000);
        assert_eq!(parsed.error, None);
        assert_eq!(
            parsed.entries[999].loc,
            "http://big.test/2019/12/20/story-999-of-the-day.html"
        );
        assert!(parsed.entries[0].lastmod.is_some());
    }
}
