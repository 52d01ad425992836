//! Records: pages read from files, standard input or corpus containers
//! (WARC, JSONL), with where each came from and what the readers skipped.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use crate::PageKind;

/// One page, ready for extraction: a page file, standard input, or one
/// record of a container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The page body: decoded from chunked transfer and gzip/deflate
    /// content encoding, HTTP headers stripped; not yet decoded to text
    /// (see [`Record::charset`]).
    pub bytes: Vec<u8>,
    /// [`PageKind::Html`] or [`PageKind::Text`] for container records; a
    /// page file's kind comes from its name and may be `Unknown`.
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
    /// Where the record is: its file and the position in it.
    pub source: RecordSource,
}

impl Record {
    /// A whole file's (or standard input's) bytes as one record.
    pub fn whole_file(path: PathBuf, kind: PageKind, bytes: Vec<u8>) -> Self {
        Self {
            bytes,
            kind,
            url: None,
            date: None,
            site: None,
            charset: None,
            source: RecordSource::file(path),
        }
    }
}

/// Where a record is: its file and, for a container, the position in it.
///
/// Displays as `page.html` (a whole file), `crawl.warc.gz@123456` (WARC:
/// byte offset) or `dump.jsonl:17` (JSONL: line number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordSource {
    /// The file (`-` for standard input).
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
    /// The record is the whole file (a page file, standard input), not one
    /// of a container's records.
    pub whole_file: bool,
}

impl RecordSource {
    /// A whole file.
    pub fn file(path: PathBuf) -> Self {
        Self {
            path,
            offset: 0,
            record_id: None,
            line: None,
            whole_file: true,
        }
    }

    /// A WARC record at `offset` (see [`RecordSource::offset`]).
    pub fn warc(path: PathBuf, offset: u64, record_id: Option<String>) -> Self {
        Self {
            path,
            offset,
            record_id,
            line: None,
            whole_file: false,
        }
    }

    /// A JSONL line (from 1) starting at byte `offset`.
    pub fn line(path: PathBuf, line: u64, offset: u64) -> Self {
        Self {
            path,
            offset,
            record_id: None,
            line: Some(line),
            whole_file: false,
        }
    }

    /// The record's key within its file, stable from run to run: empty for
    /// a whole file, else the `WARC-Record-ID`, `:line` (JSONL) or
    /// `@offset`.
    pub fn locator(&self) -> String {
        if self.whole_file {
            return String::new();
        }
        match (&self.record_id, self.line) {
            (Some(id), _) => id.clone(),
            (None, Some(line)) => format!(":{line}"),
            (None, None) => format!("@{}", self.offset),
        }
    }
}

impl fmt::Display for RecordSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.whole_file, self.line) {
            (true, _) => write!(f, "{}", self.path.display()),
            (false, Some(line)) => write!(f, "{}:{line}", self.path.display()),
            (false, None) => write!(f, "{}@{}", self.path.display(), self.offset),
        }
    }
}

/// Where in a container a bad record is, for [`crate::InputError::BadRecord`].
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
/// `read == yielded + bad + known + skipped_total()`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Records (page files, WARC records, JSONL lines) looked at.
    pub read: u64,
    /// Records handed out as pages.
    pub yielded: u64,
    /// Records handed out as errors ([`crate::InputError::BadRecord`], or
    /// a page file that could not be read).
    pub bad: u64,
    /// Records passed over because the consumer already has them (see
    /// [`crate::Inputs::skip_known`]); always 0 for a single reader.
    pub known: u64,
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
        self.known += other.known;
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
        let mut source = RecordSource::warc(PathBuf::from("crawl.warc.gz"), 123456, None);
        assert_eq!(source.to_string(), "crawl.warc.gz@123456");
        source.path = PathBuf::from("dump.jsonl");
        source.line = Some(17);
        assert_eq!(source.to_string(), "dump.jsonl:17");
        assert_eq!(Locator::Line(3).to_string(), ":3");
    }

    #[test]
    fn locators_key_records_within_their_file() {
        let file = Record::whole_file(PathBuf::from("a/page.html"), PageKind::Html, vec![]);
        assert_eq!(file.source.to_string(), "a/page.html");
        assert_eq!(file.source.locator(), "");
        let warc = RecordSource::warc(PathBuf::from("c.warc"), 7, Some("<urn:uuid:1>".into()));
        assert_eq!(
            (warc.to_string(), warc.locator()),
            ("c.warc@7".into(), "<urn:uuid:1>".into())
        );
        let no_id = RecordSource::warc(PathBuf::from("c.warc"), 7, None);
        assert_eq!(no_id.locator(), "@7");
        let line = RecordSource::line(PathBuf::from("d.jsonl"), 3, 90);
        assert_eq!(
            (line.to_string(), line.locator()),
            ("d.jsonl:3".into(), ":3".into())
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
