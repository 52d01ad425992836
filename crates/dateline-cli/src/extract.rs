//! `dateline extract`: pages in, articles out, in input order.
//!
//! Single pages (files, folders, standard input) come first, then the
//! records of corpus containers (WARC, JSONL), each container streamed in
//! batches so that memory stays bounded whatever its size.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use dateline_enrich::PlaceOptions;
use dateline_extract::InputKind;
use dateline_ingest::{
    discover, extract_batch, open_records, read_page, read_stdin, BatchItem, BatchOptions, Batcher,
    Counts, IngestError, ProfileMemory, Record,
};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::cli::{ExtractArgs, Format, InputArg};
use crate::enrich::place_options;
use crate::exit;
use crate::output::write_article;

/// Files read in parallel at a time.
const READ_AHEAD: usize = 64;

/// Runs the command; returns the exit code.
pub fn run(args: ExtractArgs) -> anyhow::Result<u8> {
    let from_stdin =
        args.paths.is_empty() || (args.paths.len() == 1 && args.paths[0].as_os_str() == "-");
    let (files, containers, errors) = if from_stdin {
        (vec![PathBuf::from("-")], Vec::new(), Vec::new())
    } else {
        let found = discover(&args.paths);
        (found.files, found.containers, found.errors)
    };
    for err in &errors {
        eprintln!("dateline: {err}");
    }
    if files.is_empty() && containers.is_empty() {
        eprintln!(
            "dateline: no pages found (looked for .html, .htm, .txt, .warc, .jsonl and their .gz)"
        );
        return Ok(exit::SOME_FAILED);
    }
    if args.url.is_some() && (files.len() > 1 || !containers.is_empty()) {
        bail!("--url names one page, but several inputs were given");
    }
    let one_page = files.len() == 1 && containers.is_empty();
    let format = args.format.unwrap_or(if one_page {
        Format::Json
    } else {
        Format::Jsonl
    });
    if args.enrich && !matches!(format, Format::Json | Format::Jsonl) {
        bail!("--enrich adds fields to the JSON output: use --format json or jsonl");
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .context("starting worker threads")?;
    let stdout = std::io::stdout();
    let enrich = if args.enrich {
        Some(place_options(&args.places)?)
    } else {
        None
    };
    let mut run = Run {
        args: &args,
        enrich,
        format,
        pool,
        out: std::io::BufWriter::new(stdout.lock()),
        progress: progress_bar(files.len(), args.quiet || one_page),
        memory: ProfileMemory::default(),
        written: 0,
        failed: errors.len(),
    };

    let mut pending = Batcher::default();
    for chunk in files.chunks(READ_AHEAD) {
        let items: Vec<Result<BatchItem, IngestError>> = run.pool.install(|| {
            chunk
                .par_iter()
                .map(|path| {
                    let page = if from_stdin {
                        read_stdin()?
                    } else {
                        read_page(path)?
                    };
                    Ok(BatchItem {
                        page,
                        url: args.url.clone(),
                        charset: args.charset.clone(),
                    })
                })
                .collect()
        });
        for item in items {
            let bytes = item.as_ref().map_or(0, |i| i.page.bytes.len());
            if let Some(batch) = pending.push(item, bytes) {
                run.extract_batch(batch)?;
            }
        }
    }
    run.extract_batch(pending.take())?;
    for path in &containers {
        run.extract_container(path)?;
    }
    run.out.flush().context("writing output")?;
    run.progress.finish_and_clear();
    if run.failed == 0 {
        Ok(exit::OK)
    } else {
        eprintln!("dateline: {} extracted, {} failed", run.written, run.failed);
        Ok(exit::SOME_FAILED)
    }
}

/// The state of one `extract` run.
struct Run<'a, W: Write> {
    args: &'a ExtractArgs,
    /// How to enrich each article (with --enrich).
    enrich: Option<PlaceOptions>,
    format: Format,
    pool: rayon::ThreadPool,
    out: W,
    progress: ProgressBar,
    memory: ProfileMemory,
    written: usize,
    failed: usize,
}

impl<W: Write> Run<'_, W> {
    /// Extracts a batch in parallel and writes it in input order.
    fn extract_batch(&mut self, items: Vec<Result<BatchItem, IngestError>>) -> anyhow::Result<()> {
        let options = BatchOptions {
            input: self.args.input.map(|input| match input {
                InputArg::Html => InputKind::Html,
                InputArg::Text => InputKind::Text,
            }),
            site_profiles: !self.args.no_site_profiles,
        };
        let enrich = self.enrich.as_ref();
        let results = extract_batch(
            items,
            options,
            &mut self.memory,
            &self.pool,
            |mut article| {
                let enrichment =
                    enrich.map(|options| dateline_enrich::enrich_article(&mut article, options));
                (article, enrichment)
            },
        );
        for result in results {
            match result {
                Ok((article, enrichment)) => {
                    write_article(
                        &mut self.out,
                        &article,
                        enrichment.as_ref(),
                        self.format,
                        self.written == 0,
                    )
                    .context("writing output")?;
                    self.written += 1;
                }
                Err(err) => {
                    self.progress.suspend(|| eprintln!("dateline: {err}"));
                    self.failed += 1;
                }
            }
            self.progress.inc(1);
        }
        Ok(())
    }

    /// Streams a WARC or JSONL file's records through the batch pipeline,
    /// then reports what was skipped and why.
    fn extract_container(&mut self, path: &Path) -> anyhow::Result<()> {
        let mut reader = match open_records(path) {
            Ok(reader) => reader,
            Err(err) => {
                self.progress.suspend(|| eprintln!("dateline: {err}"));
                self.failed += 1;
                return Ok(());
            }
        };
        let mut pending = Batcher::default();
        for record in reader.by_ref() {
            self.progress.inc_length(1);
            let item = record.map(|r| self.item(r));
            let bytes = item.as_ref().map_or(0, |i| i.page.bytes.len());
            if let Some(batch) = pending.push(item, bytes) {
                self.extract_batch(batch)?;
            }
        }
        self.extract_batch(pending.take())?;
        let counts = reader.counts();
        if counts.skipped_total() > 0 || counts.bad > 0 {
            let summary = summarise(path, counts);
            self.progress.suspend(|| eprintln!("{summary}"));
        }
        Ok(())
    }

    fn item(&self, record: Record) -> BatchItem {
        let mut item = BatchItem::from(record);
        if self.args.charset.is_some() {
            item.charset.clone_from(&self.args.charset);
        }
        item
    }
}

/// "dateline: crawl.warc.gz: 120 records, 80 pages, 35 skipped (not-html 30,
/// http-redirect 5), 5 bad".
fn summarise(path: &Path, counts: &Counts) -> String {
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

fn progress_bar(total: usize, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total as u64);
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos}/{len} pages [{bar:30}] {per_sec} ETA {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar
}
