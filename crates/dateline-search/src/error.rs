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

/// A query whose filters say nothing that can be searched for: a caller's
/// user typed it, so each variant says what to type instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum QueryError {
    /// A date bound is not a date: `from="last week" is not a date (use
    /// 2019, 2019-12 or 2019-12-09)`.
    #[error("{bound}={date}")]
    BadDate {
        /// Which bound.
        bound: DateBound,
        /// What is wrong with it; its message does not name the bound,
        /// for callers that name it their own way (a `--from` flag).
        date: BadDate,
    },
}

/// Which end of a date range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateBound {
    /// The first day (`from`).
    From,
    /// The last day, inclusive (`to`).
    To,
}

impl DateBound {
    /// The bound's parameter name: `from` or `to`.
    pub fn name(self) -> &'static str {
        match self {
            Self::From => "from",
            Self::To => "to",
        }
    }
}

impl std::fmt::Display for DateBound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A text that is not a date: `"last week" is not a date (use 2019,
/// 2019-12 or 2019-12-09)`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{text:?} is not a date (use 2019, 2019-12 or 2019-12-09)")]
pub struct BadDate {
    /// The text, trimmed.
    pub text: String,
}
