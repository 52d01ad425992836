//! Parses every page of a folder repeatedly and prints pages/s.
//! `cargo run --release -p dateline-html --example parse_speed -- DIR`

use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: parse_speed DIR");
    let found = dateline_input::discover(&[dir.into()]);
    let pages: Vec<String> = found
        .files
        .iter()
        .filter_map(|p| dateline_input::read_page(p).ok())
        .map(|p| String::from_utf8_lossy(&p.bytes).into_owned())
        .collect();
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
