//! `dateline enrich`: every stored article enriched again, on the
//! pipeline's workers, and the search index rebuilt.

use anyhow::Context;
use dateline_ingest::PipelineOptions;

use crate::cli::EnrichArgs;
use crate::common::{self, exit, Progress, Unattended};

/// Runs the command; returns the exit code.
pub fn run(args: EnrichArgs) -> anyhow::Result<u8> {
    let options = common::place_options(&args.places)?;
    let mut store = common::open_existing(&args.store)?;
    let pipeline = common::pipeline(&args.run, PipelineOptions::default().enrich(Some(options)))?;
    let progress = Progress::new(
        args.run.quiet,
        Unattended::Silent,
        "{spinner} {pos}/{len} articles [{bar:30}] {per_sec} ETA {eta} {msg}",
    );
    let done = store
        .enrich_all(
            |articles| pipeline.enrich_articles(articles),
            |done, total| {
                progress.update(done, total, || {
                    if done == total {
                        "rebuilding the index".into()
                    } else {
                        String::new()
                    }
                })
            },
        )
        .context("enriching the store")?;
    progress.finish();
    if !args.run.quiet {
        eprintln!(
            "dateline: enriched {done} articles and rebuilt the index in {:.1}s",
            progress.elapsed().as_secs_f64()
        );
    }
    Ok(exit::OK)
}
