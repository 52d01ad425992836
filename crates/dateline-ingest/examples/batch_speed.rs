//! Pages per second of the pipeline on pages held in memory: one batch of
//! every page, one page per call, and `dateline_extract::extract` in a
//! loop, so that a cost of batching shows beside the extraction's own.
//!
//! `cargo run --release -p dateline-ingest --example batch_speed -- DIR [REPEAT] [THREADS] [ONLY]`
//!
//! ONLY runs the modes whose label starts with it (`one batch`, `extract`),
//! so that each can be timed alone (`/usr/bin/time` gives its CPU time,
//! which holds on a loaded machine where pages/s do not).

use std::path::PathBuf;
use std::time::Instant;

use dateline_ingest::{Pipeline, PipelineOptions};
use dateline_input::{read_page, Record};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("a folder of pages"));
    let repeat: usize = args.next().map_or(4, |n| n.parse().expect("REPEAT"));
    let threads: usize = args.next().map_or(1, |n| n.parse().expect("THREADS"));
    let only: Option<String> = args.next();
    let mut pages: Vec<Record> = Vec::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("readable folder")
        .map(|e| e.expect("entry").path())
        .collect();
    names.sort();
    for path in &names {
        if let Ok(record) = read_page(path) {
            pages.push(record);
        }
    }
    let all: Vec<Record> = (0..repeat).flat_map(|_| pages.iter().cloned()).collect();
    let pipeline =
        Pipeline::new(PipelineOptions::default().threads(Some(threads))).expect("a pool");

    let time = |label: &str, f: &dyn Fn() -> usize| {
        if only.as_deref().is_some_and(|o| !label.starts_with(o)) {
            return;
        }
        let start = Instant::now();
        let done = f();
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{label:<28} {done:>6} pages {:>8.0} pages/s",
            done as f64 / secs
        );
    };
    for _ in 0..2 {
        time("one batch", &|| {
            let mut profiles = pipeline.site_profiles();
            let records = all.iter().cloned().map(Ok).collect();
            pipeline.process_records(records, &mut profiles).len()
        });
        time("one page per call", &|| {
            let mut profiles = pipeline.site_profiles();
            all.iter()
                .map(|r| {
                    pipeline
                        .process_records(vec![Ok(r.clone())], &mut profiles)
                        .len()
                })
                .sum()
        });
        time("extract in a loop", &|| {
            all.iter()
                .map(|r| {
                    let options = dateline_extract::Options::default();
                    dateline_extract::extract(&r.bytes, &options)
                        .text
                        .len()
                        .min(1)
                })
                .count()
        });
    }
}
