//! People and organisations named in a text, with short forms linked to
//! the full name the document gives ("SDF" -> Syrian Democratic Forces,
//! "Frantzman" -> Seth J. Frantzman).
//!
//! **Candidates** are runs of capitalised words (with the small words
//! names hold: "Ministry of Defence"), not starting with a function word,
//! that are not places the gazetteer knows.
//!
//! **People**: a run of two to four words that starts with a common first
//! name, follows a title ("Dr.", "President") or a byline's "By", or holds
//! a middle initial ("Seth J. Frantzman"); later, the bare surname.
//!
//! **Organisations**: a run holding an organisation word ("Forces",
//! "Ministry", "University"), a news agency ("Reuters", "RT"), or an
//! acronym of two to six capitals; an acronym whose letters are the
//! initials of an organisation the document names takes that name.
//!
//! Names written in capitals (bylines, photo credits) are given in title
//! case ("ERIK DE CASTRO" -> "Erik De Castro").
//!
//! **Known failures.** A person named by surname alone, never in full, is
//! not found; organisations without a telling word ("Hamas", "Apple") are
//! found only as acronyms or not at all.

use std::collections::HashMap;

pub use dateline_model::Entity;

use crate::gazetteer::format::Kind;
use crate::gazetteer::{normalize, Gazetteer};
use crate::places::PlaceMention;
use crate::tokens::{tokenize, CharOffsets, Token};
use crate::words;

/// Words that may sit inside an organisation's or person's name.
fn is_inner_word(word: &str) -> bool {
    matches!(
        word,
        "of" | "for" | "the" | "de" | "al" | "el" | "van" | "von" | "bin"
    )
}

/// The people and organisations named in `text`, in text order; `places`
/// (found in the same text) are never people.
pub fn entities(text: &str, gazetteer: &Gazetteer, places: &[PlaceMention]) -> Vec<Entity> {
    let tokens = tokenize(text);
    let mut found: Vec<(usize, usize, &'static str)> = Vec::new();
    let mut at = 0;
    while at < tokens.len() {
        let lower = tokens[at].text(text).to_lowercase();
        // Function words and titles ("President Trump") are not part of
        // the name.
        if !tokens[at].capitalised || words::is_function_word(&lower) || words::is_title(&lower) {
            at += 1;
            continue;
        }
        let last = run_end(text, &tokens, at);
        if let Some(kind) = classify(text, &tokens, at, last, gazetteer) {
            found.push((at, last, kind));
        }
        at = last + 1;
    }
    link(text, &tokens, &found, places)
}

/// The last token of the name run starting at `first`.
fn run_end(text: &str, tokens: &[Token], first: usize) -> usize {
    let mut last = first;
    let mut at = first + 1;
    while at < tokens.len() && tokens[at].joined && at - first < 6 {
        let word = tokens[at].text(text);
        let lower = word.to_lowercase();
        if words::is_title(&lower) {
            break;
        }
        if tokens[at].capitalised && !words::is_function_word(&lower) {
            last = at;
        } else if !is_inner_word(word) {
            break;
        }
        at += 1;
    }
    last
}

fn classify(
    text: &str,
    tokens: &[Token],
    first: usize,
    last: usize,
    gazetteer: &Gazetteer,
) -> Option<&'static str> {
    let surface = &text[tokens[first].start..tokens[last].end];
    let key = normalize::key(surface);
    let run: Vec<String> = (first..=last)
        .map(|i| tokens[i].text(text).to_lowercase())
        .collect();
    let single = first == last;
    let upper = surface.chars().all(|c| !c.is_lowercase());
    if words::is_agency(&key) {
        return Some("organization");
    }
    if single && upper && (2..=6).contains(&surface.chars().count()) {
        // An acronym, unless it is a country's ("US") or a Roman numeral.
        let country = gazetteer
            .lookup(&key)
            .any(|(p, _)| matches!(p.kind, Kind::Country | Kind::Region));
        let roman = surface.chars().all(|c| "IVXLCDM".contains(c));
        return (!country && !roman).then_some("organization");
    }
    let previous = (first > 0).then(|| tokens[first - 1].text(text).to_lowercase());
    let titled = previous.as_deref().is_some_and(words::is_title) && tokens[first].joined;
    if single {
        // "President Trump".
        return (titled && !gazetteer.contains(&key)).then_some("person");
    }
    if run.iter().any(|w| words::is_organisation_word(w)) {
        return Some("organization");
    }
    if gazetteer.contains(&key) || run.len() > 4 {
        return None;
    }
    let byline = previous.as_deref() == Some("by");
    let initial = (first + 1..last).any(|i| tokens[i].text(text).chars().count() == 1);
    // "ISIS" is a first name too: not in a run of other capitals.
    let first_name = words::is_first_name(&run[0])
        && (tokens[first].text(text).chars().any(char::is_lowercase) || upper);
    let names_a_place = gazetteer.contains(&run[0]) && !first_name;
    // "... ISIS Raqqa": nobody's surname is a country or a region.
    let ends_in_region = gazetteer
        .lookup(&normalize::key(&run[run.len() - 1]))
        .any(|(p, _)| !matches!(p.kind, Kind::City));
    if ends_in_region {
        return None;
    }
    ((first_name || titled || byline || initial) && !names_a_place).then_some("person")
}

/// Links short forms to full names and builds the output.
fn link(
    text: &str,
    tokens: &[Token],
    found: &[(usize, usize, &'static str)],
    places: &[PlaceMention],
) -> Vec<Entity> {
    let name_of = |first: usize, last: usize| display(&text[tokens[first].start..tokens[last].end]);
    // Full names by surname and by initials.
    let mut by_surname: HashMap<String, String> = HashMap::new();
    let mut by_initials: HashMap<String, String> = HashMap::new();
    for &(first, last, kind) in found {
        if first == last {
            continue;
        }
        let name = name_of(first, last);
        match kind {
            "person" => {
                by_surname
                    .entry(normalize::key(tokens[last].text(text)))
                    .or_insert(name);
            }
            _ => {
                let initials: String = (first..=last)
                    .map(|i| tokens[i].text(text))
                    .filter(|w| !is_inner_word(w))
                    .filter_map(|w| w.chars().next())
                    .flat_map(char::to_uppercase)
                    .collect();
                by_initials.entry(initials).or_insert(name);
            }
        }
    }
    let mut offsets = CharOffsets::new(text);
    let mut out = Vec::new();
    for &(first, last, kind) in found {
        let surface = &text[tokens[first].start..tokens[last].end];
        let name = if first == last {
            let acronym = by_initials.get(&surface.to_uppercase());
            acronym.cloned().unwrap_or_else(|| display(surface))
        } else {
            name_of(first, last)
        };
        let start = offsets.at(tokens[first].start);
        let end = offsets.at(tokens[last].end);
        out.push(Entity {
            name,
            kind: kind.to_string(),
            surface: surface.to_string(),
            start,
            end,
        });
    }
    // "Frantzman" alone, after or before the full name.
    let mut surnames = Vec::new();
    let mut chars = CharOffsets::new(text);
    for (at, token) in tokens.iter().enumerate() {
        if !token.capitalised || token.sentence_start && at == 0 {
            continue;
        }
        let key = normalize::key(token.text(text));
        let Some(full) = by_surname.get(&key) else {
            continue;
        };
        if found.iter().any(|&(f, l, _)| (f..=l).contains(&at)) {
            continue;
        }
        let start = chars.at(token.start);
        if places.iter().any(|p| p.start <= start && start < p.end) {
            continue;
        }
        surnames.push((token.start, token.end, full.clone()));
    }
    if !surnames.is_empty() {
        let mut offsets = CharOffsets::new(text);
        for (start, end, name) in surnames {
            out.push(Entity {
                name,
                kind: "person".to_string(),
                surface: text[start..end].to_string(),
                start: offsets.at(start),
                end: offsets.at(end),
            });
        }
        out.sort_by_key(|e| e.start);
    }
    out
}

/// A name as it should be shown: words written in capitals become title
/// case when the whole name is in capitals ("ERIK DE CASTRO"); acronyms
/// stay.
fn display(surface: &str) -> String {
    let letters = surface.chars().filter(|c| c.is_alphabetic()).count();
    let upper = surface.chars().all(|c| !c.is_lowercase());
    if !upper || letters <= 6 && !surface.contains(' ') {
        return surface.to_string();
    }
    let mut out = String::with_capacity(surface.len());
    let mut word_start = true;
    for c in surface.chars() {
        if c.is_alphabetic() {
            if word_start {
                out.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
            word_start = false;
        } else {
            out.push(c);
            word_start = !matches!(c, '\'' | '’');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(text: &str) -> Vec<(String, String, String)> {
        let g = Gazetteer::embedded();
        entities(text, g, &crate::places(text, g, &Default::default()))
            .into_iter()
            .map(|e| (e.name, e.kind, e.surface))
            .collect()
    }

    #[test]
    fn the_seed_people_and_organisations() {
        let text = "By SETH J. FRANTZMAN\nA fighter of Syrian Democratic Forces stands in \
                    Raqqa. (photo credit: REUTERS/ERIK DE CASTRO)\nThe SDF said ISIS was \
                    defeated, according to video at RT. Frantzman reported.";
        let found = named(text);
        for want in [
            ("Seth J. Frantzman", "person", "SETH J. FRANTZMAN"),
            (
                "Syrian Democratic Forces",
                "organization",
                "Syrian Democratic Forces",
            ),
            ("Reuters", "organization", "REUTERS"),
            ("Erik De Castro", "person", "ERIK DE CASTRO"),
            ("Syrian Democratic Forces", "organization", "SDF"),
            ("ISIS", "organization", "ISIS"),
            ("RT", "organization", "RT"),
            ("Seth J. Frantzman", "person", "Frantzman"),
        ] {
            let want = (want.0.to_string(), want.1.to_string(), want.2.to_string());
            assert!(found.contains(&want), "{want:?} not in {found:?}");
        }
        assert!(!found.iter().any(|(n, _, _)| n == "Raqqa"), "{found:?}");
    }

    #[test]
    fn titles_and_first_names_make_people() {
        let found = named("Officials met Dr. Kelly Evans and President Trump. Maria Lopez spoke.");
        assert!(
            found.contains(&("Kelly Evans".into(), "person".into(), "Kelly Evans".into())),
            "{found:?}"
        );
        assert!(
            found.contains(&("Maria Lopez".into(), "person".into(), "Maria Lopez".into())),
            "{found:?}"
        );
        assert!(
            found.contains(&("Trump".into(), "person".into(), "Trump".into())),
            "{found:?}"
        );
        assert!(named("The US and the UK agreed in Paris.").is_empty());
    }

    #[test]
    fn offsets_count_characters() {
        let text = "Café owners met Jürgen Müller of Deutsche Bank.";
        let chars: Vec<char> = text.chars().collect();
        for entity in entities(text, Gazetteer::embedded(), &[]) {
            let surface: String = chars[entity.start..entity.end].iter().collect();
            assert_eq!(surface, entity.surface);
        }
    }
}
