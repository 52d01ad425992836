//! Facet counts and date histograms over every matching document, read
//! from fast fields by a collector that runs beside the top-k collector:
//! per segment it counts term ordinals in a vector and days in a table,
//! and turns ordinals into strings once per segment, not once per hit.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::dates;
use crate::Interval;

/// Values listed per facet (months: all).
pub const FACET_SIZE: usize = 20;

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

/// The fast fields counted for the facets, in [`Counts::terms`] order.
const FACET_FIELDS: [&str; 4] = ["site", "lang", "author_facet", "tag_facet"];

/// Collects [`Counts`] over the matching documents.
pub(crate) struct CountsCollector {
    /// Count the string facets.
    pub facets: bool,
    /// Count days (for the month facet or a histogram).
    pub days: bool,
}

/// Per-value counts over the matching documents.
#[derive(Debug, Default)]
pub(crate) struct Counts {
    /// One map per [`FACET_FIELDS`] entry.
    terms: [HashMap<String, u64>; 4],
    /// Documents per day number.
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
            for (i, name) in FACET_FIELDS.iter().enumerate() {
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
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Counts> {
        let mut total = Counts::default();
        for fruit in fruits {
            for (into, from) in total.terms.iter_mut().zip(fruit.terms) {
                for (value, n) in from {
                    *into.entry(value).or_default() += n;
                }
            }
            for (day, n) in fruit.days {
                *total.days.entry(day).or_default() += n;
            }
        }
        Ok(total)
    }
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
}

impl SegmentCollector for SegmentCounts {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _: Score) {
        for (_, column, counts) in &mut self.columns {
            for ord in column.term_ords(doc) {
                if let Some(n) = counts.get_mut(ord as usize) {
                    *n += 1;
                }
            }
        }
        if let Some(value) = self.published.as_ref().and_then(|c| c.first(doc)) {
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

    fn harvest(self) -> Counts {
        let mut out = Counts::default();
        for (i, column, counts) in self.columns {
            let ords: Vec<u64> = (0..counts.len() as u64)
                .filter(|o| counts[*o as usize] > 0)
                .collect();
            let mut values = ords.iter();
            let map = &mut out.terms[i];
            // A dictionary read error leaves the facet short rather than
            // failing the search.
            let _ = column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                if let Some(ord) = values.next() {
                    let value = String::from_utf8_lossy(bytes).into_owned();
                    *map.entry(value).or_default() += u64::from(counts[*ord as usize]);
                }
            });
        }
        out.days = match self.days {
            DayCounts::Dense { first, counts } => counts
                .into_iter()
                .enumerate()
                .filter(|(_, n)| *n > 0)
                .map(|(i, n)| (first + i as i64, u64::from(n)))
                .collect(),
            DayCounts::Sparse(map) => map,
        };
        out
    }
}

impl Counts {
    /// The facets: top values per field, all months chronologically.
    pub fn facets(&self) -> Facets {
        let [sites, languages, authors, tags] = &self.terms;
        let months = self
            .histogram(Interval::Month)
            .into_iter()
            .map(|b| FacetCount {
                value: b.key,
                count: b.count,
            })
            .collect();
        Facets {
            sites: top(sites),
            languages: top(languages),
            months,
            authors: top(authors),
            tags: top(tags),
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

/// The [`FACET_SIZE`] most frequent values, by count then value.
fn top(counts: &HashMap<String, u64>) -> Vec<FacetCount> {
    let mut all: Vec<FacetCount> = counts
        .iter()
        .map(|(value, count)| FacetCount {
            value: value.clone(),
            count: *count,
        })
        .collect();
    all.sort_unstable_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    all.truncate(FACET_SIZE);
    all
}
