//! [`Query`]: what a search asks for, and its translation into a tantivy
//! query.

use std::ops::Bound;

use dateline_model::Timestamp;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query as TQuery,
    RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use crate::dates;
use crate::error::{BadDate, DateBound, QueryError};
use crate::guard::GuardedPhrase;
use crate::parse::{self, Atom, Target};
use crate::schema::{self, Fields};

/// How much more a match in the title counts than one in another field.
const TITLE_BOOST: f32 = 2.0;

/// A search: the user's query text, filters, paging and what to compute
/// besides the hits.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// The query in the query language (see the crate documentation).
    pub text: String,
    /// Published on or after this day (inclusive; the time is ignored).
    pub from: Option<Timestamp>,
    /// Published on or before this day (inclusive: the whole day).
    pub to: Option<Timestamp>,
    /// ISO 639-1 language; compared on its first two letters, lower-cased.
    pub language: Option<String>,
    /// Hits to return; 0 means 10.
    pub limit: usize,
    /// Hits to skip (paging).
    pub offset: usize,
    /// Compute facet counts over all matching documents.
    pub facets: bool,
    /// Compute a date histogram over all matching documents.
    pub histogram: Option<Interval>,
    /// More conditions in the query language, each parsed on its own and
    /// required besides `text` (an `OR` never joins across them): how a
    /// program narrows a user's query (`event:any`) without editing it.
    pub filters: Vec<String>,
}

/// Hits returned when [`Query::limit`] is 0.
pub const DEFAULT_LIMIT: usize = 10;
/// The cap on [`Query::limit`] and on [`Query::offset`]: collecting the top
/// `offset + limit` hits costs memory in proportion.
pub const MAX_WINDOW: usize = 100_000;

impl Query {
    /// A query for `text` with defaults for everything else.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..Self::default()
        }
    }

    /// A query for `text` with the filters a user gives as text, where an
    /// empty or blank value counts as absent: `from` and `to` as a year, a
    /// month or a day (`2019`, `2019-12`, `2019-12-09`; a year or month
    /// stands for its first day in `from` and its last day in `to`), and a
    /// language code. Everything else takes its default.
    ///
    /// ```
    /// use dateline_search::{DateBound, Query, QueryError};
    ///
    /// let query = Query::filtered("raqqa", Some("2019-12"), Some("2019-12"), Some("en"))?;
    /// assert_eq!(query.from.unwrap().to_string(), "2019-12-01");
    /// assert_eq!(query.to.unwrap().to_string(), "2019-12-31");
    ///
    /// let err = Query::filtered("raqqa", Some(""), Some("last week"), None).unwrap_err();
    /// assert!(matches!(err, QueryError::BadDate { bound: DateBound::To, .. }));
    /// assert_eq!(
    ///     err.to_string(),
    ///     r#"to="last week" is not a date (use 2019, 2019-12 or 2019-12-09)"#
    /// );
    /// # Ok::<(), QueryError>(())
    /// ```
    pub fn filtered(
        text: impl Into<String>,
        from: Option<&str>,
        to: Option<&str>,
        language: Option<&str>,
    ) -> Result<Self, QueryError> {
        Ok(Self {
            text: text.into(),
            from: date_bound(DateBound::From, from)?,
            to: date_bound(DateBound::To, to)?,
            language: language
                .filter(|lang| !lang.trim().is_empty())
                .map(str::to_owned),
            ..Self::default()
        })
    }

    /// The `(offset, limit)` actually used.
    pub(crate) fn window(&self) -> (usize, usize) {
        let limit = if self.limit == 0 {
            DEFAULT_LIMIT
        } else {
            self.limit
        }
        .min(MAX_WINDOW);
        (self.offset.min(MAX_WINDOW), limit)
    }
}

/// A `from`/`to` filter; empty or blank counts as absent.
fn date_bound(bound: DateBound, value: Option<&str>) -> Result<Option<Timestamp>, QueryError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(text) => Timestamp::parse_range_bound(text, bound == DateBound::To)
            .map(Some)
            .ok_or_else(|| QueryError::BadDate {
                bound,
                date: BadDate {
                    text: text.to_owned(),
                },
            }),
    }
}

/// The width of a date histogram's buckets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Interval {
    /// Calendar days.
    Day,
    /// Weeks starting on Monday.
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

/// A query translated for tantivy.
pub(crate) struct Compiled {
    /// The tantivy query.
    pub query: Box<dyn TQuery>,
    /// Whether nothing in the query ranks documents: hits are then sorted
    /// by date, newest first.
    pub by_date: bool,
    /// The analysed words to highlight in snippets.
    pub highlight: Vec<String>,
}

/// Translates a query.
pub(crate) fn compile(query: &Query, fields: &Fields, analyzer: &TextAnalyzer) -> Compiled {
    let mut analyzer = analyzer.clone();
    let mut clauses: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
    let mut scored = false;
    let mut highlight: Vec<String> = Vec::new();
    let parsed: Vec<parse::Clause> = std::iter::once(query.text.as_str())
        .chain(query.filters.iter().map(String::as_str))
        .flat_map(parse::parse)
        .collect();
    // Pages that are not news (kept by `ingest --keep-non-articles`) are
    // found only when the query asks for a type, as `type:forum` or
    // `type:any` does, so that a plain search answers with news alone.
    let asks_type = parsed
        .iter()
        .flat_map(|clause| &clause.alternatives)
        .any(|atom| atom.target == Target::PageType);
    if !asks_type {
        clauses.push((
            Occur::Must,
            filter(raw_term(fields.page_type, schema::TYPE_NEWS)),
        ));
    }
    for clause in &parsed {
        let mut alternatives: Vec<Box<dyn TQuery>> = Vec::new();
        for atom in &clause.alternatives {
            let tokens = analyze(&mut analyzer, &atom.text);
            let Some(q) = atom_query(atom, &tokens, fields) else {
                continue;
            };
            if !clause.negated && atom.target.is_scored() {
                scored = true;
                for (_, token) in tokens {
                    if !highlight.contains(&token) {
                        highlight.push(token);
                    }
                }
            }
            alternatives.push(q);
        }
        let q: Box<dyn TQuery> = match alternatives.len() {
            0 => continue,
            1 => alternatives.remove(0),
            _ => Box::new(BooleanQuery::new(
                alternatives
                    .into_iter()
                    .map(|q| (Occur::Should, q))
                    .collect(),
            )),
        };
        clauses.push((
            if clause.negated {
                Occur::MustNot
            } else {
                Occur::Must
            },
            q,
        ));
    }
    if query.from.is_some() || query.to.is_some() {
        let term = |seconds| Term::from_field_i64(fields.published, seconds);
        let lower = query.from.map_or(Bound::Unbounded, |t| {
            Bound::Included(term(dates::start_of_day(&t)))
        });
        let upper = query.to.map_or(Bound::Unbounded, |t| {
            Bound::Excluded(term(dates::end_of_day(&t)))
        });
        clauses.push((Occur::Must, filter(Box::new(RangeQuery::new(lower, upper)))));
    }
    if let Some(lang) = query
        .language
        .as_deref()
        .and_then(schema::normalize_language)
    {
        clauses.push((Occur::Must, filter(raw_term(fields.lang, &lang))));
    }
    if !clauses.iter().any(|(occur, _)| *occur == Occur::Must) {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    Compiled {
        query: Box::new(BooleanQuery::new(clauses)),
        by_date: !scored,
        highlight,
    }
}

/// The tokens of a text with their positions.
fn analyze(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, String)> {
    let mut stream = analyzer.token_stream(text);
    let mut tokens = Vec::new();
    while let Some(token) = stream.next() {
        tokens.push((token.position, token.text.clone()));
    }
    tokens
}

/// The query of one word or phrase; `None` when it has no words.
fn atom_query(atom: &Atom, tokens: &[(usize, String)], f: &Fields) -> Option<Box<dyn TQuery>> {
    match atom.target {
        Target::Default => {
            let per_field: Vec<(Occur, Box<dyn TQuery>)> = [
                (f.title, TITLE_BOOST),
                (f.description, 1.0),
                (f.body, 1.0),
                (f.authors, 1.0),
                (f.tags, 1.0),
            ]
            .into_iter()
            .filter_map(|(field, boost)| {
                let q = text_query(field, tokens)?;
                let q: Box<dyn TQuery> = if boost == 1.0 {
                    q
                } else {
                    Box::new(BoostQuery::new(q, boost))
                };
                Some((Occur::Should, q))
            })
            .collect();
            (!per_field.is_empty())
                .then(|| Box::new(BooleanQuery::new(per_field)) as Box<dyn TQuery>)
        }
        Target::Title => text_query(f.title, tokens),
        Target::Author => text_query(f.authors, tokens).map(filter),
        Target::Tag => text_query(f.tags, tokens).map(filter),
        Target::Site => {
            let host = schema::normalize_site(&atom.text);
            let mut either: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
            if !host.is_empty() {
                either.push((Occur::Should, raw_term(f.host, &host)));
            }
            if let Some(q) = text_query(f.site_name, tokens) {
                either.push((Occur::Should, q));
            }
            (!either.is_empty()).then(|| filter(Box::new(BooleanQuery::new(either))))
        }
        Target::Lang => {
            schema::normalize_language(&atom.text).map(|lang| filter(raw_term(f.lang, &lang)))
        }
        // Whole names: `place:Abyad` does not match Tel Abyad.
        Target::Place => whole_value(f.place, tokens).map(filter),
        Target::Country => whole_value(f.country, tokens).map(filter),
        Target::Person => text_query(f.person, tokens).map(filter),
        Target::Org => text_query(f.org, tokens).map(filter),
        // Codes are single words: `event:ASSAULT`, `actor:TURMIL`.
        Target::Event => whole_value(f.event, tokens).map(filter),
        Target::Actor => whole_value(f.actor, tokens).map(filter),
        Target::Recipient => whole_value(f.target, tokens).map(filter),
        Target::PageType => {
            let value = atom.text.trim().to_lowercase();
            if value == schema::TYPE_ANY {
                Some(filter(Box::new(AllQuery)))
            } else {
                (!value.is_empty()).then(|| filter(raw_term(f.page_type, &value)))
            }
        }
    }
}

/// A term query for one token, a phrase query for several.
fn text_query(field: Field, tokens: &[(usize, String)]) -> Option<Box<dyn TQuery>> {
    match tokens {
        [] => None,
        [(_, token)] => Some(Box::new(TermQuery::new(
            Term::from_field_text(field, token),
            IndexRecordOption::WithFreqs,
        ))),
        _ => {
            let first = tokens[0].0;
            let terms = tokens
                .iter()
                .map(|(pos, token)| (pos - first, Term::from_field_text(field, token)))
                .collect();
            Some(Box::new(GuardedPhrase(PhraseQuery::new_with_offset(terms))))
        }
    }
}

/// The raw term of a value indexed as its analysed words joined by
/// spaces (see `schema::joined_words`).
fn whole_value(field: Field, tokens: &[(usize, String)]) -> Option<Box<dyn TQuery>> {
    let words: Vec<&str> = tokens.iter().map(|(_, word)| word.as_str()).collect();
    (!words.is_empty()).then(|| raw_term(field, &words.join(" ")))
}

/// An exact term of a raw (untokenised) field.
fn raw_term(field: Field, value: &str) -> Box<dyn TQuery> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

/// A condition that selects documents without changing their rank.
fn filter(query: Box<dyn TQuery>) -> Box<dyn TQuery> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_capped() {
        assert_eq!(Query::default().window(), (0, DEFAULT_LIMIT));
        let q = Query {
            limit: usize::MAX,
            offset: usize::MAX,
            ..Query::default()
        };
        assert_eq!(q.window(), (MAX_WINDOW, MAX_WINDOW));
        let q = Query {
            limit: 5,
            offset: 20,
            ..Query::default()
        };
        assert_eq!(q.window(), (20, 5));
    }

    #[test]
    fn filters_from_text_widen_years_and_months() {
        let q = Query::filtered("raqqa", Some("2019"), Some("2019"), Some("en")).unwrap();
        assert_eq!(q.text, "raqqa");
        assert_eq!(q.from.unwrap().to_string(), "2019-01-01");
        assert_eq!(q.to.unwrap().to_string(), "2019-12-31");
        assert_eq!(q.language.as_deref(), Some("en"));
        let q = Query::filtered("", Some(" 2020-02 "), Some("2020-02"), None).unwrap();
        assert_eq!(q.from.unwrap().to_string(), "2020-02-01");
        assert_eq!(q.to.unwrap().to_string(), "2020-02-29");
        let q = Query::filtered("x", Some("2019-12-09"), None, None).unwrap();
        assert_eq!(q.from.unwrap().to_string(), "2019-12-09");
        assert_eq!(
            (q.limit, q.offset, q.facets, q.histogram),
            (0, 0, false, None)
        );
        assert!(q.filters.is_empty());
    }

    #[test]
    fn empty_filters_are_absent() {
        for blank in [None, Some(""), Some("  ")] {
            let q = Query::filtered("raqqa", blank, blank, blank).unwrap();
            assert_eq!((q.from, q.to, q.language), (None, None, None));
        }
    }

    #[test]
    fn bad_dates_name_their_bound() {
        let err = Query::filtered("", Some("yesterday"), Some("2019"), None).unwrap_err();
        assert_eq!(
            err,
            QueryError::BadDate {
                bound: DateBound::From,
                date: BadDate {
                    text: "yesterday".into()
                },
            }
        );
        assert_eq!(
            err.to_string(),
            r#"from="yesterday" is not a date (use 2019, 2019-12 or 2019-12-09)"#
        );
        let QueryError::BadDate { bound, date } =
            Query::filtered("", None, Some(" 2019-13 "), None).unwrap_err();
        assert_eq!(bound, DateBound::To);
        assert_eq!(
            date.to_string(),
            r#""2019-13" is not a date (use 2019, 2019-12 or 2019-12-09)"#
        );
        // A bad `from` is reported before a bad `to`.
        let err = Query::filtered("", Some("x"), Some("y"), None).unwrap_err();
        assert!(matches!(
            err,
            QueryError::BadDate {
                bound: DateBound::From,
                ..
            }
        ));
    }

    #[test]
    fn filters_alone_sort_by_date() {
        let (_, fields) = Fields::build();
        let analyzer = schema::analyzer();
        let compiled = compile(
            &Query::new("site:jpost.com -syria author:x"),
            &fields,
            &analyzer,
        );
        assert!(compiled.by_date);
        let compiled = compile(&Query::new("Équipe title:Raqqa"), &fields, &analyzer);
        assert!(!compiled.by_date);
        assert_eq!(compiled.highlight, ["equipe", "raqqa"]);
        let narrowed = Query {
            filters: vec!["event:any".into()],
            ..Query::new("site:jpost.com OR")
        };
        assert!(compile(&narrowed, &fields, &analyzer).by_date);
    }
}
