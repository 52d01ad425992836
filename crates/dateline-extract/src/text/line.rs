//! Splitting a dump into normalised lines and measuring each one.
//!
//! Every later heuristic looks at the same few numbers per line (length,
//! words, how many words start in lower case, whether it ends a sentence),
//! so they are computed once here, in one pass over the text.

/// One non-empty line of a dump with the measurements the heuristics use.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// The text, trimmed, whitespace runs collapsed, control characters dropped.
    pub text: String,
    /// Lower-cased `text`: the key for repetition and profile matching.
    pub key: String,
    /// Length in characters (CJK characters count double: they carry a word each).
    pub chars: usize,
    /// Whitespace-separated words.
    pub words: usize,
    /// Words whose first letter is lower case (or uncased, as in CJK or Hangul).
    pub lower_words: usize,
    /// Words whose first letter is upper case.
    pub upper_words: usize,
    /// Ends like a sentence (`.`, `!`, `?`, `:`, `…`, possibly before a quote).
    pub ends_sentence: bool,
    /// Sentence punctuation marks (`.,;:!?` and CJK ones) anywhere in the line.
    pub punct: usize,
    /// Mostly non-text (binary junk, replacement characters).
    pub junk: bool,
}

impl Line {
    /// Measures one raw line; None when it is empty after normalising.
    pub fn new(raw: &str) -> Option<Self> {
        let text = normalize(raw);
        if text.is_empty() {
            return None;
        }
        let mut chars = 0;
        let mut odd = 0;
        let mut punct = 0;
        for c in text.chars() {
            punct += usize::from(matches!(
                c,
                '.' | ',' | ';' | ':' | '!' | '?' | '。' | '、' | '，'
            ));
            chars += if is_cjk(c) { 2 } else { 1 };
            if c == '\u{fffd}' || (c as u32) < 0x20 || ('\u{80}'..'\u{a0}').contains(&c) {
                odd += 1;
            }
        }
        let (mut words, mut lower_words, mut upper_words) = (0, 0, 0);
        for w in text.split(' ') {
            // CJK writing has no spaces: count about one word per two characters.
            let cjk = w.chars().filter(|c| is_cjk(*c)).count();
            if cjk > 1 {
                words += cjk / 2;
                lower_words += cjk / 2;
                continue;
            }
            words += 1;
            match w.chars().find(|c| c.is_alphabetic()) {
                Some(c) if c.is_uppercase() => upper_words += 1,
                // Lower case, or a script without case (CJK, Hangul, Arabic...),
                // whose running text cannot be told from titles by case.
                Some(_) => lower_words += 1,
                None => {}
            }
        }
        let last = text
            .trim_end_matches(['"', '\'', '”', '’', '»', ')', ']', ' '])
            .chars()
            .last();
        let ends_sentence = matches!(
            last,
            Some('.' | '!' | '?' | ':' | '…' | '。' | '！' | '？' | ';')
        );
        let key = text.to_lowercase();
        Some(Self {
            junk: odd * 4 > chars,
            text,
            key,
            chars,
            words,
            lower_words,
            upper_words,
            ends_sentence,
            punct,
        })
    }

    /// Share of cased words that start in lower case: high for prose, low
    /// for menus and headlines written in title case.
    pub fn lower_ratio(&self) -> f32 {
        let cased = self.lower_words + self.upper_words;
        if cased == 0 {
            return 0.0;
        }
        self.lower_words as f32 / cased as f32
    }

    /// Reads like running text: long enough, mostly lower-case words.
    pub fn is_prose(&self) -> bool {
        // Running text has punctuation every so often; keyword soups do not.
        !self.junk && self.words >= 6 && self.lower_ratio() >= 0.45 && self.punct * 30 >= self.words
    }
}

/// Trims, collapses whitespace runs to one space and drops control characters.
pub(crate) fn normalize(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut space = false;
    for c in raw.chars() {
        if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' {
            space = !out.is_empty();
        } else if !c.is_control() {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Splits off a corpus header ` date YYYY-MM-DD ` glued to the first line.
/// Returns the header date (as written) and the rest of the text.
pub(crate) fn split_header(text: &str) -> (Option<&str>, &str) {
    let trimmed = text.trim_start_matches(['\u{feff}', ' ', '\t']);
    let Some(rest) = trimmed.strip_prefix("date ") else {
        return (None, text);
    };
    let b = rest.as_bytes();
    let is_date = b.len() >= 10
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
        && b.get(10).is_none_or(|c| c.is_ascii_whitespace());
    if !is_date {
        return (None, text);
    }
    (Some(&rest[..10]), &rest[10..])
}

/// Splits a dump into measured, non-empty lines. Linear in the input size.
pub(crate) fn split_lines(text: &str) -> Vec<Line> {
    text.lines().filter_map(Line::new).collect()
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_whitespace_and_controls() {
        assert_eq!(
            normalize("  By SETH\u{0}  J.\tFRANTZMAN  "),
            "By SETH J. FRANTZMAN"
        );
        assert_eq!(normalize(" \u{200b} "), "");
    }

    #[test]
    fn splits_the_corpus_header() {
        let (date, rest) = split_header(" date 2019-12-09 The Jerusalem Post - Israel News\nTitle");
        assert_eq!(date, Some("2019-12-09"));
        assert_eq!(rest, " The Jerusalem Post - Israel News\nTitle");
        assert_eq!(split_header("date night ideas").0, None);
        assert_eq!(split_header("date 2019-1").0, None);
    }

    #[test]
    fn measures_prose_and_menus() {
        let p = Line::new(
            "Russian forces entered Raqqa according to a Russian TV channel and other reports.",
        )
        .unwrap();
        assert!(p.is_prose() && p.ends_sentence);
        let m = Line::new("Israel News Arab Israeli Conflict Middle East").unwrap();
        assert!(!m.is_prose() && !m.ends_sentence);
        let soup = Line::new(&"adote um amigo agua alerta ambiente amizade atendimento ".repeat(8))
            .unwrap();
        assert!(!soup.is_prose());
        let k =
            Line::new("한국어 문장은 대소문자가 없으므로 산문으로 읽혀야 합니다 그렇죠.").unwrap();
        assert!(k.is_prose());
        let j = Line::new(
            "そんな用途を考慮してか、Kindleや楽天koboにはデスクトップアプリが用意されています。",
        )
        .unwrap();
        assert!(j.is_prose() && j.ends_sentence);
    }

    #[test]
    fn flags_binary_junk() {
        assert!(Line::new("\u{fffd}\u{fffd}\u{fffd}a\u{fffd}").unwrap().junk);
        assert!(Line::new("").is_none());
    }
}
