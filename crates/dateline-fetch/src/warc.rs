//! The crawl's WARC files: every exchange written as it happened (request
//! and response records, or a revisit record for a 304), one gzip member
//! per record, in the store's `warc/` folder. They are the provenance of
//! every article a crawl stores, and ingesting them again into a fresh
//! store gives the same articles.

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Cursor};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use dateline_input::{
    encode_record, new_record_id, warc_date, InputError, Record, WarcReader, WarcWriter,
};
use flate2::Compression;

use crate::net::Exchange;

/// The records of one exchange, encoded (off the crawl's main thread).
#[derive(Debug, Clone)]
pub struct Encoded {
    /// Gzip members, in file order: the request, then the response (or
    /// revisit).
    pub members: Vec<Vec<u8>>,
    /// The response's (or revisit's) `WARC-Record-ID`.
    pub record_id: String,
}

/// The request and response records of an exchange.
pub fn encode_exchange(url: &str, exchange: &Exchange) -> Encoded {
    encode(url, exchange, None)
}

/// The request and revisit records of a 304 answer (`WARC-Refers-To-Date`
/// is the earlier fetch, when known).
pub fn encode_revisit(url: &str, exchange: &Exchange, refers_to_date: Option<&str>) -> Encoded {
    encode(url, exchange, Some(refers_to_date))
}

fn encode(url: &str, exchange: &Exchange, revisit: Option<Option<&str>>) -> Encoded {
    let date = warc_date(exchange.started);
    let record_id = new_record_id();
    let request_id = new_record_id();
    let ip = exchange.ip.map(|ip| ip.to_string());
    let mut response: Vec<(&str, &str)> = vec![
        (
            "WARC-Type",
            if revisit.is_some() {
                "revisit"
            } else {
                "response"
            },
        ),
        ("WARC-Record-ID", &record_id),
        ("WARC-Date", &date),
        ("WARC-Target-URI", url),
        ("WARC-Concurrent-To", &request_id),
    ];
    if let Some(ip) = &ip {
        response.push(("WARC-IP-Address", ip));
    }
    if let Some(refers_to) = revisit {
        response.push((
            "WARC-Profile",
            "http://netpreserve.org/warc/1.0/revisit/server-not-modified",
        ));
        response.push(("WARC-Refers-To-Target-URI", url));
        if let Some(date) = refers_to {
            response.push(("WARC-Refers-To-Date", date));
        }
    }
    response.push(("Content-Type", "application/http; msgtype=response"));
    let request = [
        ("WARC-Type", "request"),
        ("WARC-Record-ID", request_id.as_str()),
        ("WARC-Date", date.as_str()),
        ("WARC-Target-URI", url),
        ("WARC-Concurrent-To", record_id.as_str()),
        ("Content-Type", "application/http; msgtype=request"),
    ];
    let level = Compression::fast();
    let request = encode_record(&request, &[&exchange.request_head], level);
    let response = if revisit.is_some() {
        encode_record(&response, &[&exchange.response_head], level)
    } else {
        encode_record(&response, &[&exchange.response_head, &exchange.body], level)
    };
    Encoded {
        members: vec![request, response],
        record_id,
    }
}

/// The page a response member holds, as [`WarcReader`] reads it from the
/// file (so that ingesting the file again gives the same page), at
/// `offset` of `path`; the reason when the reader would skip it (a
/// redirect, not HTML...).
pub fn page_of(member: &[u8], path: &Path, offset: u64) -> Result<Record, String> {
    let mut reader = WarcReader::from_reader(path.to_path_buf(), Cursor::new(member))
        .map_err(|err| err.to_string())?;
    match reader.next() {
        Some(Ok(mut record)) => {
            record.source.offset = offset;
            Ok(record)
        }
        Some(Err(InputError::BadRecord { reason, .. })) => Err(reason),
        Some(Err(err)) => Err(err.to_string()),
        None => Err(reader
            .counts()
            .skipped
            .keys()
            .next()
            .map_or("not a page", |reason| reason)
            .to_string()),
    }
}

/// The page of the record at `offset` of a WARC file, if it is the record
/// `record_id` and holds a page (a killed run's page, handed on again).
pub fn page_at(path: &Path, offset: u64, record_id: &str) -> Option<Record> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = File::open(path).ok()?;
    file.seek(SeekFrom::Start(offset)).ok()?;
    // One gzip member: the record.
    let mut member = Vec::new();
    flate2::read::GzDecoder::new(std::io::BufReader::new(file))
        .take(dateline_input::MAX_RECORD_BYTES + 64 * 1024)
        .read_to_end(&mut member)
        .ok()?;
    let mut reader = WarcReader::from_reader(path.to_path_buf(), Cursor::new(member)).ok()?;
    let mut record = reader.next()?.ok()?;
    if record.source.record_id.as_deref() != Some(record_id) {
        return None;
    }
    record.source.offset = offset;
    Some(record)
}

/// Where appended records went.
#[derive(Debug, Clone)]
pub struct Appended {
    /// The file (canonical path: what the store names it by).
    pub path: Arc<str>,
    /// Each member's offset.
    pub offsets: Vec<u64>,
    /// The file's length after them: complete records up to here.
    pub end: u64,
}

/// The WARC files of a store.
pub struct WarcFiles {
    dir: PathBuf,
    max_bytes: u64,
    software: String,
    open: Option<(Arc<str>, WarcWriter<BufWriter<File>>)>,
    made: u32,
}

impl WarcFiles {
    /// Opens the folder; files a killed run left longer than their
    /// committed length (`committed`: path and length) are cut back to it,
    /// so that no torn record stays.
    pub fn open(
        dir: &Path,
        max_bytes: u64,
        software: &str,
        committed: &[(String, u64)],
    ) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        for (path, length) in committed {
            let path = Path::new(path);
            if let Ok(meta) = std::fs::metadata(path) {
                if meta.len() > *length {
                    OpenOptions::new()
                        .write(true)
                        .open(path)?
                        .set_len(*length)?;
                }
            }
        }
        Ok(Self {
            dir: dir.canonicalize()?,
            max_bytes,
            software: software.to_string(),
            open: None,
            made: 0,
        })
    }

    /// Appends an exchange's members to the current file (starting one,
    /// with its `warcinfo` record, when none is open or it is full) and
    /// flushes them to the operating system: a process killed afterwards
    /// loses none of them.
    pub fn append(&mut self, members: &[Vec<u8>]) -> std::io::Result<Appended> {
        let full = self
            .open
            .as_ref()
            .is_some_and(|(_, writer)| writer.offset() >= self.max_bytes);
        if full || self.open.is_none() {
            self.start()?;
        }
        let (path, writer) = self.open.as_mut().expect("a file was just opened");
        let mut offsets = Vec::with_capacity(members.len());
        for member in members {
            offsets.push(writer.offset());
            writer.append_encoded(member)?;
        }
        writer.flush()?;
        Ok(Appended {
            path: Arc::clone(path),
            offsets,
            end: writer.offset(),
        })
    }

    fn start(&mut self) -> std::io::Result<()> {
        self.made += 1;
        let stamp = warc_date(std::time::SystemTime::now()).replace([':', '-'], "");
        let name = format!(
            "dateline-{}-{}-{:05}.warc.gz",
            stamp.trim_end_matches('Z'),
            std::process::id(),
            self.made
        );
        let path = self.dir.join(name);
        let file = OpenOptions::new()
            .create_new(true)
            .write(true)
            .open(&path)?;
        let mut writer = WarcWriter::new(BufWriter::new(file), 0);
        let info = format!(
            "software: {}\r\nformat: WARC File Format 1.0\r\nrobots: obey (RFC 9309)\r\n",
            self.software
        );
        let id = new_record_id();
        let date = warc_date(std::time::SystemTime::now());
        writer.append(
            &[
                ("WARC-Type", "warcinfo"),
                ("WARC-Record-ID", &id),
                ("WARC-Date", &date),
                (
                    "WARC-Filename",
                    path.file_name().and_then(|n| n.to_str()).unwrap_or(""),
                ),
                ("Content-Type", "application/warc-fields"),
            ],
            &[info.as_bytes()],
        )?;
        writer.flush()?;
        let path: Arc<str> = Arc::from(path.display().to_string());
        self.open = Some((path, writer));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use reqwest::header::{HeaderMap, HeaderValue};

    use super::*;

    fn exchange(status: u16, body: &[u8]) -> Exchange {
        let mut headers = HeaderMap::new();
        headers.insert(
            "content-type",
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        let head = format!(
            "HTTP/1.1 {status} X\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\n\r\n",
            body.len()
        );
        Exchange {
            request_head: b"GET /a HTTP/1.1\r\nHost: a.test\r\n\r\n".to_vec(),
            status,
            headers,
            response_head: head.into_bytes(),
            body: body.to_vec(),
            ip: Some("127.0.0.1".parse().unwrap()),
            started: std::time::SystemTime::now(),
        }
    }

    #[test]
    fn exchanges_are_written_and_read_back_as_pages() {
        let dir = tempfile::tempdir().unwrap();
        let mut files = WarcFiles::open(dir.path(), 1 << 20, "test", &[]).unwrap();
        let page = encode_exchange(
            "http://a.test/a",
            &exchange(200, b"<html><p>Hello</p></html>"),
        );
        let appended = files.append(&page.members).unwrap();
        let record = page_of(
            &page.members[1],
            Path::new(&*appended.path),
            appended.offsets[1],
        )
        .unwrap();
        assert_eq!(record.bytes, b"<html><p>Hello</p></html>");
        assert_eq!(record.url.as_deref(), Some("http://a.test/a"));
        assert_eq!(record.charset.as_deref(), Some("utf-8"));
        assert_eq!(
            record.source.record_id.as_deref(),
            Some(page.record_id.as_str())
        );

        let revisit = encode_revisit(
            "http://a.test/a",
            &exchange(304, b""),
            Some("2026-12-04T20:00:00Z"),
        );
        assert_eq!(
            page_of(&revisit.members[1], Path::new("x"), 0).unwrap_err(),
            "revisit"
        );
        let missing = encode_exchange("http://a.test/b", &exchange(404, b"gone"));
        assert_eq!(
            page_of(&missing.members[1], Path::new("x"), 0).unwrap_err(),
            "http-client-error"
        );
        let appended_more = files.append(&revisit.members).unwrap();

        // The file reads back whole: warcinfo, two requests, a response, a revisit.
        let reader = dateline_input::WarcReader::open(Path::new(&*appended.path)).unwrap();
        let mut reader = reader;
        let pages: Vec<_> = reader.by_ref().map(Result::unwrap).collect();
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].source.offset, appended.offsets[1]);
        let counts = reader.counts();
        assert_eq!(
            (counts.skipped["request"], counts.skipped["revisit"]),
            (2, 1)
        );
        assert_eq!(counts.skipped["warcinfo"], 1);

        // A torn tail is cut back to the committed length.
        let path = appended.path.to_string();
        let committed = appended_more.end;
        drop(files);
        let mut file = OpenOptions::new().append(true).open(&path).unwrap();
        std::io::Write::write_all(&mut file, b"\x1f\x8b\x08torn").unwrap();
        WarcFiles::open(dir.path(), 1 << 20, "test", &[(path.clone(), committed)]).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().len(), committed);
    }

    #[test]
    fn files_rotate_at_their_size() {
        let dir = tempfile::tempdir().unwrap();
        let mut files = WarcFiles::open(dir.path(), 10, "test", &[]).unwrap();
        let one = files.append(&[b"x".to_vec()]).unwrap();
        let two = files.append(&[b"y".to_vec()]).unwrap();
        assert_ne!(one.path, two.path);
    }
}
