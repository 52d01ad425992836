//! What enrichment found, stored: each article's enrichment as JSON, and
//! the places, entities and events it names as rows (`places`,
//! `article_places`, `article_entities`, `article_events`) for place pages
//! and for SQL users' joins.

use std::collections::BTreeMap;

use dateline_model::{Article, Enrichment};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

use crate::read::parse_article;
use crate::{Store, StoreError};

/// Articles re-enriched per transaction by [`Store::enrich_all`].
const ENRICH_BATCH: usize = 256;

/// A place the store's articles name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredPlace {
    /// GeoNames id.
    pub geonames_id: u32,
    /// Its name in the gazetteer.
    pub name: String,
    /// ISO 3166-1 alpha-2 code; empty for continents and regions.
    pub country_code: String,
    /// GeoNames feature class (`P`, `A`, `L`).
    pub feature_class: String,
    /// `city`, `capital`, `country`, `admin1`, `admin2` (a US county), `continent` or `region`.
    pub kind: String,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
}

/// A place with how many of the store's articles name it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceInfo {
    /// The place.
    #[serde(flatten)]
    pub place: StoredPlace,
    /// Stored articles (distinct texts) that name it.
    pub articles: u64,
}

/// The JSON of an enrichment for the `articles.enrichment` column.
pub(crate) fn to_json(enrichment: &Enrichment) -> Result<String, StoreError> {
    serde_json::to_string(enrichment).map_err(|err| StoreError::BadArticle {
        id: 0,
        reason: err.to_string(),
    })
}

/// Reads an `articles.enrichment` column.
pub(crate) fn parse(id: i64, json: Option<&str>) -> Result<Option<Enrichment>, StoreError> {
    json.map(|json| {
        serde_json::from_str(json).map_err(|err| StoreError::BadArticle {
            id,
            reason: format!("enrichment: {err}"),
        })
    })
    .transpose()
}

/// Adds the rows of an article's places and entities (the JSON column is
/// written with the article).
pub(crate) fn insert_rows(
    tx: &Transaction<'_>,
    article_id: i64,
    enrichment: &Enrichment,
) -> Result<(), StoreError> {
    let mut places: BTreeMap<u32, u32> = BTreeMap::new();
    {
        let mut place = tx.prepare_cached(
            "INSERT INTO places (geonames_id, name, country_code, feature_class, kind, lat, lon)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (geonames_id) DO UPDATE SET name = ?2, country_code = ?3,
                 feature_class = ?4, kind = ?5, lat = ?6, lon = ?7",
        )?;
        for p in &enrichment.places {
            let mentions = places.entry(p.geonames_id).or_default();
            if *mentions == 0 {
                place.execute(params![
                    p.geonames_id,
                    p.name,
                    p.country_code,
                    p.feature_class.to_string(),
                    p.kind,
                    p.lat,
                    p.lon
                ])?;
            }
            *mentions += 1;
        }
    }
    let mut link = tx.prepare_cached(
        "INSERT INTO article_places (article_id, geonames_id, mentions) VALUES (?1, ?2, ?3)",
    )?;
    for (id, mentions) in places {
        link.execute(params![article_id, id, mentions])?;
    }
    let mut entities: BTreeMap<(&str, &str), u32> = BTreeMap::new();
    for e in &enrichment.entities {
        *entities.entry((&e.kind, &e.name)).or_default() += 1;
    }
    let mut entity = tx.prepare_cached(
        "INSERT INTO article_entities (article_id, kind, name, mentions) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for ((kind, name), mentions) in entities {
        entity.execute(params![article_id, kind, name, mentions])?;
    }
    crate::events::insert_rows(tx, article_id, &enrichment.events)
}

impl Store {
    /// A place the store's articles name, with how many do (counting
    /// them reads one index entry per article: not for every search).
    pub fn place(&self, geonames_id: u32) -> Result<Option<PlaceInfo>, StoreError> {
        let Some(place) = self.places(&[geonames_id])?.pop() else {
            return Ok(None);
        };
        let articles: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM article_places WHERE geonames_id = ?1",
            [geonames_id],
            |row| row.get(0),
        )?;
        Ok((articles > 0).then_some(PlaceInfo {
            place,
            articles: articles as u64,
        }))
    }

    /// The places with these GeoNames ids that the store knows, in the
    /// order asked; unknown ids are left out.
    pub fn places(&self, ids: &[u32]) -> Result<Vec<StoredPlace>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name, country_code, feature_class, kind, lat, lon
             FROM places WHERE geonames_id = ?1",
        )?;
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            let place = stmt
                .query_row([id], |row| {
                    Ok(StoredPlace {
                        geonames_id: id,
                        name: row.get(0)?,
                        country_code: row.get(1)?,
                        feature_class: row.get(2)?,
                        kind: row.get(3)?,
                        lat: row.get(4)?,
                        lon: row.get(5)?,
                    })
                })
                .optional()?;
            out.extend(place);
        }
        Ok(out)
    }

    /// Enriches every stored article again with `enrich` (which sees the
    /// articles of a batch at once, to spread them over cores), replacing
    /// what was found before, then rebuilds the search index from the
    /// result. `progress` gets the articles done and the total.
    ///
    /// `enrich` may change an article (a detected language fills an empty
    /// `language`); the change is stored.
    pub fn enrich_all(
        &mut self,
        mut enrich: impl FnMut(&mut [Article]) -> Vec<Enrichment>,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<u64, StoreError> {
        self.require_writable()?;
        let total: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM articles", [], |row| row.get(0))?;
        let mut done = 0u64;
        let mut after = 0i64;
        loop {
            let (ids, mut articles) = self.article_batch(after)?;
            let Some(&last) = ids.last() else { break };
            let found = enrich(&mut articles);
            let tx = self.conn.transaction()?;
            for ((id, article), enrichment) in ids.iter().zip(&articles).zip(&found) {
                rewrite(&tx, *id, article, enrichment)?;
            }
            tx.commit()?;
            done += ids.len() as u64;
            after = last;
            progress(done, total as u64);
        }
        self.reindex(|_| ())?;
        Ok(done)
    }

    /// Up to [`ENRICH_BATCH`] articles with ids above `after`.
    fn article_batch(&self, after: i64) -> Result<(Vec<i64>, Vec<Article>), StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, article FROM articles WHERE id > ?1 ORDER BY id LIMIT ?2",
        )?;
        let mut rows = stmt.query(params![after, ENRICH_BATCH as i64])?;
        let (mut ids, mut articles) = (Vec::new(), Vec::new());
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let json: String = row.get(1)?;
            articles.push(parse_article(id, &json)?);
            ids.push(id);
        }
        Ok((ids, articles))
    }
}

/// Replaces an article's enrichment (and its JSON, whose language the
/// enrichment may have filled).
fn rewrite(
    tx: &Transaction<'_>,
    id: i64,
    article: &Article,
    enrichment: &Enrichment,
) -> Result<(), StoreError> {
    let json = serde_json::to_string(article).map_err(|err| StoreError::BadArticle {
        id,
        reason: err.to_string(),
    })?;
    tx.prepare_cached(
        "UPDATE articles SET article = ?2, language = ?3, enrichment = ?4 WHERE id = ?1",
    )?
    .execute(params![id, json, article.language, to_json(enrichment)?])?;
    tx.prepare_cached("DELETE FROM article_places WHERE article_id = ?1")?
        .execute([id])?;
    tx.prepare_cached("DELETE FROM article_entities WHERE article_id = ?1")?
        .execute([id])?;
    crate::events::delete_rows(tx, id)?;
    insert_rows(tx, id, enrichment)
}
