//! `dateline show`: one article, where its copies came from, its duplicates.

use std::io::Write;

use anyhow::Context;

use crate::cli::ShowArgs;
use crate::common::exit;
use crate::output::markdown;

/// Runs the command; returns the exit code.
pub fn run(args: ShowArgs) -> anyhow::Result<u8> {
    let store = crate::common::open_store(&args.store)?;
    let Some(stored) = store.article(args.id).context("reading the article")? else {
        eprintln!(
            "dateline: no article {} in {}",
            args.id,
            args.store.store.display()
        );
        return Ok(exit::SOME_FAILED);
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.output.is_json() {
        serde_json::to_writer_pretty(&mut out, &stored)?;
        writeln!(out)?;
        return Ok(exit::OK);
    }
    write!(out, "{}", markdown(&stored.article))?;
    writeln!(
        out,
        "\n---\nArticle {} · story {} · {} copies",
        stored.id, stored.cluster_id, stored.cluster_size
    )?;
    writeln!(out, "\nProvenance:")?;
    for copy in &stored.provenance {
        let at = if copy.locator.is_empty() {
            String::new()
        } else {
            format!(" {}", copy.locator)
        };
        let url = copy
            .url
            .as_deref()
            .map(|u| format!("  {u}"))
            .unwrap_or_default();
        writeln!(out, "- {}{at}{url}", copy.input)?;
    }
    if !stored.duplicates.is_empty() {
        writeln!(out, "\nOther versions of this story:")?;
        for dup in &stored.duplicates {
            writeln!(
                out,
                "- [{}] {}{}  {}",
                dup.id,
                dup.title.as_deref().unwrap_or("(untitled)"),
                if dup.representative { " (indexed)" } else { "" },
                dup.urls.first().map_or("", String::as_str)
            )?;
        }
    }
    Ok(exit::OK)
}
