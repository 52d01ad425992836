//! WARC files (1.0 and 1.1), plain or gzip: the HTML pages of their
//! `response` and `resource` records.

mod header;
mod http;
mod stream;
#[cfg(test)]
mod tests;
mod write;

use std::fs::File;
use std::io::{Read, Seek};
use std::path::{Path, PathBuf};

use header::read_header;
use http::Payload;
use stream::{Stream, StreamError};
pub use write::{encode_record, new_record_id, warc_date, WarcWriter, Written};

use crate::record::{Counts, Locator, Record, RecordSource};
use crate::{InputError, MAX_PAGE_BYTES};

/// A record block larger than this is skipped (`"too-large"`) unread.
pub const MAX_RECORD_BYTES: u64 = MAX_PAGE_BYTES;

/// Streams the pages of a WARC file, one record in memory at a time.
///
/// Gzip is found by magic bytes. A `.warc.gz` is decoded gzip member by
/// member (normally one record each), so every record knows the compressed
/// offset it starts at; a single gzip stream of many records works too.
///
/// Handed out: `response` records with a 2xx HTTP status whose
/// `Content-Type` is `text/html` or `application/xhtml+xml` (or missing,
/// with an HTML-looking body), and `resource` records typed HTML (or
/// `text/plain`, as [`crate::PageKind::Text`]). Skipped and counted by
/// reason ([`WarcReader::counts`]): other record types (`"request"`,
/// `"metadata"`, `"warcinfo"`, `"revisit"`, `"conversion"`,
/// `"continuation"`, `"other-type"`), other statuses (`"http-redirect"`,
/// `"http-client-error"`, `"http-server-error"`, `"http-other-status"`),
/// other types (`"not-html"`, `"not-http"`, `"no-content-type"`,
/// `"binary"`), `"empty-body"`, `"unsupported-encoding"` and `"too-large"`
/// (over [`MAX_RECORD_BYTES`]).
///
/// A broken record (bad WARC or HTTP header, `Content-Length` past the end,
/// a corrupt or truncated gzip member) comes out as
/// [`InputError::BadRecord`] with its offset, and reading goes on: with the
/// next gzip member (found by its magic bytes after a corrupt one), or the
/// next line starting `WARC/`. (In a single-stream `.warc.gz` nothing after
/// a corruption can be decoded: the rest of the stream is lost.) A read
/// error of the file ends the iteration.
pub struct WarcReader<R = File> {
    path: PathBuf,
    stream: Stream<R>,
    counts: Counts,
    done: bool,
    /// A read error met while stepping over a bad record, for next time.
    pending: Option<InputError>,
}

/// One step of the reader.
enum Step {
    Record(Record),
    Skip(&'static str),
    Bad {
        offset: u64,
        reason: String,
        recover: Recover,
    },
    End,
}

/// How to find the next record after a bad one.
enum Recover {
    /// Nothing to do: the stream is at the end of the record (or the file).
    None,
    /// Drop the rest of the gzip member the bad record started.
    Member,
    /// Look for the next line starting `WARC/`.
    Scan,
    /// Look for the next good gzip member after the one starting there.
    Resync(u64),
}

impl WarcReader<File> {
    /// Opens a WARC file (`.warc` or `.warc.gz`).
    pub fn open(path: &Path) -> Result<Self, InputError> {
        let file = File::open(path).map_err(|source| InputError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_reader(path.to_path_buf(), file)
    }
}

impl<R: Read + Seek> WarcReader<R> {
    /// Reads WARC from any seekable reader (seeking is how a corrupt gzip
    /// member is stepped over); `path` names it in records and errors.
    pub fn from_reader(path: PathBuf, reader: R) -> Result<Self, InputError> {
        let stream = Stream::new(reader).map_err(|source| InputError::Io {
            path: path.clone(),
            source,
        })?;
        Ok(Self {
            path,
            stream,
            counts: Counts::default(),
            done: false,
            pending: None,
        })
    }

    /// What has been read, yielded and skipped so far.
    pub fn counts(&self) -> &Counts {
        &self.counts
    }

    /// The file being read.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads one record (or finds the end).
    fn step(&mut self) -> Result<Step, StreamError> {
        self.stream.locked = false;
        // Blank lines between records are tolerated.
        loop {
            let buf = self.stream.fill()?;
            if buf.is_empty() {
                return Ok(Step::End);
            }
            let blank = buf
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
            if blank == 0 {
                break;
            }
            self.stream.consume(blank);
        }
        let offset = self.stream.offset();
        let aligned = self.stream.at_member_start();
        self.stream.locked = aligned;
        let bad = |reason: String| {
            let recover = if aligned {
                Recover::Member
            } else {
                Recover::Scan
            };
            Ok(Step::Bad {
                offset,
                reason,
                recover,
            })
        };
        if !self.stream.peek(5)?.starts_with(b"WARC/") {
            self.stream.consume(1);
            return bad("no WARC/ version line where a record should start".into());
        }
        let header = match read_header(&mut self.stream)? {
            Ok(header) => header,
            Err(reason) => return bad(reason),
        };
        let Some(length) = header.length.as_deref() else {
            return bad("no Content-Length".into());
        };
        let Ok(length) = length.parse::<u64>() else {
            return bad(format!("bad Content-Length {length:?}"));
        };
        let kind = header.kind.as_deref().unwrap_or("").to_ascii_lowercase();
        let wanted = matches!(kind.as_str(), "response" | "resource") && length <= MAX_RECORD_BYTES;
        let block = self.read_block(length, wanted)?;
        let Some(block) = block else {
            let end = if aligned {
                "its gzip member"
            } else {
                "the file"
            };
            return Ok(Step::Bad {
                offset,
                reason: format!("Content-Length {length} runs past the end of {end}"),
                recover: Recover::None,
            });
        };
        self.end_of_record()?;
        let payload = match kind.as_str() {
            "response" | "resource" if !wanted => Payload::Skip("too-large"),
            "response" => match header.content_type.as_deref() {
                Some(ct) if !ct.to_ascii_lowercase().starts_with("application/http") => {
                    Payload::Skip("not-http")
                }
                _ => http::response(block),
            },
            "resource" => http::resource(header.content_type.as_deref(), block),
            "request" => Payload::Skip("request"),
            "metadata" => Payload::Skip("metadata"),
            "warcinfo" => Payload::Skip("warcinfo"),
            "revisit" => Payload::Skip("revisit"),
            "conversion" => Payload::Skip("conversion"),
            "continuation" => Payload::Skip("continuation"),
            _ => Payload::Skip("other-type"),
        };
        Ok(match payload {
            Payload::Page {
                kind,
                charset,
                body,
            } => Step::Record(Record {
                bytes: body,
                kind,
                url: header.uri.map(|u| {
                    u.strip_prefix('<')
                        .and_then(|u| u.strip_suffix('>'))
                        .map(str::to_owned)
                        .unwrap_or(u)
                }),
                date: header.date,
                site: None,
                charset,
                source: RecordSource::warc(self.path.clone(), offset, header.record_id),
            }),
            Payload::Skip(reason) => Step::Skip(reason),
            Payload::Bad(reason) => {
                let id = header.record_id.as_deref().unwrap_or("no WARC-Record-ID");
                Step::Bad {
                    offset,
                    reason: format!("{reason} ({id})"),
                    recover: Recover::None,
                }
            }
        })
    }

    /// Reads (`keep`) or drops a block of `length` bytes; None if the input
    /// ends first.
    fn read_block(&mut self, length: u64, keep: bool) -> Result<Option<Vec<u8>>, StreamError> {
        let mut block = Vec::new();
        let mut left = length;
        while left > 0 {
            let buf = self.stream.fill()?;
            if buf.is_empty() {
                return Ok(None);
            }
            let take = usize::try_from(left).unwrap_or(usize::MAX).min(buf.len());
            if keep {
                block.extend_from_slice(&buf[..take]);
            }
            self.stream.consume(take);
            left -= take as u64;
        }
        Ok(Some(block))
    }

    /// Drops the CRLF CRLF after a block. In a record-at-a-time gzip file
    /// this also reads to the member's end when nothing else is in it, so
    /// that its checksum is checked before the record is handed out.
    fn end_of_record(&mut self) -> Result<(), StreamError> {
        let tail = self.stream.peek(4)?;
        let n = tail
            .iter()
            .take(4)
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        self.stream.consume(n);
        if self.stream.locked {
            self.stream.peek(1)?;
        }
        Ok(())
    }

    /// Moves past a bad record.
    fn recover(&mut self, how: Recover) -> Result<(), StreamError> {
        match how {
            Recover::None => Ok(()),
            Recover::Member => {
                self.stream.locked = true;
                loop {
                    let n = self.stream.fill()?.len();
                    if n == 0 {
                        return Ok(());
                    }
                    self.stream.consume(n);
                }
            }
            Recover::Scan => self.scan(),
            Recover::Resync(member) => {
                self.stream.resync(member)?;
                Ok(())
            }
        }
    }

    /// Drops bytes up to the next line (or gzip member) starting `WARC/`;
    /// the caller has consumed at least one byte of the bad record.
    fn scan(&mut self) -> Result<(), StreamError> {
        self.stream.locked = false;
        let mut first = true;
        loop {
            let buf = self.stream.peek(6)?;
            let len = buf.len();
            let starts = buf.starts_with(b"WARC/");
            let found = memchr::memmem::find(buf, b"\nWARC/");
            if len == 0 || (starts && (first || self.stream.at_member_start())) {
                return Ok(());
            }
            first = false;
            match found {
                Some(i) => {
                    self.stream.consume(i + 1);
                    return Ok(());
                }
                // Keep a possible start of the pattern for the next round.
                None if len >= 6 => self.stream.consume(len - 5),
                // The member ends within these bytes.
                None => self.stream.consume(len),
            }
        }
    }

    fn bad_record(&mut self, offset: u64, reason: String) -> InputError {
        self.counts.bad_one();
        InputError::BadRecord {
            path: self.path.clone(),
            locator: Locator::Offset(offset),
            reason,
        }
    }

    fn fail(&mut self, error: std::io::Error) -> InputError {
        self.done = true;
        InputError::Io {
            path: self.path.clone(),
            source: error,
        }
    }
}

impl<R: Read + Seek> Iterator for WarcReader<R> {
    type Item = Result<Record, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(error) = self.pending.take() {
            return Some(Err(error));
        }
        while !self.done {
            let step = match self.step() {
                Ok(step) => step,
                Err(StreamError::Corrupt { member, reason }) => Step::Bad {
                    offset: member,
                    reason: format!("corrupt or truncated gzip member: {reason}"),
                    recover: Recover::Resync(member),
                },
                Err(StreamError::Io(e)) => return Some(Err(self.fail(e))),
            };
            match step {
                Step::Record(record) => {
                    self.counts.yield_one();
                    return Some(Ok(record));
                }
                Step::Skip(reason) => self.counts.skip(reason),
                Step::End => self.done = true,
                Step::Bad {
                    offset,
                    reason,
                    recover,
                } => {
                    let error = self.bad_record(offset, reason);
                    let mut how = recover;
                    // Recovering can meet a corrupt member too.
                    loop {
                        match self.recover(how) {
                            Ok(()) => break,
                            Err(StreamError::Corrupt { member, .. }) => {
                                how = Recover::Resync(member)
                            }
                            Err(StreamError::Io(e)) => {
                                self.pending = Some(self.fail(e));
                                break;
                            }
                        }
                    }
                    return Some(Err(error));
                }
            }
        }
        None
    }
}
