//! Sentences and their words, in the form the dictionaries are written
//! in: upper case, `'s` and `n't` split off as TreeBank does ("didn't" is
//! `DID N'T`), punctuation kept as tokens because it bounds clauses.

/// One token of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offset in the text.
    pub start: usize,
    /// Byte offset after it.
    pub end: usize,
    /// Whether it is a word (letters or digits) rather than punctuation.
    pub word: bool,
    /// Whether it starts with a capital letter.
    pub capital: bool,
    /// Where its upper case text is in [`Tokens::upper`].
    upper_from: u32,
    upper_to: u32,
}

/// A sentence's tokens and their upper case text ("RUSSIAN", "'S", "N'T",
/// ","), read with [`Tokens::words`].
///
/// The upper case text is the sentence raised to upper case in one copy,
/// in which an ASCII token's text is where it was; a token with other
/// characters has its own upper case form after it. Raising each token
/// into a string of its own was a sixth of event coding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tokens {
    /// The tokens in order.
    pub list: Vec<Token>,
    upper: String,
    /// The sentence's byte offset in the text.
    from: usize,
}

impl Tokens {
    fn of_sentence(text: &str, from: usize, to: usize) -> Self {
        let mut upper = String::with_capacity(to - from + 16);
        upper.push_str(&text[from..to]);
        upper.make_ascii_uppercase();
        Self {
            // About one token per five bytes of news text: sized once
            // rather than grown by copies.
            list: Vec::with_capacity((to - from) / 4 + 2),
            upper,
            from,
        }
    }

    /// Token `i`'s upper case text ("" past the end).
    pub fn upper(&self, i: usize) -> &str {
        self.list.get(i).map_or("", |t| {
            self.upper
                .get(t.upper_from as usize..t.upper_to as usize)
                .unwrap_or_default()
        })
    }

    /// Every token's upper case text, in order.
    pub fn words(&self) -> Vec<&str> {
        (0..self.list.len()).map(|i| self.upper(i)).collect()
    }
}

/// The tokens of `text[range]`, offsets in bytes of `text`.
pub fn tokenize(text: &str, from: usize, to: usize) -> Tokens {
    let mut out = Tokens::of_sentence(text, from, to);
    let s = &text[from..to];
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let (c, len) = char_at(s, i);
        if c.is_whitespace() {
            i += len;
            continue;
        }
        if !c.is_alphanumeric() {
            // A lone mark; `'s` after a word is handled with the word.
            push(&mut out, text, from + i, from + i + len, false);
            i += len;
            continue;
        }
        let at = i;
        let mut end = i + len;
        loop {
            // Most of a word is ASCII letters and digits: read by bytes.
            end += bytes[end..]
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .unwrap_or(bytes.len() - end);
            if end >= bytes.len() {
                break;
            }
            let (d, d_len) = char_at(s, end);
            if d.is_alphanumeric() {
                end += d_len;
            } else if matches!(d, '-' | '.' | '\'' | '’' | ',') {
                // Inside a word only when a letter or digit follows:
                // "cease-fire", "U.S", "O'Hare", "200,000".
                let next = s[end + d_len..].chars().next();
                let digit_comma = d == ','
                    && s[at..end].bytes().all(|b| b.is_ascii_digit() || b == b',')
                    && next.is_some_and(|n| n.is_ascii_digit());
                let inner = d != ',' && next.is_some_and(char::is_alphanumeric);
                if !(digit_comma || inner) {
                    break;
                }
                end += d_len;
            } else {
                break;
            }
        }
        // "U.S." keeps its last dot: letters separated by dots.
        if s[end..].starts_with('.') && is_initials(&s[at..end]) {
            end += 1;
        }
        split_word(&mut out, text, from + at, from + end);
        i = end;
    }
    out
}

/// The character at byte `i` of `s` (a character boundary) and its length.
#[inline]
fn char_at(s: &str, i: usize) -> (char, usize) {
    match s.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => (b as char, 1),
        _ => {
            let c = s[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
            (c, c.len_utf8().max(1))
        }
    }
}

fn is_initials(word: &str) -> bool {
    word.contains('.') && word.split('.').all(|p| p.chars().count() == 1)
}

/// Splits `'s` and `n't` off a word.
fn split_word(out: &mut Tokens, text: &str, start: usize, end: usize) {
    let word = &text[start..end];
    if !word.ends_with(['s', 'S', 't', 'T']) {
        push(out, text, start, end, true);
        return;
    }
    for apostrophe in ['\'', '’'] {
        let negation = word
            .strip_suffix(['t', 'T'])
            .and_then(|w| w.strip_suffix(apostrophe))
            .and_then(|w| w.strip_suffix(['n', 'N']))
            .filter(|s| !s.is_empty());
        if let Some(stem) = negation {
            let cut = start + stem.len();
            // "can't" is `CA N'T`, "won't" `WO N'T`: TreeBank's split.
            push(out, text, start, cut, true);
            push_suffix(out, text, cut, end);
            return;
        }
        let possessive = word
            .strip_suffix(['s', 'S'])
            .and_then(|w| w.strip_suffix(apostrophe))
            .filter(|s| !s.is_empty());
        if let Some(stem) = possessive {
            let cut = start + stem.len();
            push(out, text, start, cut, true);
            push_suffix(out, text, cut, end);
            return;
        }
    }
    push(out, text, start, end, true);
}

#[inline]
fn push(out: &mut Tokens, text: &str, start: usize, end: usize, word: bool) {
    let s = &text[start..end];
    let (upper_from, upper_to, capital) = if s.is_ascii() {
        (
            start - out.from,
            end - out.from,
            s.as_bytes().first().is_some_and(u8::is_ascii_uppercase),
        )
    } else {
        let at = out.upper.len();
        for c in s.chars() {
            match c {
                '’' => out.upper.push('\''),
                c => out.upper.extend(c.to_uppercase()),
            }
        }
        (
            at,
            out.upper.len(),
            s.chars().next().is_some_and(char::is_uppercase),
        )
    };
    out.list.push(Token {
        start,
        end,
        word,
        capital,
        upper_from: upper_from as u32,
        upper_to: upper_to as u32,
    });
}

/// Pushes a split-off `'s` or `n't`: a word, never a capital.
fn push_suffix(out: &mut Tokens, text: &str, start: usize, end: usize) {
    push(out, text, start, end, true);
    if let Some(suffix) = out.list.last_mut() {
        suffix.capital = false;
    }
}

/// Sentence spans (byte ranges) of a text: a line break, or `.`, `!`, `?`
/// followed by space and a capital, a digit or a quote, ends one, except
/// after initials and titles ("U.S. troops", "Dr. Kelly").
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    // Line by line, jumping to the marks that can end a sentence: the
    // rest of the text is never looked at byte by byte.
    let mut line_start = 0;
    for line_end in memchr::memchr_iter(b'\n', bytes).chain([bytes.len()]) {
        for mark in memchr::memchr3_iter(b'.', b'!', b'?', &bytes[line_start..line_end]) {
            let i = line_start + mark;
            if ends_sentence(text, start, i) {
                push_sentence(&mut out, text, start, i + 1);
                start = i + 1;
            }
        }
        if line_end < bytes.len() {
            push_sentence(&mut out, text, start, line_end);
            start = line_end;
        }
        line_start = line_end + 1;
    }
    push_sentence(&mut out, text, start, text.len());
    out
}

/// Whether the mark at byte `i` (`.`, `!` or `?`) ends the sentence that
/// began at `start`.
fn ends_sentence(text: &str, start: usize, i: usize) -> bool {
    let rest = &text[i + 1..];
    let after_space = rest.trim_start_matches([' ', '"', '\'', ')']);
    let spaced = rest.starts_with([' ', '\n', '"', '”', '\'']) || rest.is_empty();
    let next_starts = after_space
        .chars()
        .next()
        .is_none_or(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'(".contains(c));
    spaced && next_starts && !(text.as_bytes()[i] == b'.' && abbreviation(&text[start..i]))
}

fn push_sentence(out: &mut Vec<(usize, usize)>, text: &str, start: usize, end: usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push((start + lead, end - trail));
    }
}

/// Whether the text before a dot ends in an initial or a title.
fn abbreviation(before: &str) -> bool {
    // The run of letters and dots the text ends with, as a slice.
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic() || c == '.')
        .last()
        .map_or(before.len(), |(at, _)| at);
    let word = &before[start..];
    let single = word.chars().filter(|c| c.is_alphabetic()).count() == 1
        && word.chars().next().is_some_and(char::is_uppercase);
    single
        || word.contains('.')
        || matches!(
            word,
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "Gen"
                | "Lt"
                | "Col"
                | "Sgt"
                | "Capt"
                | "Gov"
                | "Sen"
                | "Rep"
                | "St"
                | "Prof"
                | "No"
                | "Jan"
                | "Feb"
                | "Aug"
                | "Sept"
                | "Oct"
                | "Nov"
                | "Dec"
                | "Jr"
                | "Sr"
                | "Inc"
                | "Co"
                | "Corp"
                | "vs"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokenizer as first written, char by char: the oracle the byte
    /// fast path must agree with.
    fn tokenize_by_chars(text: &str, from: usize, to: usize) -> Tokens {
        let mut out = Tokens::of_sentence(text, from, to);
        let s = &text[from..to];
        let mut chars = s.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if c.is_whitespace() {
                continue;
            }
            if !c.is_alphanumeric() {
                // A lone mark; `'s` after a word is handled with the word.
                push(&mut out, text, from + at, from + at + c.len_utf8(), false);
                continue;
            }
            let mut end = at + c.len_utf8();
            while let Some(&(i, d)) = chars.peek() {
                let joins = matches!(d, '-' | '.' | '\'' | '’' | ',');
                if d.is_alphanumeric() {
                    end = i + d.len_utf8();
                    chars.next();
                } else if joins {
                    // Inside a word only when a letter or digit follows:
                    // "cease-fire", "U.S", "O'Hare", "200,000".
                    let next = s[i + d.len_utf8()..].chars().next();
                    let digit_comma = d == ','
                        && s[at..end].chars().all(|c| c.is_ascii_digit() || c == ',')
                        && next.is_some_and(|n| n.is_ascii_digit());
                    let inner = d != ',' && next.is_some_and(char::is_alphanumeric);
                    if !(digit_comma || inner) {
                        break;
                    }
                    end = i + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            // "U.S." keeps its last dot: letters separated by dots.
            let word = &s[at..end];
            if s[end..].starts_with('.') && is_initials(word) {
                end += 1;
                chars.next();
            }
            split_word(&mut out, text, from + at, from + end);
        }
        out
    }

    #[test]
    fn the_byte_fast_path_tokenizes_as_char_by_char_does() {
        const PIECES: &[&str] = &[
            "a",
            "Z",
            "7",
            " ",
            "\n",
            "-",
            ".",
            "'",
            "’",
            ",",
            "é",
            "Я",
            "ß",
            "😀",
            "\u{301}",
            "U.S.",
            "n't",
            "'s",
            "200,000",
            "O'Hare",
            "cease-fire",
            "\t",
            "!",
            "\"",
            "Ⅻ",
        ];
        proptest::proptest!(proptest::test_runner::Config::with_cases(3000), |(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..24)
        )| {
            let text = pieces.concat();
            proptest::prop_assert_eq!(
                tokenize(&text, 0, text.len()),
                tokenize_by_chars(&text, 0, text.len())
            );
        });
    }

    /// The sentence splitter as first written, byte by byte: the oracle
    /// the jumping one must agree with.
    fn sentences_byte_by_byte(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, &b) in text.as_bytes().iter().enumerate() {
            let end_here = match b {
                b'\n' => Some(i),
                b'.' | b'!' | b'?' => ends_sentence(text, start, i).then_some(i + 1),
                _ => None,
            };
            if let Some(end) = end_here {
                push_sentence(&mut out, text, start, end);
                start = end;
            }
        }
        push_sentence(&mut out, text, start, text.len());
        out
    }

    #[test]
    fn jumping_to_marks_splits_sentences_as_reading_every_byte_does() {
        const PIECES: &[&str] = &[
            "a", "Z", "7", " ", "\n", ".", "!", "?", "\"", "'", ")", "”", "“", "U.S.", "Dr.", "Mr",
            "é", "Я", "\n\n", "...", "é.",
        ];
        proptest::proptest!(proptest::test_runner::Config::with_cases(3000), |(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..32)
        )| {
            let text = pieces.concat();
            proptest::prop_assert_eq!(sentences(&text), sentences_byte_by_byte(&text));
        });
    }

    fn words(s: &str) -> Vec<String> {
        tokenize(s, 0, s.len())
            .words()
            .into_iter()
            .map(String::from)
            .collect()
    }

    #[test]
    fn treebank_splits_and_inner_marks() {
        assert_eq!(
            words("America’s partners didn't go; U.S. cease-fire, 200,000 can't"),
            [
                "AMERICA",
                "'S",
                "PARTNERS",
                "DID",
                "N'T",
                "GO",
                ";",
                "U.S.",
                "CEASE-FIRE",
                ",",
                "200,000",
                "CA",
                "N'T"
            ]
        );
    }

    #[test]
    fn sentences_split_on_ends_not_initials() {
        let text = "The U.S. left Syria. Turkey attacked. Dr. Kelly spoke\nNew line";
        let got: Vec<&str> = sentences(text)
            .into_iter()
            .map(|(a, b)| &text[a..b])
            .collect();
        assert_eq!(
            got,
            [
                "The U.S. left Syria.",
                "Turkey attacked.",
                "Dr. Kelly spoke",
                "New line"
            ]
        );
    }
}
