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
    let mut first: Option<(&str, Vec<Tok>)> = None;
    for text in &texts {
        let toks = tokens(&mut analyzer, text, words);
        if toks.iter().any(|t| t.word.is_some()) {
            return cut(text, &toks);
        }
        if first.is_none() {
            first = Some((text, toks));
        }
    }
    first.map_or_else(Snippet::default, |(text, toks)| cut(text, &toks))
}

fn tokens(analyzer: &mut TextAnalyzer, text: &str, words: &[String]) -> Vec<Tok> {
    let mut end = text.len().min(SCAN_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut stream = analyzer.token_stream(&text[..end]);
    let mut toks = Vec::new();
    while let Some(token) = stream.next() {
        toks.push(Tok {
            from: token.offset_from,
            to: token.offset_to,
            word: words.iter().position(|w| *w == token.text),
        });
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
    let start = if first == 0 { 0 } else { toks[first].from };
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
