//! Words of template text: the tokenizer that splits text into separators,
//! words and numbers (shared by vocabulary counting and template building,
//! so both see the same words), and the letter case a replacement word
//! takes from the word it replaces.

use std::ops::Range;

/// The end of the JSON escape at `i` (a backslash).
pub(super) fn escape_end(s: &str, i: usize) -> usize {
    let b = s.as_bytes();
    if b.get(i + 1) == Some(&b'u')
        && b.len() >= i + 6
        && b[i + 2..i + 6].iter().all(u8::is_ascii_hexdigit)
    {
        return i + 6;
    }
    s[i + 1..]
        .chars()
        .next()
        .map_or(s.len(), |c| i + 1 + c.len_utf8())
}

/// A token of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tok {
    /// Punctuation, space, HTML entities, JSON escapes, other digits.
    Sep,
    /// A run of letters and digits (and combining marks) with a letter.
    Word,
    /// A run of ASCII digits.
    Number,
}

/// A combining mark (or other non-alphanumeric sign) that continues a word
/// in the scripts where `char::is_alphanumeric` leaves them out (Indic
/// vowel signs and viramas, Arabic and Hebrew points, Thai vowels).
fn is_mark(c: char) -> bool {
    let u = c as u32;
    !c.is_alphanumeric()
        && !c.is_whitespace()
        && !matches!(
            u,
            0x0964 | 0x0965 | 0x0970 | 0x0DF4 | 0x0E2F | 0x0E46 | 0x0E4F | 0x0E5A | 0x0E5B
        )
        && matches!(u,
            0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x05BF | 0x05C1..=0x05C2
            | 0x05C4..=0x05C5 | 0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670
            | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7..=0x06E8 | 0x06EA..=0x06ED
            | 0x0900..=0x0DFF | 0x0E31..=0x0E4E | 0x0F18..=0x0F19 | 0x0F35..=0x0FBC
            | 0x1000..=0x109F | 0x1780..=0x17DD | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
            | 0x200C..=0x200D | 0x20D0..=0x20FF | 0x3099..=0x309A | 0xFE20..=0xFE2F)
}

/// Splits text into separators, words and numbers. HTML entities (or JSON
/// escapes) are separators.
pub(super) fn tokens(s: &str, json: bool) -> Vec<(Range<usize>, Tok)> {
    let b = s.as_bytes();
    let mut out: Vec<(Range<usize>, Tok)> = Vec::new();
    let mut push = |r: Range<usize>, tok: Tok| {
        if let Some((last, Tok::Sep)) = out.last_mut() {
            if tok == Tok::Sep && last.end == r.start {
                last.end = r.end;
                return;
            }
        }
        out.push((r, tok));
    };
    let mut i = 0;
    while i < b.len() {
        if json && b[i] == b'\\' {
            let end = escape_end(s, i);
            push(i..end, Tok::Sep);
            i = end;
            continue;
        }
        if !json && b[i] == b'&' {
            let end = b[i + 1..]
                .iter()
                .take(12)
                .position(|&c| c == b';')
                .map(|p| i + 1 + p);
            if let Some(end) = end {
                if end > i + 1
                    && b[i + 1..end]
                        .iter()
                        .all(|c| c.is_ascii_alphanumeric() || *c == b'#')
                {
                    push(i..end + 1, Tok::Sep);
                    i = end + 1;
                    continue;
                }
            }
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        if c.is_alphanumeric() {
            let mut j = i;
            let mut letter = false;
            for c in s[i..].chars() {
                if !c.is_alphanumeric() && !is_mark(c) {
                    break;
                }
                letter |= c.is_alphabetic();
                j += c.len_utf8();
            }
            let tok = if letter {
                Tok::Word
            } else if b[i..j].iter().all(u8::is_ascii_digit) {
                Tok::Number
            } else {
                Tok::Sep
            };
            push(i..j, tok);
            i = j;
        } else {
            push(i..i + c.len_utf8(), Tok::Sep);
            i += c.len_utf8();
        }
    }
    out
}

/// Letter case of a source word, given to the word replacing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Case {
    Lower,
    Capital,
    Upper,
}

/// The case of `word` (one capital letter alone is `Capital`).
pub(super) fn case_of(word: &str) -> Case {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let first = word.chars().next().is_some_and(char::is_uppercase);
    let all_upper = letters.clone().all(char::is_uppercase);
    if all_upper && letters.nth(1).is_some() {
        Case::Upper
    } else if first {
        Case::Capital
    } else {
        Case::Lower
    }
}

/// Appends `word` (lower case, from a vocabulary) in `case`.
pub(super) fn push_cased(out: &mut String, word: &str, case: Case) {
    match case {
        Case::Lower => out.push_str(word),
        Case::Capital => {
            let mut chars = word.chars();
            if let Some(c) = chars.next() {
                out.extend(c.to_uppercase());
            }
            out.push_str(chars.as_str());
        }
        Case::Upper => out.extend(word.chars().flat_map(char::to_uppercase)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_skip_entities_and_numbers() {
        let s = "Hello&nbsp;world 2020 caf\u{e9} x2";
        let words: Vec<&str> = tokens(s, false)
            .into_iter()
            .filter(|(_, t)| *t == Tok::Word)
            .map(|(r, _)| &s[r])
            .collect();
        assert_eq!(words, ["Hello", "world", "café", "x2"]);
        let numbers = tokens(s, false)
            .into_iter()
            .filter(|(_, t)| *t == Tok::Number)
            .count();
        assert_eq!(numbers, 1);
        let hindi = "रत्न और";
        assert_eq!(
            tokens(hindi, false).len(),
            3,
            "virama stays inside the word"
        );
        assert_eq!(case_of("NASA"), Case::Upper);
        assert_eq!(case_of("Paris"), Case::Capital);
        assert_eq!(case_of("iPhone"), Case::Lower);
    }
}
