//! Places: names in a text found in the gazetteer, each resolved to one
//! GeoNames place using the rest of the document.
//!
//! **Recognition.** Candidate names are runs of capitalised words (with
//! the small words names contain: "Rio de Janeiro", "Bosnia and
//! Herzegovina"); the longest run the gazetteer knows wins. A run is not a
//! place when it sits inside a longer name the gazetteer does not know
//! ("Jerusalem Post", "George Washington"), when it is a common word
//! ("March", "Reading") without a place's context, or when it begins a
//! sentence and is only a small town's name.
//!
//! **Resolution.** Every candidate place gets a prior (countries and
//! continents first, then regions and capitals, then places by
//! population) and context: the countries the document's unambiguous
//! places lie in, a region named next to it ("Gainesville, Florida"), and
//! the country bias a user sets for a local-news corpus. "Oklahoma" is
//! then the state, not the town of 786 people in Pennsylvania.
//!
//! **Known failures.** Streets, buildings and rivers are not in the
//! gazetteer; a person named like a country ("Jordan") is a place unless
//! a first name precedes it.

use std::collections::HashSet;

pub use dateline_model::PlaceMention;

use crate::gazetteer::format::Kind;
use crate::gazetteer::{normalize, Gazetteer, Naming, Place};
use crate::resolve;
use crate::tokens::{tokenize, Token};
use crate::words;

/// Options of place recognition.
#[derive(Debug, Clone, Default)]
pub struct PlaceOptions {
    /// A country (ISO alpha-2) to prefer when a name is ambiguous, for a
    /// local-news corpus.
    pub country_bias: Option<String>,
    /// Also report demonyms ("Syrian" for Syria) as mentions of the place.
    pub demonyms: Demonyms,
    /// Whether enrichment codes events.
    pub events: Events,
}

/// Whether enrichment codes events (`dateline-events`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Events {
    /// No event coding.
    Skip,
    /// Code the events of every sentence (the default: about 1 ms per news
    /// article in CPU time, enrichment with events about 1.6 ms, within
    /// the 2 ms budget; BENCHMARKS.md).
    #[default]
    Code,
}

/// Whether demonyms count as mentions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Demonyms {
    /// "Syrian" is reported as a mention of Syria, marked `demonym`.
    #[default]
    Report,
    /// Only names are places.
    Skip,
}

/// Resolves the places named in `text`.
pub fn places(text: &str, gazetteer: &Gazetteer, options: &PlaceOptions) -> Vec<PlaceMention> {
    let tokens = tokenize(text);
    let found = recognise(text, &tokens, gazetteer, options);
    resolve::resolve(text, &tokens, &found, options)
}

/// A recognised name: its tokens and its candidate places.
pub(crate) struct Found<'g> {
    /// Its first token.
    pub first: usize,
    /// Its last token.
    pub last: usize,
    /// The places it may name.
    pub candidates: Vec<(Place<'g>, Naming)>,
}

fn recognise<'g>(
    text: &str,
    tokens: &[Token],
    gazetteer: &'g Gazetteer,
    options: &PlaceOptions,
) -> Vec<Found<'g>> {
    let surnames = surnames(text, tokens, gazetteer);
    let mut found = Vec::new();
    let mut weak = Vec::new();
    let mut at = 0;
    while at < tokens.len() {
        let Some((last, candidates)) = longest_name(text, tokens, at, gazetteer, options) else {
            at += 1;
            continue;
        };
        match verdict(text, tokens, at, last, &candidates, &surnames) {
            Verdict::Place => found.push(Found {
                first: at,
                last,
                candidates,
            }),
            Verdict::IfNamedElsewhere => weak.push(Found {
                first: at,
                last,
                candidates,
            }),
            Verdict::NotPlace => {
                // Skip the whole capitalised run: its parts are not places
                // either ("New York Times" holds no "York").
                at = run_end(text, tokens, last) + 1;
                continue;
            }
        }
        at = last + 1;
    }
    // A small town's bare name counts where the document also names it
    // in a place's context ("in Ripley", "Ripley, W.Va.").
    let sure: HashSet<String> = found
        .iter()
        .map(|f| normalize::key(&text[tokens[f.first].start..tokens[f.last].end]))
        .collect();
    found.extend(weak.into_iter().filter(|f| {
        sure.contains(&normalize::key(
            &text[tokens[f.first].start..tokens[f.last].end],
        ))
    }));
    found.sort_by_key(|f| f.first);
    found
}

/// The longest name the gazetteer knows that starts at token `first`.
fn longest_name<'g>(
    text: &str,
    tokens: &[Token],
    first: usize,
    gazetteer: &'g Gazetteer,
    options: &PlaceOptions,
) -> Option<(usize, Vec<(Place<'g>, Naming)>)> {
    if !tokens[first].capitalised {
        return None;
    }
    let mut best = None;
    let mut last = first;
    loop {
        let token = &tokens[last];
        let inner = last > first && !token.capitalised;
        if inner && !words::is_name_connector(&token.text(text).to_lowercase()) {
            break;
        }
        let key = normalize::key(&text[tokens[first].start..token.end]);
        if !inner {
            let candidates: Vec<_> = gazetteer
                .lookup(&key)
                .filter(|(_, naming)| {
                    *naming == Naming::Name || options.demonyms == Demonyms::Report
                })
                .collect();
            if !candidates.is_empty() {
                best = Some((last, candidates));
            }
        }
        if last + 1 >= tokens.len()
            || last - first >= 6
            || !tokens[last + 1].joined
            || !gazetteer.continues(&key)
        {
            break;
        }
        last += 1;
    }
    best
}

/// The last token of the capitalised run that token `last` is part of.
fn run_end(text: &str, tokens: &[Token], mut last: usize) -> usize {
    while last + 1 < tokens.len()
        && tokens[last + 1].joined
        && tokens[last + 1].capitalised
        && !is_function_word(tokens[last + 1].text(text))
    {
        last += 1;
    }
    last
}

fn is_function_word(word: &str) -> bool {
    words::is_function_word(&word.to_lowercase())
}

/// Last names of the people the document names in full: runs of two or
/// three capitalised words that are not a place ("Seth Frantzman",
/// "Jim Jones"), so that a later bare "Jones" is the person.
fn surnames(text: &str, tokens: &[Token], gazetteer: &Gazetteer) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut at = 0;
    while at < tokens.len() {
        let starts = tokens[at].capitalised && !is_function_word(tokens[at].text(text));
        if !starts {
            at += 1;
            continue;
        }
        let end = run_end(text, tokens, at);
        let words = end - at + 1;
        if (2..=3).contains(&words) {
            let whole = normalize::key(&text[tokens[at].start..tokens[end].end]);
            let first = tokens[at].text(text).to_lowercase();
            let first_is_place =
                gazetteer.contains(&normalize::key(&first)) && !words::is_title(&first);
            if !gazetteer.contains(&whole) && !first_is_place {
                out.insert(normalize::key(tokens[end].text(text)));
            }
        }
        at = end + 1;
    }
    out
}

/// Whether a locative preposition precedes token `first` ("in Ripley").
fn is_located(text: &str, tokens: &[Token], first: usize) -> bool {
    first > 0
        && !tokens[first].sentence_start
        && ["in", "at", "from", "near", "to", "outside", "across", "of"]
            .contains(&tokens[first - 1].text(text).to_lowercase().as_str())
}

/// Whether a region's or country's name follows token `last` after a
/// comma ("Ripley, W.Va.").
fn is_qualified(text: &str, tokens: &[Token], last: usize) -> bool {
    text[tokens[last].end..]
        .trim_start_matches(' ')
        .starts_with(',')
        && tokens.get(last + 1).is_some_and(|t| t.capitalised)
}

/// Whether every candidate is a town of fewer than `people`.
fn only_towns(candidates: &[(Place<'_>, Naming)], people: u32) -> bool {
    candidates
        .iter()
        .all(|(p, _)| p.kind == Kind::City && p.population < people)
}

/// What the context says of a name the gazetteer knows.
enum Verdict {
    /// A place.
    Place,
    /// A place if the document names it as one elsewhere.
    IfNamedElsewhere,
    /// Not a place (part of another name, a person, a common word).
    NotPlace,
}

/// Whether the name at tokens `first..=last` is a place here.
fn verdict(
    text: &str,
    tokens: &[Token],
    first: usize,
    last: usize,
    candidates: &[(Place<'_>, Naming)],
    surnames: &HashSet<String>,
) -> Verdict {
    let big = candidates.iter().any(|(place, _)| {
        matches!(
            place.kind,
            Kind::Country
                | Kind::Continent
                | Kind::Admin1
                | Kind::Admin2
                | Kind::Region
                | Kind::Capital
        ) || place.population >= 100_000
    });
    let country_like = candidates.iter().any(|(p, n)| {
        *n == Naming::Demonym || matches!(p.kind, Kind::Country | Kind::Continent | Kind::Region)
    });
    let all_demonyms = candidates.iter().all(|(_, n)| *n == Naming::Demonym);
    let surface = &text[tokens[first].start..tokens[last].end];
    let key = normalize::key(surface);
    let single = first == last;
    let letters = surface.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || (single && words::is_function_word(&key)) {
        return Verdict::NotPlace;
    }
    // All capitals and short: an acronym ("AP", "NATO") unless the
    // gazetteer files it as a country's or region's short name ("US",
    // "EU").
    let upper = surface.chars().all(|c| !c.is_lowercase());
    if upper && letters <= 5 && !country_like {
        return Verdict::NotPlace;
    }
    let previous = (first > 0).then(|| tokens[first - 1].text(text).to_lowercase());
    let next = tokens.get(last + 1).map(|t| t.text(text).to_lowercase());
    // Inside a longer capitalised name: "George Washington", "Ripley
    // Hotel". A well-known place keeps its place at the head of an
    // organisation's name ("Texas Forest Service", "U.S. Army").
    let before_name = first > 0
        && tokens[first].joined
        && tokens[first - 1].capitalised
        && !tokens[first].sentence_start
        && !is_function_word(tokens[first - 1].text(text));
    let after_name = last + 1 < tokens.len()
        && tokens[last + 1].joined
        && tokens[last + 1].capitalised
        && !is_function_word(tokens[last + 1].text(text));
    if before_name || (after_name && !country_like && !big) {
        return Verdict::NotPlace;
    }
    if all_demonyms && after_name {
        // "Syrian Democratic Forces": an organisation's name.
        let qualifies = next.as_deref().is_some_and(|n| {
            words::is_title(n) || ["army", "forces", "government", "foreign"].contains(&n)
        });
        if !qualifies {
            return Verdict::NotPlace;
        }
    }
    // A first name before a name: "George Washington", "Austin Smith".
    // Big cities stay ("Dallas Morning News"), and so do names of places
    // ("Jackson County").
    if single
        && after_name
        && only_towns(candidates, 500_000)
        && words::is_first_name(&key)
        && !next.as_deref().is_some_and(words::is_place_word)
    {
        return Verdict::NotPlace;
    }
    // A bare first name ("Michael", "Mary") is a person's unless the
    // text puts it in a place's context or it names a big city.
    let located = is_located(text, tokens, first);
    let qualified = is_qualified(text, tokens, last);
    if single
        && only_towns(candidates, 200_000)
        && words::is_first_name(&key)
        && !located
        && !qualified
    {
        return Verdict::NotPlace;
    }
    // People: "Dr. Kelly", "Kelly said", "Jones" after "Jim Jones".
    let titled = previous.as_deref().is_some_and(words::is_title) && tokens[first].joined;
    // A state or province "said" is its government speaking, unless its
    // name is also a first name ("Georgia said").
    let region_speaking =
        candidates.iter().any(|(p, _)| p.kind == Kind::Admin1) && !words::is_first_name(&key);
    let speaks = single && !region_speaking && next.as_deref().is_some_and(words::is_speech_verb);
    let known_person = single && surnames.contains(&key);
    if (titled || speaks || known_person) && !country_like {
        return Verdict::NotPlace;
    }
    if words::is_common_word(&key) && !(located && big) {
        return Verdict::NotPlace;
    }
    // A sentence's first word is capitalised anyway: only well-known
    // places count there.
    if tokens[first].sentence_start && single && !big {
        return Verdict::IfNamedElsewhere;
    }
    // A small town's bare name is as likely a person's or a firm's.
    let largest = candidates
        .iter()
        .map(|(p, _)| p.population)
        .max()
        .unwrap_or(0);
    if single && !big && largest < 20_000 && !located && !qualified {
        return Verdict::IfNamedElsewhere;
    }
    Verdict::Place
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, String, String)> {
        places(text, Gazetteer::embedded(), &PlaceOptions::default())
            .into_iter()
            .map(|p| (p.surface, p.name, p.country_code))
            .collect()
    }

    #[test]
    fn seed_places_resolve_to_their_countries() {
        let found = names(
            "Russian forces entered Raqqa on Monday, near Tel Abyad and Qamishli in Syria, \
             where Turkey attacked. Iraq, Iran and the US watched.",
        );
        let countries: Vec<(&str, &str)> = found
            .iter()
            .map(|(surface, _, cc)| (surface.as_str(), cc.as_str()))
            .collect();
        for expected in [
            ("Russian", "RU"),
            ("Raqqa", "SY"),
            ("Tel Abyad", "SY"),
            ("Qamishli", "SY"),
            ("Syria", "SY"),
            ("Turkey", "TR"),
            ("Iraq", "IQ"),
            ("Iran", "IR"),
            ("US", "US"),
        ] {
            assert!(
                countries.contains(&expected),
                "{expected:?} in {countries:?}"
            );
        }
        assert!(!countries.iter().any(|(s, _)| *s == "Monday"));
    }

    #[test]
    fn common_name_traps() {
        let found = names("Tornadoes hit Oklahoma and parts of Africa.");
        assert_eq!(found[0].1, "Oklahoma");
        assert_eq!(found[0].2, "US");
        let oklahoma = places(
            "Tornadoes hit Oklahoma.",
            Gazetteer::embedded(),
            &PlaceOptions::default(),
        );
        assert_eq!(oklahoma[0].kind, "admin1");
        assert_eq!(found[1].1, "Africa");
        assert!(names("The European Commission met in March.").is_empty());
        assert!(names("Reading is fun. She was nice.").is_empty());
    }

    #[test]
    fn qualifiers_and_bias_pick_the_right_namesake() {
        let found = names("Police in Gainesville, Florida, said.");
        assert_eq!(found[0].2, "US");
        let paris = places(
            "The council of Paris met.",
            Gazetteer::embedded(),
            &PlaceOptions {
                country_bias: Some("us".into()),
                ..PlaceOptions::default()
            },
        );
        assert_eq!(paris[0].country_code, "US");
    }

    #[test]
    fn states_speak_and_villages_do_not_take_a_countrys_name() {
        let found = names("Officials in Texas said China bought oil in Houston, Texas.");
        let of = |surface: &str| {
            found
                .iter()
                .find(|(s, _, _)| s == surface)
                .map(|(_, _, cc)| cc.clone())
        };
        assert_eq!(of("Texas").as_deref(), Some("US"), "{found:?}");
        assert_eq!(of("China").as_deref(), Some("CN"), "{found:?}");
        let mexico = places(
            "Monterrey and Guadalajara grew as Mexico traded more.",
            Gazetteer::embedded(),
            &PlaceOptions::default(),
        );
        let mexico = mexico.iter().find(|p| p.surface == "Mexico").unwrap();
        assert_eq!(mexico.kind, "country");
    }

    #[test]
    fn new_york_is_the_city_unless_listed_among_states() {
        let kind = |text: &str| {
            places(text, Gazetteer::embedded(), &PlaceOptions::default())
                .into_iter()
                .find(|p| p.surface == "New York")
                .map(|p| p.kind)
        };
        assert_eq!(kind("He grew up in New York.").as_deref(), Some("city"));
        assert_eq!(
            kind("Offices in Miami, New York and Detroit.").as_deref(),
            Some("city")
        );
        assert_eq!(
            kind("Visitors from Missouri, New York and Virginia came.").as_deref(),
            Some("admin1")
        );
    }

    #[test]
    fn us_counties_are_places_of_their_state() {
        let found = places(
            "Deputies in Laurel County, Kentucky, and in Madison County said.",
            Gazetteer::embedded(),
            &PlaceOptions::default(),
        );
        let laurel = found.iter().find(|p| p.surface == "Laurel County").unwrap();
        assert_eq!(
            (laurel.kind.as_str(), laurel.feature_class),
            ("admin2", 'A')
        );
        assert!((laurel.lat - 37.1).abs() < 0.5 && (laurel.lon + 84.1).abs() < 0.5);
        // Of the twenty Madison Counties, the one in the document's state.
        let madison = found
            .iter()
            .find(|p| p.surface == "Madison County")
            .unwrap();
        assert!((madison.lat - 37.7).abs() < 0.5, "{madison:?}");
    }

    #[test]
    fn offsets_count_characters() {
        let text = "Café owners in Tall Abyaḑ and Raqqa";
        let found = places(text, Gazetteer::embedded(), &PlaceOptions::default());
        let chars: Vec<char> = text.chars().collect();
        for place in &found {
            let surface: String = chars[place.start..place.end].iter().collect();
            assert_eq!(surface, place.surface);
        }
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn names_inside_longer_names_are_not_places() {
        let texas = names("Fires, according to the Texas Forest Service.");
        assert_eq!(
            texas.len(),
            1,
            "well-known places head organisations: {texas:?}"
        );
        assert!(names("A statue of George Washington stood.").is_empty());
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Any text: places are ordered, disjoint character ranges whose
        /// characters are their surface.
        #[test]
        fn places_are_valid_ranges(text in "(\\PC{0,12} ?(Raqqa|Paris|U\\.S\\.|Tall Abyaḑ|Москва|Syrian|Gainesville, Fla\\.)?){0,8}") {
            let chars: Vec<char> = text.chars().collect();
            let found = places(&text, Gazetteer::embedded(), &PlaceOptions::default());
            let mut end = 0;
            for place in &found {
                prop_assert!(place.start >= end && place.start < place.end && place.end <= chars.len());
                end = place.end;
                let surface: String = chars[place.start..place.end].iter().collect();
                prop_assert_eq!(&surface, &place.surface);
            }
        }
    }

    #[test]
    fn long_and_deep_texts_stay_fast() {
        let text = "Russian forces entered Raqqa near Tel Abyad. ".repeat(20_000);
        let started = std::time::Instant::now();
        let found = places(&text, Gazetteer::embedded(), &PlaceOptions::default());
        assert_eq!(found.len(), 60_000);
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    }
}
