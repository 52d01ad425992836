//! What event coding costs in enrichment, on real news: the article bodies
//! of the 181 scrapinghub pages (`../shared/bench/scrapinghub/
//! ground-truth.json`, the texts the extraction benchmark expects, so no
//! extraction is timed), enriched in a loop on this thread with events off
//! and on, and the event coder alone over the same texts.
//!
//! Times are this thread's CPU time (`/proc/thread-self/schedstat`), so
//! that other processes sharing the cores do not inflate them; wall time
//! is printed beside.
//!
//! ```sh
//! cargo run --release -p dateline-enrich --example events-cost -- [--bench ../shared/bench] [--seconds 3] [--dump]
//! ```
//!
//! `--rounds N` codes the texts N times with the coder alone and no
//! clock, for instruction counters. `--dump` prints every coded event with its sentence instead (for
//! checking by hand); `--sentences` prints every sentence with its
//! article's id.

use std::path::PathBuf;
use std::time::Instant;

use dateline_enrich::{enrich, Events, PlaceOptions};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let bench = value("--bench")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/bench"));
    let seconds: f64 = value("--seconds")
        .and_then(|s| s.parse().ok())
        .unwrap_or(3.0);
    let path = bench.join("scrapinghub/ground-truth.json");
    let Ok(raw) = std::fs::read_to_string(&path) else {
        eprintln!("events-cost: {} not found", path.display());
        std::process::exit(2);
    };
    let truth: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&raw).expect("ground truth");
    let mut texts: Vec<(String, String)> = truth
        .iter()
        .map(|(id, v)| {
            (
                id.clone(),
                v["articleBody"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    texts.sort();
    let off = PlaceOptions {
        events: Events::Skip,
        ..PlaceOptions::default()
    };
    let on = PlaceOptions {
        events: Events::Code,
        ..PlaceOptions::default()
    };
    if args.iter().any(|a| a == "--sentences") {
        // Every sentence, one a line: article id, then the sentence (for
        // sampling sentences to check by hand).
        for (id, text) in &texts {
            for (start, end) in dateline_events::text::sentences(text) {
                println!("{id}\t{}", text[start..end].replace(['\n', '\t'], " "));
            }
        }
        return;
    }
    if args.iter().any(|a| a == "--dump") {
        for (id, text) in &texts {
            let found = enrich(text, &on);
            let chars: Vec<char> = text.chars().collect();
            for e in &found.events {
                let sentence: String = chars[e.sentence.start..e.sentence.end].iter().collect();
                let actor = |a: &Option<dateline_events::EventActor>| {
                    a.as_ref()
                        .map_or("-".to_string(), |a| format!("{}({})", a.code, a.surface))
                };
                println!(
                    "{id}\t{}\t{}\t{}\t{}\t{:.2}\t{}",
                    actor(&e.source),
                    e.cameo,
                    e.verb.surface,
                    actor(&e.target),
                    e.confidence,
                    sentence.replace(['\n', '\t'], " ")
                );
            }
        }
        return;
    }
    if let Some(rounds) = value("--rounds").and_then(|r| r.parse::<usize>().ok()) {
        // The coder alone, a fixed number of rounds and no clock: for
        // instruction and cache counters (`valgrind --tool=cachegrind`),
        // where the difference of two round counts is the coding's own.
        let coder = dateline_events::Coder::embedded();
        let context = dateline_events::Context::default();
        // The texts enrichment codes (not those in another language).
        let coded: Vec<&(String, String)> = texts
            .iter()
            .filter(|(_, t)| {
                dateline_enrich::codes_events_in(dateline_enrich::detect_language(t).as_deref())
            })
            .collect();
        let events: usize = (0..rounds)
            .flat_map(|_| &coded)
            .map(|(_, t)| coder.code_text(t, &context).len())
            .sum();
        println!("{events} events in {rounds} rounds");
        return;
    }
    let sentences: usize = texts
        .iter()
        .map(|(_, t)| dateline_events::text::sentences(t).len())
        .sum();
    let coder = dateline_events::Coder::embedded();
    // Warm up: dictionaries and gazetteer parsed before timing.
    let warm: usize = texts.iter().map(|(_, t)| enrich(t, &on).events.len()).sum();
    let events_per_round = warm;
    let time = |f: &dyn Fn() -> usize| {
        let (wall, cpu) = (Instant::now(), cpu_ns());
        let mut rounds = 0usize;
        let mut sink = 0usize;
        while rounds == 0 || wall.elapsed().as_secs_f64() < seconds {
            sink += f();
            rounds += 1;
        }
        std::hint::black_box(sink);
        let cpu = (cpu_ns() - cpu) as f64 / 1e9;
        (rounds, cpu, wall.elapsed().as_secs_f64())
    };
    let run = |options: &PlaceOptions| {
        time(&|| {
            texts
                .iter()
                .map(|(_, t)| {
                    let e = enrich(t, options);
                    e.places.len() + e.events.len()
                })
                .sum()
        })
    };
    let (r_off, c_off, w_off) = run(&off);
    let (r_on, c_on, w_on) = run(&on);
    let context = dateline_events::Context::default();
    let (r_ev, c_ev, w_ev) = time(&|| {
        texts
            .iter()
            .map(|(_, t)| coder.code_text(t, &context).len())
            .sum()
    });
    let n = texts.len() as f64;
    let ms = |rounds: usize, secs: f64| 1000.0 * secs / (rounds as f64 * n);
    let out = serde_json::json!({
        "articles": texts.len(),
        "sentences": sentences,
        "events_per_round": events_per_round,
        "enrich_ms_per_article_events_off": ms(r_off, c_off),
        "enrich_ms_per_article_events_on": ms(r_on, c_on),
        "events_ms_per_article": ms(r_on, c_on) - ms(r_off, c_off),
        "coder_sentences_per_cpu_sec": (r_ev * sentences) as f64 / c_ev,
        "wall": {
            "enrich_ms_per_article_events_off": ms(r_off, w_off),
            "enrich_ms_per_article_events_on": ms(r_on, w_on),
            "coder_sentences_per_sec": (r_ev * sentences) as f64 / w_ev,
        },
    });
    println!("{}", serde_json::to_string_pretty(&out).unwrap());
}

/// This thread's CPU time in nanoseconds (wall time where unavailable).
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| {
            static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
            START.get_or_init(Instant::now).elapsed().as_nanos() as u64
        })
}
