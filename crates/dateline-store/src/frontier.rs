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

    /// Adds a source (or finds it); its id, and whether it is new.
    pub fn add_source(&self, url: &str, now: f64) -> Result<(i64, bool), StoreError> {
        let added = self
            .conn
            .prepare_cached(
                "INSERT OR IGNORE INTO sources (url, kind, added_at) VALUES (?1, 'unknown', ?2)",
            )?
            .execute(params![url, now])?;
        let id = self
            .conn
            .prepare_cached("SELECT id FROM sources WHERE url = ?1")?
            .query_row([url], |row| row.get(0))?;
        Ok((id, added == 1))
    }

    /// Records what a source turned out to be.
    pub fn set_source_kind(&self, id: i64, kind: SourceKind) -> Result<(), StoreError> {
        self.conn
            .prepare_cached("UPDATE sources SET kind = ?2 WHERE id = ?1")?
            .execute(params![id, kind.as_str()])?;
        Ok(())
    }

    /// Every source, oldest first.
    pub fn sources(&self) -> Result<Vec<SourceRow>, StoreError> {
        let sql = format!("SELECT {SOURCE_COLUMNS} FROM sources ORDER BY id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], source_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The source of that URL.
    pub fn source(&self, url: &str) -> Result<Option<SourceRow>, StoreError> {
        let sql = format!("SELECT {SOURCE_COLUMNS} FROM sources WHERE url = ?1");
        Ok(self.conn.query_row(&sql, [url], source_row).optional()?)
    }

    /// Forgets a source; the URLs found from it stay (and are never fetched
    /// twice). Whether it was there.
    pub fn remove_source(&self, url: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .execute("DELETE FROM sources WHERE url = ?1", [url])?
            == 1)
    }

    /// Makes a source due now with a clean slate: failures and schedule
    /// cleared, and its documents' validators too (the next poll fetches
    /// them whole). Whether it was there.
    pub fn reset_source(&self, url: &str) -> Result<bool, StoreError> {
        let Some(source) = self.source(url)? else {
            return Ok(false);
        };
        self.conn.execute(
            "UPDATE sources SET failures = 0, last_error = NULL, next_fetch = NULL,
                 interval_s = NULL WHERE id = ?1",
            [source.id],
        )?;
        self.conn.execute(
            "UPDATE urls SET etag = NULL, last_modified = NULL, body_hash = NULL,
                 state = CASE WHEN kind = 'article' AND state = 'done' THEN state ELSE 'queued' END,
                 reason = CASE WHEN kind = 'article' AND state = 'done' THEN reason ELSE NULL END
             WHERE source_id = ?1",
            [source.id],
        )?;
        Ok(true)
    }

    /// Records a poll of a source.
    pub fn record_poll(&self, id: i64, poll: &Poll) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "UPDATE sources SET last_fetch = ?2, next_fetch = ?3, interval_s = ?4,
                     fetches = fetches + 1, unchanged = unchanged + ?5, items = items + ?6,
                     new_items = ?7,
                     failures = CASE WHEN ?8 IS NULL THEN 0 ELSE failures + 1 END,
                     last_error = ?8
                 WHERE id = ?1",
            )?
            .execute(params![
                id,
                poll.at,
                poll.next_fetch,
                poll.interval_s,
                u64::from(poll.unchanged),
                poll.items,
                poll.new_items,
                poll.error,
            ])?;
        Ok(())
    }

    /// A host, if met before.
    pub fn host(&self, origin: &str) -> Result<Option<HostRow>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT origin, robots, robots_status, robots_fetched_at, robots_etag,
                     robots_last_modified, fetches, failures, last_fetch, last_error
                 FROM hosts WHERE origin = ?1",
            )?
            .query_row([origin], host_row)
            .optional()?)
    }

    /// Every host met, by origin.
    pub fn hosts(&self) -> Result<Vec<HostRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT origin, robots, robots_status, robots_fetched_at, robots_etag,
                 robots_last_modified, fetches, failures, last_fetch, last_error
             FROM hosts ORDER BY origin",
        )?;
        let rows = stmt.query_map([], host_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Stores a host's robots.txt (body, status, validators, time).
    pub fn save_robots(&self, host: &HostRow) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "INSERT INTO hosts (origin, robots, robots_status, robots_fetched_at,
                     robots_etag, robots_last_modified)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (origin) DO UPDATE SET robots = ?2, robots_status = ?3,
                     robots_fetched_at = ?4, robots_etag = ?5, robots_last_modified = ?6",
            )?
            .execute(params![
                host.origin,
                host.robots,
                host.robots_status,
                host.robots_fetched_at,
                host.robots_etag,
                host.robots_last_modified,
            ])?;
        Ok(())
    }

    /// Counts a request to a host, and its failure (`error`) or success.
    pub fn host_fetched(
        &self,
        origin: &str,
        at: f64,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "INSERT INTO hosts (origin, fetches, failures, last_fetch, last_error)
                 VALUES (?1, 1, CASE WHEN ?3 IS NULL THEN 0 ELSE 1 END, ?2, ?3)
                 ON CONFLICT (origin) DO UPDATE SET fetches = fetches + 1,
                     failures = CASE WHEN ?3 IS NULL THEN 0 ELSE failures + 1 END,
                     last_fetch = ?2, last_error = COALESCE(?3, last_error)",
            )?
            .execute(params![origin, at, error])?;
        Ok(())
    }

    /// Adds URLs not seen before (by key), queued; for each, whether it
    /// was new.
    pub fn add_urls(&self, urls: &[NewUrl], now: f64) -> Result<Vec<bool>, StoreError> {
        // One savepoint for all: a 50,000-URL sitemap is one commit, and
        // this nests inside a caller's transaction.
        self.conn.execute_batch("SAVEPOINT add_urls")?;
        let added = self.insert_urls(urls, now);
        let end = if added.is_ok() {
            "RELEASE add_urls"
        } else {
            "ROLLBACK TO add_urls; RELEASE add_urls"
        };
        self.conn.execute_batch(end)?;
        added
    }

    fn insert_urls(&self, urls: &[NewUrl], now: f64) -> Result<Vec<bool>, StoreError> {
        let mut insert = self.conn.prepare_cached(
            "INSERT OR IGNORE INTO urls (key, url, origin, kind, source_id, depth, hops,
                 state, found_at, lastmod)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'queued', ?8, ?9)",
        )?;
        let mut added = Vec::with_capacity(urls.len());
        for url in urls {
            let n = insert.execute(params![
                url.key,
                url.url,
                url.origin,
                url.kind.as_str(),
                url.source_id,
                url.depth,
                url.hops,
                now,
                url.lastmod,
            ])?;
            added.push(n == 1);
        }
        Ok(added)
    }

    /// A URL by its key.
    pub fn url(&self, key: &str) -> Result<Option<UrlRow>, StoreError> {
        let sql = format!("SELECT {URL_COLUMNS} FROM urls WHERE key = ?1");
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([key], url_row)
            .optional()?)
    }

    /// The URLs in a state, in the order they were found.
    pub fn urls_in_state(&self, state: UrlState) -> Result<Vec<UrlRow>, StoreError> {
        let sql = format!("SELECT {URL_COLUMNS} FROM urls WHERE state = ?1 ORDER BY found_at, key");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([state.as_str()], url_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The documents of a source: its own URL, the feeds and sitemaps found
    /// from it (not the pages a crawl of its links found): what a poll
    /// fetches again.
    pub fn documents(&self, source_id: i64) -> Result<Vec<UrlRow>, StoreError> {
        let sql = format!(
            "SELECT {URL_COLUMNS} FROM urls WHERE source_id = ?1
                 AND (kind IN ('feed', 'sitemap') OR (kind = 'page' AND depth = 0))
             ORDER BY found_at, key"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([source_id], url_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Moves a URL to a state without a fetch (queued again, fetching,
    /// skipped with a reason).
    pub fn set_state(
        &self,
        key: &str,
        state: UrlState,
        reason: Option<&str>,
    ) -> Result<(), StoreError> {
        self.conn
            .prepare_cached("UPDATE urls SET state = ?2, reason = ?3 WHERE key = ?1")?
            .execute(params![key, state.as_str(), reason])?;
        Ok(())
    }

    /// Records a fetch of a URL and the state it leaves it in.
    pub fn finish(&self, key: &str, state: UrlState, fetched: &Fetched) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "UPDATE urls SET state = ?2, reason = ?3, status = ?4, fetched_at = ?5,
                     etag = COALESCE(?6, etag), last_modified = COALESCE(?7, last_modified),
                     body_hash = COALESCE(?8, body_hash), warc = COALESCE(?9, warc),
                     record_id = COALESCE(?10, record_id),
                     warc_offset = COALESCE(?11, warc_offset)
                 WHERE key = ?1",
            )?
            .execute(params![
                key,
                state.as_str(),
                fetched.reason,
                fetched.status,
                fetched.at,
                fetched.etag,
                fetched.last_modified,
                fetched.body_hash,
                fetched.warc,
                fetched.record_id,
                fetched.warc_offset,
            ])?;
        Ok(())
    }

    /// Pages fetched and written to WARC whose records the store does not
    /// hold (a run killed between the two): `(warc, offset, record_id)`.
    /// Pages a crawl does not ingest carry a reason and are left out.
    pub fn unstored_pages(&self) -> Result<Vec<(String, u64, String)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT u.warc, u.warc_offset, u.record_id FROM urls u
             WHERE u.state = 'done' AND u.reason IS NULL AND u.status BETWEEN 200 AND 299
               AND (u.kind = 'article' OR (u.kind = 'page' AND u.depth > 0))
               AND u.warc IS NOT NULL AND u.warc_offset IS NOT NULL AND u.record_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM records r
                               WHERE r.input = u.warc AND r.locator = u.record_id)
             ORDER BY u.warc, u.warc_offset",
        )?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// URLs a killed run left in flight, queued again; how many.
    pub fn requeue_in_flight(&self) -> Result<usize, StoreError> {
        Ok(self.conn.execute(
            "UPDATE urls SET state = 'queued' WHERE state = 'fetching'",
            [],
        )?)
    }

    /// URLs by kind and state.
    pub fn url_counts(&self) -> Result<Vec<UrlCount>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT kind, state, COUNT(*) FROM urls GROUP BY kind, state ORDER BY kind, state",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok(UrlCount {
                kind: UrlKind::parse(&row.get::<_, String>(0)?),
                state: UrlState::parse(&row.get::<_, String>(1)?),
                count: row.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The bytes of a WARC file that hold complete records, as last
    /// committed.
    pub fn warc_committed(&self, path: &str) -> Result<Option<u64>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT committed FROM warc_files WHERE path = ?1")?
            .query_row([path], |row| row.get(0))
            .optional()?)
    }

    /// Every WARC file with its committed length.
    pub fn warc_files(&self) -> Result<Vec<(String, u64)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT path, committed FROM warc_files ORDER BY path")?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records that a WARC file's first `committed` bytes are complete
    /// records.
    pub fn commit_warc(&self, path: &str, committed: u64) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "INSERT INTO warc_files (path, committed) VALUES (?1, ?2)
                 ON CONFLICT (path) DO UPDATE SET committed = ?2",
            )?
            .execute(params![path, committed])?;
        Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn new_url(key: &str, kind: UrlKind, source: Option<i64>) -> NewUrl {
        NewUrl {
            key: key.into(),
            url: format!("http://{key}"),
            origin: "http://a.test".into(),
            kind,
            source_id: source,
            depth: 0,
            hops: 0,
            lastmod: None,
        }
    }

    #[test]
    fn urls_are_added_once_and_keep_their_state() {
        let dir = tempfile::tempdir().unwrap();
        let mut frontier = Frontier::open(dir.path()).unwrap();
        let (source, new) = frontier.add_source("http://a.test/feed", 1.0).unwrap();
        assert!(new);
        assert_eq!(
            frontier.add_source("http://a.test/feed", 2.0).unwrap(),
            (source, false)
        );
        let urls = [
            new_url("a.test/1", UrlKind::Article, Some(source)),
            new_url("a.test/feed", UrlKind::Feed, Some(source)),
        ];
        let added = frontier.batch(|f| f.add_urls(&urls, 10.0)).unwrap();
        assert_eq!(added, [true, true]);
        frontier
            .set_state("a.test/1", UrlState::Fetching, None)
            .unwrap();
        frontier
            .finish(
                "a.test/feed",
                UrlState::Done,
                &Fetched {
                    status: Some(200),
                    at: 11.0,
                    etag: Some("\"v1\"".into()),
                    ..Fetched::default()
                },
            )
            .unwrap();
        assert_eq!(frontier.add_urls(&urls, 12.0).unwrap(), [false, false]);
        assert_eq!(
            frontier.url("a.test/1").unwrap().unwrap().state,
            UrlState::Fetching
        );
        // A killed run's in-flight URL is queued again.
        assert_eq!(frontier.requeue_in_flight().unwrap(), 1);
        assert_eq!(frontier.urls_in_state(UrlState::Queued).unwrap().len(), 1);
        let documents = frontier.documents(source).unwrap();
        assert_eq!(documents.len(), 1);
        assert_eq!(documents[0].etag.as_deref(), Some("\"v1\""));
        // Reset clears validators and queues the documents; removing the
        // source keeps what was found.
        assert!(frontier.reset_source("http://a.test/feed").unwrap());
        let feed = frontier.url("a.test/feed").unwrap().unwrap();
        assert_eq!((feed.etag, feed.state), (None, UrlState::Queued));
        assert!(frontier.remove_source("http://a.test/feed").unwrap());
        assert!(!frontier.remove_source("http://a.test/feed").unwrap());
        assert_eq!(frontier.url("a.test/1").unwrap().unwrap().source_id, None);
    }

    #[test]
    fn polls_hosts_and_warc_files_are_remembered() {
        let dir = tempfile::tempdir().unwrap();
        let frontier = Frontier::open(dir.path()).unwrap();
        let (id, _) = frontier.add_source("http://a.test/", 1.0).unwrap();
        frontier.set_source_kind(id, SourceKind::Site).unwrap();
        let poll = Poll {
            at: 5.0,
            next_fetch: 65.0,
            interval_s: 60.0,
            unchanged: false,
            items: 10,
            new_items: 4,
            error: None,
        };
        frontier.record_poll(id, &poll).unwrap();
        frontier
            .record_poll(
                id,
                &Poll {
                    unchanged: true,
                    new_items: 0,
                    error: Some("http-503".into()),
                    ..poll
                },
            )
            .unwrap();
        let source = &frontier.sources().unwrap()[0];
        assert_eq!(source.kind, SourceKind::Site);
        assert_eq!((source.fetches, source.unchanged, source.items), (2, 1, 20));
        assert_eq!(
            (source.failures, source.last_error.as_deref()),
            (1, Some("http-503"))
        );

        frontier
            .save_robots(&HostRow {
                origin: "http://a.test".into(),
                robots: Some("User-agent: *\nDisallow: /private".into()),
                robots_status: Some(200),
                robots_fetched_at: Some(3.0),
                ..HostRow::default()
            })
            .unwrap();
        frontier
            .host_fetched("http://a.test", 4.0, Some("timeout"))
            .unwrap();
        frontier.host_fetched("http://a.test", 5.0, None).unwrap();
        let host = frontier.host("http://a.test").unwrap().unwrap();
        assert_eq!((host.fetches, host.failures), (2, 0));
        assert_eq!(host.robots_status, Some(200));
        assert_eq!(host.last_error.as_deref(), Some("timeout"));

        frontier.commit_warc("/s/warc/a.warc.gz", 100).unwrap();
        frontier.commit_warc("/s/warc/a.warc.gz", 250).unwrap();
        assert_eq!(
            frontier.warc_committed("/s/warc/a.warc.gz").unwrap(),
            Some(250)
        );
        assert_eq!(frontier.warc_files().unwrap().len(), 1);
    }
}
