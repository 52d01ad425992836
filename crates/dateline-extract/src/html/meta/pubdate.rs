//! Publication and modification dates: declared, marked up, in the URL, or written.

use dateline_html::{Document, Node, Tag};
use dateline_model::Timestamp;

use super::head::{collapse, Head};
use super::headline::{headline_distance, headline_id, small};
use super::jsonld::LdArticle;
use super::text::{key, region_names};
use crate::dates::{date_from_url, parse_date, parse_date_mdy};

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
        .find_map(|k| head.all(k).find_map(parse));
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

/// How many text runs after the headline make its header.
const HEADER_RUNS: usize = 6;

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

/// A date line (a short run that holds a date) among the first text runs
/// after the headline.
fn header_date(
    doc: &Document,
    headline: i64,
    parse: &impl Fn(&str) -> Option<Timestamp>,
) -> Option<Timestamp> {
    header_date_at(doc, headline, parse).map(|(_, t)| t)
}

/// As [`header_date`], with the run's distance from the headline. A line
/// that says it is an update ("Updated May 1, 2025") is passed over.
fn header_date_at(
    doc: &Document,
    headline: i64,
    parse: &impl Fn(&str) -> Option<Timestamp>,
) -> Option<(i64, Timestamp)> {
    let mut runs = 0;
    for n in doc.nodes().skip(headline as usize + 1) {
        let Some(text) = n.text() else { continue };
        let text = collapse(text);
        if text.is_empty()
            || n.ancestors()
                .any(|a| matches!(a.tag(), Tag::Script | Tag::Style))
            || in_chrome_around(&n, Some(headline))
        {
            continue;
        }
        if text.chars().count() <= 60 && !is_update_line(&text) {
            if let Some(t) = parse(&text) {
                return Some((headline_distance(&n, headline), t));
            }
        }
        runs += 1;
        if runs >= HEADER_RUNS {
            break;
        }
    }
    None
}

/// True for a line that dates an update ("Updated May 1, 2025", "Last
/// modified: ..."), not the publication.
fn is_update_line(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "updated",
        "last updated",
        "update",
        "modified",
        "last modified",
        "aktualisiert",
        "mis à jour",
        "actualizado",
    ]
    .iter()
    .any(|w| lower.starts_with(w))
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

/// Microdata and `<time>` elements: `itemprop="datePublished"`, `pubdate`,
/// then the first `<time datetime>` of the article.
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
        .find(|n| n.attr("pubdate").is_some() || class_id(n).contains("publish"))
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

/// As [`in_chrome`], but a container holding the headline is no sidebar
/// whatever its class says: layout classes name the template
/// (`sno-story-template-sidebar`), and a sidebar never holds the page's
/// headline. Known failure: with the region open, the first date after the
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
                || {
                    let c = region_names(&a);
                    ["comment", "related", "footer", "recommend", "popular"]
                        .iter()
                        .any(|w| c.contains(w))
                        || (c.contains("sidebar") && !holds_headline(&a))
                }
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

/// Class and id words of elements that hold a written publication date.
#[rustfmt::skip]
const DATE_HINTS: &[&str] = &[
    "date", "time", "publish", "posted", "byline", "dateline", "meta", "info", "fecha", "datum", "data",
    "pubdate", "timestamp", "created", "entry", "author", "tarih", "zeit",
];

/// A date written in the page, when nothing declares one: a labelled
/// date; else the nearest the headline of an element whose class or id
/// says it holds a date, the byline's date ([`byline_date`]) and the date
/// line under the headline ([`header_date`]); then any `<time
/// datetime>`, then the first date in the text after the headline.
/// Nearest wins (preferring after the headline): the first dates of a
/// page are often today's date in the header or teasers' dates, where
/// the date line under the headline is the story's ("Tue, 14 Jan 2020"
/// in the site header, "13 Jan 2020, 22:11" under the headline).
fn text_date(
    doc: &Document,
    parse: &impl Fn(&str) -> Option<Timestamp>,
    page: &PageContext,
) -> Option<Timestamp> {
    let headline = headline_id(doc, page.title);
    let distance = |n: &Node| headline_distance(n, headline.unwrap_or(0));
    let mut hinted: Option<(i64, Timestamp)> = None;
    let mut timed: Option<(i64, Timestamp)> = None;
    let date_hints = super::authors::Needles::new(DATE_HINTS);
    for n in doc.elements() {
        if matches!(
            n.tag(),
            Tag::Script | Tag::Style | Tag::Head | Tag::Title | Tag::Meta | Tag::A
        ) {
            continue;
        }
        let is_time = n.tag() == Tag::Time;
        // Without a class or id no hint can match: most elements end here.
        if !is_time && n.attr("class").is_none() && n.attr("id").is_none() {
            continue;
        }
        let c = class_id(&n);
        let hint = date_hints.in_text(&c) && !c.contains("update") && !c.contains("modif");
        if !(hint || is_time) || !small(&n) {
            continue;
        }
        let text = spaced_text(&n);
        if text.chars().count() > 150 || in_chrome(&n) {
            continue;
        }
        let attr = n
            .attr("datetime")
            .or_else(|| n.attr("data-time"))
            .or_else(|| n.attr("data-date"));
        let Some(t) = attr.and_then(parse).or_else(|| parse(&text)) else {
            continue;
        };
        let slot = if hint { &mut hinted } else { &mut timed };
        let d = distance(&n);
        if slot.is_none_or(|(best, _)| d < best) {
            *slot = Some((d, t));
        }
    }
    // A date-named element, the byline's date and the date line under
    // the headline: the nearest the headline.
    let byline = byline_date(doc, parse, page.authors, &distance, headline);
    let header = headline.and_then(|h| header_date_at(doc, h, parse));
    let near = [hinted, byline, header]
        .into_iter()
        .flatten()
        .min_by_key(|(d, _)| *d);
    labelled_date(doc, parse, &distance, headline)
        .or(near.or(timed).map(|(_, t)| t))
        .or_else(|| {
            let before = || date_right_before_headline(doc, headline?, parse);
            // A date quoted in a sentence yields to a date line above the
            // headline ("Dec 12, 2025" above it, "hit 1.0 on 30 October
            // 2025" in the first paragraph).
            match date_after_headline(doc, headline?, parse)? {
                (t, true) => Some(t),
                (t, false) => before().or(Some(t)),
            }
        })
        .or_else(|| date_right_before_headline(doc, headline?, parse))
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

/// How many text runs around the byline may hold its date.
const BYLINE_RUNS: usize = 4;

/// The date written beside the visible byline.
///
/// **What**: a short text run that holds an author's name (as found for
/// the page), then the date in that run or in one of the few runs right
/// after it (or, failing that, the two runs before it); the byline
/// nearest the headline wins, and it competes by that distance with the
/// elements whose class names a date. **Why**: themes write the byline and the
/// date together in unnamed elements (`<p>Written by <a>Jane Doe</a></p>
/// <p>April 8, 2024</p>`, `By Jane Doe • 20 Dec 2025`), at the top or the
/// bottom of the article, where no class names the date and the text
/// after the headline may reach a date quoted in the body first.
/// **Example**: `<p>Jane Doe</p><p>Feb 16, 2026</p>` with the author Jane
/// Doe gives 2026-02-16. **Known failures**: an author named in a teaser
/// list nearer the headline gives the teaser's date; a byline followed by
/// no date but by a dated sentence within four runs gives that date.
fn byline_date(
    doc: &Document,
    parse: &impl Fn(&str) -> Option<Timestamp>,
    authors: &[String],
    distance: &impl Fn(&Node) -> i64,
    headline: Option<i64>,
) -> Option<(i64, Timestamp)> {
    let names: Vec<String> = authors
        .iter()
        .map(|a| key(a))
        .filter(|k| k.chars().count() >= 4)
        .collect();
    if names.is_empty() {
        return None;
    }
    let hidden = |n: &Node| {
        n.ancestors()
            .any(|a| matches!(a.tag(), Tag::Script | Tag::Style | Tag::Title | Tag::Head))
    };
    // The visible text runs, in page order, with their nodes.
    let runs: Vec<(Node, String)> = doc
        .nodes()
        .filter_map(|n| {
            let t = collapse(n.text()?);
            (!t.is_empty()).then_some((n, t))
        })
        .filter(|(n, _)| !hidden(n))
        .collect();
    let date_line = |t: &str| (t.chars().count() <= 60).then(|| parse(t)).flatten();
    let mut best: Option<(i64, Timestamp)> = None;
    for (i, (n, text)) in runs.iter().enumerate() {
        if text.chars().count() > 100 {
            continue;
        }
        let k = key(text);
        if !names.iter().any(|name| k.contains(name.as_str())) || in_chrome_around(n, headline) {
            continue;
        }
        // A forum's profile box dates the member, not the post.
        let member_date = |j: usize| {
            membership_label(&runs[j].1) || (j > i + 1 && membership_label(&runs[j - 1].1))
        };
        let found = parse(text)
            .or_else(|| {
                (i + 1..runs.len())
                    .take(BYLINE_RUNS)
                    .filter(|&j| !member_date(j))
                    .find_map(|j| date_line(&runs[j].1))
            })
            .or_else(|| {
                runs[i.saturating_sub(2)..i]
                    .iter()
                    .rev()
                    .find_map(|(_, t)| date_line(t))
            });
        let Some(t) = found else { continue };
        let d = distance(n);
        if best.is_none_or(|(b, _)| d < b) {
            best = Some((d, t));
        }
    }
    best
}

/// True for a run that labels when a member joined ("Joined:",
/// "Registered: 4 Jul 2012", "Member since"): forum profile boxes sit
/// beside the poster's name, and their date is not the post's.
fn membership_label(run: &str) -> bool {
    let lower = run.trim().to_lowercase();
    [
        "joined",
        "registered",
        "member since",
        "inscrit",
        "registriert",
        "dabei seit",
    ]
    .iter()
    .any(|label| lower.starts_with(label))
}

/// How many text runs before the headline may hold its date.
const BEFORE_HEADLINE_RUNS: usize = 3;

/// A date in one of the few text runs right before the headline.
///
/// **What**: when nothing after the headline holds a date, the last three
/// visible text runs before it are read. **Why**: many layouts put the
/// date above the headline, with the kicker or a "Back to blog" link
/// ("Back to all articles · February 4, 2025" then the `<h1>`). **Example**:
/// `<p>February 4, 2025</p><h1>Title</h1><p>text</p>` gives 2025-02-04.
/// **Known failures**: a header that shows today's date right above the
/// headline gives today's date.
fn date_right_before_headline(
    doc: &Document,
    headline: i64,
    parse: &impl Fn(&str) -> Option<Timestamp>,
) -> Option<Timestamp> {
    let mut runs = 0;
    for i in (0..headline.max(0) as u32).rev() {
        let n = doc.node(dateline_html::NodeId(i));
        let Some(text) = n.text() else { continue };
        let text = collapse(text);
        if text.is_empty()
            || n.ancestors()
                .any(|a| matches!(a.tag(), Tag::Script | Tag::Style | Tag::Title | Tag::Head))
        {
            continue;
        }
        if in_chrome(&n) {
            return None;
        }
        if text.chars().count() <= 60 {
            if let Some(t) = parse(&text) {
                return Some(t);
            }
        }
        runs += 1;
        if runs >= BEFORE_HEADLINE_RUNS {
            break;
        }
    }
    None
}

/// Labels that say the date after them is the publication date.
#[rustfmt::skip]
const DATE_LABELS: &[&str] = &[
    "published", "published on", "originally published", "originally published on", "posted", "posted on",
    "date published", "publication date", "publish date",
    "start date", "veröffentlicht", "veröffentlicht am", "publié", "publié le", "publicado",
    "publicado el", "publicado em", "pubblicato", "pubblicato il", "gepubliceerd", "gepubliceerd op",
    "opublikowano", "julkaistu", "publicerad", "publiceret", "publisert", "опубликовано", "yayınlanma tarihi",
    "started by",
];

/// A date written after a label that names it the publication date.
///
/// **What**: a short text run that is a publication label ("Published",
/// "Posted on", "Start date", "Veröffentlicht am", a forum thread's
/// "Started by", whose date is the opening post's), the date in the same
/// run after it or in the text runs right after it
/// ([`date_after_label`]); the one nearest the headline wins. **Why**: themes write the label and the date
/// in separate unnamed elements (`<span>Published</span><span>July 8,
/// 2025</span>`), which neither class hints nor the text after the headline
/// find when the date sits before the `<h1>` or far below it; the label is
/// explicit, and "Updated" labels are not in the list, so the original
/// date is preferred. **Example**: `<p>Posted on April 13, 2023</p>` gives
/// 2023-04-13. **Known failures**: a label in a teaser list outside the
/// recognised chrome gives the teaser's date.
///
/// A container that holds the headline is no chrome whatever its class
/// says ([`in_chrome_around`]): a forum's `mainContainer_noSidebar` holds
/// the thread's "started by" line.
fn labelled_date(
    doc: &Document,
    parse: &impl Fn(&str) -> Option<Timestamp>,
    distance: &impl Fn(&Node) -> i64,
    headline: Option<i64>,
) -> Option<Timestamp> {
    let mut best: Option<(i64, Timestamp)> = None;
    for n in doc.nodes() {
        let Some(text) = n.text() else { continue };
        // Cheap filters first: this runs over every text run of the page.
        // Quotes and bullets before a label are no part of it ("' started by").
        let raw =
            crate::hygiene::trim(text).trim_start_matches(['\'', '"', '·', '•', '|', '-', '–']);
        let raw = raw.trim_start();
        if raw.is_empty() || raw.len() > 240 || !raw.starts_with(char::is_alphabetic) {
            continue;
        }
        // A label starts the run: its first letter is compared before the
        // run is copied and lower-cased (most runs start otherwise).
        let first = raw.chars().next().and_then(|c| c.to_lowercase().next());
        if !first.is_some_and(|f| DATE_LABELS.iter().any(|l| l.is_empty() || l.starts_with(f))) {
            continue;
        }
        let text = collapse(raw);
        if text.chars().count() > 60 {
            continue;
        }
        let lower = text.to_lowercase();
        // The longest label the run starts with, then a word boundary.
        let Some(label) = DATE_LABELS
            .iter()
            .filter(|l| {
                lower.starts_with(*l)
                    && !lower[l.len()..].starts_with(|c: char| c.is_alphanumeric())
            })
            .max_by_key(|l| l.len())
        else {
            continue;
        };
        if n.ancestors()
            .any(|a| matches!(a.tag(), Tag::Script | Tag::Style | Tag::A | Tag::Option))
            || in_chrome_around(&n, headline)
        {
            continue;
        }
        let rest = text[label.len()..].trim_start_matches([':', ' ', '-', '–', '|']);
        let found = if rest.is_empty() {
            date_after_label(doc, n.id().0 + 1, parse)
        } else {
            parse(rest)
        };
        let Some(t) = found else { continue };
        let d = distance(&n);
        if best.is_none_or(|(b, _)| d < b) {
            best = Some((d, t));
        }
    }
    best.map(|(_, t)| t)
}

/// How many short runs without digits may sit between a label and its date.
const LABEL_GAP_RUNS: usize = 2;

/// The date in the text runs right after a label that stands alone.
///
/// **What**: within the next twelve nodes, the first run that holds a
/// digit must be a date line; up to two short runs without digits before
/// it are passed over. **Why**: a label is often followed by another
/// label or a name before its date: "Published" / "Publish date" / "15
/// November 2018" (a visible label and a screen-reader one), or a forum's
/// "started by" / "pelex" / "," / "May 26, 2025". **Known failures**: a
/// label whose own date is missing takes the next date within reach.
fn date_after_label(
    doc: &Document,
    start: u32,
    parse: &impl Fn(&str) -> Option<Timestamp>,
) -> Option<Timestamp> {
    let mut gaps = 0;
    for i in start..(doc.len() as u32).min(start + 12) {
        let Some(t) = doc.node(dateline_html::NodeId(i)).text().map(collapse) else {
            continue;
        };
        if t.is_empty() {
            continue;
        }
        if t.bytes().any(|b| b.is_ascii_digit()) {
            return (t.chars().count() <= 60).then(|| parse(&t)).flatten();
        }
        // A separator (",", "|") is no gap; a name or label is.
        if t.chars().any(char::is_alphabetic) {
            gaps += 1;
            if gaps > LABEL_GAP_RUNS || t.chars().count() > 40 {
                return None;
            }
        }
    }
    None
}

/// How much text after the headline may hold its date.
const AFTER_HEADLINE_CHARS: usize = 1500;

/// The first date in the visible text following the headline, and whether
/// its run is a date line (at most 60 characters) rather than a sentence.
fn date_after_headline(
    doc: &Document,
    headline: i64,
    parse: &impl Fn(&str) -> Option<Timestamp>,
) -> Option<(Timestamp, bool)> {
    let mut seen = 0;
    for n in doc.nodes().skip(headline as usize + 1) {
        let Some(text) = n.text() else { continue };
        let text = collapse(text);
        if text.is_empty()
            || n.ancestors()
                .any(|a| matches!(a.tag(), Tag::Script | Tag::Style | Tag::A))
            || in_chrome_around(&n, Some(headline))
        {
            continue;
        }
        let chars = text.chars().count();
        if chars <= 200 {
            if let Some(t) = parse(&text) {
                return Some((t, chars <= 60));
            }
        }
        seen += chars;
        if seen > AFTER_HEADLINE_CHARS {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::meta::jsonld;

    fn dates(html: &str, url: Option<&str>) -> (Option<String>, Option<String>) {
        dates_by(html, url, &[])
    }

    fn dates_by(
        html: &str,
        url: Option<&str>,
        authors: &[String],
    ) -> (Option<String>, Option<String>) {
        let doc = Document::parse(html);
        let head = Head::collect(&doc);
        let ld = jsonld::extract(&doc);
        let page = PageContext {
            url,
            mdy: false,
            title: None,
            authors,
        };
        let (p, m) = find_dates(&doc, &head, ld.as_ref(), &page);
        (p.map(|t| t.to_string()), m.map(|t| t.to_string()))
    }

    #[test]
    fn times_keep_the_offset_the_page_gave() {
        // A Los Angeles station's UTC time stays UTC: no zone is guessed
        // from the host or the language.
        let meta = "<meta property='article:published_time' content='2023-11-09T06:35:29+00:00'>";
        let html = format!("<html lang='en'><head>{meta}</head><body><p>x</p></body></html>");
        let (p, _) = dates(&html, Some("https://www.ktla.com/news/story/"));
        assert_eq!(p.as_deref(), Some("2023-11-09T06:35:29Z"));
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
    fn labelled_dates() {
        let (p, _) = dates(
            "<h1>Headline</h1><div><span>Published</span> <span>July 8, 2025</span></div>",
            None,
        );
        assert_eq!(p.as_deref(), Some("2025-07-08"));
        let (p, _) = dates(
            "<h1>Headline</h1><p>Updated: May 1, 2025</p><p>Posted on April 13, 2023</p>",
            None,
        );
        assert_eq!(p.as_deref(), Some("2023-04-13"));
        // A label before something that is no date gives nothing.
        let (p, _) = dates("<p>Published</p><p>by the Society</p>", None);
        assert_eq!(p, None);
        // The label's first letter is compared in lower case.
        let (p, _) = dates("<h1>Headline</h1><p>PUBLISHED July 8, 2025</p>", None);
        assert_eq!(p.as_deref(), Some("2025-07-08"));
    }

    #[test]
    fn an_article_aside_is_no_sidebar() {
        let (p, _) = dates(
            r#"<article><aside><time datetime="2021-06-06">June 6, 2021</time></aside><p>x</p></article>"#,
            None,
        );
        assert_eq!(p.as_deref(), Some("2021-06-06"));
        let (p, _) = dates(
            r#"<article><p>x</p></article><aside><time datetime="2021-06-06">June 6</time></aside>"#,
            None,
        );
        assert_eq!(p, None);
    }

    #[test]
    fn headline_as_a_lower_heading() {
        let doc = Document::parse(
            "<h2>Menu</h2><h2>Introducing the Spice Cayenne</h2><p>Luke Kim</p><p>December 17, 2025</p>",
        );
        let h = headline_id(&doc, Some("Introducing the Spice Cayenne"));
        assert_eq!(h, Some(3));
        let parse = |s: &str| parse_date(s);
        assert_eq!(
            date_after_headline(&doc, h.unwrap(), &parse)
                .map(|(t, _)| t.to_string())
                .as_deref(),
            Some("2025-12-17")
        );
    }

    #[test]
    fn a_layout_class_around_the_headline_is_no_sidebar() {
        let (p, _) = dates(
            r#"<div class="story-template-sidebar"><h1>Headline</h1><p>May 31, 2024</p></div>"#,
            None,
        );
        assert_eq!(p.as_deref(), Some("2024-05-31"));
        let (p, _) = dates(
            r#"<h1>Headline</h1><div class="sidebar"><p>May 31, 2024</p></div>"#,
            None,
        );
        assert_eq!(p, None);
    }

    #[test]
    fn an_earlier_labelled_publication_wins() {
        let meta = r#"<meta property="article:published_time" content="2025-08-21">"#;
        let (p, _) = dates(
            &format!("{meta}<h1>Headline</h1><p>Published</p><p>Apr 26, 2023</p>"),
            None,
        );
        assert_eq!(p.as_deref(), Some("2023-04-26"));
        // A later labelled date leaves the declared one.
        let (p, _) = dates(
            &format!("{meta}<h1>Headline</h1><p>Published</p><p>Sep 26, 2025</p>"),
            None,
        );
        assert_eq!(p.as_deref(), Some("2025-08-21"));
    }

    #[test]
    fn a_date_right_above_the_headline() {
        let (p, _) = dates(
            "<p>Back to all articles</p><p>February 4, 2025</p><h1>Headline</h1><p>Body text.</p>",
            None,
        );
        assert_eq!(p.as_deref(), Some("2025-02-04"));
        let (p, _) = dates(
            "<p>February 4, 2025</p><p>a</p><p>b</p><p>c</p><h1>Headline</h1><p>Body text.</p>",
            None,
        );
        assert_eq!(p, None);
    }

    #[test]
    fn url_dates_win_over_declared_dates() {
        let html = r#"<meta property="article:published_time" content="2020-03-01">"#;
        assert_eq!(
            dates(html, Some("https://x.com/2020/02/18/a")).0.as_deref(),
            Some("2020-02-18")
        );
        // A UTC time just after midnight: readers saw the day before.
        let html = r#"<meta property="article:published_time" content="2020-02-18T02:18:11Z">"#;
        assert_eq!(
            dates(html, Some("https://x.com/2020/02/17/a")).0.as_deref(),
            Some("2020-02-17")
        );
        // A URL made the day before, at drafting time.
        let html = r#"<meta property="article:published_time" content="2020-07-09T10:04:04Z">"#;
        assert_eq!(
            dates(html, Some("https://x.com/2020/07/08/a")).0.as_deref(),
            Some("2020-07-09T10:04:04Z")
        );
        assert_eq!(
            dates("<p>x</p>", Some("https://x.com/2020/02/18/a"))
                .0
                .as_deref(),
            Some("2020-02-18")
        );
    }

    #[test]
    fn blocks_of_a_date_element_are_read_apart() {
        // "Luke KimDecember 17, 2025" holds no date; the runs apart do.
        let (p, _) = dates(
            r#"<div class="author-details"><p>Luke Kim</p><small>December 17, 2025</small></div>"#,
            None,
        );
        assert_eq!(p.as_deref(), Some("2025-12-17"));
    }

    #[test]
    fn a_member_since_date_is_not_the_posts() {
        let body = "<p>Body text of the post. </p>".repeat(80);
        let html = format!(
            "<h1>Headline</h1><dl><dt><a>Jane Doe</a></dt><dd><strong>Joined:</strong> \
             4. Jul 2012, 16:09</dd></dl><p>by Jane Doe</p><p>11. Sep 2024, 18:36</p>{body}"
        );
        let jane = ["Jane Doe".to_string()];
        assert_eq!(
            dates_by(&html, None, &jane).0.as_deref().map(|d| &d[..10]),
            Some("2024-09-11")
        );
        assert!(membership_label("Joined:"));
        assert!(membership_label("Registered: 4. Jul 2012"));
        assert!(!membership_label("4. Jul 2012, 16:09"));
    }

    #[test]
    fn the_date_beside_the_byline() {
        let body = "<p>Body text of the story. </p>".repeat(80);
        let html =
            format!("<h1>Headline</h1>{body}<p>Written by <a>Jane Doe</a></p><p>April 8, 2024</p>");
        let jane = ["Jane Doe".to_string()];
        assert_eq!(
            dates_by(&html, None, &jane).0.as_deref(),
            Some("2024-04-08")
        );
        // Without the author the date is too far below the headline.
        assert_eq!(dates_by(&html, None, &[]).0, None);
        // Nearer the headline than a date-named element of a teaser.
        let html = format!(
            "<h1>Headline</h1><p>Jane Doe · Feb 16, 2026</p>{body}<div class=\"date\">May 1, 2020</div>"
        );
        assert_eq!(
            dates_by(&html, None, &jane).0.as_deref(),
            Some("2026-02-16")
        );
    }

    #[test]
    fn the_header_date_of_a_page_declared_as_saved() {
        let both = r#"<meta property="article:published_time" content="2025-06-12"><meta property="article:modified_time" content="2025-06-12">"#;
        let body = "<h1>Headline</h1><p>Jane Doe</p><p>November 2, 2022</p><p>Text.</p>";
        let (p, _) = dates(&format!("{both}{body}"), None);
        assert_eq!(p.as_deref(), Some("2022-11-02"));
        // A modification before the publication: both are saves.
        let before = r#"<meta property="article:published_time" content="2025-06-12"><meta property="article:modified_time" content="2025-06-10">"#;
        let (p, _) = dates(&format!("{before}{body}"), None);
        assert_eq!(p.as_deref(), Some("2022-11-02"));
        // A later modification: the declared publication holds.
        let distinct = r#"<meta property="article:published_time" content="2025-06-12"><meta property="article:modified_time" content="2025-06-14">"#;
        let (p, _) = dates(&format!("{distinct}{body}"), None);
        assert_eq!(p.as_deref(), Some("2025-06-12"));
    }

    #[test]
    fn a_label_then_a_name_or_a_label_then_the_date() {
        // Posts between the headline and the label: no other rule reaches it.
        let posts = "<p>A reply without a date. </p>".repeat(80);
        let (p, _) = dates(
            &format!("<h1>Headline</h1>{posts}<p>Discussion in '<a>Advice</a>' started by <a>pelex</a>, <a>May 26, 2025</a></p>"),
            None,
        );
        assert_eq!(p.as_deref(), Some("2025-05-26"));
        let (p, _) = dates(
            &format!(
                "<h1>Headline</h1>{posts}<p>Published</p><p>by Jane Doe</p><p>15 November 2018</p>"
            ),
            None,
        );
        assert_eq!(p.as_deref(), Some("2018-11-15"));
        let (p, _) = dates(
            &format!("<h1>Headline</h1>{posts}<p>Started by Biology Forums, June 04, 2024, 11:23:55 AM</p>"),
            None,
        );
        assert_eq!(p.as_deref(), Some("2024-06-04T11:23:55"));
    }

    #[test]
    fn the_date_line_under_the_headline_beats_the_header_date() {
        let (p, _) = dates(
            r#"<span class="date">Tue, 14 Jan 2020</span><p>Menu</p><h1>Headline</h1><p>News24</p><p>13 Jan 2020, 22:11</p><p>Text.</p>"#,
            None,
        );
        assert_eq!(p.as_deref(), Some("2020-01-13T22:11:00"));
        // An update line is not the story's date.
        let (p, _) = dates(
            r#"<h1>Headline</h1><p>Updated May 1, 2025</p><p>x</p><div class="date">April 2, 2025</div>"#,
            None,
        );
        assert_eq!(p.as_deref(), Some("2025-04-02"));
    }

    #[test]
    fn a_label_in_a_container_that_holds_the_headline() {
        // "noSidebar" names a layout; the container holds the headline.
        let posts = "<p>A reply without a date. </p>".repeat(80);
        let (p, _) = dates(
            &format!("<div class=\"mainContainer_noSidebar\"><h1>Headline</h1>{posts}<p>Started by <a>pelex</a>, <a>May 26, 2025</a></p></div>"),
            None,
        );
        assert_eq!(p.as_deref(), Some("2025-05-26"));
        // A real sidebar stays chrome.
        let (p, _) = dates(
            &format!("<h1>Headline</h1>{posts}<div class=\"sidebar\"><p>Started by <a>pelex</a>, <a>May 26, 2025</a></p></div>"),
            None,
        );
        assert_eq!(p, None);
    }

    #[test]
    fn a_date_line_above_the_headline_beats_a_date_in_a_sentence() {
        let (p, _) = dates(
            "<p>Back to blog</p><p>Dec 12, 2025</p><h1>Headline</h1><p>The library hit its stable release on 30 October 2025, which settles it.</p>",
            None,
        );
        assert_eq!(p.as_deref(), Some("2025-12-12"));
        // With no date line above, the sentence's date is still taken.
        let (p, _) = dates(
            "<h1>Headline</h1><p>The library hit its stable release on 30 October 2025, which settles it.</p>",
            None,
        );
        assert_eq!(p.as_deref(), Some("2025-10-30"));
    }
}
