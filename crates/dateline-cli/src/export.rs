//! `dateline export`: every stored article as JSONL, CSV, Parquet or
//! Elasticsearch/OpenSearch `_bulk` NDJSON.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};

use anyhow::{bail, Context};
use dateline_export::{ExportFormat, ExportRecord, Exporter};

use crate::cli::{ExportArgs, ExportFormatArg};
use crate::common::exit;

/// Runs the command; returns the exit code.
pub fn run(args: ExportArgs) -> anyhow::Result<u8> {
    let store = crate::common::open_store(&args.store)?;
    let format = match args.format {
        ExportFormatArg::Jsonl => ExportFormat::Jsonl,
        ExportFormatArg::Csv => ExportFormat::Csv,
        ExportFormatArg::Parquet => ExportFormat::Parquet,
        ExportFormatArg::EsBulk => ExportFormat::EsBulk,
    };
    if let Some(path) = &args.mapping {
        if format != ExportFormat::EsBulk {
            bail!("--mapping goes with --format es-bulk");
        }
        std::fs::write(path, dateline_export::ES_MAPPING)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    let out: Box<dyn Write + Send> = match &args.output {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).with_context(|| format!("creating {}", path.display()))?,
        )),
        None => {
            if format == ExportFormat::Parquet && std::io::stdout().is_terminal() {
                bail!("Parquet is binary: give a file with -o, or redirect standard output");
            }
            Box::new(BufWriter::new(std::io::stdout()))
        }
    };
    let mut exporter = Exporter::new(format, out)?.with_index(&args.index);
    let mut count = 0u64;
    store.for_each_article(|stored| -> anyhow::Result<()> {
        exporter.write(&ExportRecord {
            id: stored.id,
            cluster_id: stored.cluster_id,
            cluster_size: stored.cluster_size,
            article: &stored.article,
            provenance: &stored.provenance,
            enrichment: stored.enrichment.as_ref(),
        })?;
        count += 1;
        Ok(())
    })?;
    exporter.finish()?.flush().context("writing the export")?;
    if let Some(path) = &args.output {
        eprintln!("dateline: exported {count} articles to {}", path.display());
    }
    Ok(exit::OK)
}
