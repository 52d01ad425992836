//! Facet counts and date histograms over every matching document, read
//! from fast fields by a collector that runs beside the top-k collector:
//! per segment it counts term ordinals in a vector and days in a table;
//! only the most frequent ordinals become strings, once all segments are in.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::dates;
use crate::Interval;

/// Values listed per facet (months: all; places: [`PLACE_FACET_SIZE`]).
pub const FACET_SIZE: usize = 20;
/// Places listed: enough to draw a map of the results.
pub const PLACE_FACET_SIZE: usize = 200;

/// Days spanned by a segment's dates up to which days are counted in a
/// vector rather than a hash map (about 110 years: 160 KB).
const DENSE_DAYS: i64 = 40_000;

/// Facet counts of the matching documents.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Facets {
    /// Sites by URL host (without `www.`).
    pub sites: Vec<FacetCount>,
    /// Languages (two letters, lower-cased).
    pub languages: Vec<FacetCount>,
    /// Publication months (`2019-12`), all of them, chronologically.
    pub months: Vec<FacetCount>,
    /// Author names as given.
    pub authors: Vec<FacetCount>,
    /// Tags as given.
    pub tags: Vec<FacetCount>,
    /// Places named, by GeoNames id (up to [`PLACE_FACET_SIZE`]).
    pub places: Vec<FacetCount>,
    /// Countries of the places named (ISO 3166-1 alpha-2 codes).
    pub countries: Vec<FacetCount>,
    /// People named, by full name.
    pub people: Vec<FacetCount>,
    /// Organisations named, by full name.
    pub organizations: Vec<FacetCount>,
    /// Events' PLOVER categories (`ASSAULT`): articles with at least one.
    pub events: Vec<FacetCount>,
}

/// One value of a facet and how many matching documents have it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FacetCount {
    /// The value.
    pub value: String,
    /// Matching documents with it.
    pub count: u64,
}

/// One bar of a date histogram.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Bucket {
    /// The bucket's first day: `2019-12-09` (day; a week's Monday),
    /// `2019-12` (month), `2019` (year).
    pub key: String,
    /// Matching documents published in it.
    pub count: u64,
}

/// The fast fields counted for the facets, in [`Counts::terms`] order,
/// with the number of values listed.
const FACET_FIELDS: [(&str, usize); 9] = [
    ("site", FACET_SIZE),
    ("lang", FACET_SIZE),
    ("author_facet", FACET_SIZE),
    ("tag_facet", FACET_SIZE),
    ("place_facet", PLACE_FACET_SIZE),
    ("country_facet", FACET_SIZE),
    ("person_facet", FACET_SIZE),
    ("org_facet", FACET_SIZE),
    ("event_facet", FACET_SIZE),
];

/// Documents counted at a time.
const BATCH: usize = 512;

/// Values per segment and facet considered for the top [`FACET_SIZE`]
/// (twice the values listed when that is more): a value outside every
/// segment's top this many cannot be listed (as with Elasticsearch's
/// `shard_size`); the counts listed are exact.
const CANDIDATES_PER_SEGMENT: usize = 100;

/// Collects [`Counts`] over the matching documents.
pub(crate) struct CountsCollector {
    /// Count the string facets.
    pub facets: bool,
    /// Count days (for the month facet or a histogram).
    pub days: bool,
}

/// The counts over the matching documents.
#[derive(Debug, Default)]
pub(crate) struct Counts {
    /// The top values of each [`FACET_FIELDS`] entry.
    terms: [Vec<FacetCount>; FACET_FIELDS.len()],
    /// Documents per day number.
    days: HashMap<i64, u64>,
}

/// Counts of one segment: per-ordinal counts are turned into strings only
/// for the candidates, once all segments are in (a query matching most of
/// the index would otherwise convert every author name it has).
pub(crate) struct SegmentFruit {
    columns: Vec<(usize, StrColumn, Vec<u32>)>,
    days: HashMap<i64, u64>,
}

impl Collector for CountsCollector {
    type Fruit = Counts;
    type Child = SegmentCounts;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentCounts> {
        let fast = segment.fast_fields();
        let mut columns = Vec::new();
        if self.facets {
            for (i, (name, _)) in FACET_FIELDS.iter().enumerate() {
                if let Some(column) = fast.str(name)? {
                    let counts = vec![0u32; column.num_terms()];
                    columns.push((i, column, counts));
                }
            }
        }
        let published = if self.days {
            fast.column_opt::<i64>("published")?
        } else {
            None
        };
        let days = match &published {
            Some(col) => {
                let (lo, hi) = (
                    dates::day_of_seconds(col.min_value()),
                    dates::day_of_seconds(col.max_value()),
                );
                if hi - lo < DENSE_DAYS {
                    DayCounts::Dense {
                        first: lo,
                        counts: vec![0; (hi - lo + 1) as usize],
                    }
                } else {
                    DayCounts::Sparse(HashMap::new())
                }
            }
            None => DayCounts::Sparse(HashMap::new()),
        };
        Ok(SegmentCounts {
            columns,
            published,
            days,
            buffer: Vec::with_capacity(BATCH + tantivy::COLLECT_BLOCK_BUFFER_LEN),
            rows_docs: Vec::new(),
            rows: Vec::new(),
            values: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<Counts> {
        let mut total = Counts::default();
        for fruit in &fruits {
            for (day, n) in &fruit.days {
                *total.days.entry(*day).or_default() += n;
            }
        }
        for (i, terms) in total.terms.iter_mut().enumerate() {
            let segments: Vec<(&StrColumn, &[u32])> = fruits
                .iter()
                .flat_map(|f| &f.columns)
                .filter(|(facet, _, _)| *facet == i)
                .map(|(_, column, counts)| (column, counts.as_slice()))
                .collect();
            *terms = top_values(&segments, FACET_FIELDS[i].1)?;
        }
        Ok(total)
    }
}

/// The `size` values with the highest counts over all segments.
fn top_values(segments: &[(&StrColumn, &[u32])], size: usize) -> tantivy::Result<Vec<FacetCount>> {
    let limit = if segments.len() == 1 {
        size
    } else {
        CANDIDATES_PER_SEGMENT.max(2 * size)
    };
    let mut candidates: Vec<String> = Vec::new();
    for (column, counts) in segments {
        for (value, _) in top_ords(column, counts, limit)? {
            candidates.push(value);
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    let mut values = Vec::with_capacity(candidates.len());
    for value in candidates {
        let mut count = 0;
        for (column, counts) in segments {
            if let Some(ord) = column.dictionary().term_ord(&value)? {
                count += counts.get(ord as usize).copied().map_or(0, u64::from);
            }
        }
        values.push(FacetCount { value, count });
    }
    sort_and_truncate(&mut values, size);
    Ok(values)
}

/// A segment's `limit` most frequent values with their counts.
fn top_ords(
    column: &StrColumn,
    counts: &[u32],
    limit: usize,
) -> tantivy::Result<Vec<(String, u32)>> {
    let mut ords: Vec<(u32, u64)> = counts
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(ord, n)| (*n, ord as u64))
        .collect();
    if ords.len() > limit {
        // Highest counts first; ties on the lower ordinal (the smaller value).
        ords.select_nth_unstable_by(limit - 1, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        ords.truncate(limit);
    }
    ords.sort_unstable_by_key(|(_, ord)| *ord);
    let sorted: Vec<u64> = ords.iter().map(|(_, ord)| *ord).collect();
    let mut out = Vec::with_capacity(ords.len());
    let mut next = ords.iter();
    column
        .dictionary()
        .sorted_ords_to_term_cb(&sorted, |bytes| {
            if let Some((n, _)) = next.next() {
                out.push((String::from_utf8_lossy(bytes).into_owned(), *n));
            }
        })?;
    Ok(out)
}

/// Day counts of one segment.
enum DayCounts {
    /// Indexed by day minus `first`.
    Dense { first: i64, counts: Vec<u32> },
    /// For segments whose dates span centuries (bogus dates).
    Sparse(HashMap<i64, u64>),
}

/// The per-segment part of [`CountsCollector`].
pub(crate) struct SegmentCounts {
    /// Facet index, column, count per term ordinal.
    columns: Vec<(usize, StrColumn, Vec<u32>)>,
    published: Option<Column<i64>>,
    days: DayCounts,
    /// Matching documents not counted yet.
    buffer: Vec<DocId>,
    /// Scratch space of [`SegmentCounts::flush`].
    rows_docs: Vec<DocId>,
    rows: Vec<u32>,
    values: Vec<u64>,
}

impl SegmentCounts {
    /// Counts the buffered documents, a block at a time: batch lookups in
    /// the columns cost a fraction of one lookup per document and column.
    fn flush(&mut self) {
        let docs = std::mem::take(&mut self.buffer);
        let (rows_docs, rows, values) = (&mut self.rows_docs, &mut self.rows, &mut self.values);
        for (_, column, counts) in &mut self.columns {
            let ords = column.ords();
            rows_docs.clear();
            rows.clear();
            ords.row_ids_for_docs(&docs, rows_docs, rows);
            values.resize(rows.len(), 0);
            ords.values.get_vals(rows, values);
            for ord in values.iter() {
                if let Some(n) = counts.get_mut(*ord as usize) {
                    *n += 1;
                }
            }
        }
        if let Some(published) = &self.published {
            rows_docs.clear();
            rows.clear();
            published.row_ids_for_docs(&docs, rows_docs, rows);
            let mut seconds = vec![0i64; rows.len()];
            published.values.get_vals(rows, &mut seconds);
            for value in seconds {
                let day = dates::day_of_seconds(value);
                match &mut self.days {
                    DayCounts::Dense { first, counts } => {
                        if let Some(n) = usize::try_from(day - *first)
                            .ok()
                            .and_then(|i| counts.get_mut(i))
                        {
                            *n += 1;
                        }
                    }
                    DayCounts::Sparse(map) => *map.entry(day).or_default() += 1,
                }
            }
        }
        self.buffer = docs;
        self.buffer.clear();
    }
}

impl SegmentCollector for SegmentCounts {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.buffer.push(doc);
        if self.buffer.len() == BATCH {
            self.flush();
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.buffer.extend_from_slice(docs);
        if self.buffer.len() >= BATCH {
            self.flush();
        }
    }

    fn harvest(mut self) -> SegmentFruit {
        self.flush();
        let days = match self.days {
            DayCounts::Dense { first, counts } => counts
                .into_iter()
                .enumerate()
                .filter(|(_, n)| *n > 0)
                .map(|(i, n)| (first + i as i64, u64::from(n)))
                .collect(),
            DayCounts::Sparse(map) => map,
        };
        SegmentFruit {
            columns: self.columns,
            days,
        }
    }
}

impl Counts {
    /// The facets: top values per field, all months chronologically.
    pub fn facets(&self) -> Facets {
        let [sites, languages, authors, tags, places, countries, people, organizations, events] =
            self.terms.clone();
        let months = self
            .histogram(Interval::Month)
            .into_iter()
            .map(|b| FacetCount {
                value: b.key,
                count: b.count,
            })
            .collect();
        Facets {
            sites,
            languages,
            months,
            authors,
            tags,
            places,
            countries,
            people,
            organizations,
            events,
        }
    }

    /// The non-empty buckets of a date histogram, chronologically.
    pub fn histogram(&self, interval: Interval) -> Vec<Bucket> {
        let mut buckets: HashMap<i64, u64> = HashMap::new();
        for (day, n) in &self.days {
            *buckets
                .entry(dates::bucket_start(*day, interval))
                .or_default() += n;
        }
        let mut buckets: Vec<(i64, u64)> = buckets.into_iter().collect();
        buckets.sort_unstable();
        buckets
            .into_iter()
            .map(|(day, count)| Bucket {
                key: dates::bucket_key(day, interval),
                count,
            })
            .collect()
    }
}

/// Sorts by count (descending) then value, keeping `size`.
fn sort_and_truncate(values: &mut Vec<FacetCount>, size: usize) {
    values.sort_unstable_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    values.truncate(size);
}
