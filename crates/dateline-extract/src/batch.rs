//! Extracting many pages: each page decoded once ([`prepare`]), the text
//! dumps of a batch grouped by site and their shared boilerplate learned
//! ([`SiteProfiles::engines`]), then every page extracted by its site's
//! engine ([`Engines::extract`]).
//!
//! Parallelism is the caller's: [`prepare`] and [`Engines::extract`] are
//! pure and may run on any thread; only learning is sequential.
//!
//! ```
//! use dateline_extract::{prepare, InputKind, Options, SiteProfiles};
//!
//! let nav = "Daily Planet Home\nDaily Planet World\nDaily Planet Sport\nSign up for the Daily Planet Newsletter\n";
//! let story = "residents said on Monday, after a week in which the council met twice and the mayor promised answers.";
//! let a = format!("{nav}Storm hits the coast\nHeavy rain flooded hundreds of homes along the coast, {story}\n");
//! let b = format!("{nav}Mayor opens bridge\nThe new bridge over the river opened to traffic at last, {story}\n");
//! let options = Options::default().input(InputKind::Text);
//! let pages = [prepare(a.as_bytes(), &options), prepare(b.as_bytes(), &options)];
//! let engines = SiteProfiles::default().engines(pages.iter().map(Some));
//! let article = engines.extract(0, &pages[0]);
//! assert!(!article.text.contains("Newsletter"));
//! ```

use std::collections::{HashMap, VecDeque};

use dateline_model::Article;

use crate::text::{learn_profiles, SiteProfile};
use crate::{decode, html, looks_like_html, text, Extractor, InputKind, Options};

/// A page decoded and its kind decided: the form in which a page travels
/// from decoding to extraction, so that learning and extraction read the
/// same text, decoded once with one charset.
#[derive(Debug, Clone)]
pub struct Prepared {
    text: String,
    /// The kind the caller declared ([`InputKind::Sniff`] when none).
    declared: InputKind,
    /// The kind extraction uses: never [`InputKind::Sniff`].
    kind: InputKind,
    url: Option<String>,
}

impl Prepared {
    /// The decoded text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether the page is read as a text dump.
    pub fn is_text_dump(&self) -> bool {
        self.kind == InputKind::Text
    }
}

/// Decodes a page (byte-order mark, `options.charset`, `<meta>` charset,
/// detection) and decides its kind.
pub fn prepare(bytes: &[u8], options: &Options) -> Prepared {
    let decoded = decode(
        bytes,
        options.charset.as_deref(),
        options.input != InputKind::Text,
    );
    Prepared {
        kind: kind_of(options.input, &decoded.text),
        text: decoded.text,
        declared: options.input,
        url: options.url.clone(),
    }
}

/// The kind a page is extracted as: the declared one, or sniffed.
fn kind_of(declared: InputKind, text: &str) -> InputKind {
    match declared {
        InputKind::Sniff if looks_like_html(text) => InputKind::Html,
        InputKind::Sniff => InputKind::Text,
        kind => kind,
    }
}

impl Extractor {
    /// Extracts one page, decoded as [`prepare`] decodes it; see
    /// [`crate::extract`]. A page alone is only read, so a page whose
    /// bytes are its text (UTF-8) is extracted where it lies, not copied.
    pub fn extract(&self, bytes: &[u8], options: &Options) -> Article {
        let decoded = crate::decode::decode_in_place(
            bytes,
            options.charset.as_deref(),
            options.input != InputKind::Text,
        );
        let kind = kind_of(options.input, &decoded.text);
        self.extract_text(&decoded.text, kind, options.url.as_deref())
    }

    /// Extracts one prepared page; see [`crate::extract`].
    pub fn extract_prepared(&self, page: &Prepared) -> Article {
        self.extract_text(&page.text, page.kind, page.url.as_deref())
    }

    /// Extracts decoded text of a known kind (never [`InputKind::Sniff`]).
    fn extract_text(&self, text: &str, kind: InputKind, url: Option<&str>) -> Article {
        let mut article = match kind {
            InputKind::Text => text::extract_dump(text, url, self.profile()),
            _ => html::extract_html(text, url),
        };
        crate::hygiene::clean_article(&mut article);
        article
    }
}

/// Site profiles learned from earlier batches of a run, most recent first,
/// for text dumps that arrive without enough pages of their site in their
/// own batch to learn from.
#[derive(Debug)]
pub struct SiteProfiles {
    learn: bool,
    remembered: VecDeque<SiteProfile>,
}

/// Profiles remembered, at most: a run over many sites keeps the recent ones.
const REMEMBERED_PROFILES: usize = 64;

impl Default for SiteProfiles {
    fn default() -> Self {
        Self::new(true)
    }
}

impl SiteProfiles {
    /// Profiles that learn (`learn`), or that never do: every page is then
    /// extracted alone.
    pub fn new(learn: bool) -> Self {
        Self {
            learn,
            remembered: VecDeque::new(),
        }
    }

    /// Profiles remembered.
    pub fn len(&self) -> usize {
        self.remembered.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.remembered.is_empty()
    }

    /// The engines for a batch (`None` for pages that could not be read):
    /// one per site group of the batch's declared text dumps, plus a plain
    /// one. A dump alone of its site in the batch uses a remembered profile
    /// that recognises it. Only pages declared dumps (by file name or
    /// option) are grouped; a page merely sniffed as one is extracted alone.
    pub fn engines<'a>(
        &mut self,
        pages: impl IntoIterator<Item = Option<&'a Prepared>>,
    ) -> Engines {
        let pages: Vec<Option<&Prepared>> = pages.into_iter().collect();
        let mut engines = Engines {
            extractors: vec![Extractor::new()],
            engine_of: vec![0; pages.len()],
        };
        if !self.learn {
            return engines;
        }
        let dumps: Vec<usize> = (0..pages.len())
            .filter(|&i| pages[i].is_some_and(|p| p.declared == InputKind::Text))
            .collect();
        if dumps.is_empty() {
            return engines;
        }
        let texts: Vec<&str> = dumps
            .iter()
            .map(|&i| pages[i].map_or("", Prepared::text))
            .collect();
        let mut recalled: HashMap<usize, usize> = HashMap::new();
        for group in learn_profiles(&texts) {
            if let [page] = group.pages[..] {
                if let Some(remembered) = self.recognise(texts[page]) {
                    let engine = *recalled.entry(remembered).or_insert_with(|| {
                        engines.add(Extractor::with_profile(self.remembered[remembered].clone()))
                    });
                    engines.engine_of[dumps[page]] = engine;
                }
                continue;
            }
            self.remember(&group.profile);
            let engine = engines.add(Extractor::with_profile(group.profile));
            for member in &group.pages {
                engines.engine_of[dumps[*member]] = engine;
            }
        }
        engines
    }

    fn remember(&mut self, profile: &SiteProfile) {
        self.remembered.retain(|p| p != profile);
        self.remembered.push_front(profile.clone());
        self.remembered.truncate(REMEMBERED_PROFILES);
    }

    fn recognise(&self, page: &str) -> Option<usize> {
        self.remembered.iter().position(|p| p.recognises(page))
    }
}

/// The extraction engines of one batch, and which one each page uses.
#[derive(Debug)]
pub struct Engines {
    extractors: Vec<Extractor>,
    engine_of: Vec<usize>,
}

impl Engines {
    fn add(&mut self, extractor: Extractor) -> usize {
        self.extractors.push(extractor);
        self.extractors.len() - 1
    }

    /// Extracts page `i` of the batch (the same page the engines were made
    /// with) with its site's engine.
    pub fn extract(&self, i: usize, page: &Prepared) -> Article {
        let engine = self.engine_of.get(i).copied().unwrap_or(0);
        self.extractors[engine].extract_prepared(page)
    }

    /// How many engines learned a profile in this batch or recalled one.
    pub fn profiled(&self) -> usize {
        self.extractors.len() - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dump(nav: &str, title: &str) -> String {
        format!(
            "{nav}{title} plan approved\nThe council met on Monday to discuss the {title} plan, which residents had opposed for months before the vote. \
             Supporters said the plan would bring jobs to the town, while critics warned of higher taxes and traffic.\n"
        )
    }

    const NAV: &str = "Daily Planet Home\nDaily Planet World\nDaily Planet Sport\nSign up for the Daily Planet Newsletter\n";

    #[test]
    fn a_site_learned_in_one_batch_is_recalled_in_the_next() {
        let options = Options::default().input(InputKind::Text);
        let mut profiles = SiteProfiles::default();
        let first: Vec<Prepared> = ["Bridge", "Harbour", "School"]
            .iter()
            .map(|t| prepare(dump(NAV, t).as_bytes(), &options))
            .collect();
        let engines = profiles.engines(first.iter().map(Some));
        assert_eq!((engines.profiled(), profiles.len()), (1, 1));
        assert!(!engines.extract(0, &first[0]).text.contains("Newsletter"));

        let alone = prepare(dump(NAV, "Library").as_bytes(), &options);
        let engines = profiles.engines([Some(&alone), None]);
        assert_eq!(engines.profiled(), 1, "recalled");
        let article = engines.extract(0, &alone);
        assert!(!article.text.contains("Newsletter"), "{}", article.text);
    }

    #[test]
    fn sniffed_pages_and_disabled_profiles_extract_alone() {
        let sniffed = Options::default();
        let pages: Vec<Prepared> = ["Bridge", "Harbour"]
            .iter()
            .map(|t| prepare(dump(NAV, t).as_bytes(), &sniffed))
            .collect();
        assert!(pages[0].is_text_dump());
        let engines = SiteProfiles::default().engines(pages.iter().map(Some));
        assert_eq!(engines.profiled(), 0);

        let declared = Options::default().input(InputKind::Text);
        let pages: Vec<Prepared> = ["Bridge", "Harbour"]
            .iter()
            .map(|t| prepare(dump(NAV, t).as_bytes(), &declared))
            .collect();
        let engines = SiteProfiles::new(false).engines(pages.iter().map(Some));
        assert_eq!(engines.profiled(), 0);
    }

    #[test]
    fn the_charset_given_decodes_for_learning_and_extraction_alike() {
        // Latin-1 bytes: with the transport charset, "é" in both.
        let page = b"Caf\xe9 reopens\nThe caf\xe9 on the square reopened on Monday after a long renovation that closed it for most of the year. \
            Its owners said the new kitchen would let them serve lunch as well as coffee, and hired six more people.\n";
        let options = Options::default()
            .input(InputKind::Text)
            .charset("iso-8859-1");
        let prepared = prepare(page, &options);
        assert!(prepared.text().starts_with("Café"));
        let article = Extractor::new().extract_prepared(&prepared);
        assert!(article.text.contains("café"), "{}", article.text);
    }
}
