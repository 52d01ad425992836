//! `dateline stats`: what a store holds.

use std::io::Write;

use anyhow::Context;
use dateline_store::Stats;

use crate::cli::StatsArgs;
use crate::common::exit;

/// Runs the command; returns the exit code.
pub fn run(args: StatsArgs) -> anyhow::Result<u8> {
    let store = crate::common::open_store(&args.store)?;
    let stats = store.stats().context("counting")?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.output.is_json() {
        serde_json::to_writer_pretty(&mut out, &stats)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", render(&stats, args.top))?;
    }
    Ok(exit::OK)
}

fn render(stats: &Stats, top: usize) -> String {
    let mut out = format!(
        "articles      {}\nstories       {}\nduplicates    {}\ndistinct texts {}\nenriched      {}\nplaces        {}\nindexed       {} ({} segments)\n",
        stats.articles,
        stats.clusters,
        stats.duplicates,
        stats.distinct_texts,
        stats.enriched,
        stats.places,
        stats.indexed,
        stats.index_segments
    );
    for (title, counts) in [
        ("by site", &stats.by_site),
        ("by month", &stats.by_month),
        ("by language", &stats.by_language),
        ("not articles", &stats.not_articles),
        ("failed", &stats.failed),
    ] {
        if counts.is_empty() {
            continue;
        }
        out += &format!("\n{title}:\n");
        let shown = if title == "by month" {
            // Months read best as the latest ones, in order.
            &counts[counts.len().saturating_sub(top)..]
        } else {
            &counts[..counts.len().min(top)]
        };
        for count in shown {
            out += &format!("  {:>8}  {}\n", count.count, count.value);
        }
        if shown.len() < counts.len() {
            out += &format!("  ({} more)\n", counts.len() - shown.len());
        }
    }
    out
}
