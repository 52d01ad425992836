//! `dateline enrich`: every stored article enriched again, and the options
//! every enriching command shares.

use std::io::IsTerminal;
use std::time::Instant;

use anyhow::Context;
use dateline_enrich::{enrich_article, Demonyms, PlaceOptions};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::cli::{EnrichArgs, PlaceArgs};
use crate::exit;
use crate::reindex::open_existing;

/// The place options of `--country` and `--no-demonyms`, checked.
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
    })
}

/// Runs the command; returns the exit code.
pub fn run(args: EnrichArgs) -> anyhow::Result<u8> {
    let options = place_options(&args.places)?;
    let mut store = open_existing(&args.store)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .context("starting worker threads")?;
    let bar = progress_bar(args.quiet);
    let started = Instant::now();
    let done = store
        .enrich_all(
            |articles| {
                pool.install(|| {
                    articles
                        .par_iter_mut()
                        .map(|article| enrich_article(article, &options))
                        .collect()
                })
            },
            |done, total| {
                bar.set_length(total);
                bar.set_position(done);
                if done == total {
                    bar.set_message("rebuilding the index");
                }
            },
        )
        .context("enriching the store")?;
    bar.finish_and_clear();
    if !args.quiet {
        eprintln!(
            "dateline: enriched {done} articles and rebuilt the index in {:.1}s",
            started.elapsed().as_secs_f64()
        );
    }
    Ok(exit::OK)
}

fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {pos}/{len} articles [{bar:30}] {per_sec} ETA {eta} {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar
}
