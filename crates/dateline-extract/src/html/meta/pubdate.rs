//! Publication and modification dates: declared, marked up, in the URL, or written.

use dateline_html::{Document, Node, Tag};
use dateline_model::Timestamp;

use super::head::{collapse, Head};
use super::jsonld::LdArticle;
use crate::dates::{date_from_url, parse_date, parse_date_mdy};

/// Meta keys that declare the publication time, most reliable first.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "og:published_time",
    "published_time",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.published",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "dc:date",
    "citation_publication_date",
    "citation_date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "pub_date",
    "date_published",
    "release_date",
    "originalpublicationdate",
    "rnews:datepublished",
    "cxenseparse:recs:publishtime",
    "datecreated",
    "displaydate",
    "date",
    "created",
    "article_date_original",
    "og:pubdate",
    "nv:date",
    "bt:pubdate",
];

/// Meta keys that declare the last modification time.
const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:article:modified_time",
    "article:modified",
    "datemodified",
    "og:updated_time",
    "modified_time",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
    "revised",
];

/// Publication and modification times of the page.
pub(crate) fn find_dates(
    doc: &Document,
    head: &Head,
    ld: Option<&LdArticle>,
    url: Option<&str>,
    mdy: bool,
) -> (Option<Timestamp>, Option<Timestamp>) {
    let parse = |s: &str| {
        if mdy {
            parse_date_mdy(s)
        } else {
            parse_date(s)
        }
    };
    let ld_published = ld.and_then(|l| l.published.as_deref()).and_then(parse);
    let meta_published = PUBLISHED_KEYS
        .iter()
        .find_map(|k| head.all(k).find_map(parse));
    let modified = ld
        .and_then(|l| l.modified.as_deref())
        .and_then(parse)
        .or_else(|| {
            MODIFIED_KEYS
                .iter()
                .find_map(|k| head.all(k).find_map(parse))
        });
    let url_date = url.and_then(date_from_url);
    let declared = ld_published
        .or(meta_published)
        .or_else(|| markup_date(doc, &parse));
    let published = match (declared, url_date) {
        // A URL date is written by the CMS at publication; a declared date
        // that disagrees by more than a day is usually a re-publication.
        (Some(d), Some(u)) if days_apart(d, u) > 1 => Some(u),
        (Some(d), _) => Some(d),
        (None, Some(u)) => Some(u),
        (None, None) => text_date(doc, &parse),
    };
    (published, modified)
}

fn days_apart(a: Timestamp, b: Timestamp) -> i64 {
    (day_number(a) - day_number(b)).abs()
}

/// Days since an epoch; only differences matter.
fn day_number(t: Timestamp) -> i64 {
    let (y, m) = if t.month <= 2 {
        (i64::from(t.year) - 1, i64::from(t.month) + 9)
    } else {
        (i64::from(t.year), i64::from(t.month) - 3)
    };
    365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + i64::from(t.day)
}

/// Microdata and `<time>` elements: `itemprop="datePublished"`, `pubdate`,
/// then the first `<time datetime>` of the article.
fn markup_date(doc: &Document, parse: &impl Fn(&str) -> Option<Timestamp>) -> Option<Timestamp> {
    let value = |n: &Node| -> Option<Timestamp> {
        n.attr("datetime")
            .or_else(|| n.attr("content"))
            .and_then(parse)
            .or_else(|| {
                let text = collapse(&n.text_content());
                (text.len() < 120).then(|| parse(&text)).flatten()
            })
    };
    let elements: Vec<Node> = doc.elements().filter(|n| !in_chrome(n)).collect();
    let itemprop = elements
        .iter()
        .filter(|n| n.tag() != Tag::Meta)
        .find_map(|n| {
            let prop = n.attr("itemprop")?.to_ascii_lowercase();
            prop.split_whitespace()
                .any(|p| p == "datepublished" || p == "datecreated")
                .then(|| value(n))
                .flatten()
        });
    if itemprop.is_some() {
        return itemprop;
    }
    let times: Vec<&Node> = elements.iter().filter(|n| n.tag() == Tag::Time).collect();
    if let Some(t) = times
        .iter()
        .find(|n| n.attr("pubdate").is_some() || class_id(n).contains("publish"))
        .and_then(|n| value(n))
    {
        return Some(t);
    }
    let in_article = |n: &Node| {
        n.ancestors().any(|a| {
            matches!(a.tag(), Tag::Article | Tag::Main | Tag::Header)
                || class_id(&a).contains("article")
        })
    };
    times
        .iter()
        .filter(|n| in_article(n))
        .find_map(|n| value(n))
}

fn class_id(n: &Node) -> String {
    let mut s = n.attr("class").unwrap_or("").to_ascii_lowercase();
    s.push(' ');
    s.push_str(&n.attr("id").unwrap_or("").to_ascii_lowercase());
    s
}

/// Navigation, sidebars, footers and comments: dates there are other pages'.
fn in_chrome(n: &Node) -> bool {
    // Body classes describe the page layout ("sidebar-primary"), not a region.
    n.ancestors()
        .filter(|a| !matches!(a.tag(), Tag::Body | Tag::Html))
        .any(|a| {
            matches!(a.tag(), Tag::Nav | Tag::Footer | Tag::Aside) || {
                let c = class_id(&a);
                [
                    "comment",
                    "related",
                    "sidebar",
                    "footer",
                    "recommend",
                    "popular",
                    "widget",
                    "teaser",
                ]
                .iter()
                .any(|w| c.contains(w))
            }
        })
}

/// Class and id words of elements that hold a written publication date.
const DATE_HINTS: &[&str] = &[
    "date",
    "time",
    "publish",
    "posted",
    "byline",
    "dateline",
    "meta",
    "info",
    "fecha",
    "datum",
    "data",
    "pubdate",
    "timestamp",
    "created",
    "entry",
    "author",
    "tarih",
    "zeit",
];

/// A date written in an element whose class or id says it is one, the
/// first in the page outside navigation and comments.
fn text_date(doc: &Document, parse: &impl Fn(&str) -> Option<Timestamp>) -> Option<Timestamp> {
    for n in doc.elements() {
        if matches!(
            n.tag(),
            Tag::Script | Tag::Style | Tag::Head | Tag::Title | Tag::Meta | Tag::A
        ) {
            continue;
        }
        let c = class_id(&n);
        if c.trim().is_empty()
            || !DATE_HINTS.iter().any(|h| c.contains(h))
            || c.contains("update")
            || c.contains("modif")
        {
            continue;
        }
        let text = collapse(&n.text_content());
        if text.is_empty() || text.chars().count() > 150 || in_chrome(&n) {
            continue;
        }
        if let Some(t) = n
            .attr("datetime")
            .or_else(|| n.attr("data-time"))
            .or_else(|| n.attr("data-date"))
            .and_then(parse)
            .or_else(|| parse(&text))
        {
            return Some(t);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::meta::jsonld;

    fn dates(html: &str, url: Option<&str>) -> (Option<String>, Option<String>) {
        let doc = Document::parse(html);
        let head = Head::collect(&doc);
        let ld = jsonld::extract(&doc);
        let (p, m) = find_dates(&doc, &head, ld.as_ref(), url, false);
        (p.map(|t| t.to_string()), m.map(|t| t.to_string()))
    }

    #[test]
    fn meta_then_markup_then_text() {
        let (p, m) = dates(
            r#"<meta property="article:published_time" content="2020-01-02T06:14:00-05:00"><meta property="article:modified_time" content="2020-01-03">"#,
            None,
        );
        assert_eq!(p.as_deref(), Some("2020-01-02T06:14:00-05:00"));
        assert_eq!(m.as_deref(), Some("2020-01-03"));
        let (p, _) = dates(
            r#"<article><time datetime="2020-05-28T10:00">28 May</time></article>"#,
            None,
        );
        assert_eq!(p.as_deref(), Some("2020-05-28T10:00:00"));
        let (p, _) = dates(
            r#"<span itemprop="datePublished">9 грудня 2019</span>"#,
            None,
        );
        assert_eq!(p.as_deref(), Some("2019-12-09"));
        let (p, _) = dates(
            r#"<nav><span class="date">1.1.2019</span></nav><div class="post-date">Posted 9 December 2019</div>"#,
            None,
        );
        assert_eq!(p.as_deref(), Some("2019-12-09"));
    }

    #[test]
    fn url_dates_win_over_far_declared_dates() {
        let html = r#"<meta property="article:published_time" content="2020-03-01">"#;
        assert_eq!(
            dates(html, Some("https://x.com/2020/02/18/a")).0.as_deref(),
            Some("2020-02-18")
        );
        let html =
            r#"<meta property="article:published_time" content="2020-02-18T23:30:00-05:00">"#;
        assert_eq!(
            dates(html, Some("https://x.com/2020/02/19/a")).0.as_deref(),
            Some("2020-02-18T23:30:00-05:00")
        );
        assert_eq!(
            dates("<p>x</p>", Some("https://x.com/2020/02/18/a"))
                .0
                .as_deref(),
            Some("2020-02-18")
        );
    }
}
