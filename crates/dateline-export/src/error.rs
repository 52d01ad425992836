//! The one error type of the crate.

/// Why an export failed.
///
/// Every variant is fatal for the export: the output is incomplete (for
/// Parquet, unreadable, as the footer is written last).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The output could not be written (disk full, closed pipe...).
    #[error("writing the export: {0}")]
    Io(#[from] std::io::Error),
    /// A record could not be encoded as JSON.
    #[error("encoding article {id} as JSON: {source}")]
    Json {
        /// The article's store id.
        id: i64,
        /// What serde_json reported.
        source: serde_json::Error,
    },
    /// A record could not be written as CSV.
    #[error("writing article {id} as CSV: {source}")]
    Csv {
        /// The article's store id.
        id: i64,
        /// What the CSV writer reported.
        source: csv::Error,
    },
    /// The Parquet writer failed.
    #[error("writing Parquet after {rows} articles: {source}")]
    Parquet {
        /// Articles handed to the exporter so far.
        rows: u64,
        /// What the Parquet writer reported.
        source: parquet::errors::ParquetError,
    },
}
