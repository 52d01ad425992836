//! Expanding command-line paths into the files to read: page files and
//! record containers, found by name in folders walked recursively.

use std::path::{Path, PathBuf};

use crate::{container_kind, kind_of, InputError, PageKind};

/// The result of expanding command-line paths into page files.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Page files, in a stable order (folders sorted by name).
    pub files: Vec<PathBuf>,
    /// Record containers (WARC, JSONL; see [`crate::container_kind`]), given
    /// or found in folders, in the same order; read them with
    /// [`crate::open_records`], not [`crate::read_page`].
    pub containers: Vec<PathBuf>,
    /// Folders or entries that could not be read.
    pub errors: Vec<InputError>,
    /// Files inside folders skipped for their extension.
    pub skipped: usize,
}

/// Which files a folder walk takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Names {
    /// Page files and record containers, known by their extensions
    /// ([`kind_of`], [`container_kind`]); other files are skipped and
    /// counted.
    #[default]
    Known,
    /// Every file, whatever its name, as one page (texts to annotate):
    /// nothing is a container.
    Any,
}

/// Expands paths: files are taken as given, folders are walked
/// recursively for page files (`.html`, `.htm`, `.txt`, and `.gz` of them)
/// and record containers (`.warc`, `.jsonl`, `.ndjson`, and `.gz` of them).
/// Containers, given or found, go to [`Discovery::containers`].
pub fn discover(paths: &[PathBuf]) -> Discovery {
    discover_with(paths, Names::Known)
}

/// Expands paths as [`discover`] does, taking the files that `names` says.
///
/// This is the one folder walker: every command that reads folders comes
/// here, so that what a walk takes has one home.
pub fn discover_with(paths: &[PathBuf], names: Names) -> Discovery {
    let mut found = Discovery::default();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, names, &mut found),
            Ok(_) if names == Names::Known && container_kind(path).is_some() => {
                found.containers.push(path.clone())
            }
            Ok(_) => found.files.push(path.clone()),
            Err(source) => found.errors.push(InputError::Io {
                path: path.clone(),
                source,
            }),
        }
    }
    found
}

fn walk(dir: &Path, names: Names, found: &mut Discovery) {
    // An explicit stack: deep folder trees must not overflow ours.
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(source) => {
                found.errors.push(InputError::Io { path: dir, source });
                continue;
            }
        };
        let mut children: Vec<PathBuf> = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => children.push(entry.path()),
                Err(source) => found.errors.push(InputError::Io {
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
                Ok(_) if names == Names::Any => found.files.push(child),
                Ok(_) if container_kind(&child).is_some() => found.containers.push(child),
                Ok(_) if kind_of(&child) != PageKind::Unknown => found.files.push(child),
                Ok(_) => found.skipped += 1,
                Err(source) => found.errors.push(InputError::Io {
                    path: child,
                    source,
                }),
            }
        }
        // Reverse so that popping visits sub-folders in name order.
        stack.extend(subdirs.into_iter().rev());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn any_name_takes_every_file_and_no_container() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("sub")).unwrap();
        for name in ["notes", "sub/crawl.warc.gz", "sub/b.json"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let found = discover_with(&[dir.path().to_path_buf()], Names::Any);
        assert_eq!(
            found.files,
            [
                dir.path().join("notes"),
                dir.path().join("sub/b.json"),
                dir.path().join("sub/crawl.warc.gz")
            ]
        );
        assert!(found.containers.is_empty());
        assert_eq!(found.skipped, 0);
    }
}
