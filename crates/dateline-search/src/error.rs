//! The crate's error type.

use std::path::PathBuf;

/// Everything that can go wrong with the search index.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The index directory could not be created.
    #[error("cannot create the index directory {path}: {source}")]
    CreateDirectory {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The index directory could not be opened.
    #[error("cannot open the index directory {path}: {source}")]
    OpenDirectory {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: tantivy::directory::error::OpenDirectoryError,
    },
    /// There is no index in the directory.
    #[error("no search index in {path}")]
    NotFound {
        /// The directory.
        path: PathBuf,
    },
    /// The index was built with another schema (an older Dateline): it
    /// must be rebuilt.
    #[error("the search index in {path} was built by another version: delete the directory, and opening the store rebuilds it")]
    SchemaMismatch {
        /// The directory.
        path: PathBuf,
    },
    /// Another writer (in this or another process) holds the index.
    #[error("the search index in {path} is locked by another writer")]
    WriterLocked {
        /// The directory.
        path: PathBuf,
    },
    /// The last commit's payload is not an article id.
    #[error("the search index in {path} has a corrupt commit payload {payload:?}")]
    BadPayload {
        /// The directory.
        path: PathBuf,
        /// The payload found.
        payload: String,
    },
    /// Any other tantivy failure (I/O, corruption).
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}
