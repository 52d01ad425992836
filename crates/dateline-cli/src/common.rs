//! What the commands share: exit codes, opening stores, the options every
//! enriching or extracting command takes, progress on stderr, and whether
//! to print colour.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::Context;
use dateline_enrich::{Demonyms, Events, PlaceOptions};
use dateline_extract::InputKind;
use dateline_ingest::{Pipeline, PipelineOptions};
use dateline_store::Store;
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{InputArg, PlaceArgs, RunArgs, StoreArg};

/// Exit codes scripts can rely on (see README.md).
pub mod exit {
    /// Everything worked.
    pub const OK: u8 = 0;
    /// Some inputs failed, or nothing was found.
    pub const SOME_FAILED: u8 = 1;
    /// Usage error or a fatal error.
    pub const FATAL: u8 = 2;
}

/// What commands that read inputs say when they find none.
pub const NO_PAGES_FOUND: &str =
    "dateline: no pages found (looked for .html, .htm, .txt, .warc, .jsonl and their .gz)";

/// Opens a store for a command that only reads it.
pub fn open_store(arg: &StoreArg) -> anyhow::Result<Store> {
    Store::open_read_only(&arg.store)
        .map_err(|err| anyhow::anyhow!("{}: {err}", arg.store.display()))
}

/// Opens a store for writing, refusing to create one.
pub fn open_existing(store: &StoreArg) -> anyhow::Result<Store> {
    let dir = &store.store;
    if !dir.join(dateline_store::DATABASE_FILE).is_file() {
        return Err(dateline_store::StoreError::NotFound { dir: dir.clone() }.into());
    }
    Store::open(dir).with_context(|| format!("opening the store {}", dir.display()))
}

/// The enrichment options of `--country`, `--no-demonyms` and `--events` /
/// `--no-events`,
/// checked.
pub fn place_options(args: &PlaceArgs) -> anyhow::Result<PlaceOptions> {
    if let Some(code) = &args.country {
        if code.len() != 2 || !code.chars().all(|c| c.is_ascii_alphabetic()) {
            anyhow::bail!("--country takes a two-letter ISO 3166-1 code such as US, not {code:?}");
        }
    }
    Ok(PlaceOptions {
        country_bias: args.country.clone(),
        demonyms: if args.no_demonyms {
            Demonyms::Skip
        } else {
            Demonyms::Report
        },
        // `--events` is the default and stays accepted.
        events: if args.no_events {
            Events::Skip
        } else {
            Events::Code
        },
    })
}

/// The extraction kind of `--input`.
pub fn input_kind(arg: Option<InputArg>) -> Option<InputKind> {
    arg.map(|input| match input {
        InputArg::Html => InputKind::Html,
        InputArg::Text => InputKind::Text,
    })
}

/// The pipeline of a command, on `--threads` workers.
pub fn pipeline(run: &RunArgs, options: PipelineOptions) -> anyhow::Result<Pipeline> {
    Pipeline::new(options.threads(run.threads)).context("starting worker threads")
}

/// `dateline: 12 failed: gzip 2, io 10` for each labelled count that is
/// not empty, a line each.
pub fn reason_lines(counts: &[(&str, &std::collections::BTreeMap<String, u64>)]) -> String {
    let mut out = String::new();
    for (label, counts) in counts {
        let total: u64 = counts.values().sum();
        if total > 0 {
            let reasons: Vec<String> = counts.iter().map(|(r, n)| format!("{r} {n}")).collect();
            out += &format!("dateline: {total} {label}: {}\n", reasons.join(", "));
        }
    }
    out
}

/// Whether standard output takes colour: a terminal, and no `NO_COLOR`
/// (<https://no-color.org>: set and not empty).
pub fn colour_stdout() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Plain progress lines (stderr not a terminal) come this often.
const LOG_EVERY: Duration = Duration::from_secs(10);

/// How a long run shows its progress on stderr: a bar on a terminal,
/// periodic log lines (for logs of unattended runs) or nothing.
pub struct Progress {
    bar: Option<ProgressBar>,
    /// The command's name and the time of the last log line.
    log: Option<(&'static str, Mutex<Instant>)>,
    started: Instant,
}

/// Where progress goes when stderr is not a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unattended {
    /// A line every ten seconds, `dateline: {command}: {status}`.
    LogLines(&'static str),
    /// Nothing.
    Silent,
}

impl Progress {
    /// Progress for a run; `quiet` shows none, and a bar only on a
    /// terminal. `template` is indicatif's, `{msg}` being the status line.
    pub fn new(quiet: bool, unattended: Unattended, template: &str) -> Self {
        let started = Instant::now();
        let (bar, log) = if quiet {
            (None, None)
        } else if !std::io::stderr().is_terminal() {
            let log = match unattended {
                Unattended::LogLines(command) => Some((command, Mutex::new(started))),
                Unattended::Silent => None,
            };
            (None, log)
        } else {
            let bar = ProgressBar::new(0);
            bar.set_style(
                ProgressStyle::with_template(template)
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
            );
            bar.enable_steady_tick(Duration::from_millis(200));
            (Some(bar), None)
        };
        Self { bar, log, started }
    }

    /// Time since the run started.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// Moves the bar to `done` of `total` with a status line; a log line
    /// when one is due.
    pub fn update(&self, done: u64, total: u64, line: impl FnOnce() -> String) {
        if let Some(bar) = &self.bar {
            bar.set_length(total.max(1));
            bar.set_position(done.min(total));
            bar.set_message(line());
        } else if let Some((command, last)) = &self.log {
            let mut last = last.lock().unwrap_or_else(|e| e.into_inner());
            if last.elapsed() >= LOG_EVERY {
                *last = Instant::now();
                eprintln!("dateline: {command}: {}", line());
            }
        }
    }

    /// Prints a message on stderr without tearing the bar; when progress is
    /// hidden (`-q`), messages still go out unless `quiet_hides` says so.
    pub fn message(&self, message: &str, quiet_hides: bool) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{message}")),
            None if self.log.is_some() || !quiet_hides => eprintln!("{message}"),
            None => {}
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
