use std::path::PathBuf;

/// Why one input could not be read. Each variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
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
}

impl IngestError {
    /// A short machine-friendly reason ("io", "empty", "binary", "gzip", "too-large").
    pub fn reason(&self) -> &'static str {
        match self {
            Self::Io { .. } => "io",
            Self::Empty { .. } => "empty",
            Self::Binary { .. } => "binary",
            Self::Gzip { .. } => "gzip",
            Self::TooLarge { .. } => "too-large",
        }
    }
}
