//! `dateline extract`: pages in, articles out, in input order.
//!
//! Single pages (files, folders, standard input) come first, then the
//! records of corpus containers (WARC, JSONL), each container streamed in
//! batches so that memory stays bounded whatever its size.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use dateline_extract::{Extractor, InputKind, Options};
use dateline_ingest::{
    discover, open_records, read_page, read_stdin, Counts, IngestError, Page, PageKind, Record,
};
use dateline_model::{Article, Source};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::cli::{ExtractArgs, Format, InputArg};
use crate::exit;
use crate::output::write_article;

/// Pages extracted at once, at most: text dumps of one site share
/// boilerplate that is learned per batch, so batches hold many pages of a
/// site (crawl folders and WARCs keep a site's pages together).
const BATCH: usize = 2048;
/// Page bytes held at once, at most: bounds memory whatever the input.
const BATCH_BYTES: usize = 64 * 1024 * 1024;
/// Files read in parallel at a time.
const READ_AHEAD: usize = 64;

/// One page to extract, with what its source says about it.
struct Item {
    page: Page,
    url: Option<String>,
    charset: Option<String>,
}

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
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .context("starting worker threads")?;
    let stdout = std::io::stdout();
    let mut run = Run {
        args: &args,
        format,
        pool,
        out: std::io::BufWriter::new(stdout.lock()),
        progress: progress_bar(files.len(), args.quiet || one_page),
        written: 0,
        failed: errors.len(),
    };

    let mut pending = Pending::default();
    for chunk in files.chunks(READ_AHEAD) {
        let items: Vec<Result<Item, IngestError>> = run.pool.install(|| {
            chunk
                .par_iter()
                .map(|path| {
                    let page = if from_stdin {
                        read_stdin()?
                    } else {
                        read_page(path)?
                    };
                    Ok(Item {
                        page,
                        url: args.url.clone(),
                        charset: args.charset.clone(),
                    })
                })
                .collect()
        });
        for item in items {
            if let Some(batch) = pending.push(item) {
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

/// Items waiting to be extracted, released as a batch when full.
#[derive(Default)]
struct Pending {
    items: Vec<Result<Item, IngestError>>,
    bytes: usize,
}

impl Pending {
    /// Adds an item; returns a full batch to extract.
    fn push(&mut self, item: Result<Item, IngestError>) -> Option<Vec<Result<Item, IngestError>>> {
        self.bytes += item.as_ref().map_or(0, |i| i.page.bytes.len());
        self.items.push(item);
        (self.items.len() >= BATCH || self.bytes >= BATCH_BYTES).then(|| self.take())
    }

    fn take(&mut self) -> Vec<Result<Item, IngestError>> {
        self.bytes = 0;
        std::mem::take(&mut self.items)
    }
}

/// The state of one `extract` run.
struct Run<'a, W: Write> {
    args: &'a ExtractArgs,
    format: Format,
    pool: rayon::ThreadPool,
    out: W,
    progress: ProgressBar,
    written: usize,
    failed: usize,
}

impl<W: Write> Run<'_, W> {
    /// Extracts a batch in parallel and writes it in input order.
    fn extract_batch(&mut self, items: Vec<Result<Item, IngestError>>) -> anyhow::Result<()> {
        let args = self.args;
        let (extractors, engine_of) = engines(&items, args, &self.pool);
        let results: Vec<Result<Article, IngestError>> = self.pool.install(|| {
            items
                .into_par_iter()
                .enumerate()
                .map(|(i, item)| Ok(extract_item(&extractors[engine_of[i]], &item?, args)))
                .collect()
        });
        for result in results {
            match result {
                Ok(article) => {
                    write_article(&mut self.out, &article, self.format, self.written == 0)
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
        let mut pending = Pending::default();
        for record in reader.by_ref() {
            self.progress.inc_length(1);
            if let Some(batch) = pending.push(record.map(|r| self.item(r))) {
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

    fn item(&self, record: Record) -> Item {
        let url = record.url.clone();
        let charset = self.args.charset.clone().or_else(|| record.charset.clone());
        Item {
            page: record.into_page(),
            url,
            charset,
        }
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

/// One extraction engine per site group of the batch's text dumps (plus a
/// plain one at index 0), and which engine each item uses.
fn engines(
    items: &[Result<Item, IngestError>],
    args: &ExtractArgs,
    pool: &rayon::ThreadPool,
) -> (Vec<Extractor>, Vec<usize>) {
    let mut engine_of = vec![0; items.len()];
    let mut extractors = vec![Extractor::new()];
    let dumps: Vec<usize> = (0..items.len())
        .filter(|&i| {
            items[i]
                .as_ref()
                .is_ok_and(|it| input_kind(&it.page, args) == InputKind::Text)
        })
        .collect();
    if args.no_site_profiles || dumps.len() < 2 {
        return (extractors, engine_of);
    }
    let texts: Vec<String> = pool.install(|| {
        dumps
            .par_iter()
            .map(|&i| match &items[i] {
                Ok(item) => dateline_extract::decode(&item.page.bytes, None, false).text,
                Err(_) => String::new(),
            })
            .collect()
    });
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    for group in dateline_extract::text::learn_profiles(&refs) {
        if group.pages.len() < 2 {
            continue;
        }
        for member in &group.pages {
            engine_of[dumps[*member]] = extractors.len();
        }
        extractors.push(Extractor::with_profile(group.profile));
    }
    (extractors, engine_of)
}

fn input_kind(page: &Page, args: &ExtractArgs) -> InputKind {
    match (args.input, page.kind) {
        (Some(InputArg::Html), _) | (None, PageKind::Html) => InputKind::Html,
        (Some(InputArg::Text), _) | (None, PageKind::Text) => InputKind::Text,
        (None, PageKind::Unknown) => InputKind::Sniff,
    }
}

fn extract_item(extractor: &Extractor, item: &Item, args: &ExtractArgs) -> Article {
    let mut options = Options::default().input(input_kind(&item.page, args));
    options.url = item.url.clone();
    options.charset = item.charset.clone();
    let mut article = extractor.extract(&item.page.bytes, &options);
    let format = article
        .source
        .as_ref()
        .map(|s| s.format)
        .unwrap_or_default();
    article.source = Some(Source {
        path: Some(item.page.path.display().to_string()),
        format,
    });
    article
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
