//! Resolution: which of the places a name may denote the document means.
//!
//! Each candidate gets a prior (countries and continents first, then
//! regions, capitals and first-level regions, then places by population;
//! a bonus when the name is the place's own name, not one of its alternate
//! names), then evidence from the text around it, in two passes:
//!
//! 1. Local evidence: a region or country named right after it
//!    ("Gainesville, Fla."), a city that carries its region's name and
//!    holds much of its people ("Raqqa"), the user's country
//!    bias, and the countries and regions that the document's unambiguous
//!    names point at.
//! 2. The document's geography: with every name resolved once, each is
//!    resolved again, preferring candidates in the countries and regions
//!    the *other* names were resolved to, and near them. A local paper's
//!    "Paris" next to Tennessee towns is Paris, Tennessee.
//!
//! **Known failures.** A story that names one foreign city among many
//! local places (Paris, France in a Texas paper) may be pulled home; and a
//! name whose only context is the site's own country cannot use it (the
//! article's site is not an input yet).

use std::collections::HashMap;

use crate::gazetteer::format::Kind;
use crate::gazetteer::{normalize, Naming, Place};
use crate::places::{Found, PlaceMention, PlaceOptions};
use crate::tokens::{CharOffsets, Token};

/// How strongly each kind of place is expected when a name is ambiguous.
fn prior(place: &Place<'_>, naming: Naming, exact: bool) -> f32 {
    let kind = match place.kind {
        Kind::Country => 9.0,
        Kind::Continent => 8.5,
        Kind::Region => 7.0,
        Kind::Capital => 7.0,
        Kind::Admin1 => 5.5 + (place.population as f32 + 1.0).log10() * 0.2,
        // Counties are named with their "County": what competes is
        // another state's county of the same name.
        Kind::Admin2 => 5.0,
        Kind::City => (place.population as f32 + 1.0).log10() * 0.7,
    };
    let naming = if naming == Naming::Demonym { -0.5 } else { 0.0 };
    kind + naming + if exact { 1.0 } else { 0.0 }
}

/// Where the document's names point, with weights.
#[derive(Default)]
struct Context<'g> {
    countries: HashMap<&'g str, f32>,
    regions: HashMap<(&'g str, &'g str), f32>,
    /// Resolved towns and regions: (mention, lat, lon).
    points: Vec<(usize, f64, f64)>,
}

impl<'g> Context<'g> {
    /// From names alone: countries of names with one candidate country,
    /// regions among the candidates.
    fn from_names(found: &[Found<'g>]) -> Self {
        let mut context = Context::default();
        for f in found {
            let first_country = f.candidates[0].0.country_code;
            if f.candidates
                .iter()
                .all(|(p, _)| p.country_code == first_country)
            {
                *context.countries.entry(first_country).or_default() += 1.0;
            }
            for (place, _) in &f.candidates {
                if place.kind == Kind::Admin1 {
                    *context
                        .regions
                        .entry((place.country_code, place.admin1))
                        .or_default() += 1.0 / f.candidates.len() as f32;
                }
            }
        }
        context
    }

    /// From a first resolution, keeping which name each vote comes from
    /// (a name must not vote for itself: see [`Context::score`]).
    fn from_choices(found: &[Found<'g>], choices: &[(usize, f32)]) -> Self {
        let mut context = Context::default();
        for (i, (f, &(choice, confidence))) in found.iter().zip(choices).enumerate() {
            let place = &f.candidates[choice].0;
            if place.country_code.is_empty() {
                continue;
            }
            *context.countries.entry(place.country_code).or_default() += confidence;
            if matches!(
                place.kind,
                Kind::City | Kind::Capital | Kind::Admin1 | Kind::Admin2
            ) {
                *context
                    .regions
                    .entry((place.country_code, place.admin1))
                    .or_default() += confidence;
                if context.points.len() < MAX_POINTS {
                    context.points.push((i, place.lat, place.lon));
                }
            }
        }
        context
    }

    /// The evidence for `place`, without the votes of `own` (the context
    /// of the names spelled like the one being resolved).
    fn score(
        &self,
        place: &Place<'_>,
        own: Option<&Context<'_>>,
        own_key: Option<&Spelling<'_>>,
    ) -> f32 {
        if place.country_code.is_empty() {
            return 0.0;
        }
        let minus = |map: Option<f32>, own: Option<f32>| map.unwrap_or(0.0) - own.unwrap_or(0.0);
        let country = minus(
            self.countries.get(place.country_code).copied(),
            own.and_then(|o| o.countries.get(place.country_code).copied()),
        );
        let mut score = 1.5 * country.clamp(0.0, 3.0);
        if !matches!(place.kind, Kind::Country) {
            let region_key = (place.country_code, place.admin1);
            let region = minus(
                self.regions.get(&region_key).copied(),
                own.and_then(|o| o.regions.get(&region_key).copied()),
            );
            score += 1.5 * region.clamp(0.0, 2.0);
        }
        if matches!(
            place.kind,
            Kind::City | Kind::Capital | Kind::Admin1 | Kind::Admin2
        ) {
            let nearest = self
                .points
                .iter()
                .filter(|(i, _, _)| own_key.is_none_or(|own| own.keys[*i] != own.key))
                .map(|&(_, lat, lon)| distance_km(place.lat, place.lon, lat, lon))
                .fold(f64::INFINITY, f64::min);
            score += if nearest < 100.0 {
                2.0
            } else if nearest < 300.0 {
                1.0
            } else {
                0.0
            };
        }
        score
    }
}

/// The spelling of the name being resolved among every name's spelling.
struct Spelling<'k> {
    keys: &'k [String],
    key: &'k str,
}

/// Resolved places whose nearness counts, at most (bounds the work on a
/// text that names thousands).
const MAX_POINTS: usize = 200;

/// Places of fewer people than this are villages: see [`choose`].
const VILLAGE_PEOPLE: u32 = 10_000;

/// Resolves every found name to one place.
pub(crate) fn resolve(
    text: &str,
    tokens: &[Token],
    found: &[Found<'_>],
    options: &PlaceOptions,
) -> Vec<PlaceMention> {
    let keys: Vec<String> = found
        .iter()
        .map(|f| normalize::key(&text[tokens[f.first].start..tokens[f.last].end]))
        .collect();
    let local: Vec<Vec<f32>> = (0..found.len())
        .map(|i| local_scores(text, tokens, found, i, &keys[i], options))
        .collect();

    let names = Context::from_names(found);
    let first: Vec<(usize, f32)> = found
        .iter()
        .zip(&local)
        .map(|(f, local)| choose(f, local, &names, None, None))
        .collect();
    // The second pass: each name against the others' first resolution.
    let geography = Context::from_choices(found, &first);
    let mut own_contexts: HashMap<&str, Context<'_>> = HashMap::new();
    for (i, key) in keys.iter().enumerate() {
        let own = own_contexts.entry(key.as_str()).or_default();
        let one = Context::from_choices(&found[i..=i], &first[i..=i]);
        for (country, w) in one.countries {
            *own.countries.entry(country).or_default() += w;
        }
        for (region, w) in one.regions {
            *own.regions.entry(region).or_default() += w;
        }
    }
    let mut offsets = CharOffsets::new(text);
    let mut out = Vec::with_capacity(found.len());
    for (i, f) in found.iter().enumerate() {
        let (choice, confidence) = choose(
            f,
            &local[i],
            &geography,
            own_contexts.get(keys[i].as_str()),
            Some(&Spelling {
                keys: &keys,
                key: &keys[i],
            }),
        );
        let (place, naming) = &f.candidates[choice];
        let start = offsets.at(tokens[f.first].start);
        let end = offsets.at(tokens[f.last].end);
        out.push(PlaceMention {
            name: place.name.to_string(),
            surface: text[tokens[f.first].start..tokens[f.last].end].to_string(),
            start,
            end,
            geonames_id: place.geonames_id,
            lat: round5(place.lat),
            lon: round5(place.lon),
            country_code: place.country_code.to_string(),
            feature_class: place.kind.feature_class(),
            kind: place.kind.as_str().to_string(),
            mention: match naming {
                Naming::Name => "name",
                Naming::Demonym => "demonym",
            }
            .to_string(),
            confidence: (confidence * 100.0).round() / 100.0,
        });
    }
    out
}

/// The best candidate under `context` (less `own`'s votes) and how sure
/// it is.
fn choose(
    f: &Found<'_>,
    local: &[f32],
    context: &Context<'_>,
    own: Option<&Context<'_>>,
    own_key: Option<&Spelling<'_>>,
) -> (usize, f32) {
    // "China" beside "Texas" is still the country, not China, Texas
    // (1,100 people), and "Mexico" beside "Monterrey" the country, not its
    // capital: the document's geography does not turn a country's name or
    // demonym into a village's or its capital's. Towns do take it
    // (Palestine, Texas).
    let names_country = f.candidates.iter().any(|(p, _)| p.kind == Kind::Country);
    let mut best = (0, f32::NEG_INFINITY);
    let mut second = f32::NEG_INFINITY;
    for (i, (place, _)) in f.candidates.iter().enumerate() {
        let yields_to_country = match place.kind {
            Kind::City => place.population < VILLAGE_PEOPLE,
            Kind::Capital => true,
            _ => false,
        };
        let context = if names_country && yields_to_country {
            0.0
        } else {
            context.score(place, own, own_key)
        };
        let score = local[i] + context;
        if score > best.1 {
            second = best.1;
            best = (i, score);
        } else if score > second {
            second = score;
        }
    }
    let margin = if second.is_finite() {
        best.1 - second
    } else {
        4.0
    };
    (best.0, (1.0 / (1.0 + (-margin).exp())).clamp(0.5, 0.99))
}

/// Scores of the candidates of name `i` from its prior and its
/// immediate surroundings.
fn local_scores(
    text: &str,
    tokens: &[Token],
    found: &[Found<'_>],
    i: usize,
    key: &str,
    options: &PlaceOptions,
) -> Vec<f32> {
    let f = &found[i];
    // "Gainesville, Florida": the region or country named right after.
    // Not in a list of countries ("Iraq, Iran and the US").
    let names_country = f.candidates.iter().any(|(p, n)| {
        *n == Naming::Name
            && matches!(p.kind, Kind::Country | Kind::Continent)
            && normalize::key(p.name) == key
    });
    let qualifier = found.get(i + 1).filter(|next| {
        !names_country
            && next.first == f.last + 1
            && text[tokens[f.last].end..tokens[next.first].start].trim() == ","
    });
    let among_regions = listed_among_regions(text, tokens, found, i);
    let bias = options
        .country_bias
        .as_deref()
        .map(|c| c.to_ascii_uppercase());
    f.candidates
        .iter()
        .map(|(place, naming)| {
            let exact = normalize::key(place.name) == key;
            let mut score = prior(place, *naming, exact);
            if !place.country_code.is_empty() && bias.as_deref() == Some(place.country_code) {
                score += 5.0;
            }
            // "Raqqa", "New York": a city that carries its region's name
            // and holds over a third of its people is what news means.
            // Not "Oklahoma" (a quarter): that names the state. In a list
            // of regions ("Missouri, New York and Virginia") the region.
            if matches!(place.kind, Kind::City | Kind::Capital)
                && !among_regions
                && f.candidates.iter().any(|(region, _)| {
                    let share = place.population as f32 / region.population.max(1) as f32;
                    region.kind == Kind::Admin1
                        && region.country_code == place.country_code
                        && region.admin1 == place.admin1
                        && share >= 0.35
                })
            {
                score += 3.5;
            }
            if let Some(q) = qualifier {
                if q.candidates.iter().any(|(region, _)| {
                    region.country_code == place.country_code
                        && (region.kind == Kind::Country || region.admin1 == place.admin1)
                }) {
                    score += 6.0;
                }
            }
            score
        })
        .collect()
}

/// Whether name `i` stands in a list ("A, B and C") whose other names next
/// to it are regions: each has a first-level region among its candidates
/// and no city of half a million people ("Washington" is also a city).
fn listed_among_regions(text: &str, tokens: &[Token], found: &[Found<'_>], i: usize) -> bool {
    let joined = |a: &Found<'_>, b: &Found<'_>| {
        b.first > a.last
            && matches!(
                text[tokens[a.last].end..tokens[b.first].start].trim(),
                "," | "and" | "or" | ", and" | ", or"
            )
    };
    let is_region = |f: &Found<'_>| {
        f.candidates.iter().any(|(p, _)| p.kind == Kind::Admin1)
            && !f.candidates.iter().any(|(p, _)| {
                matches!(p.kind, Kind::City | Kind::Capital) && p.population >= 500_000
            })
    };
    let before = i
        .checked_sub(1)
        .map(|j| &found[j])
        .filter(|prev| joined(prev, &found[i]));
    let after = found.get(i + 1).filter(|next| joined(&found[i], next));
    let neighbours: Vec<&Found<'_>> = before.into_iter().chain(after).collect();
    !neighbours.is_empty() && neighbours.into_iter().all(is_region)
}

/// Great-circle distance, km.
fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}

/// Coordinates to five decimals (about a metre): the gazetteer keeps
/// single precision, whose extra digits are noise.
fn round5(degrees: f64) -> f64 {
    (degrees * 1e5).round() / 1e5
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_are_great_circle() {
        let paris_london = distance_km(48.8566, 2.3522, 51.5074, -0.1278);
        assert!((paris_london - 344.0).abs() < 5.0, "{paris_london}");
        assert_eq!(distance_km(10.0, 10.0, 10.0, 10.0), 0.0);
    }
}
