//! Dateline enrichment: what an article is about, as data.
//!
//! [`enrich`] finds the places a text names, resolved against the
//! [`gazetteer`] (GeoNames places under every name they are known by, in a
//! compact form embedded in the binary), ranks the places it is about, and
//! finds the people and organisations it names and the [`quantities()`] it
//! states:
//!
//! ```
//! use dateline_enrich::{enrich, PlaceOptions};
//!
//! let found = enrich("Russian forces entered Raqqa.", &PlaceOptions::default());
//! assert_eq!(found.places[1].surface, "Raqqa");
//! assert_eq!(found.places[1].country_code, "SY");
//! assert_eq!(found.focus[0].country_code, "SY");
//! ```

pub mod entities;
pub mod focus;
pub mod gazetteer;
pub mod language;
pub mod places;
pub mod quantities;
mod resolve;
pub mod tokens;
pub mod words;

pub use dateline_model::Enrichment;
pub use entities::{entities, Entity};
pub use focus::{focus, Focus};
pub use language::detect_language;
pub use places::{places, Demonyms, PlaceMention, PlaceOptions};
pub use quantities::{quantities, Quantity};

/// Enriches `text` with the embedded gazetteer.
pub fn enrich(text: &str, options: &PlaceOptions) -> Enrichment {
    let gazetteer = gazetteer::Gazetteer::embedded();
    let places = places(text, gazetteer, options);
    let focus = focus(&places, text.chars().count(), gazetteer);
    let entities = entities(text, gazetteer, &places);
    Enrichment {
        language: detect_language(text),
        places,
        focus,
        entities,
        quantities: quantities(text),
        events: Vec::new(),
    }
}

/// Enriches an article's text. A detected language fills the article's own
/// `language` when the page declared none (a declared one wins), rather
/// than a second field beside it.
pub fn enrich_article(article: &mut dateline_model::Article, options: &PlaceOptions) -> Enrichment {
    let mut found = enrich(&article.text, options);
    let detected = found.language.take();
    if article.language.is_none() {
        article.language = detected;
    }
    found
}
