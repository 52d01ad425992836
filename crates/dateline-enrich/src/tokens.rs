//! Words of a text with their positions, and the sentence boundaries the
//! recognisers need.

/// One word: a run of letters and digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// Whether it starts with an uppercase letter, or is written in a
    /// script without case (where names cannot be told by case).
    pub capitalised: bool,
    /// Whether a sentence starts at it (first word, or after . ! ? or a
    /// line break).
    pub sentence_start: bool,
    /// Whether only spaces, hyphens, apostrophes and dots separate it from
    /// the previous word, so that both can be one name.
    pub joined: bool,
}

impl Token {
    /// The token's text in `text`.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// The words of `text`, in order.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut start: Option<usize> = None;
    // What lies between the previous word and the next one.
    let mut gap_joins = false;
    let mut gap_ends_sentence = true;
    for (at, c) in text.char_indices() {
        if c.is_alphanumeric() || (start.is_some() && is_inner_mark(c)) {
            if start.is_none() {
                start = Some(at);
            }
            continue;
        }
        if let Some(begin) = start.take() {
            tokens.push(word(text, begin, at, gap_joins, gap_ends_sentence));
            gap_joins = true;
            gap_ends_sentence = false;
        }
        match c {
            ' ' | '\u{a0}' | '\'' | '’' => {}
            // "Tel-Abyad" joins; "Post - Israel" (a dash between spaces)
            // does not.
            '-' if tokens.last().is_some_and(|t: &Token| t.end == at) => {}
            '.' => {
                // "U.S. troops" joins; "in Raqqa. Then" ends a sentence,
                // which the next character (a space, then a capital) shows.
                let next = text[at + 1..].chars().next();
                if next.is_none_or(char::is_whitespace) && !is_abbreviation(text, at) {
                    gap_ends_sentence = true;
                    gap_joins = false;
                }
            }
            '!' | '?' | '\n' | '\r' => {
                gap_ends_sentence = true;
                gap_joins = false;
            }
            _ => gap_joins = false,
        }
    }
    if let Some(begin) = start {
        tokens.push(word(text, begin, text.len(), gap_joins, gap_ends_sentence));
    }
    tokens
}

/// Combining marks stay inside a word. Apostrophes split it ("Raqqa's" is
/// "Raqqa" and "s") but join the parts, so "O'Hare" is still one name.
fn is_inner_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// Whether the dot at `dot` ends an abbreviation rather than a sentence:
/// an initial ("U.S.", "Seth J. Frantzman") or a title ("Dr. Kelly").
fn is_abbreviation(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(dot, |(at, _)| at);
    let word = &before[word_start..];
    let mut letters = word.chars();
    let initial = matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase());
    initial || crate::words::is_title(&word.to_lowercase())
}

fn word(text: &str, start: usize, end: usize, joined: bool, sentence_start: bool) -> Token {
    let first = text[start..end].chars().next().unwrap_or(' ');
    Token {
        start,
        end,
        capitalised: first.is_uppercase() || (first.is_alphabetic() && !first.is_lowercase()),
        sentence_start,
        joined,
    }
}

/// Byte offsets to character offsets, for offsets given in increasing order.
pub struct CharOffsets<'t> {
    text: &'t str,
    byte: usize,
    chars: usize,
}

impl<'t> CharOffsets<'t> {
    /// Counts from the start of `text`.
    pub fn new(text: &'t str) -> Self {
        Self {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// The character offset of byte offset `at` (a character boundary);
    /// restarts from the beginning when asked for an earlier offset.
    pub fn at(&mut self, at: usize) -> usize {
        if at < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..at].chars().count();
        self.byte = at;
        self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(&str, bool, bool, bool)> {
        tokenize(text)
            .iter()
            .map(|t| (t.text(text), t.capitalised, t.sentence_start, t.joined))
            .collect()
    }

    #[test]
    fn words_carry_case_sentence_starts_and_joins() {
        assert_eq!(
            words("Russian forces entered Raqqa. The U.S. left, Tel-Abyad's"),
            [
                ("Russian", true, true, false),
                ("forces", false, false, true),
                ("entered", false, false, true),
                ("Raqqa", true, false, true),
                ("The", true, true, false),
                ("U", true, false, true),
                ("S", true, false, true),
                ("left", false, false, true),
                ("Tel", true, false, false),
                ("Abyad", true, false, true),
                ("s", false, false, true),
            ]
        );
        assert_eq!(words("الرقة"), [("الرقة", true, true, false)]);
        let joined: Vec<bool> = tokenize("By Seth J. Frantzman and Dr. Kelly. Then")
            .iter()
            .map(|t| t.joined)
            .collect();
        assert_eq!(joined, [false, true, true, true, true, true, true, false]);
    }

    #[test]
    fn char_offsets_count_characters() {
        let text = "Tall Abyaḑ and Raqqa";
        let mut offsets = CharOffsets::new(text);
        let raqqa = text.find("Raqqa").unwrap();
        assert_eq!(offsets.at(raqqa), 15);
        assert_eq!(offsets.at(text.len()), 20);
        assert_eq!(offsets.at(0), 0);
    }
}
