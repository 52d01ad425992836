//! Page files: their kind by name, and reading their bytes.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::{InputError, Record};

/// Pages larger than this (after decompression) are refused: no news page
/// is that big, and a decompression bomb must not exhaust memory.
pub const MAX_PAGE_BYTES: u64 = 256 * 1024 * 1024;

/// What a page file holds, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// `.html`, `.htm`, `.xhtml` (optionally `.gz`).
    Html,
    /// `.txt` text dumps (optionally `.gz`).
    Text,
    /// Anything else: decided from the content.
    Unknown,
}

/// The kind of page a file name suggests. Record containers (`.warc.gz`,
/// `.jsonl`, see [`crate::container_kind`]) are `Unknown` here.
pub fn kind_of(path: &Path) -> PageKind {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    match Path::new(name).extension().and_then(|e| e.to_str()) {
        Some("html" | "htm" | "xhtml" | "shtml") => PageKind::Html,
        Some("txt" | "text") => PageKind::Text,
        _ => PageKind::Unknown,
    }
}

/// Reads a page file, decompressing gzip (by magic bytes, whatever the
/// name), and rejects empty, binary and oversized content.
pub fn read_page(path: &Path) -> Result<Record, InputError> {
    let io = |source| InputError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(io)?;
    let mut raw = Vec::new();
    file.take(MAX_PAGE_BYTES + 1)
        .read_to_end(&mut raw)
        .map_err(io)?;
    let bytes = finish(path, raw)?;
    Ok(Record::whole_file(path.to_path_buf(), kind_of(path), bytes))
}

/// Reads a file's bytes as they are (no decompression, no checks), for
/// inputs taken as text whatever their name; only the size is capped.
pub fn read_raw(path: &Path) -> Result<Record, InputError> {
    let io = |source| InputError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(MAX_PAGE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    too_large(path, &bytes)?;
    Ok(Record::whole_file(
        path.to_path_buf(),
        PageKind::Unknown,
        bytes,
    ))
}

/// Reads one page from standard input (its path is `-`), as
/// [`read_page`] reads a file.
pub fn read_stdin() -> Result<Record, InputError> {
    let path = PathBuf::from("-");
    let raw = stdin_bytes(&path)?;
    let bytes = finish(&path, raw)?;
    Ok(Record::whole_file(path, PageKind::Unknown, bytes))
}

/// Reads standard input as it is, as [`read_raw`] reads a file.
pub fn read_stdin_raw() -> Result<Record, InputError> {
    let path = PathBuf::from("-");
    let bytes = stdin_bytes(&path)?;
    too_large(&path, &bytes)?;
    Ok(Record::whole_file(path, PageKind::Unknown, bytes))
}

fn stdin_bytes(path: &Path) -> Result<Vec<u8>, InputError> {
    let mut raw = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_PAGE_BYTES + 1)
        .read_to_end(&mut raw)
        .map_err(|source| InputError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    Ok(raw)
}

fn too_large(path: &Path, bytes: &[u8]) -> Result<(), InputError> {
    if bytes.len() as u64 > MAX_PAGE_BYTES {
        return Err(InputError::TooLarge {
            path: path.to_path_buf(),
            limit: MAX_PAGE_BYTES,
        });
    }
    Ok(())
}

/// A page's bytes as [`read_page`] takes them from a file, for pages that
/// come from elsewhere (the Python package's): gunzipped when gzipped,
/// refused when too large, empty or binary; `path` names the page in the
/// error.
pub fn page_bytes(path: &Path, raw: Vec<u8>) -> Result<Vec<u8>, InputError> {
    finish(path, raw)
}

fn finish(path: &Path, raw: Vec<u8>) -> Result<Vec<u8>, InputError> {
    let bytes = if raw.starts_with(&[0x1f, 0x8b]) {
        gunzip(path, &raw)?
    } else {
        raw
    };
    too_large(path, &bytes)?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(InputError::Empty {
            path: path.to_path_buf(),
        });
    }
    if looks_binary(&bytes) {
        return Err(InputError::Binary {
            path: path.to_path_buf(),
        });
    }
    Ok(bytes)
}

fn gunzip(path: &Path, raw: &[u8]) -> Result<Vec<u8>, InputError> {
    let mut out = Vec::new();
    let decoder = flate2::read::MultiGzDecoder::new(raw);
    match decoder.take(MAX_PAGE_BYTES + 1).read_to_end(&mut out) {
        Ok(_) => Ok(out),
        Err(e) => Err(InputError::Gzip {
            path: path.to_path_buf(),
            reason: e.to_string(),
        }),
    }
}

/// Text pages have no NUL bytes and few control characters; UTF-16 pages
/// have NULs but start with a byte-order mark.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    let suspicious = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b)))
        .count();
    head.contains(&0) || suspicious * 20 > head.len()
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    #[test]
    fn kinds_from_names() {
        assert_eq!(kind_of(Path::new("a/b.HTML")), PageKind::Html);
        assert_eq!(kind_of(Path::new("b.html.gz")), PageKind::Html);
        assert_eq!(kind_of(Path::new("b.txt")), PageKind::Text);
        assert_eq!(kind_of(Path::new("b.json")), PageKind::Unknown);
    }

    #[test]
    fn bad_files_are_named_errors() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.html");
        std::fs::write(&empty, "  \n").unwrap();
        assert!(matches!(read_page(&empty), Err(InputError::Empty { .. })));

        let binary = dir.path().join("junk.html");
        std::fs::write(&binary, [0u8, 1, 2, 3, 0xff, 0, 7, 8]).unwrap();
        assert!(matches!(read_page(&binary), Err(InputError::Binary { .. })));

        let truncated = dir.path().join("cut.html.gz");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all("<p>hello world</p>".repeat(100).as_bytes())
            .unwrap();
        let full = gz.finish().unwrap();
        std::fs::write(&truncated, &full[..full.len() / 2]).unwrap();
        let err = read_page(&truncated).unwrap_err();
        assert_eq!(err.reason(), "gzip");
        assert!(err.to_string().contains("cut.html.gz"), "{err}");
    }

    #[test]
    fn gzip_is_read_by_magic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.html.gz");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(b"<p>ok</p>").unwrap();
        std::fs::write(&path, gz.finish().unwrap()).unwrap();
        assert_eq!(read_page(&path).unwrap().bytes, b"<p>ok</p>");
    }
}
