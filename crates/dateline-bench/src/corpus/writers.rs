//! Output bytes and files: record ids, gzip members, the WARC member of a
//! record, the page file layout, and buffered file writers that end the
//! program with a message on an I/O error.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use flate2::write::GzEncoder;
use flate2::Compression;

use super::rng::hash2;
use crate::pages::die;

/// The `WARC-Record-ID` of record `n` (`u64::MAX`: the warcinfo record),
/// a version-4-shaped UUID hashed from the seed.
pub(super) fn uuid(seed: u64, n: u64) -> String {
    let a = hash2(seed ^ 0x7575_6964, n);
    let b = hash2(a, n ^ 0x5555);
    format!(
        "<urn:uuid:{:08x}-{:04x}-4{:03x}-{:x}{:03x}-{:012x}>",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        8 + (b >> 62),
        (b >> 48) & 0xfff,
        b & 0xffff_ffff_ffff
    )
}

/// A gzip encoder into memory (records are compressed in parallel, then
/// written in order).
pub(super) fn gz(level: Compression, capacity: usize) -> GzEncoder<Vec<u8>> {
    GzEncoder::new(Vec::with_capacity(capacity), level)
}

/// One WARC record as its own gzip member (so readers can seek to it):
/// `headers`, then the `blocks` as its content.
pub(super) fn warc_member(headers: &[(&str, &str)], blocks: &[&[u8]]) -> Vec<u8> {
    let len: usize = blocks.iter().map(|b| b.len()).sum();
    let mut head = String::from("WARC/1.0\r\n");
    for (name, value) in headers {
        let _ = write!(head, "{name}: {value}\r\n");
    }
    let _ = write!(head, "Content-Length: {len}\r\n\r\n");
    let mut enc = gz(Compression::fast(), len / 4 + 256);
    let mut write = |b: &[u8]| enc.write_all(b).expect("writing to memory");
    write(head.as_bytes());
    for block in blocks {
        write(block);
    }
    write(b"\r\n\r\n");
    enc.finish().expect("writing to memory")
}

/// The page file of record `n`, a thousand records per folder.
pub(super) fn path_of(n: u64) -> String {
    format!("pages/{:04}/{n}.html.gz", n / 1000)
}

/// The open output files and the bytes written so far.
pub(super) struct Writers {
    pub(super) warc: Option<BufWriter<File>>,
    pub(super) truth: BufWriter<File>,
    pub(super) made_dir: Option<u64>,
    pub(super) bytes_warc: u64,
    pub(super) bytes_dir: u64,
}

/// A large buffered file (records are written in many small pieces).
pub(super) fn create(path: &Path) -> BufWriter<File> {
    BufWriter::with_capacity(
        1 << 20,
        File::create(path)
            .unwrap_or_else(|e| die(&format!("cannot write {}: {e}", path.display()))),
    )
}

/// Writes `bytes` to the file at `path`, or ends the program.
pub(super) fn write_all(w: &mut impl Write, bytes: &[u8], path: &Path) {
    w.write_all(bytes)
        .unwrap_or_else(|e| die(&format!("cannot write {}: {e}", path.display())));
}
