//! Dates written in the page's text, for pages that declare none or
//! declare a later one: labelled dates ("Published May 2, 2024"), the
//! byline's date, the date line under or above the headline, elements
//! whose class names a date, and the first date after the headline.

use dateline_html::{Document, Node, Tag};
use dateline_model::Timestamp;

use super::{class_id, in_chrome, in_chrome_around, spaced_text, PageContext};
use crate::html::meta::head::collapse;
use crate::html::meta::headline::{headline_distance, headline_id, small};
use crate::html::meta::text::key;
use crate::html::meta::text::Needles;

/// How many text runs after the headline make its header.
const HEADER_RUNS: usize = 6;

/// A date line (a short run that holds a date) among the first text runs
/// after the headline.
pub(super) fn header_date(
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
pub(super) fn text_date(
    doc: &Document,
    parse: &impl Fn(&str) -> Option<Timestamp>,
    page: &PageContext,
) -> Option<Timestamp> {
    let headline = headline_id(doc, page.title);
    let distance = |n: &Node| headline_distance(n, headline.unwrap_or(0));
    let mut hinted: Option<(i64, Timestamp)> = None;
    let mut timed: Option<(i64, Timestamp)> = None;
    let date_hints = Needles::new(DATE_HINTS);
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
pub(super) fn membership_label(run: &str) -> bool {
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
pub(super) fn labelled_date(
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
pub(super) fn date_after_headline(
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
