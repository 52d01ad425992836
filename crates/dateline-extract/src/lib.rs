//! Dateline extraction: raw news pages to structured [`Article`]s.
//!
//! Two input kinds are understood: HTML pages and plain-text dumps (every
//! visible text run of a page, one block per line, navigation and footers
//! included). Extraction is pure and synchronous: bytes in, article out.
//!
//! ```
//! use dateline_extract::{extract, InputKind, Options};
//!
//! let html = b"<html><head><title>Floods hit the coast | Daily Planet</title></head>
//!   <body><nav><a href='/'>Home</a></nav><article><h1>Floods hit the coast</h1>
//!   <p>Heavy rain flooded hundreds of homes along the coast on Monday, officials said,
//!   and more storms are expected later this week as the front moves north.</p>
//!   </article></body></html>";
//! let article = extract(html, &Options::default().input(InputKind::Html));
//! assert_eq!(article.title.as_deref(), Some("Floods hit the coast"));
//! assert!(article.text.starts_with("Heavy rain flooded"));
//! ```

mod batch;
pub mod byline;
pub mod credit;
pub mod dates;
mod decode;
pub mod html;
pub mod hygiene;
pub mod text;

use dateline_model::Article;

pub use batch::{prepare, Engines, Prepared, SiteProfiles};
pub use decode::{decode, Decoded};
pub use text::SiteProfile;

/// What kind of document the input bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputKind {
    /// Decide from the content (a leading `<` tag means HTML).
    #[default]
    Sniff,
    /// An HTML page.
    Html,
    /// A plain-text dump of a page.
    Text,
}

/// Extraction options: a `Default` struct with builder setters.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Input kind; [`InputKind::Sniff`] by default.
    pub input: InputKind,
    /// The page address, when known (resolves relative links, gives dates).
    pub url: Option<String>,
    /// An HTTP `Content-Type` charset, when known.
    pub charset: Option<String>,
}

impl Options {
    /// Sets the input kind.
    pub fn input(mut self, kind: InputKind) -> Self {
        self.input = kind;
        self
    }

    /// Sets the page address.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// Sets the transport charset (from HTTP headers).
    pub fn charset(mut self, charset: impl Into<String>) -> Self {
        self.charset = Some(charset.into());
        self
    }
}

/// Extracts one article from raw bytes. Never fails: messy input gives a
/// best-effort article, and non-articles come back with `is_article: false`.
pub fn extract(bytes: &[u8], options: &Options) -> Article {
    Extractor::new().extract(bytes, options)
}

/// A reusable extraction engine. It holds what is learned across pages of
/// one site (repeated text-dump lines), so extracting many pages of a site
/// through one engine removes their shared boilerplate.
#[derive(Debug, Default)]
pub struct Extractor {
    profile: Option<SiteProfile>,
}

impl Extractor {
    /// An engine with no site knowledge.
    pub fn new() -> Self {
        Self::default()
    }

    /// An engine that knows a site's repeated boilerplate lines.
    pub fn with_profile(profile: SiteProfile) -> Self {
        Self {
            profile: Some(profile),
        }
    }

    fn profile(&self) -> Option<&SiteProfile> {
        self.profile.as_ref()
    }
}

/// True when the text starts (after whitespace, BOM or comments) with markup.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(512)
        .collect();
    let lower = head.to_ascii_lowercase();
    lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.starts_with("<?xml")
        || lower.starts_with("<!--")
        || lower.starts_with("<head")
        || lower.starts_with("<body")
        || lower.starts_with("<meta")
        || (lower.starts_with('<') && lower.contains("</"))
}
