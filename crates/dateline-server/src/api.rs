//! The JSON API: search, date histogram, one article, store statistics,
//! and the OpenAPI document that describes them.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query as QueryParams, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use dateline_store::{
    Bucket, EventResults, Facets, Hit, Interval, PlaceInfo, Query, Stats, Store, StoreError,
    StoredArticle,
};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::pool::StorePool;
use crate::{DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET, MAX_QUERY_CHARS, OPENAPI};

// The filters are repeated in both parameter sets rather than flattened:
// serde_urlencoded hands flattened fields over as strings, which breaks
// every number and boolean beside them.

/// `/api/search` parameters.
#[derive(Debug, Default, Deserialize)]
pub struct SearchParams {
    /// Query text in the query language (empty: every article).
    #[serde(default)]
    q: String,
    /// First day (`2019`, `2019-12`, `2019-12-09`).
    from: Option<String>,
    /// Last day, inclusive.
    to: Option<String>,
    /// Language code.
    lang: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
    #[serde(default)]
    facets: bool,
    histogram: Option<Interval>,
}

/// `/api/histogram` parameters.
#[derive(Debug, Default, Deserialize)]
pub struct HistogramParams {
    #[serde(default)]
    q: String,
    from: Option<String>,
    to: Option<String>,
    lang: Option<String>,
    interval: Option<Interval>,
}

/// `/api/events` parameters.
#[derive(Debug, Default, Deserialize)]
pub struct EventsParams {
    #[serde(default)]
    q: String,
    from: Option<String>,
    to: Option<String>,
    lang: Option<String>,
    /// Articles whose events are listed.
    limit: Option<usize>,
    offset: Option<usize>,
    /// The timeline's bucket width (default month).
    interval: Option<Interval>,
}

/// The `/api/events` answer.
#[derive(Debug, Serialize)]
pub struct EventsResponse {
    query: String,
    interval: Interval,
    took_ms: f64,
    #[serde(flatten)]
    results: EventResults,
}

/// A date histogram and its bucket width.
#[derive(Debug, Serialize)]
pub struct Histogram {
    interval: Interval,
    buckets: Vec<Bucket>,
}

/// The `/api/search` answer.
#[derive(Debug, Serialize)]
pub struct SearchResponse {
    query: String,
    total: u64,
    offset: usize,
    limit: usize,
    took_ms: f64,
    hits: Vec<Hit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    facets: Option<Facets>,
    /// The places the matches name, most matches first, with coordinates:
    /// the map (with the facets).
    #[serde(skip_serializing_if = "Option::is_none")]
    places: Option<Vec<PlaceCount>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    histogram: Option<Histogram>,
}

/// A place and how many matching articles name it.
#[derive(Debug, Serialize)]
pub struct PlaceCount {
    geonames_id: u32,
    name: String,
    country_code: String,
    kind: String,
    lat: f64,
    lon: f64,
    count: u64,
}

/// `GET /api/search`: ranked hits with snippets; facets and a histogram on
/// request.
pub async fn search(
    State(pool): State<Arc<StorePool>>,
    params: Result<QueryParams<SearchParams>, QueryRejection>,
) -> Result<Json<SearchResponse>, ApiError> {
    let QueryParams(params) = params.map_err(reject)?;
    let (offset, limit) = window(params.offset, params.limit)?;
    let mut query = filters(&params.q, &params.from, &params.to, &params.lang)?;
    query.limit = limit;
    query.offset = offset;
    query.facets = params.facets;
    query.histogram = params.histogram;
    let response = pool
        .run(move |store| {
            let started = Instant::now();
            let results = store.search(&query)?;
            let places = results
                .facets
                .as_ref()
                .map(|facets| place_counts(store, &facets.places))
                .transpose()?;
            Ok(SearchResponse {
                places,
                took_ms: started.elapsed().as_secs_f64() * 1e3,
                histogram: query.histogram.map(|interval| Histogram {
                    interval,
                    buckets: results.histogram,
                }),
                query: query.text,
                total: results.total,
                offset,
                limit,
                hits: results.hits,
                facets: results.facets,
            })
        })
        .await?;
    Ok(Json(response))
}

/// `GET /api/events`: the events the matching articles report, their
/// categories and a timeline per category.
pub async fn events(
    State(pool): State<Arc<StorePool>>,
    params: Result<QueryParams<EventsParams>, QueryRejection>,
) -> Result<Json<EventsResponse>, ApiError> {
    let QueryParams(params) = params.map_err(reject)?;
    let (offset, limit) = window(params.offset, params.limit)?;
    let interval = params.interval.unwrap_or(Interval::Month);
    let mut query = filters(&params.q, &params.from, &params.to, &params.lang)?;
    query.limit = limit;
    query.offset = offset;
    let response = pool
        .run(move |store| {
            let started = Instant::now();
            let results = store.events(&query, interval)?;
            Ok(EventsResponse {
                query: query.text,
                interval,
                took_ms: started.elapsed().as_secs_f64() * 1e3,
                results,
            })
        })
        .await?;
    Ok(Json(response))
}

/// `GET /api/histogram`: matching articles per day, week, month or year.
pub async fn histogram(
    State(pool): State<Arc<StorePool>>,
    params: Result<QueryParams<HistogramParams>, QueryRejection>,
) -> Result<Json<Histogram>, ApiError> {
    let QueryParams(params) = params.map_err(reject)?;
    let interval = params.interval.unwrap_or(Interval::Month);
    let mut query = filters(&params.q, &params.from, &params.to, &params.lang)?;
    // Only the counts: the smallest page of hits.
    query.limit = 1;
    query.histogram = Some(interval);
    let buckets = pool
        .run(move |store| Ok(store.search(&query)?.histogram))
        .await?;
    Ok(Json(Histogram { interval, buckets }))
}

/// `GET /api/articles/{id}`: the whole article, its provenance and the
/// other versions of its story.
pub async fn article(
    State(pool): State<Arc<StorePool>>,
    Path(id): Path<String>,
) -> Result<Json<StoredArticle>, ApiError> {
    let id: i64 = id
        .parse()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| ApiError::bad_request(format!("{id:?} is not an article id")))?;
    pool.run(move |store| {
        store
            .article(id)?
            .map(Json)
            .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, format!("no article {id}")))
    })
    .await
}

/// `GET /api/places/{id}`: a place the store's articles name (its
/// articles are `place:{id}` searches).
pub async fn place(
    State(pool): State<Arc<StorePool>>,
    Path(id): Path<String>,
) -> Result<Json<PlaceInfo>, ApiError> {
    let id: u32 = id
        .parse()
        .ok()
        .ok_or_else(|| ApiError::bad_request(format!("{id:?} is not a GeoNames id")))?;
    pool.run(move |store| {
        store.place(id)?.map(Json).ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                format!("no article names place {id}"),
            )
        })
    })
    .await
}

/// The place facet's GeoNames ids with their names and coordinates.
fn place_counts(
    store: &Store,
    facet: &[dateline_store::FacetCount],
) -> Result<Vec<PlaceCount>, StoreError> {
    let ids: Vec<u32> = facet.iter().filter_map(|f| f.value.parse().ok()).collect();
    let counts: std::collections::HashMap<u32, u64> = facet
        .iter()
        .filter_map(|f| Some((f.value.parse().ok()?, f.count)))
        .collect();
    Ok(store
        .places(&ids)?
        .into_iter()
        .map(|p| PlaceCount {
            count: counts.get(&p.geonames_id).copied().unwrap_or(0),
            geonames_id: p.geonames_id,
            name: p.name,
            country_code: p.country_code,
            kind: p.kind,
            lat: p.lat,
            lon: p.lon,
        })
        .collect())
}

/// `GET /api/stats`: counts over the whole store.
pub async fn stats(State(pool): State<Arc<StorePool>>) -> Result<Json<Stats>, ApiError> {
    pool.run(|store| Ok(Json(store.stats()?))).await
}

/// `GET /openapi.json`.
pub async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI)
}

/// Anything else: 404 as JSON.
pub async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "no such page or API route")
}

/// A query from the filters both search and histogram take.
fn filters(
    q: &str,
    from: &Option<String>,
    to: &Option<String>,
    lang: &Option<String>,
) -> Result<Query, ApiError> {
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(ApiError::bad_request(format!(
            "the query is longer than {MAX_QUERY_CHARS} characters"
        )));
    }
    // `from="x" is not a date (use 2019, 2019-12 or 2019-12-09)`.
    Query::filtered(q, from.as_deref(), to.as_deref(), lang.as_deref())
        .map_err(|err| ApiError::bad_request(err.to_string()))
}

/// The `(offset, limit)` of a page of hits, checked against the caps.
fn window(offset: Option<usize>, limit: Option<usize>) -> Result<(usize, usize), ApiError> {
    let limit = match limit {
        None | Some(0) => DEFAULT_LIMIT,
        Some(n) if n > MAX_LIMIT => {
            return Err(ApiError::bad_request(format!(
                "limit must be at most {MAX_LIMIT}"
            )))
        }
        Some(n) => n,
    };
    let offset = offset.unwrap_or(0);
    if offset > MAX_OFFSET {
        return Err(ApiError::bad_request(format!(
            "offset must be at most {MAX_OFFSET}"
        )));
    }
    Ok((offset, limit))
}

fn reject(rejection: QueryRejection) -> ApiError {
    ApiError::bad_request(rejection.body_text())
}
