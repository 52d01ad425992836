//! Hidden elements: what a reader does not see, and the hidden elements
//! a reader sees all the same (a veil over the whole page, a streamed
//! segment, a closed tab panel).

use dateline_html::{Document, Node, Tag};

use super::class_words::word_slices;

/// Whether a `hidden` element is a segment of a streamed server render,
/// which the page's script moves into place as soon as it loads.
///
/// **What**: React's streaming renderer sends the page's slow parts late,
/// each in `<div hidden id="S:0">` (`S:` and a number), with a
/// placeholder `<template id="B:0">` where it belongs.
/// **Why**: a reader sees that content; taken as hidden, a whole story or
/// product page comes out empty (10 such pages of wcxb did).
/// Segment numbers are hexadecimal (`S:0` ... `S:9`, `S:a`, `S:2e`):
/// read as decimal only, the eleventh segment on was hidden (wcxb
/// products 0.586 -> 0.591, articles 0.947 unchanged).
/// **Example**: `<template id="B:0"></template>...<div hidden id="S:0"><article>...`.
/// **Known failures**: a segment that the script never shows (a fallback
/// replaced by another segment) is kept too.
fn is_streamed_segment(node: Node<'_>) -> bool {
    node.attr("id")
        .and_then(|id| id.strip_prefix("S:"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Whether a hidden element is a tab panel (`role="tabpanel"`).
///
/// **What**: tab panels stay, although all but the open one are hidden
/// (by `hidden`, `aria-hidden` or an inline style: all three hide a
/// closed panel the same way).
/// **Why**: a reader opens each tab with one click, and the panels are
/// the page's own text (a service's coverage by case, a product's
/// specifications, an FAQ's answers); measured on wcxb, the text of
/// hidden tab panels is in the reference text about twice as often as
/// not (by words); service 0.798 -> 0.801, articles 0.945 unchanged;
/// panels hidden by `aria-hidden` or a style (or by both `hidden` and
/// `aria-hidden`) too: documentation 0.910 -> 0.919, service 0.811 ->
/// 0.812, articles unchanged.
/// **Example**: `<div role="tabpanel" hidden>Coverage when you're
/// offline ...</div>` beside the open panel.
/// **Known failures**: tabs that repeat one text in several forms keep
/// every form.
fn is_tab_panel(node: Node<'_>) -> bool {
    node.attr("role") == Some("tabpanel")
}

/// Whether an element is hidden from a reader: a role that is never the
/// main text (navigation, dialogs, menus), a screen-reader-only class, or
/// hiding (`hidden`, `aria-hidden="true"`, an inline style) on anything
/// but a streamed segment or a panel a reader opens
/// ([`is_disclosure_panel`]).
pub(super) fn is_hidden(node: Node<'_>) -> bool {
    if is_never_shown(node) {
        return true;
    }
    let hidden = (node.attr("hidden").is_some() && !is_streamed_segment(node))
        || node.attr("aria-hidden") == Some("true")
        || node.attr("style").is_some_and(hides_by_style);
    hidden && !is_disclosure_panel(node)
}

/// Whether an element is not for a reader whatever the page's state: a
/// role that is never the main text (navigation, dialogs, menus) or a
/// screen-reader-only class. ([`is_hidden`] adds hiding that a script
/// may lift.)
pub(super) fn is_never_shown(node: Node<'_>) -> bool {
    if let Some(role) = node.attr("role") {
        if matches!(
            role,
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "dialog"
                | "alertdialog"
                | "menu"
                | "menubar"
                | "search"
                | "toolbar"
        ) {
            return true;
        }
    }
    // Screen-reader-only labels ("Media caption", "Image copyright") are
    // not on the page a reader sees.
    node.attr("class").is_some_and(|c| {
        c.split_ascii_whitespace().any(|c| {
            [
                "sr-only",
                "visually-hidden",
                "visuallyhidden",
                "screen-reader-text",
                "off-screen",
                "offscreen",
                "screenreader-only",
                "a11y-hidden",
                "u-hidden-visually",
            ]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(c))
        })
    })
}

/// Whether a hidden element is a panel a reader opens with one click:
/// a tab panel ([`is_tab_panel`]) or a panel a control names
/// ([`is_controlled_panel`]), whichever way it is hidden (`hidden`,
/// `aria-hidden`, an inline style).
fn is_disclosure_panel(node: Node<'_>) -> bool {
    is_tab_panel(node) || (is_controlled_panel(node) || is_answer_panel(node)) && mostly_text(node)
}

/// Characters of a question above a hidden answer, at most.
const MAX_QUESTION_CHARS: usize = 200;

/// Whether a hidden element is the closed answer of the question right
/// before it: its previous element sibling is a short line (at most
/// [`MAX_QUESTION_CHARS`], a small element) ending with a question mark.
///
/// **What**: such a panel stays, when at most half of its text is links
/// ([`is_disclosure_panel`]), however it is hidden. **Why**: FAQ
/// accordions built without `aria-controls` (a clickable `div` holding
/// the question, then the answer in a `div` with `visibility:hidden`,
/// `height=0` or `hidden`) lost every answer and kept the questions; the
/// reference texts keep the answers: on wcxb, the text of such panels is
/// in the reference text 230 times out of 318 on pages that are not
/// articles (by 5-word runs), 92 of 215 on articles. Measured: all
/// 0.86102 -> 0.86167, service 0.8248 -> 0.8259, listing 0.7126 ->
/// 0.7169, products 0.6148 -> 0.6172, articles 0.95465 -> 0.95472; 7
/// pages up (0.02 to 0.42), 2 down (a service page whose answers the
/// reference leaves out, 0.73 -> 0.57; a product by 0.001).
/// **Example**: `<div class=q>What is pet insurance?</div><div
/// style="visibility:hidden"><p>Pet insurance pays part of your vet
/// bills.</p></div>` keeps the answer.
/// **Known failures**: a hidden pop-up placed right after a line that
/// asks something ("Need help?") is kept.
fn is_answer_panel(node: Node<'_>) -> bool {
    let Some(prev) =
        std::iter::successors(node.prev_sibling(), |n| n.prev_sibling()).find(|n| n.is_element())
    else {
        return false;
    };
    if prev.subtree_end().0 - prev.id().0 > 64 {
        return false;
    }
    let text = prev.text_content();
    let text = text.trim();
    !text.is_empty() && text.len() <= MAX_QUESTION_CHARS && text.ends_with(['?', '？'])
}

/// Nodes scanned before a hidden panel for the control that names it.
const MAX_CONTROL_SCAN: u32 = 2000;

/// Whether a control before a hidden element names it (`aria-controls`):
/// an accordion's or a "read more" toggle's closed panel.
///
/// **What**: a hidden element with an `id` that an element before it,
/// inside its grandparent, names in `aria-controls` stays when at most
/// half of its text is links ([`mostly_text`]: a menu's panel is
/// links). **Why**: questions and answers, service details and product
/// specifications sit in accordions whose panels are hidden until a click
/// (`<button aria-controls="faq-1">` beside `<div id="faq-1" hidden>`, or
/// `aria-hidden="true"`, or `style="display:none"`); the reference texts
/// hold them, and on wcxb such panels' words are in the reference text
/// about thirty times as often as not when marked `role="region"`, twice
/// as often otherwise. The control sits in the panel's parent or
/// grandparent on nearly every page (703 of 730), before the panel.
/// Measured on wcxb with tab panels hidden by `aria-hidden` or a style
/// ([`is_tab_panel`]): all pages 0.838 -> 0.842, collection 0.612 ->
/// 0.630, service 0.811 -> 0.819, documentation 0.910 -> 0.919,
/// articles 0.946 -> 0.947.
/// **Example**: `<h3><button aria-controls="a1">Do you ship abroad?</button></h3>
/// <div id="a1" role="region" hidden><p>Yes, to 40 countries.</p></div>`.
/// **Known failures**: a control further away (a tab list in another
/// branch of the page) is not seen; a service page whose open sections
/// were short lost to the article chooser once its closed panels
/// counted (the chooser took the panels' longer text for the story).
fn is_controlled_panel(node: Node<'_>) -> bool {
    let Some(id) = node.attr("id").filter(|id| !id.is_empty()) else {
        return false;
    };
    let Some(scope) = node.ancestors().nth(1) else {
        return false;
    };
    let doc = node.document();
    let end = node.id().0;
    let start = (scope.id().0 + 1).max(end.saturating_sub(MAX_CONTROL_SCAN));
    (start..end).any(|i| {
        let n = doc.node(dateline_html::NodeId(i));
        n.is_element()
            && n.attr("aria-controls")
                .is_some_and(|c| c.split_ascii_whitespace().any(|c| c == id))
    })
}

/// Whether at most half of an element's text is inside links (a menu's
/// panel is mostly links; an answer or a section mostly text).
fn mostly_text(node: Node<'_>) -> bool {
    let (mut text, mut linked) = (0usize, 0usize);
    let mut link_end = 0u32;
    for d in node.descendants() {
        if d.tag() == Tag::A {
            link_end = link_end.max(d.subtree_end().0);
        } else if let Some(t) = d.text() {
            let len = t.trim().len();
            text += len;
            if d.id().0 < link_end {
                linked += len;
            }
        }
    }
    text > 0 && linked * 2 <= text
}

/// Whether a class (or id) value hides its element from a reader on a
/// desktop screen (the page as the reference texts see it).
///
/// **What**: the furniture word `hidden` counts only when a class says
/// the element is hidden at desktop width: `hidden` (`is-hidden`,
/// `js-hidden`) with no other class showing it again at some width
/// (`hidden md:block`), a width variant from medium up (`md:hidden`,
/// `lg:hidden`), or a hidden-on-desktop class (`hidden-lg`,
/// `elementor-hidden-desktop`).
/// **Why**: utility classes carry the word without hiding anything from
/// that reader: `overflow-hidden` clips, `hidden-xs` and `sm:hidden` hide
/// on phones only, `blockAnim--hidden` is an animation's first frame, and
/// `accordion__panel--hidden` a closed panel the reader opens. Taken as
/// furniture, they removed whole sections of service pages and stories
/// (wcxb: service 0.751 -> 0.779, articles 0.943 -> 0.944, all pages
/// 0.824 -> 0.830).
/// **Example**: `<div class="relative overflow-hidden rounded-lg">`
/// around a service's feature list stays; `<div class="hidden">` goes.
/// **Known failures**: a hiding class of another name (`is-gone`) is not
/// seen, as before; a panel that no reader ever opens is kept.
pub(super) fn hides_everywhere(value: &str) -> bool {
    let mut hidden = false;
    for token in value.split_ascii_whitespace() {
        let lower = token.to_ascii_lowercase();
        if let Some((width, display)) = lower.rsplit_once(':') {
            // Tailwind's width variants: `hidden md:block`, `lg:hidden`.
            if display == "hidden" {
                hidden |= matches!(width, "md" | "lg" | "xl" | "2xl");
            } else if matches!(
                display,
                "block" | "flex" | "grid" | "inline" | "inline-block" | "inline-flex" | "table"
            ) {
                return false;
            }
            continue;
        }
        let bare = ["is-", "js-", "u-", "is"]
            .iter()
            .find_map(|p| lower.strip_prefix(p))
            .unwrap_or(&lower);
        let desktop = |w: &str| matches!(w, "desktop" | "md" | "lg" | "xl" | "large");
        let mut words = word_slices(bare);
        // `hidden-md-up` hides from medium width up; `hidden-md-down` below.
        hidden |= bare == "hidden"
            || (words.any(|w| w == "hidden")
                && words.next().is_some_and(desktop)
                && words.next() != Some("down"));
    }
    hidden
}

/// An inline style that hides the element (`display:none`,
/// `visibility:hidden`): when it holds nearly all the page's text, it is a
/// veil over the page, not furniture.
///
/// **What**: such an element that wraps nine tenths or more of the page's
/// text ([`veils_the_page`]) stays; its own hidden parts inside are
/// still removed. A hidden block beside visible text (half the page, as
/// in Readability's `visibility-hidden` test) is still hidden.
/// **Why**: script-rendered sites hide the whole page until their styles
/// or scripts load (`<div style="visibility:hidden;min-height:100vh">`
/// around everything), and the reader sees it a moment later; removed,
/// the page came out empty (wcxb: empty pages 26 -> 25, documentation
/// 0.900 -> 0.909, articles 0.946 unchanged; at half the page instead of
/// nine tenths, three more shop pages came back but Readability's
/// `visibility-hidden` test page took its hidden block).
/// **Example**: `<body><div style="visibility:hidden">` + the whole site.
/// **Known failures**: a page whose hidden pop-up holds more text than
/// the page itself keeps the pop-up.
pub(super) fn is_veil(node: Node<'_>) -> bool {
    // A veil sits near the top of the tree (`html > body > div`); the
    // check keeps the text count for the rare pages that have one.
    node.attr("style").is_some_and(hides_by_style) && node.ancestors().nth(4).is_none()
}

fn hides_by_style(style: &str) -> bool {
    let compact: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    compact.contains("display:none") || compact.contains("visibility:hidden")
}

/// Readable text bytes before each node in document order (the last entry
/// is the page's total), so a subtree's text is a difference of two.
pub(super) fn text_before_each(doc: &Document) -> Vec<u32> {
    let mut before = Vec::with_capacity(doc.len() + 1);
    let mut total = 0u32;
    for i in 0..doc.len() as u32 {
        before.push(total);
        let node = doc.node(dateline_html::NodeId(i));
        if let Some(text) = node.text() {
            let in_code = node
                .parent()
                .is_some_and(|p| matches!(p.tag(), Tag::Script | Tag::Style | Tag::Template));
            if !in_code {
                total = total.saturating_add(crate::hygiene::trim(text).len() as u32);
            }
        }
    }
    before.push(total);
    before
}

/// Whether an element holds nine tenths or more of the page's text.
pub(super) fn veils_the_page(node: Node<'_>, text_before: &[u32]) -> bool {
    const MIN_PAGE_BYTES: u32 = 500;
    let (start, end) = (node.id().0 as usize, node.subtree_end().0 as usize);
    let total = text_before.last().copied().unwrap_or(0);
    let inside = text_before[end.min(text_before.len() - 1)] - text_before[start];
    total >= MIN_PAGE_BYTES && inside as u64 * 10 >= total as u64 * 9
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_segments_are_shown_other_hidden_elements_not() {
        let story =
            "The council approved the new bridge on Monday after a long debate about its cost. ";
        let html = format!(
            "<html><body><template id=\"B:0\"></template>\
             <div hidden id=\"S:0\"><article><h1>Bridge approved</h1>\
             <p>{story}{story}</p><p>{story}{story}</p><p>{story}{story}</p></article></div>\
             <div hidden id=\"S:x\"><p>Not a segment: the sign-in form's help text stays hidden.</p></div>\
             <div hidden><p>Hidden promotion text that no reader sees at all.</p></div></body></html>"
        );
        let article = crate::html::extract_html(&html, Some("https://news.example/2024/bridge"));
        assert!(
            article.text.contains("approved the new bridge"),
            "{}",
            article.text
        );
        assert!(!article.text.contains("sign-in"), "{}", article.text);
        assert!(!article.text.contains("promotion"), "{}", article.text);
        let doc = Document::parse("<div hidden id=S:2e>a</div><div hidden id=S:x>b</div>");
        let hidden: Vec<bool> = doc.elements().map(is_hidden).collect();
        assert_eq!(hidden, [false, true]);
    }

    #[test]
    fn a_veil_over_the_whole_page_is_not_hidden_furniture() {
        let story =
            "The council approved the new bridge on Monday after a long debate about its cost. ";
        let html = format!(
            "<html><body><div style=\"visibility: hidden; min-height: 100vh\">\
             <div style=\"display:none\"><p>Menu text no reader sees at all.</p></div>\
             <article><h1>Bridge approved</h1><p>{story}{story}</p><p>{story}{story}</p>\
             <p>{story}{story}</p></article></div>\
             <div style=\"display:none\"><p>A pop-up that asks for an e-mail address.</p></div></body></html>"
        );
        // Hidden beside visible text of the same size: still hidden.
        let half = format!(
            "<html><body><article><h1>Bridge</h1><div style=\"visibility:hidden\"><p>{story}{story}</p>\
             <p>{story}{story}</p></div><div><p>Visible: {story}</p><p>{story}</p></div></article></body></html>"
        );
        let half = crate::html::extract_html(&half, Some("https://news.example/2024/bridge"));
        assert!(half.text.starts_with("Visible:"), "{}", half.text);
        let article = crate::html::extract_html(&html, Some("https://news.example/2024/bridge"));
        assert!(
            article.text.contains("approved the new bridge"),
            "{}",
            article.text
        );
        assert!(!article.text.contains("Menu text"), "{}", article.text);
        assert!(!article.text.contains("pop-up"), "{}", article.text);
    }

    #[test]
    fn hidden_tab_panels_stay() {
        let doc = Document::parse(
            "<div role=tabpanel>a</div><div role=tabpanel hidden>b</div><div hidden>c</div>\
             <div role=tabpanel aria-hidden=true hidden>d</div>\
             <div role=tabpanel style='display: none'>e</div>",
        );
        let hidden: Vec<bool> = doc.elements().map(is_hidden).collect();
        assert_eq!(hidden, [false, false, true, false, false]);
    }

    #[test]
    fn answers_under_their_questions_stay() {
        let doc = Document::parse(
            "<div class=faq><div class=q>What is pet insurance?</div>\
             <div id=a1 style='visibility:hidden'><p>It pays part of your vet bills.</p></div>\
             <div class=q>Pet insurance</div>\
             <div id=a2 style='visibility:hidden'><p>Not under a question.</p></div>\
             <div class=q>Need help?</div>\
             <div id=a3 hidden><a href=/a>Contact</a> <a href=/b>Call us now</a></div></div>",
        );
        let hidden = |id: &str| {
            let node = doc
                .elements()
                .find(|n| n.attr("id") == Some(id))
                .expect("element");
            is_hidden(node)
        };
        assert!(!hidden("a1"));
        assert!(hidden("a2"));
        assert!(hidden("a3"));
    }

    #[test]
    fn panels_a_control_names_stay_unless_they_are_links() {
        let doc = Document::parse(
            "<div><h3><button aria-controls='a1 x'>Do you ship abroad?</button></h3>\
             <div id=a1 role=region hidden><p>Yes, to 40 countries.</p></div>\
             <div id=a2 aria-hidden=true><p>Not named by any control.</p></div></div>\
             <div><button aria-controls=m1>Menu</button>\
             <div id=m1 style='display:none'><a href=/a>Shop</a> <a href=/b>About us</a> x</div>\
             <div id=a3 style='display:none'>Named after it, by nothing before it.</div>\
             <button aria-controls=a3>More</button></div>",
        );
        let hidden = |id: &str| {
            let node = doc
                .elements()
                .find(|n| n.attr("id") == Some(id))
                .expect("element");
            is_hidden(node)
        };
        assert!(!hidden("a1"));
        assert!(hidden("a2"));
        assert!(hidden("m1"));
        assert!(hidden("a3"));
    }
}
