//! Exports stored articles as JSON Lines, CSV or Parquet, for `jq`,
//! spreadsheets, DuckDB, Spark, DataFusion or pandas.
//!
//! An [`Exporter`] streams: records go out as they are written (Parquet in
//! row groups of [`Exporter::with_row_group_size`] rows), so exporting a
//! large store never holds it in memory.
//!
//! ```
//! use dateline_export::{ExportFormat, ExportRecord, Exporter};
//! use dateline_model::{Article, Enrichment, Provenance};
//!
//! let mut article = Article::default();
//! article.title = Some("Russians in Raqqa".into());
//! let provenance = [Provenance {
//!     input: "crawl.warc.gz".into(),
//!     locator: "@1234".into(),
//!     ..Provenance::default()
//! }];
//!
//! let mut exporter = Exporter::new(ExportFormat::Jsonl, Vec::new())?;
//! exporter.write(&ExportRecord {
//!     id: 1,
//!     cluster_id: 1,
//!     cluster_size: 1,
//!     article: &article,
//!     provenance: &provenance,
//!     enrichment: None,
//! })?;
//! let out = exporter.finish()?;
//!
//! let row: serde_json::Value = serde_json::from_slice(&out)?;
//! assert_eq!(row["title"], "Russians in Raqqa");
//! assert_eq!(row["provenance"][0]["locator"], "@1234");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Formats
//!
//! - **JSONL**: one object a line holding every field of the [`Article`]
//!   JSON contract at the top level (`title`, `text`, `body`, `images`...)
//!   plus `id`, `cluster_id`, `cluster_size` and `provenance`, an array of
//!   [`Provenance`] objects, and for an enriched article `places`, `focus`,
//!   `entities`, `quantities` and `events` as `dateline show --json` gives
//!   them.
//! - **CSV**: a header row, then one flat row per article: `id`,
//!   `cluster_id`, `cluster_size`, `title`, `description`, `site_name`,
//!   `url`, `language`, `authors`, `published`, `modified`, `tags`,
//!   `categories`, `image_urls`, `text`, `is_article`, `reason`, `inputs`
//!   (each copy's input file and locator), `urls` (each copy's URL),
//!   `places` (gazetteer names), `countries`, `people`, `organizations`
//!   (each value once), `event_categories` (PLOVER, each once) and `events`
//!   (each as `SOURCE CATEGORY/CAMEO TARGET`, `-` for none:
//!   `TURMIL ASSAULT/190 SYRREB`). Lists
//!   are joined with `"; "`, missing values are empty, and fields are quoted
//!   as RFC 4180 asks.
//! - **Parquet** (Snappy-compressed): the same fields as JSONL, typed.
//!   Integers are INT64, `is_article` BOOLEAN, text and timestamps UTF-8
//!   strings (timestamps in ISO 8601, as precise as the page gave them),
//!   plus `published_date`, a DATE. `authors`, `tags` and `categories` are
//!   lists of strings; `images` a list of `{url, caption, credit}`, `body` a
//!   list of `{kind, text}`, `provenance` a list of
//!   `{input, locator, url, fetched}`, and `source` a `{path, format}`
//!   struct; `enriched` (BOOLEAN) says whether the article was enriched,
//!   and `places` (`{name, surface, start, end, geonames_id, lat, lon,
//!   country_code, kind}`, coordinates DOUBLE), `entities` (`{name, kind,
//!   surface, start, end}`), `quantities` (`{text, value, unit,
//!   qualifier, category, start, end}`) and `events` (`{sentence_start,
//!   sentence_end, cameo, plover, mode, source_code, source_country,
//!   source_sector, source_name, target_code, ..., target_name, verb,
//!   geonames_id, date, confidence}`, the actors flat, null without one)
//!   are lists, empty when it was not.

mod csv_rows;
mod error;
mod jsonl;
mod parquet_rows;

use std::fmt;
use std::io::Write;

use dateline_model::{Article, Enrichment, Provenance};

pub use error::ExportError;

use parquet_rows::ParquetSink;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// JSON Lines: one JSON object per article.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
    /// Apache Parquet with nested, typed columns.
    Parquet,
}

/// One stored article with its store fields, as handed to [`Exporter::write`].
#[derive(Debug, Clone, Copy)]
pub struct ExportRecord<'a> {
    /// The article's id in the store.
    pub id: i64,
    /// The id of its story (duplicate cluster).
    pub cluster_id: i64,
    /// How many stored articles tell the same story.
    pub cluster_size: u64,
    /// The article itself.
    pub article: &'a Article,
    /// Every copy of the article that was ingested.
    pub provenance: &'a [Provenance],
    /// What enrichment found in its text, if it was enriched.
    pub enrichment: Option<&'a Enrichment>,
}

/// Writes records in one [`ExportFormat`] to `W`.
///
/// Call [`Exporter::finish`] at the end: CSV output is buffered and a
/// Parquet file is unreadable until its footer is written.
pub struct Exporter<W: Write + Send> {
    sink: Sink<W>,
    rows: u64,
}

enum Sink<W: Write + Send> {
    Jsonl(W),
    Csv(csv::Writer<W>),
    Parquet(ParquetSink<W>),
}

impl<W: Write + Send> Exporter<W> {
    /// Starts an export to `out`; writes the CSV header and the Parquet magic
    /// bytes at once.
    ///
    /// # Errors
    ///
    /// [`ExportError::Io`] or [`ExportError::Parquet`] when `out` cannot be
    /// written.
    pub fn new(format: ExportFormat, out: W) -> Result<Self, ExportError> {
        let sink = match format {
            ExportFormat::Jsonl => Sink::Jsonl(out),
            ExportFormat::Csv => Sink::Csv(csv_rows::writer(out)?),
            ExportFormat::Parquet => Sink::Parquet(
                ParquetSink::new(out).map_err(|source| ExportError::Parquet { rows: 0, source })?,
            ),
        };
        Ok(Self { sink, rows: 0 })
    }

    /// Sets how many rows each Parquet row group holds (default 10,000; at
    /// least 1). Memory use grows with it. Other formats ignore it.
    ///
    /// A row group is also cut early once about 128 MiB of data is
    /// buffered, so very long articles cannot blow the budget.
    #[must_use]
    pub fn with_row_group_size(mut self, rows: usize) -> Self {
        if let Sink::Parquet(sink) = &mut self.sink {
            sink.row_group_rows = rows.max(1);
        }
        self
    }

    /// Writes one record.
    ///
    /// # Errors
    ///
    /// When the output cannot be written. The export is then incomplete and
    /// should be abandoned.
    pub fn write(&mut self, record: &ExportRecord<'_>) -> Result<(), ExportError> {
        match &mut self.sink {
            Sink::Jsonl(out) => jsonl::write(out, record)?,
            Sink::Csv(writer) => csv_rows::write(writer, record)?,
            Sink::Parquet(sink) => sink.write(record).map_err(|source| ExportError::Parquet {
                rows: self.rows,
                source,
            })?,
        }
        self.rows += 1;
        Ok(())
    }

    /// Completes the output (the last row group and footer for Parquet) and
    /// returns the writer, for the caller to flush.
    ///
    /// # Errors
    ///
    /// When the output cannot be written; a Parquet file is then unreadable.
    pub fn finish(self) -> Result<W, ExportError> {
        match self.sink {
            Sink::Jsonl(out) => Ok(out),
            Sink::Csv(writer) => writer
                .into_inner()
                .map_err(|err| ExportError::Io(err.into_error())),
            Sink::Parquet(sink) => sink.finish().map_err(|source| ExportError::Parquet {
                rows: self.rows,
                source,
            }),
        }
    }
}

impl<W: Write + Send> fmt::Debug for Exporter<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let format = match self.sink {
            Sink::Jsonl(_) => ExportFormat::Jsonl,
            Sink::Csv(_) => ExportFormat::Csv,
            Sink::Parquet(_) => ExportFormat::Parquet,
        };
        f.debug_struct("Exporter")
            .field("format", &format)
            .field("rows", &self.rows)
            .finish_non_exhaustive()
    }
}
