//! The pipeline: records in, pages extracted (and enriched) in parallel on
//! one pool, results out to a [`Sink`] in input order.
//!
//! Three stages joined by bounded channels, so memory stays flat whatever
//! the corpus size:
//!
//! 1. a reader thread pulls records from the source and cuts batches
//!    bounded in pages and bytes;
//! 2. the calling thread processes each batch on the worker pool
//!    ([`crate::work`]): decode, learn site profiles and extract, then, in
//!    a second pass over the batch, enrich and the sink's per-article
//!    work;
//! 3. a writer thread hands each batch to the sink.

use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::time::Duration;

use dateline_enrich::PlaceOptions;
use dateline_extract::{InputKind, SiteProfiles};
use dateline_input::{InputError, Next, Record, RecordStream};
use dateline_model::{Article, Enrichment};
use rayon::prelude::*;

use crate::sink::{Batch, Processed, Sink};

/// Records processed at once, at most.
pub const BATCH_RECORDS: usize = 2048;
/// Record bytes held at once, at most: bounds memory whatever the input.
pub const BATCH_BYTES: usize = 64 * 1024 * 1024;

/// How each record becomes an article.
#[derive(Debug, Clone)]
pub enum Extraction {
    /// Extract the page: an HTML page or a text dump.
    Pages {
        /// The kind of every page, overriding what the source says.
        input: Option<InputKind>,
        /// The charset of every page, overriding what the source says.
        charset: Option<String>,
        /// The address of every page, overriding what the source says (for
        /// one page given without one).
        url: Option<String>,
        /// Learn the boilerplate lines that text dumps of one site share.
        site_profiles: bool,
    },
    /// Take the record's bytes as the article's text, unchanged (bytes
    /// that are not UTF-8 are replaced, with a warning).
    Text,
}

impl Default for Extraction {
    fn default() -> Self {
        Self::Pages {
            input: None,
            charset: None,
            url: None,
            site_profiles: true,
        }
    }
}

/// Which results reach the sink as articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Keep {
    /// Every page, articles or not (printing commands).
    #[default]
    All,
    /// Articles only; other pages reach the sink as
    /// [`crate::Outcome::NotArticle`], neither enriched nor given extras.
    Articles,
}

/// How the pipeline runs: a `Default` struct with builder setters.
#[derive(Debug, Clone, Default)]
pub struct PipelineOptions {
    /// Worker threads (default: all cores).
    pub threads: Option<usize>,
    /// How records become articles.
    pub extraction: Extraction,
    /// Which pages are kept as articles.
    pub keep: Keep,
    /// Enrich each kept article (places, entities, quantities, language)
    /// with these options; `None` does not.
    pub enrich: Option<PlaceOptions>,
}

impl PipelineOptions {
    /// Sets the worker threads (`None`: all cores).
    pub fn threads(mut self, threads: Option<usize>) -> Self {
        self.threads = threads;
        self
    }

    /// Sets how records become articles.
    pub fn extraction(mut self, extraction: Extraction) -> Self {
        self.extraction = extraction;
        self
    }

    /// Sets which pages are kept.
    pub fn keep(mut self, keep: Keep) -> Self {
        self.keep = keep;
        self
    }

    /// Enriches kept articles with these options (`None`: not at all).
    pub fn enrich(mut self, enrich: Option<PlaceOptions>) -> Self {
        self.enrich = enrich;
        self
    }
}

/// Why a run stopped before the end.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError<E> {
    /// The sink failed: what it wrote before is intact.
    #[error(transparent)]
    Sink(E),
    /// Worker threads could not be started.
    #[error("starting worker threads: {0}")]
    Threads(String),
}

/// The pipeline: a worker pool and how it processes records.
///
/// ```
/// use dateline_ingest::{Batch, Outcome, Pipeline, PipelineOptions, Sink};
/// use dateline_input::{Inputs, Names};
///
/// /// Collects the titles.
/// struct Titles(Vec<Option<String>>);
///
/// impl Sink for Titles {
///     type Extra = ();
///     type Error = std::convert::Infallible;
///     fn extra(_: &dateline_model::Article) {}
///     fn write(&mut self, batch: Batch<()>) -> Result<(), Self::Error> {
///         for item in batch.items {
///             if let Outcome::Article(done) = item.outcome {
///                 self.0.push(done.article.title);
///             }
///         }
///         Ok(())
///     }
/// }
///
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("a.html"), "<title>Hello</title><p>Hi</p>").unwrap();
/// let pipeline = Pipeline::new(PipelineOptions::default().threads(Some(1))).unwrap();
/// let inputs = Inputs::open(&[dir.path().to_path_buf()], Names::Known);
/// let titles = pipeline.run(inputs, Titles(Vec::new())).unwrap();
/// assert_eq!(titles.0, [Some("Hello".to_string())]);
/// ```
pub struct Pipeline {
    pub(crate) options: PipelineOptions,
    pub(crate) pool: rayon::ThreadPool,
}

impl Pipeline {
    /// A pipeline with its worker pool (the one pool every command uses).
    pub fn new(options: PipelineOptions) -> Result<Self, PipelineError<std::convert::Infallible>> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(options.threads.unwrap_or(0))
            .build()
            .map_err(|err| PipelineError::Threads(err.to_string()))?;
        Ok(Self { options, pool })
    }

    /// The options it runs with.
    pub fn options(&self) -> &PipelineOptions {
        &self.options
    }

    /// Runs every record of `source` through the pipeline into `sink`,
    /// and gives the sink back.
    pub fn run<S: Sink>(
        &self,
        source: impl RecordStream,
        mut sink: S,
    ) -> Result<S, PipelineError<S::Error>> {
        let (read_tx, read_rx) = sync_channel::<ReadBatch>(1);
        let (write_tx, write_rx) = sync_channel::<Batch<S::Extra>>(1);
        let mut profiles = self.site_profiles();
        std::thread::scope(|scope| {
            scope.spawn(move || read(source, read_tx));
            let writer = scope.spawn(move || write(&mut sink, write_rx).map(|()| sink));
            for batch in read_rx {
                let items = self.process::<S>(batch.records, &mut profiles);
                let sent = write_tx.send(Batch {
                    items,
                    counts: batch.counts,
                    bytes: batch.bytes,
                    finished: batch.finished,
                });
                if sent.is_err() {
                    break; // the sink stopped on an error, reported below
                }
            }
            drop(write_tx);
            match writer.join() {
                Ok(result) => result.map_err(PipelineError::Sink),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        })
    }

    /// The site profiles a run starts with: learning or not, as the
    /// options say. [`Pipeline::process_records`] carries them from one
    /// call to the next.
    pub fn site_profiles(&self) -> SiteProfiles {
        match &self.options.extraction {
            Extraction::Pages { site_profiles, .. } => SiteProfiles::new(*site_profiles),
            Extraction::Text => SiteProfiles::new(false),
        }
    }

    /// Processes records a caller already holds (the Python package's
    /// pages) on the pool, results in input order, without the reader and
    /// writer threads of [`Pipeline::run`]. Batches are cut as `run` cuts
    /// them, so the site profiles learned are the same as for a run over
    /// the same records.
    pub fn process_records(
        &self,
        records: Vec<Result<Record, InputError>>,
        profiles: &mut SiteProfiles,
    ) -> Vec<Processed<()>> {
        let mut out = Vec::with_capacity(records.len());
        let mut batch = Vec::new();
        let mut bytes = 0;
        for record in records {
            bytes += record.as_ref().map_or(0, |r| r.bytes.len());
            batch.push(record);
            if batch.len() >= BATCH_RECORDS || bytes >= BATCH_BYTES {
                out.extend(self.process::<Collect>(std::mem::take(&mut batch), profiles));
                bytes = 0;
            }
        }
        if !batch.is_empty() {
            out.extend(self.process::<Collect>(batch, profiles));
        }
        out
    }

    /// `f` over `items` on the pool's workers, results in input order: for
    /// a caller's own per-result work (the Python package writes each
    /// article's JSON there rather than under the GIL).
    ///
    /// One item (or none) is done on the calling thread: the pool would
    /// add nothing but the hand-over, two thread wake-ups during which
    /// the caller waits (the Python package's `extract` gives pages one
    /// at a time: 6% of its wall time was spent waiting so).
    pub fn map<T: Send, R: Send>(&self, items: Vec<T>, f: impl Fn(T) -> R + Sync + Send) -> Vec<R> {
        if items.len() <= 1 {
            return items.into_iter().map(f).collect();
        }
        self.pool.install(|| items.into_par_iter().map(f).collect())
    }

    /// Enriches articles in parallel (for stores whose articles are
    /// enriched again); the pipeline's enrichment options, or the
    /// defaults when it has none.
    pub fn enrich_articles(&self, articles: &mut [Article]) -> Vec<Enrichment> {
        let options = self.options.enrich.clone().unwrap_or_default();
        self.pool.install(|| {
            articles
                .par_iter_mut()
                .map(|article| crate::work::enrich(article, &options))
                .collect()
        })
    }
}

/// The sink of [`Pipeline::process_records`], whose caller takes the
/// results itself: no per-article extras.
struct Collect;

impl Sink for Collect {
    type Extra = ();
    type Error = std::convert::Infallible;

    fn extra(_: &Article) {}

    fn write(&mut self, _: Batch<()>) -> Result<(), Self::Error> {
        Ok(())
    }
}

/// What the reader hands on: records and where the source stood.
struct ReadBatch {
    records: Vec<Result<Record, InputError>>,
    counts: dateline_input::Counts,
    bytes: Option<dateline_input::ByteProgress>,
    finished: Vec<dateline_input::Finished>,
}

/// How long a live source may be idle before the records read so far are
/// handed on (so that they are stored and searchable within seconds).
const IDLE_FLUSH: Duration = Duration::from_millis(500);

/// Stage 1: pulls records and sends them in bounded batches (and whatever
/// it holds when a live source goes idle).
fn read(mut source: impl RecordStream, out: SyncSender<ReadBatch>) {
    let mut records = Vec::new();
    let mut bytes = 0;
    let send = |source: &mut dyn RecordStream, records: Vec<_>| {
        out.send(ReadBatch {
            records,
            counts: source.counts().clone(),
            bytes: source.bytes(),
            finished: source.take_finished(),
        })
        .is_ok()
    };
    loop {
        let full = match source.next_within(IDLE_FLUSH) {
            Next::Record(record) => {
                bytes += record.as_ref().map_or(0, |r| r.bytes.len());
                records.push(record);
                records.len() >= BATCH_RECORDS || bytes >= BATCH_BYTES
            }
            Next::Idle => !records.is_empty(),
            Next::End => break,
        };
        if full {
            bytes = 0;
            if !send(&mut source, std::mem::take(&mut records)) {
                return; // the next stage stopped
            }
        }
    }
    send(&mut source, records);
}

/// Stage 3: hands batches to the sink until the first error.
fn write<S: Sink>(sink: &mut S, batches: Receiver<Batch<S::Extra>>) -> Result<(), S::Error> {
    for batch in batches {
        sink.write(batch)?;
    }
    Ok(())
}
