use serde::{Deserialize, Serialize};

/// Where one stored copy of an article came from.
///
/// A story ingested several times (syndicated copies, the same page in two
/// crawls) keeps one `Provenance` per copy, so nothing about where a text was
/// seen is lost by deduplication.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// The input file as it was given to `dateline ingest` (a page, a WARC,
    /// a JSONL file, or a file found under a given directory).
    pub input: String,
    /// Where in the input the record is: the `WARC-Record-ID` (or `@offset`
    /// when a record has none), `:line` for JSONL, empty for a single page.
    pub locator: String,
    /// The page's URL as the input states it (WARC target URI, JSONL `url`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When the page was fetched (WARC-Date, JSONL `date`), as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched: Option<String>,
}
