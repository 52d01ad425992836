//! Clauses and actors around a verb: quotation marks, where the verb's
//! clause starts and ends, its auxiliaries, its subject and object
//! phrases, a verb joined to the one before, an unknown partner, and
//! reported speech.

use super::words::{is_aux, PARTITIVES, PREPOSITIONS, SPEECH, SUBORDINATORS};
use super::Input;
use crate::phrases::Actor;

/// Tokens inside quotation marks: between an opening and a closing mark;
/// before a closing mark with no opening one (a quote carried over from
/// the sentence before) and after an opening mark never closed.
pub fn quoted(words: &[&str]) -> Vec<bool> {
    let mut out = vec![false; words.len()];
    let mut open: Option<usize> = None;
    let mut seen_open = false;
    for (i, &w) in words.iter().enumerate() {
        match w {
            "“" | "«" => {
                open = Some(i);
                seen_open = true;
            }
            "”" | "»" => match open.take() {
                Some(o) => out[o..=i].iter_mut().for_each(|q| *q = true),
                None if !seen_open => out[..=i].iter_mut().for_each(|q| *q = true),
                None => {}
            },
            "\"" => match open.take() {
                Some(o) => out[o..=i].iter_mut().for_each(|q| *q = true),
                None => {
                    open = Some(i);
                    seen_open = true;
                }
            },
            _ => {}
        }
    }
    if let Some(o) = open {
        out[o..].iter_mut().for_each(|q| *q = true);
    }
    out
}

pub(super) fn prev_word<'a>(words: &[&'a str], at: usize) -> Option<&'a str> {
    at.checked_sub(1).map(|k| words[k])
}

/// Where the verb's clause starts: after a subordinator, or after "that"
/// or "despite" ("The US left Raqqa, despite the fact that members of the
/// SDF had died": the US is not the subject of "died").
pub(super) fn clause_start(words: &[&str], verb: usize) -> usize {
    (0..verb)
        .rev()
        .find(|&k| SUBORDINATORS.contains(&words[k]) || matches!(words[k], "THAT" | "DESPITE"))
        .map_or(0, |k| k + 1)
}

/// Where the object search stops: a comma, semicolon or subordinator not
/// inside an actor list.
pub(super) fn clause_end(words: &[&str], covered: &[bool], from: usize) -> usize {
    (from..words.len())
        .find(|&k| !covered[k] && (words[k] == "," || SUBORDINATORS.contains(&words[k])))
        .unwrap_or(words.len())
}

/// The auxiliaries and adverbs right before the verb ("will not", "has
/// been", "is about to").
pub(super) fn aux_chain(words: &[&str], left: usize, verb: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut k = verb;
    while k > left && out.len() < 6 {
        let w = words[k - 1];
        // The auxiliaries (but the possessive `'s`), negation and the
        // adverbs and particles that sit between a subject and its verb.
        let aux = (is_aux(w) && w != "'S")
            || matches!(
                w,
                "NOT"
                    | "N'T"
                    | "NEVER"
                    | "TO"
                    | "ABOUT"
                    | "GOING"
                    | "ALSO"
                    | "STILL"
                    | "JUST"
                    | "ALREADY"
                    | "EVER"
                    | "NOW"
                    | "THEN"
                    | "AGAIN"
            )
            || (w.len() > 4 && w.ends_with("LY"));
        if !aux {
            break;
        }
        out.push(k - 1);
        k -= 1;
    }
    out
}

/// The nearest phrase before the verb, in its clause, that is not the
/// object of a preposition.
pub(super) fn subject(input: &Input, left: usize, verb: usize) -> Option<usize> {
    input
        .phrases
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, p)| p.end <= verb && p.first >= left)
        .find(|(_, p)| {
            let before = patterns_prev(input.words, p.first);
            // "after the US withdrew": a conjunction that is also a
            // preposition opens a clause when a verb follows the phrase.
            let opens_clause = before.is_some_and(|w| SUBORDINATORS.contains(&w))
                && aux_end(input.words, p.end) == verb;
            !before.is_some_and(|w| PREPOSITIONS.contains(&w)) || opens_clause
        })
        .map(|(i, _)| i)
}

/// The word before a phrase, past "the", "a", "its".
pub(super) fn patterns_prev<'a>(words: &[&'a str], first: usize) -> Option<&'a str> {
    let mut k = first;
    while k > 0 && matches!(words[k - 1], "THE" | "A" | "AN" | "ITS" | "THEIR") {
        k -= 1;
    }
    prev_word(words, k)
}

/// The first phrase after the verb that can be its target.
pub(super) fn object(
    input: &Input,
    end: usize,
    right: usize,
    verbs: &[(usize, usize, u32)],
) -> Option<usize> {
    for (i, p) in input.phrases.iter().enumerate() {
        if p.first < end || p.first >= right {
            continue;
        }
        // "The US withdrew and Turkey attacked": an actor after "and" that
        // a verb follows is the next clause's subject, not this object.
        let after = aux_end(input.words, p.end);
        if matches!(prev_word(input.words, p.first), Some("AND" | "BUT"))
            && verbs.iter().any(|&(v, _, _)| v == after)
        {
            return None;
        }
        let before = patterns_prev(input.words, p.first);
        if before == Some("OF") {
            let noun = p.first.checked_sub(2).map(|k| input.words[k]);
            if noun.is_some_and(|n| PARTITIVES.contains(&n)) {
                continue;
            }
        }
        if p.patron {
            return None;
        }
        return Some(i);
    }
    None
}

/// The first token at or after `k` that is not an auxiliary or adverb.
pub(super) fn aux_end(words: &[&str], mut k: usize) -> usize {
    while k < words.len()
        && (is_aux(words[k]) || matches!(words[k], "NOT" | "N'T" | "ALSO" | "THEN"))
    {
        k += 1;
    }
    k
}

/// Whether the verb follows "and", "but" or a comma with no subject of its
/// own ("condemned the attack and promised aid").
pub(super) fn joined_to_previous(words: &[&str], aux: &[usize], verb: usize) -> bool {
    let start = aux.last().copied().unwrap_or(verb);
    matches!(prev_word(words, start), Some("AND" | "BUT" | ","))
}

/// Whether a capitalised name the dictionaries do not know follows "with"
/// or "against" in `from..right`: the verb's partner or opponent is then
/// an actor nobody can code.
pub(super) fn unknown_party(input: &Input, covered: &[bool], from: usize, right: usize) -> bool {
    (from.max(1)..right).any(|k| {
        let t = &input.tokens[k];
        t.word
            && t.capital
            && !covered[k]
            && !input.skip[k]
            && matches!(input.words[k - 1], "WITH" | "AGAINST")
    })
}

/// Whether the verb at `verb` lies in the complement of a speech verb
/// before it in the same stretch between commas ("the US claimed that
/// they had attacked Iraq", "he said government proposed ...").
pub(super) fn reported(input: &Input, verb: usize) -> bool {
    (0..verb)
        .rev()
        .take_while(|&k| !matches!(input.words[k], "," | ";" | ":"))
        .any(|k| SPEECH.contains(&input.words[k]) && !input.quoted[k])
}

/// Whether a role of nobody known is a named body: capitalised inside the
/// sentence ("... Congress asked"), or the sentence's first word on its
/// own, without an article, and singular ("Congress is asking Obama",
/// "Parliament approved"), as a proper name is; "Businesses hired",
/// "Officials said" and "The spokesperson said" are common nouns.
pub(super) fn named_body(input: &Input, actor: &Actor) -> bool {
    let start = (0..input.words.len()).find(|&k| !input.skip[k] && input.tokens[k].word);
    if Some(actor.first) != start {
        return actor.first > 0 && input.tokens[actor.first].capital;
    }
    let word = input.words[actor.first];
    actor.end == actor.first + 1
        && input.tokens[actor.first].capital
        && (!word.ends_with('S') || word.ends_with("SS"))
}
