//! The Arrow path: a `pyarrow.RecordBatch` of pages in, a batch of
//! articles out with the schema of `dateline export --format parquet`
//! (built by `dateline-export`), for `mapInArrow` and `map_batches`.

use std::path::PathBuf;

use arrow::array::{Array, ArrayRef, Int64Array, LargeBinaryArray, LargeStringArray};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Schema};
use arrow::pyarrow::PyArrowType;
use arrow::record_batch::RecordBatch;
use dateline_export::ExportRecord;
use dateline_input::{page_bytes, InputError, PageKind, Record, RecordSource};
use dateline_model::Provenance;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::pages::{self, InputArg, Job};

/// The columns a page may be in, in the order they are looked for.
const PAGE_COLUMNS: [&str; 4] = ["html", "page", "content", "text"];

/// Extracts a batch of pages into a batch of articles, in row order.
///
/// The pages are the first of the columns `html`, `page`, `content` or
/// `text` (binary or string; `text` holds text dumps, the others HTML
/// unless `input=` or an `input` column says otherwise). Optional
/// columns: `url`, `charset`, `input` (`"html"`, `"text"`, `"auto"` per
/// row), `source` (the input file, or `crawl.warc.gz@1234`), `locator`,
/// `date` (fetch date) and `id` (int64; the row number when absent).
///
/// The result has the schema of `dateline export --format parquet`
/// (`arrow_schema()`): `id` from the `id` column or the row number,
/// `cluster_id` equal to it, `cluster_size` 1, one `provenance` entry from
/// `source`, `locator`, `url` and `date` when any is given. `enrich`
/// fills `places`, `entities` and `quantities` (`enriched` true), and
/// `events` the `events` list too.
#[pyfunction]
#[pyo3(signature = (batch, *, enrich=false, threads=None, input=None, events=true))]
pub(crate) fn extract_arrow(
    py: Python<'_>,
    batch: PyArrowType<RecordBatch>,
    enrich: bool,
    threads: Option<usize>,
    input: Option<&str>,
    events: bool,
) -> PyResult<PyArrowType<RecordBatch>> {
    let input = InputArg::parse(input)?;
    let pipeline = pages::pipeline(Job::Extract { enrich, events }, threads)?;
    let batch = batch.0;
    let pages = Pages::of(&batch, input)?;
    let out = py.detach(|| -> Result<RecordBatch, String> {
        let records = (0..batch.num_rows()).map(|i| pages.record(i)).collect();
        let mut profiles = pipeline.site_profiles();
        let processed = pipeline.process_records(records, &mut profiles);
        let rows: Vec<_> = processed
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let has_path = pages.source.as_ref().is_some_and(|s| s.is_valid(i));
                let (article, enrichment) = pages::article_of(p, has_path);
                (pages.id(i), article, enrichment, pages.provenance(i))
            })
            .collect();
        let records: Vec<ExportRecord<'_>> = rows
            .iter()
            .map(|(id, article, enrichment, provenance)| ExportRecord {
                id: *id,
                cluster_id: *id,
                cluster_size: 1,
                article,
                provenance,
                enrichment: enrichment.as_ref(),
            })
            .collect();
        dateline_export::record_batch(&records).map_err(|err| err.to_string())
    });
    out.map(PyArrowType).map_err(PyValueError::new_err)
}

/// The schema of `extract_arrow`'s batches: that of `dateline export
/// --format parquet` as Arrow reads it (pass it to Spark's `mapInArrow`
/// through `pyspark.sql.pandas.types.from_arrow_schema`).
#[pyfunction]
pub(crate) fn arrow_schema() -> PyResult<PyArrowType<Schema>> {
    let schema =
        dateline_export::arrow_schema().map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok(PyArrowType(schema.as_ref().clone()))
}

/// The columns of a batch of pages, cast to one type each.
struct Pages {
    page: LargeBinaryArray,
    /// Whether the page column is `text`: dumps unless told otherwise.
    text_column: bool,
    input: InputArg,
    kinds: Option<LargeStringArray>,
    url: Option<LargeStringArray>,
    charset: Option<LargeStringArray>,
    source: Option<LargeStringArray>,
    locator: Option<LargeStringArray>,
    date: Option<LargeStringArray>,
    id: Option<Int64Array>,
}

impl Pages {
    fn of(batch: &RecordBatch, input: InputArg) -> PyResult<Self> {
        let (name, page) = PAGE_COLUMNS
            .iter()
            .find_map(|name| Some((*name, batch.column_by_name(name)?)))
            .ok_or_else(|| {
                PyValueError::new_err(format!(
                    "the batch has no page column (one of {})",
                    PAGE_COLUMNS.join(", ")
                ))
            })?;
        let page = column(page, name, &DataType::LargeBinary)?;
        let strings = |name: &str| -> PyResult<Option<LargeStringArray>> {
            batch
                .column_by_name(name)
                .map(|c| column::<LargeStringArray>(c, name, &DataType::LargeUtf8))
                .transpose()
        };
        let kinds = strings("input")?;
        if let Some(kinds) = &kinds {
            for kind in kinds.iter().flatten() {
                InputArg::parse(Some(kind))?;
            }
        }
        Ok(Self {
            page,
            text_column: name == "text",
            input,
            kinds,
            url: strings("url")?,
            charset: strings("charset")?,
            source: strings("source")?,
            locator: strings("locator")?,
            date: strings("date")?,
            id: batch
                .column_by_name("id")
                .map(|c| column::<Int64Array>(c, "id", &DataType::Int64))
                .transpose()?,
        })
    }

    fn record(&self, i: usize) -> Result<Record, InputError> {
        let kind = match (self.input, get(&self.kinds, i)) {
            (_, Some(kind)) => match kind {
                "text" => PageKind::Text,
                "auto" => PageKind::Unknown,
                _ => PageKind::Html,
            },
            (InputArg::Kind(kind), None) => kind,
            (InputArg::Unset, None) if self.text_column => PageKind::Text,
            (InputArg::Unset, None) => PageKind::Html,
        };
        let bytes = if self.page.is_valid(i) {
            self.page.value(i).to_vec()
        } else {
            Vec::new()
        };
        let source = PathBuf::from(get(&self.source, i).unwrap_or_default());
        // Checked as the CLI checks a page file: gzip, empty, binary.
        let bytes = page_bytes(&source, bytes)?;
        Ok(Record {
            bytes,
            kind,
            url: get(&self.url, i).map(str::to_string),
            date: get(&self.date, i).map(str::to_string),
            site: None,
            charset: get(&self.charset, i).map(str::to_string),
            source: RecordSource::file(source),
        })
    }

    fn id(&self, i: usize) -> i64 {
        match &self.id {
            Some(ids) if ids.is_valid(i) => ids.value(i),
            _ => i64::try_from(i).unwrap_or(i64::MAX),
        }
    }

    fn provenance(&self, i: usize) -> Vec<Provenance> {
        let given = [&self.source, &self.locator, &self.url, &self.date]
            .iter()
            .any(|c| get(c, i).is_some());
        if !given {
            return Vec::new();
        }
        vec![Provenance {
            input: get(&self.source, i).unwrap_or_default().to_string(),
            locator: get(&self.locator, i).unwrap_or_default().to_string(),
            url: get(&self.url, i).map(str::to_string),
            fetched: get(&self.date, i).map(str::to_string),
        }]
    }
}

/// A column cast to `to` (strings to binary, string views to strings...).
fn column<T: Array + Clone + 'static>(array: &ArrayRef, name: &str, to: &DataType) -> PyResult<T> {
    let cast = cast(array, to).map_err(|err| {
        PyValueError::new_err(format!(
            "column {name} ({}) cannot be read as {to}: {err}",
            array.data_type()
        ))
    })?;
    Ok(cast
        .as_any()
        .downcast_ref::<T>()
        .expect("cast gives the type asked for")
        .clone())
}

fn get(column: &Option<LargeStringArray>, i: usize) -> Option<&str> {
    column
        .as_ref()
        .filter(|c| c.is_valid(i))
        .map(|c| c.value(i))
}
