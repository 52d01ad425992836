//! Snippets: about [`SNIPPET_CHARS`] characters of an article around its
//! densest cluster of query words, cut at word boundaries, with the
//! matched words' character ranges.
//!
//! Our own rather than tantivy's `SnippetGenerator`: that one measures its
//! window in bytes (half as many characters of Hebrew or Cyrillic), returns
//! byte ranges, and returns nothing when no word matches, where we fall back
//! to the text's opening.

use tantivy::tokenizer::TextAnalyzer;

/// Target snippet length in characters.
pub const SNIPPET_CHARS: usize = 200;

/// Text scanned for matches, in bytes: beyond this a long text's snippet
/// comes from its first part (tokenising megabytes per hit would be slow).
const SCAN_BYTES: usize = 100_000;

/// Marks text cut off before or after the snippet.
const ELLIPSIS: &str = "…";

/// A snippet and the character ranges of its matched words.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Snippet {
    pub text: String,
    pub highlights: Vec<[usize; 2]>,
}

/// A token of the scanned text: byte range and whether it matched.
struct Tok {
    from: usize,
    to: usize,
    /// Index of the matched query word.
    word: Option<usize>,
}

/// The snippet of the first text that contains a query word, else the
/// opening of the first non-empty text.
pub(crate) fn snippet(analyzer: &TextAnalyzer, texts: &[&str], words: &[String]) -> Snippet {
    let mut analyzer = analyzer.clone();
    let texts: Vec<&str> = texts
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .collect();
    for text in &texts {
        let toks = match match_region(&mut analyzer, text, words) {
            Region::Around(region) => tokens(&mut analyzer, text, region, words, false),
            Region::NoMatch => continue,
            Region::Unknown => tokens(&mut analyzer, text, 0..text.len(), words, true),
        };
        if toks.iter().any(|t| t.word.is_some()) {
            return cut(text, &toks);
        }
    }
    // No match anywhere: the opening of the first text.
    texts.first().map_or_else(Snippet::default, |text| {
        let toks = tokens(&mut analyzer, text, 0..opening_end(text), &[], false);
        cut(text, &toks)
    })
}

/// Where the text's opening snippet ends, at most: comfortably past
/// [`SNIPPET_CHARS`] characters of any script.
fn opening_end(text: &str) -> usize {
    text.char_indices()
        .nth(SNIPPET_CHARS * 2)
        .map_or(text.len(), |(i, _)| i)
}

/// Where in a text the snippet can come from.
enum Region {
    /// The byte range worth tokenising: around the best window of matches.
    Around(std::ops::Range<usize>),
    /// No query word occurs in the text.
    NoMatch,
    /// Some query word is not ASCII: tokenise the whole text.
    Unknown,
}

/// Finds the query words' occurrences without tokenising the whole text
/// (most of a search's time otherwise), for ASCII query words.
///
/// The analyzer's tokens are the maximal runs of alphanumeric characters,
/// lower-cased and folded to ASCII. So an ASCII word matches (1) where it
/// occurs case-insensitively between two non-alphanumeric characters, and
/// (2) as a whole run holding non-ASCII letters that fold to it (`Équipe`):
/// the first by substring search, the second by analysing only the runs
/// around non-ASCII bytes. Then the window of [`SNIPPET_CHARS`] with the
/// most distinct words, then the most matches, earliest first (as
/// [`best_window`]), widened by context to whole words.
fn match_region(analyzer: &mut TextAnalyzer, text: &str, words: &[String]) -> Region {
    if words.iter().any(|w| !w.is_ascii()) {
        return Region::Unknown;
    }
    let alphanumeric_before = |at: usize| {
        text[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    };
    let alphanumeric_after =
        |at: usize| text[at..].chars().next().is_some_and(char::is_alphanumeric);
    let lower = text.as_bytes().to_ascii_lowercase();
    // (byte from, byte to, word index)
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    for (index, word) in words.iter().enumerate() {
        if word.is_empty() {
            continue;
        }
        for from in memchr::memmem::find_iter(&lower, word.as_bytes()) {
            let to = from + word.len();
            if !alphanumeric_before(from) && !alphanumeric_after(to) {
                found.push((from, to, index));
            }
        }
    }
    let mut at = 0;
    while let Some(offset) = lower[at..].iter().position(|b| !b.is_ascii()) {
        let mut from = at + offset;
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = from + text[from..].chars().next().map_or(1, char::len_utf8);
        if text[from..to]
            .chars()
            .all(|c| c.is_alphanumeric() && folds_to_ascii(c))
        {
            while alphanumeric_before(from) {
                from -= text[..from].chars().next_back().map_or(1, char::len_utf8);
            }
            while alphanumeric_after(to) {
                to += text[to..].chars().next().map_or(1, char::len_utf8);
            }
            let mut stream = analyzer.token_stream(&text[from..to]);
            if let Some(token) = stream.next() {
                if let Some(index) = words.iter().position(|w| *w == token.text) {
                    found.push((from, to, index));
                }
            }
        }
        at = to;
    }
    if found.is_empty() {
        return Region::NoMatch;
    }
    found.sort_unstable();
    // A word given twice matches the same span twice.
    found.dedup_by_key(|&mut (from, to, _)| (from, to));
    // Character offsets of the matches, counted once from the start.
    let mut chars = Vec::with_capacity(found.len());
    let (mut byte, mut count) = (0, 0);
    for &(from, to, _) in &found {
        count += text[byte..from].chars().count();
        let start = count;
        count += text[from..to].chars().count();
        byte = to;
        chars.push((start, count));
    }
    let mut best = ((0, 0), (0, 0));
    for a in 0..found.len() {
        let mut distinct: Vec<usize> = Vec::new();
        let (mut matches, mut hi) = (0, a);
        for b in a..found.len() {
            if chars[b].1 - chars[a].0 > SNIPPET_CHARS {
                break;
            }
            if !distinct.contains(&found[b].2) {
                distinct.push(found[b].2);
            }
            matches += 1;
            hi = b;
        }
        let score = (distinct.len(), matches);
        if score > best.0 {
            best = (score, (a, hi));
        }
    }
    let (lo, hi) = best.1;
    // Context: as many characters on either side as a snippet can take
    // (`cut` pads a window at the very end of a text backwards), then out
    // to whole words.
    let context = SNIPPET_CHARS + 1;
    let mut from = text[..found[lo].0]
        .char_indices()
        .rev()
        .nth(context)
        .map_or(0, |(i, _)| i);
    while alphanumeric_before(from) {
        from -= text[..from].chars().next_back().map_or(1, char::len_utf8);
    }
    let mut to = text[found[hi].1..]
        .char_indices()
        .nth(context)
        .map_or(text.len(), |(i, _)| found[hi].1 + i);
    while alphanumeric_after(to) {
        to += text[to..].chars().next().map_or(1, char::len_utf8);
    }
    Region::Around(from..to)
}

/// Whether `c` may fold to ASCII: false for the scripts the analyzer's
/// ASCII folding leaves alone (Greek and Cyrillic to Khmer and Mongolian;
/// CJK, Yi, Hangul), whose words can never equal an ASCII query word.
fn folds_to_ascii(c: char) -> bool {
    !matches!(c as u32, 0x0370..=0x1CFF | 0x2E80..=0xA6FF | 0xAC00..=0xD7FF)
}

/// The tokens of `region` of `text` (at most [`SCAN_BYTES`]) with their
/// matches.
///
/// With `stop_early`, stops once some window of [`SNIPPET_CHARS`] holds every query
/// word, plus enough text after it for context: no later window can score
/// higher, and most hits' texts are then tokenised only up to their first
/// matches instead of to the end (the bulk of a search's time otherwise).
fn tokens(
    analyzer: &mut TextAnalyzer,
    text: &str,
    region: std::ops::Range<usize>,
    words: &[String],
    stop_early: bool,
) -> Vec<Tok> {
    let start = region.start;
    let mut end = region.end.min(start + SCAN_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let wanted = {
        let mut distinct: Vec<&String> = words.iter().collect();
        distinct.sort();
        distinct.dedup();
        distinct.len()
    };
    // Bytes: at least as many as the characters they hold.
    let window_bytes = SNIPPET_CHARS;
    let context_bytes = SNIPPET_CHARS * 4;
    let mut recent: Vec<(usize, usize)> = Vec::new();
    let mut stop_after = usize::MAX;
    let mut stream = analyzer.token_stream(&text[start..end]);
    let mut toks = Vec::new();
    while let Some(token) = stream.next() {
        if token.offset_from > stop_after {
            break;
        }
        let word = words.iter().position(|w| *w == token.text);
        toks.push(Tok {
            from: start + token.offset_from,
            to: start + token.offset_to,
            word,
        });
        let Some(word) = word else { continue };
        if !stop_early || stop_after != usize::MAX || wanted == 0 {
            continue;
        }
        recent.retain(|&(from, _)| token.offset_to - from <= window_bytes);
        recent.push((token.offset_from, word));
        let mut seen: Vec<usize> = recent.iter().map(|&(_, w)| w).collect();
        seen.sort_unstable();
        seen.dedup();
        if seen.len() == wanted {
            stop_after = token.offset_to + context_bytes;
        }
    }
    toks
}

/// Cuts the snippet around the best window of matches.
fn cut(text: &str, toks: &[Tok]) -> Snippet {
    if toks.is_empty() {
        // No words at all (punctuation, symbols): the opening characters.
        let end = text
            .char_indices()
            .nth(SNIPPET_CHARS)
            .map_or(text.len(), |(i, _)| i);
        return Snippet {
            text: text[..end].to_string(),
            highlights: Vec::new(),
        };
    }
    // Character offset of every token start and end.
    let mut chars_before = Vec::with_capacity(toks.len());
    let (mut byte, mut chars) = (0, 0);
    for tok in toks {
        chars += text[byte..tok.from].chars().count();
        let start = chars;
        chars += text[tok.from..tok.to].chars().count();
        byte = tok.to;
        chars_before.push((start, chars));
    }
    let (lo, hi) = best_window(toks, &chars_before);
    // Pad the matches with context: a third before, the rest after.
    let used = chars_before[hi].1 - chars_before[lo].0;
    let slack = SNIPPET_CHARS.saturating_sub(used);
    let want_start = chars_before[lo].0.saturating_sub(slack / 3);
    let mut first = lo;
    while first > 0 && chars_before[first - 1].0 >= want_start {
        first -= 1;
    }
    let want_end = chars_before[first].0 + SNIPPET_CHARS;
    let mut last = hi;
    while last + 1 < toks.len() && chars_before[last + 1].1 <= want_end {
        last += 1;
    }
    // Near the end of the text: use what is left before the matches.
    while first > 0 && chars_before[last].1 - chars_before[first - 1].0 <= SNIPPET_CHARS {
        first -= 1;
    }
    // From the very start when only punctuation precedes the first word
    // (a quotation mark), else from the first word kept.
    let start = if text[..toks[first].from].chars().any(char::is_alphanumeric) {
        toks[first].from
    } else {
        0
    };
    // Keep the punctuation that ends the last word ("Raqqa." not "Raqqa").
    let mut end = toks[last].to;
    end += text[end..]
        .find(char::is_whitespace)
        .unwrap_or(text.len() - end);
    if last + 1 < toks.len() {
        end = end.min(toks[last + 1].from);
    }
    let mut out = String::with_capacity(end - start + 8);
    let mut shift = 0;
    if start > 0 {
        out.push_str(ELLIPSIS);
        out.push(' ');
        shift = 2;
    }
    out.push_str(&text[start..end]);
    if end < text.len() {
        out.push(' ');
        out.push_str(ELLIPSIS);
    }
    let base = chars_before[first].0;
    let base = if start == 0 { 0 } else { base };
    let highlights = (first..=last)
        .filter(|i| toks[*i].word.is_some())
        .map(|i| {
            [
                chars_before[i].0 - base + shift,
                chars_before[i].1 - base + shift,
            ]
        })
        .collect();
    Snippet {
        text: out,
        highlights,
    }
}

/// The token range `(lo, hi)` spanning at most [`SNIPPET_CHARS`] whose
/// matches are the most distinct words, then the most matches; the
/// earliest wins ties. Without matches, the opening token.
fn best_window(toks: &[Tok], chars: &[(usize, usize)]) -> (usize, usize) {
    let matched: Vec<usize> = (0..toks.len())
        .filter(|i| toks[*i].word.is_some())
        .collect();
    let mut best = (0, 0);
    let mut best_score = (0, 0);
    for (a, &lo) in matched.iter().enumerate() {
        let mut distinct: Vec<usize> = Vec::new();
        let mut hi = lo;
        let mut count = 0;
        for &j in &matched[a..] {
            if chars[j].1 - chars[lo].0 > SNIPPET_CHARS {
                break;
            }
            let word = toks[j].word.unwrap_or_default();
            if !distinct.contains(&word) {
                distinct.push(word);
            }
            count += 1;
            hi = j;
        }
        let score = (distinct.len(), count);
        if score > best_score {
            best_score = score;
            best = (lo, hi);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::analyzer;

    fn marked(s: &Snippet) -> String {
        let chars: Vec<char> = s.text.chars().collect();
        let mut out = String::new();
        let mut at = 0;
        for [a, b] in &s.highlights {
            out.extend(&chars[at..*a]);
            out.push('[');
            out.extend(&chars[*a..*b]);
            out.push(']');
            at = *b;
        }
        out.extend(&chars[at..]);
        out
    }

    #[test]
    fn highlights_are_character_ranges() {
        let s = snippet(
            &analyzer(),
            &["L'Équipe à Raqqa, et Raqqa."],
            &["raqqa".into(), "equipe".into()],
        );
        assert_eq!(marked(&s), "L'[Équipe] à [Raqqa], et [Raqqa].");
    }

    #[test]
    fn long_texts_are_cut_around_the_match_at_word_boundaries() {
        let text = format!(
            "{} Russian forces entered Raqqa. {}",
            "word ".repeat(100),
            "more ".repeat(100)
        );
        let s = snippet(&analyzer(), &[&text], &["raqqa".into()]);
        assert!(s.text.starts_with("… word"), "{}", s.text);
        assert!(s.text.ends_with("more …"), "{}", s.text);
        assert!(s.text.chars().count() <= SNIPPET_CHARS + 4);
        assert!(marked(&s).contains("entered [Raqqa]."));
    }

    #[test]
    fn falls_back_to_a_text_with_a_match_then_the_opening() {
        let s = snippet(
            &analyzer(),
            &["", "no match here", "Raqqa"],
            &["raqqa".into()],
        );
        assert_eq!(marked(&s), "[Raqqa]");
        let s = snippet(&analyzer(), &["no match here"], &["raqqa".into()]);
        assert_eq!(s.text, "no match here");
        assert!(s.highlights.is_empty());
        assert_eq!(snippet(&analyzer(), &[], &[]), Snippet::default());
    }

    #[test]
    fn stops_reading_once_a_window_holds_every_word() {
        let text = format!(
            "{} russian forces in raqqa {}",
            "x ".repeat(50),
            "y ".repeat(5000)
        );
        let toks = tokens(
            &mut analyzer(),
            &text,
            0..text.len(),
            &["raqqa".into(), "russian".into()],
            true,
        );
        assert!(toks.len() < 500, "{} of 5054 tokens read", toks.len());
        // Enough context after the matches for a full snippet.
        let s = snippet(&analyzer(), &[&text], &["raqqa".into(), "russian".into()]);
        assert!(s.text.ends_with("y …"), "{}", s.text);
        assert!(s.text.chars().count() >= SNIPPET_CHARS - 10, "{}", s.text);
        // A word that never comes: everything is read.
        let toks = tokens(
            &mut analyzer(),
            &text,
            0..text.len(),
            &["raqqa".into(), "absent".into()],
            true,
        );
        assert_eq!(toks.len(), 50 + 4 + 5000);
    }

    #[test]
    fn the_shortcut_finds_what_tokenising_everything_finds() {
        const VOCABULARY: &[&str] = &[
            "Raqqa",
            "raqqa's",
            "forces",
            "Russian",
            "the",
            "SDF",
            "2019",
            "x1",
            "a",
            "on",
            "Équipe",
            "equipe",
            "naïve",
            "NAIVE",
            "Über",
            "über",
            "uber",
            "Raqqa’s",
            "日本",
        ];
        const PUNCTUATION: &[&str] = &[
            " ", " ", " ", ", ", ". ", " \"", "-", "'", "\n\n", " “", "” ", " — ", "…",
        ];
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let analyzer = analyzer();
        for _ in 0..1000 {
            let mut analyzer = analyzer.clone();
            let mut text = String::new();
            for _ in 0..next(400) + 1 {
                text.push_str(VOCABULARY[next(VOCABULARY.len())]);
                text.push_str(PUNCTUATION[next(PUNCTUATION.len())]);
            }
            let text = text.trim();
            let words: Vec<String> = (0..next(3) + 1)
                .flat_map(|_| {
                    let word = VOCABULARY[next(VOCABULARY.len())];
                    let mut stream = analyzer.token_stream(word);
                    let mut out = Vec::new();
                    while let Some(token) = stream.next() {
                        out.push(token.text.clone());
                    }
                    out
                })
                .collect();
            // Every token read, the best window over the whole text (for
            // ASCII words: the others take the slow path, stopping early).
            let stop_early = words.iter().any(|w| !w.is_ascii());
            let toks = tokens(
                &mut analyzer.clone(),
                text,
                0..text.len(),
                &words,
                stop_early,
            );
            let expected = if toks.iter().any(|t| t.word.is_some()) {
                cut(text, &toks)
            } else {
                let opening = 0..opening_end(text);
                cut(
                    text,
                    &tokens(&mut analyzer.clone(), text, opening, &[], false),
                )
            };
            assert_eq!(
                snippet(&analyzer, &[text], &words),
                expected,
                "{words:?} in {text:?}"
            );
        }
    }

    #[test]
    fn prefers_the_window_with_more_distinct_words() {
        let text = format!(
            "raqqa {} russian forces in raqqa {}",
            "x ".repeat(150),
            "y ".repeat(150)
        );
        let s = snippet(&analyzer(), &[&text], &["raqqa".into(), "russian".into()]);
        assert!(
            marked(&s).contains("[russian] forces in [raqqa]"),
            "{}",
            s.text
        );
    }
}
