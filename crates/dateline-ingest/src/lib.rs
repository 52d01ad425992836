//! Dateline ingestion: finding and reading raw pages, one a file
//! ([`read_page`]) or many in a record container, WARC or JSONL
//! ([`open_records`]).
//!
//! ```
//! use dateline_ingest::{read_page, PageKind};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("story.html");
//! std::fs::write(&path, "<p>Hello</p>").unwrap();
//! let page = read_page(&path).unwrap();
//! assert_eq!(page.kind, PageKind::Html);
//! assert_eq!(page.bytes, b"<p>Hello</p>");
//! ```

pub mod batch;
mod containers;
mod error;
mod files;
mod jsonl;
pub mod pipeline;
mod record;
mod warc;

pub use batch::{extract_batch, BatchItem, BatchOptions, Batcher, ProfileMemory};
pub use containers::{container_kind, open_records, ContainerKind, RecordReader};
pub use error::IngestError;
pub use files::{
    discover, kind_of, read_page, read_stdin, Discovery, Page, PageKind, MAX_PAGE_BYTES,
};
pub use jsonl::{JsonlReader, MAX_LINE_BYTES};
pub use record::{Counts, Locator, Record, RecordSource};
pub use warc::{WarcReader, MAX_RECORD_BYTES};
