//! The crawl suite's measurements, one JSON object each on stdout (see
//! `dateline_bench::crawl`):
//!
//! - `crawl`: the release `dateline crawl` with politeness off on loopback,
//!   fetch + WARC + ingest of the bench pages, pages/s (with and without
//!   enrichment);
//! - `http`: `dateline_fetch::net::Client` alone, requests/s at 1, 4 and
//!   16 hosts asked at once (`--in-flight 1,4,16`);
//! - `polite`: `dateline crawl` with a crawl delay, efficiency against the
//!   ideal schedule;
//! - `sitemap`: a 50,000-URL sitemap parsed in process, time and memory,
//!   then gzipped through `dateline crawl` (unless `--no-crawl`), each
//!   such crawl run from a `sitemap-crawl` process of its own;
//! - `serve`: the news sites of `crawl` (or, with `--delay`, of `polite`)
//!   served until standard input closes, with the `dateline crawl`
//!   arguments that crawl them, for profiling a crawl by hand.

use std::collections::HashMap;
use std::path::PathBuf;

use dateline_bench::crawl::{crawler, load, polite, sitemaps, sites, throughput, web};
use dateline_bench::pages::die;

const USAGE: &str =
    "dateline-crawl-bench crawl|http|polite|sitemap|serve [--data ../shared/bench] \
     [--dateline target/release/dateline] [--work DIR] [--hosts N] [--runs N] \
     [--in-flight N,N,...] [--requests N] [--delay S] [--urls N] [--no-crawl]";

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(command) = args.next() else {
        fail("no measurement given")
    };
    if matches!(command.as_str(), "-h" | "--help") {
        println!("usage: {USAGE}");
        return;
    }
    let mut opts: HashMap<String, String> = HashMap::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--no-crawl" => {
                opts.insert(arg, String::new());
            }
            "--data" | "--dateline" | "--work" | "--hosts" | "--runs" | "--in-flight"
            | "--requests" | "--delay" | "--urls" | "--variant" => {
                let value = args
                    .next()
                    .unwrap_or_else(|| fail(&format!("{arg} needs a value")));
                opts.insert(arg, value);
            }
            other => fail(&format!("unknown argument {other}")),
        }
    }
    let path = |name: &str, default: PathBuf| opts.get(name).map_or(default, PathBuf::from);
    let number = |name: &str, default: f64| -> f64 {
        opts.get(name).map_or(default, |v| {
            v.parse()
                .unwrap_or_else(|_| fail(&format!("{name} takes a number, not {v}")))
        })
    };
    let data = path("--data", PathBuf::from("../shared/bench"));
    let dateline = path("--dateline", sibling("dateline"));
    let work = path("--work", std::env::temp_dir().join("dateline-crawl-bench"));
    let result = match command.as_str() {
        "crawl" => throughput::measure(&throughput::Config {
            dateline: binary(dateline),
            data,
            work,
            hosts: number("--hosts", 4.0) as usize,
            runs: number("--runs", 3.0) as usize,
        }),
        "http" => {
            let pages = sites::bench_pages(&data);
            let in_flight = opts.get("--in-flight").map_or("1,4,16", String::as_str);
            let in_flight = in_flight
                .split(',')
                .map(|n| match n.trim().parse::<usize>() {
                    Ok(n) if n > 0 => n,
                    _ => fail(&format!(
                        "--in-flight takes numbers above 0 (1,4,16), not {n}"
                    )),
                })
                .collect();
            load::measure(
                &pages,
                &load::Config {
                    in_flight,
                    requests: number("--requests", 10_000.0) as usize,
                    max_seconds: 60.0,
                },
            )
        }
        "polite" => polite::measure(&polite::Config {
            dateline: binary(dateline),
            data,
            work,
            hosts: number("--hosts", 4.0) as usize,
            delay: number("--delay", 0.2),
        }),
        "sitemap" => sitemaps::measure(&sitemaps::Config {
            urls: number("--urls", 50_000.0) as usize,
            runs: number("--runs", 3.0) as usize,
            crawl: (!opts.contains_key("--no-crawl")).then(|| (binary(dateline), work)),
        }),
        // One end-to-end sitemap crawl, in a process of its own (run by
        // `sitemap`, for that crawl's own peak memory).
        "sitemap-crawl" => sitemaps::crawl_gz(
            &binary(dateline),
            &work,
            opts.get("--variant").map_or("read", String::as_str),
            number("--urls", 50_000.0) as usize,
        ),
        "serve" => {
            let delay = opts.get("--delay").map(|_| number("--delay", 0.0));
            serve(&data, number("--hosts", 4.0) as usize, delay);
            return;
        }
        other => fail(&format!("unknown measurement {other}")),
    };
    println!("{result}");
}

/// Serves the news sites until standard input closes.
fn serve(data: &std::path::Path, hosts: usize, delay: Option<f64>) {
    let pages = sites::bench_pages(data);
    let listener = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap_or_else(|e| die(&format!("cannot listen on loopback: {e}")));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or_default();
    let news = sites::news_sites(&pages, hosts, port, delay);
    let web = web::Web::start(listener, news.sites.clone(), 2)
        .unwrap_or_else(|e| die(&format!("cannot start the loopback web: {e}")));
    let args = crawler::crawl_args(std::path::Path::new("STORE"), &news.sitemaps, &web, &[]);
    println!("{}", serde_json::json!({"port": port, "crawl_args": args}));
    let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut Vec::new());
    eprintln!("[crawl-bench] served {} requests", web.log().len());
}

/// A binary next to this one (`target/release/NAME`).
fn sibling(name: &str) -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(name)))
        .unwrap_or_else(|| PathBuf::from(name))
}

fn binary(path: PathBuf) -> PathBuf {
    if !path.is_file() {
        die(&format!(
            "no dateline binary at {} (cargo build --release -p dateline-cli, or --dateline PATH)",
            path.display()
        ));
    }
    path
}

fn fail(msg: &str) -> ! {
    eprintln!("error: {msg}\nusage: {USAGE}");
    std::process::exit(2)
}
