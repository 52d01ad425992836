//! The Python package `dateline` (built with maturin from
//! `pyproject.toml`): Dateline's extraction, enrichment and record reading
//! from Python, and Arrow batches for Spark, Dask and DuckDB.
//!
//! Every function goes through the crates the CLI uses: pages become
//! `dateline-input` records and run through the `dateline-ingest`
//! pipeline (so the article is the one `dateline extract --format json`
//! prints), WARC and JSONL files are read by `dateline-input`, and Arrow
//! batches are built by `dateline-export` with its Parquet schema. The
//! GIL is released while Rust works.

mod arrow;
mod pages;
mod records;

use pyo3::prelude::*;
use pyo3::types::PyList;

use dateline_input::PageKind;

use crate::pages::{InputArg, Job};

/// Extracts one news page into the article JSON contract: the dict that
/// `dateline extract --format json` prints (with `places`, `focus`,
/// `entities` and `quantities` when `enrich` is true, and `events` coded
/// in CAMEO and PLOVER unless `events` is false, as `--enrich` and
/// `--enrich --no-events`).
///
/// `page` is the page's bytes (decoded as the CLI decodes them: byte-order
/// mark, HTTP charset, `<meta>`, detection), a str (taken as decoded), or
/// a `Record` from `read_records` (its URL, charset, kind and source come
/// with it). `input` is `"html"` (the default for bytes and str), `"text"`
/// for a text dump, or `"auto"`. `path` fills the article's
/// `source.path` (None otherwise, unless the page is a Record).
///
/// Never raises on a bad page: an empty, binary or broken page gives an
/// article whose `is_article` is false and whose `reason` says why.
/// Raises ValueError on a bad argument value (an unknown `input`), and
/// TypeError when `page` is not bytes, str or Record.
///
/// >>> article = dateline.extract(html_bytes, url="https://example.org/story")
/// >>> article["title"], article["published"], article["is_article"]
#[pyfunction]
#[pyo3(signature = (page, url=None, *, input=None, enrich=false, path=None, events=true))]
fn extract<'py>(
    py: Python<'py>,
    page: &Bound<'py, PyAny>,
    url: Option<String>,
    input: Option<&str>,
    enrich: bool,
    path: Option<String>,
    events: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let input = InputArg::parse(input)?;
    let page = pages::page(page, url, input, path)?;
    let pipeline = pages::pipeline(Job::Extract { enrich, events }, Some(1))?;
    let has_path = page.has_path;
    let processed = pages::run(py, &pipeline, vec![page.record]);
    let Some(processed) = processed.into_iter().next() else {
        unreachable!("the pipeline gives one result per record");
    };
    let (article, enrichment) = pages::article_of(processed, has_path);
    pages::article_to_python(py, &article, enrichment.as_ref())
}

/// Extracts many pages on several cores with the GIL released; returns
/// the articles (dicts, as `extract` gives them) in input order.
///
/// `pages` is an iterable of bytes, str or `Record`; `urls`, if given, an
/// iterable of the same length (None where unknown). `threads` defaults
/// to every core. Text dumps extracted together are grouped by site and
/// their shared lines removed, as `dateline extract` does on a folder.
#[pyfunction]
#[pyo3(signature = (pages, urls=None, threads=None, *, input=None, enrich=false, events=true))]
fn extract_many<'py>(
    py: Python<'py>,
    pages: &Bound<'py, PyAny>,
    urls: Option<&Bound<'py, PyAny>>,
    threads: Option<usize>,
    input: Option<&str>,
    enrich: bool,
    events: bool,
) -> PyResult<Bound<'py, PyList>> {
    let input = InputArg::parse(input)?;
    let pipeline = pages::pipeline(Job::Extract { enrich, events }, threads)?;
    let urls: Option<Vec<Option<String>>> = urls
        .map(|urls| urls.try_iter()?.map(|u| u?.extract()).collect())
        .transpose()?;
    let mut records = Vec::new();
    let mut has_path = Vec::new();
    for (i, page) in pages.try_iter()?.enumerate() {
        let url = match &urls {
            Some(urls) => Some(urls.get(i).cloned().ok_or_else(|| {
                pyo3::exceptions::PyValueError::new_err("urls is shorter than pages")
            })?),
            None => None,
        };
        let page = pages::page(&page?, url.flatten(), input, None)?;
        has_path.push(page.has_path);
        records.push(page.record);
    }
    if urls
        .as_ref()
        .is_some_and(|urls| urls.len() != records.len())
    {
        return Err(pyo3::exceptions::PyValueError::new_err(
            "urls and pages differ in length",
        ));
    }
    let out = PyList::empty(py);
    for json in pages::run_to_json(py, &pipeline, records, has_path) {
        out.append(pages::json_to_python(py, json?)?)?;
    }
    Ok(out)
}

/// What a clean text names: `places` (resolved against the embedded
/// GeoNames gazetteer), `focus`, `entities` (people, organisations),
/// `quantities` and `language` (and `events` unless `events` is false); the
/// object `dateline annotate` prints, without its `source`.
#[pyfunction]
#[pyo3(signature = (text, *, events=true))]
fn annotate<'py>(py: Python<'py>, text: &str, events: bool) -> PyResult<Bound<'py, PyAny>> {
    let pipeline = pages::pipeline(Job::Annotate { events }, Some(1))?;
    let record = pages::memory_record(text.as_bytes().to_vec(), PageKind::Text, None, None);
    let processed = pages::run(py, &pipeline, vec![Ok(record)]);
    let Some(processed) = processed.into_iter().next() else {
        unreachable!("the pipeline gives one result per record");
    };
    let (article, enrichment) = pages::article_of(processed, false);
    let mut enrichment = enrichment.unwrap_or_default();
    // Enrichment moves the language it detects into the article; here the
    // text is all there is (as in `dateline annotate`).
    enrichment.language = article.language;
    pages::to_python(py, &enrichment)
}

/// Dateline from Python: news pages to clean, structured articles.
#[pymodule]
fn _dateline(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(extract_many, m)?)?;
    m.add_function(wrap_pyfunction!(annotate, m)?)?;
    m.add_function(wrap_pyfunction!(records::read_records, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::extract_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::arrow_schema, m)?)?;
    m.add_class::<records::PyRecord>()?;
    m.add_class::<records::PyRecords>()?;
    Ok(())
}
