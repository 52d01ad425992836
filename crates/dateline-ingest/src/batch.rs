//! Extracting pages in bounded batches, in parallel, in input order.
//!
//! Shared by `dateline extract` (articles to stdout) and the ingest pipeline
//! (articles to the store). Text dumps of one site share menus and footers
//! that are learned per batch ([`dateline_extract::text::learn_profiles`]),
//! so a batch holds many pages: crawl folders and WARCs keep a site's pages
//! together.

use std::collections::{HashMap, VecDeque};

use dateline_extract::text::SiteProfile;
use dateline_extract::{Extractor, InputKind, Options};
use dateline_model::{Article, Source};
use rayon::prelude::*;

use crate::{IngestError, Page, PageKind, Record};

/// Pages extracted at once, at most.
pub const BATCH_PAGES: usize = 2048;
/// Page bytes held at once, at most: bounds memory whatever the input.
pub const BATCH_BYTES: usize = 64 * 1024 * 1024;

/// One page to extract, with what its source says about it.
#[derive(Debug, Clone)]
pub struct BatchItem {
    /// The page's bytes and where it came from.
    pub page: Page,
    /// The page's address, when the source gives it.
    pub url: Option<String>,
    /// The page's charset, when the source gives it (HTTP headers).
    pub charset: Option<String>,
}

impl From<Record> for BatchItem {
    fn from(record: Record) -> Self {
        let url = record.url.clone();
        let charset = record.charset.clone();
        Self {
            page: record.into_page(),
            url,
            charset,
        }
    }
}

/// How a batch is extracted.
#[derive(Debug, Clone, Copy, Default)]
pub struct BatchOptions {
    /// Input kind for every page, overriding file names.
    pub input: Option<InputKind>,
    /// Learn the boilerplate lines that text dumps of one site share.
    pub site_profiles: bool,
}

/// Collects items and releases them as batches bounded in pages and bytes.
#[derive(Debug)]
pub struct Batcher<T> {
    items: Vec<T>,
    bytes: usize,
}

impl<T> Default for Batcher<T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            bytes: 0,
        }
    }
}

impl<T> Batcher<T> {
    /// Adds an item of `bytes` bytes; returns a full batch to extract.
    pub fn push(&mut self, item: T, bytes: usize) -> Option<Vec<T>> {
        self.bytes += bytes;
        self.items.push(item);
        (self.items.len() >= BATCH_PAGES || self.bytes >= BATCH_BYTES).then(|| self.take())
    }

    /// The items collected so far (possibly none).
    pub fn take(&mut self) -> Vec<T> {
        self.bytes = 0;
        std::mem::take(&mut self.items)
    }

    /// Items waiting.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether no item is waiting.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// Site profiles learned from earlier batches of a run, most recent first,
/// for text dumps that arrive without enough pages of their site in their
/// own batch to learn from.
#[derive(Debug, Default)]
pub struct ProfileMemory {
    profiles: VecDeque<SiteProfile>,
}

/// Profiles remembered, at most: a run over many sites keeps the recent ones.
const REMEMBERED_PROFILES: usize = 64;

impl ProfileMemory {
    fn remember(&mut self, profile: &SiteProfile) {
        self.profiles.retain(|p| p != profile);
        self.profiles.push_front(profile.clone());
        self.profiles.truncate(REMEMBERED_PROFILES);
    }

    fn recognise(&self, page: &str) -> Option<usize> {
        self.profiles.iter().position(|p| p.recognises(page))
    }

    /// Profiles remembered.
    pub fn len(&self) -> usize {
        self.profiles.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.profiles.is_empty()
    }
}

/// Extracts a batch on `pool`, returning one result per item in order;
/// `finish` runs on each article on the worker that extracted it (the
/// ingest pipeline computes duplicate fingerprints there).
pub fn extract_batch<T: Send>(
    items: Vec<Result<BatchItem, IngestError>>,
    options: BatchOptions,
    memory: &mut ProfileMemory,
    pool: &rayon::ThreadPool,
    finish: impl Fn(Article) -> T + Sync,
) -> Vec<Result<T, IngestError>> {
    let (extractors, engine_of) = engines(&items, options, memory, pool);
    pool.install(|| {
        items
            .into_par_iter()
            .enumerate()
            .map(|(i, item)| {
                Ok(finish(extract_item(
                    &extractors[engine_of[i]],
                    &item?,
                    options,
                )))
            })
            .collect()
    })
}

/// One extraction engine per site group of the batch's text dumps (plus a
/// plain one at index 0), and which engine each item uses. A dump alone of
/// its site in the batch uses a remembered profile that recognises it.
fn engines(
    items: &[Result<BatchItem, IngestError>],
    options: BatchOptions,
    memory: &mut ProfileMemory,
    pool: &rayon::ThreadPool,
) -> (Vec<Extractor>, Vec<usize>) {
    let mut engine_of = vec![0; items.len()];
    let mut extractors = vec![Extractor::new()];
    let dumps: Vec<usize> = (0..items.len())
        .filter(|&i| {
            items[i]
                .as_ref()
                .is_ok_and(|it| input_kind(&it.page, options) == InputKind::Text)
        })
        .collect();
    if !options.site_profiles || dumps.is_empty() {
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
    let mut recalled: HashMap<usize, usize> = HashMap::new();
    for group in dateline_extract::text::learn_profiles(&refs) {
        if let [page] = group.pages[..] {
            if let Some(remembered) = memory.recognise(refs[page]) {
                let engine = *recalled.entry(remembered).or_insert_with(|| {
                    let profile = memory.profiles[remembered].clone();
                    extractors.push(Extractor::with_profile(profile));
                    extractors.len() - 1
                });
                engine_of[dumps[page]] = engine;
            }
            continue;
        }
        for member in &group.pages {
            engine_of[dumps[*member]] = extractors.len();
        }
        memory.remember(&group.profile);
        extractors.push(Extractor::with_profile(group.profile));
    }
    (extractors, engine_of)
}

fn input_kind(page: &Page, options: BatchOptions) -> InputKind {
    options.input.unwrap_or(match page.kind {
        PageKind::Html => InputKind::Html,
        PageKind::Text => InputKind::Text,
        PageKind::Unknown => InputKind::Sniff,
    })
}

fn extract_item(extractor: &Extractor, item: &BatchItem, options: BatchOptions) -> Article {
    let mut extract_options = Options::default().input(input_kind(&item.page, options));
    extract_options.url = item.url.clone();
    extract_options.charset = item.charset.clone();
    let mut article = extractor.extract(&item.page.bytes, &extract_options);
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
