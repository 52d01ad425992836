//! [`IndexWriter`]: adding, replacing and deleting articles, and commits
//! that record how far the index has got.

use std::path::PathBuf;

use dateline_model::{Article, Enrichment};
use tantivy::directory::error::LockError;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, TantivyDocument, TantivyError, Term};

use crate::schema::Fields;
use crate::SearchError;

/// Memory for the indexing threads together; a segment is written each
/// time a thread's share fills up.
pub const WRITER_MEMORY_BYTES: usize = 128 * 1024 * 1024;
/// Indexing threads at most (the writer's caller keeps a core busy too).
const MAX_WRITER_THREADS: usize = 2;

/// One article to index.
#[derive(Debug, Clone, Copy)]
pub struct IndexDoc<'a> {
    /// The article's id in the store: adding an id again replaces it.
    pub id: u64,
    /// The article.
    pub article: &'a Article,
    /// Copies of the story (its duplicate cluster's size) at indexing time.
    pub cluster_size: u64,
    /// What enrichment found in its text, if it was enriched: its places,
    /// countries, people and organisations become filters and facets.
    pub enrichment: Option<&'a Enrichment>,
}

/// The index's single writer. Changes become durable at
/// [`IndexWriter::commit`] and visible to searches after
/// [`SearchIndex::reload`](crate::SearchIndex::reload).
pub struct IndexWriter {
    inner: tantivy::IndexWriter<TantivyDocument>,
    fields: Fields,
    analyzer: TextAnalyzer,
}

impl IndexWriter {
    /// Takes the index's writer lock.
    pub(crate) fn new(index: &Index, fields: Fields, path: PathBuf) -> Result<Self, SearchError> {
        let threads = std::thread::available_parallelism()
            .map_or(1, usize::from)
            .clamp(1, MAX_WRITER_THREADS);
        let inner = index
            .writer_with_num_threads(threads, WRITER_MEMORY_BYTES)
            .map_err(|err| match err {
                TantivyError::LockFailure(LockError::LockBusy, _) => {
                    SearchError::WriterLocked { path }
                }
                other => SearchError::Tantivy(other),
            })?;
        Ok(Self {
            inner,
            fields,
            analyzer: crate::schema::analyzer(),
        })
    }

    /// Adds an article, replacing any earlier version with the same id.
    pub fn add(&mut self, doc: &IndexDoc<'_>) -> Result<(), SearchError> {
        self.delete(doc.id);
        let document = self.fields.document(doc, &mut self.analyzer);
        self.inner.add_document(document)?;
        Ok(())
    }

    /// Removes the article with this id, if indexed.
    pub fn delete(&mut self, id: u64) {
        self.inner
            .delete_term(Term::from_field_u64(self.fields.id, id));
    }

    /// Removes every article (as of the next commit).
    pub fn delete_all(&mut self) -> Result<(), SearchError> {
        self.inner.delete_all_documents()?;
        Ok(())
    }

    /// Makes the changes durable, recording `last` (the highest article id
    /// the index now reflects) in the same commit; read it back with
    /// [`SearchIndex::indexed_through`](crate::SearchIndex::indexed_through).
    pub fn commit(&mut self, last: u64) -> Result<(), SearchError> {
        let mut prepared = self.inner.prepare_commit()?;
        prepared.set_payload(&last.to_string());
        prepared.commit()?;
        Ok(())
    }

    /// Merges every committed segment into one, keeping the last commit's
    /// payload. Worth it after a full rebuild: each query looks every word
    /// up in every segment, so fewer segments answer faster.
    pub fn merge_all(&mut self) -> Result<(), SearchError> {
        let segments = self.inner.index().searchable_segment_ids()?;
        if segments.len() > 1 {
            self.inner.merge(&segments).wait()?;
        }
        Ok(())
    }

    /// Waits for the background segment merges to end and releases the
    /// writer. Dropping the writer instead abandons running merges, which
    /// costs nothing but a bigger index until the next writer merges.
    pub fn finish(self) -> Result<(), SearchError> {
        self.inner.wait_merging_threads()?;
        Ok(())
    }
}
