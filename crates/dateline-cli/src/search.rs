//! `dateline search`: ranked hits with highlighted snippets.

use std::io::Write;

use anyhow::{bail, Context};
use dateline_model::Timestamp;
use dateline_store::Query;
use serde_json::json;

use crate::cli::SearchArgs;
use crate::common::exit;

/// Runs the command; returns the exit code.
pub fn run(args: SearchArgs) -> anyhow::Result<u8> {
    let store = crate::common::open_store(&args.store)?;
    let query = Query {
        text: args.query.join(" "),
        from: args
            .from
            .as_deref()
            .map(|d| date_bound(d, false))
            .transpose()?,
        to: args
            .to
            .as_deref()
            .map(|d| date_bound(d, true))
            .transpose()?,
        language: args.lang.clone(),
        limit: args.limit,
        offset: args.offset,
        ..Query::default()
    };
    let results = store.search(&query).context("searching")?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.output.is_json() {
        let hits: Vec<_> = results
            .hits
            .iter()
            .map(|hit| {
                json!({
                    "id": hit.id,
                    "title": hit.title,
                    "url": hit.url,
                    "site_name": hit.site_name,
                    "published": hit.published,
                    "snippet": hit.snippet,
                    "highlights": hit.highlights,
                    "score": hit.score,
                    "cluster_size": hit.cluster_size,
                })
            })
            .collect();
        serde_json::to_writer(&mut out, &json!({"total": results.total, "hits": hits}))?;
        writeln!(out)?;
        return Ok(exit::OK);
    }
    let bold = crate::common::colour_stdout();
    writeln!(
        out,
        "{} {} for {:?}",
        results.total,
        if results.total == 1 {
            "story"
        } else {
            "stories"
        },
        query.text
    )?;
    for hit in &results.hits {
        writeln!(out)?;
        let date = hit
            .published
            .as_deref()
            .map_or("", |d| &d[..d.len().min(10)]);
        let copies = if hit.cluster_size > 1 {
            format!("  ({} copies)", hit.cluster_size)
        } else {
            String::new()
        };
        writeln!(
            out,
            "[{}] {}{copies}",
            hit.id,
            hit.title.as_deref().unwrap_or("(untitled)")
        )?;
        let site = hit.site_name.as_deref().unwrap_or("");
        writeln!(
            out,
            "    {date}  {site}  {}",
            hit.url.as_deref().unwrap_or("")
        )?;
        writeln!(
            out,
            "    {}",
            highlight(&hit.snippet, &hit.highlights, bold)
        )?;
    }
    Ok(exit::OK)
}

/// The snippet with its matched words in bold (on a terminal) or `*marked*`.
fn highlight(snippet: &str, ranges: &[[usize; 2]], bold: bool) -> String {
    let (open, close) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("*", "*")
    };
    let mut out = String::with_capacity(snippet.len() + ranges.len() * 8);
    let mut ranges = ranges.iter().peekable();
    for (i, c) in snippet.chars().enumerate() {
        if ranges.peek().is_some_and(|r| r[0] == i) {
            out.push_str(open);
        }
        out.push(c);
        if let Some(r) = ranges.peek() {
            if r[1] == i + 1 {
                out.push_str(close);
                ranges.next();
            }
        }
    }
    out
}

/// A `--from`/`--to` date: a year or month stands for its first day
/// (`--from`) or last day (`--to`).
pub fn date_bound(text: &str, end: bool) -> anyhow::Result<Timestamp> {
    match Timestamp::parse_range_bound(text, end) {
        Some(stamp) => Ok(stamp),
        None => bail!("{text:?} is not a date (use 2019, 2019-12 or 2019-12-09)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_bounds_explain_bad_dates() {
        assert_eq!(date_bound("2019", true).unwrap().to_string(), "2019-12-31");
        let err = date_bound("last week", false).unwrap_err().to_string();
        assert!(err.contains("is not a date"), "{err}");
    }

    #[test]
    fn highlights_mark_character_ranges() {
        let snippet = "Équipe à Raqqa et Raqqa";
        assert_eq!(
            highlight(snippet, &[[9, 14], [18, 23]], false),
            "Équipe à *Raqqa* et *Raqqa*"
        );
    }
}
