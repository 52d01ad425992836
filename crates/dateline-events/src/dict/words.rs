//! Dictionary words and phrases, the TABARI way: words are upper case,
//! `_` joins the words of a phrase, and a word matches every text word it
//! begins ("NEGOTIAT" matches "NEGOTIATED") unless it ends in `_`, which
//! asks for the whole word ("MALI_" is not "MALICIOUS").

/// One word of a dictionary phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word, upper case, without its `_`.
    pub text: String,
    /// Whether only the whole word matches.
    pub exact: bool,
}

impl Word {
    /// Whether `token` is the word or its plural ("OFFICIALS"), but not a
    /// longer word ("DIPLOMATIC" is not "DIPLOMAT"): how role words match.
    pub fn matches_noun(&self, token: &str) -> bool {
        noun_matches(self.text.as_bytes(), self.exact, token.as_bytes())
    }

    /// Whether the text word `token` (upper case) matches.
    pub fn matches(&self, token: &str) -> bool {
        word_matches(self.text.as_bytes(), self.exact, token.as_bytes())
    }
}

/// [`Word::matches`] on the bytes of a word kept elsewhere.
#[inline]
pub fn word_matches(text: &[u8], exact: bool, token: &[u8]) -> bool {
    if exact {
        token == text
    } else {
        token.starts_with(text)
    }
}

/// [`Word::matches_noun`] on the bytes of a word kept elsewhere.
#[inline]
pub fn noun_matches(text: &[u8], exact: bool, token: &[u8]) -> bool {
    if exact {
        return token == text;
    }
    match token.strip_prefix(text) {
        Some(rest) => matches!(rest, b"" | b"S" | b"ES"),
        None => false,
    }
}

/// A phrase: words that follow each other in the text.
pub type Phrase = Vec<Word>;

/// Parses `NORTH_KOREA_` or `PRESIDENT HOSNI MURBARAK`: words joined by
/// `_` or spaces; inner words match whole, the last as its `_` says.
pub fn phrase(text: &str) -> Phrase {
    let text = text.trim();
    let exact_last = text.ends_with('_');
    let parts: Vec<&str> = text
        .split(['_', ' ', '\t'])
        .filter(|w| !w.is_empty())
        .collect();
    let last = parts.len().saturating_sub(1);
    parts
        .iter()
        .enumerate()
        .map(|(i, w)| Word {
            text: w.to_uppercase(),
            exact: i < last || exact_last,
        })
        .collect()
}

/// Removes a `#` comment (but not inside a `[...]` code block).
pub fn strip_comment(line: &str) -> &str {
    match line.find('#') {
        Some(at) => &line[..at],
        None => line,
    }
}

/// Whether a line is an XML-style comment of the PETRARCH files.
pub fn is_markup(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("<!") || t.starts_with("<?")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_and_whole_words() {
        let p = phrase("NORTH_KOREA");
        assert_eq!(p.len(), 2);
        assert!(p[0].exact && !p[1].exact);
        assert!(p[1].matches("KOREAN"));
        let mali = phrase("MALI_");
        assert!(mali[0].matches("MALI") && !mali[0].matches("MALICIOUS"));
        assert_eq!(phrase("CARAS GALADHON").len(), 2);
    }
}
