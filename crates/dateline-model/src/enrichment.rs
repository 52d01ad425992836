//! What enrichment finds in an article's text: the places it names
//! (resolved to coordinates), the places it is about, the people and
//! organisations it names, the quantities it states and the events it
//! reports.
//!
//! Offsets (`start`, `end`) count Unicode characters (code points) of the
//! text that was enriched: the article's `text`.

use serde::{Deserialize, Serialize};

use crate::Article;

/// What enrichment found in one text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Enrichment {
    /// The text's language (ISO 639-1), when detection is reliable;
    /// left out of the JSON otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Places named, in text order.
    pub places: Vec<PlaceMention>,
    /// The places the text is about, most first.
    pub focus: Vec<Focus>,
    /// People and organisations, in text order.
    pub entities: Vec<Entity>,
    /// Counts of people, casualties, money and distances, in text order.
    pub quantities: Vec<Quantity>,
    /// Events (who did what to whom), in text order; absent in JSON
    /// written before events were coded.
    #[serde(default)]
    pub events: Vec<crate::Event>,
}

/// A place named in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceMention {
    /// The place's name in the gazetteer ("Ar Raqqah").
    pub name: String,
    /// The words of the text ("Raqqa").
    pub surface: String,
    /// Offset of the first character, in Unicode characters of the text.
    pub start: usize,
    /// Offset after the last character, in Unicode characters.
    pub end: usize,
    /// GeoNames id (ids of 4,000,000,000 and above are Dateline's regions).
    pub geonames_id: u32,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// ISO 3166-1 alpha-2 code; empty for continents and regions.
    pub country_code: String,
    /// GeoNames feature class: `P` populated place, `A` country or region,
    /// `L` continent or area.
    pub feature_class: char,
    /// `city`, `capital`, `country`, `admin1`, `admin2` (a US county), `continent` or `region`.
    pub kind: String,
    /// `name`, or `demonym` when an adjective names it ("Syrian").
    pub mention: String,
    /// How sure the resolution is, 0 to 1.
    pub confidence: f32,
}

/// A place the article is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Focus {
    /// The place's name in the gazetteer.
    pub name: String,
    /// GeoNames id.
    pub geonames_id: u32,
    /// ISO 3166-1 alpha-2 code; empty for continents and regions.
    pub country_code: String,
    /// `country`, `admin1`, `city`, ...
    pub kind: String,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// Mentions of the place itself.
    pub mentions: usize,
    /// Relative weight, the first place's being 1.
    pub score: f32,
}

/// A person or organisation named in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// The full name the document gives ("Syrian Democratic Forces").
    pub name: String,
    /// `person` or `organization`.
    pub kind: String,
    /// The words of the text ("SDF").
    pub surface: String,
    /// Offset of the first character, in Unicode characters of the text.
    pub start: usize,
    /// Offset after the last character.
    pub end: usize,
}

impl Entity {
    /// Whether it names a person (otherwise an organisation).
    pub fn is_person(&self) -> bool {
        self.kind == "person"
    }
}

/// A quantity stated in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The words that state it ("more than 200,000 people fled").
    pub text: String,
    /// Its value (200000; money in the currency's units).
    pub value: f64,
    /// `people`, a currency code (`USD`, `EUR`, `GBP`, ...), `km`, `mi`
    /// or `m`.
    pub unit: String,
    /// The hedge before it ("more than", "at least"), if any.
    pub qualifier: Option<String>,
    /// `casualties` for people killed, dead or wounded; `people`, `money`
    /// or `distance` otherwise.
    pub category: String,
    /// Offset of the first character, in Unicode characters of the text.
    pub start: usize,
    /// Offset after the last character.
    pub end: usize,
}

/// An article and what enrichment found in its text, as one JSON object:
/// the contract's fields, then `places`, `focus`, `entities`,
/// `quantities` and `events` (absent when the article was not enriched).
#[derive(Debug, Clone, Serialize)]
pub struct EnrichedArticle<'a> {
    /// The article.
    #[serde(flatten)]
    pub article: &'a Article,
    /// What its text holds.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub enrichment: Option<&'a Enrichment>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_enriched_article_is_one_object_and_reads_back() {
        let article = Article {
            text: "Russian forces entered Raqqa.".into(),
            ..Article::default()
        };
        let enrichment = Enrichment {
            language: Some("en".into()),
            entities: vec![Entity {
                name: "Russia".into(),
                kind: "organization".into(),
                surface: "Russian".into(),
                start: 0,
                end: 7,
            }],
            ..Enrichment::default()
        };
        let json = serde_json::to_value(EnrichedArticle {
            article: &article,
            enrichment: Some(&enrichment),
        })
        .unwrap();
        assert_eq!(json["text"], "Russian forces entered Raqqa.");
        assert_eq!(json["entities"][0]["surface"], "Russian");
        assert_eq!(json["places"], serde_json::json!([]));
        let back: Enrichment = serde_json::from_value(json).unwrap();
        assert_eq!(back, enrichment);

        let plain = serde_json::to_value(EnrichedArticle {
            article: &article,
            enrichment: None,
        })
        .unwrap();
        assert!(plain.get("places").is_none());
    }
}
