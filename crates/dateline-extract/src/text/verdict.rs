//! Telling articles from index, error and wall pages.
//!
//! A page whose best body is tiny is no article; what it is instead is read
//! from its vocabulary: "page not found" makes an error page, cookie or
//! subscription prompts a wall, many headlines an index. Only pages with a
//! short body are judged, so an article that mentions a 404 stays one.
//!
//! Known failures: a one-paragraph news brief surrounded by many teasers
//! can pass for an index page when its paragraph is under
//! [`INDEX_MAX_BODY`] characters.

use super::kind::Kind;
use super::line::Line;

/// Bodies shorter than this (in characters) make the page a non-article.
pub(crate) const MIN_BODY_CHARS: usize = 150;
/// Bodies up to this long are judged by the page's vocabulary.
const SHORT_BODY: usize = 500;
/// Bodies up to this long, among many headlines, make an index page.
const INDEX_MAX_BODY: usize = 250;
/// Headline-like lines that make a page with a tiny body an index.
const INDEX_HEADLINES: usize = 15;
/// Error and wall messages are looked for in this many first lines.
const HEAD_LINES: usize = 80;

/// Why the page is not an article, or None if it is one.
pub(crate) fn non_article(
    lines: &[Line],
    kinds: &[Kind],
    body_chars: usize,
) -> Option<&'static str> {
    if lines.is_empty() {
        return Some("empty dump");
    }
    if body_chars > SHORT_BODY {
        return None;
    }
    let (mut error, mut wall) = (false, false);
    for l in lines.iter().take(HEAD_LINES).filter(|l| l.words <= 12) {
        let k = l.key.as_str();
        error |= [
            "page not found",
            "404",
            "no longer available",
            "could not be found",
            "does not exist",
            "error",
        ]
        .iter()
        .any(|p| k.contains(p));
        wall |= [
            "cookies",
            "consent",
            "subscribe to continue",
            "subscribe to read",
            "sign in to continue",
            "paywall",
        ]
        .iter()
        .any(|p| k.contains(p));
    }
    let headlines = lines
        .iter()
        .zip(kinds)
        .filter(|(l, k)| {
            matches!(k, Kind::Text | Kind::Repeated)
                && (4..=20).contains(&l.words)
                && (20..=150).contains(&l.chars)
                && !l.ends_sentence
        })
        .count();
    if error {
        Some("error page")
    } else if wall && body_chars < MIN_BODY_CHARS * 2 {
        Some("consent or subscription wall")
    } else if body_chars < MIN_BODY_CHARS
        || (body_chars <= INDEX_MAX_BODY && headlines >= INDEX_HEADLINES)
    {
        Some(if headlines >= INDEX_HEADLINES {
            "index page"
        } else {
            "no article body"
        })
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::kind::classify;
    use super::*;

    fn judge(text: &str, body_chars: usize) -> Option<&'static str> {
        let lines: Vec<Line> = text.lines().filter_map(Line::new).collect();
        let kinds: Vec<Kind> = lines.iter().map(classify).collect();
        non_article(&lines, &kinds, body_chars)
    }

    #[test]
    fn error_and_wall_pages() {
        assert_eq!(
            judge("Home\n404 - Page not found\nSorry.", 20),
            Some("error page")
        );
        assert_eq!(
            judge("We use cookies\nAccept all", 0),
            Some("consent or subscription wall")
        );
        assert_eq!(judge("", 0), Some("empty dump"));
    }

    #[test]
    fn index_pages_have_many_headlines_and_no_body() {
        let headlines: String = (0..20)
            .map(|i| format!("Mayor opens new bridge number {i} in town\n"))
            .collect();
        assert_eq!(judge(&headlines, 200), Some("index page"));
        assert_eq!(judge(&headlines, 900), None, "a real body wins");
    }

    #[test]
    fn short_articles_that_mention_errors_stay_articles() {
        assert_eq!(judge("Home\nThe error was fixed on Monday.", 800), None);
    }
}
