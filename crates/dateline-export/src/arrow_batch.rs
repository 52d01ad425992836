//! Articles as one Arrow record batch with the Parquet export's schema,
//! for engines that pass Arrow batches (Spark's `mapInArrow`, Dask,
//! DuckDB, Polars) through the Python package.
//!
//! The rows go through the Parquet encoder (`parquet_rows`) into
//! memory, uncompressed, and are read back by parquet's Arrow reader: the
//! schema and the encoding of every field then have one home, and a batch
//! is, column for column, what reading `dateline export --format parquet`
//! with Arrow gives. The round trip costs a few percent of extraction.

use std::sync::Arc;

use arrow_array::RecordBatch;
use arrow_schema::SchemaRef;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::basic::Compression;

use crate::parquet_rows::ParquetSink;
use crate::{ExportError, ExportRecord};

/// The records as one batch, in order.
///
/// ```
/// use dateline_export::{record_batch, ExportRecord};
/// use dateline_model::Article;
///
/// let article = Article { title: Some("Raqqa".into()), ..Article::default() };
/// let record = ExportRecord {
///     id: 7,
///     cluster_id: 7,
///     cluster_size: 1,
///     article: &article,
///     provenance: &[],
///     enrichment: None,
/// };
/// let batch = record_batch(&[record])?;
/// assert_eq!(batch.num_rows(), 1);
/// assert_eq!(batch.schema(), dateline_export::arrow_schema()?);
/// # Ok::<(), dateline_export::ExportError>(())
/// ```
///
/// # Errors
///
/// [`ExportError::Parquet`] if the encoder or the reader fails (neither
/// should on articles the model can build).
pub fn record_batch(records: &[ExportRecord<'_>]) -> Result<RecordBatch, ExportError> {
    let failed = |source| ExportError::Parquet {
        rows: records.len() as u64,
        source,
    };
    let mut sink =
        ParquetSink::with_compression(Vec::new(), Compression::UNCOMPRESSED).map_err(failed)?;
    // One row group, so that the reader gives back one batch.
    sink.row_group_rows = usize::MAX;
    sink.row_group_bytes = usize::MAX;
    for record in records {
        sink.write(record).map_err(failed)?;
    }
    let file = bytes::Bytes::from(sink.finish().map_err(failed)?);
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .map_err(failed)?
        .with_batch_size(records.len().max(1));
    let schema = Arc::clone(reader.schema());
    match reader.build().map_err(failed)?.next() {
        Some(batch) => batch.map_err(|err| failed(err.into())),
        None => Ok(RecordBatch::new_empty(schema)),
    }
}

/// The schema of [`record_batch`]'s batches (and of the Parquet export as
/// Arrow reads it).
///
/// # Errors
///
/// As [`record_batch`].
pub fn arrow_schema() -> Result<SchemaRef, ExportError> {
    Ok(record_batch(&[])?.schema())
}

#[cfg(test)]
mod tests {
    use arrow_array::Array;
    use dateline_model::{Article, Block, BlockKind, Provenance};

    use super::*;

    #[test]
    fn a_batch_holds_the_rows_in_order_with_the_export_fields() {
        let a = Article {
            title: Some("A".into()),
            body: vec![Block::new(BlockKind::Paragraph, "One.")],
            text: "One.".into(),
            is_article: true,
            ..Article::default()
        };
        let b = Article {
            reason: Some("index page".into()),
            ..Article::default()
        };
        let provenance = [Provenance {
            input: "c.warc.gz".into(),
            locator: "@9".into(),
            url: Some("https://x.org/a".into()),
            fetched: None,
        }];
        let record = |id, article| ExportRecord {
            id,
            cluster_id: id,
            cluster_size: 1,
            article,
            provenance: &provenance,
            enrichment: None,
        };
        let batch = record_batch(&[record(1, &a), record(2, &b)]).unwrap();
        assert_eq!(batch.num_rows(), 2);
        let ids = batch.column_by_name("id").unwrap();
        let ids = ids
            .as_any()
            .downcast_ref::<arrow_array::Int64Array>()
            .unwrap();
        assert_eq!(ids.values(), &[1, 2]);
        let titles = batch.column_by_name("title").unwrap();
        let titles = titles
            .as_any()
            .downcast_ref::<arrow_array::StringArray>()
            .unwrap();
        assert_eq!((titles.value(0), titles.is_null(1)), ("A", true));
        for name in [
            "body",
            "provenance",
            "places",
            "events",
            "published_date",
            "enriched",
        ] {
            assert!(batch.column_by_name(name).is_some(), "{name}");
        }
    }

    #[test]
    fn no_records_make_an_empty_batch_of_the_same_schema() {
        let batch = record_batch(&[]).unwrap();
        assert_eq!(batch.num_rows(), 0);
        assert_eq!(batch.num_columns(), 26);
    }
}
