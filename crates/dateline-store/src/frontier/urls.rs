//! URLs: added once, moved through their states, counted.

use super::*;

impl Frontier {
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
}
