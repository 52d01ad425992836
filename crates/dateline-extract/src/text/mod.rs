//! Plain-text dump extraction.
//!
//! A text dump is every visible text run of a web page in page order, one
//! block per line, navigation and footers included, possibly opened by a
//! corpus header ` date YYYY-MM-DD ` glued to the first line. From it
//! [`extract_dump`] recovers an [`Article`]:
//!
//! 1. lines are normalised and measured (`line`) and classified from
//!    their own text (`kind`: bylines, datelines, credits, tag lines,
//!    share/legal/contact vocabulary, comment headers);
//! 2. lines repeated on the page, or known to the [`SiteProfile`], are
//!    boilerplate;
//! 3. the body is the highest-scoring stretch of lines (`body`);
//! 4. title, standfirst, byline, dateline and lead image are read just
//!    above the body (`meta`), tags from a tag line below it (`tags`);
//! 5. a page with next to no body is judged an index, error or wall page
//!    (`verdict`).
//!
//! No per-site rules: only general heuristics and site profiles learned
//! from the dumps themselves ([`SiteProfile::learn`], [`learn_profiles`]).
//! Extracting a batch: group it with [`learn_profiles`], then pass each
//! page its group's profile.
//!
//! Quality, measured on the 181 scrapinghub text dumps (body F1 of 4-token
//! shingles, reproduced by `examples/dump_eval.rs`): 0.937 page by page,
//! 0.941 with site profiles learned over the whole folder.
//!
//! ```
//! use dateline_extract::text::extract_dump;
//!
//! let dump = " date 2019-12-09 Daily Planet - News Sport Weather\nHome\nWorld\n\
//!     Storm floods the coast\nBy JANE DOE\n\
//!     Heavy rain flooded hundreds of homes along the coast on Monday, officials said.\n\
//!     More storms are expected later this week as the front moves north, forecasters warned.\n\
//!     Share this:\nCopyright 2019 Daily Planet. All rights reserved.";
//! let article = extract_dump(dump, None, None);
//! assert_eq!(article.title.as_deref(), Some("Storm floods the coast"));
//! assert_eq!(article.site_name.as_deref(), Some("Daily Planet"));
//! assert_eq!(article.body.len(), 2);
//! assert_eq!(article.published.unwrap().to_string(), "2019-12-09");
//! ```

mod body;
mod kind;
mod line;
mod list;
mod meta;
mod profile;
mod tags;
mod verdict;
mod vocab;

use std::collections::{HashMap, HashSet};

use dateline_model::{Article, Source, SourceFormat, Timestamp};

use kind::Kind;
use line::Line;
pub use profile::{learn_profiles, SiteGroup, SiteProfile};

/// Context given to the tag splitter is cut to this many bytes: enough for
/// any article, and bounded on huge inputs.
const TAG_CONTEXT_BYTES: usize = 200_000;
/// Bylines and datelines are looked for from this many lines above the
/// headline (or the body, without one)...
const HEADER_BEFORE_TITLE: usize = 6;
/// ...to this many lines into the body (some sit under the lead image).
const HEADER_AFTER_BODY: usize = 3;
/// A tag list written one tag a line is read this far at most.
const MAX_TAG_LINES: usize = 30;
/// Repeated lines this long (in characters) keep their first occurrence.
const LONG_REPEAT: usize = 150;

/// Extracts an article from a plain-text dump. `url` is recorded as given;
/// `profile` (learned from other dumps of the same site) marks the site's
/// repeated lines as boilerplate. Never fails; pages with no article text
/// come back with `is_article: false` and a `reason`.
pub fn extract_dump(text: &str, url: Option<&str>, profile: Option<&SiteProfile>) -> Article {
    let mut article = Article {
        url: url.map(str::to_owned),
        source: Some(Source {
            path: None,
            format: SourceFormat::TextDump,
        }),
        ..Article::default()
    };
    let (header_date, text) = line::split_header(text);
    let header_date = header_date.and_then(Timestamp::parse_iso);
    let lines = line::split_lines(text);
    let mut kinds = classify_all(&lines);
    mark_page_context(&lines, &mut kinds);
    if let Some(profile) = profile {
        mark_profile(&lines, &mut kinds, profile);
    }
    article.site_name = meta::site_name(&lines, &kinds);
    article.published = header_date;
    let mut selection = body::select(&lines, &kinds);
    if selection.chars < verdict::MIN_BODY_CHARS {
        // Nothing left: maybe the article itself is said twice (a test or
        // print page); keep the first copy of long repeated paragraphs.
        let mut again = classify_all(&lines);
        mark_page_context_keeping_first(&lines, &mut again);
        if let Some(profile) = profile {
            mark_profile(&lines, &mut again, profile);
        }
        let retry = body::select(&lines, &again);
        if retry.chars > selection.chars {
            (selection, kinds) = (retry, again);
        }
    }
    let body::Selection {
        start, blocks, end, ..
    } = selection;
    if blocks.is_empty() {
        article.reject(verdict::non_article(&lines, &kinds, 0).unwrap_or("no article body"));
        return article;
    }
    let body_start = blocks.first().map_or(start, |(i, _)| *i);

    let mut sample = String::new();
    for (_, b) in blocks.iter().take(20) {
        sample.push_str(&b.text);
        sample.push('\n');
    }
    let (title, description) = meta::title_and_description(&lines, &kinds, body_start, &sample);
    article.title = title.map(|i| lines[i].text.clone());
    article.description = description.map(|i| lines[i].text.clone());
    let head = title
        .unwrap_or(body_start)
        .min(body_start)
        .saturating_sub(HEADER_BEFORE_TITLE);
    let head_end = lines.len().min(body_start + HEADER_AFTER_BODY);
    article.authors = meta::authors(&lines, &kinds, head, head_end);
    article.published = meta::published(&lines, &kinds, head, head_end).or(header_date);
    article.images = meta::images(&lines, &kinds, head, end);
    article.body = blocks.into_iter().map(|(_, b)| b).collect();
    article.tags = find_tags(&lines, &kinds, head, &article);

    article.finish_text();
    // A page judged not to be an article keeps its main content, as HTML
    // pages do: the verdict says what the page is, not what to drop.
    let body_chars: usize = article.body.iter().map(|b| b.text.chars().count()).sum();
    if let Some(reason) = verdict::non_article(&lines, &kinds, body_chars) {
        article.reject(reason);
    }
    article
}

/// Classifies every line, once per distinct text (menus repeat a lot).
fn classify_all(lines: &[Line]) -> Vec<Kind> {
    let mut cache: HashMap<&str, Kind> = HashMap::new();
    lines
        .iter()
        .map(|l| {
            *cache
                .entry(l.key.as_str())
                .or_insert_with(|| kind::classify(l))
        })
        .collect()
}

/// Lines repeated on the page are menus, captions shown twice or teasers;
/// a text line just above a photo credit is that photo's caption.
fn mark_page_context(lines: &[Line], kinds: &mut [Kind]) {
    mark_repeats(lines, kinds, false);
}

/// As [`mark_page_context`], but the first copy of a long repeated line
/// stays text.
fn mark_page_context_keeping_first(lines: &[Line], kinds: &mut [Kind]) {
    mark_repeats(lines, kinds, true);
}

fn mark_repeats(lines: &[Line], kinds: &mut [Kind], keep_first_long: bool) {
    let mut counts: HashMap<&str, u32> = HashMap::with_capacity(lines.len());
    for l in lines {
        *counts.entry(l.key.as_str()).or_default() += 1;
    }
    let mut seen: HashSet<&str> = HashSet::new();
    for i in 0..lines.len() {
        let key = lines[i].key.as_str();
        let first_long = keep_first_long && lines[i].chars >= LONG_REPEAT && seen.insert(key);
        if kinds[i] == Kind::Text && counts[key] > 1 && !first_long {
            kinds[i] = Kind::Repeated;
        }
        // The line under a bare "Tags" heading is the tag list.
        if i > 0 && is_tag_heading(&lines[i - 1]) && !lines[i].ends_sentence {
            kinds[i] = Kind::Tags;
        }
        if matches!(kinds[i], Kind::Text | Kind::Repeated)
            && lines[i].chars <= 400
            && kinds.get(i + 1) == Some(&Kind::Credit)
        {
            kinds[i] = Kind::Caption;
        }
    }
}

/// Marks the site's known boilerplate, unless it would take most of the
/// page's running text: then this page repeats another one (a duplicate or
/// syndicated article), and its text is not boilerplate.
fn mark_profile(lines: &[Line], kinds: &mut [Kind], profile: &SiteProfile) {
    let (mut known, mut total) = (0i64, 0i64);
    let mut hits = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if !matches!(kinds[i], Kind::Text | Kind::Repeated) {
            continue;
        }
        let s = body::score(l, Kind::Text).max(0);
        total += s;
        if profile.contains_key(&l.key) {
            known += s;
            hits.push(i);
        }
    }
    if known * 2 > total {
        return;
    }
    for i in hits {
        kinds[i] = Kind::Known;
    }
}

/// Tags from the first tag line from the article header on: "Tags: a, b",
/// "Filed Under: a, b", or a bare "Tags" heading followed by either one
/// line of tags or one short line per tag.
fn find_tags(lines: &[Line], kinds: &[Kind], from: usize, article: &Article) -> Vec<String> {
    let mut context = article.title.clone().unwrap_or_default();
    for b in &article.body {
        if context.len() > TAG_CONTEXT_BYTES {
            break;
        }
        context.push('\n');
        context.push_str(&b.text);
    }
    for i in from..lines.len() {
        if kinds[i] == Kind::Tags {
            if let Some(items) = kind::tag_items(&lines[i].text) {
                return tags::split_tags(items, &context);
            }
        }
        if is_tag_heading(&lines[i]) {
            let Some(next) = lines.get(i + 1) else { break };
            if next.words > 4 {
                return tags::split_tags(&next.text, &context);
            }
            // One tag a line: short text lines, up to the first other line.
            let mut out: Vec<String> = Vec::new();
            for j in i + 1..lines.len().min(i + 1 + MAX_TAG_LINES) {
                let l = &lines[j];
                let item = l
                    .text
                    .trim_matches(|c: char| matches!(c, ',' | ';' | '|' | '·' | ' '));
                if item.is_empty() || !item.chars().any(char::is_alphanumeric) {
                    continue;
                }
                if !matches!(kinds[j], Kind::Text | Kind::Repeated | Kind::Tags)
                    || l.words > 4
                    || l.chars > 40
                    || l.ends_sentence
                    || item.chars().count() < 2
                {
                    break;
                }
                if !out.iter().any(|t| t.eq_ignore_ascii_case(item)) {
                    out.push(item.to_owned());
                }
            }
            return out;
        }
    }
    Vec::new()
}

/// A bare "Tags" heading over the tag list ("Topics" without a colon is
/// more often a menu).
fn is_tag_heading(line: &Line) -> bool {
    line.key == "topics:"
        || matches!(
            line.key.trim_end_matches(':'),
            "tags" | "tagged" | "tagged with" | "filed under" | "keywords"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_input_does_not_panic() {
        for text in [
            "",
            "\n\n\n",
            "\u{0}\u{1}\u{fffd}\u{fffd}\n\u{7f}",
            " date 2019-12-09 ",
            " date 2019-13-45 x",
        ] {
            let a = extract_dump(text, None, None);
            assert!(!a.is_article);
            assert!(a.reason.is_some());
        }
    }

    #[test]
    fn a_dump_judged_no_article_keeps_its_text() {
        // Too short for a story: rejected, but its text is its body (the
        // fuzz target's first seed once found `text` left empty here).
        let dump =
            "Home\nWorld\nFloods hit the coast\nBy Jane Doe\nPublished 3 March 2026, 14:05\n\
            Heavy rain flooded hundreds of homes along the coast on Monday, officials said.\n\n\
            Emergency crews worked through the night to reach stranded residents.\n\
            Share this article\n\u{a9} 2026 Daily Planet\n";
        let a = extract_dump(dump, None, None);
        assert!(!a.is_article);
        assert!(a.reason.is_some());
        assert!(!a.body.is_empty());
        let joined: Vec<&str> = a.body.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(a.text, joined.join("\n\n"));
    }

    #[test]
    fn huge_single_line_is_linear() {
        let line = "word and more words in a sentence. ".repeat(200_000);
        let a = extract_dump(&line, None, None);
        assert!(a.is_article);
        assert_eq!(a.body.len(), 1);
    }

    #[test]
    fn a_million_lines_do_not_panic() {
        // Short lines keep this quick in debug builds; the release-mode
        // throughput on big dumps is checked with the dump_eval example.
        let mut text = String::with_capacity(8_000_000);
        for i in 0..1_000_000 {
            text.push_str(if i % 10 == 0 {
                "Home\n"
            } else {
                "Ok, a b c d e.\n"
            });
        }
        let a = extract_dump(&text, None, None);
        assert!(a.reason.is_some() || !a.text.is_empty());
    }

    #[test]
    fn random_bytes_do_not_panic() {
        // A fixed xorshift stream: the same junk on every run.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let bytes: Vec<u8> = (0..200_000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect();
        let text = String::from_utf8_lossy(&bytes);
        let a = extract_dump(&text, None, None);
        assert!(!a.is_article || !a.text.is_empty());
    }

    #[test]
    fn repeated_lines_and_bare_tag_headings() {
        let lines: Vec<Line> = "Home\nNews\nHome\nTags\nIran Syria\nA caption\nPhoto: AP"
            .lines()
            .filter_map(Line::new)
            .collect();
        let mut kinds = classify_all(&lines);
        mark_page_context(&lines, &mut kinds);
        assert_eq!(
            kinds[2],
            Kind::Boilerplate,
            "vocabulary wins over repetition"
        );
        assert_eq!(kinds[4], Kind::Tags);
        assert_eq!(kinds[5], Kind::Caption);
    }

    #[test]
    fn tags_one_a_line_stop_at_other_lines() {
        let dump = "Storm floods the coast\n\
            Heavy rain flooded hundreds of homes along the coast on Monday, officials said.\n\
            More storms are expected later this week as the front moves north, forecasters warned.\n\
            Tags\nFloods,\n,\nWeather\nShare this:\nFacebook";
        let a = extract_dump(dump, None, None);
        assert_eq!(a.tags, ["Floods", "Weather"]);
    }

    #[test]
    fn seed_like_page_end_to_end() {
        let dump = " date 2019-12-09 Daily Planet - News\nStorm floods the coast\nBy JANE DOE\n\
            DECEMBER 9, 2019 17:34\n\
            Heavy rain flooded hundreds of homes along the coast on Monday, officials said.\n\
            More storms are expected later this week as the front moves north, forecasters warned.\n\
            Tags Floods United States Coast\nCustomer service: Telephone 555 E-mail: help@planet.example";
        let a = extract_dump(dump, None, None);
        assert_eq!(a.authors, ["Jane Doe"]);
        assert_eq!(a.published.unwrap().to_string(), "2019-12-09T17:34:00");
        assert_eq!(a.tags, ["Floods", "United States", "Coast"]);
        assert!(!a.text.contains("Telephone"));
    }

    #[test]
    fn error_pages_are_rejected() {
        let a = extract_dump(
            "Home\nNews\n404 - Page not found\nSorry, we could not find that page.",
            None,
            None,
        );
        assert!(!a.is_article);
        assert_eq!(a.reason.as_deref(), Some("error page"));
    }

    #[test]
    fn profile_lines_are_dropped_but_duplicates_keep_their_text() {
        let a = "Nav\nHeavy rain flooded hundreds of homes along the coast on Monday, officials said today.\n\
                 More storms are expected later this week as the front moves north, forecasters warned.";
        let profile = SiteProfile::learn(&[a, a]);
        assert!(profile.is_boilerplate("Nav"));
        let article = extract_dump(a, None, Some(&profile));
        assert!(
            article.is_article,
            "a page repeating another keeps its body"
        );
    }
}
/// A tuning aid, not a check: `DUMP=page.txt cargo test -p dateline-extract
/// explain_dump -- --nocapture` prints each line's kind and score.
#[cfg(test)]
mod tuning {
    #[test]
    fn explain_dump() {
        let Ok(path) = std::env::var("DUMP") else {
            return;
        };
        let text = std::fs::read_to_string(path).unwrap();
        let (_, text) = super::line::split_header(&text);
        let lines = super::line::split_lines(text);
        let mut kinds = super::classify_all(&lines);
        super::mark_page_context(&lines, &mut kinds);
        let scores: Vec<i64> = lines
            .iter()
            .zip(&kinds)
            .map(|(l, k)| super::body::score(l, *k))
            .collect();
        for (i, l) in lines.iter().enumerate() {
            println!(
                "{i:4} {:?} {} | {}",
                kinds[i],
                scores[i],
                &l.text.chars().take(90).collect::<String>()
            );
        }
    }
}
