//! A phrase query whose scorer tolerates seeks behind it.
//!
//! tantivy 0.27's exclusion (`-"a phrase"`) asks its excluded scorer
//! whether it contains a document with `seek_danger(doc)`, starting with
//! the first candidate, while a phrase scorer has already moved to its own
//! first match: the phrase scorer's `debug_assert!(target >= self.doc())`
//! then fails (a panic in debug builds; release builds answer correctly).
//! This wrapper answers such seeks itself: a scorer positioned after the
//! target does not contain it.

use tantivy::query::{EnableScoring, Explanation, PhraseQuery, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, Term};

/// A [`PhraseQuery`] safe to exclude.
#[derive(Debug, Clone)]
pub(crate) struct GuardedPhrase(pub PhraseQuery);

impl Query for GuardedPhrase {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(GuardedWeight(self.0.weight(enable_scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.0.query_terms(visitor);
    }
}

struct GuardedWeight(Box<dyn Weight>);

impl Weight for GuardedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(GuardedScorer(self.0.scorer(reader, boost)?)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

struct GuardedScorer(Box<dyn Scorer>);

impl DocSet for GuardedScorer {
    fn advance(&mut self) -> DocId {
        self.0.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let doc = self.0.doc();
        if doc >= target {
            return doc;
        }
        self.0.seek(target)
    }

    fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
        // The phrase scorer's position is that of its rarest term's
        // postings, which skip no document: nothing matches before it.
        let doc = self.0.doc();
        if doc > target {
            return SeekDangerResult::SeekLowerBound(doc);
        }
        self.0.seek_danger(target)
    }

    fn doc(&self) -> DocId {
        self.0.doc()
    }

    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }
}

impl Scorer for GuardedScorer {
    fn score(&mut self) -> Score {
        self.0.score()
    }
}
