//! The rows of the frontier's tables, as read and written.

use serde::Serialize;

use super::{SourceKind, UrlKind, UrlState};

/// A followed source and how its polls went.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceRow {
    /// Its id.
    pub id: i64,
    /// The URL the user gave.
    pub url: String,
    /// What it turned out to be.
    pub kind: SourceKind,
    /// When it was added.
    pub added_at: f64,
    /// The last poll.
    pub last_fetch: Option<f64>,
    /// When it is due again.
    pub next_fetch: Option<f64>,
    /// The current polling interval, seconds.
    pub interval_s: Option<f64>,
    /// Polls.
    pub fetches: u64,
    /// Polls that found nothing changed.
    pub unchanged: u64,
    /// Items its documents have listed, in all.
    pub items: u64,
    /// New items at the last poll.
    pub new_items: u64,
    /// Polls that failed in a row.
    pub failures: u64,
    /// Why the last poll failed, if it did.
    pub last_error: Option<String>,
}

/// What one poll of a source found.
#[derive(Debug, Clone, PartialEq)]
pub struct Poll {
    /// When.
    pub at: f64,
    /// When it is due again.
    pub next_fetch: f64,
    /// The interval that gave it.
    pub interval_s: f64,
    /// Nothing changed in any of its documents.
    pub unchanged: bool,
    /// Items listed.
    pub items: u64,
    /// Items not seen before.
    pub new_items: u64,
    /// Why it failed, if it did.
    pub error: Option<String>,
}

/// A host and its robots.txt.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct HostRow {
    /// `scheme://host[:port]`.
    pub origin: String,
    /// The robots.txt body, when one was fetched (empty when none exists).
    pub robots: Option<String>,
    /// Its HTTP status (0: unreachable).
    pub robots_status: Option<u16>,
    /// When it was fetched.
    pub robots_fetched_at: Option<f64>,
    /// Its `ETag`.
    pub robots_etag: Option<String>,
    /// Its `Last-Modified`.
    pub robots_last_modified: Option<String>,
    /// Requests made.
    pub fetches: u64,
    /// Failures in a row.
    pub failures: u64,
    /// The last request.
    pub last_fetch: Option<f64>,
    /// The last failure's reason.
    pub last_error: Option<String>,
}

/// A URL to add.
#[derive(Debug, Clone, PartialEq)]
pub struct NewUrl {
    /// Its canonical form (the frontier's key).
    pub key: String,
    /// The URL as found.
    pub url: String,
    /// `scheme://host[:port]`.
    pub origin: String,
    /// What it is.
    pub kind: UrlKind,
    /// The source it was found from.
    pub source_id: Option<i64>,
    /// Links followed from the source to reach it.
    pub depth: u32,
    /// Redirects followed to reach it.
    pub hops: u32,
    /// The `lastmod` (or publication date) its listing gave.
    pub lastmod: Option<String>,
}

/// A URL in the frontier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UrlRow {
    /// Its canonical form.
    pub key: String,
    /// As found.
    pub url: String,
    /// `scheme://host[:port]`.
    pub origin: String,
    /// What it is.
    pub kind: UrlKind,
    /// Where it was found.
    pub source_id: Option<i64>,
    /// Link depth from its source.
    pub depth: u32,
    /// Redirects followed to reach it.
    pub hops: u32,
    /// Where it is.
    pub state: UrlState,
    /// Why it failed or was skipped.
    pub reason: Option<String>,
    /// The last HTTP status.
    pub status: Option<u16>,
    /// When it was found.
    pub found_at: f64,
    /// When it was last fetched.
    pub fetched_at: Option<f64>,
    /// The listing's `lastmod`.
    pub lastmod: Option<String>,
    /// Its `ETag`, for a conditional fetch.
    pub etag: Option<String>,
    /// Its `Last-Modified`, for a conditional fetch.
    pub last_modified: Option<String>,
    /// A hash of its last body: servers whose validators lie are caught.
    pub body_hash: Option<Vec<u8>>,
    /// The WARC file of its last response.
    pub warc: Option<String>,
    /// That record's offset in the file.
    pub warc_offset: Option<u64>,
    /// That record's `WARC-Record-ID`.
    pub record_id: Option<String>,
}

/// What a fetch of a URL gave.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fetched {
    /// The HTTP status (None: no answer).
    pub status: Option<u16>,
    /// When.
    pub at: f64,
    /// Why it failed or was skipped.
    pub reason: Option<String>,
    /// The response's `ETag`.
    pub etag: Option<String>,
    /// The response's `Last-Modified`.
    pub last_modified: Option<String>,
    /// A hash of the body.
    pub body_hash: Option<Vec<u8>>,
    /// Where the response was written.
    pub warc: Option<String>,
    /// At what offset.
    pub warc_offset: Option<u64>,
    /// Its record id.
    pub record_id: Option<String>,
}

/// URLs by kind and state, for a summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UrlCount {
    /// Of what kind.
    pub kind: UrlKind,
    /// In what state.
    pub state: UrlState,
    /// How many.
    pub count: u64,
}
