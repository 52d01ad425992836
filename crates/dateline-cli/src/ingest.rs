//! `dateline ingest`: inputs into a store, with progress and a summary.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::Context;
use dateline_extract::InputKind;
use dateline_ingest::pipeline::{ingest, Event, IngestOptions, Progress, Summary};
use dateline_ingest::BatchOptions;
use dateline_store::Store;
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{IngestArgs, InputArg};
use crate::enrich::place_options;
use crate::exit;

/// Plain progress lines (no terminal) come this often.
const LOG_EVERY: Duration = Duration::from_secs(10);

/// Runs the command; returns the exit code.
pub fn run(args: IngestArgs) -> anyhow::Result<u8> {
    let dir = &args.store.store;
    let mut store =
        Store::open(dir).with_context(|| format!("opening the store {}", dir.display()))?;
    let options = IngestOptions {
        threads: args.threads,
        batch: BatchOptions {
            input: args.input.map(|input| match input {
                InputArg::Html => InputKind::Html,
                InputArg::Text => InputKind::Text,
            }),
            site_profiles: !args.no_site_profiles,
        },
        keep_non_articles: args.keep_non_articles,
        enrich: if args.no_enrich {
            None
        } else {
            Some(place_options(&args.places)?)
        },
    };
    let display = Display::new(args.quiet);
    let summary = ingest(&mut store, &args.paths, &options, &|event| {
        display.show(event)
    })
    .with_context(|| format!("ingesting into {}", dir.display()))?;
    display.finish();
    if summary.inputs == 0 {
        eprintln!(
            "dateline: no pages found (looked for .html, .htm, .txt, .warc, .jsonl and their .gz)"
        );
        return Ok(exit::SOME_FAILED);
    }
    if !args.quiet {
        eprint!("{}", human_summary(&summary, dir));
    }
    if args.json {
        println!("{}", serde_json::to_string(&summary)?);
    }
    let failed: u64 = summary.failed.values().sum();
    Ok(if failed == 0 {
        exit::OK
    } else {
        exit::SOME_FAILED
    })
}

/// Progress on a terminal (a bar with rate and ETA) or as log lines.
struct Display {
    bar: Option<ProgressBar>,
    log: Option<Mutex<Instant>>,
    started: Instant,
}

impl Display {
    fn new(quiet: bool) -> Self {
        let started = Instant::now();
        if quiet {
            return Self {
                bar: None,
                log: None,
                started,
            };
        }
        if !std::io::stderr().is_terminal() {
            return Self {
                bar: None,
                log: Some(Mutex::new(started)),
                started,
            };
        }
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{bar:30}] {percent:>3}% {msg} ETA {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        Self {
            bar: Some(bar),
            log: None,
            started,
        }
    }

    fn show(&self, event: Event<'_>) {
        match event {
            Event::Progress(progress) => {
                let line = progress_line(progress, self.started.elapsed());
                if let Some(bar) = &self.bar {
                    bar.set_length(progress.bytes_total.max(1));
                    bar.set_position(progress.bytes_done.min(progress.bytes_total));
                    bar.set_message(line);
                } else if let Some(last) = &self.log {
                    let mut last = last.lock().unwrap_or_else(|e| e.into_inner());
                    if last.elapsed() >= LOG_EVERY {
                        *last = Instant::now();
                        eprintln!("dateline: ingest: {line}");
                    }
                }
            }
            Event::Failure(failure) => {
                let message = format!(
                    "dateline: {}{}: {}",
                    failure.input,
                    if failure.locator.is_empty() {
                        String::new()
                    } else {
                        format!(" {}", failure.locator)
                    },
                    failure.message
                );
                match &self.bar {
                    Some(bar) => bar.suspend(|| eprintln!("{message}")),
                    None if self.log.is_some() => eprintln!("{message}"),
                    None => {}
                }
            }
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn progress_line(progress: &Progress, elapsed: Duration) -> String {
    let rate = progress.read as f64 / elapsed.as_secs_f64().max(1e-3);
    let percent = if progress.bytes_total > 0 {
        format!(
            ", {:.0}% of input",
            100.0 * progress.bytes_done as f64 / progress.bytes_total as f64
        )
    } else {
        String::new()
    };
    format!(
        "{} records ({} stored, {} duplicates, {} not articles, {} failed), {:.0}/s{percent}",
        progress.read,
        progress.stored,
        progress.duplicates,
        progress.not_articles,
        progress.failed,
        rate
    )
}

fn human_summary(summary: &Summary, dir: &std::path::Path) -> String {
    let mut out = format!(
        "dateline: ingested into {}: {} records read in {:.1}s ({:.0}/s): {} new stories, {} duplicates ({} exact, {} near)",
        dir.display(),
        summary.read,
        summary.seconds,
        summary.records_per_second,
        summary.stored,
        summary.duplicates,
        summary.exact_duplicates,
        summary.near_duplicates,
    );
    if summary.already_ingested > 0 {
        out += &format!(", {} already in the store", summary.already_ingested);
    }
    out.push('\n');
    for (label, counts) in [
        ("not articles", &summary.not_articles),
        ("skipped", &summary.skipped),
        ("failed", &summary.failed),
    ] {
        let total: u64 = counts.values().sum();
        if total > 0 {
            let reasons: Vec<String> = counts.iter().map(|(r, n)| format!("{r} {n}")).collect();
            out += &format!("dateline: {total} {label}: {}\n", reasons.join(", "));
        }
    }
    out
}
