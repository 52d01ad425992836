//! Is the page an article? Index, tag, search, error and wall pages are not.
//!
//! **What**: a page is rejected when its body is too thin to be a story
//! and something says why: an error title, a wall (sign-in, cookies,
//! subscription), or a listing (many teasers, a section-like address, a
//! page type that is not an article). A thin page with no such sign is
//! rejected as "no article text".
//! **Why**: a merge of teasers or an error message stored as an article
//! pollutes search and every count downstream. Conservative: a page with a
//! real body is an article whatever its furniture says.
//! **Example**: a tag page with forty card teasers and no paragraph over
//! two lines gives `is_article: false`, `reason: "index page"`.
//! **Known failures**: very short news briefs (a two-sentence update) on a
//! section-like address may be rejected as index pages.

/// What the extractor saw, for the verdict.
#[derive(Debug, Default, Clone)]
pub struct Signals<'a> {
    /// Characters of body text.
    pub body_chars: usize,
    /// Body paragraphs of 150 characters or more.
    pub long_paragraphs: usize,
    /// The document title (`<title>`) and main heading.
    pub title: Option<&'a str>,
    /// The main heading (`<h1>`).
    pub heading: Option<&'a str>,
    /// The page address.
    pub url: Option<&'a str>,
    /// `og:type`, when given.
    pub page_type: Option<&'a str>,
    /// True when JSON-LD or microdata declare an article type.
    pub declares_article: bool,
    /// Teasers and cards of other stories on the page.
    pub teasers: usize,
}

/// Body length below which a page needs a reason to be an article.
const THIN_BODY_CHARS: usize = 500;

/// Why the page is not an article, or None if it is one.
pub fn reject_reason(s: &Signals<'_>) -> Option<&'static str> {
    let thin = s.body_chars < THIN_BODY_CHARS && s.long_paragraphs < 2;
    if s.body_chars >= 2 * THIN_BODY_CHARS && s.long_paragraphs >= 2 {
        return None;
    }
    let titles = [s.title, s.heading];
    if titles.iter().flatten().any(|t| is_error_title(t)) && s.long_paragraphs < 3 {
        return Some("error page");
    }
    if !thin {
        return None;
    }
    if s.declares_article && s.body_chars > 80 {
        return None;
    }
    let listing_type = s
        .page_type
        .is_some_and(|t| t.eq_ignore_ascii_case("website"));
    let teaser_wall = s.teasers >= 10 && s.body_chars < 200;
    if teaser_wall || listing_type || s.url.is_some_and(is_listing_url) {
        return Some("index page");
    }
    // One real sentence is a (tiny) article; less is a shell or a stub.
    if s.body_chars < 40 {
        return Some("no article text");
    }
    None
}

/// Wall pages: the text that remains is a demand, not a story.
pub fn wall_reason(body: &str) -> Option<&'static str> {
    if body.len() > 1500 {
        return None;
    }
    let lower = body.to_lowercase();
    const WALLS: &[(&str, &str)] = &[
        ("subscribe to continue", "subscription wall"),
        ("to continue reading", "subscription wall"),
        ("already a subscriber", "subscription wall"),
        ("sign in to continue", "login wall"),
        ("log in to continue", "login wall"),
        ("please enable javascript", "script wall"),
        ("enable cookies", "consent wall"),
        ("we use cookies", "consent wall"),
        ("accept all cookies", "consent wall"),
        ("are you a robot", "bot check"),
        ("verify you are human", "bot check"),
    ];
    WALLS
        .iter()
        .find(|(needle, _)| lower.contains(needle))
        .map(|(_, reason)| *reason)
}

fn is_error_title(title: &str) -> bool {
    let lower = title.to_lowercase();
    const ERRORS: &[&str] = &[
        "404",
        "page not found",
        "not found",
        "error 500",
        "server error",
        "seite nicht gefunden",
        "página no encontrada",
        "page introuvable",
        "pagina non trovata",
        "страница не найдена",
        "sayfa bulunamadı",
    ];
    // "404" must stand alone, not inside "2404 votes".
    ERRORS.iter().any(|e| {
        lower.match_indices(e).any(|(i, _)| {
            let before = lower[..i].chars().next_back();
            let after = lower[i + e.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

fn is_listing_url(url: &str) -> bool {
    let without_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = without_scheme
        .split(['?', '#'])
        .next()
        .unwrap_or(url)
        .to_lowercase();
    let path = path.split_once('/').map_or("", |(_, p)| p);
    let query =
        url.contains("?q=") || url.contains("&q=") || url.contains("?s=") || url.contains("search");
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let listing_segment = segments
        .iter()
        .rev()
        .skip(1)
        .chain(segments.last())
        .any(|s| {
            matches!(
                *s,
                "tag"
                    | "tags"
                    | "category"
                    | "categories"
                    | "topic"
                    | "topics"
                    | "section"
                    | "search"
                    | "author"
                    | "archive"
                    | "page"
            )
        });
    // A host alone, or a host and one section word, is a front page.
    let front = segments.len() <= 1
        && segments
            .last()
            .is_none_or(|s| !s.contains(['-', '_', '.']) && s.len() < 20);
    query || listing_segment || front
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_bodies_are_articles_whatever_else() {
        let s = Signals {
            body_chars: 3000,
            long_paragraphs: 8,
            url: Some("https://x.org/tag/foo"),
            teasers: 40,
            ..Signals::default()
        };
        assert_eq!(reject_reason(&s), None);
    }

    #[test]
    fn error_pages() {
        let s = Signals {
            body_chars: 120,
            title: Some("404 - Page not found | Daily"),
            ..Signals::default()
        };
        assert_eq!(reject_reason(&s), Some("error page"));
        let votes = Signals {
            body_chars: 120,
            title: Some("2404 votes counted"),
            url: Some("https://x.org/2020/01/votes-counted"),
            ..Signals::default()
        };
        assert_eq!(reject_reason(&votes), None);
    }

    #[test]
    fn listings() {
        let tag = Signals {
            body_chars: 200,
            url: Some("https://news.example/tag/raqqa/"),
            ..Signals::default()
        };
        assert_eq!(reject_reason(&tag), Some("index page"));
        let front = Signals {
            body_chars: 300,
            url: Some("https://news.example/"),
            teasers: 30,
            ..Signals::default()
        };
        assert_eq!(reject_reason(&front), Some("index page"));
        let brief = Signals {
            body_chars: 300,
            long_paragraphs: 1,
            url: Some("https://news.example/2019/12/09/russians-enter-raqqa"),
            ..Signals::default()
        };
        assert_eq!(reject_reason(&brief), None);
    }

    #[test]
    fn walls() {
        assert_eq!(
            wall_reason("Subscribe to continue reading. Already a subscriber? Sign in"),
            Some("subscription wall")
        );
        assert_eq!(wall_reason("Heavy rain flooded the coast."), None);
    }
}
