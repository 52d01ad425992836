//! `dateline annotate`: clean text in, places and focus out, one JSON
//! object per input in input order.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use dateline_enrich::{Enrichment, PlaceOptions};
use rayon::prelude::*;
use serde::Serialize;

use crate::cli::{AnnotateArgs, JsonFormat};
use crate::enrich::place_options;
use crate::exit;

/// Inputs read and annotated in parallel at a time.
const CHUNK: usize = 256;

/// One input's output.
#[derive(Serialize)]
struct Annotated<'a> {
    source: Source<'a>,
    #[serde(flatten)]
    enrichment: Enrichment,
}

#[derive(Serialize)]
struct Source<'a> {
    path: &'a str,
    format: &'static str,
}

/// Runs the command; returns the exit code.
pub fn run(args: AnnotateArgs) -> anyhow::Result<u8> {
    let options = place_options(&args.places)?;
    let from_stdin =
        args.paths.is_empty() || (args.paths.len() == 1 && args.paths[0].as_os_str() == "-");
    let mut failed = 0;
    let inputs = if from_stdin {
        vec![PathBuf::from("-")]
    } else {
        let mut inputs = Vec::new();
        for path in &args.paths {
            if let Err(err) = collect(path, &mut inputs) {
                eprintln!("dateline: {}: {err}", path.display());
                failed += 1;
            }
        }
        inputs
    };
    let format = args.format.unwrap_or(if inputs.len() == 1 {
        JsonFormat::Json
    } else {
        JsonFormat::Jsonl
    });
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .context("starting worker threads")?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for chunk in inputs.chunks(CHUNK) {
        let results: Vec<anyhow::Result<String>> = pool.install(|| {
            chunk
                .par_iter()
                .map(|path| annotate(path, &options, format))
                .collect()
        });
        for (path, result) in chunk.iter().zip(results) {
            match result {
                Ok(json) => writeln!(out, "{json}")?,
                Err(err) => {
                    eprintln!("dateline: {}: {err:#}", path.display());
                    failed += 1;
                }
            }
        }
    }
    out.flush()?;
    Ok(if failed > 0 || inputs.is_empty() {
        exit::SOME_FAILED
    } else {
        exit::OK
    })
}

/// Adds `path` (a file) or the files under it (a folder), in name order.
fn collect(path: &Path, inputs: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if !path.is_dir() {
        std::fs::metadata(path)?;
        inputs.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for entry in entries {
        collect(&entry, inputs)?;
    }
    Ok(())
}

fn annotate(path: &Path, options: &PlaceOptions, format: JsonFormat) -> anyhow::Result<String> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin().read_to_end(&mut bytes)?;
    } else {
        bytes = std::fs::read(path)?;
    }
    // Offsets count the characters of the text as given; bytes that are
    // not UTF-8 cannot be counted so, and become U+FFFD.
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            eprintln!(
                "dateline: {}: not UTF-8; invalid bytes replaced",
                path.display()
            );
            String::from_utf8_lossy(err.as_bytes()).into_owned()
        }
    };
    let shown = path.to_string_lossy();
    let annotated = Annotated {
        source: Source {
            path: &shown,
            format: "text",
        },
        enrichment: dateline_enrich::enrich(&text, options),
    };
    Ok(match format {
        JsonFormat::Json => serde_json::to_string_pretty(&annotated)?,
        JsonFormat::Jsonl => serde_json::to_string(&annotated)?,
    })
}
