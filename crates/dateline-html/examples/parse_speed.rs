//! Parses every `.html.gz` page of a folder repeatedly and prints pages/s.
//! `cargo run --release -p dateline-html --example parse_speed -- DIR`

use std::io::Read;
use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: parse_speed DIR");
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("entry").path();
        let mut html = String::new();
        let file = std::fs::File::open(&path).expect("file");
        if path.to_string_lossy().ends_with(".gz") {
            flate2::read::GzDecoder::new(file)
                .read_to_string(&mut html)
                .expect("gzip utf8");
        } else {
            std::io::BufReader::new(file)
                .read_to_string(&mut html)
                .expect("utf8");
        }
        pages.push(html);
    }
    let rounds = 10;
    let start = Instant::now();
    let mut nodes = 0;
    for _ in 0..rounds {
        for page in &pages {
            nodes += dateline_html::Document::parse(page).len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let bytes: usize = pages.iter().map(String::len).sum();
    println!(
        "{} pages, {:.0} pages/s, {:.0} MB/s, {} nodes/round",
        pages.len(),
        (pages.len() * rounds) as f64 / secs,
        (bytes * rounds) as f64 / secs / 1e6,
        nodes / rounds
    );
}
