//! The ingest pipeline: inputs to records, records to articles, articles to
//! the store.
//!
//! Three stages joined by bounded channels, so memory stays flat whatever
//! the corpus size:
//!
//! 1. a reader thread walks the inputs (files, folders, WARC, JSONL), skips
//!    records an earlier run stored, and cuts batches bounded in pages and
//!    bytes ([`crate::Batcher`]);
//! 2. the calling thread extracts each batch on a worker pool (all cores)
//!    and fingerprints every article for deduplication there;
//! 3. a writer thread stores each batch in one transaction and feeds the
//!    search index.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::time::Instant;

use dateline_dedup::MinHasher;
use dateline_enrich::{enrich_article, PlaceOptions};
use dateline_model::Provenance;
use dateline_store::{Fingerprint, NewRecord, Outcome, SeenRecords, Store, StoreError};
use serde::Serialize;

use crate::{
    discover, extract_batch, open_records, read_page, BatchItem, BatchOptions, Batcher, Discovery,
    IngestError, Locator, ProfileMemory,
};

/// How to ingest.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// Worker threads for extraction (default: all cores).
    pub threads: Option<usize>,
    /// How pages are extracted.
    pub batch: BatchOptions,
    /// Store pages judged not to be articles (index pages, galleries) too.
    pub keep_non_articles: bool,
    /// Enrich each stored article (places, entities, quantities) with these
    /// options; `None` stores articles without (`dateline enrich` can do it
    /// later).
    pub enrich: Option<PlaceOptions>,
}

/// Where a run is, after each stored batch.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Progress {
    /// Records read from the inputs (pages, WARC records, JSONL lines),
    /// including those skipped as already ingested.
    pub read: u64,
    /// New stories stored.
    pub stored: u64,
    /// Copies of stories already stored (exact and near duplicates).
    pub duplicates: u64,
    /// Records an earlier run had already ingested: nothing added.
    pub already_ingested: u64,
    /// Records that are not articles.
    pub not_articles: u64,
    /// Records that failed.
    pub failed: u64,
    /// Input bytes behind us, as far as known (compressed offsets).
    pub bytes_done: u64,
    /// Input bytes in all.
    pub bytes_total: u64,
}

/// One record that failed, with where it is.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    /// The input file.
    pub input: String,
    /// Where in it (`@offset`, `:line`, a record id), empty for a page.
    pub locator: String,
    /// Short reason (`gzip`, `bad-record`, ...).
    pub reason: String,
    /// The full message.
    pub message: String,
}

/// What a run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Records read (see [`Progress::read`]).
    pub read: u64,
    /// New stories stored.
    pub stored: u64,
    /// Copies of stored stories (exact + near).
    pub duplicates: u64,
    /// Copies with exactly the same text as a stored article.
    pub exact_duplicates: u64,
    /// Lightly different copies (or updates at the same URL).
    pub near_duplicates: u64,
    /// Records earlier runs had ingested.
    pub already_ingested: u64,
    /// Records that are not articles, by reason.
    pub not_articles: BTreeMap<String, u64>,
    /// Records that failed, by reason.
    pub failed: BTreeMap<String, u64>,
    /// Container records skipped unread (not HTML, redirects...), by reason.
    pub skipped: BTreeMap<String, u64>,
    /// The first failures with file and position (at most
    /// [`MAX_LISTED_FAILURES`]).
    pub failures: Vec<Failure>,
    /// Input files found (pages and containers).
    pub inputs: u64,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Records per second.
    pub records_per_second: f64,
}

/// Failures listed one by one in a [`Summary`]; the rest are only counted.
pub const MAX_LISTED_FAILURES: usize = 100;

/// Something to show while a run goes on.
#[derive(Debug)]
pub enum Event<'a> {
    /// A batch was stored.
    Progress(&'a Progress),
    /// A record failed (it is also in the summary).
    Failure(&'a Failure),
}

/// Why a run stopped before the end.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The store could not be written: everything stored before is intact.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Worker threads could not be started.
    #[error("starting worker threads: {0}")]
    Threads(String),
}

/// One record on its way: where it came from and its bytes (or why there
/// are none).
struct Unit {
    provenance: Provenance,
    item: Result<BatchItem, IngestError>,
}

/// What the reader hands on: a batch and the counts since the last one.
#[derive(Default)]
struct ReadBatch {
    units: Vec<Unit>,
    read: u64,
    already_ingested: u64,
    skipped: BTreeMap<String, u64>,
    bytes_done: u64,
}

/// What the extraction stage hands on.
struct StoreBatch {
    records: Vec<NewRecord>,
    read: u64,
    already_ingested: u64,
    skipped: BTreeMap<String, u64>,
    bytes_done: u64,
}

/// Ingests `paths` into `store`; `on_event` sees progress and failures.
pub fn ingest(
    store: &mut Store,
    paths: &[PathBuf],
    options: &IngestOptions,
    on_event: &(dyn Fn(Event<'_>) + Sync),
) -> Result<Summary, PipelineError> {
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads.unwrap_or(0))
        .build()
        .map_err(|err| PipelineError::Threads(err.to_string()))?;
    let seen = SeenRecords::open(store.dir())?;
    let (read_tx, read_rx) = sync_channel::<ReadBatch>(1);
    let (store_tx, store_rx) = sync_channel::<StoreBatch>(1);
    let hasher = MinHasher;
    let mut memory = ProfileMemory::default();
    let found = discover(paths);
    let inputs = (found.files.len() + found.containers.len()) as u64;
    let bytes_total = found
        .files
        .iter()
        .chain(&found.containers)
        .map(|path| file_size(path))
        .sum();

    let (read_result, write_result) = std::thread::scope(|scope| {
        let reader = scope.spawn(move || read_inputs(found, seen, read_tx));
        let writer = scope.spawn(|| write_batches(store, store_rx, bytes_total, on_event));
        for batch in read_rx {
            let (provenance, items): (Vec<Provenance>, Vec<_>) = batch
                .units
                .into_iter()
                .map(|unit| (unit.provenance, unit.item))
                .unzip();
            let results = extract_batch(items, options.batch, &mut memory, &pool, |mut article| {
                let stored = article.is_article || options.keep_non_articles;
                let enrichment = match &options.enrich {
                    Some(places) if stored => Some(Box::new(enrich_article(&mut article, places))),
                    _ => None,
                };
                let fingerprint = Fingerprint::of(&article, &hasher);
                (article, fingerprint, enrichment)
            });
            let records = provenance
                .into_iter()
                .zip(results)
                .map(|(provenance, result)| match result {
                    Ok((article, _, _)) if !article.is_article && !options.keep_non_articles => {
                        NewRecord::NotArticle {
                            provenance,
                            reason: article.reason.unwrap_or_else(|| "not an article".into()),
                        }
                    }
                    Ok((article, fingerprint, enrichment)) => NewRecord::Article {
                        article: Box::new(article),
                        provenance,
                        fingerprint: Box::new(fingerprint),
                        enrichment,
                    },
                    Err(err) => NewRecord::Failed {
                        provenance,
                        reason: format!("{}: {err}", err.reason()),
                    },
                })
                .collect();
            let sent = store_tx.send(StoreBatch {
                records,
                read: batch.read,
                already_ingested: batch.already_ingested,
                skipped: batch.skipped,
                bytes_done: batch.bytes_done,
            });
            if sent.is_err() {
                break; // the writer stopped on an error, reported below
            }
        }
        drop(store_tx);
        (
            reader.join().expect("reader thread panicked"),
            writer.join().expect("writer thread panicked"),
        )
    });
    let mut summary = write_result?;
    summary.inputs = inputs;
    read_result?;
    summary.seconds = started.elapsed().as_secs_f64();
    summary.records_per_second = summary.read as f64 / summary.seconds.max(1e-9);
    Ok(summary)
}

/// Stage 1: walks the inputs and sends batches of records not yet stored.
fn read_inputs(
    found: Discovery,
    seen: SeenRecords,
    out: SyncSender<ReadBatch>,
) -> Result<(), StoreError> {
    let mut reader = Reader {
        seen: &seen,
        out,
        batcher: Batcher::default(),
        pending: ReadBatch {
            bytes_done: 0,
            ..ReadBatch::default()
        },
        bytes_behind: 0,
        stopped: false,
    };
    for err in found.errors {
        let path = error_path(&err);
        reader.push(input_name(&path), String::new(), None, None, Err(err))?;
    }
    for path in &found.files {
        let input = input_name(path);
        if reader.seen.contains(&input, "")? {
            reader.pending.read += 1;
            reader.pending.already_ingested += 1;
        } else {
            let page = read_page(path).map(|page| BatchItem {
                page,
                url: None,
                charset: None,
            });
            reader.push(input, String::new(), None, None, page)?;
        }
        reader.bytes_behind += file_size(path);
        reader.pending.bytes_done = reader.bytes_behind;
        if reader.stopped {
            return Ok(());
        }
    }
    for path in &found.containers {
        reader.container(path)?;
        if reader.stopped {
            return Ok(());
        }
    }
    reader.flush();
    Ok(())
}

/// The reader stage's state.
struct Reader<'a> {
    seen: &'a SeenRecords,
    out: SyncSender<ReadBatch>,
    batcher: Batcher<Unit>,
    pending: ReadBatch,
    bytes_behind: u64,
    /// The next stage is gone (it failed): stop reading.
    stopped: bool,
}

impl Reader<'_> {
    fn push(
        &mut self,
        input: String,
        locator: String,
        url: Option<String>,
        fetched: Option<String>,
        item: Result<BatchItem, IngestError>,
    ) -> Result<(), StoreError> {
        self.pending.read += 1;
        let bytes = item.as_ref().map_or(0, |i| i.page.bytes.len());
        let unit = Unit {
            provenance: Provenance {
                input,
                locator,
                url,
                fetched,
            },
            item,
        };
        if let Some(units) = self.batcher.push(unit, bytes) {
            self.send(units);
        }
        Ok(())
    }

    fn send(&mut self, units: Vec<Unit>) {
        let bytes_done = self.pending.bytes_done;
        let mut batch = std::mem::take(&mut self.pending);
        batch.units = units;
        self.pending.bytes_done = bytes_done;
        if self.out.send(batch).is_err() {
            self.stopped = true;
        }
    }

    fn flush(&mut self) {
        let units = self.batcher.take();
        self.send(units);
    }

    fn container(&mut self, path: &Path) -> Result<(), StoreError> {
        let input = input_name(path);
        let mut records = match open_records(path) {
            Ok(records) => records,
            Err(err) => return self.push(input, String::new(), None, None, Err(err)),
        };
        for record in records.by_ref() {
            match record {
                Ok(record) => {
                    let locator = match (&record.source.record_id, record.source.line) {
                        (Some(id), _) => id.clone(),
                        (None, Some(line)) => format!(":{line}"),
                        (None, None) => format!("@{}", record.source.offset),
                    };
                    self.pending.bytes_done = self.bytes_behind + record.source.offset;
                    if self.seen.contains(&input, &locator)? {
                        self.pending.read += 1;
                        self.pending.already_ingested += 1;
                        continue;
                    }
                    let (url, fetched) = (record.url.clone(), record.date.clone());
                    self.push(input.clone(), locator, url, fetched, Ok(record.into()))?;
                }
                Err(err) => {
                    let locator = match &err {
                        IngestError::BadRecord { locator, .. } => locator_text(*locator),
                        _ => String::new(),
                    };
                    self.push(input.clone(), locator, None, None, Err(err))?;
                }
            }
            if self.stopped {
                return Ok(());
            }
        }
        for (reason, n) in &records.counts().skipped {
            *self
                .pending
                .skipped
                .entry((*reason).to_string())
                .or_default() += n;
            self.pending.read += n;
        }
        self.bytes_behind += file_size(path);
        self.pending.bytes_done = self.bytes_behind;
        Ok(())
    }
}

/// Stage 3: stores batches, counts outcomes, reports progress.
fn write_batches(
    store: &mut Store,
    batches: Receiver<StoreBatch>,
    bytes_total: u64,
    on_event: &(dyn Fn(Event<'_>) + Sync),
) -> Result<Summary, StoreError> {
    let mut progress = Progress {
        bytes_total,
        ..Progress::default()
    };
    let mut summary = Summary::default();
    let mut writer = store.writer()?;
    for batch in batches {
        let outcome = writer.add_batch(&batch.records)?;
        progress.read += batch.read;
        progress.already_ingested += batch.already_ingested;
        progress.bytes_done = batch.bytes_done;
        for (reason, n) in batch.skipped {
            *summary.skipped.entry(reason).or_default() += n;
        }
        for (record, outcome) in batch.records.iter().zip(outcome.outcomes) {
            match (record, outcome) {
                (_, Outcome::Stored { .. }) => progress.stored += 1,
                (_, Outcome::ExactDuplicate { .. }) => {
                    progress.duplicates += 1;
                    summary.exact_duplicates += 1;
                }
                (_, Outcome::NearDuplicate { .. }) => {
                    progress.duplicates += 1;
                    summary.near_duplicates += 1;
                }
                (_, Outcome::AlreadyIngested) => progress.already_ingested += 1,
                (NewRecord::NotArticle { reason, .. }, Outcome::NotArticle) => {
                    progress.not_articles += 1;
                    *summary.not_articles.entry(reason.clone()).or_default() += 1;
                }
                (NewRecord::Failed { provenance, reason }, Outcome::Failed) => {
                    progress.failed += 1;
                    let (short, message) = reason.split_once(": ").unwrap_or(("error", reason));
                    *summary.failed.entry(short.to_string()).or_default() += 1;
                    let failure = Failure {
                        input: provenance.input.clone(),
                        locator: provenance.locator.clone(),
                        reason: short.to_string(),
                        message: message.to_string(),
                    };
                    on_event(Event::Failure(&failure));
                    if summary.failures.len() < MAX_LISTED_FAILURES {
                        summary.failures.push(failure);
                    }
                }
                _ => {}
            }
        }
        on_event(Event::Progress(&progress));
    }
    writer.finish()?;
    summary.read = progress.read;
    summary.stored = progress.stored;
    summary.duplicates = progress.duplicates;
    summary.already_ingested = progress.already_ingested;
    Ok(summary)
}

/// How an input is named in the store: its absolute path, so that the same
/// file given from another directory is recognised.
fn input_name(path: &Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

fn locator_text(locator: Locator) -> String {
    locator.to_string()
}

fn error_path(err: &IngestError) -> PathBuf {
    match err {
        IngestError::Io { path, .. }
        | IngestError::Empty { path }
        | IngestError::Binary { path }
        | IngestError::Gzip { path, .. }
        | IngestError::TooLarge { path, .. }
        | IngestError::BadRecord { path, .. }
        | IngestError::NotContainer { path } => path.clone(),
    }
}
