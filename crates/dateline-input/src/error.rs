use std::path::PathBuf;

use crate::record::Locator;

/// Why one input could not be read. Each variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file or folder could not be opened or read.
    #[error("{path}: {source}")]
    Io {
        /// The input.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// Nothing in it.
    #[error("{path}: empty file")]
    Empty {
        /// The input.
        path: PathBuf,
    },
    /// Bytes that are not a text page (images, archives, executables).
    #[error("{path}: binary content, not a text or HTML page")]
    Binary {
        /// The input.
        path: PathBuf,
    },
    /// A gzip stream that ends early or is corrupt.
    #[error("{path}: corrupt or truncated gzip ({reason})")]
    Gzip {
        /// The input.
        path: PathBuf,
        /// What the decoder said.
        reason: String,
    },
    /// Larger than [`crate::MAX_PAGE_BYTES`].
    #[error("{path}: page larger than {limit} bytes")]
    TooLarge {
        /// The input.
        path: PathBuf,
        /// The limit.
        limit: u64,
    },
    /// One record of a container (a WARC record, a JSONL line) that could
    /// not be read; the reader goes on with the next one.
    #[error("{path}{locator}: bad record: {reason}")]
    BadRecord {
        /// The container.
        path: PathBuf,
        /// Where the record is in it.
        locator: Locator,
        /// What is wrong with it.
        reason: String,
    },
    /// A file that is not a record container (see [`crate::container_kind`]).
    #[error("{path}: not a record container (.warc, .warc.gz, .jsonl, .jsonl.gz, .ndjson)")]
    NotContainer {
        /// The input.
        path: PathBuf,
    },
}

impl InputError {
    /// A short machine-friendly reason ("io", "empty", "binary", "gzip", "too-large",
    /// "bad-record", "not-container").
    pub fn reason(&self) -> &'static str {
        match self {
            Self::Io { .. } => "io",
            Self::Empty { .. } => "empty",
            Self::Binary { .. } => "binary",
            Self::Gzip { .. } => "gzip",
            Self::TooLarge { .. } => "too-large",
            Self::BadRecord { .. } => "bad-record",
            Self::NotContainer { .. } => "not-container",
        }
    }
}
