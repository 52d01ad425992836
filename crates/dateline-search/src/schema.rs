//! The index schema: which article fields are indexed, stored and kept as
//! fast (columnar) fields, and how an article becomes a tantivy document.
//!
//! Every field is stored at most once: the texts shown in hits (title,
//! description, body, authors, site name, URL) live in the compressed doc
//! store; what filters, sorts and facets read per document (date, language,
//! host, authors, tags, places, countries, people, organisations, event
//! categories, cluster size) lives in fast fields.

use std::collections::HashSet;

use dateline_dedup::site_key;
use dateline_model::{Article, Enrichment};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST,
    INDEXED, STORED, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::{Index, TantivyDocument};

use crate::dates;
use crate::IndexDoc;

/// Name of the analyzer of every full-text field: Unicode word splitting,
/// lower-casing and folding to ASCII, so that `equipe` finds `Équipe`. No
/// stemming: it is English-only and the index holds every language.
pub(crate) const ANALYZER: &str = "dateline";

/// Words longer than this (in bytes) are dropped: they are base64, hashes or
/// URLs, never something a reader types.
const MAX_TOKEN_LEN: usize = 40;

/// The analyzer of the full-text fields.
pub(crate) fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Registers [`analyzer`] on an index (tantivy does not persist analyzers).
pub(crate) fn register_analyzer(index: &Index) {
    index.tokenizers().register(ANALYZER, analyzer());
}

/// The index's fields.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    /// Article id: indexed (delete-by-id) and fast (read for hits).
    pub id: Field,
    /// Headline: full text, stored.
    pub title: Field,
    /// Standfirst: full text, stored.
    pub description: Field,
    /// Body text: full text, stored (snippets are cut from it).
    pub body: Field,
    /// Author names: full text, stored, one value per author.
    pub authors: Field,
    /// Tags: full text only.
    pub tags: Field,
    /// Site name: full text (the words `site:` matches), stored.
    pub site_name: Field,
    /// URL host without `www.` and its parent domains, as raw terms: what
    /// `site:jpost.com` matches (also on `edition.jpost.com`).
    pub host: Field,
    /// URL: stored only.
    pub url: Field,
    /// Language as the article states it: stored only.
    pub language: Field,
    /// First two letters of the language, lower-cased: raw term and fast.
    pub lang: Field,
    /// Publication time as stated (ISO string): stored only.
    pub published_text: Field,
    /// Publication time as local seconds since 1970 (the stated date and
    /// time, offset ignored): fast, for date sorting, ranges and histograms.
    pub published: Field,
    /// Host for the site facet: fast only.
    pub site: Field,
    /// Author names as given, for the author facet: fast only.
    pub author_facet: Field,
    /// Tags as given, for the tag facet: fast only.
    pub tag_facet: Field,
    /// Size of the article's duplicate cluster when indexed: fast only.
    pub cluster_size: Field,
    /// Places named: GeoNames id, gazetteer name and the words of the
    /// text, each one raw term of its analysed words joined by spaces
    /// (what `place:163843`, `place:"Ar Raqqah"`, `place:Raqqa` match).
    pub place: Field,
    /// Countries of the places named, analysed (`sy`): what `country:SY`
    /// matches.
    pub country: Field,
    /// Names of the people named, full text (`person:frantzman`).
    pub person: Field,
    /// Names of the organisations named and their short forms, full text
    /// (`org:sdf`).
    pub org: Field,
    /// GeoNames ids of the places named, for the place facet and the map:
    /// fast only.
    pub place_facet: Field,
    /// Country codes of the places named (`SY`): fast only.
    pub country_facet: Field,
    /// People's full names, for the people facet: fast only.
    pub person_facet: Field,
    /// Organisations' full names, for their facet: fast only.
    pub org_facet: Field,
    /// The events' PLOVER categories and CAMEO codes with their roots,
    /// lower-cased raw terms: what `event:ASSAULT`, `event:19` and
    /// `event:190` match; `any` when the article has an event.
    pub event: Field,
    /// The events' source actors, country and full code (`tur`, `turmil`):
    /// what `actor:TUR` matches.
    pub actor: Field,
    /// The events' targets, as [`Fields::actor`]: what `target:SYR` matches.
    pub target: Field,
    /// The events' PLOVER categories (`ASSAULT`), for their facet: fast only.
    pub event_facet: Field,
    /// What the page is, as raw terms: [`TYPE_NEWS`] when it was judged a
    /// news article, and its page type (`forum`) or [`TYPE_UNKNOWN`]: what
    /// `type:` matches.
    pub page_type: Field,
}

impl Fields {
    /// Builds the schema and its fields.
    pub fn build() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let stored_text = text.clone() | STORED;
        let fast_only = TextOptions::default().set_fast(tantivy::tokenizer::RAW_TOKENIZER_NAME);
        let fields = Fields {
            id: b.add_u64_field("id", INDEXED | FAST),
            title: b.add_text_field("title", stored_text.clone()),
            description: b.add_text_field("description", stored_text.clone()),
            body: b.add_text_field("body", stored_text.clone()),
            authors: b.add_text_field("authors", stored_text.clone()),
            tags: b.add_text_field("tags", text.clone()),
            site_name: b.add_text_field("site_name", stored_text),
            host: b.add_text_field("host", STRING),
            url: b.add_text_field("url", STORED),
            language: b.add_text_field("language", STORED),
            lang: b.add_text_field("lang", STRING | FAST),
            published_text: b.add_text_field("published_text", STORED),
            published: b.add_i64_field("published", NumericOptions::default().set_fast()),
            site: b.add_text_field("site", fast_only.clone()),
            author_facet: b.add_text_field("author_facet", fast_only.clone()),
            tag_facet: b.add_text_field("tag_facet", fast_only.clone()),
            cluster_size: b.add_u64_field("cluster_size", FAST),
            place: b.add_text_field("place", STRING),
            country: b.add_text_field("country", STRING),
            person: b.add_text_field("person", text.clone()),
            org: b.add_text_field("org", text),
            place_facet: b.add_text_field("place_facet", fast_only.clone()),
            country_facet: b.add_text_field("country_facet", fast_only.clone()),
            person_facet: b.add_text_field("person_facet", fast_only.clone()),
            org_facet: b.add_text_field("org_facet", fast_only.clone()),
            event: b.add_text_field("event", STRING),
            actor: b.add_text_field("actor", STRING),
            target: b.add_text_field("target", STRING),
            event_facet: b.add_text_field("event_facet", fast_only),
            page_type: b.add_text_field("page_type", STRING),
        };
        (b.build(), fields)
    }

    /// The fields of an existing index's schema, if it is this schema.
    pub fn of(schema: &Schema) -> Option<Fields> {
        let (expected, fields) = Fields::build();
        (schema == &expected).then_some(fields)
    }

    /// The tantivy document of an article; `analyzer` is [`analyzer`]
    /// (place names are stored as their analysed words).
    pub fn document(&self, doc: &IndexDoc<'_>, analyzer: &mut TextAnalyzer) -> TantivyDocument {
        let a: &Article = doc.article;
        let mut d = TantivyDocument::default();
        d.add_u64(self.id, doc.id);
        d.add_u64(self.cluster_size, doc.cluster_size);
        let mut add_text = |field: Field, value: Option<&String>| {
            if let Some(v) = value.map(|v| v.trim()).filter(|v| !v.is_empty()) {
                d.add_text(field, v);
            }
        };
        add_text(self.title, a.title.as_ref());
        add_text(self.description, a.description.as_ref());
        add_text(self.site_name, a.site_name.as_ref());
        add_text(self.url, a.url.as_ref());
        add_text(self.language, a.language.as_ref());
        if a.is_article {
            d.add_text(self.page_type, TYPE_NEWS);
        }
        d.add_text(
            self.page_type,
            a.page_type
                .map_or(TYPE_UNKNOWN, |page_type| page_type.as_str()),
        );
        if !a.text.trim().is_empty() {
            d.add_text(self.body, &a.text);
        }
        for author in distinct(&a.authors) {
            d.add_text(self.authors, author);
            d.add_text(self.author_facet, author);
        }
        for tag in distinct(&a.tags) {
            d.add_text(self.tags, tag);
            d.add_text(self.tag_facet, tag);
        }
        if let Some(host) = a.url.as_deref().and_then(site_key) {
            for key in site_keys(&host) {
                d.add_text(self.host, key);
            }
            d.add_text(self.site, &host);
        }
        if let Some(lang) = a.language.as_deref().and_then(normalize_language) {
            d.add_text(self.lang, lang);
        }
        if let Some(published) = a.published {
            d.add_text(self.published_text, published.to_string());
            d.add_i64(self.published, dates::local_seconds(&published));
        }
        if let Some(enrichment) = doc.enrichment {
            self.add_enrichment(&mut d, enrichment, analyzer);
        }
        d
    }

    /// Places, countries, people, organisations and events, each value once.
    fn add_enrichment(
        &self,
        d: &mut TantivyDocument,
        enrichment: &Enrichment,
        analyzer: &mut TextAnalyzer,
    ) {
        let mut place_terms: HashSet<String> = HashSet::new();
        let mut ids: HashSet<u32> = HashSet::new();
        let mut countries: HashSet<&str> = HashSet::new();
        for place in &enrichment.places {
            if ids.insert(place.geonames_id) {
                let id = place.geonames_id.to_string();
                d.add_text(self.place_facet, &id);
                place_terms.insert(id);
                place_terms.insert(joined_words(analyzer, &place.name));
            }
            // A demonym's words ("Syrian") are not a name of the place.
            if place.mention == "name" {
                place_terms.insert(joined_words(analyzer, &place.surface));
            }
            let code = place.country_code.as_str();
            if !code.is_empty() && countries.insert(code) {
                d.add_text(self.country, code.to_lowercase());
                d.add_text(self.country_facet, code);
            }
        }
        for term in place_terms.iter().filter(|t| !t.is_empty()) {
            d.add_text(self.place, term);
        }
        let mut names: HashSet<(&str, &str)> = HashSet::new();
        for entity in &enrichment.entities {
            let (words, facet) = if entity.is_person() {
                (self.person, self.person_facet)
            } else {
                (self.org, self.org_facet)
            };
            if names.insert((entity.kind.as_str(), entity.name.as_str())) {
                d.add_text(words, &entity.name);
                d.add_text(facet, &entity.name);
            }
            if entity.surface != entity.name
                && names.insert((entity.kind.as_str(), entity.surface.as_str()))
            {
                d.add_text(words, &entity.surface);
            }
        }
        self.add_events(d, enrichment);
    }

    /// The events' codes, actors and categories, each value once.
    fn add_events(&self, d: &mut TantivyDocument, enrichment: &Enrichment) {
        if enrichment.events.is_empty() {
            return;
        }
        let mut terms: HashSet<(Field, String)> = HashSet::new();
        let mut categories: HashSet<&str> = HashSet::new();
        terms.insert((self.event, EVENT_ANY.to_string()));
        for event in &enrichment.events {
            let cameo = event.cameo.to_lowercase();
            for len in 2..=cameo.len() {
                if let Some(prefix) = cameo.get(..len) {
                    terms.insert((self.event, prefix.to_string()));
                }
            }
            if !event.plover.is_empty() {
                terms.insert((self.event, event.plover.to_lowercase()));
                if categories.insert(&event.plover) {
                    d.add_text(self.event_facet, &event.plover);
                }
            }
            for (field, actor) in [(self.actor, &event.source), (self.target, &event.target)] {
                let Some(actor) = actor else { continue };
                terms.insert((field, actor.code.to_lowercase()));
                if let Some(country) = &actor.country {
                    terms.insert((field, country.to_lowercase()));
                }
            }
        }
        for (field, term) in terms {
            if !term.is_empty() {
                d.add_text(field, term);
            }
        }
    }
}

/// The `event` term of every article with at least one event
/// (`event:any`).
pub const EVENT_ANY: &str = "any";

/// The `page_type` term of pages judged news articles (`Article::is_article`):
/// what a search matches unless it says `type:`.
pub const TYPE_NEWS: &str = "news";

/// The `page_type` term of pages of no known type (`type:unknown`).
pub const TYPE_UNKNOWN: &str = "unknown";

/// The `type:` value that lifts the default and matches every page.
pub const TYPE_ANY: &str = "any";

/// A text's analysed words joined by single spaces (`Tel-Abyad` ->
/// `tel abyad`): how a place name is one term in the index and in a query.
pub(crate) fn joined_words(analyzer: &mut TextAnalyzer, text: &str) -> String {
    let mut stream = analyzer.token_stream(text);
    let mut out = String::new();
    while let Some(token) = stream.next() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&token.text);
    }
    out
}

/// Non-empty trimmed values, each once (compared case-insensitively), so
/// that a repeated tag counts once in the facets.
fn distinct(values: &[String]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::with_capacity(values.len());
    for v in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        if !out.iter().any(|o| o.to_lowercase() == v.to_lowercase()) {
            out.push(v);
        }
    }
    out
}

/// A host and its parent domains of two labels or more:
/// `edition.jpost.com` gives `edition.jpost.com` and `jpost.com`.
pub(crate) fn site_keys(host: &str) -> Vec<&str> {
    let mut keys = vec![host];
    let mut rest = host;
    while let Some((_, parent)) = rest.split_once('.') {
        if !parent.contains('.') {
            break;
        }
        keys.push(parent);
        rest = parent;
    }
    keys
}

/// What a `site:` value matches in the host field: lower-cased, without a
/// scheme, `www.` or path, so that `site:https://www.jpost.com/` works.
pub(crate) fn normalize_site(value: &str) -> String {
    let v = value.trim().to_lowercase();
    let v = v.split_once("://").map_or(v.as_str(), |(_, rest)| rest);
    let v = v.split(['/', '?', '#']).next().unwrap_or("");
    v.strip_prefix("www.").unwrap_or(v).to_string()
}

/// The first two letters of a language code, lower-cased (`en-US` -> `en`).
pub(crate) fn normalize_language(language: &str) -> Option<String> {
    let lang: String = language
        .trim()
        .chars()
        .take(2)
        .collect::<String>()
        .to_lowercase();
    (!lang.is_empty()).then_some(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_drop_www_and_keep_parent_domains() {
        assert_eq!(
            site_key("https://www.JPost.com/middle-east/x").as_deref(),
            Some("jpost.com")
        );
        assert_eq!(site_key("not a url"), None);
        assert_eq!(
            site_keys("edition.cnn.co.uk"),
            ["edition.cnn.co.uk", "cnn.co.uk", "co.uk"]
        );
        assert_eq!(site_keys("localhost"), ["localhost"]);
        assert_eq!(normalize_site("https://www.jpost.com/x"), "jpost.com");
    }

    #[test]
    fn languages_compare_on_two_letters() {
        assert_eq!(normalize_language("en-US").as_deref(), Some("en"));
        assert_eq!(normalize_language(" FR ").as_deref(), Some("fr"));
        assert_eq!(normalize_language(""), None);
    }

    #[test]
    fn repeated_values_count_once() {
        let values = vec![
            "Syria".to_string(),
            " syria ".into(),
            "".into(),
            "Iraq".into(),
        ];
        assert_eq!(distinct(&values), ["Syria", "Iraq"]);
    }
}
