//! Where the headline is: the anchor that bylines and written dates are
//! searched around.

use dateline_html::{Document, Node, Tag};

use super::text::key;

/// The `<h1>` holding the title, else the first `<h1>`; on a page without
/// `<h1>`, the `<h2>` or `<h3>` holding the title (themes that style the
/// headline as a lower heading), so the byline and date around it can
/// still be read.
pub(super) fn headline_id(doc: &Document, title: Option<&str>) -> Option<i64> {
    let title_key = title.map(key).filter(|k| k.len() >= 8);
    let h1s: Vec<Node> = doc.elements().filter(|n| n.tag() == Tag::H1).collect();
    let holds_title = |h: &Node| {
        title_key.as_ref().is_some_and(|t| {
            let k = key(&h.text_content());
            k.len() >= 8 && (k.contains(t.as_str()) || t.contains(&k))
        })
    };
    if h1s.is_empty() {
        return doc
            .elements()
            .filter(|n| matches!(n.tag(), Tag::H2 | Tag::H3) && small(n))
            .find(|h| holds_title(h))
            .map(|h| i64::from(h.id().0));
    }
    h1s.iter()
        .find(|h| holds_title(h))
        .or(h1s.first())
        .map(|h| i64::from(h.id().0))
}

/// How far a node is from the headline, in nodes; before the headline
/// counts double, as bylines and dates follow headlines.
pub(super) fn headline_distance(n: &Node, headline: i64) -> i64 {
    let id = i64::from(n.id().0);
    if id >= headline {
        id - headline
    } else {
        2 * (headline - id)
    }
}

/// True for elements of few nodes: a date, byline or heading is small, and
/// reading the text of every large container would make the page quadratic.
pub(super) fn small(n: &Node) -> bool {
    n.subtree_end().0 - n.id().0 <= 64
}
