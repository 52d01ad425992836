//! Loading benchmark pages into memory, the small command line every bench
//! binary shares, predictions JSONL and the throughput loop.
//!
//! This file is also compiled into `bench/peers-rs` (through `#[path]`), so
//! it only depends on `std`, `flate2`, `serde` and `serde_json`.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// One page held in memory.
#[derive(Debug, Clone)]
pub struct Page {
    /// Identifier: file stem (`<id>.html.gz` -> `<id>`), the full file name
    /// with `--id name`, or the folder name for `<name>/source.html`.
    pub id: String,
    /// Where it was read from.
    pub path: PathBuf,
    /// Page address when the `--urls` map knows it.
    pub url: Option<String>,
    /// Raw (decompressed) bytes.
    pub bytes: Vec<u8>,
}

/// How page identifiers are made from file names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdStyle {
    /// File name without `.html.gz`, `.html`, `.htm`, `.txt`, `.gz`.
    Stem,
    /// The whole file name.
    Name,
}

/// The command line shared by the bench binaries.
#[derive(Debug, Clone)]
pub struct Args {
    /// Folders or files to read.
    pub inputs: Vec<PathBuf>,
    /// JSON object `{id: url}`.
    pub urls: Option<PathBuf>,
    /// Output file (predictions JSONL); stdout when absent.
    pub out: Option<PathBuf>,
    /// Identifier style.
    pub id_style: IdStyle,
    /// Throughput: keep running rounds until this many seconds have passed.
    pub min_seconds: f64,
    /// Throughput: at least this many rounds.
    pub min_rounds: usize,
    /// Throughput: extra untimed warm-up rounds over the first page.
    pub warmup: usize,
}

impl Args {
    /// Parses `std::env::args()`; exits with a usage message on error.
    pub fn parse(usage: &str) -> Self {
        Self::parse_from(usage, std::env::args().skip(1))
    }

    /// Parses the given arguments (without the program name).
    pub fn parse_from(usage: &str, mut it: impl Iterator<Item = String>) -> Self {
        let mut args = Args {
            inputs: Vec::new(),
            urls: None,
            out: None,
            id_style: IdStyle::Stem,
            min_seconds: 3.0,
            min_rounds: 1,
            warmup: 1,
        };
        let fail = |msg: &str| -> ! {
            eprintln!("error: {msg}\nusage: {usage}");
            std::process::exit(2)
        };
        while let Some(arg) = it.next() {
            let mut value = |name: &str| {
                it.next()
                    .unwrap_or_else(|| fail(&format!("{name} needs a value")))
            };
            match arg.as_str() {
                "--urls" => args.urls = Some(PathBuf::from(value("--urls"))),
                "--out" => args.out = Some(PathBuf::from(value("--out"))),
                "--id" => {
                    args.id_style = match value("--id").as_str() {
                        "stem" => IdStyle::Stem,
                        "name" => IdStyle::Name,
                        other => fail(&format!("--id must be stem or name, not {other}")),
                    }
                }
                "--min-seconds" => {
                    args.min_seconds = value("--min-seconds")
                        .parse()
                        .unwrap_or_else(|_| fail("bad --min-seconds"))
                }
                "--min-rounds" => {
                    args.min_rounds = value("--min-rounds")
                        .parse()
                        .unwrap_or_else(|_| fail("bad --min-rounds"))
                }
                "--warmup" => {
                    args.warmup = value("--warmup")
                        .parse()
                        .unwrap_or_else(|_| fail("bad --warmup"))
                }
                "-h" | "--help" => {
                    println!("usage: {usage}");
                    std::process::exit(0)
                }
                flag if flag.starts_with("--") => fail(&format!("unknown option {flag}")),
                _ => args.inputs.push(PathBuf::from(arg)),
            }
        }
        if args.inputs.is_empty() {
            fail("no input folder or file given");
        }
        args
    }

    /// Loads every page of the inputs (sorted by id), with their URLs.
    pub fn load(&self) -> Vec<Page> {
        let urls: HashMap<String, String> = match &self.urls {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .unwrap_or_else(|e| die(&format!("cannot read {}: {e}", path.display())));
                serde_json::from_str(&text)
                    .unwrap_or_else(|e| die(&format!("bad JSON in {}: {e}", path.display())))
            }
            None => HashMap::new(),
        };
        let mut pages = Vec::new();
        for input in &self.inputs {
            if !input.exists() {
                die(&format!("no such file or folder: {}", input.display()));
            }
            if input.is_dir() && !input.join("source.html").is_file() {
                let mut entries: Vec<PathBuf> = std::fs::read_dir(input)
                    .unwrap_or_else(|e| die(&format!("cannot list {}: {e}", input.display())))
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .collect();
                entries.sort();
                for path in entries {
                    if path.is_dir() {
                        if path.join("source.html").is_file() {
                            pages.push(read_page(&path, self.id_style));
                        }
                    } else if is_page_file(&path) {
                        pages.push(read_page(&path, self.id_style));
                    }
                }
            } else {
                pages.push(read_page(input, self.id_style));
            }
        }
        for page in &mut pages {
            page.url = urls.get(&page.id).cloned();
        }
        pages.sort_by(|a, b| a.id.cmp(&b.id));
        pages
    }

    /// Opens the output (file or stdout).
    pub fn output(&self) -> Box<dyn Write> {
        match &self.out {
            Some(path) => Box::new(std::io::BufWriter::new(
                std::fs::File::create(path)
                    .unwrap_or_else(|e| die(&format!("cannot write {}: {e}", path.display()))),
            )),
            None => Box::new(std::io::BufWriter::new(std::io::stdout())),
        }
    }
}

/// Prints an error and exits with status 1.
pub fn die(msg: &str) -> ! {
    eprintln!("error: {msg}");
    std::process::exit(1)
}

fn is_page_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    [
        ".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".txt", ".txt.gz",
    ]
    .iter()
    .any(|ext| name.ends_with(ext))
}

fn read_page(path: &Path, style: IdStyle) -> Page {
    let (file, id) = if path.is_dir() {
        let id = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        (path.join("source.html"), id)
    } else {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = match style {
            IdStyle::Name => name,
            IdStyle::Stem => {
                let mut stem = name.as_str();
                for ext in [".gz", ".html", ".htm", ".xhtml", ".txt"] {
                    if stem.len() > ext.len() && stem.to_lowercase().ends_with(ext) {
                        stem = &stem[..stem.len() - ext.len()];
                    }
                }
                stem.to_string()
            }
        };
        (path.to_path_buf(), id)
    };
    let raw = std::fs::read(&file)
        .unwrap_or_else(|e| die(&format!("cannot read {}: {e}", file.display())));
    let bytes = if file.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .unwrap_or_else(|e| die(&format!("bad gzip {}: {e}", file.display())));
        out
    } else {
        raw
    };
    Page {
        id,
        path: file,
        url: None,
        bytes,
    }
}

/// True when the page is a plain-text dump (`.txt`).
pub fn is_text(page: &Page) -> bool {
    let name = page.path.to_string_lossy().to_lowercase();
    name.ends_with(".txt") || name.ends_with(".txt.gz")
}

/// One prediction line.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Prediction {
    /// Page identifier.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Author names.
    pub authors: Vec<String>,
    /// Publication date or time (ISO 8601), as the tool gives it.
    pub published: Option<String>,
    /// Body text.
    pub text: String,
    /// Error message when the tool failed on the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Milliseconds spent in the tool for this page.
    pub ms: f64,
}

/// Runs `predict` on every page and writes JSONL; prints a summary line
/// `{pages, seconds, pages_per_sec, errors}` to stderr.
pub fn write_predictions(args: &Args, mut predict: impl FnMut(&Page) -> Prediction) {
    let pages = args.load();
    let mut out = args.output();
    let mut total = 0.0;
    let mut errors = 0;
    for page in &pages {
        let start = Instant::now();
        let mut prediction = predict(page);
        prediction.ms = start.elapsed().as_secs_f64() * 1000.0;
        total += prediction.ms / 1000.0;
        errors += usize::from(prediction.error.is_some());
        prediction.id = page.id.clone();
        let line = serde_json::to_string(&prediction).expect("serialisable");
        writeln!(out, "{line}").unwrap_or_else(|e| die(&format!("write failed: {e}")));
    }
    out.flush()
        .unwrap_or_else(|e| die(&format!("write failed: {e}")));
    eprintln!(
        "{}",
        serde_json::json!({"pages": pages.len(), "seconds": total, "errors": errors,
            "pages_per_sec": if total > 0.0 { pages.len() as f64 / total } else { 0.0 }})
    );
}

/// Runs `extract` over all pages (already in memory) for whole rounds until
/// `min_seconds` and `min_rounds` are both reached, then prints
/// `{pages, rounds, seconds, pages_per_sec, bytes, max_ms}` as JSON on stdout.
/// `prepare` turns a page into the tool's input before any timing.
pub fn throughput<T>(
    args: &Args,
    prepare: impl Fn(&Page) -> T,
    mut extract: impl FnMut(&T, &Page) -> usize,
) {
    let pages = args.load();
    if pages.is_empty() {
        die("no pages found");
    }
    let inputs: Vec<T> = pages.iter().map(&prepare).collect();
    let mut sink = 0usize;
    for _ in 0..args.warmup {
        sink = sink.wrapping_add(extract(&inputs[0], &pages[0]));
    }
    let start = Instant::now();
    let mut rounds = 0;
    let mut max_ms: f64 = 0.0;
    loop {
        for (input, page) in inputs.iter().zip(&pages) {
            let one = Instant::now();
            sink = sink.wrapping_add(extract(input, page));
            max_ms = max_ms.max(one.elapsed().as_secs_f64() * 1000.0);
        }
        rounds += 1;
        let secs = start.elapsed().as_secs_f64();
        if rounds >= args.min_rounds && secs >= args.min_seconds {
            break;
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let count = pages.len() * rounds;
    let bytes: usize = pages.iter().map(|p| p.bytes.len()).sum();
    println!(
        "{}",
        serde_json::json!({
            "pages": pages.len(), "rounds": rounds, "seconds": seconds,
            "pages_per_sec": count as f64 / seconds, "bytes": bytes, "max_ms": max_ms,
            "checksum": sink,
        })
    );
}
