//! Lists and tables rendered one row a line.
//!
//! A dump flattens a table or a list into short lines that look like a
//! menu. Two things tell them apart: rows share a shape (how they start,
//! which separator they use: "June 9 -- Coral Sky Amphitheatre, FL"), and
//! the article announces them with a line ending in a colon ("Tour
//! dates:"). Menus have neither.
//!
//! Known failure: tables drawn one cell a line have no row shape and are lost.

// Lines, kinds and scores are parallel slices, indexed together.
#![allow(clippy::needless_range_loop)]

use super::kind::Kind;
use super::line::Line;

/// Lines that introduce a list end with a colon ("Tour dates:").
pub(crate) fn ends_with_colon(line: &Line) -> bool {
    line.text.ends_with(':')
}

/// The number of lines from `from` (before `to`) that form a list: at
/// least three text lines of the same shape (how they start, which
/// separator they use), a separator, a leading number or a lower-case
/// start being required so that plain title-case menus do not qualify.
pub(crate) fn list_len(lines: &[Line], kinds: &[Kind], from: usize, to: usize) -> usize {
    let Some(first) = lines
        .get(from)
        .filter(|_| from < to && kinds[from] == Kind::Text)
    else {
        return 0;
    };
    let sig = shape(first);
    if sig.1.is_none() && !matches!(sig.0, 'd' | 'l') {
        return 0;
    }
    let n = (from..to)
        .take_while(|&j| {
            kinds[j] == Kind::Text && lines[j].chars <= 200 && same_shape(shape(&lines[j]), sig)
        })
        .count();
    if n >= 3 {
        n
    } else {
        0
    }
}

/// Rows of a list starting with a number or in lower case need only start
/// alike; others must also share their separator.
fn same_shape(a: (char, Option<&'static str>), b: (char, Option<&'static str>)) -> bool {
    a.0 == b.0 && (matches!(a.0, 'd' | 'l') || a.1 == b.1)
}

/// How a line starts (digit, upper, lower, other) and its first separator.
fn shape(line: &Line) -> (char, Option<&'static str>) {
    const SEPARATORS: &[&str] = &[" -- ", " – ", " — ", " - ", " @ ", " : ", ": ", " | "];
    let start = match line.text.chars().next() {
        Some(c) if c.is_ascii_digit() => 'd',
        Some(c) if c.is_uppercase() => 'u',
        Some(c) if c.is_lowercase() => 'l',
        _ => 'o',
    };
    let sep = SEPARATORS
        .iter()
        .filter_map(|s| line.text.find(s).map(|i| (i, *s)))
        .min()
        .map(|(_, s)| s);
    (start, sep)
}

/// Lists (tables rendered one row a line) announced by a line ending with
/// a colon are text: their rows earn half their length, so a standings
/// table or a tour-date list can carry the region like prose does. One
/// header row may sit between the colon line and the rows.
pub(crate) fn credit_lists(lines: &[Line], kinds: &[Kind], scores: &mut [i64]) {
    let mut i = 0;
    while i < lines.len() {
        if kinds[i] == Kind::Text && ends_with_colon(&lines[i]) {
            for from in [i + 1, i + 2] {
                let n = list_len(lines, kinds, from, lines.len());
                if n > 0 {
                    for j in from..from + n {
                        scores[j] = scores[j].max(lines[j].chars as i64 / 2);
                    }
                    i = from + n;
                    break;
                }
            }
        }
        i += 1;
    }
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
    fn lists_of_one_shape_are_kept() {
        let (lines, kinds) = page(
            "June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL\nJune 10 -- MIDFLORIDA Amphitheatre, Tampa, FL\n\
             June 14 -- Ameris Bank Amphitheatre, Alpharetta, GA\nRelated\nNews\nSport\nWeather",
        );
        assert_eq!(list_len(&lines, &kinds, 0, lines.len()), 3);
        assert_eq!(
            list_len(&lines, &kinds, 3, lines.len()),
            0,
            "a menu is no list"
        );
    }

    #[test]
    fn announced_lists_earn_score() {
        let (lines, kinds) = page(
            "Standings after 36 races:\nPos. Driver Points\n1 Kyle Busch 5040\n2 Martin Truex Jr. 5035\n\
             3 Kevin Harvick 5033\nHome",
        );
        let mut scores = vec![-20; lines.len()];
        credit_lists(&lines, &kinds, &mut scores);
        assert_eq!(&scores[2..5], &[8, 11, 10]);
        assert_eq!(scores[5], -20);
    }
}
