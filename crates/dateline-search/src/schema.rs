//! The index schema: which article fields are indexed, stored and kept as
//! fast (columnar) fields, and how an article becomes a tantivy document.
//!
//! Every field is stored at most once: the texts shown in hits (title,
//! description, body, authors, site name, URL) live in the compressed doc
//! store; what filters, sorts and facets read per document (date, language,
//! host, authors, tags, cluster size) lives in fast fields.

use dateline_model::Article;
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
            tags: b.add_text_field("tags", text),
            site_name: b.add_text_field("site_name", stored_text),
            host: b.add_text_field("host", STRING),
            url: b.add_text_field("url", STORED),
            language: b.add_text_field("language", STORED),
            lang: b.add_text_field("lang", STRING | FAST),
            published_text: b.add_text_field("published_text", STORED),
            published: b.add_i64_field("published", NumericOptions::default().set_fast()),
            site: b.add_text_field("site", fast_only.clone()),
            author_facet: b.add_text_field("author_facet", fast_only.clone()),
            tag_facet: b.add_text_field("tag_facet", fast_only),
            cluster_size: b.add_u64_field("cluster_size", FAST),
        };
        (b.build(), fields)
    }

    /// The fields of an existing index's schema, if it is this schema.
    pub fn of(schema: &Schema) -> Option<Fields> {
        let (expected, fields) = Fields::build();
        (schema == &expected).then_some(fields)
    }

    /// The tantivy document of an article.
    pub fn document(&self, doc: &IndexDoc<'_>) -> TantivyDocument {
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
        if let Some(host) = a.url.as_deref().and_then(host_of) {
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
        d
    }
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

/// The host of a URL, lower-cased, without `www.`: the site's identity (the
/// store keys its sites the same way).
pub(crate) fn host_of(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    let host = parsed.host_str()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (!host.is_empty()).then(|| host.to_string())
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
            host_of("https://www.JPost.com/middle-east/x").as_deref(),
            Some("jpost.com")
        );
        assert_eq!(host_of("not a url"), None);
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
