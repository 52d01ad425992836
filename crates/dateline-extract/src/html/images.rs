//! Images of the story with their captions and credits.
//!
//! **What**: pictures inside the article container, plus the lead picture
//! just above it (inside the same `<article>`/`<main>`), each with the
//! caption of its `<figure>` (or a caption-classed element beside it, or a
//! descriptive `alt`) split into caption and credit. When the story shows
//! no picture, the page's declared lead image (`og:image`) stands alone.
//! **Why**: captions and credits are not body text, but they are the
//! article's: who is pictured, where, by whom.
//! **Example**: `<figure><img src=a.jpg><figcaption>Raqqa, 2017. (photo
//! credit: REUTERS/ERIK DE CASTRO)</figcaption></figure>` gives
//! `{url: ".../a.jpg", caption: "Raqqa, 2017.", credit: "REUTERS/ERIK DE CASTRO"}`.
//! **Known failures**: galleries built by script (no `<img>` in the HTML)
//! give only the lead image; icons without tell-tale names or sizes pass.

use dateline_html::{Document, Node, NodeId, Tag};
use dateline_model::Image;

use super::boilerplate::{self, Removal};
use super::meta::absolutize;
use crate::credit;

/// The story's images, in page order, without duplicates.
pub fn collect(
    doc: &Document,
    container: NodeId,
    removal: &Removal,
    base: Option<&str>,
    lead: Option<&str>,
) -> Vec<Image> {
    let mut images: Vec<Image> = Vec::new();
    let container = doc.node(container);
    // The lead picture often sits above the text, inside the same article.
    let scope = container
        .ancestors()
        .take(4)
        .find(|a| matches!(a.tag(), Tag::Article | Tag::Main))
        .unwrap_or(container);
    let mut i = scope.id().0 + 1;
    let end = scope.subtree_end().0;
    while i < end {
        let node = doc.node(NodeId(i));
        if removal.is_removed(node) {
            i = node.subtree_end().0;
            continue;
        }
        i += 1;
        let outside_text = !container.contains(&node) && node.id() > container.id();
        if outside_text || !is_picture(node) {
            continue;
        }
        let Some(src) = source(node) else { continue };
        if is_decoration(node, src) {
            continue;
        }
        let url = absolutize(src, base);
        if images
            .iter()
            .any(|im| im.url.as_deref() == Some(url.as_str()))
        {
            continue;
        }
        let (caption, credit) = caption_of(node);
        images.push(Image {
            url: Some(url),
            caption,
            credit,
        });
    }
    if images.is_empty() {
        if let Some(lead) = lead {
            images.push(Image {
                url: Some(absolutize(lead, base)),
                caption: None,
                credit: None,
            });
        }
    }
    images
}

fn is_picture(node: Node<'_>) -> bool {
    node.tag() == Tag::Img || (node.tag() == Tag::Other && node.name() == "amp-img")
}

/// The best address of a picture: lazy-loading attributes first (their
/// `src` is often a placeholder), then `src`, then the first `srcset` entry.
fn source<'a>(node: Node<'a>) -> Option<&'a str> {
    const LAZY: &[&str] = &[
        "data-src",
        "data-lazy-src",
        "data-original",
        "data-url",
        "data-hi-res-src",
        "data-full-src",
    ];
    let srcset = |name| {
        node.attr(name)
            .and_then(|s| s.split(',').next())
            .and_then(|s| s.split_whitespace().next())
    };
    LAZY.iter()
        .find_map(|a| node.attr(a))
        .or_else(|| node.attr("src").filter(|s| !s.starts_with("data:")))
        .or_else(|| srcset("data-srcset"))
        .or_else(|| srcset("srcset"))
        .map(str::trim)
        .filter(|s| !s.is_empty() && !s.starts_with("data:"))
}

/// Tracking pixels, icons, logos, avatars and spacers.
fn is_decoration(node: Node<'_>, src: &str) -> bool {
    let tiny = |a| {
        node.attr(a)
            .and_then(|v| v.trim_end_matches("px").parse::<u32>().ok())
            .is_some_and(|v| v < 50)
    };
    if tiny("width") || tiny("height") {
        return true;
    }
    let lower = src.to_ascii_lowercase();
    let file = lower.split(['?', '#']).next().unwrap_or(&lower);
    file.ends_with(".svg")
        || file.ends_with(".gif")
            && (lower.contains("pixel") || lower.contains("spacer") || lower.contains("blank"))
        || [
            "logo", "icon", "avatar", "sprite", "pixel", "spacer", "badge", "emoji", "gravatar",
        ]
        .iter()
        .any(|w| file.contains(w))
}

/// The caption of a picture: its figure's caption, a caption-like element
/// next to it, or a descriptive `alt`.
fn caption_of(img: Node<'_>) -> (Option<String>, Option<String>) {
    let figure = img.ancestors().take(6).find(|a| a.tag() == Tag::Figure);
    let text = figure
        .and_then(|f| f.descendants().find(|d| d.tag() == Tag::Figcaption))
        .map(|c| visible_text(c))
        .or_else(|| nearby_caption(figure.unwrap_or(img)))
        .filter(|t| !t.is_empty());
    let Some(text) = text else {
        let alt = img
            .attr("alt")
            .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default();
        let descriptive = alt.split(' ').count() >= 4 && !alt.contains(['_', '/']);
        return (descriptive.then_some(alt), None);
    };
    let credit_element = figure
        .into_iter()
        .flat_map(|f| f.descendants())
        .find(|d| d.is_element() && has_credit_class(*d))
        .map(|d| visible_text(d))
        // A sentence is a caption, whatever its class says.
        .filter(|c| {
            !c.is_empty()
                && c.len() < text.len()
                && c.split_whitespace().count() < 10
                && !c.ends_with('.')
        });
    match credit_element {
        Some(credit_text) => {
            let caption = text.replace(&credit_text, " ");
            let caption = caption.split_whitespace().collect::<Vec<_>>().join(" ");
            let credit = credit::whole_credit(&credit_text)
                .unwrap_or(&credit_text)
                .to_owned();
            (Some(caption).filter(|c| !c.is_empty()), Some(credit))
        }
        None => credit::split_caption(&text),
    }
}

/// A caption-classed element among the next siblings of the picture (or of
/// its wrapper): `<div class="img"><img></div><p class="caption">...</p>`.
fn nearby_caption(node: Node<'_>) -> Option<String> {
    for anchor in std::iter::once(node).chain(node.ancestors().take(2)) {
        let sibling = anchor
            .next_sibling()
            .into_iter()
            .chain(anchor.next_sibling().and_then(|s| s.next_sibling()))
            .find(|s| s.is_element());
        if let Some(sibling) = sibling {
            if boilerplate::is_caption(sibling) && sibling.tag() != Tag::Figure {
                return Some(visible_text(sibling));
            }
        }
        if anchor
            .parent()
            .is_some_and(|p| p.element_children().count() > 3)
        {
            break;
        }
    }
    None
}

fn has_credit_class(node: Node<'_>) -> bool {
    boilerplate::names_any(
        node,
        &["class", "itemprop"],
        &[
            "credit",
            "credits",
            "copyright",
            "photographer",
            "source",
            "byline",
            "author",
        ],
    )
}

fn visible_text(node: Node<'_>) -> String {
    let mut out = String::new();
    for d in node.descendants() {
        if d.parent().is_some_and(|p| {
            matches!(
                p.tag(),
                Tag::Script | Tag::Style | Tag::Noscript | Tag::Button
            )
        }) {
            continue;
        }
        if let Some(t) = d.text() {
            out.push(' ');
            out.push_str(t);
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn images(html: &str) -> Vec<Image> {
        let doc = Document::parse(html);
        let removal = Removal::structural(&doc);
        let container = doc.first(Tag::Article).map_or(doc.root().id(), |a| a.id());
        collect(
            &doc,
            container,
            &removal,
            Some("https://news.example/2019/12/09/story"),
            Some("https://news.example/lead.jpg"),
        )
    }

    #[test]
    fn figure_caption_and_credit() {
        let got = images(
            "<article><figure><img src='/img/raqqa.jpg'><figcaption>Ruins in Raqqa, Syria October 18, 2017. \
             (photo credit: REUTERS/ERIK DE CASTRO)</figcaption></figure><p>Text</p></article>",
        );
        assert_eq!(got.len(), 1);
        assert_eq!(
            got[0].url.as_deref(),
            Some("https://news.example/img/raqqa.jpg")
        );
        assert_eq!(
            got[0].caption.as_deref(),
            Some("Ruins in Raqqa, Syria October 18, 2017.")
        );
        assert_eq!(got[0].credit.as_deref(), Some("REUTERS/ERIK DE CASTRO"));
    }

    #[test]
    fn credit_element_inside_the_caption() {
        let got = images("<article><figure><img data-src='a.jpg' src='data:x'><figcaption>Harbour at dawn <span class='credit'>Jane Doe/AP</span></figcaption></figure></article>");
        assert_eq!(
            got[0].url.as_deref(),
            Some("https://news.example/2019/12/09/a.jpg")
        );
        assert_eq!(got[0].caption.as_deref(), Some("Harbour at dawn"));
        assert_eq!(got[0].credit.as_deref(), Some("Jane Doe/AP"));
    }

    #[test]
    fn decorations_are_skipped_and_lead_image_fills_in() {
        let got = images("<article><img src='/logo.png'><img src='/t.gif' width=1 height=1><p>Text</p></article>");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].url.as_deref(), Some("https://news.example/lead.jpg"));
        assert_eq!(got[0].caption, None);
    }

    #[test]
    fn descriptive_alt_is_a_caption() {
        let got = images(
            "<article><img src='p.jpg' alt='Firefighters battle the blaze in Athens'></article>",
        );
        assert_eq!(
            got[0].caption.as_deref(),
            Some("Firefighters battle the blaze in Athens")
        );
        let got = images("<article><img src='p.jpg' alt='IMG_2041'></article>");
        assert_eq!(got[0].caption, None);
    }
}
