//! Dateline enrichment: what an article is about, as data.
//!
//! [`enrich`] finds the places a text names, resolved against the
//! [`gazetteer`] (GeoNames places under every name they are known by, in a
//! compact form embedded in the binary), and ranks the places it is about:
//!
//! ```
//! use dateline_enrich::{enrich, PlaceOptions};
//!
//! let found = enrich("Russian forces entered Raqqa.", &PlaceOptions::default());
//! assert_eq!(found.places[1].surface, "Raqqa");
//! assert_eq!(found.places[1].country_code, "SY");
//! assert_eq!(found.focus[0].country_code, "SY");
//! ```

pub mod focus;
pub mod gazetteer;
pub mod places;
mod resolve;
pub mod tokens;
pub mod words;

pub use focus::{focus, Focus};
pub use places::{places, Demonyms, PlaceMention, PlaceOptions};

/// What enrichment found in one text.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Enrichment {
    /// Places named, in text order.
    pub places: Vec<PlaceMention>,
    /// The places the text is about, most first.
    pub focus: Vec<Focus>,
}

/// Enriches `text` with the embedded gazetteer.
pub fn enrich(text: &str, options: &PlaceOptions) -> Enrichment {
    let gazetteer = gazetteer::Gazetteer::embedded();
    let places = places(text, gazetteer, options);
    let focus = focus(&places, text.chars().count(), gazetteer);
    Enrichment { places, focus }
}
