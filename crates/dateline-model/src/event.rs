//! Events: who did what to whom, where and when, in one sentence, coded in
//! CAMEO (the code) and PLOVER (its category).
//!
//! Offsets count Unicode characters of the enriched text, as for places.

use serde::{Deserialize, Serialize};

use crate::PlaceMention;

/// One event a sentence states.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// The sentence that states it.
    pub sentence: Span,
    /// Who acts; `None` when the sentence does not say.
    pub source: Option<EventActor>,
    /// Whom it is done to; `None` when nobody is named.
    pub target: Option<EventActor>,
    /// The CAMEO event code, 2 to 4 characters ("190", "0874").
    pub cameo: String,
    /// The PLOVER category of the code ("ASSAULT"); empty for the CAMEO
    /// codes PLOVER leaves out (statements, appeals).
    pub plover: String,
    /// The verb that states it.
    pub verb: Surface,
    /// Where, when the sentence names one of the text's places.
    pub location: Option<PlaceMention>,
    /// When (`YYYY-MM-DD`): the article's date, unless the sentence says
    /// otherwise ("on Thursday", "yesterday"); `None` without a date.
    pub date: Option<String>,
    /// `asserted`, or `future` for what an actor will do or intends
    /// ("will attack", "decided to withdraw").
    #[serde(default = "asserted")]
    pub mode: String,
    /// How sure the coding is, 0 to 1.
    pub confidence: f32,
}

fn asserted() -> String {
    "asserted".into()
}

/// A stretch of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Offset of the first character, in Unicode characters.
    pub start: usize,
    /// Offset after the last character.
    pub end: usize,
}

/// Words of the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Surface {
    /// The words ("attacked").
    pub surface: String,
    /// Offset of the first character, in Unicode characters.
    pub start: usize,
    /// Offset after the last character.
    pub end: usize,
}

/// An actor of an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventActor {
    /// The full CAMEO actor code ("TURMIL", "IGOUNO", "SYRREB").
    pub code: String,
    /// ISO 3166 alpha-3 country, when the actor belongs to one.
    pub country: Option<String>,
    /// Sector: PLOVER's GOV, MIL, REB, CVL, ..., or the international kind
    /// (IGO, NGO, IMG); `None` for a country as a whole.
    pub sector: Option<String>,
    /// Its name ("Turkey", "Syrian Democratic Forces").
    pub name: String,
    /// The words of the text ("Turkish forces").
    pub surface: String,
    /// Offset of the first character, in Unicode characters.
    pub start: usize,
    /// Offset after the last character.
    pub end: usize,
}
