//! Main content: which subtree holds the article, and which of its blocks
//! are body text.
//!
//! **Container.** Every block is scored as *good* text (long, punctuated,
//! few links, inside `<p>`) or *bad* text (link lists, short unpunctuated
//! lines). Each element gets the sums over its subtree, and the article
//! container is the element maximising `good - LAMBDA * bad`: the tightest
//! subtree that holds most running text and little furniture. Semantic
//! markers (`itemprop=articleBody`, `<article>`) add a bonus.
//! Example: a story `div` with 4,000 good characters and 300 bad beats
//! `body` with 5,000 good and 6,000 bad.
//! Known failure: a page whose comment thread outweighs the story, with no
//! class names to remove the thread.
//!
//! **Body.** Inside the container, blocks are dropped when they are
//! captions, link lists, bylines or datelines, the headline again, or
//! short furniture phrases ("Advertisement", "Share this").

use dateline_html::{Document, Node, NodeId, Tag};
use dateline_model::{Block, BlockKind};

use super::blocks::TextBlock;
use super::boilerplate;
use super::class_words;

/// Weight of bad text against good text when choosing the container.
/// Measured on the Scrapinghub set: 0.2-1.0 score within 0.004 once
/// scores decay, so furniture weighs little next to tightness.
const LAMBDA: f32 = 0.6;

/// How much a block counts for each ancestor that has siblings, relative
/// to the one below. Measured: 1.0 (plain sums) 0.952, 0.9 0.962, 0.85
/// 0.964, 0.8 0.962, 0.7 0.963 on the Scrapinghub set.
const DECAY: f32 = 0.85;

/// The chosen container and its body blocks.
pub struct Content {
    /// The element holding the story.
    pub container: NodeId,
    /// Body blocks in reading order.
    pub body: Vec<Block>,
}

/// Scores of one block.
fn good(block: &TextBlock) -> f32 {
    if block.in_caption || block.heading > 0 || block.is_teaser() {
        return 0.0;
    }
    let density = block.link_density();
    if density > 0.5 {
        return 0.0;
    }
    let mut score = block.chars as f32 * (1.0 - density);
    if block.chars < 40 {
        score *= 0.3;
    }
    if !has_sentence_punctuation(&block.text) {
        score *= 0.5;
    }
    if block.in_p {
        score *= 1.5;
    }
    score
}

/// Bad text: links, teasers, and short lines without punctuation (a
/// menu's entries), except in table cells ([`is_table_cell`]).
fn bad(doc: &Document, block: &TextBlock) -> f32 {
    if block.is_teaser() {
        return block.chars as f32;
    }
    let mut score = block.link_chars as f32;
    if block.chars < 40 && !has_sentence_punctuation(&block.text) && !is_table_cell(doc, block) {
        score += (block.chars - block.link_chars) as f32;
    }
    score
}

/// Whether a block is a table cell's own text.
///
/// **What**: a short line without punctuation in a `<td>` or `<th>` is
/// not bad text (its links still are). **Why**: a data table's cells are
/// short and unpunctuated ("Chicago Booth", "3.6", "$175,000"), as a
/// menu's entries are; counted as furniture, a story whose body is mostly
/// a ranking table lost it, and the chooser kept the one paragraph above
/// the table (wcxb: articles 0.947 -> 0.949, one forum post 0.869 ->
/// 0.835). **Example**: an intro paragraph, then a table of twenty schools
/// by rank, GPA and salary: the table stays with the paragraph.
/// **Known failures**: a layout table's short unlinked cells (a site's
/// name, a date) count as plain text.
fn is_table_cell(doc: &Document, block: &TextBlock) -> bool {
    matches!(doc.node(block.container).tag(), Tag::Td | Tag::Th)
}

fn has_sentence_punctuation(text: &str) -> bool {
    text.contains(['.', ',', '!', '?', ';', '。', '、', '،', '！', '？'])
}

/// Picks the container and filters its blocks.
pub fn select(doc: &Document, blocks: &[TextBlock], title: Option<&str>) -> Content {
    let container = choose_container(doc, blocks);
    let node = doc.node(container);
    let inside: Vec<&TextBlock> = blocks
        .iter()
        .filter(|b| node.contains(&doc.node(b.first)))
        .collect();
    let body = filter_body(doc, &inside, title);
    Content { container, body }
}

/// Sums of good and bad block scores over every element's subtree. With
/// `decay` below 1 a block counts less for ancestors further from it (each
/// ancestor with siblings multiplies its weight by `decay`), so the
/// tightest subtree holding the story wins over the page.
pub fn element_scores(doc: &Document, blocks: &[TextBlock], decay: f32) -> (Vec<f32>, Vec<f32>) {
    let mut good_sum = vec![0f32; doc.len()];
    let mut bad_sum = vec![0f32; doc.len()];
    // Whether each node has two element children or more, counted once:
    // every block's walk up the tree asks it of every ancestor. Without
    // decay nothing depends on it.
    let mut with_siblings = vec![false; doc.len()];
    if decay != 1.0 {
        let mut element_children = vec![0u8; doc.len()];
        for n in doc.elements() {
            if let Some(p) = n.parent() {
                let count = &mut element_children[p.id().0 as usize];
                *count = count.saturating_add(1);
                with_siblings[p.id().0 as usize] = *count >= 2;
            }
        }
    }
    for block in blocks {
        let (mut g, mut b) = (good(block), bad(doc, block));
        if g == 0.0 && b == 0.0 {
            continue;
        }
        let mut node = Some(doc.node(block.container));
        while let Some(n) = node {
            good_sum[n.id().0 as usize] += g;
            bad_sum[n.id().0 as usize] += b;
            // Single-child wrappers add nothing around their child.
            if n.parent().is_some_and(|p| with_siblings[p.id().0 as usize]) {
                g *= decay;
                b *= decay;
            }
            node = n.parent();
        }
    }
    (good_sum, bad_sum)
}

fn choose_container(doc: &Document, blocks: &[TextBlock]) -> NodeId {
    let (good_sum, bad_sum) = element_scores(doc, blocks, DECAY);
    let mut best = (f32::MIN, NodeId(0));
    for node in doc.elements() {
        let i = node.id().0 as usize;
        if good_sum[i] == 0.0 {
            continue;
        }
        let score = (good_sum[i] - LAMBDA * bad_sum[i]) * semantic_bonus(node);
        if score > best.0 {
            best = (score, node.id());
        }
    }
    best.1
}

/// Markup that names the article body.
fn semantic_bonus(node: Node<'_>) -> f32 {
    if node
        .attr("itemprop")
        .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
    {
        return 1.25;
    }
    if node.tag() == Tag::Article {
        return 1.1;
    }
    let named = [node.attr("class"), node.attr("id")]
        .into_iter()
        .flatten()
        .any(|v| {
            let words = class_words::words(v);
            words.windows(2).any(|w| {
                matches!(
                    w[0].as_str(),
                    "article" | "story" | "entry" | "post" | "content"
                ) && matches!(w[1].as_str(), "body" | "content" | "text")
            }) || words
                .iter()
                .any(|w| matches!(w.as_str(), "articlebody" | "storybody" | "postbody"))
        });
    if named {
        1.1
    } else {
        1.0
    }
}

fn filter_body(doc: &Document, blocks: &[&TextBlock], title: Option<&str>) -> Vec<Block> {
    let title_key = title.map(normalise_key);
    let mut body: Vec<Block> = Vec::new();
    // The parent of each body block's element, for [`drop_second_copy`].
    let mut parents: Vec<NodeId> = Vec::new();
    for block in blocks {
        if block.in_caption
            || block.is_teaser()
            || is_furniture_line(block)
            || is_skip_link(doc, block)
        {
            continue;
        }
        if block.heading == 1 {
            continue;
        }
        if block.heading > 0 && title_key.as_deref() == Some(normalise_key(&block.text).as_str()) {
            continue;
        }
        // Links inside the story's own paragraphs are part of it.
        let density = block.link_density();
        if density > 0.5 && !(block.chars > 200 && density < 0.65) {
            continue;
        }
        if is_byline_or_dateline(doc, block) {
            continue;
        }
        body.push(Block::new(block.kind, block.text.clone()));
        let node = doc.node(block.container);
        parents.push(node.parent().unwrap_or(node).id());
    }
    // A trailing heading introduces something that is not there ("Related").
    while body.last().is_some_and(|b| b.kind == BlockKind::Heading) {
        body.pop();
    }
    drop_second_copy(body, &parents)
}

/// The story's text without its second (and third) copy.
///
/// **What**: when the blocks of 40 characters or more that repeat an
/// earlier block under another parent element make up a third of the
/// text or more, and none comes more than three times, the repeats are
/// dropped (blocks under 40 characters stay, and so do repeats beside
/// their first copy: test pages repeat a lorem-ipsum paragraph in one
/// flow, and the readability suite's references keep them). **Why**: themes send one story two or three times (a copy for
/// phones, one for desktops, one for a print or reading view, hidden by
/// style sheets we do not read) inside the chosen container, and the
/// whole text came out twice; the wide body of other pages drops copies
/// block by block ([`super::page::MIN_COPY_CHARS`]), but in a story every
/// repeat dropped lost more than it gained (a recipe's repeated steps, a
/// plan's repeated lines: scrapinghub 0.981 -> 0.979), so only a body
/// that is mostly copies, few times over, counts as sent twice.
/// Measured on wcxb: all 0.855 -> 0.857, articles 0.953 -> 0.955, forum
/// 0.749 -> 0.756 (a thread's wide text now outweighs its first post
/// sent twice), 10 pages up, 2 down; scrapinghub and readability outputs
/// byte-identical.
/// **Example**: a blog post whose six paragraphs come twice, once in a
/// `mobile-only` wrapper, gives the six paragraphs once.
/// **Known failures**: a page that really repeats a third of its text
/// (a chorus, a quiz's answer key) loses the repeats; a story sent
/// four times over is kept whole.
fn drop_second_copy(body: Vec<Block>, parents: &[NodeId]) -> Vec<Block> {
    let min = super::page::MIN_COPY_CHARS;
    // Each long block's first parent, and how many times it came.
    let mut seen: rustc_hash::FxHashMap<&str, (NodeId, u8)> = rustc_hash::FxHashMap::default();
    let mut copy = vec![false; body.len()];
    let (mut total, mut copies) = (0usize, 0usize);
    for (i, b) in body.iter().enumerate() {
        let n = b.text.len();
        total += n;
        if n < min {
            continue;
        }
        let (first_parent, count) = seen.entry(b.text.as_str()).or_insert((parents[i], 0));
        *count += 1;
        if *count > 3 {
            return body;
        }
        if *count > 1 && *first_parent != parents[i] {
            copy[i] = true;
            copies += n;
        }
    }
    if copies * 3 < total {
        return body;
    }
    body.into_iter()
        .zip(copy)
        .filter_map(|(b, copy)| (!copy).then_some(b))
        .collect()
}

pub(super) fn normalise_key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Short furniture lines: "Advertisement", "Share this article", ...
pub(super) fn is_furniture_line(block: &TextBlock) -> bool {
    if block.chars > 60 {
        return false;
    }
    let key = normalise_key(&block.text);
    const PHRASES: &[&str] = &[
        "advertisement",
        "advertising",
        "sponsored",
        "sharethis",
        "sharethisarticle",
        "share",
        "sharethisstory",
        "readmore",
        "continuereading",
        "clickhere",
        "signup",
        "subscribe",
        "followus",
        "comments",
        "loading",
        "relatedarticles",
        "related",
        "relatedstories",
        "morestories",
        "recommended",
        "printthisarticle",
        "emailthisarticle",
        "skiptocontent",
        "supportedby",
        "storycontinuesbelowadvertisement",
        "continuereadingthemainstory",
        "adadvertisement",
        "photo",
        "image",
        // The head of a table of contents whose entries are gone (a `toc`
        // class) or stay as links: on wcxb 17 such lines were in our text
        // and 2 in the reference texts, "On this page" and "In this
        // article" 4 and none. Measured: articles 0.95463 -> 0.95465,
        // all 0.86101 -> 0.86102, 20 pages up, 2 down by under 0.001
        // (documentation 0.93307 -> 0.93305).
        "tableofcontents",
        "onthispage",
        "inthisarticle",
    ];
    PHRASES.contains(&key.as_str())
}

/// Whether a block is a run of skip links: "Skip to main content",
/// "Skip to footer", "Jump to content"; or a link back to the top.
///
/// **What**: a block of at most 120 characters that opens inside a link
/// (`<a>`, whatever its address: these links point into the page, so
/// their text does not count as link text) with "skip to", "skip
/// navigation", "jump to", "back to top", "return to top" or "scroll to
/// top" is furniture. **Why**: accessible pages open with links that let
/// a keyboard skip the menu, and long pages end their sections with a
/// link back up; styled to show only on focus or as an arrow (a class we
/// do not read, or none), they were kept whenever the chosen region held
/// them, which the wide body of pages that are not stories often does.
/// On wcxb, 78 "skip to" lines were in our text and 4 in the reference
/// texts; "Back to top" 11 and none, "Jump to content" 8 and none.
/// Measured: skip links, all 0.8608 -> 0.8609, documentation 0.9313 ->
/// 0.9315, service 0.8245 -> 0.8248, collection 0.6622 -> 0.6629,
/// articles 0.95455 -> 0.95461; 62 pages up, 7 down (forum 0.7561 ->
/// 0.7557: a thread whose wide text, without its skip links, fell under
/// the chooser's and lost to it, 0.50 -> 0.47; a page whose only text
/// was a skip link came out empty). The jump and back-to-top links
/// then: documentation 0.9315 -> 0.9317, forum 0.7557 -> 0.7558,
/// articles 0.95461 -> 0.95463, 22 pages up, 1 down by 0.001.
/// **Example**: `<a href="#main">Skip to main content</a>` above the
/// page's header gives nothing; so does `<a href="#top">Back to top</a>`.
/// **Known failures**: a how-to's own linked line "Skip to step 4" goes,
/// and so does a recipe's "Jump to recipe" button (rarely kept by the
/// reference texts either).
pub(super) fn is_skip_link(doc: &Document, block: &TextBlock) -> bool {
    if block.chars > 120 {
        return false;
    }
    let container = block.container;
    let in_link = doc
        .node(block.first)
        .ancestors()
        .take_while(|n| n.id() != container)
        .any(|n| n.tag() == Tag::A);
    if !in_link {
        return false;
    }
    let head: String = block
        .text
        .trim_start()
        .chars()
        .take(16)
        .flat_map(char::to_lowercase)
        .collect();
    [
        "skip to ",
        "skip navigation",
        "jump to ",
        "back to top",
        "return to top",
        "scroll to top",
    ]
    .iter()
    .any(|p| head.starts_with(p))
}

fn is_byline_or_dateline(doc: &Document, block: &TextBlock) -> bool {
    // A quoted post's signature ("— Jane (@jane) May 1, 2020") stays with it.
    if block.chars > 80 || block.kind == BlockKind::Quote || has_final_punctuation(&block.text) {
        return false;
    }
    let lower = block.text.to_lowercase();
    if lower.starts_with("by ") && block.text.split_whitespace().count() <= 8 {
        return true;
    }
    // Only small elements: the story's own container may carry an author
    // class ("author-jane") without being a byline.
    let container = doc.node(block.container);
    let small = |n: &Node<'_>| {
        n.descendants()
            .filter_map(|d| d.text())
            .map(str::len)
            .sum::<usize>()
            < 250
    };
    let named = std::iter::once(container)
        .chain(container.ancestors().take(1))
        .filter(small)
        .any(|n| {
            boilerplate::names_any(
                n,
                &["class", "id"],
                &[
                    "byline",
                    "author",
                    "dateline",
                    "timestamp",
                    "date",
                    "published",
                    "meta",
                ],
            )
        });
    named
        || crate::dates::parse_date(&block.text)
            .is_some_and(|_| block.text.split_whitespace().count() <= 8)
}

fn has_final_punctuation(text: &str) -> bool {
    text.trim_end().ends_with(['.', '!', '?', '"', '”', '。'])
}

/// A human-readable trace of the container choice and block decisions,
/// for tuning (`examples/explain.rs`).
pub fn explain(doc: &Document, blocks: &[TextBlock], title: Option<&str>) -> String {
    use std::fmt::Write;
    let container = choose_container(doc, blocks);
    let node = doc.node(container);
    let mut out = String::new();
    let path: Vec<String> = std::iter::once(node)
        .chain(node.ancestors())
        .filter(|n| n.is_element())
        .map(|n| {
            format!(
                "{}.{}#{}",
                n.name(),
                n.attr("class").unwrap_or(""),
                n.id().0
            )
        })
        .collect();
    let _ = writeln!(out, "container: {}", path.join(" < "));
    let kept: Vec<String> = filter_body(
        doc,
        &blocks
            .iter()
            .filter(|b| node.contains(&doc.node(b.first)))
            .collect::<Vec<_>>(),
        title,
    )
    .into_iter()
    .map(|b| b.text)
    .collect();
    for block in blocks {
        let inside = node.contains(&doc.node(block.first));
        let mark = if !inside {
            ' '
        } else if kept.contains(&block.text) {
            '+'
        } else {
            '-'
        };
        let c = doc.node(block.container);
        let snippet: String = block.text.chars().take(90).collect();
        let _ = writeln!(
            out,
            "{mark} g={:<5.0} b={:<4.0} ld={:.2} {:?} <{}.{}> {snippet}",
            good(block),
            bad(doc, block),
            block.link_density(),
            block.kind,
            c.name(),
            c.attr("class").unwrap_or("")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_data_table_is_not_furniture() {
        let rows: String = (1..=30)
            .map(|i| {
                format!(
                    "<tr><td>{i}</td><td>School of Business number {i}</td><td>Chicago Illinois</td>\
                     <td>Full time and part time</td><td>{i}75 000 dollars</td></tr>"
                )
            })
            .collect();
        let html = format!(
            "<html><head><meta property=article:published_time content=2024-05-01T10:00:00Z></head>\
             <body><nav><a href=/>Home</a></nav><article><h1>Rankings</h1><p class=byline>By Jane Doe</p><div class=entry>\
             <p>Rankings in aggregate help an applicant see trends around each programme, and we present \
             the data of the latest survey here, with the previous year's rank beside it.</p>\
             <table><tr><th>Rank</th><th>School</th><th>GPA</th><th>Salary</th></tr>{rows}</table>\
             </div></article></body></html>"
        );
        let article = crate::html::extract_html(&html, Some("https://news.example/2024/rankings"));
        assert!(
            article.text.contains("School of Business number 17"),
            "{}",
            article.text
        );
        assert!(
            article.text.contains("Rankings in aggregate"),
            "{}",
            article.text
        );
    }

    #[test]
    fn skip_links_are_furniture() {
        let section = |i: usize| {
            format!(
                "<section><h2>Feature {i}</h2><p>Our tool number {i} syncs your files across every \
                 device you own, in the background, without a single click.</p></section>"
            )
        };
        let sections: String = (1..=6).map(section).collect();
        let html = format!(
            "<html><head><title>Tool</title></head><body><a href=\"#main\">Skip to main content</a>\
             <div id=main>{sections}<p><a href=\"#top\">Back to top</a></p></div></body></html>"
        );
        let article = crate::html::extract_html(&html, Some("https://tool.example/"));
        assert!(
            article.text.contains("Our tool number 6"),
            "{}",
            article.text
        );
        assert!(!article.text.contains("Skip to"), "{}", article.text);
        assert!(!article.text.contains("Back to top"), "{}", article.text);
    }

    #[test]
    fn a_table_of_contents_head_is_furniture() {
        let para = "<p>The council approved the new bridge on Monday after a long debate about \
                    its cost, its design and the years of work it will take.</p>";
        let html = format!(
            "<html><head><meta property=article:published_time content=2024-05-01T10:00:00Z></head>\
             <body><article><h1>Bridge</h1><p>Table of Contents</p>{para}<h2>Cost</h2>{para}{para}\
             </article></body></html>"
        );
        let article = crate::html::extract_html(&html, Some("https://news.example/2024/bridge"));
        assert!(
            article.text.contains("approved the new bridge"),
            "{}",
            article.text
        );
        assert!(
            !article.text.contains("Table of Contents"),
            "{}",
            article.text
        );
    }

    #[test]
    fn a_story_sent_twice_comes_once() {
        let paragraphs: String = (1..=6)
            .map(|i| format!("<p>Paragraph {i} of the story tells what the council decided on Monday about the bridge.</p>"))
            .collect();
        let html = format!(
            "<html><head><meta property=article:published_time content=2024-05-01T10:00:00Z></head>\
             <body><article><h1>Bridge</h1><div class=mobile-only>{paragraphs}</div>\
             <div class=desktop-only>{paragraphs}</div></article></body></html>"
        );
        let article = crate::html::extract_html(&html, Some("https://news.example/2024/bridge"));
        assert_eq!(
            article.text.matches("Paragraph 3 of the story").count(),
            1,
            "{}",
            article.text
        );
    }

    #[test]
    fn lines_a_story_repeats_often_stay() {
        let day = |i: usize| {
            format!(
                "<h2>Day {i}</h2><p>Breakfast: oats with berries, nuts and a spoon of honey, then tea.</p>\
                 <p>Lunch number {i}: a large green salad with beans, rice and a boiled egg on top.</p>"
            )
        };
        let days: String = (1..=5).map(day).collect();
        let html = format!(
            "<html><head><meta property=article:published_time content=2024-05-01T10:00:00Z></head>\
             <body><article><h1>Plan</h1>{days}</article></body></html>"
        );
        let article = crate::html::extract_html(&html, Some("https://news.example/2024/plan"));
        assert_eq!(
            article.text.matches("Breakfast: oats").count(),
            5,
            "{}",
            article.text
        );
    }

    #[test]
    fn paragraphs_repeated_in_one_flow_stay() {
        let lorem = "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.</p>\
                     <p>Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi.</p>";
        let html = format!(
            "<html><head><meta property=article:published_time content=2024-05-01T10:00:00Z></head>\
             <body><article><h1>Test</h1><div>{}</div></article></body></html>",
            lorem.repeat(2)
        );
        let article = crate::html::extract_html(&html, Some("https://news.example/2024/test"));
        assert_eq!(
            article.text.matches("Lorem ipsum").count(),
            2,
            "{}",
            article.text
        );
    }
}
