//! `dateline annotate`: clean text in, what it names out (places, focus,
//! people, organisations, quantities, language), one JSON object per input
//! in input order.

use std::io::Write;

use dateline_ingest::{Batch, Extraction, Keep, Outcome, PipelineError, PipelineOptions, Sink};
use dateline_input::{Inputs, Names};
use dateline_model::{Article, Enrichment};
use serde::Serialize;

use crate::cli::{AnnotateArgs, JsonFormat};
use crate::common::{self, exit};

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
    let options = common::place_options(&args.places)?;
    let from_stdin =
        args.paths.is_empty() || (args.paths.len() == 1 && args.paths[0].as_os_str() == "-");
    // Every file is taken as the text itself, whatever its name.
    let inputs = if from_stdin {
        Inputs::stdin(Names::Any)
    } else {
        Inputs::open(&args.paths, Names::Any)
    };
    let format = args.format.unwrap_or(if inputs.is_one_page() {
        JsonFormat::Json
    } else {
        JsonFormat::Jsonl
    });
    let found = inputs.found();
    let pipeline = common::pipeline(
        &args.run,
        PipelineOptions::default()
            .extraction(Extraction::Text)
            .keep(Keep::All)
            .enrich(Some(options)),
    )?;
    let printer = Printer {
        out: std::io::BufWriter::new(std::io::stdout()),
        format,
        failed: 0,
    };
    let mut printer = pipeline.run(inputs, printer).map_err(|err| match err {
        PipelineError::Sink(err) => anyhow::Error::from(err),
        err => anyhow::anyhow!("{err}"),
    })?;
    printer.out.flush()?;
    Ok(if printer.failed > 0 || found == 0 {
        exit::SOME_FAILED
    } else {
        exit::OK
    })
}

/// Prints each text's enrichment; unreadable inputs go to stderr.
struct Printer<W: Write + Send> {
    out: W,
    format: JsonFormat,
    failed: usize,
}

impl<W: Write + Send> Sink for Printer<W> {
    type Extra = ();
    type Error = std::io::Error;

    fn extra(_: &Article) {}

    fn write(&mut self, batch: Batch<()>) -> std::io::Result<()> {
        for item in batch.items {
            let path = item.source.to_string();
            if let Some(warning) = item.warning {
                eprintln!("dateline: {path}: {warning}");
            }
            match item.outcome {
                Outcome::Article(done) => {
                    let mut enrichment = done.enrichment.unwrap_or_default();
                    // Enrichment moves the language it detects into the
                    // article; here the text is all there is.
                    enrichment.language = done.article.language;
                    let annotated = Annotated {
                        source: Source {
                            path: &path,
                            format: "text",
                        },
                        enrichment,
                    };
                    match self.format {
                        JsonFormat::Json => {
                            serde_json::to_writer_pretty(&mut self.out, &annotated)?
                        }
                        JsonFormat::Jsonl => serde_json::to_writer(&mut self.out, &annotated)?,
                    }
                    writeln!(self.out)?;
                }
                Outcome::Failed(err) => {
                    eprintln!("dateline: {err}");
                    self.failed += 1;
                }
                Outcome::NotArticle(_) => {}
            }
        }
        Ok(())
    }
}
