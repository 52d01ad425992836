//! Hosts with their robots.txt, and the WARC files crawls wrote.

use super::*;

impl Frontier {
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
