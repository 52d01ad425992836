//! Data-driven extraction tests over the bundled example pages
//! (`examples/pages` at the repository root). Adding a page there adds a
//! snapshot here; review new or changed output with `cargo insta review`.

use std::path::{Path, PathBuf};

use dateline_extract::{extract, InputKind, Options};

fn pages() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/pages");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples/pages exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            let name = p.to_string_lossy();
            name.ends_with(".html.gz") || name.ends_with(".html") || name.ends_with(".txt")
        })
        .collect();
    pages.sort();
    assert!(
        pages.len() >= 4,
        "bundled pages missing from {}",
        dir.display()
    );
    pages
}

fn read(path: &Path) -> Vec<u8> {
    dateline_input::read_page(path)
        .unwrap_or_else(|e| panic!("{e}"))
        .bytes
}

fn kind(path: &Path) -> InputKind {
    if path.to_string_lossy().ends_with(".txt") {
        InputKind::Text
    } else {
        InputKind::Html
    }
}

fn name(path: &Path) -> String {
    path.file_name()
        .unwrap()
        .to_string_lossy()
        .split('.')
        .next()
        .unwrap()
        .to_owned()
}

#[test]
fn bundled_pages_match_their_snapshots() {
    for path in pages() {
        let article = extract(&read(&path), &Options::default().input(kind(&path)));
        insta::assert_json_snapshot!(name(&path), article);
    }
}

/// The same page in a legacy encoding, declared in a `<meta>`, must give
/// the same article.
#[test]
fn legacy_encodings_give_the_same_article() {
    for path in pages().into_iter().filter(|p| kind(p) == InputKind::Html) {
        let bytes = read(&path);
        let utf8 = String::from_utf8_lossy(&bytes);
        let (legacy, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&utf8);
        if unmappable {
            continue;
        }
        let mut declared = b"<meta charset=\"windows-1252\">".to_vec();
        declared.extend_from_slice(&legacy);
        let options = Options::default().input(InputKind::Html);
        let expected = extract(&bytes, &options);
        let got = extract(&declared, &options);
        assert_eq!(got.text, expected.text, "{}", path.display());
        assert_eq!(got.title, expected.title, "{}", path.display());
    }
}

/// Extraction is deterministic and never depends on buffer boundaries:
/// the page read back through any split gives the same article.
#[test]
fn whitespace_and_chunking_do_not_change_the_text() {
    for path in pages().into_iter().filter(|p| kind(p) == InputKind::Html) {
        let bytes = read(&path);
        let options = Options::default().input(InputKind::Html);
        let expected = extract(&bytes, &options);
        // CRLF line ends are white space like any other.
        let crlf = String::from_utf8_lossy(&bytes).replace('\n', "\r\n");
        assert_eq!(
            extract(crlf.as_bytes(), &options).text,
            expected.text,
            "{}",
            path.display()
        );
    }
}
