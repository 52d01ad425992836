//! Never-content subtrees: what is removed before text blocks are built.
//!
//! Four rules, in order:
//! 1. **Tags** that carry no reading text (`script`, `nav`, form controls,
//!    `aside`, `footer`...); a `<noscript>` holding over 1,000 characters
//!    of text stays (it is the page for readers without scripts).
//! 2. **Hidden** elements (`hidden`, `aria-hidden`, inline `display:none`;
//!    [`super::hidden`])
//!    and landmark roles other than the main one.
//! 3. **Nested articles**: an `<article>` inside another is a comment or
//!    a related story.
//! 4. **Class and id words** that name page furniture (`share`, `related`,
//!    `comments`, `newsletter`...). Words split on `-`, `_` and case, so
//!    `articleShareBar` and `article-share-bar` both name "share". A weak
//!    word (`sidebar`, `menu`) is ignored when a content word (`article`,
//!    `body`, `content`) is also there; a strong one (`comments`, `share`)
//!    is not. Known failure: a site that names its article container with
//!    a furniture word ("post-share-wrapper" around the whole story) loses
//!    it; a safeguard keeps any element holding most of the page's text.

use dateline_html::{Document, Node, Tag};
use rustc_hash::FxHashMap;

use super::class_words::{name_words, word_slices};
use super::furniture_words::{furniture_in, word_lists, Furniture, IN_WEAK};
use super::hidden::{is_hidden, is_never_shown, is_veil, text_before_each, veils_the_page};

/// Which element subtrees are removed.
#[derive(Clone)]
pub struct Removal {
    removed: Vec<bool>,
    /// Cards of card lists found on the page (teasers of other stories).
    pub cards: usize,
}

impl Removal {
    /// Removes what tags and hiding say is never content.
    pub fn structural(doc: &Document) -> Removal {
        Self::structural_with(doc, false)
    }

    /// [`Removal::structural`] that keeps elements hidden by a state a
    /// script may lift (`hidden`, `aria-hidden`, an inline style): for a
    /// page that shows nothing otherwise (see `super::extract_html`).
    pub fn structural_showing_hidden(doc: &Document) -> Removal {
        Self::structural_with(doc, true)
    }

    fn structural_with(doc: &Document, show_hidden: bool) -> Removal {
        let mut removed = vec![false; doc.len()];
        let mut text_before: Option<Vec<u32>> = None;
        let mut i = 0u32;
        let n = doc.len() as u32;
        while i < n {
            let node = doc.node(dateline_html::NodeId(i));
            if node.is_element()
                && (removed_by_tag(node)
                    || if show_hidden {
                        is_never_shown(node)
                    } else {
                        is_hidden(node)
                    })
                && !is_crawler_view(node)
                && !(is_landmark(node)
                    && wraps_the_page(
                        node,
                        text_before.get_or_insert_with(|| text_before_each(doc)),
                    ))
                && !(is_veil(node)
                    && veils_the_page(
                        node,
                        text_before.get_or_insert_with(|| text_before_each(doc)),
                    ))
            {
                removed[i as usize] = true;
                i = node.subtree_end().0;
                continue;
            }
            i += 1;
        }
        Removal { removed, cards: 0 }
    }

    /// Structural removal, then furniture class names. `good` holds each
    /// node's content score from a first pass: a furniture-named element
    /// that holds most of the page's good text is the article, misnamed,
    /// and stays.
    pub fn with_furniture(self, doc: &Document, good: &[f32]) -> Removal {
        let cards = super::cards::mark(doc, &super::cards::text_sizes(doc));
        self.with_furniture_and(doc, good, Some(&cards), false)
    }

    /// Furniture removal that keeps card lists: on a listing page the
    /// cards are the content.
    pub fn with_furniture_keeping_cards(self, doc: &Document, good: &[f32]) -> Removal {
        self.with_furniture_and(doc, good, None, false)
    }

    /// Furniture removal for a forum thread: card lists and the thread's
    /// posts stay ([`is_post`]).
    pub fn with_furniture_keeping_posts(self, doc: &Document, good: &[f32]) -> Removal {
        self.with_furniture_and(doc, good, None, true)
    }

    fn with_furniture_and(
        mut self,
        doc: &Document,
        good: &[f32],
        cards: Option<&[bool]>,
        keep_posts: bool,
    ) -> Removal {
        let total = good.first().copied().unwrap_or(0.0);
        let no_cards = vec![false; doc.len()];
        let cards = cards.unwrap_or(&no_cards);
        self.cards = cards.iter().filter(|c| **c).count();
        let mut class_marks = FxHashMap::default();
        let kinds: Vec<Furniture> = (0..doc.len() as u32)
            .map(|i| {
                let node = doc.node(dateline_html::NodeId(i));
                if node.is_element() {
                    furniture_in(node, &mut class_marks)
                } else {
                    Furniture::None
                }
            })
            .collect();
        let layout = layout_classes(doc, &self.removed, &kinds, good, total);
        let mut i = 0u32;
        let n = doc.len() as u32;
        while i < n {
            let node = doc.node(dateline_html::NodeId(i));
            if self.removed[i as usize] {
                i = node.subtree_end().0;
                continue;
            }
            let kind = if !node.is_element() || keep_posts && is_post(node) {
                Furniture::None
            } else if cards[i as usize] {
                Furniture::Strong
            } else if kinds[i as usize] != Furniture::None
                && node
                    .attr("class")
                    .is_some_and(|c| layout.contains(&furniture_class(c, kinds[i as usize])))
            {
                Furniture::None
            } else {
                kinds[i as usize]
            };
            if kind != Furniture::None {
                // Layout wrappers are often named for a sidebar or rail
                // beside the story; names like "comments" rarely wrap one.
                let bar = if kind == Furniture::Weak { 0.5 } else { 0.8 };
                let share = good[i as usize];
                if !(share > 500.0 && share > bar * total) {
                    self.removed[i as usize] = true;
                    i = node.subtree_end().0;
                    continue;
                }
            }
            i += 1;
        }
        self
    }

    /// This removal and the subtrees of `nodes` (for tests).
    #[cfg(test)]
    pub fn and_nodes(mut self, nodes: impl IntoIterator<Item = dateline_html::NodeId>) -> Removal {
        for node in nodes {
            self.removed[node.0 as usize] = true;
        }
        self
    }

    /// True when this element's subtree is removed (not its descendants:
    /// walkers skip a removed subtree whole).
    pub fn is_removed(&self, node: Node<'_>) -> bool {
        self.removed
            .get(node.id().0 as usize)
            .copied()
            .unwrap_or(false)
    }
}

/// Class values that name furniture but carry most of the page's text.
///
/// **What**: elements whose `class` names furniture (`widget`, `toc`...)
/// are grouped by the class that names it ([`furniture_class`]: the
/// first of the value's classes with a weak furniture word); a group of two or
/// more (its text counted once, in the outermost of nested ones) holding
/// over half of the page's good text is the page's layout vocabulary, and
/// none of it is removed. **Why**: page builders wrap every section of the
/// text in the same furniture-named wrapper ("elementor-widget-wrap",
/// "widget-span", "toc-para"); each holds less than half the text, so the
/// one-element rule removed them all and the page came out empty. Grouped
/// by whole class values, wrappers that also carry a generated class of
/// their own (`elementor-element elementor-element-4f2a9c1
/// elementor-widget`) were groups of one, and removed (wcxb: service
/// 0.787 -> 0.798, articles 0.945 unchanged). Weak names only: strong
/// ones (`comment`) still group by whole values.
/// **Example**: a guide in five `<section class="toc-para">` chapters
/// keeps its five chapters.
/// **Known failures**: a page whose sidebar widgets outweigh its thin
/// story keeps the widgets.
fn layout_classes<'a>(
    doc: &'a Document,
    removed: &[bool],
    kinds: &[Furniture],
    good: &[f32],
    total: f32,
) -> Vec<&'a str> {
    let mut shares: Vec<(&str, f32, usize)> = Vec::new();
    for node in doc.elements() {
        let i = node.id().0 as usize;
        if removed[i] || kinds[i] == Furniture::None {
            continue;
        }
        let Some(value) = node.attr("class") else {
            continue;
        };
        let class = furniture_class(value, kinds[i]);
        // Grouped by one class of several, not by the whole value.
        let grouped = class.len() < value.len();
        // Nested wrappers of one class count once, in their outermost.
        let nested = node.ancestors().any(|a| {
            a.attr("class").is_some_and(|c| {
                c == class || (grouped && c.split_ascii_whitespace().any(|t| t == class))
            })
        });
        let share = if nested {
            0.0
        } else {
            good[node.id().0 as usize]
        };
        match shares.iter_mut().find(|(c, ..)| *c == class) {
            Some(entry) => {
                entry.1 += share;
                entry.2 += 1;
            }
            None => shares.push((class, share, 1)),
        }
    }
    shares
        .into_iter()
        .filter(|&(_, share, count)| count >= 2 && share > 500.0 && share > 0.5 * total)
        .map(|(class, ..)| class)
        .collect()
}

/// The class of a layout group: for weak furniture, the first class of
/// the value with a weak word (`hidden` aside: hiding is no layout); else
/// the whole value (strong names such as `comment` group only when their
/// whole values agree, as the comments of a thread do not outweigh a
/// story so easily).
fn furniture_class(value: &str, kind: Furniture) -> &str {
    let weak = |w: &str| word_lists(w) & IN_WEAK != 0 && !w.eq_ignore_ascii_case("hidden");
    if kind != Furniture::Weak {
        return value;
    }
    value
        .split_ascii_whitespace()
        .find(|t| name_words(t).any(weak))
        .unwrap_or(value)
}

/// A sidebar, which broken templates leave open around the page. (Footers
/// and menus that hold most of a thin page's text are real: a shop's
/// mega-menu, a product page's legal notes; wcxb lost three pages when
/// they counted.)
fn is_landmark(node: Node<'_>) -> bool {
    node.tag() == Tag::Aside
}

/// Whether a landmark holds most of the page's text: an `<aside>` left
/// open by a broken template holds the page itself, and removing it
/// empties the page (browsers show it all). Its own sidebars and menus
/// inside are still removed.
fn wraps_the_page(node: Node<'_>, text_before: &[u32]) -> bool {
    const MIN_PAGE_BYTES: u32 = 500;
    let (start, end) = (node.id().0 as usize, node.subtree_end().0 as usize);
    let total = text_before.last().copied().unwrap_or(0);
    let inside = text_before[end.min(text_before.len() - 1)] - text_before[start];
    total >= MIN_PAGE_BYTES && inside * 2 > total
}

/// A `<noscript>` holding a page of text is the page itself, served to
/// readers without scripts (forum software renders threads so); the usual
/// `<noscript>` holds a pixel or a one-line plea to enable scripts.
fn is_crawler_view(node: Node<'_>) -> bool {
    const PAGE_CHARS: usize = 1000;
    node.tag() == Tag::Noscript
        && node
            .descendants()
            .filter_map(|d| d.text())
            .map(|t| crate::hygiene::trim(t).len())
            .sum::<usize>()
            > PAGE_CHARS
}

fn removed_by_tag(node: Node<'_>) -> bool {
    match node.tag() {
        Tag::Script
        | Tag::Style
        | Tag::Noscript
        | Tag::Template
        | Tag::Svg
        | Tag::Math
        | Tag::Canvas
        | Tag::Iframe
        | Tag::Object
        | Tag::Embed
        | Tag::Select
        | Tag::Input
        | Tag::Textarea
        | Tag::Option
        | Tag::Head
        | Tag::Nav
        | Tag::Aside
        | Tag::Footer
        | Tag::Dialog
        | Tag::Map
        | Tag::Audio
        | Tag::Video
        | Tag::Label
        | Tag::Title
        | Tag::Frameset
        | Tag::Noframes => true,
        Tag::Button => !is_heading_button(node),
        Tag::Other => matches!(
            node.name(),
            "amp-ad"
                | "amp-social-share"
                | "amp-sidebar"
                | "amp-analytics"
                | "amp-consent"
                | "amp-list"
        ),
        _ => false,
    }
}

/// Whether a button is a heading: it sits in one or holds one.
///
/// **What**: a `<button>` inside a heading or with a heading inside stays;
/// other buttons go with the page's controls. **Why**: accordions (FAQ
/// lists, a service's offers, a product's details) make each title a
/// button that opens its panel, and the titles went while their panels
/// stayed: the questions of a FAQ were lost (wcxb: questions in the
/// reference and not in our text on about twenty service and product
/// pages; all 0.8566 -> 0.8568, service 0.820 -> 0.822, 19 pages up by
/// 0.01-0.04, 6 down by 0.01-0.03, articles unchanged). **Example**: `<h3><button aria-expanded=false>What is an
/// HRMS?</button></h3>` keeps its question. **Known failures**: a
/// heading that holds a "Show all" or "Follow" button keeps the button's
/// word.
fn is_heading_button(node: Node<'_>) -> bool {
    node.parent().is_some_and(|p| p.tag().is_heading())
        || node.descendants().any(|d| d.tag().is_heading())
}

/// Whether an element is a post of a forum thread: an `<article>` inside
/// another (see `super::page_blocks`).
fn is_post(node: Node<'_>) -> bool {
    node.tag() == Tag::Article && node.ancestors().any(|a| a.tag() == Tag::Article)
}

/// Whether `word` is one of `list`'s (lower-case) words, ignoring case.
pub(super) fn listed(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Captions, credits and the figures that hold them; a figure that holds
/// a quotation ([`is_quote_figure`]) or a code listing
/// ([`is_code_figure`]) is not one.
pub fn is_caption(node: Node<'_>) -> bool {
    is_caption_with(node, names_caption)
}

/// [`is_caption`], with the test of the class value given (the block
/// walk remembers it by value).
pub fn is_caption_with<'a>(
    node: Node<'a>,
    class_names_caption: impl FnOnce(&'a str) -> bool,
) -> bool {
    match node.tag() {
        Tag::Figure => !is_quote_figure(node) && !is_code_figure(node),
        Tag::Figcaption => !node
            .parent()
            .is_some_and(|p| is_quote_figure(p) || is_code_figure(p)),
        // Page-level class lists carry feature flags ("video_captions_on").
        Tag::Html | Tag::Body | Tag::Main | Tag::Article | Tag::Section => false,
        _ => {
            node.attr("class").is_some_and(class_names_caption)
                || node.attr("id").is_some_and(names_caption)
        }
    }
}

/// Whether a class or id value holds a word of captions and credits
/// (split as [`names_any`] splits them).
pub fn names_caption(value: &str) -> bool {
    const CAPTION_WORDS: &[&str] = &[
        "caption",
        "captions",
        "credit",
        "credits",
        "figcaption",
        "copyright",
    ];
    word_slices(value).any(|w| listed(CAPTION_WORDS, w))
}

/// Whether a `<figure>` holds a quotation rather than a picture.
///
/// **What**: a figure with a `<blockquote>` inside is a quotation, and its
/// `<figcaption>` the quote's source ("— Jane D."), both text to read.
/// **Why**: HTML's own pattern for a quote with its attribution, used by
/// block editors for pull quotes and testimonials; taken as a picture's
/// caption, every quote of a reviews page or a story's pull quote was
/// dropped (a service page of 28 testimonials came out with its headings
/// only; wcxb service 0.779 -> 0.785, articles unchanged at 0.944).
/// **Example**: `<figure><blockquote>Olivia is a fantastic
/// teacher.</blockquote><figcaption>— Lizzie W.</figcaption></figure>`.
/// **Known failures**: an image figure that also quotes its source in a
/// `<blockquote>` keeps its caption.
fn is_quote_figure(node: Node<'_>) -> bool {
    node.tag() == Tag::Figure && node.descendants().any(|d| d.tag() == Tag::Blockquote)
}

/// Whether a `<figure>` holds a code listing rather than a picture.
///
/// **What**: a figure with a `<pre>` inside is a listing, and its
/// `<figcaption>` the listing's title ("Listing 9-3: Opening a file"),
/// both text to read. **Why**: books and documentation set each code
/// example as a numbered figure; taken as a picture's caption, every
/// example of a chapter was dropped with its title. Measured on wcxb:
/// documentation 0.9317 -> 0.9331 (three book chapters 0.93 -> 0.98,
/// one down 0.953 -> 0.948), all 0.86092 -> 0.86101, articles
/// unchanged.
/// **Example**: `<figure class=listing><pre><code>fn main() {}</code></pre>
/// <figcaption>Listing 1-1: An empty program</figcaption></figure>`.
/// **Known failures**: a picture figure whose caption quotes a line of
/// code in a `<pre>` keeps its caption.
fn is_code_figure(node: Node<'_>) -> bool {
    node.tag() == Tag::Figure && node.descendants().any(|d| d.tag() == Tag::Pre)
}

/// True when one of the node's `attrs` (class, id, itemprop...) holds one
/// of the `wanted` words, split as [`words`] splits them.
pub fn names_any(node: Node<'_>, attrs: &[&str], wanted: &[&str]) -> bool {
    attrs
        .iter()
        .filter_map(|a| node.attr(a))
        .any(|v| word_slices(v).any(|w| listed(wanted, w)))
}

/// Unknown elements that behave as blocks when removed.
pub fn is_block_like(node: Node<'_>) -> bool {
    node.tag() == Tag::Other && node.first_child().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_listing_figure_is_text() {
        let para = "<p>Ownership is a set of rules that govern how a program manages memory, \
                    and the compiler checks them before the program runs.</p>";
        let html = format!(
            "<html><head><title>Ownership</title></head><body><main><h1>Ownership</h1>{para}{para}\
             <figure class=listing><pre><code>let s = String::from(\"hello\");</code></pre>\
             <figcaption>Listing 4-1: A variable and its scope</figcaption></figure>{para}\
             <figure><img src=a.png><figcaption>Photo: the stack</figcaption></figure></main></body></html>"
        );
        let article = crate::html::extract_html(&html, Some("https://book.example/ch04.html"));
        assert!(article.text.contains("String::from"), "{}", article.text);
        assert!(article.text.contains("Listing 4-1"), "{}", article.text);
        assert!(
            !article.text.contains("Photo: the stack"),
            "{}",
            article.text
        );
    }

    #[test]
    fn an_aside_left_open_around_the_page_is_not_a_sidebar() {
        let story =
            "The council approved the new bridge on Monday after a long debate about its cost. ";
        let html = format!(
            "<html><body><aside class=\"banner\"><div><a href=\"/news\">Announcement: we moved</a>\
             <aside class=\"related\"><p>Related: five other bridges worth a visit this year.</p></aside>\
             <article><h1>Bridge approved</h1><p>{story}{story}</p><p>{story}{story}</p>\
             <p>{story}{story}</p></article></body></html>"
        );
        let article = crate::html::extract_html(&html, Some("https://news.example/2024/bridge"));
        assert!(
            article.text.contains("approved the new bridge"),
            "{}",
            article.text
        );
        assert!(
            !article.text.contains("five other bridges"),
            "{}",
            article.text
        );
    }

    #[test]
    fn a_button_that_is_a_heading_stays() {
        let doc = Document::parse(
            "<h3><button aria-expanded=false>What is an HRMS?</button></h3>\
             <button class=c-faq><h4>How long does setup take?</h4></button>\
             <button>Add to cart</button>",
        );
        let removal = Removal::structural(&doc);
        let removed: Vec<bool> = doc
            .elements()
            .filter(|n| n.tag() == Tag::Button)
            .map(|n| removal.is_removed(n))
            .collect();
        assert_eq!(removed, [false, false, true]);
    }

    #[test]
    fn a_figure_with_a_quote_is_no_caption() {
        let doc = Document::parse(
            "<figure><img src=a.jpg><figcaption>A photo credit</figcaption></figure>\
             <figure><blockquote>A fine teacher.</blockquote><figcaption>Jane D.</figcaption></figure>",
        );
        let captions: Vec<bool> = doc
            .elements()
            .filter(|n| matches!(n.tag(), Tag::Figure | Tag::Figcaption))
            .map(is_caption)
            .collect();
        assert_eq!(captions, [true, true, false, false]);
    }

    #[test]
    fn builder_wrappers_with_classes_of_their_own_are_one_layout() {
        let story =
            "The council approved the new bridge on Monday after a long debate about its cost. ";
        let sections: String = ["4f2a9c1", "b71e0d3", "09ac4e2", "e5d3f70"]
            .iter()
            .map(|hash| {
                format!("<div class=\"el el-{hash} el-widget\"><p>{story}{story}{story}</p></div>")
            })
            .collect();
        let html = format!(
            "<html><body><nav><a href=/>Home</a></nav><div class=page>{sections}</div>\
             <div class=\"sidebar-widget\"><p>Other news from the region, every day.</p></div></body></html>"
        );
        let doc = Document::parse(&html);
        let structural = Removal::structural(&doc);
        let blocks = crate::html::blocks::build(&doc, doc.root(), &structural);
        let (good, _) = crate::html::content::element_scores(&doc, &blocks, 1.0);
        let removal = structural.with_furniture(&doc, &good);
        let kept = doc
            .elements()
            .filter(|n| n.attr("class").is_some_and(|c| c.starts_with("el ")))
            .filter(|n| !removal.is_removed(*n))
            .count();
        assert_eq!(kept, 4);
        let sidebar = doc
            .elements()
            .find(|n| n.attr("class") == Some("sidebar-widget"))
            .unwrap();
        assert!(removal.is_removed(sidebar));
    }

    #[test]
    fn safeguard_keeps_the_bulk_of_the_good_text() {
        let doc = Document::parse(
            "<div class='share-wrapper'><p>story</p></div><div class=share><p>tail</p></div>",
        );
        let mut good = vec![0.0; doc.len()];
        let divs: Vec<_> = doc.elements().filter(|n| n.tag() == Tag::Div).collect();
        good[0] = 1000.0;
        good[divs[0].id().0 as usize] = 900.0;
        good[divs[1].id().0 as usize] = 100.0;
        let removal = Removal::structural(&doc).with_furniture(&doc, &good);
        assert!(!removal.is_removed(divs[0]));
        assert!(removal.is_removed(divs[1]));
    }
}
