//! Event coding of arbitrary text: never a panic, and every event's
//! sentence, verb and actors are valid character ranges of the text whose
//! characters are their surfaces, with codes of the documented shapes.
#![no_main]

use dateline_enrich::{enrich, Events, PlaceOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let chars: Vec<char> = text.chars().collect();
    let options = PlaceOptions {
        events: Events::Code,
        ..PlaceOptions::default()
    };
    let span = |start: usize, end: usize| -> String { chars[start..end].iter().collect() };
    for event in enrich(&text, &options).events {
        let sentence = event.sentence;
        assert!(sentence.start < sentence.end && sentence.end <= chars.len(), "{event:?}");
        let verb = &event.verb;
        assert!(
            sentence.start <= verb.start && verb.start < verb.end && verb.end <= sentence.end,
            "{event:?}"
        );
        assert_eq!(span(verb.start, verb.end), verb.surface);
        for actor in [&event.source, &event.target].into_iter().flatten() {
            assert!(actor.start < actor.end && actor.end <= chars.len(), "{event:?}");
            assert_eq!(span(actor.start, actor.end), actor.surface);
            assert!(!actor.code.is_empty(), "{event:?}");
        }
        assert!(
            (2..=4).contains(&event.cameo.len()) && event.cameo.bytes().all(|b| b.is_ascii_alphanumeric()),
            "{event:?}"
        );
        assert!((0.0..=1.0).contains(&event.confidence), "{event:?}");
    }
});
