//! Running a [`Query`]: the top hits with snippets, the total, and the
//! facets and histogram when asked.

use tantivy::collector::{Count, TopDocs};
use tantivy::schema::{Field, Value};
use tantivy::{DocAddress, Order, Searcher, TantivyDocument};

use crate::facets::{Bucket, CountsCollector, Facets};
use crate::query::compile;
use crate::snippet::snippet;
use crate::{Query, SearchError, SearchIndex};

/// What a search found.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct SearchResults {
    /// Matching documents, all of them (not only those in `hits`).
    pub total: u64,
    /// The requested page of hits: by relevance, or newest first when the
    /// query has no words (only filters).
    pub hits: Vec<Hit>,
    /// Facet counts over all matching documents, when asked.
    pub facets: Option<Facets>,
    /// Date histogram over all matching documents with a date, when
    /// asked: non-empty buckets only, chronologically.
    pub histogram: Vec<Bucket>,
}

/// One matching article.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Hit {
    /// The article's id in the store.
    pub id: u64,
    /// Relevance (BM25); 0 when hits are sorted by date.
    pub score: f32,
    /// Headline.
    pub title: Option<String>,
    /// Page address.
    pub url: Option<String>,
    /// Publisher name.
    pub site_name: Option<String>,
    /// Publication time as the article states it (ISO 8601).
    pub published: Option<String>,
    /// Language as the article states it.
    pub language: Option<String>,
    /// Author names.
    pub authors: Vec<String>,
    /// About 200 characters around the best match (body text, else the
    /// description, else the title), `…` marking cuts.
    pub snippet: String,
    /// Character (not byte) ranges `[start, end)` of the matched words in
    /// `snippet`, sorted, not overlapping.
    pub highlights: Vec<[usize; 2]>,
    /// Copies of the story when indexed (the store puts the live value).
    pub cluster_size: u64,
}

impl SearchIndex {
    /// Runs a search over the last reloaded commit.
    pub fn search(&self, query: &Query) -> Result<SearchResults, SearchError> {
        let searcher = self.reader.searcher();
        let compiled = compile(query, &self.fields, &self.analyzer);
        let (offset, limit) = query.window();
        let top = TopDocs::with_limit(limit).and_offset(offset);
        let counts = (query.facets || query.histogram.is_some()).then_some(CountsCollector {
            facets: query.facets,
            days: true,
        });
        let (docs, total, counts) = if compiled.by_date {
            let by_date = top.order_by_fast_field::<i64>("published", Order::Desc);
            let (docs, total, counts) =
                searcher.search(&*compiled.query, &(by_date, Count, counts))?;
            (
                docs.into_iter().map(|(_, doc)| (0.0, doc)).collect(),
                total,
                counts,
            )
        } else {
            searcher.search(&*compiled.query, &(top.order_by_score(), Count, counts))?
        };
        let mut hits = Vec::with_capacity(docs.len());
        for (score, address) in docs {
            hits.push(self.hit(&searcher, address, score, &compiled.highlight)?);
        }
        Ok(SearchResults {
            total: total as u64,
            hits,
            facets: counts.as_ref().filter(|_| query.facets).map(|c| c.facets()),
            histogram: match (&counts, query.histogram) {
                (Some(c), Some(interval)) => c.histogram(interval),
                _ => Vec::new(),
            },
        })
    }

    fn hit(
        &self,
        searcher: &Searcher,
        address: DocAddress,
        score: f32,
        words: &[String],
    ) -> Result<Hit, SearchError> {
        let f = &self.fields;
        let doc: TantivyDocument = searcher.doc(address)?;
        let fast = searcher.segment_reader(address.segment_ord).fast_fields();
        let id = fast.u64("id")?.first(address.doc_id).unwrap_or_default();
        let cluster_size = fast.u64("cluster_size")?.first(address.doc_id).unwrap_or(1);
        let text = |field: Field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let title = text(f.title);
        let description = text(f.description);
        let body = doc
            .get_first(f.body)
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        let snip = snippet(
            &self.analyzer,
            &[
                body,
                description.as_deref().unwrap_or(""),
                title.as_deref().unwrap_or(""),
            ],
            words,
        );
        Ok(Hit {
            id,
            score,
            url: text(f.url),
            site_name: text(f.site_name),
            published: text(f.published_text),
            language: text(f.language),
            authors: doc
                .get_all(f.authors)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            title,
            snippet: snip.text,
            highlights: snip.highlights,
            cluster_size,
        })
    }
}
