//! Records: pages read out of corpus containers (WARC, JSONL), with where
//! each came from and what the reader skipped.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use crate::{Page, PageKind};

/// One page out of a record container, ready for extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The page body: decoded from chunked transfer and gzip/deflate
    /// content encoding, HTTP headers stripped; not yet decoded to text
    /// (see [`Record::charset`]).
    pub bytes: Vec<u8>,
    /// [`PageKind::Html`] or [`PageKind::Text`]; never `Unknown` from the
    /// readers of this crate.
    pub kind: PageKind,
    /// The page's address (`WARC-Target-URI`, or the JSONL `url`).
    pub url: Option<String>,
    /// The fetch date as given (`WARC-Date`, or the JSONL `date`), unparsed.
    pub date: Option<String>,
    /// The site name (JSONL `site`); WARC records have none.
    pub site: Option<String>,
    /// The `charset` parameter of the HTTP (or WARC, for `resource`
    /// records) `Content-Type`, as given (trimmed, unquoted).
    pub charset: Option<String>,
    /// Where the record is in its container.
    pub source: RecordSource,
}

impl Record {
    /// This record as a [`Page`] for the single-page pipeline. The page's
    /// path is the record's locator (`crawl.warc.gz@1234`, `dump.jsonl:17`);
    /// the URL, dates and charset are dropped.
    pub fn into_page(self) -> Page {
        Page {
            path: PathBuf::from(self.source.to_string()),
            kind: self.kind,
            bytes: self.bytes,
        }
    }
}

/// Where a record is: its container file and position in it.
///
/// Displays as `crawl.warc.gz@123456` (WARC: byte offset) or `dump.jsonl:17`
/// (JSONL: line number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordSource {
    /// The container file.
    pub path: PathBuf,
    /// Byte offset of the record in the file. For a gzipped WARC this is the
    /// compressed offset of the gzip member the record starts in (exact for
    /// the usual one-record-per-member files; in a single-stream `.warc.gz`
    /// every record has offset 0). For JSONL it is the offset of the line in
    /// the (decompressed) text.
    pub offset: u64,
    /// `WARC-Record-ID`, as given (with its angle brackets).
    pub record_id: Option<String>,
    /// Line number, from 1 (JSONL only).
    pub line: Option<u64>,
}

impl fmt::Display for RecordSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.path.display()),
            None => write!(f, "{}@{}", self.path.display(), self.offset),
        }
    }
}

/// Where in a container a bad record is, for [`crate::IngestError::BadRecord`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locator {
    /// Byte offset (WARC; the gzip member's compressed offset for `.gz`).
    Offset(u64),
    /// Line number from 1 (JSONL).
    Line(u64),
}

impl fmt::Display for Locator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Offset(offset) => write!(f, "@{offset}"),
            Self::Line(line) => write!(f, ":{line}"),
        }
    }
}

/// What a record reader has seen so far; final once the iterator ends.
///
/// `read == yielded + bad + skipped_total()`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Records (WARC records, JSONL lines) looked at.
    pub read: u64,
    /// Records handed out as pages.
    pub yielded: u64,
    /// Records handed out as [`crate::IngestError::BadRecord`] errors.
    pub bad: u64,
    /// Records passed over, by reason (`"request"`, `"not-html"`,
    /// `"http-redirect"`, `"blank-line"`, ...).
    pub skipped: BTreeMap<&'static str, u64>,
}

impl Counts {
    /// All skipped records, whatever the reason.
    pub fn skipped_total(&self) -> u64 {
        self.skipped.values().sum()
    }

    /// Adds another reader's counts to these (totals over many files).
    pub fn merge(&mut self, other: &Counts) {
        self.read += other.read;
        self.yielded += other.yielded;
        self.bad += other.bad;
        for (reason, n) in &other.skipped {
            *self.skipped.entry(reason).or_default() += n;
        }
    }

    pub(crate) fn skip(&mut self, reason: &'static str) {
        self.read += 1;
        *self.skipped.entry(reason).or_default() += 1;
    }

    pub(crate) fn yield_one(&mut self) {
        self.read += 1;
        self.yielded += 1;
    }

    pub(crate) fn bad_one(&mut self) {
        self.read += 1;
        self.bad += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_display_as_locators() {
        let mut source = RecordSource {
            path: PathBuf::from("crawl.warc.gz"),
            offset: 123456,
            record_id: None,
            line: None,
        };
        assert_eq!(source.to_string(), "crawl.warc.gz@123456");
        source.path = PathBuf::from("dump.jsonl");
        source.line = Some(17);
        assert_eq!(source.to_string(), "dump.jsonl:17");
        assert_eq!(Locator::Line(3).to_string(), ":3");
    }

    #[test]
    fn records_become_pages() {
        let record = Record {
            bytes: b"<p>x</p>".to_vec(),
            kind: PageKind::Html,
            url: None,
            date: None,
            site: None,
            charset: None,
            source: RecordSource {
                path: PathBuf::from("c.warc"),
                offset: 7,
                record_id: None,
                line: None,
            },
        };
        let page = record.into_page();
        assert_eq!(page.path, PathBuf::from("c.warc@7"));
        assert_eq!(
            (page.kind, &page.bytes[..]),
            (PageKind::Html, &b"<p>x</p>"[..])
        );
    }

    #[test]
    fn counts_merge_and_total() {
        let mut a = Counts::default();
        a.skip("request");
        a.yield_one();
        let mut b = Counts::default();
        b.skip("request");
        b.bad_one();
        a.merge(&b);
        assert_eq!((a.read, a.yielded, a.bad), (4, 1, 1));
        assert_eq!(a.skipped["request"], 2);
        assert_eq!(a.skipped_total(), 2);
    }
}
