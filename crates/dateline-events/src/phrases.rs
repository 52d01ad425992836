//! Actors in a sentence, without a parser: dictionary names and role words
//! (agents) found by longest match, then put together as noun phrases.
//!
//! - A country and its roles: "Russian forces" (RUS + MIL = `RUSMIL`),
//!   "Gondor's government" (`GONGOV`), "MSF Arnor" (`NGOARN`, the agent
//!   code before the country), "Ithilen's awful and evil minister" (up to
//!   three words between a possessive and its role).
//! - A role of a country: "soldiers from Gondor", "lawmakers in Fornost
//!   and Gondor" (one actor per country), "the government of Gondor".
//! - A role alone: "clerics" (`---REL`).
//! - Lists: "Mordor, Rohan, Fornost and Bree", "Fornost and the evil awful
//!   Gondor": one phrase with several actors, each its own event.
//!
//! A country followed by `'s` and a word that is not a role ("America's
//! former partners") names a patron, not the actor: the phrase is marked
//! `patron` so the coder does not make it a target.

use crate::dict::actors::Agent;
use crate::dict::lexicon::{Kind, Scan};
use crate::dict::Dictionaries;
use crate::text::Token;

/// An actor found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// CAMEO actor code.
    pub code: String,
    /// Display name (the dictionary group's, or the role word's).
    pub name: String,
    /// First token.
    pub first: usize,
    /// Token after the last.
    pub end: usize,
}

/// A noun phrase naming one or more actors.
#[derive(Debug, Clone)]
pub struct Phrase {
    /// First token.
    pub first: usize,
    /// Token after the last.
    pub end: usize,
    /// Its actors (several for a list).
    pub actors: Vec<Actor>,
    /// Whether it is a possessor of something that is not a role.
    pub patron: bool,
}

/// What a token run is in the dictionaries.
#[derive(Debug, Clone)]
enum Unit {
    Actor { codes: Vec<String>, name: String },
    Agent(Agent, String),
}

const FILLERS: &[&str] = &[
    "THE",
    "A",
    "AN",
    "ITS",
    "THEIR",
    "BOTH",
    "NEIGHBORING",
    "NEIGHBOURING",
];

/// Finds the actor phrases of `tokens` (`skip[i]`: token ignored, such as
/// words in parentheses); `day` selects dated codes; `blocked(first, end)`
/// says a name is not an actor (a city the article resolved as a place).
pub fn phrases(
    dict: &Dictionaries,
    tokens: &[Token],
    words: &[&str],
    scan: &Scan<'_>,
    skip: &[bool],
    day: Option<i64>,
    blocked: &dyn Fn(usize, usize) -> bool,
) -> Vec<Phrase> {
    let units = units(dict, tokens, words, scan, skip, day, blocked);
    // Put units together into single-actor phrases.
    let mut singles: Vec<Phrase> = Vec::new();
    let mut i = 0;
    while i < units.len() {
        let (first, mut end, _) = &units[i];
        let (first, mut last_unit) = (*first, i);
        let mut j = i + 1;
        // Adjacent units, or a possessive and up to three words before a role.
        while j < units.len() {
            let (s, e, unit) = &units[j];
            let gap = *s - end;
            let possessive = words.get(end) == Some(&"'S");
            let ok = match unit {
                Unit::Agent(..) if gap == 0 => true,
                Unit::Agent(..) if possessive && gap <= 4 => {
                    (end + 1..*s).all(|k| is_modifier(tokens, words, k))
                }
                Unit::Agent(..) => {
                    gap <= 2
                        && (end..*s).all(|k| {
                            words[k] == "FORMER"
                                || is_modifier(tokens, words, k)
                                    && !possessive
                                    && !finite_verb(dict, words[k])
                        })
                }
                // "MSF Arnor" (a prefix role), "Prime Minister Romendacil"
                // (a title before a name the dictionary knows).
                Unit::Actor { .. } => gap == 0 && matches!(units[j - 1].2, Unit::Agent(..)),
            };
            if !ok {
                break;
            }
            end = *e;
            last_unit = j;
            j += 1;
        }
        let members = &units[i..=last_unit];
        let mut actors = combine(members, first, end);
        // A role of a country: "soldiers from Gondor and Arnor".
        let role_only = members.iter().all(|(_, _, u)| matches!(u, Unit::Agent(..)));
        let mut next = last_unit + 1;
        if role_only
            && next < units.len()
            && matches!(words.get(end), Some(&("OF" | "FROM" | "IN")))
        {
            let (mut countries, mut k, mut span_end) = (Vec::new(), next, end);
            let mut at = end + 1;
            while k < units.len() {
                let (s, e, u) = &units[k];
                let filler_ok = (at..*s)
                    .all(|t| FILLERS.contains(&words[t]) || matches!(words[t], "AND" | ","));
                if !filler_ok {
                    break;
                }
                let Unit::Actor { .. } = u else { break };
                countries.push(k);
                span_end = *e;
                at = *e;
                k += 1;
                if !matches!(words.get(at), Some(&("AND" | ","))) {
                    break;
                }
            }
            if !countries.is_empty() {
                let roles: Vec<&(usize, usize, Unit)> = members.iter().collect();
                actors = countries
                    .iter()
                    .flat_map(|&c| {
                        let mut all: Vec<(usize, usize, Unit)> = vec![units[c].clone()];
                        all.extend(roles.iter().map(|r| (*r).clone()));
                        combine(&all, first, span_end)
                    })
                    .collect();
                end = span_end;
                next = k;
            }
        }
        // A demonym before a verb form modifies it as a noun ("Chinese
        // purchases", "Israeli-Palestinian conflict"): no actor. (Before
        // other nouns it may name a person: "a Pakistani woman".)
        if end == first + 1
            && members.len() == 1
            && matches!(members[0].2, Unit::Actor { .. })
            && tokens.get(end).is_some_and(|t| t.word && !t.capital)
            && dict.verbs.by_first.contains_key(words[end])
            && demonym(dict, tokens, words, scan, first)
        {
            i = next;
            continue;
        }
        let patron = words.get(end) == Some(&"'S")
            && !(next < units.len()
                && matches!(units[next].2, Unit::Agent(..))
                && units[next].0 <= end + 4);
        singles.push(Phrase {
            first,
            end,
            actors,
            patron,
        });
        i = next;
    }
    lists(dict, singles, tokens, words)
}

/// Whether the one-word actor at `k` is a demonym used as an adjective
/// ("Chinese purchases", "American farm goods", "Afghan war"): a
/// capitalised word that is not its group's name and ends like a demonym
/// (-an, -ese, -ish, -i, -ic, -ch). Such a word names what a thing belongs
/// to, not who acts, unless a role follows ("Chinese troops").
pub fn demonym(
    dict: &Dictionaries,
    tokens: &[Token],
    words: &[&str],
    scan: &Scan<'_>,
    k: usize,
) -> bool {
    let w = words[k];
    if !tokens[k].capital
        || !["AN", "ESE", "ISH", "I", "IC", "CH"]
            .iter()
            .any(|s| w.len() > s.len() + 2 && w.ends_with(s))
    {
        return false;
    }
    let actor = dict.actors.longest_among(scan.at(k, Kind::Actor), words, k);
    let Some((1, &group)) = actor else {
        return false;
    };
    let name = &dict.groups[group as usize].name;
    !name
        .split_whitespace()
        .next()
        .is_some_and(|first| first.eq_ignore_ascii_case(w))
}

/// Whether `word` is a verb form of the dictionary that is not a
/// participle used as an adjective before a role ("armed", "backed"):
/// "Russia attacked rebels" is a verb between an actor and a role, not
/// one actor "Russian rebels".
fn finite_verb(dict: &Dictionaries, word: &str) -> bool {
    dict.verbs.by_first.contains_key(word)
        && !matches!(
            word,
            "ARMED"
                | "BACKED"
                | "LED"
                | "ALLIED"
                | "RULED"
                | "CONTROLLED"
                | "BASED"
                | "OCCUPIED"
                | "AFFILIATED"
                | "LINKED"
                | "SPONSORED"
                | "RUN"
                | "SECURITY"
                | "SPECIAL"
                | "ELITE"
        )
}

/// Words that may sit between a possessive and a role: lower case words
/// that are not verbs or prepositions in the obvious sense.
fn is_modifier(tokens: &[Token], words: &[&str], k: usize) -> bool {
    tokens[k].word
        && !tokens[k].capital
        && !matches!(
            words[k],
            "AND"
                | "OR"
                | "NOR"
                | "OF"
                | "IN"
                | "TO"
                | "WITH"
                | "BY"
                | "FOR"
                | "ON"
                | "AT"
                | "FROM"
                | "WAS"
                | "IS"
                | "HAS"
                | "HAVE"
        )
}

/// Joins lists ("A, B and C", "A and the evil B") into one phrase.
fn lists(
    dict: &Dictionaries,
    singles: Vec<Phrase>,
    tokens: &[Token],
    words: &[&str],
) -> Vec<Phrase> {
    // Each list with its members and whether a conjunction joins them.
    let mut out: Vec<Phrase> = Vec::new();
    let mut members: Vec<(Vec<Phrase>, bool)> = Vec::new();
    for phrase in singles {
        if let Some(prev) = out.last_mut() {
            let gap = &words[prev.end..phrase.first];
            let has_conj = gap.iter().any(|w| matches!(*w, "AND" | "OR" | "NOR" | ","));
            let fillers = gap
                .iter()
                .enumerate()
                .filter(|(_, w)| !matches!(**w, "AND" | "OR" | "NOR" | ","))
                .all(|(k, w)| {
                    FILLERS.contains(w)
                        || is_modifier(tokens, words, prev.end + k) && gap.len() <= 5
                });
            // "the US withdrew and Turkey": a verb between ends the list.
            let verb = gap.iter().any(|w| dict.verbs.by_first.contains_key(w));
            if has_conj && fillers && !verb && !gap.is_empty() && gap.len() <= 5 && !prev.patron {
                let last = members.last_mut().expect("a list per phrase");
                last.1 |= gap.iter().any(|w| matches!(*w, "AND" | "OR" | "NOR"));
                last.0.push(phrase.clone());
                prev.end = phrase.end;
                prev.actors.extend(phrase.actors);
                prev.patron = phrase.patron;
                continue;
            }
        }
        members.push((vec![phrase.clone()], false));
        out.push(phrase);
    }
    // Commas alone make no list: "When Russia withdrew from Syria, Turkey
    // attacked" has a clause break between Syria and Turkey. A list ends
    // with "and", "or" or "nor" ("Mordor, Rohan and Bree").
    if members.iter().all(|(m, conj)| m.len() == 1 || *conj) {
        return out;
    }
    members
        .into_iter()
        .zip(out)
        .flat_map(|((m, conj), list)| if m.len() == 1 || conj { vec![list] } else { m })
        .collect()
}

/// The actors of units forming one phrase: countries with their roles.
fn combine(members: &[(usize, usize, Unit)], first: usize, end: usize) -> Vec<Actor> {
    let mut bases: Vec<(String, String)> = Vec::new();
    let mut prefix = String::new();
    let mut suffix: Vec<String> = Vec::new();
    let mut role_name = String::new();
    for (_, _, unit) in members {
        match unit {
            Unit::Actor { codes, name } if bases.is_empty() => {
                bases = codes.iter().map(|c| (c.clone(), name.clone())).collect();
            }
            Unit::Actor { .. } => {}
            Unit::Agent(agent, name) => {
                if role_name.is_empty() {
                    role_name = name.clone();
                }
                if agent.prefix {
                    prefix.push_str(&agent.code);
                } else if !suffix.contains(&agent.code) {
                    suffix.push(agent.code.clone());
                }
            }
        }
    }
    if bases.is_empty() {
        bases.push(("---".into(), role_name));
    }
    bases
        .into_iter()
        .map(|(base, name)| {
            let mut code = format!("{prefix}{base}");
            for s in &suffix {
                // `USAGOV` + GOV stays `USAGOV`.
                if !code[3.min(code.len())..].contains(s.as_str()) {
                    code.push_str(s);
                }
            }
            Actor {
                code,
                name,
                first,
                end,
            }
        })
        .collect()
}

/// Dictionary matches, left to right, longest first.
fn units(
    dict: &Dictionaries,
    tokens: &[Token],
    words: &[&str],
    scan: &Scan<'_>,
    skip: &[bool],
    day: Option<i64>,
    blocked: &dyn Fn(usize, usize) -> bool,
) -> Vec<(usize, usize, Unit)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if skip[i] || !tokens[i].word {
            i += 1;
            continue;
        }
        let (may_act, may_agent) = (scan.has(i, Kind::Actor), scan.has(i, Kind::Agent));
        if !may_act && !may_agent {
            i += 1;
            continue;
        }
        let actor = may_act
            .then(|| dict.actors.longest_among(scan.at(i, Kind::Actor), words, i))
            .flatten();
        let agent = may_agent
            .then(|| dict.agents.longest_among(scan.at(i, Kind::Agent), words, i))
            .flatten();
        let actor_len = actor.map_or(0, |a| a.0);
        let agent_len = agent.map_or(0, |a| a.0);
        if actor_len > 0 && actor_len >= agent_len {
            let (n, &group) = actor.expect("actor");
            let group = &dict.groups[group as usize];
            // An actor name must start with a capital in running text
            // ("us" is not the US); all-capital sentences are exempt.
            let capital =
                (i..i + n).any(|k| tokens[k].capital) || !words[i].chars().any(char::is_alphabetic);
            if capital && !blocked(i, i + n) && !(i..i + n).any(|k| skip[k]) {
                if let Some(codes) = group.codes_on(day) {
                    out.push((
                        i,
                        i + n,
                        Unit::Actor {
                            codes: codes.to_vec(),
                            name: group.name.clone(),
                        },
                    ));
                }
            }
            i += n;
        } else if agent_len > 0 {
            let (n, agent) = agent.expect("agent");
            let name = words[i..i + n]
                .iter()
                .map(|w| w.to_lowercase())
                .collect::<Vec<_>>()
                .join(" ");
            out.push((i, i + n, Unit::Agent(agent.clone(), name)));
            i += n;
        } else {
            i += 1;
        }
    }
    out
}
