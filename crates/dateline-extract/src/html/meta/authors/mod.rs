//! Authors: JSON-LD persons, author meta tags, microdata, then the
//! bylines the reader sees ([`visible`]), and the rules that choose
//! between them.

#[cfg(test)]
mod tests;
mod visible;

use dateline_html::{Document, Node, Tag};

use super::head::{collapse, Head};
use super::jsonld::LdArticle;
use super::text::{key, region_names};
use crate::byline::{
    declared_person_name, declared_single_name, is_publisher, normalize_person_name, parse_byline,
};
use visible::{byline_elements, labelled_bylines};

/// Meta keys naming the author, most specific first.
#[rustfmt::skip]
const AUTHOR_KEYS: &[&str] = &[
    "dc.creator", "dc:creator", "dcterms.creator", "dcterm:creator", "author", "article:author",
    "parsely-author", "sailthru.author", "byl", "og:article:author", "citation_author", "cxenseparse:author",
    "analyticsattributes.author",
];

/// Names that must not pass as authors.
pub(crate) struct NotAuthors<'a> {
    /// Site and publisher names (matched loosely).
    pub(crate) publishers: &'a [String],
    /// Host names and their brands ("karl-voit" of karl-voit.at), matched
    /// loosely but only against names that do not look like a person's: a
    /// personal site is named after its author ("Karl Voit").
    pub(crate) hosts: &'a [String],
    /// What `<title>` holds besides the headline (matched exactly: a
    /// personal site is named after its author).
    pub(crate) title_segments: &'a [String],
}

/// The authors a page credits, and the fallback a dated page may take.
pub(crate) struct FoundAuthors {
    /// The credited authors.
    pub(crate) names: Vec<String>,
    /// With no one else credited, the persons the site is named after
    /// (see the end of [`credited_authors`]).
    site_named: Vec<String>,
}

impl FoundAuthors {
    /// The authors, taking the site-named persons on a `dated` page when
    /// no one else is credited.
    pub(crate) fn or_site_named(self, dated: bool) -> Vec<String> {
        if self.names.is_empty() && dated {
            self.site_named
        } else {
            self.names
        }
    }
}

/// The article's authors. One pass: the dates are searched beside the
/// names found, and only then is it known whether the page is dated.
pub(crate) fn find_authors(
    doc: &Document,
    head: &Head,
    ld: Option<&LdArticle>,
    not: &NotAuthors,
    title: Option<&str>,
) -> FoundAuthors {
    let mut site_named = Vec::new();
    let names = credited_authors(doc, head, ld, not, title, &mut site_named);
    FoundAuthors { names, site_named }
}

/// The credited authors; `site_named` collects the declared persons the
/// site is named after, kept for last.
fn credited_authors(
    doc: &Document,
    head: &Head,
    ld: Option<&LdArticle>,
    not: &NotAuthors,
    title: Option<&str>,
    site_named: &mut Vec<String>,
) -> Vec<String> {
    let mut keep = |names: Vec<String>| -> Vec<String> {
        let mut kept = Vec::new();
        for n in names {
            let person = normalize_person_name(&n).is_some();
            let site = not.publishers.iter().any(|p| is_publisher(&n, p))
                || not.title_segments.iter().any(|s| key(s) == key(&n));
            if !site && (person || !not.hosts.iter().any(|h| is_publisher(&n, h))) {
                kept.push(n);
            } else if site && person && !site_named.contains(&n) {
                site_named.push(n);
            }
        }
        kept
    };
    // JSON-LD authors typed as persons are kept even when they are the
    // site name: personal sites are published by their author.
    if let Some(ld) = ld.filter(|l| !l.authors.is_empty()) {
        return ld.authors.clone();
    }
    for k in AUTHOR_KEYS {
        let mut names = Vec::new();
        for value in head.all(k) {
            // article:author is often a profile URL.
            if value.starts_with("http") || value.starts_with('/') {
                continue;
            }
            let mut found = names_in(value);
            if found.is_empty() {
                found.extend(declared_single_name(value));
            }
            for n in found {
                if !names.contains(&n) {
                    names.push(n);
                }
            }
        }
        let names = keep(names);
        if !names.is_empty() {
            return names;
        }
    }
    let names = keep(twitter_label_authors(head));
    if !names.is_empty() {
        return names;
    }
    // Microdata typed as a Person is as explicit as JSON-LD.
    let (names, typed) = microdata_authors(doc);
    let names = if typed { names } else { keep(names) };
    if !names.is_empty() {
        return names;
    }
    let names = keep(byline_elements(doc, title));
    if !names.is_empty() {
        return names;
    }
    let names = keep(labelled_bylines(doc, title));
    if !names.is_empty() {
        return names;
    }
    let names = keep(attribute_author(doc));
    if !names.is_empty() {
        return names;
    }
    // A person's name declared as the author and also the site's: a
    // personal site is named after its author ("Erin Spain" on
    // erinspain.com), so it is not dropped as the publisher; but it comes
    // last, after every visible byline, as a theme's default would, and
    // only on a post, a page that is dated or declares itself an article:
    // a company's service page declares its own name (and an author would
    // make it a story to the body's chooser). Known failure: a company
    // named like a person ("Hardtail Canada") that declares itself the
    // author of a post is taken when no one else is credited.
    if declares_article(doc, head, ld) {
        std::mem::take(site_named)
    } else {
        Vec::new()
    }
}

/// Whether JSON-LD, microdata or `og:type` declare the page an article.
fn declares_article(doc: &Document, head: &Head, ld: Option<&LdArticle>) -> bool {
    ld.is_some_and(|l| l.is_article)
        || head
            .first(&["og:type"])
            .map(|t| t.trim().to_ascii_lowercase())
            .is_some_and(|t| t == "article" || t.starts_with("article:"))
        || doc.elements().any(|n| {
            n.attr("itemtype").is_some_and(|t| {
                t.trim_end_matches('/').ends_with("Article") || t.ends_with("BlogPosting")
            })
        })
}

/// Attributes that name the author of a post.
const AUTHOR_ATTRIBUTES: &[&str] = &[
    "author",
    "data-author",
    "data-author-username",
    "data-author-name",
];

/// The author a post's element declares in an attribute, the first in the
/// page.
///
/// **What**: the first element with an [`AUTHOR_ATTRIBUTES`] attribute whose
/// value is a name (a person's or one declared word), outside comment
/// threads. It comes after every byline. **Why**: forum and discussion
/// software writes the poster on each post's element (`<shreddit-post
/// author="...">`, `<article data-author="...">`, `data-author-username`)
/// and shows it only as a bare link; the opening post comes first.
/// **Example**: `<shreddit-post author="EuroStepJam">` gives
/// "EuroStepJam". **Known failures**: a page whose first such element is a
/// teaser of another post takes that post's author.
fn attribute_author(doc: &Document) -> Vec<String> {
    for n in doc.elements() {
        let Some(value) = AUTHOR_ATTRIBUTES.iter().find_map(|a| n.attr(a)) else {
            continue;
        };
        let value = collapse(value);
        // Only comment threads are ruled out: layout classes name the
        // sidebar beside the post on its container ("fixed-sidebar").
        let in_thread = n.ancestors().any(|a| region_names(&a).contains("comment"));
        if value.is_empty() || value.chars().count() > 60 || in_thread {
            continue;
        }
        let mut names = names_in(&value);
        if names.is_empty() {
            names.extend(declared_single_name(&value));
        }
        if !names.is_empty() {
            return names;
        }
    }
    Vec::new()
}

/// The author a Twitter card names in a label-data pair.
///
/// **What**: `twitter:labelN` = "Written by" (or "Author", "By") and
/// `twitter:dataN` = the name, N from 1 to 4. **Why**: SEO plugins write
/// this pair on every post (WordPress's most common one does), often when
/// the theme sets no author meta. **Example**: `twitter:label1` "Written
/// by", `twitter:data1` "Erin Spain" gives "Erin Spain". **Known
/// failures**: a site account ("admin") declared there is dropped as a
/// generic name; a team name does not pass as a person.
fn twitter_label_authors(head: &Head) -> Vec<String> {
    for i in 1..=4 {
        let Some(label) = head.first(&[format!("twitter:label{i}").as_str()]) else {
            continue;
        };
        let label = label.trim().trim_end_matches(':').to_lowercase();
        if !matches!(label.as_str(), "written by" | "author" | "by" | "posted by") {
            continue;
        }
        let Some(value) = head.first(&[format!("twitter:data{i}").as_str()]) else {
            continue;
        };
        let mut names = names_in(value);
        if names.is_empty() {
            names.extend(declared_single_name(value));
        }
        return names;
    }
    Vec::new()
}

fn dedup(names: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in names {
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

/// A value holding one name or a byline.
fn names_in(value: &str) -> Vec<String> {
    match normalize_person_name(value) {
        Some(n) => vec![n],
        None => parse_byline(value),
    }
}

/// `itemprop="author"` elements (their `itemprop="name"` when nested).
/// Also tells whether every author element is typed `schema.org/Person`.
fn microdata_authors(doc: &Document) -> (Vec<String>, bool) {
    let mut out = Vec::new();
    let mut typed = true;
    for n in doc.elements() {
        let Some(prop) = n.attr("itemprop") else {
            continue;
        };
        // Explicit markup: only comment threads are someone else's.
        let in_thread = n.ancestors().any(|a| {
            a.attr("class")
                .is_some_and(|c| c.to_ascii_lowercase().contains("comment"))
        });
        if !prop
            .split_whitespace()
            .any(|p| p.eq_ignore_ascii_case("author") || p.eq_ignore_ascii_case("creator"))
            || in_thread
            || of_a_reply(&n)
        {
            continue;
        }
        let name_node = n.descendants().find(|d| {
            d.attr("itemprop")
                .is_some_and(|p| p.eq_ignore_ascii_case("name"))
        });
        let text = match name_node {
            Some(d) => d
                .attr("content")
                .map(String::from)
                .unwrap_or_else(|| d.text_content()),
            None if n.tag() == Tag::Meta || n.tag() == Tag::Link => continue,
            None => n.text_content(),
        };
        let text = collapse(&text);
        if text.chars().count() <= 100 {
            let person = n.attr("itemtype").is_some_and(|t| t.ends_with("/Person"));
            let mut names = names_in(&text);
            // A Person's name is explicit: user names ("DaleJack") pass.
            if names.is_empty() && person {
                names.extend(declared_single_name(&text).or_else(|| declared_person_name(&text)));
            }
            if !names.is_empty() {
                typed &= person;
            }
            out.extend(names);
        }
    }
    (dedup(out), typed)
}

/// True when a microdata author belongs to a reply: its nearest enclosing
/// item is an `Answer` or a `Comment`.
///
/// **What**: `itemprop="author"` inside an item typed Answer or Comment is
/// skipped. **Why**: question-and-answer and forum pages mark up every
/// post's author; the page's author is the one who opened the thread (the
/// Question's or first posting's), not the dozen who answered. **Example**:
/// a QAPage whose Question is by "Vader" and whose Answers are by twelve
/// others gives "Vader". **Known failures**: a site that types its first
/// post as a Comment loses its author.
fn of_a_reply(n: &Node) -> bool {
    n.ancestors()
        .find(|a| a.attr("itemscope").is_some())
        .and_then(|a| a.attr("itemtype"))
        .is_some_and(|t| {
            let t = t.trim_end_matches('/');
            t.ends_with("/Answer") || t.ends_with("/Comment")
        })
}
