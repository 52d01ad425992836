//! The release `dateline` binary run as a subprocess: a crawl (or an
//! ingest) timed from spawn to exit, its CPU time, its `--json` report,
//! and where its time went as the loopback web saw it.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use serde_json::{json, Value};

use super::web::{Hit, Web};

/// The contact the benchmark crawls with.
pub const CONTACT: &str = "bench@dateline.invalid";

/// One run of the binary.
#[derive(Debug, Clone)]
pub struct Run {
    /// The command line, for the report.
    pub command: String,
    /// On the web's clock: when the process was spawned.
    pub spawned: f64,
    /// Seconds from spawn to exit.
    pub wall: f64,
    /// Exit code (`None`: killed by a signal).
    pub exit: Option<i32>,
    /// CPU seconds (user + system) it used: on a loaded machine the wall
    /// time moves with the neighbours, this much less.
    pub cpu: f64,
    /// The largest peak resident set (MB) of any process this one has run
    /// so far (getrusage's children figure: exact for the first run).
    pub peak_children_mb: f64,
    /// The `--json` report (`Null` if none).
    pub report: Value,
    /// The end of its standard error.
    pub stderr: String,
}

impl Run {
    /// A number of the report at `path` (`/crawl/seconds`).
    pub fn number(&self, path: &str) -> f64 {
        self.report
            .pointer(path)
            .and_then(Value::as_f64)
            .unwrap_or(f64::NAN)
    }

    /// Where the time went: from spawn to the first request the web saw,
    /// from there to the end of the last answer, and from that to exit.
    pub fn phases(&self, log: &[Hit]) -> Value {
        let mine: Vec<&Hit> = log.iter().filter(|h| h.start >= self.spawned).collect();
        let first = mine.iter().map(|h| h.start).fold(f64::INFINITY, f64::min);
        let last = mine.iter().map(|h| h.end).fold(f64::NEG_INFINITY, f64::max);
        if mine.is_empty() {
            return Value::Null;
        }
        json!({
            "requests_seen": mine.len(),
            "start_to_first_request_s": round(first - self.spawned, 4),
            "first_request_to_last_answer_s": round(last - first, 4),
            "last_answer_to_exit_s": round(self.spawned + self.wall - last, 4),
        })
    }
}

/// Runs `dateline ARGS...`, timed from spawn to exit.
pub fn run(dateline: &Path, args: &[String], web: &Web) -> Run {
    let cpu_before = children_usage().0;
    let spawned = web.now();
    let output = Command::new(dateline).args(args).output();
    let wall = web.now() - spawned;
    // Runs are one at a time, so the children's growth is this run's.
    let (cpu_after, peak_children_mb) = children_usage();
    let cpu = cpu_after - cpu_before;
    let command = std::iter::once(dateline.display().to_string())
        .chain(args.iter().cloned())
        .collect::<Vec<_>>()
        .join(" ");
    match output {
        Ok(output) => {
            let stdout = String::from_utf8_lossy(&output.stdout);
            let report = stdout
                .lines()
                .rev()
                .find_map(|line| serde_json::from_str(line.trim()).ok())
                .unwrap_or(Value::Null);
            let stderr = String::from_utf8_lossy(&output.stderr);
            let mut tail = stderr.len().saturating_sub(2000);
            while !stderr.is_char_boundary(tail) {
                tail += 1;
            }
            Run {
                command,
                spawned,
                wall,
                exit: output.status.code(),
                cpu,
                peak_children_mb,
                report,
                stderr: stderr[tail..].to_string(),
            }
        }
        Err(err) => Run {
            command,
            spawned,
            wall,
            exit: None,
            cpu,
            peak_children_mb,
            report: Value::Null,
            stderr: format!("cannot run {}: {err}", dateline.display()),
        },
    }
}

/// CPU seconds used by the children waited for so far, and the largest
/// peak resident set among them (MB).
pub fn children_usage() -> (f64, f64) {
    use nix::sys::resource::{getrusage, UsageWho};
    match getrusage(UsageWho::RUSAGE_CHILDREN) {
        Ok(usage) => {
            let seconds = |t: nix::sys::time::TimeVal| t.tv_sec() as f64 + t.tv_usec() as f64 / 1e6;
            (
                seconds(usage.user_time()) + seconds(usage.system_time()),
                // ru_maxrss is in KiB on Linux.
                usage.max_rss() as f64 / 1024.0,
            )
        }
        Err(_) => (f64::NAN, f64::NAN),
    }
}

/// The arguments of `dateline crawl SOURCES` into `store`, every web host
/// resolved to loopback, quiet, with the JSON report, then `extra`.
pub fn crawl_args(store: &Path, sources: &[String], web: &Web, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["crawl".to_string()];
    args.extend(sources.iter().cloned());
    args.extend(["--store".into(), store.display().to_string()]);
    args.extend(web.resolve_args());
    args.extend([
        "--contact".into(),
        CONTACT.into(),
        "-q".into(),
        "--json".into(),
    ]);
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

/// A fresh (removed) directory.
pub fn fresh_dir(path: &Path) -> PathBuf {
    if path.exists() {
        std::fs::remove_dir_all(path).unwrap_or_else(|e| {
            crate::pages::die(&format!("cannot remove {}: {e}", path.display()))
        });
    }
    if let Some(parent) = path.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    path.to_path_buf()
}

/// Samples how many articles a store holds while another process writes
/// it: (seconds on the web's clock, articles).
pub struct StoreWatch {
    stop: Arc<AtomicBool>,
    thread: JoinHandle<Vec<(f64, u64)>>,
}

impl StoreWatch {
    /// Samples `store` every `every`, timed with `clock`.
    pub fn start(
        store: PathBuf,
        every: Duration,
        clock: impl Fn() -> f64 + Send + 'static,
    ) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            let mut samples = Vec::new();
            while !flag.load(Ordering::Relaxed) {
                let articles = dateline_store::Store::open_read_only(&store)
                    .and_then(|s| s.stats())
                    .map_or(0, |s| s.articles);
                samples.push((clock(), articles));
                std::thread::sleep(every);
            }
            samples
        });
        Self { stop, thread }
    }

    /// Stops and gives the samples.
    pub fn finish(self) -> Vec<(f64, u64)> {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.join().unwrap_or_default()
    }
}

/// `x` rounded to `digits` decimals.
pub fn round(x: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    (x * scale).round() / scale
}

/// The median of `xs` (NaN for none).
pub fn median(xs: &[f64]) -> f64 {
    let mut sorted: Vec<f64> = xs.iter().copied().filter(|x| x.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_rounding() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        assert!(median(&[]).is_nan());
        assert_eq!(round(1.23456, 2), 1.23);
    }
}
