//! Bylines as the reader sees them: elements whose class or id names a
//! byline or a user, author profile links, and labelled lines ("By ...",
//! "Written by ..."), away from comments and related lists.

use dateline_html::{Document, Node, NodeId, Tag};

use super::names_in;
use crate::byline::{declared_single_name, normalize_person_name, parse_byline};
use crate::html::meta::head::collapse;
use crate::html::meta::headline::{headline_distance, headline_id, small};
use crate::html::meta::text::{region_names, Needles};

/// Class and id words of byline elements.
#[rustfmt::skip]
pub(super) const BYLINE_HINTS: &[&str] = &[
    "byline", "by-line", "author", "writer", "writtenby", "autor", "auteur", "autore", "firma", "signature",
    "reporter", "posted-by",
];

/// Class and id words of a user's name: one word there is a user name.
const USER_HINTS: &[&str] = &["username", "user-name"];

/// The byline element nearest the headline, preferring one after it: the
/// first byline of a page often belongs to a teaser. The headline is the
/// `<h1>` holding the title, else the first `<h1>` (often only a logo).
pub(super) fn byline_elements(doc: &Document, title: Option<&str>) -> Vec<String> {
    let headline = headline_id(doc, title);
    let mut best: Option<(i64, Vec<String>)> = None;
    // The lower-case class and id of the element, reused between elements.
    let mut c = String::new();
    let byline_hints = Needles::new(BYLINE_HINTS);
    for n in doc.elements() {
        if matches!(
            n.tag(),
            Tag::Script | Tag::Style | Tag::Meta | Tag::Link | Tag::Body | Tag::Html | Tag::Img
        ) {
            continue;
        }
        let (class, id, rel) = (n.attr("class"), n.attr("id"), n.attr("rel"));
        // No class, id or rel: nothing below can match (the hints hold no
        // space), and most elements are so.
        if class.is_none() && id.is_none() && rel.is_none() {
            continue;
        }
        c.clear();
        c.push_str(class.unwrap_or(""));
        c.push(' ');
        c.push_str(id.unwrap_or(""));
        c.make_ascii_lowercase();
        let rel_author = rel.is_some_and(|r| {
            r.to_ascii_lowercase()
                .split_whitespace()
                .any(|r| r == "author")
        });
        let user_hint = USER_HINTS.iter().any(|h| c.contains(h));
        if !(rel_author || user_hint || byline_hints.in_text(&c))
            || c.contains("bio")
            // "author-description", "author_desc": the blurb about the
            // writer, whose credentials read like names ("M.A. Journalism").
            || c.contains("desc")
            || c.contains("avatar")
            || c.contains("comment")
        {
            continue;
        }
        if !small(&n) {
            continue;
        }
        let text = runs_text(&n);
        if text.is_empty() || in_comments(&n) {
            continue;
        }
        // A user name's element holds one word, its owner's name.
        let names = if user_hint && !byline_hints.in_text(&c) {
            Vec::new()
        } else if text.chars().count() <= 100 {
            names_in(&text)
        } else {
            // An author box holds the name and more (a role, a blurb): its
            // first text run, when that alone is a person's name.
            n.descendants()
                .filter_map(|d| d.text().map(collapse))
                .find(|t| !t.is_empty())
                .and_then(|t| normalize_person_name(&t))
                .into_iter()
                .collect()
        };
        // A one-word name is a user name when the markup says so; a page
        // header's user name is the reader's account ("Account", "Hi").
        let in_header = || n.ancestors().any(|a| a.tag() == Tag::Header);
        let names = if names.is_empty() && user_hint && !in_header() {
            declared_single_name(&text).into_iter().collect()
        } else if names.is_empty() {
            profile_link_name(&n).into_iter().collect()
        } else {
            names
        };
        if names.is_empty() {
            continue;
        }
        let Some(h) = headline else { return names };
        keep_nearest(&mut best, headline_distance(&n, h), names);
    }
    best.map(|(_, names)| names).unwrap_or_default()
}

/// The text runs under `n` joined by spaces.
///
/// **What**: the text of an element with a space between its runs, where
/// `text_content` glues them. **Why**: a byline box sets its name and its
/// date in sibling elements with no space between them (`<p>Luke
/// Kim</p><small>December 17, 2025</small>`), which read as one word
/// ("KimDecember") and no name. **Example**: that box gives "Luke Kim
/// December 17, 2025", then "Luke Kim". **Known failures**: a word split
/// by inline markup (`<b>Mc</b>Donald`) is read as two.
fn runs_text(n: &Node) -> String {
    let runs: Vec<&str> = n.descendants().filter_map(|d| d.text()).collect();
    collapse(&runs.join(" "))
}

/// Path parts of the pages of authors and members ("/author/jane",
/// "memberlist.php?mode=viewprofile", "/users/198419/x").
#[rustfmt::skip]
const PROFILE_PATHS: &[&str] = &[
    "/author/", "/authors/", "/member/", "/members/", "/memberlist.php", "/member.php", "/user/", "/users/",
    "/profile/", "/u/", "/~",
];

/// The one-word name of a link to its owner's page.
///
/// **What**: `n` is a link, or holds one link and no other text, whose
/// `rel` is `author` or whose address is an author's or member's page
/// ([`PROFILE_PATHS`]), and whose text is one declared name
/// ([`declared_single_name`]). **Why**: a name of two words passes as a
/// person's anywhere, but a one-word name is only trusted where the markup
/// says it names someone; pen names, first names and forum user names
/// link to their owner's page ("By <a href=/author/amanda/>Amanda</a>",
/// phpBB's `memberlist.php?mode=viewprofile`). **Example**: `<span
/// class="byline">By <a href="/member/MixmasterFred/">MixmasterFred</a>
/// </span>` gives "MixmasterFred". **Known failures**: a link to a
/// category page under `/author/` would pass if named in one word.
fn profile_link_name(n: &Node) -> Option<String> {
    let link = if n.tag() == Tag::A {
        *n
    } else {
        let mut links = n.descendants().filter(|d| d.tag() == Tag::A);
        let link = links.next()?;
        if links.next().is_some() || collapse(&link.text_content()) != collapse(&n.text_content()) {
            return None;
        }
        link
    };
    let rel_author = link.attr("rel").is_some_and(|r| {
        r.split_whitespace()
            .any(|r| r.eq_ignore_ascii_case("author"))
    });
    let href = link.attr("href").unwrap_or("").to_ascii_lowercase();
    let href = if href.starts_with('/') || href.contains("://") {
        href
    } else {
        format!("/{href}")
    };
    if !(rel_author || PROFILE_PATHS.iter().any(|p| href.contains(p))) {
        return None;
    }
    let text = collapse(&link.text_content());
    if text.split_whitespace().count() != 1 {
        return None;
    }
    declared_single_name(&text)
}

/// Byline labels that stand alone, the name following in its own element.
#[rustfmt::skip]
const LABELS: &[&str] = &[
    "by", "written by", "posted by", "words by", "story by", "article by", "reported by", "reporting by",
    "author", "authors", "written and edited by", "von", "par", "por", "door", "autor", "auteur", "autore",
    "escrito por", "geschrieben von", "écrit par", "scritto da", "thread starter", "started by",
    "original poster", "contributor", "contributors", "recipe by",
];

/// Labels of a forum thread's opener: the name after them may be a one-word
/// user name ("Thread starter SamuelMIz", as forum software writes it).
const STARTER_LABELS: &[&str] = &["thread starter", "started by", "original poster"];

/// A byline written as a label and a name in separate elements.
///
/// **What**: a text run that is only a byline label ("By", "Written by",
/// "Author:") followed, within a few nodes, by a text run that is a name;
/// the pair nearest the headline wins (before it counts double), as for
/// byline elements. **Why**: themes style the label and the name apart
/// (`<p>Written by</p><p>Jane Doe</p>`, `By <a href="/author/x">Jane
/// Doe</a>`) in containers whose class says nothing ("text-grey-700"), so
/// neither the byline classes nor the `By` prefix of one element find them.
/// **Example**: `<p class="label">Written by</p><p class="x">Edzel
/// Tabing</p>` gives "Edzel Tabing". **Known failures**: the name must pass
/// [`normalize_person_name`] (two to five words): pen names and team names
/// after a label are not taken; a "By" before a photographer's name in a
/// caption would be taken if no other byline is found.
pub(super) fn labelled_bylines(doc: &Document, title: Option<&str>) -> Vec<String> {
    let headline = headline_id(doc, title);
    let mut best: Option<(i64, Vec<String>)> = None;
    for n in doc.nodes() {
        let Some(text) = n.text() else { continue };
        let text = crate::hygiene::trim(text);
        // Cheap filter first: every label starts with one of these letters
        // (keep it in step with `LABELS`).
        if text.is_empty()
            || text.len() > 80
            || !text
                .chars()
                .next()
                .is_some_and(|c| "bwpsaroveédtgÉc".contains(c.to_ascii_lowercase()))
        {
            continue;
        }
        let label = collapse(text.trim_end_matches([':', '-', '–', '—', ' ']));
        let lower = label.to_lowercase();
        // The label alone, or the label and the name in one run ("by: Ziyi
        // Xu, Dec 17, 2025" once comments between them are dropped).
        // Inline, the name must start with a capital: "By submitting this
        // form, you confirm..." is prose.
        let inline = LABELS.iter().any(|l| {
            lower.len() > l.len()
                && lower.starts_with(l)
                && lower[l.len()..].starts_with([':', ' '])
                && label[l.len()..]
                    .trim_start_matches([':', ' '])
                    .starts_with(char::is_uppercase)
        });
        if !LABELS.contains(&lower.as_str()) && !inline {
            continue;
        }
        if n.ancestors().any(|a| {
            matches!(
                a.tag(),
                Tag::Script | Tag::Style | Tag::Option | Tag::Button
            )
        }) || !opens_its_element(&n)
            || in_comments(&n)
        {
            continue;
        }
        if inline {
            let names = parse_byline(&label);
            if names.is_empty() {
                continue;
            }
            let Some(h) = headline else { return names };
            keep_nearest(&mut best, headline_distance(&n, h), names);
            continue;
        }
        // The next text run within a few nodes (tags between label and name).
        let doc_nodes = doc.len();
        let start = n.id().0 as usize + 1;
        let Some(next) = (start..doc_nodes.min(start + 8))
            .map(|i| doc.node(NodeId(i as u32)))
            .filter_map(|m| m.text().map(collapse))
            .find(|t| !t.is_empty())
        else {
            continue;
        };
        if next.chars().count() > 60 {
            continue;
        }
        // A thread-starter label makes a forum user name explicit.
        let starter = STARTER_LABELS.contains(&lower.as_str());
        // Several names after one label split ("Moses Kim and Kate
        // Shokurova"); the run must start with a capital, as names do.
        let mut names = if next.starts_with(char::is_uppercase) {
            names_in(&next)
        } else {
            Vec::new()
        };
        if names.is_empty() {
            // A one-word name after a label is taken from a thread starter
            // or when it links to its owner's page.
            let linked = || {
                (start..doc_nodes.min(start + 8))
                    .map(|i| doc.node(NodeId(i as u32)))
                    .find(|m| m.text().is_some_and(|t| !t.trim().is_empty()))
                    .and_then(|m| m.ancestors().find(|a| a.tag() == Tag::A))
                    .and_then(|a| profile_link_name(&a))
            };
            match declared_single_name(&next)
                .filter(|_| starter)
                .or_else(linked)
            {
                Some(name) => names.push(name),
                None => continue,
            }
        }
        let Some(h) = headline else { return names };
        keep_nearest(&mut best, headline_distance(&n, h), names);
    }
    best.map(|(_, names)| names).unwrap_or_default()
}

/// True when nothing but whitespace comes before `n` in its parent: a
/// label opens its line, where "by" in prose ("<i>Book</i> by <a>Name</a>",
/// "painted by") follows other text.
fn opens_its_element(n: &Node) -> bool {
    let mut prev = n.prev_sibling();
    while let Some(p) = prev {
        if !p.text_content().trim().is_empty() {
            return false;
        }
        prev = p.prev_sibling();
    }
    true
}

/// Keeps `names` when they are the nearest to the headline so far.
fn keep_nearest(best: &mut Option<(i64, Vec<String>)>, distance: i64, names: Vec<String>) {
    if best.as_ref().is_none_or(|(d, _)| distance < *d) {
        *best = Some((distance, names));
    }
}

/// Names in comment threads and related-article lists are other people's.
fn in_comments(n: &Node) -> bool {
    // Body classes describe the page layout ("sidebar-primary"), not a region.
    n.ancestors()
        .filter(|a| !matches!(a.tag(), Tag::Body | Tag::Html))
        .any(|a| {
            let c = region_names(&a);
            ["comment", "related", "sidebar", "recommend"]
                .iter()
                .any(|w| c.contains(w))
                || a.tag() == Tag::Nav
                // A form's names are its fields' labels ("First Name").
                || a.tag() == Tag::Form
                // An aside or footer inside the article is its byline
                // column or its closing credits.
                || (matches!(a.tag(), Tag::Aside | Tag::Footer)
                    && !a.ancestors().any(|b| b.tag() == Tag::Article))
        })
}
