//! Ingest: the pipeline with the store as its sink. Records already in the
//! store are passed over before they are read; every other one is stored
//! (deduplicated and indexed), remembered as not an article, or remembered
//! as failed with its reason.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use dateline_dedup::MinHasher;
use dateline_input::{Inputs, Names, RecordStream};
use dateline_model::{Article, Provenance};
use dateline_store::{
    Fingerprint, NewRecord, Outcome as Stored, SeenRecords, Store, StoreError, StoreWriter,
};
use serde::Serialize;

use crate::pipeline::{Pipeline, PipelineError};
use crate::sink::{Batch, Outcome, Sink};

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

/// Why an ingest stopped before the end.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The store could not be read or written: everything stored before
    /// is intact.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Worker threads could not be started.
    #[error("starting worker threads: {0}")]
    Threads(String),
}

impl From<PipelineError<StoreError>> for IngestError {
    fn from(err: PipelineError<StoreError>) -> Self {
        match err {
            PipelineError::Sink(err) => Self::Store(err),
            PipelineError::Threads(reason) => Self::Threads(reason),
        }
    }
}

/// Ingests the files and folders `paths` into `store` through `pipeline`
/// (which should keep [`crate::Keep::Articles`] unless not-articles are to
/// be stored too); `on_event` sees progress and failures.
pub fn ingest(
    store: &mut Store,
    paths: &[PathBuf],
    pipeline: &Pipeline,
    on_event: &(dyn Fn(Event<'_>) + Sync),
) -> Result<Summary, IngestError> {
    let seen = SeenRecords::open(store.dir())?;
    let lookup_error: Arc<Mutex<Option<StoreError>>> = Arc::default();
    let failed_lookup = Arc::clone(&lookup_error);
    let mut names = InputNames::default();
    let inputs = Inputs::open(paths, Names::Known).skip_known(move |source| {
        let input = names.name(&source.path);
        // A failed lookup reads the record: the writer would find it stored
        // and add nothing; the error ends the run below.
        seen.contains(&input, &source.locator())
            .unwrap_or_else(|err| {
                failed_lookup
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .get_or_insert(err);
                false
            })
    });
    let found = inputs.found() as u64;
    let mut summary = ingest_stream(store, inputs, pipeline, Freshness::Bulk, on_event)?;
    if let Some(err) = lookup_error
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .take()
    {
        return Err(err.into());
    }
    summary.inputs = found;
    Ok(summary)
}

/// How soon what is stored becomes searchable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Freshness {
    /// The index commits every 15 s: cheapest for large inputs.
    #[default]
    Bulk,
    /// The index commits after every batch: for live sources, whose new
    /// stories should be searchable within seconds.
    Live,
}

/// Ingests any record stream into `store`.
pub fn ingest_stream(
    store: &mut Store,
    stream: impl RecordStream,
    pipeline: &Pipeline,
    freshness: Freshness,
    on_event: &(dyn Fn(Event<'_>) + Sync),
) -> Result<Summary, IngestError> {
    let started = Instant::now();
    let mut writer = store.writer()?;
    if freshness == Freshness::Live {
        writer.set_index_commit_every(std::time::Duration::ZERO);
    }
    let sink = StoreSink {
        writer,
        names: InputNames::default(),
        progress: Progress::default(),
        summary: Summary::default(),
        stored_before: 0,
        on_event,
    };
    let sink = pipeline.run(stream, sink)?;
    let mut summary = sink.finish()?;
    summary.seconds = started.elapsed().as_secs_f64();
    summary.records_per_second = summary.read as f64 / summary.seconds.max(1e-9);
    Ok(summary)
}

/// The store as a pipeline's sink.
struct StoreSink<'a> {
    writer: StoreWriter<'a>,
    names: InputNames,
    progress: Progress,
    summary: Summary,
    /// Records the store found it already had (the source did not know).
    stored_before: u64,
    on_event: &'a (dyn Fn(Event<'_>) + Sync),
}

impl Sink for StoreSink<'_> {
    type Extra = Box<Fingerprint>;
    type Error = StoreError;

    fn extra(article: &Article) -> Self::Extra {
        Box::new(Fingerprint::of(article, &MinHasher))
    }

    fn write(&mut self, batch: Batch<Self::Extra>) -> Result<(), StoreError> {
        let mut failures = Vec::with_capacity(batch.items.len());
        let records: Vec<NewRecord> = batch
            .items
            .into_iter()
            .map(|item| {
                let provenance = Provenance {
                    input: self.names.name(&item.source.path),
                    locator: item.source.locator(),
                    url: item.url,
                    fetched: item.fetched,
                };
                let (record, failure) = match item.outcome {
                    Outcome::Article(done) => (
                        NewRecord::Article {
                            article: Box::new(done.article),
                            provenance,
                            fingerprint: done.extra,
                            enrichment: done.enrichment.map(Box::new),
                        },
                        None,
                    ),
                    Outcome::NotArticle(reason) => {
                        (NewRecord::NotArticle { provenance, reason }, None)
                    }
                    Outcome::Failed(err) => {
                        let failure = Failure {
                            input: provenance.input.clone(),
                            locator: provenance.locator.clone(),
                            reason: err.reason().to_string(),
                            message: err.to_string(),
                        };
                        // The store keeps one line: reason, then message.
                        let reason = format!("{}: {}", failure.reason, failure.message);
                        (NewRecord::Failed { provenance, reason }, Some(failure))
                    }
                };
                failures.push(failure);
                record
            })
            .collect();
        let outcome = self.writer.add_batch(&records)?;
        for ((record, outcome), failure) in records.iter().zip(outcome.outcomes).zip(failures) {
            self.count(record, outcome, failure);
        }
        self.progress.read = batch.counts.read;
        self.progress.already_ingested = batch.counts.known + self.stored_before;
        if let Some(bytes) = batch.bytes {
            self.progress.bytes_done = bytes.done;
            self.progress.bytes_total = bytes.total;
        }
        self.summary.skipped = batch
            .counts
            .skipped
            .iter()
            .map(|(reason, n)| (reason.to_string(), *n))
            .collect();
        (self.on_event)(Event::Progress(&self.progress));
        Ok(())
    }
}

impl StoreSink<'_> {
    /// Counts what became of one record.
    fn count(&mut self, record: &NewRecord, outcome: Stored, failure: Option<Failure>) {
        let progress = &mut self.progress;
        match (record, outcome) {
            (_, Stored::Stored { .. }) => progress.stored += 1,
            (_, Stored::ExactDuplicate { .. }) => {
                progress.duplicates += 1;
                self.summary.exact_duplicates += 1;
            }
            (_, Stored::NearDuplicate { .. }) => {
                progress.duplicates += 1;
                self.summary.near_duplicates += 1;
            }
            (_, Stored::AlreadyIngested) => self.stored_before += 1,
            (NewRecord::NotArticle { reason, .. }, Stored::NotArticle) => {
                progress.not_articles += 1;
                *self.summary.not_articles.entry(reason.clone()).or_default() += 1;
            }
            (NewRecord::Failed { .. }, Stored::Failed) => {
                progress.failed += 1;
                let Some(failure) = failure else { return };
                *self
                    .summary
                    .failed
                    .entry(failure.reason.clone())
                    .or_default() += 1;
                (self.on_event)(Event::Failure(&failure));
                if self.summary.failures.len() < MAX_LISTED_FAILURES {
                    self.summary.failures.push(failure);
                }
            }
            _ => {}
        }
    }

    fn finish(self) -> Result<Summary, StoreError> {
        self.writer.finish()?;
        let mut summary = self.summary;
        summary.read = self.progress.read;
        summary.stored = self.progress.stored;
        summary.duplicates = self.progress.duplicates;
        summary.already_ingested = self.progress.already_ingested;
        Ok(summary)
    }
}

/// How inputs are named in the store: their absolute paths, so that the
/// same file given from another directory is recognised. The last name is
/// kept: a container's records all ask for the same one.
#[derive(Default)]
struct InputNames {
    last: Option<(PathBuf, String)>,
}

impl InputNames {
    fn name(&mut self, path: &Path) -> String {
        if let Some((last, name)) = &self.last {
            if last == path {
                return name.clone();
            }
        }
        let name = std::fs::canonicalize(path)
            .unwrap_or_else(|_| path.to_path_buf())
            .display()
            .to_string();
        self.last = Some((path.to_path_buf(), name.clone()));
        name
    }
}
