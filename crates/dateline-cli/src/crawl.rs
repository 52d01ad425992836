//! `dateline crawl`, `watch` and `fetch`: live sources into a store, through
//! the same pipeline as files.

use std::net::IpAddr;
use std::path::Path;
use std::sync::atomic::Ordering;
use std::time::Duration;

use anyhow::{bail, Context};
use dateline_fetch::{CrawlOptions, CrawlReport, Mode};
use dateline_ingest::{ingest_stream, Freshness, Keep, PipelineOptions, Summary};
use dateline_store::Store;
use serde::Serialize;

use crate::cli::{CrawlArgs, FetchArgs, PolitenessArgs, StoringArgs, WatchArgs};
use crate::common::{self, exit};
use crate::ingest::{human_summary, ingest_display, show_event};

/// Runs `crawl`; returns the exit code.
pub fn crawl(args: CrawlArgs) -> anyhow::Result<u8> {
    if let Some(since) = &args.since {
        if dateline_model::Timestamp::parse_range_bound(since, false).is_none() {
            bail!("--since takes a day such as 2019-12-09, not {since:?}");
        }
    }
    let mut options = crawl_options(&args.politeness)?;
    options.since = args.since.clone();
    run(
        &args.store.store,
        &args.sources,
        Mode::Crawl,
        options,
        &args.storing,
        None,
    )
}

/// Runs `watch`; returns the exit code.
pub fn watch(args: WatchArgs) -> anyhow::Result<u8> {
    let mut options = crawl_options(&args.politeness)?;
    options.schedule.min = seconds("--min-interval", args.min_interval)?;
    options.schedule.initial =
        seconds("--first-interval", args.first_interval)?.max(options.schedule.min);
    let run_for = args.run_for.map(|s| seconds("--for", s)).transpose()?;
    run(
        &args.store.store,
        &args.sources,
        Mode::Watch,
        options,
        &args.storing,
        run_for,
    )
}

/// Runs `fetch`; returns the exit code.
pub fn fetch(args: FetchArgs) -> anyhow::Result<u8> {
    let options = crawl_options(&args.politeness)?;
    run(
        &args.store.store,
        &args.urls,
        Mode::Fetch,
        options,
        &args.storing,
        None,
    )
}

/// What `--json` prints.
#[derive(Serialize)]
struct Report<'a> {
    crawl: &'a CrawlReport,
    ingest: &'a Summary,
}

fn run(
    dir: &Path,
    targets: &[String],
    mode: Mode,
    options: CrawlOptions,
    args: &StoringArgs,
    run_for: Option<Duration>,
) -> anyhow::Result<u8> {
    if options.contact.is_none() && !args.run.quiet {
        eprintln!(
            "dateline: note: give --contact (an e-mail address or URL) so that site operators can reach you"
        );
    }
    let mut store =
        Store::open(dir).with_context(|| format!("opening the store {}", dir.display()))?;
    let enrich = if args.no_enrich {
        None
    } else {
        Some(common::place_options(&args.places)?)
    };
    let pipeline = common::pipeline(
        &args.run,
        PipelineOptions::default()
            .keep(Keep::Articles)
            .enrich(enrich),
    )?;
    let crawl = dateline_fetch::start(dir, targets, mode, options)?;
    let stop = crawl.control.stop_flag();
    let on_signal = std::sync::Arc::clone(&stop);
    // A second Ctrl-C ends the process at once.
    let _ = ctrlc::set_handler(move || {
        if on_signal.swap(true, Ordering::Relaxed) {
            std::process::exit(130);
        }
        eprintln!(
            "dateline: stopping: finishing the requests in flight (Ctrl-C again to quit now)"
        );
    });
    if let Some(limit) = run_for {
        let stop = std::sync::Arc::clone(&stop);
        std::thread::spawn(move || {
            std::thread::sleep(limit);
            stop.store(true, Ordering::Relaxed);
        });
    }
    let display = ingest_display(args.run.quiet, mode_name(mode));
    let ingested = ingest_stream(
        &mut store,
        crawl.stream,
        &pipeline,
        Freshness::Live,
        &|event| show_event(&display, event),
    );
    display.finish();
    // The crawl stops once its pages have nowhere to go.
    if ingested.is_err() {
        crawl.control.stop();
    }
    let report = crawl.control.join().context("crawling")?;
    let summary = ingested.with_context(|| format!("ingesting into {}", dir.display()))?;
    if !args.run.quiet {
        eprint!("{}", crawl_summary(&report));
        eprint!("{}", human_summary(&summary, dir));
    }
    if args.output.is_json() {
        println!(
            "{}",
            serde_json::to_string(&Report {
                crawl: &report,
                ingest: &summary,
            })?
        );
    }
    let failed: u64 = report.failed.values().sum::<u64>() + summary.failed.values().sum::<u64>();
    Ok(if failed == 0 {
        exit::OK
    } else {
        exit::SOME_FAILED
    })
}

fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Crawl => "crawl",
        Mode::Watch => "watch",
        Mode::Fetch => "fetch",
    }
}

fn crawl_summary(report: &CrawlReport) -> String {
    let mut out = format!(
        "dateline: {} requests in {:.1}s: {} pages, {} feeds/sitemaps/home pages, {} robots.txt, {} not modified, {} new URLs",
        report.requests,
        report.seconds,
        report.pages,
        report.documents,
        report.robots,
        report.not_modified,
        report.new_urls,
    );
    if report.resumed > 0 {
        out += &format!(", {} pages of an interrupted run stored", report.resumed);
    }
    out.push('\n');
    out += &common::reason_lines(&[
        ("failed", &report.failed),
        ("not fetched", &report.skipped),
        ("read despite errors", &report.repaired),
    ]);
    for (origin, reason) in &report.parked {
        out += &format!("dateline: {origin} left for this run: {reason}\n");
    }
    out
}

/// The crawl options of the politeness flags, checked.
fn crawl_options(args: &PolitenessArgs) -> anyhow::Result<CrawlOptions> {
    if args.concurrency == 0 {
        bail!("--concurrency must be at least 1");
    }
    let mut options = CrawlOptions {
        contact: args.contact.clone(),
        delay: Duration::from_secs_f64(non_negative("--delay", args.delay)?),
        max_delay: Duration::from_secs_f64(non_negative("--max-delay", args.max_delay)?),
        concurrency: args.concurrency,
        timeout: seconds("--timeout", args.timeout)?,
        allow_private: args.allow_private,
        max_pages: args.max_pages,
        ..CrawlOptions::default()
    };
    for mapping in &args.resolve {
        options.resolve.push(parse_resolve(mapping)?);
    }
    Ok(options)
}

fn non_negative(flag: &str, value: f64) -> anyhow::Result<f64> {
    if !value.is_finite() || value < 0.0 {
        bail!("{flag} takes a number of seconds, not {value}");
    }
    Ok(value)
}

fn seconds(flag: &str, value: f64) -> anyhow::Result<Duration> {
    let value = non_negative(flag, value)?;
    if value == 0.0 {
        bail!("{flag} must be more than 0 seconds");
    }
    Ok(Duration::from_secs_f64(value))
}

/// `HOST:PORT:ADDRESS` or `HOST:ADDRESS` (an IPv6 address in brackets or
/// not). The port is accepted for curl's syntax; the mapping holds for
/// the host on any port.
fn parse_resolve(text: &str) -> anyhow::Result<(String, IpAddr)> {
    let bad = || anyhow::anyhow!("--resolve takes HOST:PORT:ADDRESS, not {text:?}");
    let (host, rest) = text.split_once(':').ok_or_else(bad)?;
    let rest = match rest.split_once(':') {
        Some((port, address)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => {
            address
        }
        _ => rest,
    };
    let address = rest.trim_start_matches('[').trim_end_matches(']');
    let ip: IpAddr = address.parse().map_err(|_| bad())?;
    if host.is_empty() {
        return Err(bad());
    }
    Ok((host.to_ascii_lowercase(), ip))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_mappings() {
        let loopback: IpAddr = "127.0.0.1".parse().unwrap();
        assert_eq!(
            parse_resolve("News.Test:8080:127.0.0.1").unwrap(),
            ("news.test".into(), loopback)
        );
        assert_eq!(parse_resolve("news.test:127.0.0.1").unwrap().1, loopback);
        assert_eq!(
            parse_resolve("news.test:443:[::1]").unwrap().1,
            "::1".parse::<IpAddr>().unwrap()
        );
        assert!(parse_resolve("news.test").is_err());
        assert!(parse_resolve(":80:127.0.0.1").is_err());
        assert!(parse_resolve("news.test:80:nowhere").is_err());
    }
}
