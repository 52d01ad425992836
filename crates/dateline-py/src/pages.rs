//! Pages given from Python, as the pipeline's records; the pipelines
//! they run on; and what comes out, as the article JSON contract.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use dateline_enrich::{Events, PlaceOptions};
use dateline_ingest::{Extraction, Keep, Outcome, Pipeline, PipelineOptions, Processed};
use dateline_input::{page_bytes, InputError, PageKind, Record, RecordSource};
use dateline_model::{Article, EnrichedArticle, Enrichment, Source};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::sync::PyOnceLock;

use crate::records::PyRecord;

/// What `input=` says a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum InputArg {
    /// The default: HTML for bytes and str, the record's own kind for a
    /// `Record`.
    Unset,
    /// `"html"`, `"text"` or `"auto"` (sniffed from the bytes).
    Kind(PageKind),
}

impl InputArg {
    /// Parses `input=`; anything else is a `ValueError`.
    pub(crate) fn parse(input: Option<&str>) -> PyResult<Self> {
        match input {
            None => Ok(Self::Unset),
            Some("html") => Ok(Self::Kind(PageKind::Html)),
            Some("text") => Ok(Self::Kind(PageKind::Text)),
            Some("auto") => Ok(Self::Kind(PageKind::Unknown)),
            Some(other) => Err(PyValueError::new_err(format!(
                "input must be \"html\", \"text\" or \"auto\", not {other:?}"
            ))),
        }
    }

    /// The kind of a page of bytes or str.
    fn for_bytes(self) -> PageKind {
        match self {
            Self::Unset => PageKind::Html,
            Self::Kind(kind) => kind,
        }
    }
}

/// A page ready for the pipeline, and whether its source path is the
/// caller's (a `Record`'s, or `path=`) or a placeholder to blank out.
pub(crate) struct Page {
    /// The record, or why the bytes are no page (empty, binary, broken
    /// gzip, too large), as the CLI would refuse them as a file.
    pub(crate) record: Result<Record, InputError>,
    pub(crate) has_path: bool,
}

/// Turns one `page` argument (bytes, str or `Record`) into a record.
///
/// A str is encoded as UTF-8 and declared so: it has been decoded already,
/// whatever its `<meta charset>` says.
pub(crate) fn page(
    page: &Bound<'_, PyAny>,
    url: Option<String>,
    input: InputArg,
    path: Option<String>,
) -> PyResult<Page> {
    if let Ok(record) = page.cast::<PyRecord>() {
        let mut record = record.get().record.clone();
        if url.is_some() {
            record.url = url;
        }
        if let InputArg::Kind(kind) = input {
            record.kind = kind;
        }
        if let Some(path) = path {
            record.source = RecordSource::file(PathBuf::from(path));
        }
        return Ok(Page {
            record: Ok(record),
            has_path: true,
        });
    }
    let (bytes, charset) = if let Ok(bytes) = page.extract::<PyBackedBytes>() {
        (bytes.to_vec(), None)
    } else if let Ok(text) = page.extract::<PyBackedStr>() {
        (text.as_bytes().to_vec(), Some("utf-8".to_string()))
    } else {
        return Err(PyTypeError::new_err(format!(
            "page must be bytes, str or dateline.Record, not {}",
            page.get_type().name()?
        )));
    };
    let has_path = path.is_some();
    let path = PathBuf::from(path.unwrap_or_default());
    let record = page_bytes(&path, bytes).map(|bytes| {
        let mut record = memory_record(bytes, input.for_bytes(), url, charset);
        record.source = RecordSource::file(path);
        record
    });
    Ok(Page { record, has_path })
}

/// A page held in memory, as a record of no file.
pub(crate) fn memory_record(
    bytes: Vec<u8>,
    kind: PageKind,
    url: Option<String>,
    charset: Option<String>,
) -> Record {
    Record {
        bytes,
        kind,
        url,
        date: None,
        site: None,
        charset,
        source: RecordSource::file(PathBuf::new()),
    }
}

/// What a pipeline does with its records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Job {
    /// Extract pages (and enrich them, if asked; code their events too,
    /// if asked, as `--enrich --events` does).
    Extract { enrich: bool, events: bool },
    /// Take the text as it is and enrich it (`annotate`; `--events`).
    Annotate { events: bool },
}

/// The pipelines made so far, by job and thread count (0: every core).
type Pipelines = HashMap<(Job, usize), Arc<Pipeline>>;

/// The pipeline for a job on `threads` workers (`None`: every core).
///
/// Pipelines are kept, one per job and thread count: a worker pool costs
/// a thread start per worker, which `extract` on one page would pay at
/// every call.
pub(crate) fn pipeline(job: Job, threads: Option<usize>) -> PyResult<Arc<Pipeline>> {
    static PIPELINES: OnceLock<Mutex<Pipelines>> = OnceLock::new();
    if threads == Some(0) {
        return Err(PyValueError::new_err("threads must be at least 1"));
    }
    let key = (job, threads.unwrap_or(0));
    let mut pipelines = PIPELINES
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(pipeline) = pipelines.get(&key) {
        return Ok(Arc::clone(pipeline));
    }
    let (extraction, enrich, events) = match job {
        Job::Extract { enrich, events } => (Extraction::default(), enrich, events),
        Job::Annotate { events } => (Extraction::Text, true, events),
    };
    // The CLI's defaults (`--country` unset, demonyms reported); event
    // coding stays off unless asked, as in the CLI, for its cost.
    let places = PlaceOptions {
        events: if events { Events::Code } else { Events::Skip },
        ..PlaceOptions::default()
    };
    let options = PipelineOptions::default()
        .threads(threads)
        .extraction(extraction)
        .keep(Keep::All)
        .enrich(enrich.then_some(places));
    let pipeline = Pipeline::new(options)
        .map(Arc::new)
        .map_err(|err| PyValueError::new_err(err.to_string()))?;
    pipelines.insert(key, Arc::clone(&pipeline));
    Ok(pipeline)
}

/// Runs records through a pipeline with the GIL released.
pub(crate) fn run(
    py: Python<'_>,
    pipeline: &Pipeline,
    records: Vec<Result<Record, InputError>>,
) -> Vec<Processed<()>> {
    py.detach(|| {
        let mut profiles = pipeline.site_profiles();
        pipeline.process_records(records, &mut profiles)
    })
}

/// The article and enrichment of a processed page. Every record handed
/// to the pipeline was read already and everything is kept, so there is
/// always an article; should that change, the failure becomes an article
/// saying why rather than an exception.
pub(crate) fn article_of(
    processed: Processed<()>,
    has_path: bool,
) -> (Article, Option<Enrichment>) {
    let (mut article, enrichment) = match processed.outcome {
        Outcome::Article(done) => (done.article, done.enrichment),
        Outcome::NotArticle(reason) => (not_article(reason), None),
        // The short reason (`empty`, `binary`, `gzip`, `too-large`): the
        // message would name a file that a page from memory does not have.
        Outcome::Failed(err) => (not_article(err.reason().to_string()), None),
    };
    if !has_path {
        // The pipeline names pages by their file; a page from memory has
        // none.
        if let Some(source) = &mut article.source {
            source.path = None;
        }
    }
    (article, enrichment)
}

fn not_article(reason: String) -> Article {
    Article {
        // The model's default article is an article (extraction clears the
        // flag when it finds none); a page refused before extraction is not.
        is_article: false,
        reason: Some(reason),
        source: Some(Source::default()),
        ..Article::default()
    }
}

/// A value as Python objects, through the same serializer as the CLI's
/// JSON output (so the dict is the contract, key order included).
pub(crate) fn to_python<'py>(
    py: Python<'py>,
    value: &impl serde::Serialize,
) -> PyResult<Bound<'py, PyAny>> {
    json_to_python(py, to_json(value)?)
}

/// The JSON of a value, as the CLI writes it.
fn to_json(value: &impl serde::Serialize) -> PyResult<String> {
    serde_json::to_string(value)
        .map_err(|err| PyValueError::new_err(format!("encoding the article: {err}")))
}

/// JSON text as Python objects (`json.loads`).
pub(crate) fn json_to_python(py: Python<'_>, json: String) -> PyResult<Bound<'_, PyAny>> {
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let loads = LOADS.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        Ok(py.import("json")?.getattr("loads")?.unbind())
    })?;
    loads.bind(py).call1((json,))
}

/// The article JSON (with the enrichment fields when there are some).
pub(crate) fn article_to_python<'py>(
    py: Python<'py>,
    article: &Article,
    enrichment: Option<&Enrichment>,
) -> PyResult<Bound<'py, PyAny>> {
    json_to_python(py, article_json(article, enrichment)?)
}

fn article_json(article: &Article, enrichment: Option<&Enrichment>) -> PyResult<String> {
    to_json(&EnrichedArticle {
        article,
        enrichment,
    })
}

/// Runs records through a pipeline with the GIL released and writes each
/// article's JSON there too, on the pipeline's workers, so that only
/// `json.loads` is left to run under the GIL (the JSON was a tenth of
/// `extract_many`'s time, serial after the parallel extraction).
pub(crate) fn run_to_json(
    py: Python<'_>,
    pipeline: &Pipeline,
    records: Vec<Result<Record, InputError>>,
    has_path: Vec<bool>,
) -> Vec<PyResult<String>> {
    py.detach(|| {
        let mut profiles = pipeline.site_profiles();
        let processed = pipeline.process_records(records, &mut profiles);
        let items: Vec<_> = processed.into_iter().zip(has_path).collect();
        pipeline.map(items, |(processed, has_path)| {
            let (article, enrichment) = article_of(processed, has_path);
            article_json(&article, enrichment.as_ref())
        })
    })
}
