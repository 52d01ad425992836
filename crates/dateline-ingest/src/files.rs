//! Pages on disk: discovering them in folders and reading their bytes.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::{container_kind, IngestError};

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

/// One page read into memory.
#[derive(Debug, Clone)]
pub struct Page {
    /// Where it came from (`-` for standard input).
    pub path: PathBuf,
    /// Kind from the file name.
    pub kind: PageKind,
    /// Raw bytes, decompressed.
    pub bytes: Vec<u8>,
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

/// The result of expanding command-line paths into page files.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Page files, in a stable order (folders sorted by name).
    pub files: Vec<PathBuf>,
    /// Record containers (WARC, JSONL; see [`crate::container_kind`]), given
    /// or found in folders, in the same order; read them with
    /// [`crate::open_records`], not [`read_page`].
    pub containers: Vec<PathBuf>,
    /// Folders or entries that could not be read.
    pub errors: Vec<IngestError>,
    /// Files inside folders skipped for their extension.
    pub skipped: usize,
}

/// Expands paths: files are taken as given, folders are walked
/// recursively for page files (`.html`, `.htm`, `.txt`, and `.gz` of them)
/// and record containers (`.warc`, `.jsonl`, `.ndjson`, and `.gz` of them).
/// Containers, given or found, go to [`Discovery::containers`].
pub fn discover(paths: &[PathBuf]) -> Discovery {
    let mut found = Discovery::default();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut found),
            Ok(_) if container_kind(path).is_some() => found.containers.push(path.clone()),
            Ok(_) => found.files.push(path.clone()),
            Err(source) => found.errors.push(IngestError::Io {
                path: path.clone(),
                source,
            }),
        }
    }
    found
}

fn walk(dir: &Path, found: &mut Discovery) {
    // An explicit stack: deep folder trees must not overflow ours.
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(source) => {
                found.errors.push(IngestError::Io { path: dir, source });
                continue;
            }
        };
        let mut children: Vec<PathBuf> = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => children.push(entry.path()),
                Err(source) => found.errors.push(IngestError::Io {
                    path: dir.clone(),
                    source,
                }),
            }
        }
        children.sort();
        let mut subdirs = Vec::new();
        for child in children {
            match std::fs::metadata(&child) {
                Ok(meta) if meta.is_dir() => subdirs.push(child),
                Ok(_) if container_kind(&child).is_some() => found.containers.push(child),
                Ok(_) if kind_of(&child) != PageKind::Unknown => found.files.push(child),
                Ok(_) => found.skipped += 1,
                Err(source) => found.errors.push(IngestError::Io {
                    path: child,
                    source,
                }),
            }
        }
        // Reverse so that popping visits sub-folders in name order.
        stack.extend(subdirs.into_iter().rev());
    }
}

/// Reads a page file, decompressing gzip (by magic bytes, whatever the
/// name), and rejects empty, binary and oversized content.
pub fn read_page(path: &Path) -> Result<Page, IngestError> {
    let io = |source| IngestError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(io)?;
    let mut raw = Vec::new();
    file.take(MAX_PAGE_BYTES + 1)
        .read_to_end(&mut raw)
        .map_err(io)?;
    let bytes = finish(path, raw)?;
    Ok(Page {
        path: path.to_path_buf(),
        kind: kind_of(path),
        bytes,
    })
}

/// Reads one page from standard input.
pub fn read_stdin() -> Result<Page, IngestError> {
    let path = PathBuf::from("-");
    let mut raw = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_PAGE_BYTES + 1)
        .read_to_end(&mut raw)
        .map_err(|source| IngestError::Io {
            path: path.clone(),
            source,
        })?;
    let bytes = finish(&path, raw)?;
    Ok(Page {
        path,
        kind: PageKind::Unknown,
        bytes,
    })
}

fn finish(path: &Path, raw: Vec<u8>) -> Result<Vec<u8>, IngestError> {
    let limit = MAX_PAGE_BYTES;
    let bytes = if raw.starts_with(&[0x1f, 0x8b]) {
        gunzip(path, &raw)?
    } else {
        raw
    };
    if bytes.len() as u64 > limit {
        return Err(IngestError::TooLarge {
            path: path.to_path_buf(),
            limit,
        });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(IngestError::Empty {
            path: path.to_path_buf(),
        });
    }
    if looks_binary(&bytes) {
        return Err(IngestError::Binary {
            path: path.to_path_buf(),
        });
    }
    Ok(bytes)
}

fn gunzip(path: &Path, raw: &[u8]) -> Result<Vec<u8>, IngestError> {
    let mut out = Vec::new();
    let decoder = flate2::read::MultiGzDecoder::new(raw);
    match decoder.take(MAX_PAGE_BYTES + 1).read_to_end(&mut out) {
        Ok(_) => Ok(out),
        Err(e) => Err(IngestError::Gzip {
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
        assert!(matches!(read_page(&empty), Err(IngestError::Empty { .. })));

        let binary = dir.path().join("junk.html");
        std::fs::write(&binary, [0u8, 1, 2, 3, 0xff, 0, 7, 8]).unwrap();
        assert!(matches!(
            read_page(&binary),
            Err(IngestError::Binary { .. })
        ));

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

    #[test]
    fn folders_are_walked_in_order_and_others_skipped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("b/c")).unwrap();
        for name in [
            "b/c/2.html",
            "a.txt",
            "b/1.htm",
            "notes.json",
            "b/crawl.warc.gz",
            "dump.jsonl",
        ] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let found = discover(&[dir.path().to_path_buf()]);
        let names: Vec<_> = found
            .files
            .iter()
            .map(|p| {
                p.strip_prefix(dir.path())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["a.txt", "b/1.htm", "b/c/2.html"]);
        assert_eq!(found.skipped, 1);
        assert_eq!(
            found.containers,
            [
                dir.path().join("dump.jsonl"),
                dir.path().join("b/crawl.warc.gz")
            ]
        );
        let given = discover(&[dir.path().join("dump.jsonl"), dir.path().join("a.txt")]);
        assert_eq!(given.files, [dir.path().join("a.txt")]);
        assert_eq!(given.containers, [dir.path().join("dump.jsonl")]);
        let missing = discover(&[dir.path().join("nope")]);
        assert_eq!(missing.errors.len(), 1);
    }
}
