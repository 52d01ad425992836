//! `dateline reindex`: the search index rebuilt from the database.

use std::io::IsTerminal;

use anyhow::Context;
use dateline_store::Store;

use crate::cli::ReindexArgs;
use crate::exit;

/// Runs the command; returns the exit code.
pub fn run(args: ReindexArgs) -> anyhow::Result<u8> {
    let dir = &args.store.store;
    if !dir.join(dateline_store::DATABASE_FILE).is_file() {
        return Err(dateline_store::StoreError::NotFound { dir: dir.clone() }.into());
    }
    let mut store =
        Store::open(dir).with_context(|| format!("opening the store {}", dir.display()))?;
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
