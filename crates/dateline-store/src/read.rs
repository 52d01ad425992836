//! Reading the store back: one article with its copies, statistics, and
//! every article in order for export.

use dateline_model::{Article, Enrichment, Provenance};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::{Store, StoreError};

/// A stored article with where its copies came from and its duplicates.
#[derive(Debug, Clone, Serialize)]
pub struct StoredArticle {
    /// The article's id in this store.
    pub id: i64,
    /// Its duplicate cluster (story).
    pub cluster_id: i64,
    /// Copies of the story in the store, exact and near duplicates included.
    pub cluster_size: u64,
    /// The article, as extracted (its fields at the top level in JSON, so
    /// that the article contract holds for `dateline show --json`).
    #[serde(flatten)]
    pub article: Article,
    /// What enrichment found in its text (`places`, `focus`, `entities`,
    /// `quantities` at the top level in JSON); absent when it was stored
    /// without enrichment.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub enrichment: Option<Enrichment>,
    /// Every copy of this exact text that was ingested.
    pub provenance: Vec<Provenance>,
    /// The other articles of its cluster (near duplicates, updates).
    pub duplicates: Vec<DuplicateRef>,
}

/// Another article of the same story.
#[derive(Debug, Clone, Serialize)]
pub struct DuplicateRef {
    /// Its id.
    pub id: i64,
    /// Its title.
    pub title: Option<String>,
    /// Its site.
    pub site_name: Option<String>,
    /// Where its copies came from.
    pub urls: Vec<String>,
    /// Whether it is the copy the search index holds.
    pub representative: bool,
}

/// Counts over the whole store.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    /// Article records stored: every copy of every story.
    pub articles: u64,
    /// Distinct stories (duplicate clusters).
    pub clusters: u64,
    /// Copies beyond the first of each story (`articles - clusters`).
    pub duplicates: u64,
    /// Distinct texts (exact copies counted once).
    pub distinct_texts: u64,
    /// Records read that are not articles, by reason.
    pub not_articles: Vec<Count>,
    /// Records that failed, by reason.
    pub failed: Vec<Count>,
    /// Stories by site (host), most first.
    pub by_site: Vec<Count>,
    /// Stories by month of publication (`2019-12`; `unknown` without a date).
    pub by_month: Vec<Count>,
    /// Stories by language (`unknown` when undeclared).
    pub by_language: Vec<Count>,
    /// The store's schema version.
    pub schema_version: u32,
    /// Articles in the search index.
    pub indexed: u64,
    /// Segments of the search index (`dateline compact` merges them).
    pub index_segments: usize,
    /// Articles (distinct texts) stored with their enrichment; the others
    /// were stored without (`dateline enrich` enriches them).
    pub enriched: u64,
    /// Distinct places the articles name.
    pub places: u64,
}

/// A value and how often it occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// The value.
    pub value: String,
    /// How many.
    pub count: u64,
}

impl Store {
    /// One article with its provenance and duplicates, if the id exists.
    pub fn article(&self, id: i64) -> Result<Option<StoredArticle>, StoreError> {
        type Row = (i64, String, i64, Option<String>);
        let row: Option<Row> = self
            .conn
            .query_row(
                "SELECT a.cluster_id, a.article, c.size, a.enrichment FROM articles a
                 JOIN clusters c ON c.id = a.cluster_id WHERE a.id = ?1",
                [id],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
            )
            .optional()?;
        let Some((cluster_id, json, size, enrichment)) = row else {
            return Ok(None);
        };
        let article = parse_article(id, &json)?;
        let enrichment = crate::enrichment::parse(id, enrichment.as_deref())?;
        let provenance = self.provenance(id)?;
        let mut duplicates = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT a.id, a.title, a.site_name, a.id = c.representative, a.canonical_url
             FROM articles a
             JOIN clusters c ON c.id = a.cluster_id
             WHERE a.cluster_id = ?1 AND a.id <> ?2 ORDER BY a.id LIMIT 1000",
        )?;
        let rows = stmt.query_map(params![cluster_id, id], |row| {
            let duplicate = DuplicateRef {
                id: row.get(0)?,
                title: row.get(1)?,
                site_name: row.get(2)?,
                urls: Vec::new(),
                representative: row.get(3)?,
            };
            Ok((duplicate, row.get::<_, Option<String>>(4)?))
        })?;
        for row in rows {
            let (mut duplicate, canonical_url) = row?;
            duplicate.urls = self
                .provenance(duplicate.id)?
                .into_iter()
                .filter_map(|p| p.url)
                .collect();
            // Pages from files carry no URL of their own: the page's address.
            if duplicate.urls.is_empty() {
                duplicate.urls.extend(canonical_url);
            }
            duplicates.push(duplicate);
        }
        Ok(Some(StoredArticle {
            id,
            cluster_id,
            cluster_size: size as u64,
            article,
            enrichment,
            provenance,
            duplicates,
        }))
    }

    fn provenance(&self, article: i64) -> Result<Vec<Provenance>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT input, locator, url, fetched FROM records WHERE article_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([article], provenance_of_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Counts over the whole store.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let one = |sql: &str| -> Result<u64, StoreError> {
            Ok(self.conn.query_row(sql, [], |row| row.get::<_, i64>(0))? as u64)
        };
        let articles = one("SELECT COUNT(*) FROM records WHERE article_id IS NOT NULL")?;
        let clusters = one("SELECT COUNT(*) FROM clusters")?;
        Ok(Stats {
            articles,
            clusters,
            duplicates: articles.saturating_sub(clusters),
            distinct_texts: one("SELECT COUNT(*) FROM articles")?,
            not_articles: self.counts(
                "SELECT reason, COUNT(*) FROM records WHERE status = 'not-article'
                 GROUP BY reason ORDER BY 2 DESC, 1",
            )?,
            failed: self.counts(
                "SELECT reason, COUNT(*) FROM records WHERE status = 'failed'
                 GROUP BY reason ORDER BY 2 DESC, 1",
            )?,
            by_site: self.counts(
                "SELECT COALESCE(s.host, 'unknown'), COUNT(*) FROM clusters c
                 JOIN articles a ON a.id = c.representative LEFT JOIN sites s ON s.id = a.site_id
                 GROUP BY 1 ORDER BY 2 DESC, 1",
            )?,
            by_month: self.counts(
                "SELECT COALESCE(substr(a.published, 1, 7), 'unknown'), COUNT(*) FROM clusters c
                 JOIN articles a ON a.id = c.representative GROUP BY 1 ORDER BY 1",
            )?,
            by_language: self.counts(
                "SELECT COALESCE(lower(substr(a.language, 1, 2)), 'unknown'), COUNT(*)
                 FROM clusters c JOIN articles a ON a.id = c.representative
                 GROUP BY 1 ORDER BY 2 DESC, 1",
            )?,
            schema_version: crate::schema::version(&self.conn)?,
            indexed: self.index.doc_count()?,
            index_segments: self.index.segment_count(),
            enriched: one("SELECT COUNT(*) FROM articles WHERE enrichment IS NOT NULL")?,
            places: one("SELECT COUNT(DISTINCT geonames_id) FROM article_places")?,
        })
    }

    fn counts(&self, sql: &str) -> Result<Vec<Count>, StoreError> {
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map([], |row| {
            Ok(Count {
                value: row
                    .get::<_, Option<String>>(0)?
                    .unwrap_or_else(|| "unknown".into()),
                count: row.get::<_, i64>(1)? as u64,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Calls `f` with every stored article in id order, with its provenance
    /// (duplicates left empty), streaming: memory stays flat for any store.
    pub fn for_each_article<E: From<StoreError>>(
        &self,
        mut f: impl FnMut(StoredArticle) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut articles = self
            .conn
            .prepare(
                "SELECT a.id, a.cluster_id, c.size, a.article, a.enrichment FROM articles a
                 JOIN clusters c ON c.id = a.cluster_id ORDER BY a.id",
            )
            .map_err(StoreError::from)?;
        let mut records = self
            .conn
            .prepare(
                "SELECT article_id, input, locator, url, fetched FROM records
                 WHERE article_id IS NOT NULL ORDER BY article_id, id",
            )
            .map_err(StoreError::from)?;
        let mut rows = articles.query([]).map_err(StoreError::from)?;
        let mut copies = records
            .query_map([], |row| {
                Ok((row.get::<_, i64>(0)?, provenance_of_row_at(row, 1)?))
            })
            .map_err(StoreError::from)?
            .peekable();
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let id: i64 = row.get(0).map_err(StoreError::from)?;
            let json: String = row.get(3).map_err(StoreError::from)?;
            let enrichment: Option<String> = row.get(4).map_err(StoreError::from)?;
            let mut provenance = Vec::new();
            // Both queries run in article id order: a merge join.
            while let Some(Ok((article, _))) = copies.peek() {
                if *article > id {
                    break;
                }
                let (article, copy) = copies.next().expect("peeked").map_err(StoreError::from)?;
                if article == id {
                    provenance.push(copy);
                }
            }
            f(StoredArticle {
                id,
                cluster_id: row.get(1).map_err(StoreError::from)?,
                cluster_size: row.get::<_, i64>(2).map_err(StoreError::from)? as u64,
                article: parse_article(id, &json)?,
                enrichment: crate::enrichment::parse(id, enrichment.as_deref())?,
                provenance,
                duplicates: Vec::new(),
            })?;
        }
        Ok(())
    }
}

fn provenance_of_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Provenance> {
    provenance_of_row_at(row, 0)
}

fn provenance_of_row_at(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Provenance> {
    Ok(Provenance {
        input: row.get(at)?,
        locator: row.get(at + 1)?,
        url: row.get(at + 2)?,
        fetched: row.get(at + 3)?,
    })
}

/// Reads a stored article's JSON.
pub(crate) fn parse_article(id: i64, json: &str) -> Result<Article, StoreError> {
    serde_json::from_str(json).map_err(|err| StoreError::BadArticle {
        id,
        reason: err.to_string(),
    })
}
