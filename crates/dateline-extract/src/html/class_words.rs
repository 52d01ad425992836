//! Class and id values as words: how every rule that reads a page's own
//! names (furniture, captions, bylines, dates, content scores) splits
//! them.

/// Splits a class or id value into lower-case words at `-`, `_`, spaces,
/// digits and lower-to-upper case changes.
pub(super) fn words(value: &str) -> Vec<String> {
    word_slices(value).map(str::to_ascii_lowercase).collect()
}

/// The words of [`words`] as slices of `value`, in their own case, with no
/// allocation: the furniture pass splits every element's class and id,
/// so callers compare with `eq_ignore_ascii_case` instead.
pub(super) fn word_slices(value: &str) -> impl Iterator<Item = &str> {
    let bytes = value.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        while pos < bytes.len() && !bytes[pos].is_ascii_alphabetic() {
            pos += 1;
        }
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        pos += 1;
        while pos < bytes.len()
            && bytes[pos].is_ascii_alphabetic()
            && !(bytes[pos].is_ascii_uppercase() && bytes[pos - 1].is_ascii_lowercase())
        {
            pos += 1;
        }
        Some(&value[start..pos])
    })
}

/// The words of a class or id value, as [`word_slices`] splits them, but
/// none from a hash.
///
/// **What**: a part between `-`, `_` and spaces that is six or more hex
/// digits, with both digits and letters (`6ad04061ca`), gives no words.
/// **Why**: build tools and page builders add generated hashes to class
/// names (`title-6ad04061ca`, `elementor-element-4bad2c1`); read as words,
/// their letters name furniture by chance (`ad`), and the section went
/// (wcxb service 0.785 -> 0.787, articles unchanged at 0.945).
/// **Example**: `<h2 class="title-6ad04061ca">` is a title, not an ad.
/// **Known failures**: a furniture name written as hex (`ad0123`) is not
/// seen; such names are rare.
///
/// Nor do the variant prefixes of utility classes name anything: in
/// `print:hidden` or `hover:underline` only the part after the last `:`
/// is the class (`print:hidden` hides the element on paper, and named
/// "print" furniture it emptied a whole home page; wcxb empty pages
/// 25 -> 24, documentation 0.909 -> 0.910, articles 0.946 unchanged).
pub(super) fn name_words(value: &str) -> impl Iterator<Item = &str> {
    value
        .split_ascii_whitespace()
        .map(|class| class.rsplit(':').next().unwrap_or(class))
        .flat_map(|class| class.split(['-', '_']))
        .filter(|part| !is_hash(part))
        .flat_map(word_slices)
}

fn is_hash(part: &str) -> bool {
    part.len() >= 6
        && part.bytes().all(|b| b.is_ascii_hexdigit())
        && part.bytes().any(|b| b.is_ascii_digit())
        && part.bytes().any(|b| b.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The allocating splitter `word_slices` replaced, as the reference.
    fn words_by_chars(value: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut word = String::new();
        let mut prev_lower = false;
        for c in value.chars() {
            if !c.is_ascii_alphabetic() {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
                prev_lower = false;
                continue;
            }
            if c.is_ascii_uppercase() && prev_lower && !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            prev_lower = c.is_ascii_lowercase();
            word.push(c.to_ascii_lowercase());
        }
        if !word.is_empty() {
            out.push(word);
        }
        out
    }

    #[test]
    fn word_slices_split_as_the_reference_does() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let alphabet: Vec<char> = "aZbY-_ 9é.Xq".chars().collect();
        let mut cases: Vec<String> = [
            "articleShareBar post_body-2",
            "HTMLParser aBC",
            "",
            "--",
            "ünïcode-Wörds",
            "x",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for _ in 0..2000 {
            let len = (seed % 12) as usize;
            let mut s = String::new();
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            cases.push(s);
        }
        for case in &cases {
            assert_eq!(words(case), words_by_chars(case), "{case:?}");
        }
    }

    #[test]
    fn class_words_split_on_case_and_punctuation() {
        assert_eq!(
            words("articleShareBar post_body-2"),
            ["article", "share", "bar", "post", "body"]
        );
    }
}
