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
///
/// One pass over the bytes (the furniture pass reads every class value of
/// the page): the same words as splitting at white space, then keeping
/// what follows the last `:`, then splitting at `-` and `_`, dropping
/// hashes and taking each part's [`word_slices`] (a test compares them).
pub(super) fn name_words(value: &str) -> impl Iterator<Item = &str> {
    NameWords {
        value,
        pos: 0,
        part_end: 0,
        class_end: 0,
    }
}

/// The state of [`name_words`]: the next byte to read, in the part
/// (between `-` and `_`) ending at `part_end`, in the class ending at
/// `class_end`.
struct NameWords<'a> {
    value: &'a str,
    pos: usize,
    part_end: usize,
    class_end: usize,
}

impl<'a> Iterator for NameWords<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.value.as_bytes();
        loop {
            while self.pos < self.part_end && !bytes[self.pos].is_ascii_alphabetic() {
                self.pos += 1;
            }
            if self.pos < self.part_end {
                let start = self.pos;
                self.pos += 1;
                while self.pos < self.part_end
                    && bytes[self.pos].is_ascii_alphabetic()
                    && !(bytes[self.pos].is_ascii_uppercase()
                        && bytes[self.pos - 1].is_ascii_lowercase())
                {
                    self.pos += 1;
                }
                return Some(&self.value[start..self.pos]);
            }
            // The part is done: the next part of this class, or the next class.
            let part_start = if self.part_end < self.class_end {
                self.part_end + 1
            } else {
                let mut start = self.class_end;
                while start < bytes.len() && bytes[start].is_ascii_whitespace() {
                    start += 1;
                }
                if start >= bytes.len() {
                    self.pos = bytes.len();
                    self.part_end = bytes.len();
                    return None;
                }
                let end = bytes[start..]
                    .iter()
                    .position(u8::is_ascii_whitespace)
                    .map_or(bytes.len(), |i| start + i);
                self.class_end = end;
                // A variant prefix (`print:`) names nothing.
                bytes[start..end]
                    .iter()
                    .rposition(|&b| b == b':')
                    .map_or(start, |i| start + i + 1)
            };
            self.part_end = bytes[part_start..self.class_end]
                .iter()
                .position(|&b| b == b'-' || b == b'_')
                .map_or(self.class_end, |i| part_start + i);
            self.pos = if is_hash(&self.value[part_start..self.part_end]) {
                self.part_end
            } else {
                part_start
            };
        }
    }
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
        for case in [
            "articleShareBar post_body-2",
            "HTMLParser aBC",
            "",
            "--",
            "ünïcode-Wörds",
            "x",
        ] {
            assert_eq!(words(case), words_by_chars(case), "{case:?}");
        }
    }

    /// The chain of splits `name_words` replaced, as the reference.
    fn name_words_by_splits(value: &str) -> Vec<&str> {
        value
            .split_ascii_whitespace()
            .map(|class| class.rsplit(':').next().unwrap_or(class))
            .flat_map(|class| class.split(['-', '_']))
            .filter(|part| !is_hash(part))
            .flat_map(word_slices)
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(2000))]
        #[test]
        fn word_slices_split_any_class_as_the_reference_does(s in "[aZbY_ 9é.Xq-]{0,12}") {
            proptest::prop_assert_eq!(words(&s), words_by_chars(&s));
        }

        #[test]
        fn name_words_split_any_value_as_the_reference_does(s in "[aZbY_ :9fé.\tXq-]{1,17}") {
            proptest::prop_assert_eq!(name_words(&s).collect::<Vec<_>>(), name_words_by_splits(&s));
        }
    }

    #[test]
    fn name_words_split_as_the_reference_does() {
        for case in [
            "print:hidden md:block",
            "title-6ad04061ca el_4bad2c1 ",
            "  articleShareBar  post_body-2\n",
            "a::b: -_- :",
            "",
            " ",
            "ünïcode-Wörds x",
        ] {
            assert_eq!(
                name_words(case).collect::<Vec<_>>(),
                name_words_by_splits(case),
                "{case:?}"
            );
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
