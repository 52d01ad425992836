//! The Dateline store: where ingested articles are kept and found again.
//!
//! A store is a directory:
//!
//! - `dateline.sqlite`: the system of record (SQLite in WAL mode): every
//!   article with all fields of the contract, the sites, every record read
//!   from an input with its provenance (or why it was not stored), and the
//!   duplicate clusters.
//! - `index/`: a tantivy full-text index derived from it, holding one
//!   article per cluster. It can be rebuilt at any time
//!   ([`Store::reindex`]) and catches up by itself after a crash: its commit
//!   records the highest article id it holds, and opening a store for
//!   writing indexes whatever came after.
//!
//! Writes go through a [`StoreWriter`], one batch per SQLite transaction:
//! a process killed at any moment leaves every batch either fully stored or
//! not at all, and the records of a batch that was lost are simply read
//! again by the next run, which skips every record it already holds.

mod enrichment;
mod error;
mod events;
mod frontier;
mod read;
mod schema;
mod write;

use std::path::{Path, PathBuf};

use dateline_search::SearchIndex;
use rusqlite::{Connection, OpenFlags};

pub use dateline_search::{
    BadDate, Bucket, DateBound, FacetCount, Facets, Hit, Interval, Query, QueryError,
    SearchResults, PLACE_FACET_SIZE,
};
pub use enrichment::{PlaceInfo, StoredPlace};
pub use error::StoreError;
pub use events::{ArticleEvent, CategoryTimeline, EventArticle, EventResults, TIMELINE_CATEGORIES};
pub use frontier::{
    Fetched, Frontier, HostRow, NewUrl, Poll, SourceKind, SourceRow, UrlCount, UrlKind, UrlRow,
    UrlState,
};
pub use read::{DuplicateRef, Stats, StoredArticle};
pub use schema::SCHEMA_VERSION;
pub use write::{BatchOutcome, Fingerprint, NewRecord, Outcome, StoreWriter};

/// The database file inside a store directory.
pub const DATABASE_FILE: &str = "dateline.sqlite";
/// The index directory inside a store directory.
pub const INDEX_DIR: &str = "index";

/// How much of the database a read-only connection maps into memory.
const READ_MMAP_BYTES: i64 = 1 << 40;

/// An open store.
pub struct Store {
    dir: PathBuf,
    conn: Connection,
    index: SearchIndex,
    writable: bool,
}

/// How to open a store for writing.
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    /// Cap on the database size in pages (SQLite `max_page_count`): lets
    /// tests run into a "full disk" without filling one.
    pub max_pages: Option<u64>,
}

impl Store {
    /// Opens the store in `dir` for reading and writing, creating it (and
    /// the directory) on first use, migrating an older schema, and bringing
    /// the search index up to date with the database.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        Self::open_with(dir, &OpenOptions::default())
    }

    /// [`Store::open`] with options.
    pub fn open_with(dir: &Path, options: &OpenOptions) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut conn = Connection::open(dir.join(DATABASE_FILE))?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // WAL: readers never block the writer, and a killed writer leaves the
        // last committed transaction intact. NORMAL sync is durable against
        // process crashes (only an OS crash may lose the last commits).
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Bounded page cache (64 MiB): memory stays flat as the store grows.
        conn.pragma_update(None, "cache_size", -65_536)?;
        if let Some(pages) = options.max_pages {
            conn.pragma_update(None, "max_page_count", pages)?;
        }
        schema::migrate(&mut conn)?;
        let index = open_or_rebuild_index(&dir.join(INDEX_DIR))?;
        let mut store = Self {
            dir: dir.to_path_buf(),
            conn,
            index,
            writable: true,
        };
        store.catch_up_index()?;
        Ok(store)
    }

    /// Opens an existing store for reading only: it works on a read-only
    /// directory and while another process writes.
    pub fn open_read_only(dir: &Path) -> Result<Self, StoreError> {
        let path = dir.join(DATABASE_FILE);
        if !path.is_file() {
            return Err(StoreError::NotFound {
                dir: dir.to_path_buf(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
        let conn = match Connection::open_with_flags(&path, flags) {
            Ok(conn) if schema::version(&conn).is_ok() => conn,
            // A WAL database needs its shared-memory file; in a read-only
            // directory without one, read the file as immutable instead.
            _ => {
                Connection::open_with_flags(format!("file:{}?immutable=1", uri_path(&path)), flags)?
            }
        };
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // Reads through a memory map: a server's random lookups (one per
        // hit) then cost no system call and no copy, and the pages are
        // shared by every connection instead of cached by each.
        conn.pragma_update(None, "mmap_size", READ_MMAP_BYTES)?;
        let version = schema::version(&conn)?;
        if version != SCHEMA_VERSION {
            return Err(if version > SCHEMA_VERSION {
                StoreError::NewerSchema {
                    found: version,
                    supported: SCHEMA_VERSION,
                }
            } else {
                StoreError::OlderSchema {
                    found: version,
                    supported: SCHEMA_VERSION,
                }
            });
        }
        let index =
            SearchIndex::open(&dir.join(INDEX_DIR)).map_err(|err| StoreError::IndexMissing {
                dir: dir.to_path_buf(),
                reason: err.to_string(),
            })?;
        Ok(Self {
            dir: dir.to_path_buf(),
            conn,
            index,
            writable: false,
        })
    }

    /// The store's directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether the store was opened for writing.
    pub fn is_writable(&self) -> bool {
        self.writable
    }

    /// Full-text search over one article per duplicate cluster; each hit
    /// carries its cluster's current size.
    pub fn search(&self, query: &Query) -> Result<SearchResults, StoreError> {
        let mut results = self.index.search(query)?;
        let mut size = self
            .conn
            .prepare_cached("SELECT size FROM clusters WHERE representative = ?1")?;
        for hit in &mut results.hits {
            if let Ok(n) = size.query_row([hit.id as i64], |row| row.get::<_, i64>(0)) {
                hit.cluster_size = n as u64;
            }
        }
        Ok(results)
    }

    /// Makes searches see the index's latest commit (by this process or a
    /// concurrent `ingest`).
    pub fn refresh(&self) -> Result<(), StoreError> {
        self.index.reload()?;
        Ok(())
    }

    /// Rebuilds the search index from the database; `progress` is called
    /// with the number of articles indexed so far.
    pub fn reindex(&mut self, mut progress: impl FnMut(u64)) -> Result<u64, StoreError> {
        self.require_writable()?;
        let mut writer = self.index.writer()?;
        writer.delete_all()?;
        let last = self.max_article_id()?;
        let count = self.index_representatives(&mut writer, 0, &mut progress)?;
        writer.commit(last)?;
        writer.merge_all()?;
        writer.finish()?;
        self.index.reload()?;
        Ok(count)
    }

    /// Merges the search index into one segment and folds the WAL into
    /// the database; returns the number of segments before and after.
    ///
    /// Each query looks every word up in every segment, so after a large
    /// ingest this makes searches faster (facets most). The merge reads the
    /// whole index through memory maps, so its resident memory grows with
    /// the index: `ingest` leaves it to this explicit step.
    pub fn compact(&mut self) -> Result<(usize, usize), StoreError> {
        self.require_writable()?;
        let before = self.index.segment_count();
        let mut writer = self.index.writer()?;
        writer.merge_all()?;
        writer.finish()?;
        self.index.reload()?;
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok((before, self.index.segment_count()))
    }

    /// Indexes the cluster representatives added after the index's last
    /// commit (after a crash between a database commit and an index commit).
    fn catch_up_index(&mut self) -> Result<(), StoreError> {
        let through = self.index.indexed_through()?;
        let last = self.max_article_id()?;
        if last <= through {
            return Ok(());
        }
        let mut writer = self.index.writer()?;
        self.index_representatives(&mut writer, through, &mut |_| ())?;
        writer.commit(last)?;
        self.index.reload()?;
        Ok(())
    }

    /// Adds the representatives with ids above `after` to the index writer.
    fn index_representatives(
        &self,
        writer: &mut dateline_search::IndexWriter,
        after: u64,
        progress: &mut dyn FnMut(u64),
    ) -> Result<u64, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT a.id, a.article, c.size, a.enrichment FROM clusters c
             JOIN articles a ON a.id = c.representative
             WHERE a.id > ?1 ORDER BY a.id",
        )?;
        let mut rows = stmt.query([after as i64])?;
        let mut count = 0;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let json: String = row.get(1)?;
            let size: i64 = row.get(2)?;
            let article = read::parse_article(id, &json)?;
            let enrichment: Option<String> = row.get(3)?;
            let enrichment = enrichment::parse(id, enrichment.as_deref())?;
            writer.add(&dateline_search::IndexDoc {
                id: id as u64,
                article: &article,
                cluster_size: size as u64,
                enrichment: enrichment.as_ref(),
            })?;
            count += 1;
            if count % 1000 == 0 {
                progress(count);
            }
        }
        progress(count);
        Ok(count)
    }

    fn max_article_id(&self) -> Result<u64, StoreError> {
        let id: Option<i64> = self
            .conn
            .query_row("SELECT MAX(id) FROM articles", [], |row| row.get(0))?;
        Ok(id.unwrap_or(0) as u64)
    }

    fn require_writable(&self) -> Result<(), StoreError> {
        if self.writable {
            Ok(())
        } else {
            Err(StoreError::OpenedReadOnly)
        }
    }
}

/// A second, read-only view of a store's records, for the thread that
/// reads inputs: it skips records stored by earlier runs before they are
/// decompressed, extracted or sent anywhere.
pub struct SeenRecords {
    conn: Connection,
}

impl SeenRecords {
    /// Opens the records of the store in `dir` (which [`Store::open`] has
    /// created).
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        let conn = Connection::open_with_flags(
            dir.join(DATABASE_FILE),
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        Ok(Self { conn })
    }

    /// Whether a record of this input and position is stored (or known not
    /// to be an article). Failed records are not: they are tried again.
    pub fn contains(&self, input: &str, locator: &str) -> Result<bool, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT 1 FROM records WHERE input = ?1 AND locator = ?2 AND status <> 'failed'",
        )?;
        Ok(stmt.exists(rusqlite::params![input, locator])?)
    }
}

/// Opens the index of a store opened for writing. An index of another
/// schema (made by an older Dateline) is derived data: it is emptied, and
/// the store's catch-up indexes every article again.
fn open_or_rebuild_index(dir: &Path) -> Result<SearchIndex, StoreError> {
    match SearchIndex::open_or_create(dir) {
        Err(dateline_search::SearchError::SchemaMismatch { .. }) => {
            std::fs::remove_dir_all(dir).map_err(|source| StoreError::Io {
                path: dir.to_path_buf(),
                source,
            })?;
            Ok(SearchIndex::open_or_create(dir)?)
        }
        other => Ok(other?),
    }
}

/// A path for an SQLite URI: `?` and `#` would end the path part.
fn uri_path(path: &Path) -> String {
    path.display()
        .to_string()
        .replace('%', "%25")
        .replace('?', "%3f")
        .replace('#', "%23")
}
