//! The events enrichment codes: rows of `article_events` for SQL users
//! (`SELECT plover, source_country, target_country, COUNT(*) ...`), and
//! [`Store::events`], a query's events with their categories and timeline
//! (the article's enrichment JSON holds the same events).

use dateline_model::{Event, EventActor};
use dateline_search::{Bucket, FacetCount, Interval, Query, EVENT_ANY};
use rusqlite::{params, Transaction};
use serde::Serialize;

use crate::{Store, StoreError};

/// Adds the rows of an article's events, numbered in text order.
pub(crate) fn insert_rows(
    tx: &Transaction<'_>,
    article_id: i64,
    events: &[Event],
) -> Result<(), StoreError> {
    if events.is_empty() {
        return Ok(());
    }
    let mut insert = tx.prepare_cached(
        "INSERT INTO article_events (article_id, seq, sentence_start, sentence_end, cameo,
             plover, mode, source_code, source_country, source_sector, source_name,
             target_code, target_country, target_sector, target_name, verb, geonames_id,
             date, confidence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
             ?18, ?19)",
    )?;
    for (seq, e) in events.iter().enumerate() {
        let source = Actor::of(e.source.as_ref());
        let target = Actor::of(e.target.as_ref());
        insert.execute(params![
            article_id,
            seq as i64,
            e.sentence.start as i64,
            e.sentence.end as i64,
            e.cameo,
            e.plover,
            e.mode,
            source.code,
            source.country,
            source.sector,
            source.name,
            target.code,
            target.country,
            target.sector,
            target.name,
            e.verb.surface,
            e.location.as_ref().map(|place| place.geonames_id),
            e.date,
            f64::from(e.confidence),
        ])?;
    }
    Ok(())
}

/// Removes an article's event rows (before it is enriched again).
pub(crate) fn delete_rows(tx: &Transaction<'_>, article_id: i64) -> Result<(), StoreError> {
    tx.prepare_cached("DELETE FROM article_events WHERE article_id = ?1")?
        .execute([article_id])?;
    Ok(())
}

/// An actor's columns; all NULL when the event has none.
#[derive(Default)]
struct Actor<'a> {
    code: Option<&'a str>,
    country: Option<&'a str>,
    sector: Option<&'a str>,
    name: Option<&'a str>,
}

impl<'a> Actor<'a> {
    fn of(actor: Option<&'a EventActor>) -> Self {
        actor.map_or_else(Self::default, |a| Self {
            code: Some(&a.code),
            country: a.country.as_deref(),
            sector: a.sector.as_deref(),
            name: Some(&a.name),
        })
    }
}

/// Categories drawn in an events timeline (the most frequent first).
pub const TIMELINE_CATEGORIES: usize = 8;

/// The events of a query's articles: the events themselves (of the top
/// articles), how many matching articles report each category, and a
/// timeline per category.
#[derive(Debug, Clone, Serialize)]
pub struct EventResults {
    /// Matching articles that report at least one event.
    pub articles: u64,
    /// The events of the top `limit` of those articles (by relevance, or
    /// newest first for filters alone), each with its article.
    pub events: Vec<ArticleEvent>,
    /// PLOVER categories, by matching articles that report one.
    pub categories: Vec<FacetCount>,
    /// Per category (the [`TIMELINE_CATEGORIES`] most frequent): matching
    /// articles reporting it per day, week, month or year.
    pub timeline: Vec<CategoryTimeline>,
}

/// An event and the article that reports it.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleEvent {
    /// The article.
    pub article: EventArticle,
    /// The event, its offsets in the article's text.
    #[serde(flatten)]
    pub event: Event,
}

/// What an event list shows of an article.
#[derive(Debug, Clone, Serialize)]
pub struct EventArticle {
    /// Its id in the store.
    pub id: u64,
    /// Headline.
    pub title: Option<String>,
    /// Page address.
    pub url: Option<String>,
    /// Publisher.
    pub site_name: Option<String>,
    /// Publication time as stated.
    pub published: Option<String>,
}

/// One category's line of a timeline.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryTimeline {
    /// The PLOVER category.
    pub category: String,
    /// Non-empty buckets, chronologically.
    pub buckets: Vec<Bucket>,
}

impl Store {
    /// The events reported by the articles `query` matches: those of its
    /// top `query.limit` articles that report any, the categories over all
    /// of them, and a timeline per category by `interval`. The query's
    /// facet and histogram settings are ignored.
    pub fn events(&self, query: &Query, interval: Interval) -> Result<EventResults, StoreError> {
        let mut with_events = query.clone();
        with_events.filters.push(format!("event:{EVENT_ANY}"));
        with_events.facets = true;
        with_events.histogram = None;
        let results = self.search(&with_events)?;
        let categories = results.facets.map(|f| f.events).unwrap_or_default();
        let mut events = Vec::new();
        for hit in &results.hits {
            let Some(stored) = self.article(hit.id as i64)? else {
                continue;
            };
            let article = EventArticle {
                id: hit.id,
                title: hit.title.clone(),
                url: hit.url.clone(),
                site_name: hit.site_name.clone(),
                published: hit.published.clone(),
            };
            for event in stored.enrichment.map(|e| e.events).unwrap_or_default() {
                events.push(ArticleEvent {
                    article: article.clone(),
                    event,
                });
            }
        }
        let mut timeline = Vec::new();
        for category in categories.iter().take(TIMELINE_CATEGORIES) {
            let mut one = query.clone();
            one.filters
                .push(format!("event:{}", category.value.to_lowercase()));
            one.limit = 1;
            one.offset = 0;
            one.facets = false;
            one.histogram = Some(interval);
            timeline.push(CategoryTimeline {
                category: category.value.clone(),
                buckets: self.search(&one)?.histogram,
            });
        }
        Ok(EventResults {
            articles: results.total,
            events,
            categories,
            timeline,
        })
    }
}
