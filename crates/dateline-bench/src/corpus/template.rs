//! A template: a slimmed page as pieces (literal markup, words as
//! vocabulary ids, numbers, date and URL slots) that a variant renders
//! without parsing again.

use std::collections::HashMap;
use std::ops::Range;

use super::slim::{Parsed, Raw, F_JSON, F_TITLE};
use super::tokens::{case_of, tokens, Case, Tok};

/// A parsed piece of a slimmed template (ranges index `Template::text`).
#[derive(Debug, Clone)]
pub(super) enum Piece {
    Lit(u32, u32),
    Word {
        start: u32,
        len: u32,
        id: u32,
        case: Case,
        flags: u8,
    },
    /// A publication date (`true`: date and time).
    Date(bool),
    /// A run of ASCII digits (replaced by others of the same length).
    Number(u32, u32),
    /// The document's URL.
    Url,
    /// Where the directory form inserts `<link rel="canonical">`.
    Canon,
}

/// One slimmed, parsed template.
pub(super) struct Template {
    pub(super) id: String,
    pub(super) host: String,
    pub(super) group: usize,
    pub(super) text: String,
    pub(super) pieces: Vec<Piece>,
    pub(super) has_canonical: bool,
    /// The first content words of `<title>` (for slugs): piece index and
    /// word ordinal (as counted by `render`).
    pub(super) title_words: Vec<(usize, usize)>,
    /// The title word a near copy may change (rarest in the page), if any.
    pub(super) title_change: Option<u32>,
}

/// Turns a parsed page into pieces, its words as ids in its group's
/// vocabulary (`map`); `counts` (the page's own word counts) pick the title
/// word a near copy may change.
pub(super) fn build_template(
    id: String,
    host: String,
    group: usize,
    keep: u32,
    parsed: Parsed,
    map: &HashMap<String, u32>,
    counts: &HashMap<String, u32>,
) -> Template {
    let Parsed {
        builder,
        urls,
        has_canonical,
        ..
    } = parsed;
    let text = builder.slim;
    let mut pieces: Vec<Piece> = Vec::with_capacity(builder.parts.len() * 4);
    let lit = |pieces: &mut Vec<Piece>, r: Range<usize>| {
        if r.is_empty() {
            return;
        }
        if let Some(Piece::Lit(_, end)) = pieces.last_mut() {
            if *end as usize == r.start {
                *end = r.end as u32;
                return;
            }
        }
        pieces.push(Piece::Lit(r.start as u32, r.end as u32));
    };
    let mut title_words = Vec::new();
    let mut ordinal = 0;
    let mut title_change: Option<(u32, u32)> = None;
    for part in builder.parts {
        match part {
            Raw::Lit(r) => lit(&mut pieces, r),
            Raw::Date(full) => pieces.push(Piece::Date(full)),
            Raw::Url => pieces.push(Piece::Url),
            Raw::Canon => pieces.push(Piece::Canon),
            Raw::MaybeUrl(r) => {
                let value = text[r.clone()].replace("\\/", "/");
                if urls.contains(&value) {
                    pieces.push(Piece::Url);
                } else {
                    lit(&mut pieces, r);
                }
            }
            Raw::Text(r, flags) => {
                let s = &text[r.clone()];
                for (w, tok) in tokens(s, flags & F_JSON != 0) {
                    let abs = r.start + w.start..r.start + w.end;
                    match tok {
                        Tok::Sep => {
                            lit(&mut pieces, abs);
                            continue;
                        }
                        Tok::Number => {
                            pieces.push(Piece::Number(abs.start as u32, abs.end as u32));
                            continue;
                        }
                        Tok::Word => {}
                    }
                    let lower = s[w.clone()].to_lowercase();
                    let id = map[&lower];
                    ordinal += 1;
                    if flags == F_TITLE && id >= keep {
                        if title_words.len() < 8 {
                            title_words.push((pieces.len(), ordinal));
                        }
                        let count = counts.get(&lower).copied().unwrap_or(0);
                        if title_change.is_none_or(|(_, c)| count < c) {
                            title_change = Some((id, count));
                        }
                    }
                    pieces.push(Piece::Word {
                        start: abs.start as u32,
                        len: (abs.end - abs.start) as u32,
                        id,
                        case: case_of(&s[w]),
                        flags,
                    });
                }
            }
        }
    }
    let total: u32 = counts.values().sum();
    Template {
        id,
        host,
        group,
        text,
        pieces,
        has_canonical,
        title_words,
        // Only a word rare in the page, so the change stays small.
        title_change: title_change
            .filter(|(_, c)| f64::from(*c) < 0.01 * f64::from(total))
            .map(|(id, _)| id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::slim::parse_html;

    #[test]
    fn slimming_and_slots() {
        let html = r#"<html lang="en"><head><title>Big News Today</title><!-- c --><script>var x = 1;</script><script type="application/ld+json">{"headline": "Big News", "datePublished": "2020-01-02T03:04:05Z", "url": "https://a.example/x"}</script><style>p{}</style><link rel="canonical" href="https://a.example/x"><meta property="article:published_time" content="2020-01-02"></head><body><svg><path d="M0"/></svg><p>Hello &amp; world</p><time datetime="2020-01-02">Jan 2</time></body></html>"#;
        let parsed = parse_html(html);
        let slim = &parsed.builder.slim;
        assert!(
            !slim.contains("var x")
                && !slim.contains("p{}")
                && !slim.contains("<!--")
                && !slim.contains("M0")
        );
        assert!(slim.contains("<script></script>") && slim.contains("<svg></svg>"));
        assert!(parsed.has_canonical);
        assert_eq!(parsed.lang.as_deref(), Some("en"));
        let dates = parsed
            .builder
            .parts
            .iter()
            .filter(|p| matches!(p, Raw::Date(_)))
            .count();
        assert_eq!(dates, 3);
        let counts = HashMap::new();
        let map: HashMap<String, u32> = ["big", "news", "today", "hello", "world", "jan"]
            .iter()
            .enumerate()
            .map(|(i, w)| (w.to_string(), i as u32))
            .collect();
        let t = build_template("t".into(), "a.example".into(), 0, 0, parsed, &map, &counts);
        let urls = t.pieces.iter().filter(|p| matches!(p, Piece::Url)).count();
        assert_eq!(urls, 2, "canonical and JSON-LD url");
        let words = t
            .pieces
            .iter()
            .filter(|p| matches!(p, Piece::Word { .. }))
            .count();
        assert_eq!(words, 3 + 2 + 2 + 1, "title, headline, <p>, <time> text");
    }
}
