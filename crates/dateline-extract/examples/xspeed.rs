//! Extraction CPU over a folder of pages held in memory, for speed work:
//! `cargo run --release -p dateline-extract --example xspeed -- DIR
//! URLS.json [ROUNDS] [--dump OUT.jsonl]`.
//!
//! Reads every page once, then extracts them all ROUNDS times (5 by
//! default) and prints the wall time; run it under `taskset -c 1` and
//! `/usr/bin/time` for the user CPU on one core, which a shared machine
//! disturbs far less than wall time. With `--dump`, it writes each page's
//! whole article as JSON (images, blocks and all), one line per page, for
//! a byte-for-byte comparison of two builds with `cmp`.

use std::collections::HashMap;
use std::io::Write;

use dateline_extract::{extract, InputKind, Options};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dump, args): (Option<&String>, Vec<&String>) =
        match args.iter().position(|a| a == "--dump") {
            Some(at) => (
                args.get(at + 1),
                args.iter()
                    .enumerate()
                    .filter(|&(i, _)| i != at && i != at + 1)
                    .map(|(_, a)| a)
                    .collect(),
            ),
            None => (None, args.iter().collect()),
        };
    let [dir, urls, rest @ ..] = args.as_slice() else {
        panic!("usage: xspeed DIR URLS.json [ROUNDS] [--dump OUT.jsonl]");
    };
    let rounds: usize = rest.first().map_or(5, |n| n.parse().expect("rounds"));
    let urls: HashMap<String, String> =
        serde_json::from_str(&std::fs::read_to_string(urls).expect("urls file"))
            .expect("urls json");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .expect("pages folder")
        .map(|e| e.expect("entry").path())
        .collect();
    names.sort();
    let mut pages = Vec::new();
    for path in names {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let id = name.split('.').next().unwrap_or(&name).to_string();
        let Ok(page) = dateline_input::read_page(&path) else {
            continue;
        };
        let mut options = Options::default().input(InputKind::Html);
        options.url = urls.get(&id).cloned();
        pages.push((page.bytes, options));
    }
    if let Some(out) = dump {
        let mut out = std::io::BufWriter::new(std::fs::File::create(out).expect("dump file"));
        for (bytes, options) in &pages {
            let article = extract(bytes, options);
            let line = serde_json::to_string(&article).expect("article json");
            writeln!(out, "{line}").expect("write");
        }
        return;
    }
    let start = std::time::Instant::now();
    // Keeps the optimiser from dropping the work.
    let mut checksum = 0usize;
    for _ in 0..rounds {
        for (bytes, options) in &pages {
            checksum = checksum.wrapping_add(extract(bytes, options).text.len());
        }
    }
    eprintln!(
        "{} pages in {:.3} s (checksum {checksum})",
        rounds * pages.len(),
        start.elapsed().as_secs_f64(),
    );
}
