//! Record containers: files that hold many pages (WARC crawls, JSONL
//! dumps), told apart by name, and one reader for any of them.

use std::fs::File;
use std::path::Path;

use crate::jsonl::JsonlReader;
use crate::record::{Counts, Record};
use crate::warc::WarcReader;
use crate::InputError;

/// What kind of record container a file name says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerKind {
    /// `.warc`, `.warc.gz`.
    Warc,
    /// `.jsonl`, `.ndjson` (optionally `.gz`).
    Jsonl,
}

/// The container kind a file name suggests, if any (case-insensitive).
pub fn container_kind(path: &Path) -> Option<ContainerKind> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    match Path::new(name).extension()?.to_str()? {
        "warc" => Some(ContainerKind::Warc),
        "jsonl" | "ndjson" => Some(ContainerKind::Jsonl),
        _ => None,
    }
}

/// Any record reader: iterate it for pages, then ask for its
/// [`counts`](RecordReader::counts).
///
/// ```
/// use dateline_input::open_records;
///
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("dump.jsonl");
/// std::fs::write(&path, "{\"html\": \"<p>Hi</p>\", \"url\": \"https://example.org/\"}\nnot json\n").unwrap();
/// let mut records = open_records(&path).unwrap();
/// let pages: Vec<_> = records.by_ref().collect();
/// assert_eq!(pages[0].as_ref().unwrap().bytes, b"<p>Hi</p>");
/// assert_eq!(pages[1].as_ref().unwrap_err().reason(), "bad-record");
/// assert_eq!((records.counts().yielded, records.counts().bad), (1, 1));
/// ```
pub enum RecordReader {
    /// A WARC file.
    Warc(WarcReader<File>),
    /// A JSONL file.
    Jsonl(JsonlReader),
}

impl RecordReader {
    /// What has been read, yielded and skipped so far.
    pub fn counts(&self) -> &Counts {
        match self {
            Self::Warc(r) => r.counts(),
            Self::Jsonl(r) => r.counts(),
        }
    }

    /// The file being read.
    pub fn path(&self) -> &Path {
        match self {
            Self::Warc(r) => r.path(),
            Self::Jsonl(r) => r.path(),
        }
    }
}

impl Iterator for RecordReader {
    type Item = Result<Record, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Self::Warc(r) => r.next(),
            Self::Jsonl(r) => r.next(),
        }
    }
}

/// Opens a record container by its name (see [`container_kind`]); gzip is
/// found by magic bytes. Fails with [`InputError::NotContainer`] for other
/// names and [`InputError::Io`] when it cannot be opened.
pub fn open_records(path: &Path) -> Result<RecordReader, InputError> {
    match container_kind(path) {
        Some(ContainerKind::Warc) => WarcReader::open(path).map(RecordReader::Warc),
        Some(ContainerKind::Jsonl) => JsonlReader::open(path).map(RecordReader::Jsonl),
        None => Err(InputError::NotContainer {
            path: path.to_path_buf(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_names() {
        let kind = |name| container_kind(Path::new(name));
        assert_eq!(kind("a/crawl.warc.gz"), Some(ContainerKind::Warc));
        assert_eq!(kind("CRAWL.WARC"), Some(ContainerKind::Warc));
        assert_eq!(kind("dump.jsonl.gz"), Some(ContainerKind::Jsonl));
        assert_eq!(kind("dump.ndjson"), Some(ContainerKind::Jsonl));
        assert_eq!(kind("page.html.gz"), None);
        assert_eq!(kind("crawl.arc.gz"), None);
        assert_eq!(kind("warc"), None);
    }

    #[test]
    fn readers_can_move_to_worker_threads() {
        fn send<T: Send>() {}
        send::<RecordReader>();
        send::<Record>();
    }

    #[test]
    fn open_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("page.html");
        std::fs::write(&page, "<p>x</p>").unwrap();
        assert_eq!(open_records(&page).err().unwrap().reason(), "not-container");
        let missing = dir.path().join("missing.warc");
        assert_eq!(open_records(&missing).err().unwrap().reason(), "io");
        let empty = dir.path().join("empty.warc.gz");
        std::fs::write(&empty, "").unwrap();
        let mut reader = open_records(&empty).unwrap();
        assert!(reader.next().is_none());
        assert_eq!(reader.counts(), &Counts::default());
        assert_eq!(reader.path(), empty);
    }
}
