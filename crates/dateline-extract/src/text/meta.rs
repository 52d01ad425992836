//! Article metadata from the lines around the body: title, standfirst,
//! byline, dateline, publisher name and image captions.
//!
//! A dump keeps page order, so the article header sits just above the body:
//! walking back from the first body line past bylines, datelines and photo
//! credits reaches the standfirst (a sentence) and then the headline.
//!
//! Known failures: a headline that ends with a full stop is taken for a
//! standfirst; a caption with no credit marker above the body can be taken
//! for the standfirst.

// Lines, kinds and scores are parallel slices, indexed together.
#![allow(clippy::needless_range_loop)]

use std::collections::HashSet;

use dateline_model::{Image, Timestamp};

use super::kind::{caption_of, credit_of, Kind};
use super::line::Line;

/// How far above the body the headline is looked for.
const HEADER_WINDOW: usize = 30;
/// How much body text is compared with headline candidates.
const BODY_SAMPLE_BYTES: usize = 4000;

/// Title and standfirst, given the body start and the body's text.
///
/// Headline candidates are the title-like lines above the body; each is
/// scored by how many of its words the body uses (a headline announces
/// what the article talks about), whether the page repeats it (breadcrumbs,
/// the window title), and how close it sits to the body. The standfirst is
/// a sentence between the headline and the body.
pub(crate) fn title_and_description(
    lines: &[Line],
    kinds: &[Kind],
    body_start: usize,
    body_text: &str,
) -> (Option<usize>, Option<usize>) {
    let mut cut = body_text.len().min(BODY_SAMPLE_BYTES);
    while !body_text.is_char_boundary(cut) {
        cut -= 1;
    }
    let vocabulary: HashSet<String> = content_words(&body_text[..cut]).collect();
    let floor = body_start.saturating_sub(HEADER_WINDOW);
    let mut best: Option<(f32, usize)> = None;
    for i in floor..body_start {
        let line = &lines[i];
        if !matches!(kinds[i], Kind::Text | Kind::Repeated)
            || line.words < 2
            || line.chars < 10
            || line.chars > 250
            || line.words > 30
            || is_sentence(line)
        {
            continue;
        }
        let words: Vec<String> = content_words(&line.text).collect();
        // Over at least three words, so that a one-word menu item found in
        // the body does not look like a perfect headline.
        let found = words.iter().filter(|w| vocabulary.contains(*w)).count();
        let overlap = found as f32 / words.len().max(3) as f32;
        let mut score = 4.0 * overlap - 0.08 * (body_start - i) as f32;
        if kinds[i] == Kind::Repeated
            || lines
                .iter()
                .take(5)
                .any(|l| l.text.len() > line.text.len() && l.text.starts_with(&line.text))
        {
            score += 1.5;
        }
        if (4..=20).contains(&line.words) {
            score += 0.5;
        }
        if !line.ends_sentence {
            score += 0.5;
        }
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, i));
        }
    }
    let title = best.filter(|(score, _)| *score > 0.5).map(|(_, i)| i);
    // A standfirst sits between headline and body.
    let description = title.and_then(|t| {
        (t + 1..body_start)
            .find(|&i| kinds[i] == Kind::Text && is_sentence(&lines[i]) && lines[i].chars <= 400)
    });
    (title, description)
}

/// A full sentence of some length: standfirst material, not a headline.
fn is_sentence(line: &Line) -> bool {
    line.is_prose() && line.ends_sentence && line.words >= 8
}

/// Lower-cased words of four letters or more (or CJK characters), the
/// words that say what a text is about.
fn content_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4 || w.chars().any(|c| c as u32 >= 0x3040))
        .map(str::to_lowercase)
}

/// Authors from the header: a byline ("By SETH J. FRANTZMAN"), else a bare
/// name standing next to the dateline ("Dan Goodin -" above "Apr 16, 2015").
/// The line nearest the body wins.
pub(crate) fn authors(lines: &[Line], kinds: &[Kind], from: usize, to: usize) -> Vec<String> {
    for i in (from..to).rev() {
        if kinds[i] == Kind::Byline {
            let names = crate::byline::parse_byline(&lines[i].text);
            if !names.is_empty() {
                return names;
            }
        }
    }
    for i in (from..to).rev() {
        let beside_date =
            (i > 0 && kinds[i - 1] == Kind::Date) || kinds.get(i + 1) == Some(&Kind::Date);
        if kinds[i] == Kind::Text && beside_date && is_person_name(&lines[i].text) {
            let name = lines[i].text.trim_end_matches([' ', '-', '–', '|', ',']);
            let names = crate::byline::parse_byline(name);
            if !names.is_empty() {
                return names;
            }
        }
    }
    Vec::new()
}

/// Two to four capitalised words (initials allowed), nothing else: "Dan Goodin -".
fn is_person_name(text: &str) -> bool {
    let text = text.trim_end_matches([' ', '-', '–', '|', ',']);
    let words: Vec<&str> = text.split(' ').collect();
    // Words of headings and menus that are no one's name.
    const NOT_NAMES: &[&str] = &[
        "The",
        "Of",
        "And",
        "In",
        "On",
        "To",
        "For",
        "A",
        "News",
        "Today",
        "Latest",
        "Top",
        "More",
        "Stories",
        "Home",
        "Video",
        "Videos",
        "Photos",
        "Most",
        "Read",
        "Popular",
        "Updated",
        "Published",
        "Posted",
    ];
    (2..=4).contains(&words.len())
        && text.len() <= 40
        && !words.iter().any(|w| NOT_NAMES.contains(w))
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase)
                && cs.all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
        })
}

/// The dateline of the header nearest the body, else a date in a byline
/// ("by Laura June Topolsky July 10, 2015").
pub(crate) fn published(
    lines: &[Line],
    kinds: &[Kind],
    from: usize,
    to: usize,
) -> Option<Timestamp> {
    let parse = |i: usize| crate::dates::parse_date(&lines[i].text);
    (from..to)
        .rev()
        .filter(|&i| kinds[i] == Kind::Date)
        .find_map(parse)
        .or_else(|| {
            (from..to)
                .rev()
                .filter(|&i| kinds[i] == Kind::Byline)
                .find_map(parse)
        })
}

/// Images from caption and credit lines. A credit line repeating the
/// credit of the caption just above it is a duplicate and adds nothing.
pub(crate) fn images(lines: &[Line], kinds: &[Kind], from: usize, to: usize) -> Vec<Image> {
    let mut out: Vec<Image> = Vec::new();
    for i in from..to {
        let text = &lines[i].text;
        match kinds[i] {
            Kind::Caption => {
                let (caption, credit) = match credit_of(text) {
                    Some(credit) => (caption_of(text), Some(credit)),
                    None => (
                        Some(text.clone()),
                        lines.get(i + 1).and_then(|n| credit_of(&n.text)),
                    ),
                };
                out.push(Image {
                    url: None,
                    caption,
                    credit,
                });
            }
            Kind::Credit => {
                let credit = credit_of(text);
                let dup = i > 0 && kinds[i - 1] == Kind::Caption;
                if !dup && credit.is_some() && !out.iter().any(|im| im.credit == credit) {
                    out.push(Image {
                        url: None,
                        caption: None,
                        credit,
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// The publisher: the left part of a leading "Name - tagline" line, else
/// the holder named in a copyright line.
pub(crate) fn site_name(lines: &[Line], kinds: &[Kind]) -> Option<String> {
    if let Some(first) = lines.first() {
        for sep in [" - ", " | ", " – ", " — "] {
            if let Some((left, _)) = first.text.split_once(sep) {
                if is_name_like(left) {
                    return Some(left.trim().to_owned());
                }
            }
        }
    }
    lines
        .iter()
        .zip(kinds)
        .rev()
        .take(200)
        .find_map(|(l, _)| copyright_holder(&l.text))
}

/// "Copyright © 2019 The Paradigm. All Rights Reserved." -> "The Paradigm".
fn copyright_holder(text: &str) -> Option<String> {
    let i = text.find('©')?;
    let rest = text[i + '©'.len_utf8()..].trim_start();
    let rest =
        rest.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, ' ' | '-' | '–' | ','));
    let rest = rest.strip_prefix("Copyright ").unwrap_or(rest);
    let end = rest.find(['.', ',', '|', '(']).unwrap_or(rest.len());
    let name = rest[..end].trim();
    is_name_like(name).then(|| name.to_owned())
}

/// One to six words, mostly capitalised: a publication name.
fn is_name_like(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 || s.len() > 60 {
        return false;
    }
    let caps = words
        .iter()
        .filter(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
        .count();
    caps * 2 > words.len()
}

#[cfg(test)]
mod tests {
    use super::super::kind::classify;
    use super::*;

    fn page(text: &str) -> (Vec<Line>, Vec<Kind>) {
        let lines: Vec<Line> = text.lines().filter_map(Line::new).collect();
        let kinds = lines.iter().map(classify).collect();
        (lines, kinds)
    }

    #[test]
    fn finds_title_and_standfirst_above_the_byline() {
        let (lines, kinds) = page(
            "News\nRussians in Raqqa two years after US helped take city from ISIS\n\
             US policy in Syria was once about defeating ISIS and stabilizing the area.\n\
             By SETH J. FRANTZMAN\nDECEMBER 9, 2019 17:34\nBody starts here.",
        );
        let body =
            "Russian forces entered Raqqa two years after the US helped take the city from ISIS.";
        assert_eq!(
            title_and_description(&lines, &kinds, 5, body),
            (Some(1), Some(2))
        );
    }

    #[test]
    fn authors_from_bylines_or_names_beside_datelines() {
        let (lines, kinds) = page("Title here\nDan Goodin -\nApr 16, 2015 8:02 pm UTC\nBody.");
        assert_eq!(authors(&lines, &kinds, 0, 3), ["Dan Goodin"]);
        let (lines, kinds) = page("Title here\nBy SETH J. FRANTZMAN\nBody.");
        assert_eq!(authors(&lines, &kinds, 0, 2), ["Seth J. Frantzman"]);
        let (lines, kinds) = page("Top Stories Today\nApr 16, 2015\nBody.");
        assert!(authors(&lines, &kinds, 0, 2).is_empty());
    }

    #[test]
    fn published_from_datelines_or_bylines() {
        let (lines, kinds) = page("by Laura June Topolsky July 10, 2015\nBody.");
        assert_eq!(
            published(&lines, &kinds, 0, 1).unwrap().to_string(),
            "2015-07-10"
        );
    }

    #[test]
    fn site_name_from_the_first_line_or_copyright() {
        let (lines, kinds) = page("The Jerusalem Post - Israel News Arab Israeli Conflict\nx");
        assert_eq!(
            site_name(&lines, &kinds).as_deref(),
            Some("The Jerusalem Post")
        );
        let (lines, kinds) = page("Home\nCopyright © 2019 The Paradigm. All Rights Reserved.");
        assert_eq!(site_name(&lines, &kinds).as_deref(), Some("The Paradigm"));
        let (lines, kinds) = page("Home\nNews");
        assert_eq!(site_name(&lines, &kinds), None);
    }

    #[test]
    fn caption_with_duplicate_credit_gives_one_image() {
        let (lines, kinds) = page("A fighter in Raqqa. (photo credit: REUTERS/ERIK DE CASTRO)\n(photo credit: REUTERS/ERIK DE CASTRO)");
        let images = images(&lines, &kinds, 0, 2);
        assert_eq!(images.len(), 1);
        assert_eq!(images[0].caption.as_deref(), Some("A fighter in Raqqa."));
        assert_eq!(images[0].credit.as_deref(), Some("REUTERS/ERIK DE CASTRO"));
    }
}
