//! `dateline search`: ranked hits with highlighted snippets.

use std::io::Write;

use anyhow::Context;
use dateline_store::{Hit, Query, QueryError};

use crate::cli::SearchArgs;
use crate::common::exit;

/// `--json`: the hits as `/api/search` gives them.
#[derive(serde::Serialize)]
struct JsonResults<'a> {
    total: u64,
    hits: &'a [Hit],
}

/// Runs the command; returns the exit code.
pub fn run(args: SearchArgs) -> anyhow::Result<u8> {
    let store = crate::common::open_store(&args.store)?;
    let mut query = filtered(
        args.query.join(" "),
        args.from.as_deref(),
        args.to.as_deref(),
        args.lang.as_deref(),
    )?;
    query.limit = args.limit;
    query.offset = args.offset;
    let results = store.search(&query).context("searching")?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.output.is_json() {
        let json = JsonResults {
            total: results.total,
            hits: &results.hits,
        };
        serde_json::to_writer(&mut out, &json)?;
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

/// The query of the words and filters given; a bad `--from`/`--to` is
/// reported as `"x" is not a date (use 2019, 2019-12 or 2019-12-09)` (the
/// flag's name is not `from=`).
fn filtered(
    text: String,
    from: Option<&str>,
    to: Option<&str>,
    lang: Option<&str>,
) -> anyhow::Result<Query> {
    Query::filtered(text, from, to, lang).map_err(|err| match err {
        QueryError::BadDate { date, .. } => anyhow::Error::new(date),
        other => anyhow::Error::new(other),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_bounds_explain_bad_dates() {
        let query = filtered(String::new(), None, Some("2019"), None).unwrap();
        assert_eq!(query.to.unwrap().to_string(), "2019-12-31");
        let err = filtered(String::new(), Some("last week"), None, None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("is not a date"), "{err}");
        assert_eq!(
            err,
            r#""last week" is not a date (use 2019, 2019-12 or 2019-12-09)"#
        );
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
