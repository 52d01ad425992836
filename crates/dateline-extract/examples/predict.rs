//! Predictions for a folder of pages, for quick tuning loops without the
//! bench build: `cargo run --release -p dateline-extract --example predict
//! -- DIR URLS.json OUT.jsonl [stem|name]`. Writes the JSONL that
//! `bench/score.py` and `bench/wcxb_score.py` read (`crates/dateline-bench`
//! writes the same lines for `bench/run`), plus `page_type` and `reason`.

use std::collections::HashMap;
use std::io::Write;

use dateline_extract::{extract, InputKind, Options};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, urls, out, rest @ ..] = args.as_slice() else {
        panic!("usage: predict DIR URLS.json OUT.jsonl [stem|name]");
    };
    let by_name = rest.first().is_some_and(|s| s == "name");
    let urls: HashMap<String, String> =
        serde_json::from_str(&std::fs::read_to_string(urls).expect("urls file"))
            .expect("urls json");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .expect("pages folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut out = std::io::BufWriter::new(std::fs::File::create(out).expect("out file"));
    for name in names {
        let path = std::path::Path::new(dir).join(&name);
        let Ok(page) = dateline_input::read_page(&path) else {
            continue;
        };
        let id = if by_name {
            name.clone()
        } else {
            name.split('.').next().unwrap_or(&name).to_string()
        };
        let kind = if name.contains(".txt") {
            InputKind::Text
        } else {
            InputKind::Html
        };
        let mut options = Options::default().input(kind);
        if let Some(url) = urls.get(&id) {
            options = options.url(url.clone());
        }
        let a = extract(&page.bytes, &options);
        let line = serde_json::json!({
            "id": id, "title": a.title, "authors": a.authors,
            "published": a.published.map(|t| t.to_string()), "text": a.text,
            "is_article": a.is_article, "reason": a.reason, "page_type": a.page_type,
        });
        writeln!(out, "{line}").expect("write");
    }
}
