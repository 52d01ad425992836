//! Sources: what a store follows, and how its polls went.

use super::*;

impl Frontier {
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
}
