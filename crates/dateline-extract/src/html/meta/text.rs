//! Small text helpers for metadata values.

/// Decodes the HTML entities that leak into JSON-LD and meta values
/// (pages often escape twice): numeric ones and the common named ones.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..].find(';').map(|e| e + 1).filter(|e| *e <= 10);
        let decoded = end.and_then(|e| entity(&rest[1..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "rsquo" => '’',
        "lsquo" => '‘',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        // Separators and signs common in titles ("Plate &bull; Source").
        "bull" => '•',
        "middot" => '·',
        "verbar" => '|',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "euro" => '€',
        "pound" => '£',
        "times" => '×',
        // Letters of Western European names.
        "aacute" => 'á',
        "agrave" => 'à',
        "auml" => 'ä',
        "eacute" => 'é',
        "egrave" => 'è',
        "iacute" => 'í',
        "oacute" => 'ó',
        "ouml" => 'ö',
        "uacute" => 'ú',
        "uuml" => 'ü',
        "ccedil" => 'ç',
        "ntilde" => 'ñ',
        "szlig" => 'ß',
        _ => return None,
    })
}

/// The class and id of an element, lower-case, as region names: utility
/// classes are left out.
///
/// **What**: class tokens holding `:` or `[` (utility-first CSS variants
/// and arbitrary values: `md:[grid-area:sidebar]`, `lg:col-span-2`) are
/// dropped. **Why**: they say where a box is drawn at one screen width,
/// not what it holds; a byline in the left column of an article laid out
/// with `md:[grid-area:sidebar]` is the article's byline, not a sidebar's.
/// **Example**: `class="mb-6 md:[grid-area:sidebar]"` gives `"mb-6 "`.
/// **Known failures**: a real sidebar named only by such a token is not
/// seen as one.
pub(crate) fn region_names(n: &dateline_html::Node) -> String {
    let mut s = String::new();
    for token in n.attr("class").unwrap_or("").split_whitespace() {
        if !token.contains([':', '[']) {
            s.push_str(&token.to_ascii_lowercase());
            s.push(' ');
        }
    }
    s.push(' ');
    s.push_str(&n.attr("id").unwrap_or("").to_ascii_lowercase());
    s
}

/// A comparison key: lower-case letters and digits only.
pub(crate) fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The host of a URL without `www.` (`https://www.bbc.co.uk/x` -> `bbc.co.uk`).
///
/// Not `dateline_dedup::site_key` (the store's and index's key for a site):
/// this host is matched against the page's own words (the brand "jpost" in
/// a title, a publisher named as an author), so it stays as the page wrote
/// it, international names in Unicode (`bücher.de`, where the key is
/// `xn--bcher-kva.de`), and it is read from any `scheme://` text without
/// parsing or allocating.
pub(crate) fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    Some(host.strip_prefix("www.").unwrap_or(host)).filter(|h| !h.is_empty())
}

/// True for a site's home page (`https://example.com/`): no path, no query.
pub(crate) fn is_home_page(url: &str) -> bool {
    let Some((_, rest)) = url.split_once("://") else {
        return false;
    };
    let path = rest.find(['/', '?', '#']).map_or("", |i| &rest[i..]);
    matches!(path, "" | "/" | "/#")
}

/// Resolves `href` against the page `base` URL; returns `href` as given
/// when it cannot be resolved.
pub(crate) fn absolutize(href: &str, base: Option<&str>) -> String {
    let href = href.trim();
    let joined = match base.and_then(|b| url::Url::parse(b).ok()) {
        Some(base) => base.join(href),
        None => url::Url::parse(href),
    };
    match joined {
        Ok(u) if matches!(u.scheme(), "http" | "https") => u.to_string(),
        _ => href.to_string(),
    }
}

/// Needles to look for in many texts, with the table of the bytes they
/// start with, built once per scan (every element's class and id is
/// searched for a dozen byline or date hints).
pub(crate) struct Needles<'n> {
    needles: &'n [&'n str],
    /// For each byte, the needles (bit `k` for `needles[k]`, the first 64)
    /// that start with it.
    by_first: [u64; 256],
    /// An empty needle is in every text; needles past the 64th are
    /// compared at every byte.
    any_empty: bool,
    many: bool,
}

impl<'n> Needles<'n> {
    pub(crate) fn new(needles: &'n [&'n str]) -> Self {
        let mut by_first = [0u64; 256];
        let mut any_empty = false;
        for (k, needle) in needles.iter().enumerate().take(64) {
            match needle.as_bytes().first() {
                Some(b) => by_first[usize::from(*b)] |= 1 << k,
                None => any_empty = true,
            }
        }
        Needles {
            needles,
            by_first,
            any_empty: any_empty || needles.iter().any(|n| n.is_empty()),
            many: needles.len() > 64,
        }
    }

    /// Whether `text` contains one of the needles, in one pass over `text`
    /// that compares only the needles starting with the byte it stands on.
    pub(crate) fn in_text(&self, text: &str) -> bool {
        if self.any_empty {
            return true;
        }
        if self.many {
            return self.needles.iter().any(|n| text.contains(n));
        }
        let bytes = text.as_bytes();
        (0..bytes.len()).any(|i| {
            let mut candidates = self.by_first[usize::from(bytes[i])];
            while candidates != 0 {
                let n = self.needles[candidates.trailing_zeros() as usize].as_bytes();
                // The second byte before the whole: most candidates fail
                // there, without a call to compare.
                if n.get(1).is_none_or(|b| bytes.get(i + 1) == Some(b)) && bytes[i..].starts_with(n)
                {
                    return true;
                }
                candidates &= candidates - 1;
            }
            false
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `text` contains one of `needles`, as `needles.iter().any(|n|
    /// text.contains(n))` says ([`Needles::in_text`]).
    fn contains_any(text: &str, needles: &[&str]) -> bool {
        Needles::new(needles).in_text(text)
    }

    #[test]
    fn contains_any_is_any_contains() {
        let texts = [
            "",
            "a",
            "post-byline x",
            "by-lin",
            "xxauthorxx",
            "signatur",
            "firma",
            "écrit par",
        ];
        for text in texts {
            for needles in [
                &[
                    "byline",
                    "by-line",
                    "author",
                    "signatur",
                    "firma",
                    "écrit par",
                ][..],
                &["a", "ab"],
                &["é", "par"],
                &[""],
                &[],
            ] {
                assert_eq!(
                    contains_any(text, needles),
                    needles.iter().any(|n| text.contains(n)),
                    "{text:?} {needles:?}"
                );
            }
        }
    }

    #[test]
    fn home_pages() {
        assert!(is_home_page("https://www.example.com"));
        assert!(is_home_page("https://example.com/"));
        assert!(!is_home_page("https://example.com/news/"));
        assert!(!is_home_page("https://example.com/?p=12"));
        assert!(!is_home_page("example.com"));
    }

    #[test]
    fn region_names_skip_utility_classes() {
        let doc = dateline_html::Document::parse(
            r#"<div class="mb-6 md:[grid-area:sidebar] Byline" id="Main">x</div>"#,
        );
        let div = doc
            .elements()
            .find(|n| n.tag() == dateline_html::Tag::Div)
            .unwrap();
        assert_eq!(region_names(&div), "mb-6 byline  main");
    }

    #[test]
    fn named_entities_of_titles_and_names() {
        assert_eq!(
            decode_entities("Healthy Eating Plate &bull; The Nutrition Source"),
            "Healthy Eating Plate • The Nutrition Source"
        );
        assert_eq!(decode_entities("Jos&eacute; Mu&ntilde;oz"), "José Muñoz");
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("Tom &amp; Jerry&#8217;s &#x41; &bogus; & done"),
            "Tom & Jerry’s A &bogus; & done"
        );
    }

    #[test]
    fn urls() {
        assert_eq!(host("https://www.bbc.co.uk/news/1"), Some("bbc.co.uk"));
        // As written: a brand to find in the page's text.
        assert_eq!(host("https://www.bücher.de:443/x"), Some("bücher.de"));
        assert_eq!(host("www.bbc.co.uk/news"), None);
        assert_eq!(
            absolutize("/a/b.jpg", Some("https://x.com/news/1")),
            "https://x.com/a/b.jpg"
        );
        assert_eq!(
            absolutize("../img/b.jpg", Some("https://x.com/news/2019/1")),
            "https://x.com/news/img/b.jpg"
        );
        assert_eq!(
            absolutize("b.jpg", Some("https://x.com/news/1")),
            "https://x.com/news/b.jpg"
        );
        assert_eq!(
            absolutize("//cdn.x.com/b.jpg", Some("https://x.com/")),
            "https://cdn.x.com/b.jpg"
        );
    }
}
