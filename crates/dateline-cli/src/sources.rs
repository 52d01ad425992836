//! `dateline sources`: what a store follows and how it went.

use std::io::Write;
use std::time::{Duration, UNIX_EPOCH};

use anyhow::Context;
use dateline_store::{Frontier, HostRow, SourceRow, UrlCount};
use serde::Serialize;

use crate::cli::SourcesArgs;
use crate::common::exit;

#[derive(Serialize)]
struct Listing {
    sources: Vec<SourceRow>,
    hosts: Vec<HostRow>,
    urls: Vec<UrlCount>,
}

/// Runs the command; returns the exit code.
pub fn run(args: SourcesArgs) -> anyhow::Result<u8> {
    let dir = &args.store.store;
    if !dir.join(dateline_store::DATABASE_FILE).is_file() {
        return Err(dateline_store::StoreError::NotFound { dir: dir.clone() }.into());
    }
    let frontier =
        Frontier::open(dir).with_context(|| format!("opening the store {}", dir.display()))?;
    if let Some(url) = &args.remove {
        return done(frontier.remove_source(url)?, "removed", url);
    }
    if let Some(url) = &args.reset {
        return done(frontier.reset_source(url)?, "reset", url);
    }
    let listing = Listing {
        sources: frontier.sources()?,
        hosts: frontier.hosts()?,
        urls: frontier.url_counts()?,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.output.is_json() {
        serde_json::to_writer_pretty(&mut out, &listing)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", render(&listing))?;
    }
    Ok(exit::OK)
}

fn done(found: bool, what: &str, url: &str) -> anyhow::Result<u8> {
    if found {
        eprintln!("dateline: {what} {url}");
        Ok(exit::OK)
    } else {
        eprintln!("dateline: no source {url} (see `dateline sources`)");
        Ok(exit::SOME_FAILED)
    }
}

/// Unix seconds as `2019-12-09T17:34:00Z`.
fn when(at: Option<f64>) -> String {
    at.map_or_else(
        || "never".to_string(),
        |at| dateline_input::warc_date(UNIX_EPOCH + Duration::from_secs_f64(at.max(0.0))),
    )
}

fn render(listing: &Listing) -> String {
    let mut out = format!("sources ({})\n", listing.sources.len());
    for s in &listing.sources {
        out += &format!("  {:<8} {}\n", s.kind.as_str(), s.url);
        let every = s
            .interval_s
            .map(|i| format!(" (every {})", human(i)))
            .unwrap_or_default();
        out += &format!(
            "           last {}, next {}{every}; {} polls, {} unchanged; {} items, {} new last time\n",
            when(s.last_fetch),
            when(s.next_fetch),
            s.fetches,
            s.unchanged,
            s.items,
            s.new_items
        );
        if let Some(error) = &s.last_error {
            out += &format!("           failing ({} in a row): {error}\n", s.failures);
        }
    }
    out += &format!("\nhosts ({})\n", listing.hosts.len());
    for h in &listing.hosts {
        let robots = match h.robots_status {
            Some(status) => format!("robots.txt {status} at {}", when(h.robots_fetched_at)),
            None => "robots.txt not read".into(),
        };
        out += &format!("  {}  {robots}; {} requests\n", h.origin, h.fetches);
        if h.failures > 0 {
            let error = h.last_error.as_deref().unwrap_or("");
            out += &format!("           failing ({} in a row): {error}\n", h.failures);
        }
    }
    out += "\nurls\n";
    for count in &listing.urls {
        out += &format!(
            "  {:>8}  {} {}\n",
            count.count,
            count.kind.as_str(),
            count.state.as_str()
        );
    }
    out
}

/// Seconds as the largest unit that reads well.
fn human(seconds: f64) -> String {
    if seconds >= 3600.0 {
        format!("{:.1} h", seconds / 3600.0)
    } else if seconds >= 60.0 {
        format!("{:.0} min", seconds / 60.0)
    } else {
        format!("{seconds:.1} s")
    }
}
