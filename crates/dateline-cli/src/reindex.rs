//! Index maintenance: `dateline reindex` rebuilds the search index from the
//! database, `dateline compact` merges its segments.

use std::io::IsTerminal;

use crate::cli::ReindexArgs;
use crate::common::{exit, open_existing};
use anyhow::Context;

/// Runs `reindex`; returns the exit code.
pub fn run(args: ReindexArgs) -> anyhow::Result<u8> {
    let mut store = open_existing(&args.store)?;
    let show = !args.quiet && std::io::stderr().is_terminal();
    let count = store
        .reindex(|n| {
            if show {
                eprint!("\rdateline: indexed {n} stories");
            }
        })
        .context("rebuilding the index")?;
    if show {
        eprintln!();
    }
    if !args.quiet {
        eprintln!("dateline: index rebuilt: {count} stories");
    }
    Ok(exit::OK)
}

/// Runs `compact`; returns the exit code.
pub fn compact(args: ReindexArgs) -> anyhow::Result<u8> {
    let mut store = open_existing(&args.store)?;
    let started = std::time::Instant::now();
    let (before, after) = store.compact().context("compacting the store")?;
    if !args.quiet {
        eprintln!(
            "dateline: index compacted from {before} to {after} segment(s) in {:.1}s",
            started.elapsed().as_secs_f64()
        );
    }
    Ok(exit::OK)
}
