//! Text hygiene: every string of an article in one canonical form.
//!
//! **What**: text is put in Unicode NFC ("a" + combining diaeresis becomes
//! "ä"); soft hyphens (U+00AD) and the invisible separators zero-width
//! space (U+200B), word joiner (U+2060) and a stray byte-order mark
//! (U+FEFF) are removed.
//! **Why**: the same word must have one spelling for search, dedup and
//! comparison with other tools; a soft hyphen or zero-width space left
//! inside "news\u{AD}paper" splits the word for every tokenizer, and
//! decomposed accents (common in text pasted from macOS) do not match
//! their composed form.
//! **Example**: `"Zu\u{308}rich Bahn\u{AD}hof"` becomes `"Zürich Bahnhof"`.
//! **Known failures**: zero-width joiners and non-joiners (U+200D, U+200C)
//! are kept on purpose: they shape Persian, Indic scripts and emoji, and
//! removing them changes the words.

use dateline_model::Article;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Invisible characters that only hint at line breaking.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// `text` in NFC without invisible break hints; borrowed when already clean.
pub fn clean(text: &str) -> Option<String> {
    if text.is_ascii() {
        return None;
    }
    let invisible = text.chars().any(is_invisible);
    let nfc = is_nfc_quick(text.chars()) == IsNormalized::Yes;
    match (invisible, nfc) {
        (false, true) => None,
        (true, true) => Some(text.chars().filter(|c| !is_invisible(*c)).collect()),
        _ => Some(text.chars().filter(|c| !is_invisible(*c)).nfc().collect()),
    }
}

/// [`str::trim`], with the ASCII white space at the ends removed byte by
/// byte first: the page walks trim every text run, most of them ASCII
/// indentation, and `str::trim` decodes each character.
pub(crate) fn trim(text: &str) -> &str {
    // ASCII bytes that `char::is_whitespace` accepts.
    let space = |b: &u8| matches!(b, b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' | b' ');
    // Indentation comes in runs of spaces or tabs: those are passed over
    // eight bytes at a time.
    let indent = |chunk: &[u8]| {
        let word = chunk.try_into().map_or(0, u64::from_ne_bytes);
        word == u64::from_ne_bytes([b' '; 8]) || word == u64::from_ne_bytes([b'\t'; 8])
    };
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        if bytes.len() - start >= 8 && indent(&bytes[start..start + 8]) {
            start += 8;
        } else if space(&bytes[start]) {
            start += 1;
        } else {
            break;
        }
    }
    let mut end = bytes.len();
    while end > start {
        if end - start >= 8 && indent(&bytes[end - 8..end]) {
            end -= 8;
        } else if space(&bytes[end - 1]) {
            end -= 1;
        } else {
            break;
        }
    }
    let inner = &text[start..end];
    // Other white space is not ASCII: its first byte has the high bit set.
    if inner.as_bytes().first().is_some_and(|b| *b >= 0x80)
        || inner.as_bytes().last().is_some_and(|b| *b >= 0x80)
    {
        inner.trim()
    } else {
        inner
    }
}

fn clean_in_place(text: &mut String) {
    if let Some(cleaned) = clean(text) {
        *text = cleaned;
    }
}

fn clean_option(text: &mut Option<String>) {
    if let Some(t) = text {
        clean_in_place(t);
        if t.trim().is_empty() {
            *text = None;
        }
    }
}

/// Cleans every text field of `article`; blocks left empty are dropped.
pub fn clean_article(article: &mut Article) {
    clean_option(&mut article.title);
    clean_option(&mut article.description);
    clean_option(&mut article.site_name);
    for list in [
        &mut article.authors,
        &mut article.tags,
        &mut article.categories,
    ] {
        list.iter_mut().for_each(clean_in_place);
        list.retain(|s| !s.trim().is_empty());
    }
    for image in &mut article.images {
        clean_option(&mut image.caption);
        clean_option(&mut image.credit);
    }
    let mut changed = false;
    for block in &mut article.body {
        if let Some(cleaned) = clean(&block.text) {
            block.text = cleaned.trim().to_string();
            changed = true;
        }
    }
    if changed {
        article.body.retain(|b| !b.text.is_empty());
        article.finish_text();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composes_and_drops_break_hints() {
        assert_eq!(
            clean("Zu\u{308}rich Bahn\u{AD}hof").as_deref(),
            Some("Zürich Bahnhof")
        );
        assert_eq!(clean("a\u{200B}b\u{2060}c").as_deref(), Some("abc"));
        assert_eq!(clean("plain ascii"), None);
        assert_eq!(clean("déjà vu"), None);
        // Joiners shape scripts and emoji: kept.
        assert_eq!(clean("می\u{200C}خواهم"), None);
    }

    #[test]
    fn trim_is_str_trim() {
        let cases = [
            "",
            " ",
            "\n\t x \r\n",
            "\u{a0}x\u{3000}",
            " \u{a0} x y \u{2028} ",
            "\x0b\x0cé\x1f",
            "\u{a0}",
            " \u{a0} ",
            "x",
            "\u{85}\u{85}",
            " x\u{200b} ",
        ];
        for case in cases {
            assert_eq!(trim(case), case.trim(), "{case:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(2000))]
        #[test]
        fn trim_is_str_trim_on_any_spacing(s in "[ \na\u{a0}é\u{3000}\x0b\x1c]{0,7}") {
            proptest::prop_assert_eq!(trim(&s), s.trim());
        }

        /// Long runs of indentation, passed over eight bytes at a time.
        #[test]
        fn trim_is_str_trim_on_indentation(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                " ",
                "        ",
                "\t\t\t\t\t\t\t\t",
                "\n",
                "\t",
                "x",
                "é",
                "\u{a0}",
            ]), 0..12)
        ) {
            let s = pieces.concat();
            proptest::prop_assert_eq!(trim(&s), s.trim());
        }
    }

    #[test]
    fn article_text_follows_its_blocks() {
        use dateline_model::{Block, BlockKind};
        let mut a = Article::default();
        a.body
            .push(Block::new(BlockKind::Paragraph, "news\u{AD}paper"));
        a.body.push(Block::new(BlockKind::Paragraph, "\u{200B}"));
        a.finish_text();
        clean_article(&mut a);
        assert_eq!(a.text, "newspaper");
        assert_eq!(a.body.len(), 1);
    }
}
