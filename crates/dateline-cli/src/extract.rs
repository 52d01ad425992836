//! `dateline extract`: pages in, articles out on standard output, in input
//! order.

use std::io::Write;

use anyhow::bail;
use dateline_ingest::{Batch, Extraction, Keep, Outcome, PipelineError, PipelineOptions, Sink};
use dateline_input::{Counts, Inputs, Names};
use dateline_model::Article;

use crate::cli::{ExtractArgs, Format};
use crate::common::{self, exit, Progress, Unattended};
use crate::output::write_article;

/// Runs the command; returns the exit code.
pub fn run(args: ExtractArgs) -> anyhow::Result<u8> {
    let from_stdin =
        args.paths.is_empty() || (args.paths.len() == 1 && args.paths[0].as_os_str() == "-");
    let inputs = if from_stdin {
        Inputs::stdin(Names::Known)
    } else {
        Inputs::open(&args.paths, Names::Known)
    };
    if inputs.found() == 0 {
        for err in inputs.filter_map(Result::err) {
            eprintln!("dateline: {err}");
        }
        eprintln!("{}", common::NO_PAGES_FOUND);
        return Ok(exit::SOME_FAILED);
    }
    let one_page = inputs.is_one_page();
    if args.url.is_some() && !one_page {
        bail!("--url names one page, but several inputs were given");
    }
    let format = args.format.unwrap_or(if one_page {
        Format::Json
    } else {
        Format::Jsonl
    });
    if args.enrich && !matches!(format, Format::Json | Format::Jsonl) {
        bail!("--enrich adds fields to the JSON output: use --format json or jsonl");
    }
    let enrich = if args.enrich {
        Some(common::place_options(&args.places)?)
    } else {
        None
    };
    let pipeline = common::pipeline(
        &args.run,
        PipelineOptions::default()
            .extraction(Extraction::Pages {
                input: common::input_kind(args.input),
                charset: args.charset.clone(),
                url: args.url.clone(),
                site_profiles: !args.no_site_profiles,
            })
            .keep(Keep::All)
            .enrich(enrich),
    )?;
    let printer = Printer {
        out: std::io::BufWriter::new(std::io::stdout()),
        format,
        progress: Progress::new(
            args.run.quiet || one_page,
            Unattended::Silent,
            "{spinner} [{bar:30}] {percent:>3}% {msg} ETA {eta}",
        ),
        written: 0,
        failed: 0,
    };
    let mut printer = match pipeline.run(inputs, printer) {
        Ok(printer) => printer,
        Err(PipelineError::Sink(err)) => return Err(err.into()),
        Err(err) => return Err(err.into()),
    };
    printer.out.flush()?;
    printer.progress.finish();
    if printer.failed == 0 {
        Ok(exit::OK)
    } else {
        eprintln!(
            "dateline: {} extracted, {} failed",
            printer.written, printer.failed
        );
        Ok(exit::SOME_FAILED)
    }
}

/// Prints articles as they come; failures go to stderr.
struct Printer<W: Write + Send> {
    out: W,
    format: Format,
    progress: Progress,
    written: usize,
    failed: usize,
}

impl<W: Write + Send> Sink for Printer<W> {
    type Extra = ();
    type Error = std::io::Error;

    fn extra(_: &Article) {}

    fn write(&mut self, batch: Batch<()>) -> std::io::Result<()> {
        for item in batch.items {
            match item.outcome {
                Outcome::Article(done) => {
                    write_article(
                        &mut self.out,
                        &done.article,
                        done.enrichment.as_ref(),
                        self.format,
                        self.written == 0,
                    )?;
                    self.written += 1;
                }
                Outcome::Failed(err) => {
                    self.progress.message(&format!("dateline: {err}"), false);
                    self.failed += 1;
                }
                // Everything is kept: no page comes as a not-article.
                Outcome::NotArticle(_) => {}
            }
        }
        for finished in &batch.finished {
            let counts = &finished.counts;
            if counts.skipped_total() > 0 || counts.bad > 0 {
                let summary = summarise(&finished.path, counts);
                self.progress.message(&summary, false);
            }
        }
        let (done, total) = batch.bytes.map_or((0, 0), |b| (b.done, b.total));
        let records = batch.counts.read;
        let rate = records as f64 / self.progress.elapsed().as_secs_f64().max(1e-3);
        self.progress
            .update(done, total, || format!("{records} records, {rate:.0}/s"));
        Ok(())
    }
}

/// "dateline: crawl.warc.gz: 120 records, 80 pages, 35 skipped (not-html 30,
/// http-redirect 5), 5 bad".
fn summarise(path: &std::path::Path, counts: &Counts) -> String {
    let reasons: Vec<String> = counts
        .skipped
        .iter()
        .map(|(reason, n)| format!("{reason} {n}"))
        .collect();
    format!(
        "dateline: {}: {} records, {} pages, {} skipped ({}), {} bad",
        path.display(),
        counts.read,
        counts.yielded,
        counts.skipped_total(),
        reasons.join(", "),
        counts.bad
    )
}
