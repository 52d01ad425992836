//! Parquet: typed, nested columns written in bounded row groups.
//!
//! Uses parquet's low-level writer, not its Arrow one, to keep Arrow out of
//! the build; the writer only needs `Write`, so the export can stream to a
//! pipe.

mod columns;
mod schema;

use std::io::Write;
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::errors::Result;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use parquet::schema::types::ColumnPath;

use self::columns::Columns;
use crate::ExportRecord;

/// Rows per row group unless the caller says otherwise: large enough for
/// good compression and fast scans, small enough to keep memory bounded.
pub(crate) const DEFAULT_ROW_GROUP_ROWS: usize = 10_000;

/// A row group is also cut when this much data is buffered, whatever the
/// row count, so exports of very long articles stay bounded too.
pub(crate) const DEFAULT_ROW_GROUP_BYTES: usize = 128 << 20;

/// A Parquet file being written.
pub(crate) struct ParquetSink<W: Write + Send> {
    file: SerializedFileWriter<W>,
    columns: Columns,
    pub(crate) row_group_rows: usize,
    pub(crate) row_group_bytes: usize,
}

impl<W: Write + Send> ParquetSink<W> {
    /// Starts the file (its magic bytes go out at once).
    pub(crate) fn new(out: W) -> Result<Self> {
        Self::with_compression(out, Compression::SNAPPY)
    }

    /// Starts a file compressed so (a file read back at once in memory is
    /// best left uncompressed).
    pub(crate) fn with_compression(out: W, compression: Compression) -> Result<Self> {
        let schema = Arc::new(parse_message_type(schema::SCHEMA)?);
        // Running text rarely repeats, so a dictionary would only be built
        // to be thrown away.
        let props = WriterProperties::builder()
            .set_compression(compression)
            .set_column_dictionary_enabled(ColumnPath::from("text"), false)
            .set_column_dictionary_enabled(
                ColumnPath::new(
                    ["body", "list", "element", "text"]
                        .map(String::from)
                        .to_vec(),
                ),
                false,
            )
            .build();
        let file = SerializedFileWriter::new(out, schema, Arc::new(props))?;
        let columns = Columns::new(file.schema_descr());
        Ok(Self {
            file,
            columns,
            row_group_rows: DEFAULT_ROW_GROUP_ROWS,
            row_group_bytes: DEFAULT_ROW_GROUP_BYTES,
        })
    }

    /// Buffers one row, writing a row group when the buffer is full.
    pub(crate) fn write(&mut self, record: &ExportRecord<'_>) -> Result<()> {
        schema::encode(&mut self.columns, record);
        if self.columns.rows >= self.row_group_rows || self.columns.bytes >= self.row_group_bytes {
            self.columns.write_row_group(&mut self.file)?;
        }
        Ok(())
    }

    /// Writes the last row group and the footer; returns the output.
    pub(crate) fn finish(mut self) -> Result<W> {
        if self.columns.rows > 0 {
            self.columns.write_row_group(&mut self.file)?;
        }
        self.file.into_inner()
    }

    /// Row groups written so far.
    #[cfg(test)]
    pub(crate) fn row_groups(&self) -> usize {
        self.file.flushed_row_groups().len()
    }
}

#[cfg(test)]
mod tests {
    use dateline_model::Article;

    use super::*;

    fn article(text_len: usize) -> Article {
        Article {
            text: "x".repeat(text_len),
            ..Article::default()
        }
    }

    fn record(article: &Article) -> ExportRecord<'_> {
        ExportRecord {
            id: 1,
            cluster_id: 1,
            cluster_size: 1,
            article,
            provenance: &[],
            enrichment: None,
        }
    }

    #[test]
    fn a_row_group_is_cut_when_the_byte_budget_is_spent() {
        let mut sink = ParquetSink::new(Vec::new()).unwrap();
        sink.row_group_bytes = 10_000;
        let long = article(4_000);
        for _ in 0..7 {
            sink.write(&record(&long)).unwrap();
        }
        // 3 rows of ~4 kB pass 10 kB: two full groups, one row pending.
        assert_eq!(sink.row_groups(), 2);
        assert_eq!(sink.columns.rows, 1);
        let out = sink.finish().unwrap();
        assert_eq!(&out[out.len() - 4..], b"PAR1");
    }

    #[test]
    fn small_rows_wait_for_the_row_count() {
        let mut sink = ParquetSink::new(Vec::new()).unwrap();
        let short = article(10);
        for _ in 0..1_000 {
            sink.write(&record(&short)).unwrap();
        }
        assert_eq!(sink.row_groups(), 0);
        assert!(sink.columns.bytes > 0);
    }
}
