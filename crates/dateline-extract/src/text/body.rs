//! Finding the article body among a dump's lines.
//!
//! Each line gets a score: running text earns its length, navigation,
//! teasers and vocabulary lines cost a little, comment headers cost a lot.
//! The body is the contiguous stretch with the highest total (Kadane's
//! maximum subarray, linear time), so a few short lines inside the article
//! (sub-headings, a "See tweets:") do not break it, while menus and
//! footers, long runs of costs, fall outside.
//!
//! Known failures: an article shorter than the comments under it loses to
//! them when no comment header separates the two; bodies made only of short
//! lines (lists, poems) score like menus.

// Lines, kinds and scores are parallel slices, indexed together.
#![allow(clippy::needless_range_loop)]

use dateline_model::{Block, BlockKind};

use super::kind::Kind;
use super::line::Line;
use super::list;

/// The score of one line: positive for body-like text.
pub(crate) fn score(line: &Line, kind: Kind) -> i64 {
    let c = line.chars as i64;
    match kind {
        Kind::Text => {}
        Kind::Comments => return -300,
        Kind::Closing => return -100,
        Kind::Boilerplate | Kind::Contact | Kind::Tags | Kind::Junk => return -50,
        Kind::Known => return -40,
        Kind::Repeated => return -30,
        Kind::Date | Kind::Byline | Kind::Caption | Kind::Credit => return -10,
    }
    if line.is_prose() {
        if line.ends_sentence && c >= 25 {
            return (c - 40).max(5);
        }
        if c >= 120 {
            return c - 60;
        }
        // Sentence-case headlines of teasers: prose-like but unfinished.
        return -10;
    }
    if c >= 150 && line.ends_sentence {
        return c / 2;
    }
    if line.words >= 5 && line.lower_ratio() < 0.3 {
        // Title-case runs: menus and headline lists.
        return -25;
    }
    -20
}

/// The body found on a page.
#[derive(Debug, Default)]
pub(crate) struct Selection {
    /// Body blocks with the index of their line.
    pub blocks: Vec<(usize, Block)>,
    /// First line of the region after the article header.
    pub start: usize,
    /// End (exclusive) of the region, lists included.
    pub end: usize,
    /// Characters of body text.
    pub chars: usize,
}

/// Scores the lines and selects the body: the best region, its header
/// skipped, and a list its last line introduces.
pub(crate) fn select(lines: &[Line], kinds: &[Kind]) -> Selection {
    let mut scores: Vec<i64> = lines.iter().zip(kinds).map(|(l, k)| score(l, *k)).collect();
    list::credit_lists(lines, kinds, &mut scores);
    damp_comments(kinds, &mut scores);
    let Some(region) = best_region(&scores) else {
        return Selection::default();
    };
    let region = merge_neighbours(kinds, &scores, region);
    let start = skip_header(lines, kinds, region);
    let mut blocks = blocks(lines, kinds, &scores, (start, region.1));
    let mut end = region.1;
    // A list introduced by the body's last line ("Tour dates:") is body too.
    let last = blocks.last().map(|(i, _)| *i);
    let intro = last
        .filter(|&i| list::ends_with_colon(&lines[i]))
        .or_else(|| {
            let next = region.1;
            (next < lines.len() && kinds[next] == Kind::Text && list::ends_with_colon(&lines[next]))
                .then_some(next)
        });
    if let Some(intro) = intro {
        let items = list::list_len(lines, kinds, intro + 1, lines.len());
        if items > 0 {
            blocks.retain(|(i, _)| *i < intro);
            blocks.push((
                intro,
                Block::new(BlockKind::Paragraph, lines[intro].text.clone()),
            ));
            end = intro + 1 + items;
            blocks.extend(
                (intro + 1..end)
                    .map(|j| (j, Block::new(BlockKind::ListItem, lines[j].text.clone()))),
            );
        }
    }
    let chars = blocks.iter().map(|(_, b)| b.text.chars().count()).sum();
    Selection {
        blocks,
        start,
        end: end.max(region.1),
        chars,
    }
}

/// The longest run of neutral lines a region may be joined across.
const MAX_GAP: usize = 80;
/// How many lines beyond the gap a neighbouring stretch is looked for in.
const NEIGHBOUR_WINDOW: usize = 400;
/// How many neighbours may be joined on each side.
const MAX_JOINS: usize = 8;
/// The least score a neighbouring stretch needs to be joined.
const MIN_NEIGHBOUR: i64 = 100;

/// Joins the region with the best stretch after it (and before it) when
/// only neutral lines lie between: no vocabulary, legal, comment or known
/// boilerplate line, just short unknown text such as the labels of a chart
/// or the cells of a table drawn inside the article.
fn merge_neighbours(
    kinds: &[Kind],
    scores: &[i64],
    (mut start, mut end): (usize, usize),
) -> (usize, usize) {
    let neutral = |k: &Kind| {
        matches!(
            k,
            Kind::Text | Kind::Repeated | Kind::Caption | Kind::Credit
        )
    };
    // Bounded: a few joins, each looking at a window of lines, keep this linear.
    for _ in 0..MAX_JOINS {
        let window = &scores[end..scores.len().min(end + MAX_GAP + NEIGHBOUR_WINDOW)];
        let Some((s, e)) = best_region(window).map(|(s, e)| (s + end, e + end)) else {
            break;
        };
        let sum: i64 = scores[s..e].iter().sum();
        if sum < MIN_NEIGHBOUR || s - end > MAX_GAP || !kinds[end..s].iter().all(neutral) {
            break;
        }
        end = e;
    }
    for _ in 0..MAX_JOINS {
        let from = start.saturating_sub(MAX_GAP + NEIGHBOUR_WINDOW);
        let Some((s, e)) = best_region(&scores[from..start]).map(|(s, e)| (s + from, e + from))
        else {
            break;
        };
        let sum: i64 = scores[s..e].iter().sum();
        if sum < MIN_NEIGHBOUR || start - e > MAX_GAP || !kinds[e..start].iter().all(neutral) {
            break;
        }
        start = s;
    }
    (start, end)
}

/// Prose this strong (in score points) before a comment header means the
/// article is above it, so what follows is the comment section.
const ARTICLE_BEFORE_COMMENTS: i64 = 250;

/// Two datelines this close (in lines) after an article start a teaser list.
const TEASER_SPAN: usize = 8;

/// Damps the scores after a comment section starts: readers' comments are
/// prose too, and a long thread would otherwise outscore the article.
fn damp_comments(kinds: &[Kind], scores: &mut [i64]) {
    let mut seen = 0;
    for i in 0..scores.len() {
        // Dated teasers ("headline, date, summary" again and again) follow
        // an article the way comments do: two dates close together.
        let teasers = kinds[i] == Kind::Date
            && kinds[i + 1..scores.len().min(i + TEASER_SPAN)].contains(&Kind::Date);
        if (teasers || matches!(kinds[i], Kind::Comments | Kind::Closing))
            && seen >= ARTICLE_BEFORE_COMMENTS
        {
            for s in &mut scores[i..] {
                if *s > 0 {
                    *s /= 10;
                }
            }
            return;
        }
        seen += scores[i].max(0);
    }
}

/// The half-open range of the maximum-sum stretch, if any line scores above zero.
fn best_region(scores: &[i64]) -> Option<(usize, usize)> {
    let (mut best, mut best_range) = (0i64, None);
    let (mut sum, mut start) = (0i64, 0);
    for (i, &s) in scores.iter().enumerate() {
        if sum <= 0 {
            sum = 0;
            start = i;
        }
        sum += s;
        if sum > best {
            best = sum;
            best_range = Some((start, i + 1));
        }
    }
    best_range
}

/// Moves the region start past the article header (standfirst, byline,
/// dateline, lead image) when the region begins with it, so the standfirst
/// does not open the body.
fn skip_header(lines: &[Line], kinds: &[Kind], (start, end): (usize, usize)) -> usize {
    let window = end.min(start + 8);
    let mut cut = None;
    let mut prose_before = 0;
    for i in start..window {
        match kinds[i] {
            Kind::Byline | Kind::Date | Kind::Caption | Kind::Credit if prose_before <= 2 => {
                cut = Some(i + 1)
            }
            Kind::Text if lines[i].is_prose() => prose_before += 1,
            _ => {}
        }
    }
    cut.unwrap_or(start)
}

/// The body blocks of a region: scored text, plus short lines standing
/// alone between paragraphs (sub-headings, lead-ins). Longer runs of short
/// lines inside the region (teaser lists, share bars) are dropped.
fn blocks(
    lines: &[Line],
    kinds: &[Kind],
    scores: &[i64],
    (start, end): (usize, usize),
) -> Vec<(usize, Block)> {
    let mut out = Vec::new();
    let mut i = start;
    while i < end {
        if kinds[i] == Kind::Text && scores[i] > 0 {
            out.push((i, Block::new(block_kind(&lines[i]), lines[i].text.clone())));
            i += 1;
            continue;
        }
        let run_end = (i..end)
            .find(|&j| kinds[j] == Kind::Text && scores[j] > 0)
            .unwrap_or(end);
        if list::list_len(lines, kinds, i, run_end) == run_end - i {
            for j in i..run_end {
                out.push((j, Block::new(BlockKind::ListItem, lines[j].text.clone())));
            }
        } else if run_end - i <= 2 && run_end < end {
            for j in i..run_end {
                // A sentence said twice inside the article (an embedded
                // post's signature, a recurring interview question) is text.
                let repeated_sentence =
                    kinds[j] == Kind::Repeated && lines[j].ends_sentence && lines[j].words >= 4;
                if (kinds[j] == Kind::Text && lines[j].words <= 20) || repeated_sentence {
                    let kind = if lines[j].ends_sentence {
                        block_kind(&lines[j])
                    } else {
                        BlockKind::Heading
                    };
                    out.push((j, Block::new(kind, lines[j].text.clone())));
                }
            }
        }
        i = run_end;
    }
    out
}

fn block_kind(line: &Line) -> BlockKind {
    if line.text.starts_with(['•', '·', '*', '▪', '►']) || line.text.starts_with("- ") {
        BlockKind::ListItem
    } else {
        BlockKind::Paragraph
    }
}

#[cfg(test)]
mod tests {
    use super::super::kind::classify;
    use super::*;

    fn page(text: &str) -> (Vec<Line>, Vec<Kind>, Vec<i64>) {
        let lines: Vec<Line> = text.lines().filter_map(Line::new).collect();
        let kinds: Vec<Kind> = lines.iter().map(classify).collect();
        let scores = lines
            .iter()
            .zip(&kinds)
            .map(|(l, k)| score(l, *k))
            .collect();
        (lines, kinds, scores)
    }

    const PAGE: &str = "Home\nNews\nSport\nWorld\nBusiness\n\
        Storm floods the coast\n\
        Heavy rain flooded hundreds of homes along the coast on Monday, officials said.\n\
        More storms are expected later this week as the front moves north, forecasters warned.\n\
        What comes next\n\
        Residents were told to stay indoors and to keep away from the rivers until the water falls.\n\
        Share this:\nFacebook\nTwitter\nMost Popular\nMayor Opens New Bridge\nCopyright 2019 Daily Planet. All rights reserved.";

    #[test]
    fn kadane_finds_the_article_and_keeps_a_subheading() {
        let (lines, kinds, scores) = page(PAGE);
        let region = best_region(&scores).unwrap();
        let texts: Vec<String> = blocks(&lines, &kinds, &scores, region)
            .into_iter()
            .map(|(_, b)| b.text)
            .collect();
        assert_eq!(texts.len(), 4);
        assert!(texts[0].starts_with("Heavy rain"));
        assert_eq!(texts[2], "What comes next");
        assert!(texts[3].starts_with("Residents"));
    }

    #[test]
    fn comments_after_the_article_are_damped() {
        let article = "Heavy rain flooded hundreds of homes along the coast on Monday, officials said, \
                       and more storms are expected later this week as the front moves slowly north.\n";
        let comment = "I could not agree more with this, the council should have acted years ago on the flooding.\n";
        let text = format!("{}Leave a Reply\n{}", article.repeat(4), comment.repeat(12));
        let (lines, kinds, _) = page(&text);
        let sel = select(&lines, &kinds);
        assert_eq!(sel.blocks.len(), 4, "the longer thread below stays out");
    }

    #[test]
    fn dated_teasers_after_the_article_are_damped() {
        let para = "Heavy rain flooded hundreds of homes along the coast on Monday, officials said, \
                    and more storms are expected later this week as the front moves slowly north.\n";
        let teaser = "Mayor Opens Bridge\nNovember 19, 2019\nThe new bridge over the river opened to traffic after three years of work.\n";
        let text = format!("{}{}", para.repeat(4), teaser.repeat(6));
        let (lines, kinds, _) = page(&text);
        assert_eq!(select(&lines, &kinds).blocks.len(), 4);
    }

    #[test]
    fn neutral_gaps_are_joined() {
        let para = "Heavy rain flooded hundreds of homes along the coast on Monday, officials said today.\n";
        let chart = "$915\nbillion\n'17\n'18\n'19\n'20\n'21\n'22\n";
        let text = format!(
            "{}{chart}{}",
            para.repeat(3),
            para.replace("Monday", "Tuesday").repeat(3)
        );
        let (lines, kinds, _) = page(&text);
        let sel = select(&lines, &kinds);
        assert!(sel.blocks.last().unwrap().1.text.contains("Tuesday"));
        let menu = "$915\nHome\nSubscribe\n";
        let text = format!(
            "{}{menu}{}",
            para.repeat(3),
            para.replace("Monday", "Tuesday").repeat(2)
        );
        let (lines, kinds, _) = page(&text);
        assert!(
            !select(&lines, &kinds)
                .blocks
                .iter()
                .any(|(_, b)| b.text.contains("Tuesday")),
            "vocabulary is a barrier"
        );
    }

    #[test]
    fn no_region_without_text() {
        assert_eq!(best_region(&[-5, -20, -1]), None);
        assert_eq!(best_region(&[]), None);
        assert_eq!(best_region(&[3, -1, 4, -10, 2]), Some((0, 3)));
    }

    #[test]
    fn header_is_skipped() {
        let (lines, kinds, scores) = page(
            "US policy in Syria was once about defeating ISIS and stabilizing the area, officials said.\n\
             By SETH J. FRANTZMAN\nDECEMBER 9, 2019 17:34\n\
             Russian forces entered Raqqa according to a Russian TV channel and other reports.",
        );
        let region = best_region(&scores).unwrap();
        assert_eq!(skip_header(&lines, &kinds, region), 3);
    }
}
