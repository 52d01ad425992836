//! Matching a verb block's patterns around one verb, TABARI's way: the
//! elements before `*` are found going left from the verb, those after it
//! going right; words may lie between elements unless `_` joins them.

use crate::dict::lexicon::{Kind, Scan};
use crate::dict::verbs::{Element, Pattern, Step, Verbs};
use crate::phrases::Phrase;
use crate::text::Token;

/// At most this many words lie between the verb and a pattern element
/// after it, or between two such elements not joined by `_`. TABARI's
/// patterns skip any number of words; over a whole sentence that lets a
/// statement verb's pattern reach into another clause ("said eight people
/// were killed in an air strike by government forces" matched `+ * KILLED
/// BY $`, "... said on Monday night, expanding its campaign against ..."
/// one of `* ATTACK`). Five words keep a determiner, adjectives and a short
/// modifier between the elements: on the functional suite triple F1 is
/// unchanged (0.819 to 0.820), on the PETRARCH-2 gold records it rises
/// from 0.371 to 0.416 (precision 0.337 to 0.387); three or four words
/// cost the suite recall (0.809, 0.812).
pub const MAX_GAP: usize = 5;

/// What a pattern found.
#[derive(Debug, Default, Clone)]
pub struct Found {
    /// The phrase in the `$` slot.
    pub source: Option<usize>,
    /// The phrase in the `+` slot.
    pub target: Option<usize>,
    /// The phrase in the `%` slot.
    pub compound: Option<usize>,
    /// First token the pattern covers.
    pub first: usize,
    /// Token after the last it covers.
    pub end: usize,
}

/// The sentence as patterns see it.
pub struct Sentence<'a> {
    /// Upper-case words.
    pub words: &'a [&'a str],
    /// Tokens.
    pub tokens: &'a [Token],
    /// Actor phrases.
    pub phrases: &'a [Phrase],
    /// Phrase starting at each token.
    pub starts: &'a [Option<usize>],
    /// Phrase ending before each token (index = end).
    pub ends: &'a [Option<usize>],
    /// Which dictionary words and sets the sentence holds.
    pub presence: &'a Presence,
}

/// The dictionary words (pattern words, first words of set phrases) and
/// synonym sets a sentence holds anywhere: a pattern needing one it lacks
/// is not tried.
pub struct Presence {
    words: Vec<u64>,
    sets: Vec<bool>,
}

impl Presence {
    /// What the scanned sentence holds.
    pub fn new(verbs: &Verbs, scan: &Scan<'_>) -> Self {
        let mut out = Self {
            words: vec![0; verbs.word_count().div_ceil(64)],
            sets: vec![false; verbs.sets.len()],
        };
        for id in scan.all(Kind::VerbWord) {
            out.words[id as usize / 64] |= 1 << (id % 64);
            for &set in &verbs.word_sets[id as usize] {
                out.sets[set as usize] = true;
            }
        }
        out
    }

    /// Whether the sentence holds every word and set `pattern` needs.
    #[inline]
    pub fn allows(&self, pattern: &Pattern) -> bool {
        pattern
            .needs
            .iter()
            .all(|&id| self.words[id as usize / 64] & (1 << (id % 64)) != 0)
            && pattern
                .needs_sets
                .iter()
                .all(|&set| self.sets.get(set as usize).copied().unwrap_or(false))
    }
}

/// Tries `pattern` around the verb at `first..end`.
pub fn try_pattern(
    verbs: &Verbs,
    s: &Sentence,
    pattern: &Pattern,
    first: usize,
    end: usize,
) -> Option<Found> {
    // Most patterns fail on a word the sentence lacks: check words first.
    if !s.presence.allows(pattern) {
        return None;
    }
    let has = |w: &crate::dict::words::Word, range: &[&str]| range.iter().any(|t| w.matches(t));
    let words_present = pattern.after.iter().all(|st| match &st.element {
        Element::Word(w) => has(w, &s.words[end.min(s.words.len())..]),
        _ => true,
    }) && pattern.before.iter().all(|st| match &st.element {
        Element::Word(w) => has(w, &s.words[..first]),
        _ => true,
    });
    if !words_present {
        return None;
    }
    let mut found = Found {
        first,
        end,
        ..Found::default()
    };
    let mut pos = end;
    for (i, step) in pattern.after.iter().enumerate() {
        let adjacent = if i == 0 {
            pattern.verb_touches
        } else {
            pattern.after[i - 1].joined
        };
        pos = forward(verbs, s, step, pos, adjacent, &mut found)?;
    }
    found.end = found.end.max(pos);
    let mut pos = first;
    let last = pattern.before.len();
    for (i, step) in pattern.before.iter().enumerate().rev() {
        let adjacent = if i + 1 == last {
            pattern.touches_verb
        } else {
            step.joined
        };
        pos = backward(verbs, s, step, pos, adjacent, &mut found)?;
    }
    found.first = found.first.min(pos);
    Some(found)
}

fn forward(
    verbs: &Verbs,
    s: &Sentence,
    step: &Step,
    pos: usize,
    adjacent: bool,
    found: &mut Found,
) -> Option<usize> {
    if step.element == Element::Skip {
        return Some(pos);
    }
    let last = if adjacent {
        pos.min(s.words.len())
    } else {
        s.words.len().saturating_sub(1).min(pos + MAX_GAP)
    };
    // An element not next to the one before stays in the verb's clause:
    // the search stops at a comma or a subordinator it does not match
    // ("entered Raqqa according to ..." is not `* ACCORD`).
    let mut stop = false;
    (pos..=last).find_map(|p| {
        if stop {
            return None;
        }
        let hit = at_forward(verbs, s, &step.element, p, found);
        if hit.is_none() && s.words.get(p).is_some_and(|w| crate::coder::is_boundary(w)) {
            stop = true;
        }
        hit
    })
}

fn at_forward(
    verbs: &Verbs,
    s: &Sentence,
    element: &Element,
    p: usize,
    found: &mut Found,
) -> Option<usize> {
    match element {
        Element::Word(w) => (s.tokens.get(p)?.word && fits(w, s.words[p])).then_some(p + 1),
        Element::Set(set) => verbs.sets.get(*set as usize)?.iter().find_map(|phrase| {
            let fits = phrase.len() <= s.words.len() - p
                && phrase.iter().zip(&s.words[p..]).all(|(w, t)| fits(w, t));
            fits.then_some(p + phrase.len())
        }),
        Element::Source | Element::Target | Element::Compound => {
            let start = skip_fillers(s.words, p);
            let phrase = (*s.starts.get(start)?)?;
            match element {
                Element::Source => found.source = Some(phrase),
                Element::Target => found.target = Some(phrase),
                _ => found.compound = Some(phrase),
            }
            Some(s.phrases[phrase].end)
        }
        Element::Verb | Element::Skip => Some(p),
    }
}

fn backward(
    verbs: &Verbs,
    s: &Sentence,
    step: &Step,
    pos: usize,
    adjacent: bool,
    found: &mut Found,
) -> Option<usize> {
    if step.element == Element::Skip {
        return Some(pos);
    }
    let lowest = if adjacent { pos } else { 1 };
    (lowest..=pos)
        .rev()
        .find_map(|e| at_backward(verbs, s, &step.element, e, found))
}

/// Matches `element` ending just before token `e`; returns its start.
fn at_backward(
    verbs: &Verbs,
    s: &Sentence,
    element: &Element,
    e: usize,
    found: &mut Found,
) -> Option<usize> {
    if e == 0 {
        return None;
    }
    match element {
        Element::Word(w) => (s.tokens[e - 1].word && fits(w, s.words[e - 1])).then_some(e - 1),
        Element::Set(set) => verbs.sets.get(*set as usize)?.iter().find_map(|phrase| {
            let n = phrase.len();
            let fits = n <= e
                && phrase
                    .iter()
                    .zip(&s.words[e - n..e])
                    .all(|(w, t)| fits(w, t));
            fits.then(|| e - n)
        }),
        Element::Source | Element::Target | Element::Compound => {
            let phrase = (*s.ends.get(e)?)?;
            match element {
                Element::Source => found.source = Some(phrase),
                Element::Target => found.target = Some(phrase),
                _ => found.compound = Some(phrase),
            }
            Some(s.phrases[phrase].first)
        }
        Element::Verb | Element::Skip => Some(e),
    }
}

/// Whether a pattern word matches a token: as a stem, except that a
/// clause boundary ("according", "which", "after") matches only itself
/// (`ACCORD` is not "according").
fn fits(w: &crate::dict::words::Word, token: &str) -> bool {
    w.matches(token) && (w.text == token || !crate::coder::is_boundary(token))
}

/// Skips "the", "a", "its" before a phrase.
pub fn skip_fillers(words: &[&str], mut p: usize) -> usize {
    while p < words.len() && matches!(words[p], "THE" | "A" | "AN" | "ITS" | "THEIR") {
        p += 1;
    }
    p
}
