//! `read_page` on arbitrary file contents (gzip members, truncated streams,
//! binary and empty pages), then the page through extraction as the CLI does.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use dateline_extract::{extract, InputKind, Options};
use dateline_input::{read_page, PageKind};
use libfuzzer_sys::fuzz_target;

fn scratch() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("dateline-fuzz-ingest-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch dir");
        dir.join("page.html.gz")
    })
}

fuzz_target!(|data: &[u8]| {
    let path = scratch();
    std::fs::write(path, data).expect("write scratch page");
    match read_page(path) {
        Ok(page) => {
            assert_eq!(page.kind, PageKind::Html);
            assert!(
                !page.bytes.iter().all(u8::is_ascii_whitespace),
                "empty page accepted"
            );
            if !data.starts_with(&[0x1f, 0x8b]) {
                assert_eq!(page.bytes, data, "plain page altered");
            }
            // A decompressed bomb is refused by size elsewhere; keep runs fast.
            if page.bytes.len() <= 1 << 20 {
                let _ = extract(&page.bytes, &Options::default().input(InputKind::Sniff));
            }
        }
        Err(e) => {
            let _ = (e.to_string(), e.reason());
        }
    }
});
