//! Authors: JSON-LD persons, author meta tags, microdata, then byline elements
//! and `rel=author` links.

use dateline_html::{Document, Node, NodeId, Tag};

use super::head::{collapse, Head};
use super::headline::{headline_distance, headline_id, small};
use super::jsonld::LdArticle;
use super::text::{key, region_names};
use crate::byline::{
    declared_person_name, declared_single_name, is_publisher, normalize_person_name, parse_byline,
};

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

/// Class and id words of byline elements.
#[rustfmt::skip]
const BYLINE_HINTS: &[&str] = &[
    "byline", "by-line", "author", "writer", "writtenby", "autor", "auteur", "autore", "firma", "signature",
    "reporter", "posted-by",
];

/// Class and id words of a user's name: one word there is a user name.
const USER_HINTS: &[&str] = &["username", "user-name"];

/// The byline element nearest the headline, preferring one after it: the
/// first byline of a page often belongs to a teaser. The headline is the
/// `<h1>` holding the title, else the first `<h1>` (often only a logo).
fn byline_elements(doc: &Document, title: Option<&str>) -> Vec<String> {
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

/// Whether `text` contains one of `needles`, as `needles.iter().any(|n|
/// text.contains(n))` says ([`Needles::in_text`]).
#[cfg(test)]
fn contains_any(text: &str, needles: &[&str]) -> bool {
    Needles::new(needles).in_text(text)
}

/// Needles to look for in many texts, with the table of the bytes they
/// start with, built once per scan (every element's class and id is
/// searched for a dozen byline or date hints).
pub(super) struct Needles<'n> {
    needles: &'n [&'n str],
    /// For each byte, the needles (bit `k` for `needles[k]`, the first 64)
    /// that start with it.
    by_first: [u64; 256],
    /// An empty needle is in every text; needles past the 64th are
    /// compared at every byte.
    any_empty: bool,
    many: bool,
}

impl<'n> Needles<'n> {
    pub(super) fn new(needles: &'n [&'n str]) -> Self {
        let mut by_first = [0u64; 256];
        let mut any_empty = false;
        for (k, needle) in needles.iter().enumerate().take(64) {
            match needle.as_bytes().first() {
                Some(b) => by_first[usize::from(*b)] |= 1 << k,
                None => any_empty = true,
            }
        }
        Needles {
            needles,
            by_first,
            any_empty: any_empty || needles.iter().any(|n| n.is_empty()),
            many: needles.len() > 64,
        }
    }

    /// Whether `text` contains one of the needles, in one pass over `text`
    /// that compares only the needles starting with the byte it stands on.
    pub(super) fn in_text(&self, text: &str) -> bool {
        if self.any_empty {
            return true;
        }
        if self.many {
            return self.needles.iter().any(|n| text.contains(n));
        }
        let bytes = text.as_bytes();
        (0..bytes.len()).any(|i| {
            let mut candidates = self.by_first[usize::from(bytes[i])];
            while candidates != 0 {
                let n = self.needles[candidates.trailing_zeros() as usize].as_bytes();
                // The second byte before the whole: most candidates fail
                // there, without a call to compare.
                if n.get(1).is_none_or(|b| bytes.get(i + 1) == Some(b)) && bytes[i..].starts_with(n)
                {
                    return true;
                }
                candidates &= candidates - 1;
            }
            false
        })
    }
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
fn labelled_bylines(doc: &Document, title: Option<&str>) -> Vec<String> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::meta::jsonld;

    #[test]
    fn contains_any_is_any_contains() {
        let texts = [
            "",
            "a",
            "post-byline x",
            "by-lin",
            "xxauthorxx",
            "signatur",
            "firma",
            "écrit par",
        ];
        for text in texts {
            for needles in [BYLINE_HINTS, &["a", "ab"], &["é", "par"], &[""], &[]] {
                assert_eq!(
                    contains_any(text, needles),
                    needles.iter().any(|n| text.contains(n)),
                    "{text:?} {needles:?}"
                );
            }
        }
    }

    #[test]
    fn byline_hints_hold_no_space() {
        // `byline_elements` skips elements with no class, id or rel
        // unread: their " " must match no hint.
        assert!(BYLINE_HINTS
            .iter()
            .all(|h| !h.is_empty() && !h.contains(' ')));
    }

    fn authors(html: &str) -> Vec<String> {
        let doc = Document::parse(html);
        let head = Head::collect(&doc);
        let ld = jsonld::extract(&doc);
        find_authors(
            &doc,
            &head,
            ld.as_ref(),
            &NotAuthors {
                publishers: &["Daily Planet".to_string()],
                hosts: &["karl-voit".to_string(), "dailyplanet".to_string()],
                title_segments: &[],
            },
            None,
        )
        .or_site_named(false)
    }

    #[test]
    fn sources_in_order() {
        assert_eq!(
            authors(
                r#"<meta name="author" content="Daily Planet"><meta name="parsely-author" content="Jane Doe">"#
            ),
            ["Jane Doe"]
        );
        assert_eq!(
            authors(
                r#"<meta property="article:author" content="https://facebook.com/x"><div class="byline">By JOHN ROE</div>"#
            ),
            ["John Roe"]
        );
        assert_eq!(
            authors(
                r#"<div itemprop="author" itemscope><span itemprop="name">Ann Lee</span></div>"#
            ),
            ["Ann Lee"]
        );
        assert_eq!(
            authors(
                r#"<div class="comments"><span class="author">Troll Person</span></div><p class="byline">Von Max Müller</p>"#
            ),
            ["Max Müller"]
        );
        assert!(authors(r#"<span class="author">Daily Planet</span>"#).is_empty());
        // A personal site is named after its author.
        assert_eq!(
            authors(r#"<meta name="author" content="Karl Voit">"#),
            ["Karl Voit"]
        );
        assert!(authors(r#"<meta name="author" content="DailyPlanet">"#).is_empty());
    }

    #[test]
    fn an_article_aside_is_no_sidebar() {
        assert_eq!(
            authors(
                r#"<article><aside><p class="byline">By Lisa D. Ellis</p></aside><p>x</p></article>"#
            ),
            ["Lisa D. Ellis"]
        );
        assert!(authors(r#"<aside><p class="byline">By Lisa D. Ellis</p></aside>"#).is_empty());
        assert_eq!(
            authors(
                r#"<article><p>x</p><footer class="meta"><div class="author"><a rel="author">Halina Goetz</a></div></footer></article>"#
            ),
            ["Halina Goetz"]
        );
        assert!(authors(
            r#"<footer><div class="author"><a rel="author">Halina Goetz</a></div></footer>"#
        )
        .is_empty());
    }

    #[test]
    fn an_author_description_is_no_byline() {
        assert!(authors(
            r#"<h1>Headline here</h1><div class="dynamic-author-description">Licensed Q Arabica Grader, M.A. Journalism</div>"#
        )
        .is_empty());
    }

    #[test]
    fn author_boxes_and_component_hooks() {
        assert_eq!(
            authors(
                r#"<div class="blog_author-box"><div>Lauren Vetter</div><p>Lauren writes about practice growth for clinics and has done so for more than a decade now.</p></div>"#
            ),
            ["Lauren Vetter"]
        );
        // The box's first run must be a name on its own.
        assert_eq!(
            authors(
                r#"<div class="author-box"><p>About the writer of this column: she has covered local politics for twenty years and more, mostly from the city hall.</p></div>"#
            ),
            Vec::<String>::new()
        );
    }

    fn authors_on(html: &str, site: &str, host: &str, segments: &[&str]) -> Vec<String> {
        let doc = Document::parse(html);
        let head = Head::collect(&doc);
        let ld = jsonld::extract(&doc);
        let segments: Vec<String> = segments.iter().map(|s| s.to_string()).collect();
        find_authors(
            &doc,
            &head,
            ld.as_ref(),
            &NotAuthors {
                publishers: &[site.to_string()],
                hosts: &[host.to_string()],
                title_segments: &segments,
            },
            None,
        )
        .or_site_named(false)
    }

    #[test]
    fn a_site_named_after_a_person() {
        // The name declared as the author is the site's: kept, but last.
        let declared = r#"<meta property="og:type" content="article"><meta name="author" content="Erin Spain">"#;
        assert_eq!(
            authors_on(declared, "Erin Spain", "erinspain.com", &[]),
            ["Erin Spain"]
        );
        assert_eq!(
            authors_on(
                &format!(r#"{declared}<h1>Headline here</h1><p class="byline">By Jane Doe</p>"#),
                "Erin Spain",
                "erinspain.com",
                &[]
            ),
            ["Jane Doe"]
        );
        // Not on a page that is no article (a company's own page).
        assert!(authors_on(
            r#"<meta name="author" content="Erin Spain">"#,
            "Erin Spain",
            "erinspain.com",
            &[]
        )
        .is_empty());
        // Nothing declared: the site's name alone credits no one.
        assert!(authors_on("<p>x</p>", "Colin Watson", "example.org", &[]).is_empty());
        // An organisation declared as the author stays out.
        assert!(authors_on(
            r#"<meta name="author" content="Daily Planet">"#,
            "Daily Planet",
            "dailyplanet.com",
            &[]
        )
        .is_empty());
    }

    #[test]
    fn twitter_card_label_and_data() {
        assert_eq!(
            authors(
                r#"<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Erin Spain"><meta name="twitter:label2" content="Est. reading time"><meta name="twitter:data2" content="4 minutes">"#
            ),
            ["Erin Spain"]
        );
        assert!(authors(r#"<meta name="twitter:label1" content="Est. reading time"><meta name="twitter:data1" content="Four Minutes">"#).is_empty());
    }

    #[test]
    fn contributors_and_recipe_labels() {
        assert_eq!(
            authors(
                r#"<h1>Headline here</h1><div><strong>Contributors:</strong> Janet Loughrey</div>"#
            ),
            ["Janet Loughrey"]
        );
        assert_eq!(
            authors(
                r#"<h1>Headline here</h1><div>Recipe by <a href="/author/pj">PJ Hamel</a></div>"#
            ),
            ["PJ Hamel"]
        );
    }

    #[test]
    fn one_word_names_of_users_and_profile_links() {
        assert_eq!(
            authors(
                r#"<h1>Headline here</h1><div class="header-byline">By <a href="/member/MixmasterFred/">MixmasterFred</a> in Craft</div>"#
            ),
            ["MixmasterFred"]
        );
        assert_eq!(
            authors(
                r#"<h1>Headline here</h1><div class="x"><p>by <a href="https://example.com/author/amanda/">Amanda</a></p></div>"#
            ),
            ["Amanda"]
        );
        assert_eq!(
            authors(
                r#"<h1>Headline here</h1><dl class="postprofile"><dt><a href="./memberlist.php?mode=viewprofile&u=1" class="username">b.scherer</a></dt></dl>"#
            ),
            ["b.scherer"]
        );
        // A user-name box of two words is page chrome.
        assert!(authors(
            r#"<h1>Headline here</h1><div class="paywall-user-name-wrap"><div>Log Out</div></div>"#
        )
        .is_empty());
        // The reader's account in the page header, a form's field.
        assert!(authors(
            r#"<header><span class="auth-user-name">Account</span></header><h1>Headline here</h1>"#
        )
        .is_empty());
        assert!(authors(
            r#"<h1>Headline here</h1><form><div class="author-name">First Name</div></form>"#
        )
        .is_empty());
        // Without a profile link or a user-name class, one word is no name.
        assert!(authors(
            r#"<h1>Headline here</h1><div class="byline">By <a href="/news/">Reuters</a></div>"#
        )
        .is_empty());
    }

    #[test]
    fn byline_runs_are_words_apart() {
        assert_eq!(
            authors(
                r#"<h1>Headline here</h1><div class="resource-author-details"><p>Luke Kim</p><small>December 17, 2025</small></div>"#
            ),
            ["Luke Kim"]
        );
    }

    #[test]
    fn post_author_in_an_attribute() {
        assert_eq!(
            authors(
                r#"<shreddit-post author="EuroStepJam"><h1>Pan</h1></shreddit-post><shreddit-comment author="Other1"></shreddit-comment>"#
            ),
            ["EuroStepJam"]
        );
        assert_eq!(
            authors(r#"<div class="question" data-author-username="kestrel42"><p>x</p></div>"#),
            ["kestrel42"]
        );
        assert!(authors(r#"<div data-author="admin"><p>x</p></div>"#).is_empty());
        // A layout class naming the sidebar does not make the post a teaser.
        assert_eq!(
            authors(
                r#"<div class="main fixed-sidebar"><shreddit-post author="ControlCAD"></shreddit-post></div>"#
            ),
            ["ControlCAD"]
        );
        assert!(authors(
            r#"<div class="comments"><article data-author="Replier9"></article></div>"#
        )
        .is_empty());
    }

    #[test]
    fn thread_starter_label() {
        assert_eq!(
            authors(
                r#"<h1>Headline here</h1><li><span>Thread starter</span> <a class="username">SamuelMIz</a></li>"#
            ),
            ["SamuelMIz"]
        );
        // After a plain "By" a single word is not taken.
        assert!(authors(r#"<h1>Headline here</h1><p>By</p><p>Reuters</p>"#).is_empty());
    }

    #[test]
    fn thread_starter_not_repliers() {
        let html = r#"<div itemscope itemtype="https://schema.org/Question">
            <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Vader</span></span>
            <div itemscope itemtype="https://schema.org/Answer">
            <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Aaron Hall</span></span>
            </div></div>"#;
        assert_eq!(authors(html), ["Vader"]);
    }

    #[test]
    fn label_and_name_in_separate_elements() {
        assert_eq!(
            authors(
                r#"<h1>Headline here</h1><div class="x"><p>Written by</p><p class="y">Edzel Tabing</p></div>"#
            ),
            ["Edzel Tabing"]
        );
        assert_eq!(
            authors(r#"<h1>Headline here</h1><span>By: <a href="/p/jd">Jane Doe</a></span>"#),
            ["Jane Doe"]
        );
        assert_eq!(
            authors(
                r#"<h1>Headline here</h1><p>Written by</p><a>Moses Kim and Kate Shokurova</a>"#
            ),
            ["Moses Kim", "Kate Shokurova"]
        );
        // A label before something that is not a name gives nothing.
        assert!(
            authors(r#"<h1>Headline here</h1><p>By</p><p>the river bank today</p>"#).is_empty()
        );
        assert_eq!(
            authors(r#"<h1>Headline here</h1><p>by: Ziyi Xu, Dec 17, 2025</p>"#),
            ["Ziyi Xu"]
        );
        assert!(
            authors(r#"<h1>Headline here</h1><p>By submitting this form, you agree</p>"#)
                .is_empty()
        );
        // "by" in prose is no label.
        assert!(authors(
            r#"<h1>Headline here</h1><p><i>Hamlet</i> by <a>William Shakespeare</a></p>"#
        )
        .is_empty());
        // Comment threads are other people's names.
        assert!(authors(r#"<div class="comments"><p>By</p><p>Troll Person</p></div>"#).is_empty());
    }
}
