//! Extracts every page of a folder and writes `{"id", "text", ...}` JSONL
//! for `bench/score.py`: `cargo run --release -p dateline-extract --example
//! eval_predict -- DIR OUT.jsonl`. Ids are file names without extensions.

use std::io::{Read, Write};

use dateline_extract::{extract, InputKind, Options};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: eval_predict DIR OUT.jsonl");
    let out = args.next().expect("usage: eval_predict DIR OUT.jsonl");
    let mut writer = std::io::BufWriter::new(std::fs::File::create(out).expect("writable output"));
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("readable folder")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let id = name.split('.').next().unwrap_or_default();
        let mut bytes = Vec::new();
        let file = std::fs::File::open(&path).expect("readable file");
        if name.ends_with(".gz") {
            flate2::read::GzDecoder::new(file)
                .read_to_end(&mut bytes)
                .expect("gzip");
        } else {
            std::io::BufReader::new(file)
                .read_to_end(&mut bytes)
                .expect("read");
        }
        let kind = if name.ends_with(".txt") {
            InputKind::Text
        } else {
            InputKind::Html
        };
        let article = extract(&bytes, &Options::default().input(kind));
        let line = serde_json::json!({"id": id, "text": article.text, "title": article.title});
        writeln!(writer, "{line}").expect("write");
    }
}
