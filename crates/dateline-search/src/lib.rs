//! The Dateline full-text index: a tantivy index of one article per
//! duplicate cluster, derived from the store's database and rebuilt from it
//! at will.
//!
//! - [`SearchIndex`] opens (or creates) an index directory and searches it;
//! - [`IndexWriter`] adds and replaces articles and commits, recording the
//!   highest article id indexed so that a store can catch up after a crash;
//! - [`Query`] holds the query text, date and language filters, paging, and
//!   whether to count facets or a date histogram over all matches;
//!   [`Query::filtered`] builds one from filters a user typed, or says
//!   which is wrong ([`QueryError`]).
//!
//! # Query language
//!
//! | Syntax | Meaning |
//! |---|---|
//! | `russian raqqa` | every word must match (title, description, body, authors or tags; title counts double) |
//! | `"forces entered"` | a phrase |
//! | `-word`, `-"a phrase"` | must not match |
//! | `syria OR iraq` | either |
//! | `site:jpost.com` | URL host (without `www.`, subdomains included) or words of the site name |
//! | `author:frantzman`, `author:"Seth Frantzman"` | in an author's name |
//! | `tag:`, `title:` | in a tag, in the title |
//! | `lang:en` | language (first two letters) |
//! | `place:Raqqa`, `place:"Tel Abyad"`, `place:163843` | names a place: the words the text used or the gazetteer's name, whole, or its GeoNames id |
//! | `country:SY` | names a place in that country |
//! | `person:frantzman`, `org:SDF` | in the name of a person, of an organisation (or its short form) |
//!
//! Matching ignores case and accents (`equipe` finds `Équipe`). Anything
//! else, `foo:bar` included, is plain text: every string is a valid query.
//! A query without words (empty, or only filters) matches every article
//! that passes the filters, newest first; otherwise hits are ranked by
//! BM25.
//!
//! # Example
//!
//! ```
//! use dateline_model::{Article, Timestamp};
//! use dateline_search::{IndexDoc, Query, SearchIndex};
//!
//! let dir = tempfile::tempdir()?;
//! let index = SearchIndex::open_or_create(dir.path())?;
//! let mut article = Article::default();
//! article.title = Some("Russians in Raqqa".into());
//! article.url = Some("https://www.jpost.com/middle-east/russians-in-raqqa".into());
//! article.published = Timestamp::parse_iso("2019-12-09T17:34:00");
//! article.text = "Russian forces entered Raqqa on Monday.".into();
//!
//! let mut writer = index.writer()?;
//! writer.add(&IndexDoc { id: 7, article: &article, cluster_size: 1, enrichment: None })?;
//! writer.commit(7)?;
//! index.reload()?;
//! assert_eq!(index.indexed_through()?, 7);
//!
//! let results = index.search(&Query::new("raqqa site:jpost.com"))?;
//! assert_eq!(results.total, 1);
//! let hit = &results.hits[0];
//! assert_eq!(hit.id, 7);
//! assert_eq!(hit.published.as_deref(), Some("2019-12-09T17:34:00"));
//! assert_eq!(hit.snippet, "Russian forces entered Raqqa on Monday.");
//! assert_eq!(hit.highlights, [[23, 28]]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod dates;
mod directory;
mod error;
mod facets;
mod guard;
mod parse;
mod query;
mod schema;
mod search;
mod snippet;
mod writer;

use std::path::{Path, PathBuf};

use tantivy::directory::MmapDirectory;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexReader, IndexSettings, ReloadPolicy};

pub use error::{BadDate, DateBound, QueryError, SearchError};
pub use facets::{Bucket, FacetCount, Facets, FACET_SIZE, PLACE_FACET_SIZE};
pub use query::{Interval, Query, DEFAULT_LIMIT, MAX_WINDOW};
pub use schema::EVENT_ANY;
pub use search::{Hit, SearchResults};
pub use snippet::SNIPPET_CHARS;
pub use writer::{IndexDoc, IndexWriter, WRITER_MEMORY_BYTES};

use crate::directory::ReaderDirectory;
use crate::schema::Fields;

/// An open index directory.
///
/// Searches see the index as of the last [`SearchIndex::reload`] (or the
/// open): a commit, by this process or another, becomes visible only then.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    analyzer: TextAnalyzer,
    path: PathBuf,
}

impl SearchIndex {
    /// Opens the index in `dir`, creating the directory and an empty index
    /// on first use.
    pub fn open_or_create(dir: &Path) -> Result<Self, SearchError> {
        std::fs::create_dir_all(dir).map_err(|source| SearchError::CreateDirectory {
            path: dir.to_path_buf(),
            source,
        })?;
        let directory = MmapDirectory::open(dir).map_err(|source| SearchError::OpenDirectory {
            path: dir.to_path_buf(),
            source,
        })?;
        let index = if Index::exists(&directory).map_err(tantivy::TantivyError::from)? {
            Index::open(directory)?
        } else {
            let (schema, _) = Fields::build();
            let settings = IndexSettings {
                // lz4 (the default): fast to decompress for every hit shown.
                docstore_compression: tantivy::store::Compressor::Lz4,
                ..IndexSettings::default()
            };
            Index::create(directory, schema, settings)?
        };
        Self::with_index(index, dir)
    }

    /// Opens an existing index. It takes no lock that needs write access:
    /// it works on a read-only directory and while a writer is active.
    pub fn open(dir: &Path) -> Result<Self, SearchError> {
        if !dir.join("meta.json").is_file() {
            return Err(SearchError::NotFound {
                path: dir.to_path_buf(),
            });
        }
        let directory =
            ReaderDirectory::open(dir).map_err(|source| SearchError::OpenDirectory {
                path: dir.to_path_buf(),
                source,
            })?;
        Self::with_index(Index::open(directory)?, dir)
    }

    // One thread per search: a server runs many searches at once, and
    // spreading each over a thread pool only adds context switches (a
    // tenth of a loaded server's time when it did).
    fn with_index(index: Index, dir: &Path) -> Result<Self, SearchError> {
        let fields = Fields::of(&index.schema()).ok_or_else(|| SearchError::SchemaMismatch {
            path: dir.to_path_buf(),
        })?;
        schema::register_analyzer(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Self {
            index,
            reader,
            fields,
            analyzer: schema::analyzer(),
            path: dir.to_path_buf(),
        })
    }

    /// The index's writer. There is one per index at a time, across
    /// processes: a second fails with [`SearchError::WriterLocked`].
    pub fn writer(&self) -> Result<IndexWriter, SearchError> {
        IndexWriter::new(&self.index, self.fields, self.path.clone())
    }

    /// Makes the last commit visible to searches.
    pub fn reload(&self) -> Result<(), SearchError> {
        self.reader.reload()?;
        Ok(())
    }

    /// The `last` value of the last [`IndexWriter::commit`] (0 for a new
    /// index), read from the commit on disk (not only the reloaded one).
    pub fn indexed_through(&self) -> Result<u64, SearchError> {
        let meta = self.index.load_metas()?;
        match meta.payload.as_deref().map(str::trim) {
            None | Some("") => Ok(0),
            Some(payload) => payload.parse().map_err(|_| SearchError::BadPayload {
                path: self.path.clone(),
                payload: payload.to_string(),
            }),
        }
    }

    /// Segments visible to searches (each query visits every one).
    pub fn segment_count(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    /// Documents visible to searches.
    pub fn doc_count(&self) -> Result<u64, SearchError> {
        Ok(self.reader.searcher().num_docs())
    }

    /// The index directory.
    pub fn path(&self) -> &Path {
        &self.path
    }
}
