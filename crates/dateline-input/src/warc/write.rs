//! Writing WARC: each record its own gzip member, so that a reader can seek
//! to any record by its offset and a file cut short loses only its last
//! record.

use std::io::{self, Write};

use flate2::write::GzEncoder;
use flate2::Compression;

/// One record, encoded as a gzip member: `WARC/1.0`, the `headers` in
/// order, `Content-Length`, a blank line, the `blocks` as the content, and
/// the two CRLFs that end a record.
pub fn encode_record(headers: &[(&str, &str)], blocks: &[&[u8]], level: Compression) -> Vec<u8> {
    let length: usize = blocks.iter().map(|b| b.len()).sum();
    let mut head = String::from("WARC/1.0\r\n");
    for (name, value) in headers {
        head.push_str(name);
        head.push_str(": ");
        head.push_str(value);
        head.push_str("\r\n");
    }
    head.push_str(&format!("Content-Length: {length}\r\n\r\n"));
    let mut gz = GzEncoder::new(Vec::with_capacity(length / 4 + 256), level);
    let mut write = |bytes: &[u8]| gz.write_all(bytes).expect("writing to memory");
    write(head.as_bytes());
    for block in blocks {
        write(block);
    }
    write(b"\r\n\r\n");
    gz.finish().expect("writing to memory")
}

/// A new `WARC-Record-ID`: a random (version 4) UUID URN in angle brackets.
pub fn new_record_id() -> String {
    format!("<urn:uuid:{}>", uuid::Uuid::new_v4())
}

/// A `WARC-Date`: UTC to the second, `2019-12-09T17:34:00Z`.
pub fn warc_date(time: std::time::SystemTime) -> String {
    humantime::format_rfc3339_seconds(time).to_string()
}

/// Where a record went in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// The byte offset of its gzip member: what a reader reports as the
    /// record's offset.
    pub offset: u64,
    /// The member's length in bytes.
    pub length: u64,
}

/// Appends records to a WARC file (or any writer), one gzip member each.
///
/// ```
/// use dateline_input::{WarcReader, WarcWriter};
///
/// let mut writer = WarcWriter::new(Vec::new(), 0);
/// let id = dateline_input::new_record_id();
/// writer.append(
///     &[("WARC-Type", "resource"), ("WARC-Record-ID", &id),
///       ("WARC-Target-URI", "https://example.org/a"), ("Content-Type", "text/html")],
///     &[b"<p>Hello</p>"],
/// ).unwrap();
/// let bytes = writer.into_inner();
/// let mut reader = WarcReader::from_reader("a.warc.gz".into(), std::io::Cursor::new(bytes)).unwrap();
/// let record = reader.next().unwrap().unwrap();
/// assert_eq!(record.bytes, b"<p>Hello</p>");
/// assert_eq!(record.source.record_id.as_deref(), Some(id.as_str()));
/// ```
#[derive(Debug)]
pub struct WarcWriter<W: Write> {
    out: W,
    offset: u64,
    level: Compression,
}

impl<W: Write> WarcWriter<W> {
    /// A writer whose output already holds `offset` bytes (appending to a
    /// file: its length).
    pub fn new(out: W, offset: u64) -> Self {
        Self {
            out,
            offset,
            level: Compression::fast(),
        }
    }

    /// Appends one record (see [`encode_record`]).
    pub fn append(&mut self, headers: &[(&str, &str)], blocks: &[&[u8]]) -> io::Result<Written> {
        self.append_encoded(&encode_record(headers, blocks, self.level))
    }

    /// Appends a record [`encode_record`] made (on another thread, say).
    pub fn append_encoded(&mut self, member: &[u8]) -> io::Result<Written> {
        self.out.write_all(member)?;
        let written = Written {
            offset: self.offset,
            length: member.len() as u64,
        };
        self.offset += written.length;
        Ok(written)
    }

    /// Flushes what was appended to the output.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// Bytes in the output: where the next record starts.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// The output.
    pub fn into_inner(self) -> W {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;
    use crate::{PageKind, WarcReader};

    fn response(body: &str) -> Vec<u8> {
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=iso-8859-1\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .into_bytes()
    }

    #[test]
    fn records_read_back_with_their_offsets_ids_and_headers() {
        let mut writer = WarcWriter::new(Vec::new(), 0);
        let mut written = Vec::new();
        for (n, kind) in ["request", "response", "response"].iter().enumerate() {
            let id = new_record_id();
            let uri = format!("https://example.org/{n}");
            let block = if *kind == "request" {
                b"GET /0 HTTP/1.1\r\nHost: example.org\r\n\r\n".to_vec()
            } else {
                response(&format!("<html><p>page {n}</p></html>"))
            };
            let at = writer
                .append(
                    &[
                        ("WARC-Type", kind),
                        ("WARC-Record-ID", &id),
                        ("WARC-Date", "2026-12-04T20:00:00Z"),
                        ("WARC-Target-URI", &uri),
                        ("Content-Type", "application/http; msgtype=response"),
                    ],
                    &[&block],
                )
                .unwrap();
            written.push((at, id));
        }
        assert_eq!(written[1].0.offset, written[0].0.length);
        let bytes = writer.into_inner();
        let mut reader =
            WarcReader::from_reader("crawl.warc.gz".into(), Cursor::new(bytes)).unwrap();
        let records: Vec<_> = reader.by_ref().map(Result::unwrap).collect();
        assert_eq!(records.len(), 2);
        for (record, (at, id)) in records.iter().zip(&written[1..]) {
            assert_eq!(record.source.offset, at.offset);
            assert_eq!(record.source.record_id.as_deref(), Some(id.as_str()));
            assert_eq!(record.kind, PageKind::Html);
            assert_eq!(record.charset.as_deref(), Some("iso-8859-1"));
            assert_eq!(record.date.as_deref(), Some("2026-12-04T20:00:00Z"));
        }
        assert_eq!(records[1].url.as_deref(), Some("https://example.org/2"));
        assert_eq!(reader.counts().skipped["request"], 1);
    }

    #[test]
    fn a_file_cut_short_loses_only_its_last_record() {
        let mut writer = WarcWriter::new(Vec::new(), 0);
        for n in 0..3 {
            let id = new_record_id();
            writer
                .append(
                    &[
                        ("WARC-Type", "response"),
                        ("WARC-Record-ID", &id),
                        ("Content-Type", "application/http; msgtype=response"),
                    ],
                    &[&response(&format!("<html><p>page {n}</p></html>"))],
                )
                .unwrap();
        }
        let mut bytes = writer.into_inner();
        bytes.truncate(bytes.len() - 10);
        let reader = WarcReader::from_reader("cut.warc.gz".into(), Cursor::new(bytes)).unwrap();
        let (good, bad): (Vec<_>, Vec<_>) = reader.partition(Result::is_ok);
        assert_eq!((good.len(), bad.len()), (2, 1));
    }

    #[test]
    fn ids_are_unique_and_dates_are_utc_seconds() {
        assert_ne!(new_record_id(), new_record_id());
        assert!(new_record_id().starts_with("<urn:uuid:"));
        let epoch = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_575_912_840);
        assert_eq!(warc_date(epoch), "2019-12-09T17:34:00Z");
    }
}
