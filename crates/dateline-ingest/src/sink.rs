//! Where a pipeline's results go: a [`Sink`] receives each batch of
//! [`Processed`] records in input order, with where the source stands.

use dateline_input::{ByteProgress, Counts, Finished, InputError, Locator, RecordSource};
use dateline_model::{Article, Enrichment};

/// What receives a pipeline's results: the store (`ingest`), standard
/// output (`extract`, `annotate`), or anything else.
///
/// [`Sink::write`] runs on a thread of its own, one batch at a time, while
/// the next batch is extracted; [`Sink::extra`] runs on the extraction
/// workers, for per-article work the sink wants done in parallel.
pub trait Sink: Send {
    /// Computed for each kept article on the worker that extracted it
    /// (duplicate fingerprints for the store; `()` for printers).
    type Extra: Send;
    /// Why writing failed; the run stops at the first error.
    type Error: Send;

    /// The per-article work done in parallel.
    fn extra(article: &Article) -> Self::Extra;

    /// Takes one batch, in input order.
    fn write(&mut self, batch: Batch<Self::Extra>) -> Result<(), Self::Error>;
}

/// One batch of results and where the source stood when it was cut.
#[derive(Debug)]
pub struct Batch<T> {
    /// The records, in input order.
    pub items: Vec<Processed<T>>,
    /// What the source has read so far (records passed over included).
    pub counts: Counts,
    /// How far through its bytes the source is, when it knows.
    pub bytes: Option<ByteProgress>,
    /// Containers read to their end since the previous batch.
    pub finished: Vec<Finished>,
}

/// One record, processed.
#[derive(Debug)]
pub struct Processed<T> {
    /// Where the record came from (for a record that could not be read,
    /// where it was).
    pub source: RecordSource,
    /// The page's address, as the source gave it.
    pub url: Option<String>,
    /// When the page was fetched, as the source gave it.
    pub fetched: Option<String>,
    /// What became of it.
    pub outcome: Outcome<T>,
    /// Something the user should know though the record went through
    /// (text that was not UTF-8).
    pub warning: Option<&'static str>,
}

/// What became of a record.
#[derive(Debug)]
pub enum Outcome<T> {
    /// An article (or, when the pipeline keeps everything, any page).
    Article(Box<Done<T>>),
    /// A page judged not to be an article, with the extractor's reason;
    /// only when the pipeline keeps articles alone.
    NotArticle(String),
    /// The record could not be read.
    Failed(InputError),
}

/// A kept article and what was computed for it.
#[derive(Debug)]
pub struct Done<T> {
    /// The article.
    pub article: Article,
    /// What enrichment found, when the pipeline enriches.
    pub enrichment: Option<Enrichment>,
    /// The sink's per-article work ([`Sink::extra`]).
    pub extra: T,
}

/// Where a failed record was: its file, and its position when the reader
/// knew it.
pub(crate) fn error_source(err: &InputError) -> RecordSource {
    let path = dateline_input::error_path(err).to_path_buf();
    match err {
        InputError::BadRecord {
            locator: Locator::Offset(offset),
            ..
        } => RecordSource::warc(path, *offset, None),
        InputError::BadRecord {
            locator: Locator::Line(line),
            ..
        } => RecordSource::line(path, *line, 0),
        _ => RecordSource::file(path),
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn failed_records_keep_their_position() {
        let bad = InputError::BadRecord {
            path: PathBuf::from("c.jsonl"),
            locator: Locator::Line(4),
            reason: "not JSON".into(),
        };
        assert_eq!(error_source(&bad).locator(), ":4");
        let bad = InputError::BadRecord {
            path: PathBuf::from("c.warc"),
            locator: Locator::Offset(99),
            reason: "bad header".into(),
        };
        assert_eq!(error_source(&bad).to_string(), "c.warc@99");
        let empty = InputError::Empty {
            path: PathBuf::from("a.html"),
        };
        assert_eq!(error_source(&empty).locator(), "");
    }
}
