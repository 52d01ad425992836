//! Dateline enrichment: what an article is about, as data.
//!
//! [`enrich`] finds the places a text names, resolved against the
//! [`gazetteer`] (GeoNames places under every name they are known by, in a
//! compact form embedded in the binary), ranks the places it is about, and
//! finds the people and organisations it names, the [`quantities()`] it
//! states and the events it reports (`dateline-events`: who did what to
//! whom, coded in CAMEO and PLOVER, located at the places found here):
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

pub use dateline_model::{Enrichment, Timestamp};
pub use entities::{entities, Entity};
pub use focus::{focus, Focus};
pub use language::detect_language;
pub use places::{places, Demonyms, Events, PlaceMention, PlaceOptions};
pub use quantities::{quantities, Quantity};

/// Enriches `text` with the embedded gazetteer (events dated to no day:
/// see [`enrich_dated`]).
pub fn enrich(text: &str, options: &PlaceOptions) -> Enrichment {
    enrich_dated(text, None, options)
}

/// Enriches `text` published on `date`, which dates its events.
pub fn enrich_dated(text: &str, date: Option<Timestamp>, options: &PlaceOptions) -> Enrichment {
    let gazetteer = gazetteer::Gazetteer::embedded();
    let places = places(text, gazetteer, options);
    let focus = focus(&places, text.chars().count(), gazetteer);
    let entities = entities(text, gazetteer, &places);
    let context = dateline_events::Context {
        places: &places,
        date,
    };
    let language = detect_language(text);
    let events = match options.events {
        places::Events::Code if codes_events_in(language.as_deref()) => {
            dateline_events::Coder::embedded().code_text(text, &context)
        }
        places::Events::Code | places::Events::Skip => Vec::new(),
    };
    Enrichment {
        language,
        places,
        focus,
        entities,
        quantities: quantities(text),
        events,
    }
}

/// Whether a text in `language` (as detected; `None`: unsure) gets its
/// events coded. The event dictionaries are English (actor names, verbs
/// and patterns), so a text read reliably as another language is not
/// coded: its English-looking words are names and loans ("Trump", "NATO",
/// "Brexit"), and a pattern matched among them would be a wrong event,
/// where no event is the right answer. A text too short to tell is coded.
pub fn codes_events_in(language: Option<&str>) -> bool {
    language.is_none_or(|code| code == "en")
}

/// Enriches an article's text. A detected language fills the article's own
/// `language` when the page declared none (a declared one wins), rather
/// than a second field beside it.
pub fn enrich_article(article: &mut dateline_model::Article, options: &PlaceOptions) -> Enrichment {
    let mut found = enrich_dated(&article.text, article.published, options);
    let detected = found.language.take();
    if article.language.is_none() {
        article.language = detected;
    }
    found
}
