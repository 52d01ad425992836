//! Never-content subtrees: what is removed before text blocks are built.
//!
//! Three rules, in order:
//! 1. **Tags** that carry no reading text (`script`, `nav`, form controls,
//!    `aside`, `footer`...).
//! 2. **Hidden** elements (`hidden`, `aria-hidden`, inline `display:none`)
//!    and landmark roles other than the main one.
//! 3. **Class and id words** that name page furniture (`share`, `related`,
//!    `comments`, `newsletter`...). Words split on `-`, `_` and case, so
//!    `articleShareBar` and `article-share-bar` both name "share". A weak
//!    word (`sidebar`, `menu`) is ignored when a content word (`article`,
//!    `body`, `content`) is also there; a strong one (`comments`, `share`)
//!    is not. Known failure: a site that names its article container with
//!    a furniture word ("post-share-wrapper" around the whole story) loses
//!    it; a safeguard keeps any element holding most of the page's text.

use dateline_html::{Document, Node, Tag};

/// Which element subtrees are removed.
pub struct Removal {
    removed: Vec<bool>,
}

impl Removal {
    /// Decides removal for every element of the document.
    pub fn compute(doc: &Document) -> Removal {
        let mut removed = vec![false; doc.len()];
        let sizes = subtree_text_chars(doc);
        let total_text = sizes[0];
        let mut i = 0u32;
        let n = doc.len() as u32;
        while i < n {
            let node = doc.node(dateline_html::NodeId(i));
            if node.is_element() && should_remove(node, sizes[i as usize], total_text) {
                removed[i as usize] = true;
                i = node.subtree_end().0;
                continue;
            }
            i += 1;
        }
        Removal { removed }
    }

    /// True when this element's subtree is removed (not its descendants:
    /// walkers skip a removed subtree whole).
    pub fn is_removed(&self, node: Node<'_>) -> bool {
        self.removed.get(node.id().0 as usize).copied().unwrap_or(false)
    }

    /// True when the node or one of its ancestors is removed.
    pub fn is_within_removed(&self, node: Node<'_>) -> bool {
        self.is_removed(node) || node.ancestors().any(|a| self.is_removed(a))
    }
}

fn should_remove(node: Node<'_>, chars: usize, total_text: usize) -> bool {
    if removed_by_tag(node) || is_hidden(node) {
        return true;
    }
    match furniture(node) {
        Furniture::None => false,
        // Safeguard: never drop the bulk of the page's text on a class name.
        _ => !(chars > 1000 && chars * 100 > total_text * 35),
    }
}

/// Characters of visible trimmed text below every node, in one bottom-up pass.
pub fn subtree_text_chars(doc: &Document) -> Vec<usize> {
    let mut sizes = vec![0usize; doc.len()];
    for i in (1..doc.len()).rev() {
        let node = doc.node(dateline_html::NodeId(i as u32));
        if let Some(t) = node.text() {
            let invisible = node.parent().is_some_and(|p| matches!(p.tag(), Tag::Script | Tag::Style | Tag::Title | Tag::Textarea));
            if !invisible {
                sizes[i] += t.trim().len();
            }
        }
        if let Some(parent) = node.parent() {
            sizes[parent.id().0 as usize] += sizes[i];
        }
    }
    sizes
}

fn removed_by_tag(node: Node<'_>) -> bool {
    match node.tag() {
        Tag::Script | Tag::Style | Tag::Noscript | Tag::Template | Tag::Svg | Tag::Math | Tag::Canvas
        | Tag::Iframe | Tag::Object | Tag::Embed | Tag::Button | Tag::Select | Tag::Input
        | Tag::Textarea | Tag::Option | Tag::Head | Tag::Nav | Tag::Aside | Tag::Footer | Tag::Dialog
        | Tag::Map | Tag::Audio | Tag::Video | Tag::Label | Tag::Title | Tag::Frameset | Tag::Noframes => true,
        Tag::Other => matches!(
            node.name(),
            "amp-ad" | "amp-social-share" | "amp-sidebar" | "amp-analytics" | "amp-consent" | "amp-list"
        ),
        _ => false,
    }
}

fn is_hidden(node: Node<'_>) -> bool {
    if node.attr("hidden").is_some() || node.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(role) = node.attr("role") {
        if matches!(
            role,
            "navigation" | "banner" | "contentinfo" | "complementary" | "dialog" | "alertdialog" | "menu" | "menubar" | "search" | "toolbar"
        ) {
            return true;
        }
    }
    node.attr("style").is_some_and(|style| {
        let compact: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        compact.contains("display:none") || compact.contains("visibility:hidden")
    })
}

#[derive(Debug, PartialEq, Eq)]
enum Furniture {
    None,
    Weak,
    Strong,
}

/// Words that name furniture whatever else the class says.
const STRONG: &[&str] = &[
    "comment", "comments", "disqus", "share", "sharing", "shares", "sharebar", "social", "socials", "related",
    "newsletter", "newsletters", "subscribe", "subscription", "promo", "promos", "advert", "advertisement",
    "advertising", "ads", "sponsor", "sponsored", "breadcrumb", "breadcrumbs", "cookie", "cookies", "consent",
    "gdpr", "popup", "modal", "outbrain", "taboola", "recommended", "recommendations", "recirculation", "trending",
    "popular", "signup", "paywall", "jump", "toc", "print", "follow",
];

/// Words that name furniture unless a content word is also present.
const WEAK: &[&str] = &[
    "sidebar", "footer", "menu", "nav", "navbar", "navigation", "widget", "widgets", "ad", "banner", "masthead",
    "toolbar", "pagination", "pager", "tags", "tag", "rail", "more", "login", "header", "hidden", "skip",
];

/// Words that mark the main text.
const CONTENT: &[&str] = &["article", "body", "content", "main", "story", "entry", "post", "text", "blog", "news"];

fn furniture(node: Node<'_>) -> Furniture {
    if matches!(node.tag(), Tag::Html | Tag::Body | Tag::Article | Tag::Main | Tag::P) {
        return Furniture::None;
    }
    if node.attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("articleBody")) {
        return Furniture::None;
    }
    let mut strong = false;
    let mut weak = false;
    let mut content = false;
    for value in [node.attr("class"), node.attr("id")].into_iter().flatten() {
        for word in words(value) {
            let word = word.as_str();
            strong |= STRONG.contains(&word);
            weak |= WEAK.contains(&word);
            content |= CONTENT.contains(&word);
        }
    }
    if strong {
        Furniture::Strong
    } else if weak && !content {
        Furniture::Weak
    } else {
        Furniture::None
    }
}

/// Splits a class or id value into lower-case words at `-`, `_`, spaces,
/// digits and lower-to-upper case changes.
pub fn words(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in value.chars() {
        if !c.is_ascii_alphabetic() {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        prev_lower = c.is_ascii_lowercase();
        word.push(c.to_ascii_lowercase());
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Captions, credits and the figures that hold them.
pub fn is_caption(node: Node<'_>) -> bool {
    match node.tag() {
        Tag::Figcaption | Tag::Figure => true,
        _ => [node.attr("class"), node.attr("id")].into_iter().flatten().any(|v| {
            words(v).iter().any(|w| matches!(w.as_str(), "caption" | "captions" | "credit" | "credits" | "figcaption" | "copyright"))
        }),
    }
}

/// Unknown elements that behave as blocks when removed.
pub fn is_block_like(node: Node<'_>) -> bool {
    node.tag() == Tag::Other && node.first_child().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_words_split_on_case_and_punctuation() {
        assert_eq!(words("articleShareBar post_body-2"), ["article", "share", "bar", "post", "body"]);
    }

    #[test]
    fn strong_furniture_beats_content_words() {
        let doc = Document::parse("<div class='article-comments'>x</div><div class='article-sidebar'>y</div><div class=sidebar>z</div>");
        let kinds: Vec<_> = doc.elements().map(furniture).collect();
        assert_eq!(kinds, [Furniture::Strong, Furniture::None, Furniture::Weak]);
    }

    #[test]
    fn safeguard_keeps_the_bulk_of_the_text() {
        let body = "word ".repeat(1000);
        let html = format!("<div class='share-wrapper'><p>{body}</p></div><p>tail</p>");
        let doc = Document::parse(&html);
        let removal = Removal::compute(&doc);
        assert!(!removal.is_removed(doc.first(Tag::Div).unwrap()));
    }
}
