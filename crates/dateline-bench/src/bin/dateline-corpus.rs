//! Generates the synthetic scale-benchmark corpus from the bench pages:
//! `corpus.warc.gz` and/or `pages/<nnnn>/<n>.html.gz`, with `truth.jsonl`
//! (which documents are copies of which story) and `queries.jsonl`.
//! Prints a JSON summary line on stdout. See `dateline_bench::corpus`.

use std::path::PathBuf;

use dateline_bench::corpus::{self, Config, Format};
use dateline_bench::pages::die;

const USAGE: &str = "dateline-corpus --data ../shared/bench --docs 200000 --out DIR [--format warc|dir|both] [--seed 1] [--exact-rate 0.10] [--near-rate 0.10]";

fn main() {
    let mut cfg = Config {
        data: PathBuf::from("../shared/bench"),
        docs: 200_000,
        out: PathBuf::new(),
        format: Format::Both,
        seed: 1,
        exact_rate: 0.10,
        near_rate: 0.10,
    };
    let mut out = None;
    let mut args = std::env::args().skip(1);
    let fail = |msg: &str| -> ! {
        eprintln!("error: {msg}\nusage: {USAGE}");
        std::process::exit(2)
    };
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| fail(&format!("{arg} needs a value")))
        };
        match arg.as_str() {
            "--data" => cfg.data = PathBuf::from(value()),
            "--out" => out = Some(PathBuf::from(value())),
            "--docs" => cfg.docs = value().parse().unwrap_or_else(|_| fail("bad --docs")),
            "--seed" => cfg.seed = value().parse().unwrap_or_else(|_| fail("bad --seed")),
            "--exact-rate" => {
                cfg.exact_rate = value().parse().unwrap_or_else(|_| fail("bad --exact-rate"))
            }
            "--near-rate" => {
                cfg.near_rate = value().parse().unwrap_or_else(|_| fail("bad --near-rate"))
            }
            "--format" => {
                cfg.format = match value().as_str() {
                    "warc" => Format::Warc,
                    "dir" => Format::Dir,
                    "both" => Format::Both,
                    other => fail(&format!("--format must be warc, dir or both, not {other}")),
                }
            }
            "-h" | "--help" => {
                println!("usage: {USAGE}");
                return;
            }
            other => fail(&format!("unknown argument {other}")),
        }
    }
    cfg.out = out.unwrap_or_else(|| fail("--out is required"));
    if cfg.docs == 0 {
        die("--docs must be at least 1");
    }
    let summary = corpus::generate(&cfg);
    println!(
        "{}",
        serde_json::to_string(&summary).expect("summary serialises")
    );
}
