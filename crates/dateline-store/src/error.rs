use std::path::PathBuf;

use rusqlite::ErrorCode;

/// Why a store operation failed. Messages say what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No store in that directory.
    #[error("no store at {dir} (create one with `dateline ingest --store {dir} PATH...`)", dir = dir.display())]
    NotFound {
        /// The directory.
        dir: PathBuf,
    },
    /// The disk (or the database's size limit) is full. Everything
    /// committed before is intact.
    #[error("the store is full (no space left on the device): the articles stored before are intact; free some space and run again to continue")]
    Full,
    /// The store's files cannot be written.
    #[error("the store is read-only (file permissions or a read-only disk): it can be searched but not written")]
    ReadOnly,
    /// A write was asked of a store opened with [`crate::Store::open_read_only`].
    #[error("this store was opened for reading only")]
    OpenedReadOnly,
    /// Another process holds the store.
    #[error("the store is busy: another dateline process is writing to it")]
    Busy,
    /// The database file is damaged or is not a Dateline store.
    #[error("the store's database is damaged or not a Dateline store: {0}")]
    Corrupt(String),
    /// Written by a newer Dateline.
    #[error("the store has schema version {found}, newer than this dateline supports ({supported}): upgrade dateline")]
    NewerSchema {
        /// The store's version.
        found: u32,
        /// The newest this build knows.
        supported: u32,
    },
    /// Written by an older Dateline; a write command migrates it.
    #[error("the store has schema version {found}, older than this dateline's ({supported}): run `dateline enrich` to upgrade it and enrich its articles, or `dateline reindex` to upgrade it only")]
    OlderSchema {
        /// The store's version.
        found: u32,
        /// The version this build writes.
        supported: u32,
    },
    /// The search index is missing or unreadable.
    #[error("the store's search index cannot be opened ({reason}): rebuild it with `dateline reindex --store {dir}`", dir = dir.display())]
    IndexMissing {
        /// The store directory.
        dir: PathBuf,
        /// What the index said.
        reason: String,
    },
    /// A stored article could not be read back.
    #[error("article {id} is stored in a form this dateline cannot read: {reason}")]
    BadArticle {
        /// The article.
        id: i64,
        /// The parser's complaint.
        reason: String,
    },
    /// A file or directory of the store could not be used.
    #[error("{path}: {source}", path = path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The search index failed.
    #[error(transparent)]
    Search(#[from] dateline_search::SearchError),
    /// Any other database error.
    #[error("store database: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> Self {
        match err.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => Self::Full,
            Some(ErrorCode::ReadOnly) => Self::ReadOnly,
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Self::Busy,
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
                Self::Corrupt(err.to_string())
            }
            _ => Self::Sqlite(err),
        }
    }
}
