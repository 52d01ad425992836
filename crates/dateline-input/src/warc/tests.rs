//! WARC files built in code: CRLF headers, gzip members via flate2.

use std::io::{Cursor, Write};

use proptest::prelude::*;

use super::*;
use crate::PageKind;

fn warc_record(kind: &str, id: u32, fields: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id:08}>\r\nWARC-Date: 2024-05-0{}T10:00:00Z\r\n",
        id % 10
    )
    .into_bytes();
    for (name, value) in fields {
        out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\n").into_bytes();
    for (name, value) in headers {
        out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
    out
}

fn response(id: u32, uri: &str, block: &[u8]) -> Vec<u8> {
    let fields = [
        ("WARC-Target-URI", uri),
        ("Content-Type", "application/http; msgtype=response"),
    ];
    warc_record("response", id, &fields, block)
}

fn html(status: &str, body: &str) -> Vec<u8> {
    http(status, &[("Content-Type", "text/html")], body.as_bytes())
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// A small crawl: one record of each interesting sort. Yields ids 3, 4, 10, 11.
fn crawl() -> Vec<Vec<u8>> {
    let gzip_body = gz(b"<html><p>gzip body</p></html>");
    let mut chunked = Vec::new();
    for part in gzip_body.chunks(10) {
        chunked.extend_from_slice(format!("{:X}\r\n", part.len()).as_bytes());
        chunked.extend_from_slice(part);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let encoded = http(
        "200 OK",
        &[
            ("Content-Type", "text/html;charset=\"windows-1251\""),
            ("Transfer-Encoding", "chunked"),
            ("Content-Encoding", "gzip"),
        ],
        &chunked,
    );
    vec![
        warc_record(
            "warcinfo",
            1,
            &[("Content-Type", "application/warc-fields")],
            b"software: test\r\n",
        ),
        warc_record(
            "request",
            2,
            &[("WARC-Target-URI", "https://a.example/1")],
            b"GET /1 HTTP/1.1\r\n\r\n",
        ),
        response(
            3,
            "https://a.example/1",
            &html("200 OK", "<html><p>one</p></html>"),
        ),
        response(4, "<https://a.example/2>", &encoded),
        warc_record("metadata", 5, &[], b"via: x\r\n"),
        warc_record("revisit", 6, &[], b""),
        response(7, "https://a.example/old", &html("301 Moved", "")),
        response(
            8,
            "https://a.example/gone",
            &html("404 Not Found", "<html>no</html>"),
        ),
        response(
            9,
            "https://a.example/logo.png",
            &http("200 OK", &[("Content-Type", "image/png")], b"\x89PNG\r\n"),
        ),
        warc_record(
            "resource",
            10,
            &[
                ("WARC-Target-URI", "file:///notes.txt"),
                ("Content-Type", "text/plain; charset=utf-8"),
            ],
            b"plain notes",
        ),
        warc_record(
            "resource",
            11,
            &[("Content-Type", "text/html")],
            b"<html><p>resource</p></html>",
        ),
    ]
}

fn read(bytes: Vec<u8>) -> (Vec<Result<Record, InputError>>, Counts) {
    let mut reader =
        WarcReader::from_reader(PathBuf::from("crawl.warc.gz"), Cursor::new(bytes)).unwrap();
    let items: Vec<_> = reader.by_ref().take(10_000).collect();
    assert!(reader.next().is_none(), "the reader ends and stays ended");
    let counts = reader.counts().clone();
    assert_eq!(
        counts.read,
        counts.yielded + counts.bad + counts.skipped_total(),
        "{counts:?}"
    );
    (items, counts)
}

fn ids(items: &[Result<Record, InputError>]) -> Vec<String> {
    items
        .iter()
        .map(|item| match item {
            Ok(r) => r.source.record_id.clone().unwrap_or_default(),
            Err(e) => format!("error {e}"),
        })
        .collect()
}

fn good(id: u32) -> String {
    format!("<urn:uuid:{id:08}>")
}

fn check_crawl(items: &[Result<Record, InputError>], counts: &Counts) {
    assert_eq!(ids(items), [good(3), good(4), good(10), good(11)]);
    let pages: Vec<&Record> = items.iter().map(|r| r.as_ref().unwrap()).collect();
    assert_eq!(pages[0].bytes, b"<html><p>one</p></html>");
    assert_eq!(pages[0].kind, PageKind::Html);
    assert_eq!(pages[0].url.as_deref(), Some("https://a.example/1"));
    assert_eq!(pages[0].date.as_deref(), Some("2024-05-03T10:00:00Z"));
    assert_eq!(pages[0].charset, None);
    assert_eq!(pages[1].bytes, b"<html><p>gzip body</p></html>");
    assert_eq!(pages[1].url.as_deref(), Some("https://a.example/2"));
    assert_eq!(pages[1].charset.as_deref(), Some("windows-1251"));
    assert_eq!(pages[2].kind, PageKind::Text);
    assert_eq!(pages[2].charset.as_deref(), Some("utf-8"));
    assert_eq!(pages[3].kind, PageKind::Html);
    assert_eq!(pages[3].url, None);

    assert_eq!((counts.read, counts.yielded, counts.bad), (11, 4, 0));
    let skipped: Vec<(&str, u64)> = counts.skipped.iter().map(|(k, v)| (*k, *v)).collect();
    assert_eq!(
        skipped,
        [
            ("http-client-error", 1),
            ("http-redirect", 1),
            ("metadata", 1),
            ("not-html", 1),
            ("request", 1),
            ("revisit", 1),
            ("warcinfo", 1),
        ]
    );
}

/// Record-at-a-time gzip, with each member's offset.
fn members(records: &[Vec<u8>]) -> (Vec<u8>, Vec<u64>) {
    let mut file = Vec::new();
    let mut offsets = Vec::new();
    for record in records {
        offsets.push(file.len() as u64);
        file.extend_from_slice(&gz(record));
    }
    (file, offsets)
}

fn offsets_of(items: &[Result<Record, InputError>]) -> Vec<u64> {
    items
        .iter()
        .map(|item| match item {
            Ok(r) => r.source.offset,
            Err(InputError::BadRecord {
                locator: Locator::Offset(offset),
                ..
            }) => *offset,
            Err(e) => panic!("{e}"),
        })
        .collect()
}

#[test]
fn multi_member_gzip_with_offsets() {
    let (file, offsets) = members(&crawl());
    let (items, counts) = read(file);
    check_crawl(&items, &counts);
    assert_eq!(
        offsets_of(&items),
        [offsets[2], offsets[3], offsets[9], offsets[10]]
    );
    let first = items[0].as_ref().unwrap();
    assert_eq!(
        first.source.to_string(),
        format!("crawl.warc.gz@{}", offsets[2])
    );
}

#[test]
fn plain_warc_offsets_are_exact() {
    let records = crawl();
    let mut file = b"\r\n".to_vec(); // Stray blank lines are tolerated.
    let mut offsets = Vec::new();
    for record in &records {
        offsets.push(file.len() as u64);
        file.extend_from_slice(record);
    }
    let (items, counts) = read(file);
    check_crawl(&items, &counts);
    assert_eq!(
        offsets_of(&items),
        [offsets[2], offsets[3], offsets[9], offsets[10]]
    );
}

#[test]
fn single_gzip_stream_of_many_records() {
    let (items, counts) = read(gz(&crawl().concat()));
    check_crawl(&items, &counts);
    assert_eq!(offsets_of(&items), [0, 0, 0, 0]);
}

#[test]
fn open_from_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.warc.gz");
    std::fs::write(&path, members(&crawl()).0).unwrap();
    let mut reader = WarcReader::open(&path).unwrap();
    assert_eq!(reader.by_ref().filter(Result::is_ok).count(), 4);
    assert_eq!(reader.counts().yielded, 4);
    assert_eq!(reader.path(), path);
}

fn pages(n: u32) -> Vec<Vec<u8>> {
    (1..=n)
        .map(|i| {
            let body = format!("<html><p>page {i}</p>{}</html>", "filler words ".repeat(50));
            response(i, &format!("https://b.example/{i}"), &html("200 OK", &body))
        })
        .collect()
}

#[test]
fn truncated_final_member() {
    let (mut file, offsets) = members(&pages(3));
    file.truncate(file.len() - 30);
    let (items, counts) = read(file);
    assert_eq!(ids(&items)[..2], [good(1), good(2)]);
    assert_eq!(items.len(), 3);
    let error = items[2].as_ref().unwrap_err();
    assert_eq!(error.reason(), "bad-record");
    assert!(error.to_string().contains("gzip"), "{error}");
    assert_eq!(offsets_of(&items), offsets);
    assert_eq!((counts.read, counts.yielded, counts.bad), (3, 2, 1));
}

type Corruption<'a> = Box<dyn Fn(&mut Vec<u8>) + 'a>;

#[test]
fn corrupt_member_in_the_middle() {
    let (file, offsets) = members(&pages(5));
    let start = offsets[2] as usize;
    let end = offsets[3] as usize;
    let corruptions: Vec<(&str, Corruption)> = vec![
        (
            "deflate data",
            Box::new(move |f: &mut Vec<u8>| {
                for b in &mut f[start + 20..start + 40] {
                    *b ^= 0x5a;
                }
            }),
        ),
        ("header", Box::new(move |f: &mut Vec<u8>| f[start] = b'x')),
        (
            "zeroed",
            Box::new(move |f: &mut Vec<u8>| f[start..end].fill(0)),
        ),
        ("crc", Box::new(move |f: &mut Vec<u8>| f[end - 6] ^= 1)),
        (
            "cut out half",
            Box::new(move |f: &mut Vec<u8>| {
                f.drain(start + 10..(start + end) / 2);
            }),
        ),
    ];
    for (what, corrupt) in corruptions {
        let mut bad = file.clone();
        corrupt(&mut bad);
        let (items, counts) = read(bad);
        let got = ids(&items);
        assert_eq!(got.len(), 5, "{what}: {got:?}");
        assert_eq!(
            [&got[..2], &got[3..]].concat(),
            [good(1), good(2), good(4), good(5)],
            "{what}"
        );
        assert!(
            got[2].starts_with("error crawl.warc.gz@"),
            "{what}: {got:?}"
        );
        assert_eq!(offsets_of(&items)[2], offsets[2], "{what}");
        assert_eq!((counts.yielded, counts.bad), (4, 1), "{what}");
    }
}

#[test]
fn content_length_past_the_end() {
    let mut file = pages(2).concat();
    let cut = pages(1)[0].len() as u64;
    file.truncate(file.len() - 100);
    let (items, counts) = read(file.clone());
    assert_eq!(ids(&items)[0], good(1));
    let error = items[1].as_ref().unwrap_err().to_string();
    let expected = format!("crawl.warc.gz@{cut}: bad record: Content-Length ");
    assert!(error.starts_with(&expected), "{error}");
    assert!(error.ends_with(" runs past the end of the file"), "{error}");
    assert_eq!(counts.bad, 1);

    // In a gzip member: the next member is still read.
    let records = pages(3);
    let mut short = records[1].clone();
    short.truncate(short.len() - 100);
    let (file, offsets) = members(&[records[0].clone(), short, records[2].clone()]);
    let (items, _) = read(file);
    assert_eq!(ids(&items)[0], good(1));
    assert!(ids(&items)[1].contains("past the end of its gzip member"));
    assert_eq!(ids(&items)[2], good(3));
    assert_eq!(offsets_of(&items), offsets);
}

#[test]
fn bad_headers_are_stepped_over() {
    let records = pages(4);
    let mut broken = records[1].clone();
    broken.splice(10..10, b"no colon here\r\n".iter().copied());
    let mut no_length = records[2].clone();
    let at = memchr::memmem::find(&no_length, b"Content-Length").unwrap();
    no_length[at] = b'X';
    let plain = [
        records[0].clone(),
        b"junk before a record\r\n".to_vec(),
        broken.clone(),
        no_length.clone(),
        records[3].clone(),
    ];
    let (items, counts) = read(plain.concat());
    let got = ids(&items);
    assert_eq!(got[0], good(1));
    assert!(got[1].contains("no WARC/ version line"), "{got:?}");
    assert!(got[2].contains("without a colon"), "{got:?}");
    assert!(got[3].contains("no Content-Length"), "{got:?}");
    assert_eq!(got[4..], [good(4)], "{got:?}");
    assert_eq!((counts.yielded, counts.bad), (2, 3));

    let (file, _) = members(&[records[0].clone(), broken, no_length, records[3].clone()]);
    let (items, _) = read(file);
    let got = ids(&items);
    assert_eq!(got.len(), 4, "{got:?}");
    assert_eq!((&got[0], &got[3]), (&good(1), &good(4)));
}

#[test]
fn gzip_with_trailing_garbage() {
    let (mut file, _) = members(&pages(2));
    file.extend_from_slice(&[0u8; 64]);
    let (items, _) = read(file);
    assert_eq!(ids(&items)[..2], [good(1), good(2)]);
    assert_eq!(items.len(), 3, "the garbage is reported once");
}

#[test]
fn lenient_header_forms() {
    // WARC/1.0, bare LF line ends, a folded header line, an untyped resource.
    let body = b"<!DOCTYPE html><html><p>sniffed</p></html>";
    let mut file = format!(
        "WARC/1.0\nWARC-Type: resource\nWARC-Target-URI: https://d.example/\n  folded-on\nContent-Length: {}\n\n",
        body.len()
    )
    .into_bytes();
    file.extend_from_slice(body);
    file.extend_from_slice(b"\n\n");
    file.extend_from_slice(&warc_record("resource", 2, &[], b"no markup here"));
    let (items, counts) = read(file);
    let page = items[0].as_ref().unwrap();
    assert_eq!(page.bytes, body);
    assert_eq!(page.url.as_deref(), Some("https://d.example/ folded-on"));
    assert_eq!(items.len(), 1);
    assert_eq!(counts.skipped["no-content-type"], 1);
}

fn valid_files() -> Vec<Vec<u8>> {
    let records = crawl();
    vec![members(&records).0, records.concat(), gz(&records.concat())]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let (items, _) = read(bytes.clone());
        prop_assert!(items.len() < 10_000);
        let mut gzipped = vec![0x1f, 0x8b, 0x08];
        gzipped.extend_from_slice(&bytes);
        let (items, _) = read(gzipped);
        prop_assert!(items.len() < 10_000);
    }

    #[test]
    fn truncated_and_mutated_warcs_never_panic(
        which in 0usize..3,
        cut in any::<prop::sample::Index>(),
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
    ) {
        let mut file = valid_files().swap_remove(which);
        let len = cut.index(file.len() + 1);
        file.truncate(len);
        if !file.is_empty() {
            for (at, byte) in flips {
                let i = at.index(file.len());
                file[i] = byte;
            }
        }
        let (items, counts) = read(file);
        prop_assert!(items.len() < 10_000);
        prop_assert!(counts.yielded <= 4);
    }
}
