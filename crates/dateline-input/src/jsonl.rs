//! JSONL (newline-delimited JSON) page dumps, one page a line:
//! `{"html": "...", "url": "...", "date": "...", "site": "..."}` or with
//! `text` instead of `html`.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::record::{Counts, Locator, Record, RecordSource};
use crate::{InputError, PageKind, MAX_PAGE_BYTES};

/// Lines longer than this are bad records (and are not held in memory).
pub const MAX_LINE_BYTES: u64 = MAX_PAGE_BYTES;

/// Streams the pages of a JSONL file (gzip by magic bytes, whatever the
/// name), one line at a time.
///
/// Each line is an object with a string `html` or `text` (`html` wins when
/// both are there) and optional `url`, `date`, `site`. A bad line (not JSON,
/// not an object, neither field) comes out as
/// [`InputError::BadRecord`] and reading goes on with the next line;
/// blank lines and empty pages are skipped and counted. A read error or a
/// corrupt gzip stream is reported once and ends the iteration.
pub struct JsonlReader {
    path: PathBuf,
    input: Box<dyn BufRead + Send>,
    line: u64,
    offset: u64,
    buf: Vec<u8>,
    counts: Counts,
    done: bool,
}

impl JsonlReader {
    /// Opens a JSONL file (`.jsonl`, `.ndjson`, or gzip of them).
    pub fn open(path: &Path) -> Result<Self, InputError> {
        let file = File::open(path).map_err(|source| InputError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_reader(path.to_path_buf(), file)
    }

    /// Reads JSONL from any reader; `path` names it in records and errors.
    pub fn from_reader(
        path: PathBuf,
        reader: impl Read + Send + 'static,
    ) -> Result<Self, InputError> {
        let mut raw = BufReader::new(reader);
        let head = raw.fill_buf().map_err(|source| InputError::Io {
            path: path.clone(),
            source,
        })?;
        let input: Box<dyn BufRead + Send> = if head.starts_with(&[0x1f, 0x8b]) {
            Box::new(BufReader::new(flate2::bufread::MultiGzDecoder::new(raw)))
        } else {
            Box::new(raw)
        };
        Ok(Self {
            path,
            input,
            line: 0,
            offset: 0,
            buf: Vec::new(),
            counts: Counts::default(),
            done: false,
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

    fn bad(&mut self, reason: String) -> InputError {
        self.counts.bad_one();
        InputError::BadRecord {
            path: self.path.clone(),
            locator: Locator::Line(self.line),
            reason,
        }
    }

    /// A stream error: gzip corruption or I/O. Ends the iteration.
    fn fail(&mut self, error: io::Error) -> InputError {
        self.done = true;
        let path = self.path.clone();
        match error.kind() {
            io::ErrorKind::InvalidInput
            | io::ErrorKind::InvalidData
            | io::ErrorKind::UnexpectedEof => InputError::Gzip {
                path,
                reason: format!("{error} (after line {})", self.line),
            },
            _ => InputError::Io {
                path,
                source: error,
            },
        }
    }

    fn parse(&mut self, start: u64) -> Result<Option<Record>, String> {
        let mut text: &[u8] = &self.buf;
        if self.line == 1 {
            text = text.strip_prefix(b"\xef\xbb\xbf").unwrap_or(text);
        }
        let value: Value = serde_json::from_slice(text).map_err(|e| format!("not JSON: {e}"))?;
        let Value::Object(mut object) = value else {
            return Err(format!("not a JSON object but {}", type_name(&value)));
        };
        let (kind, body) = match (
            take_body(&mut object, "html")?,
            take_body(&mut object, "text")?,
        ) {
            (Some(html), _) => (PageKind::Html, html),
            (None, Some(text)) => (PageKind::Text, text),
            (None, None) => return Err("no \"html\" or \"text\" field".into()),
        };
        if body.trim().is_empty() {
            return Ok(None);
        }
        Ok(Some(Record {
            bytes: body.into_bytes(),
            kind,
            url: take_meta(&mut object, "url"),
            date: take_meta(&mut object, "date"),
            site: take_meta(&mut object, "site"),
            charset: None,
            source: RecordSource::line(self.path.clone(), self.line, start),
        }))
    }
}

/// A page field: a string, or absent / null.
fn take_body(object: &mut Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match object.remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(format!("\"{key}\" is {}, not a string", type_name(&other))),
    }
}

/// A metadata field: strings as they are, numbers (timestamps) as written,
/// anything else dropped.
fn take_meta(object: &mut Map<String, Value>, key: &str) -> Option<String> {
    match object.remove(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// How reading one line ended.
enum Line {
    /// A line (possibly without its final newline) is in the buffer.
    Read(u64),
    /// The line was longer than the cap; it was skipped up to its newline.
    TooLong(u64),
    /// No more input.
    End,
}

/// Reads one line into `buf` (newline excluded), holding at most `cap`
/// bytes: the rest of a longer line is consumed and dropped.
fn read_line(input: &mut dyn BufRead, buf: &mut Vec<u8>, cap: u64) -> io::Result<Line> {
    buf.clear();
    let mut total = 0u64;
    let mut too_long = false;
    loop {
        let chunk = match input.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(match (total, too_long) {
                (0, _) => Line::End,
                (n, true) => Line::TooLong(n),
                (n, false) => Line::Read(n),
            });
        }
        let (take, newline) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        if !too_long && total + take as u64 > cap {
            too_long = true;
            buf.clear();
        }
        if !too_long {
            buf.extend_from_slice(&chunk[..take]);
        }
        total += take as u64 + u64::from(newline);
        input.consume(take + usize::from(newline));
        if newline {
            return Ok(if too_long {
                Line::TooLong(total)
            } else {
                Line::Read(total)
            });
        }
    }
}

impl Iterator for JsonlReader {
    type Item = Result<Record, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            if self.buf.capacity() > 16 << 20 {
                self.buf = Vec::new(); // Do not keep a huge line's buffer.
            }
            let start = self.offset;
            let line = match read_line(self.input.as_mut(), &mut self.buf, MAX_LINE_BYTES) {
                Ok(line) => line,
                Err(e) => return Some(Err(self.fail(e))),
            };
            self.line += 1;
            match line {
                Line::End => self.done = true,
                Line::TooLong(n) => {
                    self.offset += n;
                    let reason = format!("line of {n} bytes is longer than {MAX_LINE_BYTES}");
                    return Some(Err(self.bad(reason)));
                }
                Line::Read(n) => {
                    self.offset += n;
                    if self.buf.iter().all(u8::is_ascii_whitespace) {
                        self.counts.skip("blank-line");
                        continue;
                    }
                    match self.parse(start) {
                        Ok(Some(record)) => {
                            self.counts.yield_one();
                            return Some(Ok(record));
                        }
                        Ok(None) => self.counts.skip("empty-body"),
                        Err(reason) => return Some(Err(self.bad(reason))),
                    }
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use super::*;

    const DUMP: &str = concat!(
        r#"{"html": "<p>one</p>", "url": "https://a.example/1", "date": "2024-05-01", "site": "a"}"#,
        "\n",
        "this is not json\n",
        r#"{"url": "https://a.example/2"}"#,
        "\n",
        "\n",
        r#"["an", "array"]"#,
        "\r\n",
        r#"{"text": "plain words", "date": 1714521600}"#,
        "\n",
        r#"{"html": 5}"#,
        "\n",
        r#"{"html": "  ", "text": null}"#,
        "\n",
        r#"{"html": "<p>last</p>", "text": "ignored"}"#,
    );

    fn reader(bytes: Vec<u8>) -> JsonlReader {
        JsonlReader::from_reader(PathBuf::from("dump.jsonl"), Cursor::new(bytes)).unwrap()
    }

    fn check_dump(mut reader: JsonlReader) {
        let items: Vec<_> = reader.by_ref().collect();
        assert_eq!(items.len(), 7, "{items:?}");
        let first = items[0].as_ref().unwrap();
        assert_eq!(first.bytes, b"<p>one</p>");
        assert_eq!(first.kind, PageKind::Html);
        assert_eq!(first.url.as_deref(), Some("https://a.example/1"));
        assert_eq!(first.date.as_deref(), Some("2024-05-01"));
        assert_eq!(first.site.as_deref(), Some("a"));
        assert_eq!(first.source.to_string(), "dump.jsonl:1");
        assert_eq!(first.source.offset, 0);

        let bad: Vec<String> = items
            .iter()
            .filter_map(|r| r.as_ref().err().map(|e| e.to_string()))
            .collect();
        assert_eq!(bad.len(), 4, "{bad:?}");
        assert!(
            bad[0].starts_with("dump.jsonl:2: bad record: not JSON"),
            "{bad:?}"
        );
        assert!(
            bad[1].contains(":3: bad record: no \"html\" or \"text\""),
            "{bad:?}"
        );
        assert!(bad[2].contains(":5: bad record: not a JSON object but an array"));
        assert!(bad[3].contains(":7: bad record: \"html\" is a number"));

        let text = items[4].as_ref().unwrap();
        assert_eq!(
            (text.kind, &text.bytes[..]),
            (PageKind::Text, &b"plain words"[..])
        );
        assert_eq!(text.date.as_deref(), Some("1714521600"));
        assert_eq!(text.source.line, Some(6));
        let last = items[6].as_ref().unwrap();
        assert_eq!(
            (last.kind, &last.bytes[..]),
            (PageKind::Html, &b"<p>last</p>"[..])
        );
        assert_eq!(last.source.line, Some(9));
        assert_eq!(
            last.source.offset,
            DUMP.rfind('\n').unwrap() as u64 + 1,
            "offsets count bytes"
        );

        let counts = reader.counts();
        assert_eq!((counts.read, counts.yielded, counts.bad), (9, 3, 4));
        assert_eq!(counts.skipped["blank-line"], 1);
        assert_eq!(counts.skipped["empty-body"], 1);
    }

    #[test]
    fn good_and_bad_lines() {
        check_dump(reader(DUMP.as_bytes().to_vec()));
    }

    #[test]
    fn gzip_dump_by_magic() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(DUMP.as_bytes()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dump.jsonl.gz");
        std::fs::write(&path, gz.finish().unwrap()).unwrap();
        let opened = JsonlReader::open(&path).unwrap();
        let reader = JsonlReader {
            path: PathBuf::from("dump.jsonl"),
            ..opened
        };
        check_dump(reader);
    }

    #[test]
    fn truncated_gzip_ends_with_one_error() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        for i in 0..2000u64 {
            let noise = i.wrapping_mul(0x9e37_79b9_7f4a_7c15);
            writeln!(gz, r#"{{"html": "<p>{i} {noise:x}</p>"}}"#).unwrap();
        }
        let full = gz.finish().unwrap();
        let items: Vec<_> = reader(full[..full.len() / 2].to_vec()).collect();
        let last = items.last().unwrap().as_ref().unwrap_err();
        assert_eq!(last.reason(), "gzip", "{last}");
        let good = items.iter().filter(|r| r.is_ok()).count();
        assert!(good > 500, "{good}");
        assert_eq!(items.len(), good + 1);
    }

    #[test]
    fn long_lines_are_bad_records_not_memory() {
        let mut input = Cursor::new(b"aaaaaaaaaa\nbb\ncccccccccccc".to_vec());
        let mut buf = Vec::new();
        assert!(matches!(
            read_line(&mut input, &mut buf, 5).unwrap(),
            Line::TooLong(11)
        ));
        assert!(buf.is_empty());
        assert!(matches!(
            read_line(&mut input, &mut buf, 5).unwrap(),
            Line::Read(3)
        ));
        assert_eq!(buf, b"bb");
        assert!(matches!(
            read_line(&mut input, &mut buf, 5).unwrap(),
            Line::TooLong(12)
        ));
        assert!(matches!(
            read_line(&mut input, &mut buf, 5).unwrap(),
            Line::End
        ));
    }

    #[test]
    fn bom_and_utf8() {
        let items: Vec<_> =
            reader("\u{feff}{\"text\": \"caf\u{e9}\"}\n".as_bytes().to_vec()).collect();
        assert_eq!(items[0].as_ref().unwrap().bytes, "caf\u{e9}".as_bytes());
    }
}
