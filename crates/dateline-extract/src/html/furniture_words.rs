//! Class and id words that name page furniture: the word lists of the
//! furniture pass ([`super::boilerplate`], rule 4) and what an element's
//! names make it (none, weak or strong furniture).

use std::sync::OnceLock;

use dateline_html::{Node, Tag};
use rustc_hash::FxHashMap;

use super::class_words::{name_words, word_slices};
use super::hidden::hides_everywhere;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Furniture {
    None,
    Weak,
    Strong,
}

/// Words that name furniture whatever else the class says.
const STRONG: &[&str] = &[
    "comment",
    "comments",
    "disqus",
    "share",
    "sharing",
    "shares",
    "sharebar",
    "social",
    "socials",
    "related",
    "newsletter",
    "newsletters",
    "subscribe",
    "subscription",
    "promo",
    "promos",
    "advert",
    "advertisement",
    "advertising",
    "ads",
    "sponsor",
    "sponsored",
    "breadcrumb",
    "breadcrumbs",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "popup",
    "modal",
    "footer",
    "outbrain",
    "taboola",
    "recommended",
    "recommendations",
    "recirculation",
    "trending",
    "popular",
    "signup",
    "jump",
    "toc",
    "print",
    "follow",
    // A forum member's signature under each of their posts (phpBB
    // `signature`, XenForo `message-signature`): the same lines on every
    // post, not the thread (wcxb forum 0.728 -> 0.734, 20 pages up, none
    // down). Known failure: an email template's "signature" block in a
    // how-to goes too.
    "signature",
];

/// Words that name furniture unless a content word is also present.
const WEAK: &[&str] = &[
    "sidebar",
    "menu",
    "nav",
    "navbar",
    "navigation",
    "widget",
    "widgets",
    "ad",
    "banner",
    "masthead",
    "toolbar",
    "pagination",
    "pager",
    "tags",
    "tag",
    "rail",
    "more",
    "login",
    "header",
    "hidden",
    "skip",
];

/// Words that mark the main text.
const CONTENT: &[&str] = &[
    "article", "body", "content", "main", "story", "entry", "post", "text", "blog", "news",
];

/// [`furniture_in`] with nothing known of the page's other classes.
#[cfg(test)]
pub(super) fn furniture(node: Node<'_>) -> Furniture {
    furniture_in(node, &mut FxHashMap::default())
}

/// What furniture the element's names say it is. `class_marks` holds the
/// [`name_marks`] of the class values seen so far on the page: a page
/// repeats its class values (every card of a list, every paragraph of a
/// story), and splitting each value into words once instead of at every
/// element that carries it cut the instructions of the furniture kinds
/// by 42% (scrapinghub, 181 pages: 138M -> 80M with the one-pass
/// [`name_words`]).
pub(super) fn furniture_in<'a>(
    node: Node<'a>,
    class_marks: &mut FxHashMap<&'a str, u8>,
) -> Furniture {
    // An article inside an article is a comment or a related story (HTML's
    // own meaning of the nesting).
    if node.tag() == Tag::Article && node.ancestors().any(|a| a.tag() == Tag::Article) {
        return Furniture::Strong;
    }
    if matches!(
        node.tag(),
        Tag::Html | Tag::Body | Tag::Article | Tag::Main | Tag::P
    ) {
        return Furniture::None;
    }
    // Inline elements belong to the text around them: a `toc-backref`
    // link inside a heading is the heading.
    if node.tag() != Tag::Other && !node.tag().is_block() {
        return Furniture::None;
    }
    if node
        .attr("itemprop")
        .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
    {
        return Furniture::None;
    }
    let class = node.attr("class").map(|class| {
        *class_marks
            .entry(class)
            .or_insert_with(|| name_marks(class))
    });
    // Long ids are slugs of headings ("sharing-with-a-single-developer"),
    // not names of page parts.
    let id = node
        .attr("id")
        .filter(|id| word_slices(id).nth(3).is_none())
        .map(name_marks)
        .filter(|&marks| marks == 0 || !is_permalinked_section(node));
    let mut marks = 0;
    for value_marks in [class, id].into_iter().flatten() {
        // Embedded posts and media are quoted in the story
        // ("social-media-embed" around a tweet).
        if value_marks & IN_EMBEDS != 0 {
            return Furniture::None;
        }
        marks |= value_marks;
    }
    if marks & IN_STRONG != 0 {
        Furniture::Strong
    } else if marks & IN_WEAK != 0 && marks & IN_CONTENT == 0 {
        Furniture::Weak
    } else {
        Furniture::None
    }
}

/// Descendants scanned for a section's first heading.
const MAX_HEADING_SCAN: usize = 64;

/// Whether an element is a section whose heading links to it: a
/// permalink anchor on the heading (`<a href="#id">¶</a>`), to the
/// element's id or to the heading's own.
///
/// **What**: the words of such an element's id name no furniture (its
/// class names still do). **Why**: documentation generators give every
/// section the slug of its heading as id and a permalink beside the
/// heading; a slug of three words or fewer read as names, and a tutorial
/// lost its sections "More on Lists" (`more`), "Cookies" (`cookies`) and
/// "Header Ordering" (`header`). On wcxb, the text of furniture-named
/// elements of this shape is in the reference text 430 times out of 436
/// (by 5-word runs), and no article has one; comment threads and related
/// links ("Related topics", `id="comments"`) carry no permalink on their
/// heading. Measured on wcxb: documentation 0.9272 -> 0.9312, 3 pages
/// up (0.67 -> 1.00, 0.97 -> 0.99, 0.99 -> 1.00), none down, articles
/// unchanged.
/// **Example**: `<section id="more-on-lists"><h2>5.1. More on Lists<a
/// href="#more-on-lists">¶</a></h2>...` stays.
/// **Known failures**: a site that puts permalinks on its comment
/// section's heading keeps its comments.
fn is_permalinked_section(node: Node<'_>) -> bool {
    let Some(heading) = node
        .descendants()
        .take(MAX_HEADING_SCAN)
        .find(|n| n.tag().is_heading())
    else {
        return false;
    };
    let targets = [node.attr("id"), heading.attr("id")];
    heading.descendants().any(|a| {
        a.tag() == Tag::A
            && a.attr("href")
                .and_then(|h| h.strip_prefix('#'))
                .is_some_and(|t| !t.is_empty() && targets.contains(&Some(t)))
    })
}

/// The word lists ([`word_lists`]) that the words of one class or id
/// value are in, together; [`IN_EMBEDS`] alone when one of its words
/// names an embed. The word `hidden` counts only where the value hides
/// the element everywhere ([`hides_everywhere`]).
fn name_marks(value: &str) -> u8 {
    let mut marks = 0;
    let mut words = name_words(value).peekable();
    while let Some(word) = words.next() {
        let lists = word_lists(word);
        if lists & IN_EMBEDS != 0 {
            return IN_EMBEDS;
        }
        if word.eq_ignore_ascii_case("hidden") && !hides_everywhere(value) {
            continue;
        }
        if is_follow_up(word, words.peek().copied()) {
            continue;
        }
        marks |= lists;
    }
    marks
}

/// True for "follow" when the next word is "up": a follow-up section
/// (the next steps, a page's testimonials) is content, where "follow"
/// alone names the social buttons ("Follow us"). Measured on wcxb: a CRM
/// home page's testimonials under `follow-up` came back (0.68 -> 0.97);
/// one other service page gained a marketing block its reference leaves
/// out (0.97 -> 0.92); no other page changed.
fn is_follow_up(word: &str, next: Option<&str>) -> bool {
    word.eq_ignore_ascii_case("follow") && next.is_some_and(|n| n.eq_ignore_ascii_case("up"))
}

/// Words that mark embedded posts and media, quoted in the story.
const EMBEDS: &[&str] = &["embed", "embedded", "tweet"];

const IN_STRONG: u8 = 1;
pub(super) const IN_WEAK: u8 = 2;
const IN_CONTENT: u8 = 4;
const IN_EMBEDS: u8 = 8;

/// Which of the furniture word lists ([`STRONG`], [`WEAK`], [`CONTENT`],
/// [`EMBEDS`]) hold `word`, ignoring ASCII case, as bits: one table look-up
/// instead of comparing the word with every listed one (the furniture pass
/// classifies every class and id word of the page).
pub(super) fn word_lists(word: &str) -> u8 {
    struct Table {
        /// Keyed by bytes: the look-up needs no UTF-8 check of the
        /// lower-cased copy (ASCII lower-casing keeps a `str` valid).
        bits: FxHashMap<&'static [u8], u8>,
        longest: usize,
        /// `starts[len]` has bit `c - 'a'` set when a listed word of `len`
        /// bytes starts with `c`: most page words fail this before hashing.
        starts: [u32; 32],
    }
    static TABLE: OnceLock<Table> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut bits: FxHashMap<&'static [u8], u8> = FxHashMap::default();
        for (list, bit) in [
            (STRONG, IN_STRONG),
            (WEAK, IN_WEAK),
            (CONTENT, IN_CONTENT),
            (EMBEDS, IN_EMBEDS),
        ] {
            for w in list {
                debug_assert!(!w.bytes().any(|b| b.is_ascii_uppercase()), "{w}");
                *bits.entry(w.as_bytes()).or_default() |= bit;
            }
        }
        let longest = bits.keys().map(|w| w.len()).max().unwrap_or(0);
        let mut starts = [0u32; 32];
        for w in bits.keys() {
            if let (Some(slot), Some(b)) = (starts.get_mut(w.len()), w.first().copied()) {
                *slot |= 1 << (b.to_ascii_lowercase().wrapping_sub(b'a') % 32);
            }
        }
        Table {
            bits,
            longest,
            starts,
        }
    });
    let mut lower = [0u8; 32];
    if word.len() > table.longest || word.len() > lower.len() {
        return 0;
    }
    let Some(first) = word.bytes().next() else {
        return 0;
    };
    let bit = 1 << (first.to_ascii_lowercase().wrapping_sub(b'a') % 32);
    if table.starts.get(word.len()).is_none_or(|s| s & bit == 0) {
        return 0;
    }
    for (dst, src) in lower.iter_mut().zip(word.bytes()) {
        *dst = src.to_ascii_lowercase();
    }
    table.bits.get(&lower[..word.len()]).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::boilerplate::listed;
    use dateline_html::Document;

    #[test]
    fn word_lists_agree_with_the_lists() {
        let mut words: Vec<String> = [STRONG, WEAK, CONTENT, EMBEDS]
            .concat()
            .iter()
            .flat_map(|w| [w.to_string(), w.to_ascii_uppercase(), format!("{w}x")])
            .collect();
        words.extend(
            [
                "",
                "x",
                "Sharebar",
                "wrapper",
                "recommendationsrecommendations",
            ]
            .map(String::from),
        );
        for word in &words {
            let expected = [
                (STRONG, IN_STRONG),
                (WEAK, IN_WEAK),
                (CONTENT, IN_CONTENT),
                (EMBEDS, IN_EMBEDS),
            ]
            .iter()
            .filter(|(list, _)| listed(list, word))
            .fold(0, |bits, (_, bit)| bits | bit);
            assert_eq!(word_lists(word), expected, "{word}");
        }
        assert_eq!(word_lists("ShareBar"), IN_STRONG);
    }

    #[test]
    fn strong_furniture_beats_content_words() {
        let doc = Document::parse("<div class='article-comments'>x</div><div class='article-sidebar'>y</div><div class=sidebar>z</div>");
        let kinds: Vec<_> = doc.elements().map(furniture).collect();
        assert_eq!(kinds, [Furniture::Strong, Furniture::None, Furniture::Weak]);
    }

    #[test]
    fn a_permalinked_section_is_no_furniture() {
        let doc = Document::parse(
            "<section id=more-on-lists><h2>More on Lists<a href='#more-on-lists'>¶</a></h2><p>a</p></section>\
             <section id=cookies><h3 id=c1>Cookies <a href='#c1'>#</a></h3><p>b</p></section>\
             <section id=more-stories><h2>More stories</h2><p>c</p></section>\
             <section id=comments><h2><a href='#top'>Comments</a></h2><p>d</p></section>",
        );
        let kinds: Vec<_> = doc
            .elements()
            .filter(|n| n.tag() == Tag::Section)
            .map(furniture)
            .collect();
        assert_eq!(
            kinds,
            [
                Furniture::None,
                Furniture::None,
                Furniture::Weak,
                Furniture::Strong
            ]
        );
    }

    #[test]
    fn a_follow_up_section_is_no_social_bar() {
        let doc = Document::parse(
            "<div class='follow-up'>x</div><div class='followUp'>y</div>\
             <div class='follow-us'>z</div><div class='social-follow'>w</div>",
        );
        let kinds: Vec<_> = doc.elements().map(furniture).collect();
        assert_eq!(
            kinds,
            [
                Furniture::None,
                Furniture::None,
                Furniture::Strong,
                Furniture::Strong
            ]
        );
    }

    #[test]
    fn a_forum_signature_is_furniture() {
        let doc =
            Document::parse("<div class='signature'>x</div><div class='message-signature'>y</div>");
        let kinds: Vec<_> = doc.elements().map(furniture).collect();
        assert_eq!(kinds, [Furniture::Strong, Furniture::Strong]);
    }

    #[test]
    fn only_classes_that_hide_at_every_width_name_hidden_furniture() {
        let doc = Document::parse(
            "<div class='relative overflow-hidden'>a</div><div class='sm:hidden flex'>b</div>\
             <div class='hidden md:block'>c</div><div class='blockAnim blockAnim--hidden'>d</div>\
             <div class='hidden'>e</div><div class='promo is-hidden'>f</div>\
             <div class='md:hidden'>g</div><div class='el-hidden-desktop el-hidden-mobile'>h</div>\
             <div class='hidden-xs'>i</div><div class='hidden-md-down'>j</div>",
        );
        let kinds: Vec<_> = doc.elements().map(furniture).collect();
        assert_eq!(
            kinds,
            [
                Furniture::None,
                Furniture::None,
                Furniture::None,
                Furniture::None,
                Furniture::Weak,
                Furniture::Strong,
                Furniture::Weak,
                Furniture::Weak,
                Furniture::None,
                Furniture::None
            ]
        );
    }

    #[test]
    fn variant_prefixes_name_nothing() {
        let doc = Document::parse(
            "<div class='flex print:hidden'>a</div><div class=print-button>b</div>",
        );
        let kinds: Vec<_> = doc.elements().map(furniture).collect();
        assert_eq!(kinds, [Furniture::None, Furniture::Strong]);
    }

    #[test]
    fn hashes_in_class_names_name_nothing() {
        let doc = Document::parse(
            "<div class='title-6ad04061ca'>a</div><div class='ad-slot'>b</div><div id=ad300x250>c</div>",
        );
        let kinds: Vec<_> = doc.elements().map(furniture).collect();
        assert_eq!(kinds, [Furniture::None, Furniture::Weak, Furniture::Weak]);
    }
}
