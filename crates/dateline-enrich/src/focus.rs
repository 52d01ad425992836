//! Focus: the places an article is about, ranked.
//!
//! Each mention counts for its place (by its confidence; a demonym half)
//! and as much for the country that contains it: a town is named where
//! things happen, while countries are also named as actors ("the US
//! withdrew"), so an article naming Raqqa, Tel Abyad and Qamishli is about
//! Syria even where it says "the US" more often than "Syria". Mentions early in the text count a
//! little more: news puts the subject in the first paragraph.

use std::collections::HashMap;

pub use dateline_model::Focus;

use crate::gazetteer::Gazetteer;
use crate::places::PlaceMention;

/// At most this many places in the focus.
const FOCUS_PLACES: usize = 8;

/// The places `mentions` are about, most first; `text_chars` is the
/// length of the text the mentions come from.
pub fn focus(mentions: &[PlaceMention], text_chars: usize, gazetteer: &Gazetteer) -> Vec<Focus> {
    let mut by_place: HashMap<u32, (f32, usize, &PlaceMention)> = HashMap::new();
    let mut by_country: HashMap<&str, f32> = HashMap::new();
    for mention in mentions {
        let early = 1.0 + 0.5 * (1.0 - mention.start as f32 / text_chars.max(1) as f32);
        let naming = if mention.mention == "demonym" {
            0.5
        } else {
            1.0
        };
        let weight = mention.confidence * naming * early;
        let entry = by_place
            .entry(mention.geonames_id)
            .or_insert((0.0, 0, mention));
        entry.0 += weight;
        entry.1 += 1;
        if mention.kind != "country" && !mention.country_code.is_empty() {
            *by_country.entry(&mention.country_code).or_default() += weight;
        }
    }
    let mut ranked: Vec<Focus> = by_place
        .values()
        .map(|(weight, count, m)| Focus {
            name: m.name.clone(),
            geonames_id: m.geonames_id,
            country_code: m.country_code.clone(),
            kind: m.kind.clone(),
            lat: m.lat,
            lon: m.lon,
            mentions: *count,
            score: *weight
                + if m.kind == "country" {
                    by_country
                        .get(m.country_code.as_str())
                        .copied()
                        .unwrap_or(0.0)
                } else {
                    0.0
                },
        })
        .collect();
    // Countries only implied by their places.
    for (code, weight) in by_country {
        if ranked
            .iter()
            .any(|f| f.kind == "country" && f.country_code == code)
        {
            continue;
        }
        if let Some(country) = gazetteer.country(code) {
            ranked.push(Focus {
                name: country.name.to_string(),
                geonames_id: country.geonames_id,
                country_code: code.to_string(),
                kind: country.kind.as_str().to_string(),
                lat: country.lat,
                lon: country.lon,
                mentions: 0,
                score: weight,
            });
        }
    }
    ranked.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.geonames_id.cmp(&b.geonames_id))
    });
    ranked.truncate(FOCUS_PLACES);
    if let Some(top) = ranked.first().map(|f| f.score) {
        for f in &mut ranked {
            f.score = ((f.score / top) * 100.0).round() / 100.0;
        }
    }
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::places::{places, PlaceOptions};

    #[test]
    fn places_count_for_their_country() {
        let text = "Russian forces entered Raqqa and Tel Abyad, then Qamishli. \
                    Iran watched. Syria's future is open.";
        let g = Gazetteer::embedded();
        let found = places(text, g, &PlaceOptions::default());
        let ranked = focus(&found, text.chars().count(), g);
        assert_eq!(ranked[0].country_code, "SY", "{ranked:?}");
        assert_eq!(ranked[0].kind, "country");
        assert_eq!(ranked[0].score, 1.0);
        assert!(ranked.iter().any(|f| f.name == "Iran"));
    }
}
