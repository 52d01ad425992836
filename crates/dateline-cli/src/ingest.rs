//! `dateline ingest`: inputs into a store, with progress and a summary.

use std::time::Duration;

use anyhow::Context;
use dateline_ingest::{ingest, Event, Extraction, Keep, PipelineOptions, Progress, Summary};
use dateline_store::Store;

use crate::cli::IngestArgs;
use crate::common::{self, exit, Unattended};

/// Runs the command; returns the exit code.
pub fn run(args: IngestArgs) -> anyhow::Result<u8> {
    let dir = &args.store.store;
    let mut store =
        Store::open(dir).with_context(|| format!("opening the store {}", dir.display()))?;
    let pipeline = common::pipeline(
        &args.storing.run,
        PipelineOptions::default()
            .extraction(Extraction::Pages {
                input: common::input_kind(args.input),
                charset: None,
                url: None,
                site_profiles: !args.no_site_profiles,
            })
            .keep(if args.keep_non_articles {
                Keep::All
            } else {
                Keep::Articles
            })
            .enrich(if args.storing.no_enrich {
                None
            } else {
                Some(common::place_options(&args.storing.places)?)
            }),
    )?;
    let display = ingest_display(args.storing.run.quiet, "ingest");
    let summary = ingest(&mut store, &args.paths, &pipeline, &|event| {
        show_event(&display, event)
    })
    .with_context(|| format!("ingesting into {}", dir.display()))?;
    display.finish();
    if summary.inputs == 0 {
        eprintln!("{}", common::NO_PAGES_FOUND);
        return Ok(exit::SOME_FAILED);
    }
    if !args.storing.run.quiet {
        eprint!("{}", human_summary(&summary, dir));
    }
    if args.storing.output.is_json() {
        println!("{}", serde_json::to_string(&summary)?);
    }
    let failed: u64 = summary.failed.values().sum();
    Ok(if failed == 0 {
        exit::OK
    } else {
        exit::SOME_FAILED
    })
}

/// The progress display of a run that stores what it reads.
pub(crate) fn ingest_display(quiet: bool, command: &'static str) -> common::Progress {
    common::Progress::new(
        quiet,
        Unattended::LogLines(command),
        "{spinner} [{bar:30}] {percent:>3}% {msg} ETA {eta}",
    )
}

/// Shows an ingest's progress and failures.
pub(crate) fn show_event(display: &common::Progress, event: Event<'_>) {
    match event {
        Event::Progress(progress) => {
            display.update(progress.bytes_done, progress.bytes_total, || {
                progress_line(progress, display.elapsed())
            })
        }
        Event::Failure(failure) => {
            let at = if failure.locator.is_empty() {
                String::new()
            } else {
                format!(" {}", failure.locator)
            };
            display.message(
                &format!("dateline: {}{at}: {}", failure.input, failure.message),
                true,
            );
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

pub(crate) fn human_summary(summary: &Summary, dir: &std::path::Path) -> String {
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
    out += &common::reason_lines(&[
        ("not articles", &summary.not_articles),
        ("skipped", &summary.skipped),
        ("failed", &summary.failed),
    ]);
    out
}
