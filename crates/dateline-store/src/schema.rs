//! The SQLite schema and its migrations.
//!
//! The schema version is SQLite's `user_version`; each migration runs in the
//! transaction that bumps it, so a store is always at exactly one version.

use rusqlite::Connection;

use crate::StoreError;

/// Migrations in order; migration `i` takes the schema from version `i` to
/// `i + 1`. Append only: never edit one that has shipped.
const MIGRATIONS: &[&str] = &[
    // 1: articles, their copies, duplicate clusters, near-duplicate bands.
    r"
    CREATE TABLE sites (
        id INTEGER PRIMARY KEY,
        host TEXT NOT NULL UNIQUE,
        name TEXT
    );
    CREATE TABLE clusters (
        id INTEGER PRIMARY KEY,
        -- The first article of the story: the one the search index holds.
        representative INTEGER NOT NULL,
        -- Copies (records) of the story, exact and near duplicates included.
        size INTEGER NOT NULL
    );
    -- One row per distinct text. `id` only grows (AUTOINCREMENT), so the
    -- search index can say how far it has got with one number.
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        cluster_id INTEGER NOT NULL REFERENCES clusters(id),
        site_id INTEGER REFERENCES sites(id),
        canonical_url TEXT,
        body_hash BLOB NOT NULL,
        signature BLOB,
        title TEXT,
        site_name TEXT,
        language TEXT,
        published TEXT,
        article TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    -- Search hits are representatives: their live cluster size from a
    -- small covering index, not from the articles' wide rows.
    CREATE INDEX clusters_representative ON clusters(representative, size);
    CREATE INDEX articles_cluster ON articles(cluster_id);
    CREATE INDEX articles_body_hash ON articles(body_hash);
    CREATE INDEX articles_canonical_url ON articles(canonical_url);
    CREATE INDEX articles_site ON articles(site_id);
    -- Every record read from an input, whatever became of it: the copy of
    -- an article (its provenance), a page that is not an article, or a
    -- failure. UNIQUE(input, locator) is what makes ingest idempotent.
    CREATE TABLE records (
        id INTEGER PRIMARY KEY,
        input TEXT NOT NULL,
        locator TEXT NOT NULL,
        url TEXT,
        fetched TEXT,
        article_id INTEGER REFERENCES articles(id),
        status TEXT NOT NULL,
        reason TEXT,
        ingested_at TEXT NOT NULL,
        UNIQUE (input, locator)
    );
    CREATE INDEX records_article ON records(article_id);
    -- MinHash LSH bands: articles sharing a key are near-duplicate candidates.
    CREATE TABLE lsh (
        key INTEGER NOT NULL,
        article_id INTEGER NOT NULL,
        PRIMARY KEY (key, article_id)
    ) WITHOUT ROWID;
    ",
    // 2: what enrichment found in each article, and the places and
    // entities it names as tables of their own (for joins and place pages).
    r"
    -- JSON of the places, focus, entities and quantities; NULL when the
    -- article was stored without enrichment (`dateline enrich` fills it).
    ALTER TABLE articles ADD COLUMN enrichment TEXT;
    CREATE TABLE places (
        geonames_id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        country_code TEXT NOT NULL,
        feature_class TEXT NOT NULL,
        kind TEXT NOT NULL,
        lat REAL NOT NULL,
        lon REAL NOT NULL
    );
    CREATE TABLE article_places (
        article_id INTEGER NOT NULL REFERENCES articles(id),
        geonames_id INTEGER NOT NULL REFERENCES places(geonames_id),
        mentions INTEGER NOT NULL,
        PRIMARY KEY (article_id, geonames_id)
    ) WITHOUT ROWID;
    CREATE INDEX article_places_place ON article_places(geonames_id);
    CREATE TABLE article_entities (
        article_id INTEGER NOT NULL REFERENCES articles(id),
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        PRIMARY KEY (article_id, kind, name)
    ) WITHOUT ROWID;
    CREATE INDEX article_entities_name ON article_entities(kind, name);
    ",
    // 3: the crawl frontier: sources followed, hosts, every URL found.
    r"
    -- What a user asked to follow: a site's home page, a feed or a sitemap.
    -- Times are Unix seconds.
    CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        added_at REAL NOT NULL,
        last_fetch REAL,
        next_fetch REAL,
        interval_s REAL,
        fetches INTEGER NOT NULL DEFAULT 0,
        unchanged INTEGER NOT NULL DEFAULT 0,
        items INTEGER NOT NULL DEFAULT 0,
        new_items INTEGER NOT NULL DEFAULT 0,
        failures INTEGER NOT NULL DEFAULT 0,
        last_error TEXT
    );
    -- Every host met: its robots.txt and how it has answered.
    CREATE TABLE hosts (
        origin TEXT PRIMARY KEY,
        robots TEXT,
        robots_status INTEGER,
        robots_fetched_at REAL,
        robots_etag TEXT,
        robots_last_modified TEXT,
        fetches INTEGER NOT NULL DEFAULT 0,
        failures INTEGER NOT NULL DEFAULT 0,
        last_fetch REAL,
        last_error TEXT
    ) WITHOUT ROWID;
    -- Every URL found (by its canonical form): what it is, where it was
    -- found, what became of it, and the validators of documents that are
    -- fetched again (feeds, sitemaps, home pages).
    CREATE TABLE urls (
        key TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        origin TEXT NOT NULL,
        kind TEXT NOT NULL,
        source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,
        depth INTEGER NOT NULL DEFAULT 0,
        hops INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL,
        reason TEXT,
        status INTEGER,
        found_at REAL NOT NULL,
        fetched_at REAL,
        lastmod TEXT,
        etag TEXT,
        last_modified TEXT,
        body_hash BLOB,
        warc TEXT,
        warc_offset INTEGER,
        record_id TEXT
    ) WITHOUT ROWID;
    CREATE INDEX urls_state ON urls(state);
    CREATE INDEX urls_source ON urls(source_id, kind);
    -- WARC files written by crawls, and how many of their bytes hold
    -- complete records that the frontier knows about.
    CREATE TABLE warc_files (
        path TEXT PRIMARY KEY,
        committed INTEGER NOT NULL
    ) WITHOUT ROWID;
    ",
    // 4: the events enrichment codes (who did what to whom), one row each,
    // for SQL users; the article's enrichment JSON holds them too.
    r"
    CREATE TABLE article_events (
        article_id INTEGER NOT NULL REFERENCES articles(id),
        -- The event's place in the article's list (text order).
        seq INTEGER NOT NULL,
        -- Its sentence, in characters of the article's text.
        sentence_start INTEGER NOT NULL,
        sentence_end INTEGER NOT NULL,
        cameo TEXT NOT NULL,
        plover TEXT NOT NULL,
        mode TEXT NOT NULL,
        source_code TEXT,
        source_country TEXT,
        source_sector TEXT,
        source_name TEXT,
        target_code TEXT,
        target_country TEXT,
        target_sector TEXT,
        target_name TEXT,
        verb TEXT NOT NULL,
        geonames_id INTEGER,
        date TEXT,
        confidence REAL NOT NULL,
        PRIMARY KEY (article_id, seq)
    ) WITHOUT ROWID;
    CREATE INDEX article_events_plover ON article_events(plover);
    CREATE INDEX article_events_source ON article_events(source_country);
    CREATE INDEX article_events_target ON article_events(target_country);
    ",
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Brings the database to [`SCHEMA_VERSION`]; refuses a newer one.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let current = version(conn)?;
    if current > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            found: current,
            supported: SCHEMA_VERSION,
        });
    }
    for (from, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", from as u32 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// The database's schema version (0 for a new file).
pub fn version(conn: &Connection) -> Result<u32, StoreError> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_a_new_database_to_the_current_version_once() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), SCHEMA_VERSION);
        migrate(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn refuses_a_newer_schema() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        let err = migrate(&mut conn).unwrap_err();
        assert!(err.to_string().contains("newer"), "{err}");
    }
}
