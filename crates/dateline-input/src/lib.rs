//! Dateline input: the pages a run reads, as records. One page file, a
//! folder walked for page files and containers, standard input, or the
//! records of a WARC or JSONL container, each a [`Record`] that knows where
//! it came from; [`Inputs`] streams them all in order, with what was
//! skipped and why.
//!
//! This crate depends on no other Dateline crate: extraction, storage and
//! the commands all read pages through it.
//!
//! ```
//! use dateline_input::{read_page, PageKind};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("story.html");
//! std::fs::write(&path, "<p>Hello</p>").unwrap();
//! let page = read_page(&path).unwrap();
//! assert_eq!(page.kind, PageKind::Html);
//! assert_eq!(page.bytes, b"<p>Hello</p>");
//! assert_eq!(page.source.to_string(), path.display().to_string());
//! ```

mod containers;
mod discover;
mod error;
mod files;
mod inputs;
mod jsonl;
mod record;
mod warc;

pub use containers::{container_kind, open_records, ContainerKind, RecordReader};
pub use discover::{discover, discover_with, Discovery, Names};
pub use error::InputError;
pub use files::{
    kind_of, page_bytes, read_page, read_raw, read_stdin, read_stdin_raw, PageKind, MAX_PAGE_BYTES,
};
pub use inputs::{error_path, ByteProgress, Finished, Inputs, Next, RecordStream};
pub use jsonl::{JsonlReader, MAX_LINE_BYTES};
pub use record::{Counts, Locator, Record, RecordSource};
pub use warc::{
    encode_record, new_record_id, warc_date, WarcReader, WarcWriter, Written, MAX_RECORD_BYTES,
};
