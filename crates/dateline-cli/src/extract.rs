//! `dateline extract`: pages in, articles out, in input order.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{bail, Context};
use dateline_extract::{Extractor, InputKind, Options};
use dateline_ingest::{discover, read_page, read_stdin, IngestError, Page, PageKind};
use dateline_model::{Article, Source};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::cli::{ExtractArgs, Format, InputArg};
use crate::exit;
use crate::output::write_article;

/// Pages read and extracted at once: bounds memory on huge folders while
/// keeping every core busy.
const BATCH: usize = 256;

/// Runs the command; returns the exit code.
pub fn run(args: ExtractArgs) -> anyhow::Result<u8> {
    let from_stdin =
        args.paths.is_empty() || (args.paths.len() == 1 && args.paths[0].as_os_str() == "-");
    let (files, mut failures) = if from_stdin {
        (vec![PathBuf::from("-")], Vec::new())
    } else {
        let found = discover(&args.paths);
        (found.files, found.errors)
    };
    for err in &failures {
        eprintln!("dateline: {err}");
    }
    if files.is_empty() {
        eprintln!("dateline: no pages found (looked for .html, .htm, .txt and their .gz)");
        return Ok(exit::SOME_FAILED);
    }
    if args.url.is_some() && files.len() > 1 {
        bail!(
            "--url names one page, but {} inputs were given",
            files.len()
        );
    }
    let format = args.format.unwrap_or(if files.len() == 1 {
        Format::Json
    } else {
        Format::Jsonl
    });
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .context("starting worker threads")?;

    let progress = progress_bar(files.len(), args.quiet);
    let extractor = Extractor::new();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut written = 0usize;
    for chunk in files.chunks(BATCH) {
        let results: Vec<Result<Article, IngestError>> = pool.install(|| {
            chunk
                .par_iter()
                .map(|path| {
                    let page = if from_stdin {
                        read_stdin()?
                    } else {
                        read_page(path)?
                    };
                    Ok(extract_page(&extractor, &page, &args))
                })
                .collect()
        });
        for result in results {
            match result {
                Ok(article) => {
                    write_article(&mut out, &article, format, written == 0)
                        .context("writing output")?;
                    written += 1;
                }
                Err(err) => {
                    progress.suspend(|| eprintln!("dateline: {err}"));
                    failures.push(err);
                }
            }
            progress.inc(1);
        }
    }
    out.flush().context("writing output")?;
    progress.finish_and_clear();
    if failures.is_empty() {
        Ok(exit::OK)
    } else {
        eprintln!("dateline: {written} extracted, {} failed", failures.len());
        Ok(exit::SOME_FAILED)
    }
}

fn extract_page(extractor: &Extractor, page: &Page, args: &ExtractArgs) -> Article {
    let kind = match (args.input, page.kind) {
        (Some(InputArg::Html), _) | (None, PageKind::Html) => InputKind::Html,
        (Some(InputArg::Text), _) | (None, PageKind::Text) => InputKind::Text,
        (None, PageKind::Unknown) => InputKind::Sniff,
    };
    let mut options = Options::default().input(kind);
    options.url = args.url.clone();
    options.charset = args.charset.clone();
    let mut article = extractor.extract(&page.bytes, &options);
    let format = article
        .source
        .as_ref()
        .map(|s| s.format)
        .unwrap_or_default();
    article.source = Some(Source {
        path: Some(page.path.display().to_string()),
        format,
    });
    article
}

fn progress_bar(total: usize, quiet: bool) -> ProgressBar {
    if quiet || total < 2 || !std::io::stderr().is_terminal() {
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
