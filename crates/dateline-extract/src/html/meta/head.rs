//! `<meta>`, `<link>`, `<title>` and `<html lang>`: the declared metadata.

use dateline_html::{Document, Tag};

/// Declared key-value metadata of a page, keys lower-case, in page order.
///
/// One `<meta>` can speak for several vocabularies at once
/// (`itemprop="datePublished" property="article:published_time"`), so each
/// of its `name`, `property` and `itemprop` keys is recorded.
#[derive(Debug, Default)]
pub(crate) struct Head {
    pub(crate) metas: Vec<(String, String)>,
    pub(crate) title: Option<String>,
    pub(crate) canonical: Option<String>,
    pub(crate) html_lang: Option<String>,
}

impl Head {
    /// Collects the declared metadata of `doc`.
    pub(crate) fn collect(doc: &Document) -> Head {
        let mut head = Head::default();
        for node in doc.elements() {
            match node.tag() {
                Tag::Meta => {
                    let Some(content) = node.attr("content").or_else(|| node.attr("value")) else {
                        continue;
                    };
                    let content = collapse(content);
                    if content.is_empty() {
                        continue;
                    }
                    for key_attr in ["property", "name", "itemprop", "http-equiv"] {
                        if let Some(key) = node.attr(key_attr) {
                            // `property` may list several space-separated names.
                            for key in key.split_whitespace() {
                                head.metas.push((key.to_ascii_lowercase(), content.clone()));
                            }
                        }
                    }
                }
                // The document title, not an SVG <title>.
                Tag::Title
                    if head.title.is_none() && !node.ancestors().any(|a| a.tag() == Tag::Svg) =>
                {
                    let t = collapse(&node.text_content());
                    if !t.is_empty() {
                        head.title = Some(t);
                    }
                }
                Tag::Link => {
                    let rel = node.attr("rel").unwrap_or("").to_ascii_lowercase();
                    if rel.split_whitespace().any(|r| r == "canonical") && head.canonical.is_none()
                    {
                        head.canonical = node
                            .attr("href")
                            .map(str::trim)
                            .filter(|h| !h.is_empty())
                            .map(String::from);
                    }
                }
                Tag::Html if head.html_lang.is_none() => {
                    head.html_lang = node
                        .attr("lang")
                        .or_else(|| node.attr("xml:lang"))
                        .map(String::from);
                }
                _ => {}
            }
        }
        head
    }

    /// The first value of any of `keys`, in the order of `keys`.
    pub(crate) fn first(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| {
            self.metas
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.as_str())
        })
    }

    /// All values of `key` in page order.
    pub(crate) fn all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.metas
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Whitespace runs to one space, trimmed.
pub(crate) fn collapse(s: &str) -> String {
    if s.is_ascii() {
        return collapse_ascii(s);
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// [`collapse`] for ASCII text, split by bytes: most values and titles
/// are ASCII, and `split_whitespace` decodes every character. The spaces
/// are the ASCII ones `char::is_whitespace` accepts (vertical tab
/// included, unlike `u8::is_ascii_whitespace`).
fn collapse_ascii(s: &str) -> String {
    let is_space = |b: &u8| matches!(b, b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' | b' ');
    let mut out = Vec::with_capacity(s.len());
    for word in s.as_bytes().split(is_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(b' ');
        }
        out.extend_from_slice(word);
    }
    String::from_utf8(out).expect("ASCII words of a str are UTF-8")
}

/// An ISO 639-1 code from a language tag or locale (`en-US`, `pt_BR`, `fr`).
pub(crate) fn language_code(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (primary.len() == 2 && primary.bytes().all(|b| b.is_ascii_lowercase())).then_some(primary)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(2000))]
        #[test]
        fn collapse_by_bytes_is_collapse_by_chars(
            s in "[ \t\n\x0b\x0c\r\x1caZ\u{a0}é\u{3000}]{0,12}"
        ) {
            let by_chars = s.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(collapse(&s), by_chars);
        }
    }

    #[test]
    fn collects_every_vocabulary_of_a_meta() {
        let doc = Document::parse(
            r#"<html lang="en-GB"><head><title> A
            title </title><meta itemprop="datePublished" property="article:published_time og:x" content="2020-02-18">
            <link rel="canonical" href="https://x.com/a"></head></html>"#,
        );
        let head = Head::collect(&doc);
        assert_eq!(head.first(&["datepublished"]), Some("2020-02-18"));
        assert_eq!(head.first(&["article:published_time"]), Some("2020-02-18"));
        assert_eq!(head.first(&["og:x"]), Some("2020-02-18"));
        assert_eq!(head.title.as_deref(), Some("A title"));
        assert_eq!(head.canonical.as_deref(), Some("https://x.com/a"));
        assert_eq!(
            head.html_lang.as_deref().and_then(language_code).as_deref(),
            Some("en")
        );
    }

    #[test]
    fn language_codes() {
        assert_eq!(language_code("pt_BR").as_deref(), Some("pt"));
        assert_eq!(language_code("english"), None);
        assert_eq!(language_code(""), None);
    }
}
