//! Enrichment of arbitrary text: never a panic, and every place, entity
//! and quantity is a valid character range of the text whose characters
//! are its surface (or text).
#![no_main]

use dateline_enrich::{enrich, PlaceOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let chars: Vec<char> = text.chars().collect();
    let enrichment = enrich(&text, &PlaceOptions::default());
    let mut previous_end = 0;
    for place in &enrichment.places {
        assert!(place.start < place.end && place.end <= chars.len(), "{place:?}");
        assert!(place.start >= previous_end, "places overlap: {place:?}");
        previous_end = place.end;
        let surface: String = chars[place.start..place.end].iter().collect();
        assert_eq!(surface, place.surface);
        assert!((-90.0..=90.0).contains(&place.lat) && (-180.0..=180.0).contains(&place.lon));
    }
    for entity in &enrichment.entities {
        assert!(entity.start < entity.end && entity.end <= chars.len(), "{entity:?}");
        let span: String = chars[entity.start..entity.end].iter().collect();
        assert_eq!(span, entity.surface);
        assert!(!entity.name.is_empty());
    }
    for quantity in &enrichment.quantities {
        assert!(quantity.start < quantity.end && quantity.end <= chars.len(), "{quantity:?}");
        let span: String = chars[quantity.start..quantity.end].iter().collect();
        assert_eq!(span, quantity.text);
        assert!(quantity.value.is_finite(), "{quantity:?}");
    }
    for focus in &enrichment.focus {
        assert!(focus.score > 0.0 && focus.score <= 1.0, "{focus:?}");
    }
});
