//! Publication and modification dates: declared (meta tags, JSON-LD,
//! microdata, `<time>`), in the URL, or written on the page
//! ([`written`]), and the precedence between them.

#[cfg(test)]
mod tests;
mod written;

use dateline_html::{Document, Node, Tag};
use dateline_model::Timestamp;

use super::head::{collapse, Head};
use super::headline::{headline_distance, headline_id, small};
use super::jsonld::LdArticle;
use super::text::region_names;
use crate::dates::{date_from_url, parse_date, parse_date_mdy};
use written::{header_date, labelled_date, text_date};

/// Meta keys that declare the publication time, most reliable first.
#[rustfmt::skip]
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time", "og:article:published_time", "article:published", "datepublished",
    "og:published_time", "published_time", "article.published", "parsely-pub-date", "sailthru.date",
    "dc.date.issued", "dcterms.issued", "dc.date.published", "dc.date.created", "dcterms.created", "dc.date",
    "dcterms.date", "dc:date", "citation_publication_date", "citation_date", "pubdate", "publishdate",
    "publish-date", "publish_date", "publication_date", "pub_date", "date_published", "release_date",
    "originalpublicationdate", "published-date", "rnews:datepublished", "cxenseparse:recs:publishtime", "datecreated",
    "displaydate", "date", "created", "article_date_original", "og:pubdate", "nv:date", "bt:pubdate",
];

/// Meta keys that declare the last modification time.
#[rustfmt::skip]
const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time", "og:article:modified_time", "article:modified", "datemodified", "og:updated_time",
    "modified_time", "dc.date.modified", "dcterms.modified", "last-modified", "lastmod", "revised",
];

/// What the date finder knows about the page besides its markup.
pub(crate) struct PageContext<'a> {
    /// The page address (URL dates).
    pub(crate) url: Option<&'a str>,
    /// Read ambiguous numeric dates month first.
    pub(crate) mdy: bool,
    /// The headline (finds the article's `<h1>`).
    pub(crate) title: Option<&'a str>,
    /// The authors found on the page (finds the byline and its date).
    pub(crate) authors: &'a [String],
}

/// Publication and modification times of the page.
pub(crate) fn find_dates(
    doc: &Document,
    head: &Head,
    ld: Option<&LdArticle>,
    page: &PageContext,
) -> (Option<Timestamp>, Option<Timestamp>) {
    let parse = |s: &str| {
        if page.mdy {
            parse_date_mdy(s)
        } else {
            parse_date(s)
        }
    };
    let ld_published = ld.and_then(|l| l.published.as_deref()).and_then(parse);
    let meta_published = PUBLISHED_KEYS
        .iter()
        .find_map(|k| head.all(k).find_map(parse))
        .or_else(|| other_published_meta(head, &parse));
    let modified = ld
        .and_then(|l| l.modified.as_deref())
        .and_then(parse)
        .or_else(|| {
            MODIFIED_KEYS
                .iter()
                .find_map(|k| head.all(k).find_map(parse))
        });
    let url_date = page.url.and_then(date_from_url);
    let declared = ld_published
        .or(meta_published)
        .or_else(|| markup_date(doc, &parse));
    // Times keep the offset the page wrote: no zone is guessed from the
    // host or the language (a guess moves instants and calendar dates).
    let published = match (declared, url_date) {
        (Some(d), Some(u)) if d.date_only() == u => Some(d),
        (Some(d), Some(u)) if url_wins(d, u) => Some(u),
        (Some(d), _) => {
            let d = earlier_labelled(doc, &parse, page.title, d);
            Some(header_date_of_a_resaved_page(
                doc, &parse, page.title, d, modified,
            ))
        }
        (None, Some(u)) => Some(u),
        // Nothing declared: the page's text. A modification date is no
        // stand-in: on wcxb it was another date on 5 of the 7 dated
        // pages it reached, and it dated 14 pages that have none.
        (None, None) => text_date(doc, &parse, page),
    };
    (published, modified)
}

/// A meta tag of a key no list names that still says it holds the
/// publication date.
///
/// **What**: after the listed keys ([`PUBLISHED_KEYS`]), the first meta
/// tag whose key has the word "published" or "publish" followed by
/// "date" or "time" (`w-published-date`, `published`, `x:publish_time`),
/// and no word of a modification or of the publisher, with a value that
/// parses as a date. **Why**: sites and their tag managers name the
/// publication date in their own vocabularies, and the page then declares
/// its date nowhere we read (`<meta name="w-published-date"
/// content="2025-05-27T06:03:43Z">`, `<meta name="published" content="July
/// 17, 2025">`). **Known failures**: a key for another document's
/// publication (a cited paper's) is taken as the page's.
fn other_published_meta(
    head: &Head,
    parse: &impl Fn(&str) -> Option<Timestamp>,
) -> Option<Timestamp> {
    head.metas
        .iter()
        .filter(|(k, _)| names_publication(k))
        .find_map(|(_, v)| parse(v))
}

/// True for a meta key that names the publication date: its words hold
/// "published" alone or "publish"/"published" then "date"/"time", and
/// none names a modification, an update or the publisher.
fn names_publication(key: &str) -> bool {
    let words: Vec<&str> = key
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let other = |w: &&str| {
        matches!(
            *w,
            "publisher" | "modified" | "updated" | "update" | "modify" | "revised" | "expires"
        )
    };
    if words.iter().any(other) {
        return false;
    }
    let at = words
        .iter()
        .position(|w| matches!(*w, "published" | "publish"));
    match at {
        Some(i) => {
            words.len() == 1 && words[0] == "published"
                || words[i + 1..].iter().any(|w| matches!(*w, "date" | "time"))
        }
        None => false,
    }
}

/// The declared date, or the page's labelled publication date when that is
/// days earlier.
///
/// **What**: a date written after a publication label ("Published Apr
/// 26, 2023", "Originally published on 26 Sep 2019") more than a day
/// before the declared date replaces it. **Why**: CMSs re-declare
/// `datePublished` when a post is re-published or refreshed, while the
/// page still says when it first appeared; the issue asks for the
/// original publication over a later one. A later labelled date is
/// ignored: the declared date is kept. **Example**: `datePublished`
/// 2025-08-21 and a visible "Published Apr 26, 2023" give 2023-04-26.
/// **Known failures**: a labelled date of something else quoted near the
/// headline (an event "published" in a timeline) can move the date back.
fn earlier_labelled(
    doc: &Document,
    parse: &impl Fn(&str) -> Option<Timestamp>,
    title: Option<&str>,
    declared: Timestamp,
) -> Timestamp {
    let headline = headline_id(doc, title);
    let distance = |n: &Node| headline_distance(n, headline.unwrap_or(0));
    match labelled_date(doc, parse, &distance, headline) {
        Some(l) if l.day_number() < declared.day_number() - 1 => l,
        _ => declared,
    }
}

/// The declared date, or the date written under the headline when the
/// declared publication is only the page's last save.
///
/// **What**: when the declared publication falls on or after the declared
/// modification day (a page modified no later than it was published has
/// stamps of saves, not of a publication), a date line among the first
/// six text runs after the headline more than a day earlier replaces it. **Why**: site builders
/// and some CMSs declare one stamp for both, the time the page was last
/// saved or the site re-published (`datePublished` = `dateModified` =
/// 2025-06-24), while the article's header shows when it appeared
/// ("Shauna Mitchell · August 25, 2024"); a page that declares a
/// modification distinct from its publication is trusted, and a later
/// header date is ignored, so a re-publication never moves the date
/// forward. **Example**: both declared 2025-06-12 and `<h1>…</h1><p>November
/// 2, 2022</p>` give 2022-11-02. **Known failures**: an article really
/// published the day it was last edited, with an older date in its
/// header (an event's date, a quoted report's date), gets that older date.
fn header_date_of_a_resaved_page(
    doc: &Document,
    parse: &impl Fn(&str) -> Option<Timestamp>,
    title: Option<&str>,
    declared: Timestamp,
    modified: Option<Timestamp>,
) -> Timestamp {
    if modified.is_none_or(|m| m.day_number() > declared.day_number()) {
        return declared;
    }
    let Some(headline) = headline_id(doc, title) else {
        return declared;
    };
    match header_date(doc, headline, parse) {
        Some(h) if h.day_number() < declared.day_number() - 1 => h,
        _ => declared,
    }
}

/// True when a URL date should replace a declared date that disagrees.
///
/// The CMS writes the URL date at publication; a declared date days away
/// is a re-publication. One day away, the URL wins only when the declared
/// time is a UTC time near midnight, i.e. a time zone away from the date
/// readers saw; a URL made at drafting time is otherwise a day early.
fn url_wins(declared: Timestamp, url: Timestamp) -> bool {
    let days = url.day_number() - declared.day_number();
    match days {
        0 => false,
        1 | -1 if declared.time.is_some() => {
            let hour = declared.time.map_or(12, |(h, _, _)| h);
            declared.offset_minutes == Some(0)
                && ((days == -1 && hour < 8) || (days == 1 && hour >= 14))
        }
        _ => true,
    }
}

/// How many levels above a `<time>` a class naming the publication may
/// sit (`<div class="published"><span class="date"><time>`).
const PUBLISHED_WRAPPER_DEPTH: usize = 2;

/// Microdata and `<time>` elements: `itemprop="datePublished"`, `pubdate`,
/// then the first `<time datetime>` of the article.
///
/// A `<time>` counts as the publication's when it or one of its two
/// nearest ancestors has a class or id naming it ("publish", as in
/// `published`, `publishing-details`): themes wrap the time element in a
/// named span or block rather than naming the element itself, and the
/// first dated teaser nearer the headline was taken instead
/// (`<div class="published"><span class="date"><time
/// datetime="2020-06-22T09:30">28 minutes ago</time>`). Known failure: a
/// "published" block around a list of other stories' times.
fn markup_date(doc: &Document, parse: &impl Fn(&str) -> Option<Timestamp>) -> Option<Timestamp> {
    let value = |n: &Node| -> Option<Timestamp> {
        n.attr("datetime")
            .or_else(|| n.attr("content"))
            .and_then(parse)
            .or_else(|| {
                if !small(n) {
                    return None;
                }
                let text = spaced_text(n);
                (text.len() < 120).then(|| parse(&text)).flatten()
            })
    };
    // Candidates first: the chrome test walks ancestors.
    let itemprop = doc
        .elements()
        .filter(|n| n.tag() != Tag::Meta)
        .filter(|n| {
            n.attr("itemprop").is_some_and(|p| {
                p.split_whitespace().any(|p| {
                    p.eq_ignore_ascii_case("datepublished") || p.eq_ignore_ascii_case("datecreated")
                })
            })
        })
        .filter(|n| !in_chrome(n))
        .find_map(|n| value(&n));
    if itemprop.is_some() {
        return itemprop;
    }
    let times: Vec<Node> = doc
        .elements()
        .filter(|n| n.tag() == Tag::Time && !in_chrome(n))
        .collect();
    if let Some(t) = times
        .iter()
        .find(|n| {
            n.attr("pubdate").is_some()
                || std::iter::once(**n)
                    .chain(n.ancestors().take(PUBLISHED_WRAPPER_DEPTH))
                    .any(|a| class_id(&a).contains("publish"))
        })
        .and_then(&value)
    {
        return Some(t);
    }
    let in_article = |n: &Node| {
        n.ancestors().any(|a| {
            matches!(a.tag(), Tag::Article | Tag::Main | Tag::Header)
                || class_id(&a).contains("article")
        })
    };
    times.iter().filter(|n| in_article(n)).find_map(value)
}

fn class_id(n: &Node) -> String {
    let mut s = n.attr("class").unwrap_or("").to_ascii_lowercase();
    s.push(' ');
    s.push_str(&n.attr("id").unwrap_or("").to_ascii_lowercase());
    s
}

/// Navigation, sidebars, footers and comments: dates there are other pages'.
fn in_chrome(n: &Node) -> bool {
    in_chrome_around(n, None)
}

/// As [`in_chrome`], but a container holding the headline is no sidebar,
/// footer, comment or related block whatever its class says: layout
/// classes name the template (`sno-story-template-sidebar`, a sticky
/// footer's `footerfix` wrapper around the whole page), and none of those
/// regions holds the page's headline (a forum thread's "Started by" line
/// under its title was read as footer chrome). Known failure: with the region open, the first date after the
/// headline may be a profile field of a forum post ("Founded: Dec 11,
/// 2021").
fn in_chrome_around(n: &Node, headline: Option<i64>) -> bool {
    let holds_headline = |a: &Node| {
        headline.is_some_and(|h| {
            let h = h as u32;
            a.id().0 < h && h < a.subtree_end().0
        })
    };
    // Body classes describe the page layout ("sidebar-primary"), not a region.
    n.ancestors()
        .filter(|a| !matches!(a.tag(), Tag::Body | Tag::Html))
        .any(|a| {
            matches!(a.tag(), Tag::Nav | Tag::Footer)
                || (a.tag() == Tag::Aside && !aside_of_article(&a))
                || (!holds_headline(&a) && {
                    let c = region_names(&a);
                    [
                        "comment",
                        "related",
                        "footer",
                        "recommend",
                        "popular",
                        "sidebar",
                    ]
                    .iter()
                    .any(|w| c.contains(w))
                })
        })
}

/// True for an `<aside>` inside an `<article>`: HTML gives such an aside to
/// the article (its date and byline column: `<article><aside><time
/// datetime="2021-06-06">`), where an aside beside the article is a
/// sidebar. Known failure: a related-links aside inside the article tag
/// still lends its dates when nothing better is found.
fn aside_of_article(aside: &Node) -> bool {
    aside.ancestors().any(|a| a.tag() == Tag::Article)
}

/// The text of a small element with its runs joined by spaces.
///
/// `textContent` glues blocks: `<p>Luke Kim</p><small>December 17,
/// 2025</small>` reads "Luke KimDecember 17, 2025", where no date is
/// found; a space between runs keeps the words apart.
fn spaced_text(n: &Node) -> String {
    let mut out = String::new();
    for t in std::iter::once(*n)
        .chain(n.descendants())
        .filter_map(|d| d.text())
    {
        out.push_str(t);
        out.push(' ');
    }
    collapse(&out)
}
