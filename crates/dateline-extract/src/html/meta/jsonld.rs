//! schema.org JSON-LD: the article object of `<script type="application/ld+json">`.
//!
//! Pages nest it every way the spec allows (arrays, `@graph`, authors as
//! strings, objects, arrays or `@id` references) and many the spec does not
//! (comments, trailing commas, several objects in one script). Parsing is
//! lenient and never panics; an unreadable script is skipped.

use dateline_html::{Document, Tag};
use serde_json::Value;

use crate::byline::{
    declared_person_name, declared_single_name, normalize_person_name, parse_byline,
};

/// What the JSON-LD of a page says about its article.
#[derive(Debug, Default, Clone)]
pub(crate) struct LdArticle {
    pub(crate) headline: Option<String>,
    pub(crate) name: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) published: Option<String>,
    pub(crate) modified: Option<String>,
    pub(crate) authors: Vec<String>,
    /// Author names given as organisations (kept apart: not persons).
    pub(crate) org_authors: Vec<String>,
    pub(crate) publisher: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) image: Option<String>,
    pub(crate) keywords: Vec<String>,
    pub(crate) sections: Vec<String>,
    /// The full text, as some script-rendered pages declare it.
    pub(crate) article_body: Option<String>,
    pub(crate) language: Option<String>,
    /// True when the object was typed as an article (not a bare WebPage).
    pub(crate) is_article: bool,
}

/// The article described by the page's JSON-LD, if any.
#[cfg(test)]
pub(crate) fn extract(doc: &Document) -> Option<LdArticle> {
    extract_with_types(doc).0
}

/// The article described by the page's JSON-LD, if any, and the `@type`s
/// of every object declared (what the page says it is).
pub(crate) fn extract_with_types(doc: &Document) -> (Option<LdArticle>, Vec<String>) {
    let mut values = Vec::new();
    for script in doc.elements().filter(|n| n.tag() == Tag::Script) {
        let ty = script
            .attr("type")
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if ty != "application/ld+json" {
            continue;
        }
        values.extend(parse_lenient(&script.text_content()));
    }
    let mut objects = Vec::new();
    for v in &values {
        flatten(v, &mut objects, 0);
    }
    let mut all_types: Vec<String> = Vec::new();
    for t in objects.iter().flat_map(|o| types(o)) {
        let t = t.rsplit(['/', ':']).next().unwrap_or(t);
        if !all_types.iter().any(|k| k == t) {
            all_types.push(t.to_string());
        }
    }
    (from_values(&values), all_types)
}

/// Parses one script's JSON, repairing the common breakages.
pub(crate) fn parse_lenient(text: &str) -> Vec<Value> {
    // Wrappers for old browsers: comments and CDATA sections, with or without `//`.
    let mut text = text.trim();
    for (open, close) in [
        ("<!--", "-->"),
        ("//<![CDATA[", "//]]>"),
        ("<![CDATA[", "]]>"),
    ] {
        text = text.strip_prefix(open).unwrap_or(text).trim();
        text = text.strip_suffix(close).unwrap_or(text).trim();
    }
    if let Ok(v) = serde_json::from_str::<Value>(text) {
        return vec![v];
    }
    // Raw control characters (newlines inside strings) are the most common fault.
    let cleaned: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let cleaned = remove_trailing_commas(&cleaned);
    if let Ok(v) = serde_json::from_str::<Value>(&cleaned) {
        return vec![v];
    }
    // Several objects one after another, or garbage after the first.
    serde_json::Deserializer::from_str(&cleaned)
        .into_iter::<Value>()
        .map_while(Result::ok)
        .collect()
}

/// Drops commas before `}` or `]` outside strings.
fn remove_trailing_commas(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let (mut in_str, mut escaped) = (false, false);
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if in_str {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_str = false;
            }
            continue;
        }
        if c == '"' {
            in_str = true;
        } else if c == ',' {
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if matches!(next, Some('}' | ']')) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

fn types(v: &Value) -> Vec<&str> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn is_article_type(t: &str) -> bool {
    let t = t.rsplit(['/', ':']).next().unwrap_or(t);
    t.ends_with("Article")
        || t.ends_with("BlogPosting")
        || matches!(
            t,
            "Report" | "SocialMediaPosting" | "DiscussionForumPosting" | "Posting"
        )
}

fn is_page_type(t: &str) -> bool {
    matches!(t, "WebPage" | "ItemPage" | "AboutPage" | "CollectionPage")
}

/// Every object of the JSON-LD, flattened out of arrays and `@graph`s.
fn flatten<'a>(v: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| flatten(i, out, depth + 1)),
        Value::Object(map) => {
            out.push(v);
            if let Some(g) = map.get("@graph") {
                flatten(g, out, depth + 1);
            }
            // An article may sit under a page's `mainEntity`.
            if let Some(m) = map.get("mainEntity") {
                flatten(m, out, depth + 1);
            }
            // A `Blog` declaring one `blogPost` is that post's page; with
            // several it is the blog's index, whose posts are not the page.
            match map.get("blogPost") {
                Some(Value::Array(posts)) if posts.len() == 1 => flatten(&posts[0], out, depth + 1),
                Some(post @ Value::Object(_)) => flatten(post, out, depth + 1),
                _ => {}
            }
        }
        _ => {}
    }
}

fn from_values(values: &[Value]) -> Option<LdArticle> {
    let mut objects = Vec::new();
    for v in values {
        flatten(v, &mut objects, 0);
    }
    let by_id = |id: &str| {
        objects.iter().copied().find(|o| {
            o.get("@id").and_then(Value::as_str) == Some(id)
                && o.as_object().is_some_and(|m| m.len() > 1)
        })
    };
    let article = objects
        .iter()
        .copied()
        .find(|o| types(o).iter().any(|t| is_article_type(t)));
    let page = objects
        .iter()
        .copied()
        .find(|o| types(o).iter().any(|t| is_page_type(t)));
    // A question-and-answer page's Question is its opening post: its
    // author and date are the thread's (answers are replies). It is no
    // article, so `is_article` stays false.
    let question = || {
        objects
            .iter()
            .copied()
            .find(|o| types(o).contains(&"Question"))
    };
    let main = article.or(page).or_else(question)?;
    let mut ld = LdArticle {
        is_article: article.is_some(),
        ..Default::default()
    };
    ld.headline = string_of(main.get("headline"));
    ld.name = string_of(main.get("name"));
    ld.description = string_of(main.get("description"));
    ld.published =
        string_of(main.get("datePublished")).or_else(|| string_of(main.get("dateCreated")));
    ld.modified = string_of(main.get("dateModified"));
    // A WebPage may carry the dates the article object lacks.
    if let (Some(page), true) = (page, ld.published.is_none()) {
        ld.published = string_of(page.get("datePublished"));
    }
    if let Some(author) = main.get("author").or_else(|| main.get("creator")) {
        collect_authors(author, &by_id, &mut ld, 0);
    }
    ld.publisher = main
        .get("publisher")
        .map(|p| resolve(p, &by_id))
        .and_then(|p| string_of(p.get("name")).or_else(|| string_of(Some(p))))
        .or_else(|| {
            // The site's Organization or WebSite object names the publisher.
            objects
                .iter()
                .find(|o| {
                    types(o)
                        .iter()
                        .any(|t| matches!(*t, "NewsMediaOrganization" | "Organization" | "WebSite"))
                })
                .and_then(|o| string_of(o.get("name")))
        });
    ld.url = main
        .get("mainEntityOfPage")
        .and_then(|m| string_of(Some(m)).or_else(|| string_of(m.get("@id"))))
        .or_else(|| string_of(main.get("url")))
        .filter(|u| u.starts_with("http"));
    ld.image = main.get("image").and_then(image_url);
    ld.keywords = list_of(main.get("keywords"));
    ld.sections = list_of(main.get("articleSection"));
    ld.article_body = main
        .get("articleBody")
        .and_then(Value::as_str)
        .map(str::to_owned);
    ld.language = main
        .get("inLanguage")
        .and_then(|l| string_of(Some(l)).or_else(|| string_of(l.get("alternateName"))));
    Some(ld)
}

/// An `{"@id": ...}` reference replaced by the object it names.
fn resolve<'a>(v: &'a Value, by_id: &impl Fn(&str) -> Option<&'a Value>) -> &'a Value {
    match v.as_object() {
        Some(m) if m.len() == 1 => m
            .get("@id")
            .and_then(Value::as_str)
            .and_then(by_id)
            .unwrap_or(v),
        _ => v,
    }
}

fn collect_authors<'a>(
    v: &'a Value,
    by_id: &impl Fn(&str) -> Option<&'a Value>,
    ld: &mut LdArticle,
    depth: usize,
) {
    if depth > 3 {
        return;
    }
    match v {
        Value::Array(items) => items
            .iter()
            .for_each(|i| collect_authors(i, by_id, ld, depth + 1)),
        Value::String(s) => push_names(s, &mut ld.authors),
        Value::Object(_) => {
            let v = resolve(v, by_id);
            let name = string_of(v.get("name")).or_else(|| {
                let given = string_of(v.get("givenName"))?;
                Some(match string_of(v.get("familyName")) {
                    Some(family) => format!("{given} {family}"),
                    None => given,
                })
            });
            let Some(name) = name else { return };
            if types(v).iter().any(|t| t.contains("Organization")) {
                ld.org_authors.push(name);
            } else {
                let before = ld.authors.len();
                push_names(&name, &mut ld.authors);
                if ld.authors.len() == before {
                    // A `Person`'s full name is explicit: capitals inside a
                    // word or an initial for a surname pass.
                    let person = types(v).iter().any(|t| t.contains("Person"));
                    let declared = declared_single_name(&name)
                        .or_else(|| person.then(|| declared_person_name(&name)).flatten());
                    if let Some(n) = declared {
                        ld.authors.push(n);
                    }
                }
            }
        }
        _ => {}
    }
}

/// One name or a list of names ("Jane Doe and John Roe").
fn push_names(s: &str, out: &mut Vec<String>) {
    let names = match normalize_person_name(s) {
        Some(n) => vec![n],
        None => parse_byline(s),
    };
    for n in names {
        if !out.contains(&n) {
            out.push(n);
        }
    }
}

fn string_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => {
            let s = super::head::collapse(&super::text::decode_entities(s));
            (!s.is_empty()).then_some(s)
        }
        Value::Array(a) => a.iter().find_map(|x| string_of(Some(x))),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn list_of(v: Option<&Value>) -> Vec<String> {
    let items: Vec<String> = match v {
        Some(Value::String(s)) => s.split(',').map(String::from).collect(),
        Some(Value::Array(a)) => a.iter().filter_map(|x| string_of(Some(x))).collect(),
        _ => Vec::new(),
    };
    let mut out: Vec<String> = Vec::new();
    for item in items {
        let item = super::head::collapse(&item);
        if !item.is_empty() && !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

fn image_url(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(image_url),
        Value::Object(m) => m
            .get("url")
            .or_else(|| m.get("contentUrl"))
            .and_then(image_url),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ld(json: &str) -> Option<LdArticle> {
        let html = format!(r#"<script type="application/ld+json">{json}</script>"#);
        extract(&Document::parse(&html))
    }

    #[test]
    fn news_article_with_nested_authors() {
        let a = ld(r#"{"@context":"https://schema.org","@type":"NewsArticle","headline":"Russians in Raqqa",
            "datePublished":"2019-12-09T17:34:00+02:00","author":[{"@type":"Person","name":"SETH J. FRANTZMAN"},
            {"@type":"Person","givenName":"Jane","familyName":"Doe"}],"publisher":{"@type":"Organization","name":"The Jerusalem Post"},
            "keywords":"Syria, Russia","articleSection":["Middle East"],"image":{"@type":"ImageObject","url":"https://x.com/i.jpg"}}"#)
        .unwrap();
        assert_eq!(a.headline.as_deref(), Some("Russians in Raqqa"));
        assert_eq!(a.authors, ["Seth J. Frantzman", "Jane Doe"]);
        assert_eq!(a.publisher.as_deref(), Some("The Jerusalem Post"));
        assert_eq!(a.keywords, ["Syria", "Russia"]);
        assert_eq!(a.sections, ["Middle East"]);
        assert_eq!(a.image.as_deref(), Some("https://x.com/i.jpg"));
        assert_eq!(a.published.as_deref(), Some("2019-12-09T17:34:00+02:00"));
    }

    #[test]
    fn a_blog_with_one_post() {
        let a = ld(
            r#"{"@type":"Blog","name":"AppAddict","blogPost":[{"@type":"BlogPosting","headline":"H",
            "datePublished":"2025-12-19T20:20:42Z"}]}"#,
        )
        .unwrap();
        assert_eq!(a.published.as_deref(), Some("2025-12-19T20:20:42Z"));
        assert!(a.is_article);
        let index = ld(
            r#"{"@type":"Blog","blogPost":[{"@type":"BlogPosting","headline":"A"},
            {"@type":"BlogPosting","headline":"B"}]}"#,
        );
        assert!(index.is_none_or(|a| !a.is_article));
    }

    #[test]
    fn question_is_the_opening_post() {
        let a = ld(
            r#"{"@type":"QAPage","name":"Broken","mainEntity":{"@type":"Question","name":"Broken",
            "datePublished":"2024-09-05T23:15:57Z","author":{"@type":"Person","name":"DaleJack"},
            "suggestedAnswer":[{"@type":"Answer","author":{"@type":"Person","name":"Other"}}]}}"#,
        )
        .unwrap();
        assert_eq!(a.authors, ["DaleJack"]);
        assert_eq!(a.published.as_deref(), Some("2024-09-05T23:15:57Z"));
        assert!(!a.is_article);
    }

    #[test]
    fn graph_with_id_references() {
        let a = ld(r##"{"@graph":[{"@type":"WebPage","@id":"p"},{"@type":["Article"],"headline":"H","author":{"@id":"#jane"},
            "publisher":{"@id":"#org"}},{"@type":"Person","@id":"#jane","name":"Jane Doe"},{"@type":"Organization","@id":"#org","name":"Daily Planet"}]}"##)
        .unwrap();
        assert_eq!(a.authors, ["Jane Doe"]);
        assert_eq!(a.publisher.as_deref(), Some("Daily Planet"));
        assert!(a.is_article);
    }

    #[test]
    fn declared_persons_keep_their_spelling() {
        let a = ld(
            r#"{"@type":"Article","author":[{"@type":"Person","name":"Arricca Elin SanSone"},{"@type":"Person","name":"Shivkumar M"}]}"#,
        )
        .unwrap();
        assert_eq!(a.authors, ["Arricca Elin SanSone", "Shivkumar M"]);
        // Untyped, the text test applies.
        let a = ld(r#"{"@type":"Article","author":{"name":"Isabel KeaneJournal"}}"#).unwrap();
        assert!(a.authors.is_empty());
    }

    #[test]
    fn organisation_authors_are_not_people() {
        let a = ld(
            r#"[{"@type":"BlogPosting","author":{"@type":"Organization","name":"Reuters Staff"}}]"#,
        )
        .unwrap();
        assert!(a.authors.is_empty());
        assert_eq!(a.org_authors, ["Reuters Staff"]);
    }

    #[test]
    fn malformed_json_does_not_panic() {
        assert!(ld(r#"{"@type":"NewsArticle", "headline": "A
            line",}"#)
        .is_some_and(|a| a.headline.as_deref() == Some("A line")));
        assert!(
            ld("<![CDATA[ {\"@type\":\"NewsArticle\",\"headline\":\"C\"} ]]>")
                .is_some_and(|a| a.headline.as_deref() == Some("C"))
        );
        for bad in [
            "",
            "{",
            "[[[[",
            "null",
            r#"{"@type":5}"#,
            r#"{"@graph":"x"}"#,
            "<!-- {} -->",
            "{\"author\":[[[[{}]]]]}",
        ] {
            let _ = ld(bad);
        }
        assert!(
            ld(r#"{"@type":"NewsArticle","author":[[[[[[{"name":"Deep Down"}]]]]]]}"#).is_some()
        );
    }

    #[test]
    fn several_objects_in_one_script() {
        let a = ld(r#"{"@type":"Organization","name":"X"} {"@type":"ReportageNewsArticle","headline":"Two"}"#).unwrap();
        assert_eq!(a.headline.as_deref(), Some("Two"));
    }
}
