//! JSON Lines: the article contract plus store fields, one object a line;
//! and the same objects as Elasticsearch/OpenSearch `_bulk` documents.

use std::io::Write;

use dateline_model::{Article, Enrichment, Provenance};
use serde::Serialize;

use crate::{ExportError, ExportRecord};

/// One output line. The article is flattened so that its contract fields
/// (`title`, `text`, `body`...) sit at the top level, exactly as
/// `serde_json` prints an [`Article`]; the store fields come around it.
#[derive(Serialize)]
struct Line<'a> {
    id: i64,
    cluster_id: i64,
    cluster_size: u64,
    #[serde(flatten)]
    article: &'a Article,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    enrichment: Option<&'a Enrichment>,
    provenance: &'a [Provenance],
}

/// Writes the Elasticsearch/OpenSearch `_bulk` lines of `record`: an
/// `index` action naming the index and the article's id (so a second load
/// replaces the documents instead of adding copies), then its JSONL line
/// as the document.
pub(crate) fn write_bulk<W: Write>(
    out: &mut W,
    index: &str,
    record: &ExportRecord<'_>,
) -> Result<(), ExportError> {
    let action = serde_json::json!({"index": {"_index": index, "_id": record.id.to_string()}});
    serde_json::to_writer(&mut *out, &action).map_err(|source| ExportError::Json {
        id: record.id,
        source,
    })?;
    out.write_all(b"\n")?;
    write(out, record)
}

/// Writes `record` as one line of JSON.
pub(crate) fn write<W: Write>(out: &mut W, record: &ExportRecord<'_>) -> Result<(), ExportError> {
    let line = Line {
        id: record.id,
        cluster_id: record.cluster_id,
        cluster_size: record.cluster_size,
        article: record.article,
        enrichment: record.enrichment,
        provenance: record.provenance,
    };
    serde_json::to_writer(&mut *out, &line).map_err(|source| {
        // Keep I/O failures (a closed pipe) recognisable as such, so the
        // binary can treat them like every other write error.
        if source.is_io() {
            ExportError::Io(source.into())
        } else {
            ExportError::Json {
                id: record.id,
                source,
            }
        }
    })?;
    out.write_all(b"\n")?;
    Ok(())
}
