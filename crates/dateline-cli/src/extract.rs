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
/// keeping every core busy. Text dumps of one site share boilerplate that
/// is learned per batch, so batches are large enough to hold many pages of
/// a site (crawl folders keep a site's pages together).
const BATCH: usize = 2048;

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
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut written = 0usize;
    for chunk in files.chunks(BATCH) {
        let pages: Vec<Result<Page, IngestError>> = pool.install(|| {
            chunk
                .par_iter()
                .map(|path| {
                    if from_stdin {
                        read_stdin()
                    } else {
                        read_page(path)
                    }
                })
                .collect()
        });
        let (extractors, engine_of) = engines(&pages, &args, &pool);
        let results: Vec<Result<Article, IngestError>> = pool.install(|| {
            pages
                .into_par_iter()
                .enumerate()
                .map(|(i, page)| Ok(extract_page(&extractors[engine_of[i]], &page?, &args)))
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

/// One extraction engine per site group of the batch's text dumps (plus a
/// plain one at index 0), and which engine each page uses.
fn engines(
    pages: &[Result<Page, IngestError>],
    args: &ExtractArgs,
    pool: &rayon::ThreadPool,
) -> (Vec<Extractor>, Vec<usize>) {
    let mut engine_of = vec![0; pages.len()];
    let mut extractors = vec![Extractor::new()];
    let dumps: Vec<usize> = (0..pages.len())
        .filter(|&i| {
            pages[i]
                .as_ref()
                .is_ok_and(|p| input_kind(p, args) == InputKind::Text)
        })
        .collect();
    if args.no_site_profiles || dumps.len() < 2 {
        return (extractors, engine_of);
    }
    let texts: Vec<String> = pool.install(|| {
        dumps
            .par_iter()
            .map(|&i| match &pages[i] {
                Ok(page) => dateline_extract::decode(&page.bytes, None, false).text,
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

fn extract_page(extractor: &Extractor, page: &Page, args: &ExtractArgs) -> Article {
    let kind = input_kind(page, args);
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
