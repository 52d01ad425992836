//! Dateline's pipeline: records from any source ([`dateline_input`]) are
//! extracted in parallel on one pool, optionally enriched, and handed in
//! input order to a [`Sink`]: the store ([`ingest()`]), standard output
//! (the `extract` and `annotate` commands), or anything else.
//!
//! A source is anything that implements [`dateline_input::RecordStream`]:
//! files and folders ([`dateline_input::Inputs`]) today; a fetcher of live
//! pages plugs in the same way, without touching extraction or storage.

#[cfg(feature = "store")]
mod ingest;
mod pipeline;
mod sink;
#[cfg(all(test, feature = "store"))]
mod tests;
mod work;

#[cfg(feature = "store")]
pub use ingest::{
    ingest, ingest_stream, Event, Failure, Freshness, IngestError, Progress, Summary,
    MAX_LISTED_FAILURES,
};
pub use pipeline::{
    Extraction, Keep, Pipeline, PipelineError, PipelineOptions, BATCH_BYTES, BATCH_RECORDS,
};
pub use sink::{Batch, Done, Outcome, Processed, Sink};
