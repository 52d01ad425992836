//! Card lists: runs of look-alike siblings that each link to another page.
//!
//! **What**: an element whose children include four or more siblings with
//! the same tag and class, each small (under [`MAX_CARD_CHARS`] of text) and
//! holding a link plus a heading or an image, is a listing of other
//! stories ("More from", "Trending", a section front). The cards are
//! furniture.
//! **Why**: teaser grids often carry more prose than a short story, and
//! their class names ("fp-vertical-story", "item") say nothing.
//! **Example**: thirty `<article class="fp-vertical-story">` teasers below a
//! story, each an image, a linked headline and a two-line summary.
//! **Known failures**: a story told as a list of linked, illustrated items
//! (a gallery) loses them; the content safeguard in
//! [`super::boilerplate::Removal::with_furniture`] keeps a list that holds
//! most of the page's good text.

use dateline_html::{Document, Node, NodeId, Tag};
use rustc_hash::FxHashMap;

/// Cards bigger than this are stories of their own, not teasers.
const MAX_CARD_CHARS: usize = 600;
/// Siblings needed to call a run of look-alikes a list.
const MIN_CARDS: usize = 4;
/// Nodes scanned inside one card before giving up (cards are small).
const MAX_CARD_NODES: u32 = 400;

/// Marks every element that is a card of a card list.
pub fn mark(doc: &Document, text_sizes: &[usize]) -> Vec<bool> {
    let mut cards = vec![false; doc.len()];
    let mut groups: FxHashMap<(&str, &str), Vec<NodeId>> = FxHashMap::default();
    // Element children of each node, counted in one pass (up to 255).
    let mut element_children = vec![0u8; doc.len()];
    for child in doc.elements() {
        if let Some(parent) = child.parent() {
            let count = &mut element_children[parent.id().0 as usize];
            *count = count.saturating_add(1);
        }
    }
    for parent in doc.elements() {
        // Cheap test first: most elements have fewer children than a list.
        if usize::from(element_children[parent.id().0 as usize]) < MIN_CARDS {
            continue;
        }
        // A list needs three cards among its (at least four) members, so a
        // parent with fewer than three card children has none: most
        // parents are skipped before their children are grouped.
        let min_cards = (MIN_CARDS * 3).div_ceil(4);
        if parent
            .element_children()
            .filter(|c| is_card(*c, text_sizes[c.id().0 as usize]))
            .nth(min_cards - 1)
            .is_none()
        {
            continue;
        }
        groups.clear();
        for child in parent.element_children() {
            groups
                .entry((child.name(), child.attr("class").unwrap_or("")))
                .or_default()
                .push(child.id());
        }
        for members in groups.values() {
            if members.len() < MIN_CARDS {
                continue;
            }
            let looks_like_cards = members
                .iter()
                .filter(|id| is_card(doc.node(**id), text_sizes[id.0 as usize]))
                .count();
            // Most members must be cards; placeholders and ads may not be.
            if looks_like_cards * 4 >= members.len() * 3 {
                for id in members {
                    cards[id.0 as usize] = true;
                }
            }
        }
    }
    cards
}

/// Whether one sibling is a teaser card: small, with a heading or a
/// picture that is a link (or inside one).
///
/// **What**: the link must hold the card's heading or picture (or sit in
/// the heading, or be the card itself); a heading and a picture beside a
/// separate "Learn more" link do not make a card.
/// **Why**: a teaser leads to its story through its headline or its
/// picture; the feature sections of a service page (a heading, two lines,
/// a picture and a call to action) look alike too, and were removed as a
/// card list (wcxb: service 0.805 -> 0.811, forum 0.700 -> 0.707,
/// articles 0.945 -> 0.946, listings 0.640 -> 0.635).
/// **Example**: `<section><h3>Audit citations</h3><p>Scan your
/// profile...</p><img><a href=/audit>Learn more</a></section>` five
/// times is the page's content; `<li><a href=/s><img>Story</a></li>` is a
/// card.
/// **Known failures**: teasers whose only link is "Read more" are not
/// cards (their cut summaries are still teasers, [`super::blocks`]).
fn is_card(node: Node<'_>, text_chars: usize) -> bool {
    if text_chars > MAX_CARD_CHARS || node.subtree_end().0 - node.id().0 > MAX_CARD_NODES {
        return false;
    }
    let is_link = |n: Node<'_>| n.tag() == Tag::A && n.attr("href").is_some_and(leads_away);
    let mut link = is_link(node);
    let mut linked_title = link;
    let mut picture_or_heading = false;
    // Ends (exclusive ids) of the link and heading the walk is inside.
    let (mut link_end, mut heading_end) = (0u32, 0u32);
    for n in node.descendants() {
        let id = n.id().0;
        match n.tag() {
            Tag::A if is_link(n) => {
                link = true;
                linked_title |= id < heading_end;
                link_end = link_end.max(n.subtree_end().0);
            }
            Tag::Img | Tag::Picture | Tag::Figure => {
                picture_or_heading = true;
                linked_title |= id < link_end;
            }
            t if t.is_heading() => {
                picture_or_heading = true;
                linked_title |= id < link_end;
                heading_end = heading_end.max(n.subtree_end().0);
            }
            _ => {}
        }
    }
    link && picture_or_heading && linked_title
}

/// Whether a card's link leads to another page: an in-page anchor
/// (`href="#constructor"`) does not.
///
/// **What**: a link whose address is a fragment of this page (`#` and a
/// name) makes no card. **Why**: a card leads to another page; reference
/// documentation gives each of its sections a heading that links to the
/// section itself (a permalink), and four or more short sections of one
/// class ("Constructor", "Instance properties", "Events", each a heading
/// and a few lines) were taken for a teaser grid and removed; so were
/// accordions whose headings toggle their panels (`href="#collapse-2"`).
/// Measured on wcxb: service 0.8234 -> 0.8245 (a course page's lessons,
/// 0.80 -> 0.99), documentation 0.9312 -> 0.9313, all 0.8607 -> 0.8608;
/// forum 0.7566 -> 0.7561 (a thread's posts, whose titles link to their
/// own anchors, now keep those titles: 0.81 -> 0.76); articles 0.9546
/// unchanged (two pages down by 0.002 and 0.001).
/// **Example**: `<section class=content-section><h2 id=events><a
/// href="#events">Events</a></h2><p>close, message, open</p></section>`
/// five times stays.
/// **Known failures**: teasers whose script-driven links carry only a
/// named fragment are no cards.
fn leads_away(href: &str) -> bool {
    !(href.starts_with('#') && href.len() > 1)
}

/// Characters of visible text below every node, in one bottom-up pass.
pub fn text_sizes(doc: &Document) -> Vec<usize> {
    let mut sizes = vec![0usize; doc.len()];
    for i in (1..doc.len()).rev() {
        let node = doc.node(NodeId(i as u32));
        if let Some(text) = node.text() {
            if !node
                .parent()
                .is_some_and(|p| matches!(p.tag(), Tag::Script | Tag::Style | Tag::Title))
            {
                sizes[i] += crate::hygiene::trim(text).len();
            }
        }
        if let Some(parent) = node.parent() {
            sizes[parent.id().0 as usize] += sizes[i];
        }
    }
    sizes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card_count(html: &str) -> usize {
        let doc = Document::parse(html);
        mark(&doc, &text_sizes(&doc))
            .into_iter()
            .filter(|c| *c)
            .count()
    }

    #[test]
    fn teaser_grid_is_a_card_list() {
        let card =
            "<article class=t><img src=x><h3><a href=/s>Story</a></h3><p>Summary.</p></article>";
        assert_eq!(
            card_count(&format!("<section>{}</section>", card.repeat(5))),
            5
        );
    }

    #[test]
    fn paragraphs_are_not_cards() {
        let para = "<div class=p>Running text with a <a href=/x>link</a>.</div>";
        assert_eq!(
            card_count(&format!("<section>{}</section>", para.repeat(8))),
            0
        );
    }

    #[test]
    fn sections_with_a_separate_call_to_action_are_not_cards() {
        let section = "<section class=f><h3>Audit citations</h3><p>Scan your profile.</p>\
                       <img src=x><a href=/audit>Learn more</a></section>";
        assert_eq!(card_count(&format!("<div>{}</div>", section.repeat(5))), 0);
        let linked = "<section class=f><h3><a href=/s>Story</a></h3><p>Summary.</p></section>";
        assert_eq!(card_count(&format!("<div>{}</div>", linked.repeat(5))), 5);
        let wrapped = "<a class=c href=/s><img src=x><span>Story</span></a>";
        assert_eq!(card_count(&format!("<div>{}</div>", wrapped.repeat(5))), 5);
    }

    #[test]
    fn sections_whose_headings_link_to_themselves_are_not_cards() {
        let section = |i: usize| {
            format!(
                "<section class=content-section><h2 id=s{i}><a href=#s{i}>Events</a></h2>\
                 <p>Fired when the connection closes.</p></section>"
            )
        };
        let sections: String = (1..=5).map(section).collect();
        assert_eq!(card_count(&format!("<div>{sections}</div>")), 0);
    }

    #[test]
    fn two_cards_among_look_alikes_are_not_a_list() {
        let card = "<li class=t><a href=/s><img src=x>Story</a></li>";
        let plain = "<li class=t>Plain item</li>";
        let list = format!("<ul>{}{}</ul>", card.repeat(2), plain.repeat(2));
        assert_eq!(card_count(&list), 0);
        let list = format!("<ul>{}{plain}</ul>", card.repeat(3));
        assert_eq!(card_count(&list), 4);
    }

    #[test]
    fn three_look_alikes_are_not_a_list() {
        let card = "<li><a href=/s><img src=x>Story</a></li>";
        assert_eq!(card_count(&format!("<ul>{}</ul>", card.repeat(3))), 0);
    }
}
