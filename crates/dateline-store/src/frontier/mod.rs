//! The crawl frontier, kept in the store's database: the sources a store
//! follows, the hosts they live on (with their robots.txt), and every URL
//! found, with its state. A crawl killed at any moment finds it as it was
//! at the last change, so nothing is lost and nothing is fetched twice but
//! what was in flight.
//!
//! Times are Unix seconds, given by the caller (so tests can move them).

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

use crate::{schema, StoreError, DATABASE_FILE};

mod hosts;
mod rows;
mod sources;
#[cfg(test)]
mod tests;
mod urls;

pub use rows::{Fetched, HostRow, NewUrl, Poll, SourceRow, UrlCount, UrlRow};

/// What a source is; `Unknown` until its first fetch says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// Not fetched yet.
    Unknown,
    /// A site's home page: feeds, sitemaps or links are found from it.
    Site,
    /// An RSS, Atom or JSON feed.
    Feed,
    /// A sitemap or sitemap index.
    Sitemap,
}

/// What a URL is to the crawler.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UrlKind {
    /// A page whose links are followed (a home page, a section front).
    Page,
    /// A feed.
    Feed,
    /// A sitemap.
    Sitemap,
    /// A page fetched once and ingested (a story, or what a feed names).
    Article,
}

/// Where a URL is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UrlState {
    /// Waiting for its turn.
    Queued,
    /// Asked for; a run killed meanwhile asks again.
    Fetching,
    /// Fetched; its response is in a WARC file.
    Done,
    /// Failed for good (or for this run, see the reason).
    Failed,
    /// Not fetched, by rule (robots.txt, scope, address, limits).
    Skipped,
}

macro_rules! text_enum {
    ($ty:ident { $($variant:ident = $text:literal),* $(,)? }) => {
        impl $ty {
            /// The name stored in the database and printed.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),* }
            }

            fn parse(text: &str) -> Self {
                match text {
                    $($text => Self::$variant,)*
                    _ => Self::default_variant(),
                }
            }
        }
    };
}

text_enum!(SourceKind { Unknown = "unknown", Site = "site", Feed = "feed", Sitemap = "sitemap" });
text_enum!(UrlKind { Page = "page", Feed = "feed", Sitemap = "sitemap", Article = "article" });
text_enum!(UrlState {
    Queued = "queued",
    Fetching = "fetching",
    Done = "done",
    Failed = "failed",
    Skipped = "skipped",
});

impl SourceKind {
    fn default_variant() -> Self {
        Self::Unknown
    }
}

impl UrlKind {
    fn default_variant() -> Self {
        Self::Article
    }
}

impl UrlState {
    fn default_variant() -> Self {
        Self::Queued
    }
}

/// The frontier of a store, on a connection of its own (a crawl writes it
/// while its pipeline writes articles).
pub struct Frontier {
    conn: Connection,
}

const URL_COLUMNS: &str = "key, url, origin, kind, source_id, depth, hops, state, reason, status,
    found_at, fetched_at, lastmod, etag, last_modified, body_hash, warc, warc_offset, record_id";

const SOURCE_COLUMNS: &str = "id, url, kind, added_at, last_fetch, next_fetch, interval_s,
    fetches, unchanged, items, new_items, failures, last_error";

impl Frontier {
    /// Opens the frontier of the store in `dir`, creating the store's
    /// database if there is none.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut conn = Connection::open(dir.join(DATABASE_FILE))?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        schema::migrate(&mut conn)?;
        Ok(Self { conn })
    }

    /// Runs `work` in one transaction: all of its changes or none.
    pub fn batch<T>(
        &mut self,
        work: impl FnOnce(&Frontier) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        match work(self) {
            Ok(value) => {
                self.conn.execute_batch("COMMIT")?;
                Ok(value)
            }
            Err(err) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(err)
            }
        }
    }
}

fn source_row(row: &Row<'_>) -> rusqlite::Result<SourceRow> {
    Ok(SourceRow {
        id: row.get(0)?,
        url: row.get(1)?,
        kind: SourceKind::parse(&row.get::<_, String>(2)?),
        added_at: row.get(3)?,
        last_fetch: row.get(4)?,
        next_fetch: row.get(5)?,
        interval_s: row.get(6)?,
        fetches: row.get(7)?,
        unchanged: row.get(8)?,
        items: row.get(9)?,
        new_items: row.get(10)?,
        failures: row.get(11)?,
        last_error: row.get(12)?,
    })
}

fn host_row(row: &Row<'_>) -> rusqlite::Result<HostRow> {
    Ok(HostRow {
        origin: row.get(0)?,
        robots: row.get(1)?,
        robots_status: row.get(2)?,
        robots_fetched_at: row.get(3)?,
        robots_etag: row.get(4)?,
        robots_last_modified: row.get(5)?,
        fetches: row.get(6)?,
        failures: row.get(7)?,
        last_fetch: row.get(8)?,
        last_error: row.get(9)?,
    })
}

fn url_row(row: &Row<'_>) -> rusqlite::Result<UrlRow> {
    Ok(UrlRow {
        key: row.get(0)?,
        url: row.get(1)?,
        origin: row.get(2)?,
        kind: UrlKind::parse(&row.get::<_, String>(3)?),
        source_id: row.get(4)?,
        depth: row.get(5)?,
        hops: row.get(6)?,
        state: UrlState::parse(&row.get::<_, String>(7)?),
        reason: row.get(8)?,
        status: row.get(9)?,
        found_at: row.get(10)?,
        fetched_at: row.get(11)?,
        lastmod: row.get(12)?,
        etag: row.get(13)?,
        last_modified: row.get(14)?,
        body_hash: row.get(15)?,
        warc: row.get(16)?,
        warc_offset: row.get(17)?,
        record_id: row.get(18)?,
    })
}
