//! Verb finding: which forms of the verb dictionary in a sentence are
//! verbs rather than nouns, names or participles ("an attack", "Strike
//! Force", "killing eight people"), and whether an infinitive is governed
//! by the verb before it ("threatened to attack").

use super::clause::prev_word;
use super::words::{is_aux, DETERMINERS, PREPOSITIONS};
use super::Input;
use crate::dict::Dictionaries;

/// Verb occurrences: `(first, end, form)`, skipping nouns.
pub(super) fn find_verbs(
    dict: &Dictionaries,
    input: &Input,
    covered: &[bool],
) -> Vec<(usize, usize, u32)> {
    let words = input.words;
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if input.skip[i] || covered[i] || !input.tokens[i].word {
            i += 1;
            continue;
        }
        let mut best: Option<(usize, u32)> = None;
        if let Some(ids) = dict.verbs.by_first.get(words[i]) {
            for &id in ids {
                let form = &dict.verbs.forms[id as usize];
                let n = form.words.len();
                let fits =
                    i + n <= words.len() && form.words.iter().zip(&words[i..]).all(|(a, b)| a == b);
                if fits && best.is_none_or(|(m, _)| n > m) {
                    best = Some((n, id));
                }
            }
        }
        let Some((n, id)) = best else {
            i += 1;
            continue;
        };
        let prev = prev_word(words, i);
        // Words inside quotation marks are the speaker's: the event is the
        // speaking ("accused", "threatened"), coded outside the quote.
        if input.quoted[i] {
            i += n;
            continue;
        }
        // "Chinese purchases", "Israeli-Palestinian conflict": after a
        // demonym a verb form is a noun.
        let after_demonym =
            i > 0 && crate::phrases::demonym(dict, input.tokens, words, input.scan, i - 1);
        let noun = after_demonym
            || prev
            .is_some_and(|p| DETERMINERS.contains(&p) || (PREPOSITIONS.contains(&p) && p != "TO"))
            // "disputes should be resolved": the subject of a verb group.
            || words.get(i + n).is_some_and(|w| {
                matches!(*w, "SHOULD" | "WILL" | "WOULD" | "CAN" | "COULD" | "MAY" | "MIGHT" | "MUST" | "HAVE" | "HAS" | "HAD" | "WERE" | "ARE")
            });
        // A capitalised verb form inside a sentence is a name ("Strike Force").
        let name = input.tokens[i].capital && i > 0 && input.tokens[i - 1].word;
        let form = &dict.verbs.forms[id as usize];
        let head = words[i + form.head];
        // An `-ly` word is an adverb ("actively took part", "after
        // successfully fighting"), except after a determiner, where it is
        // an adjective ("a deadly attack", "the costly strikes") and the
        // verb form a noun.
        let adverb = prev.is_some_and(|p| p.ends_with("LY"))
            && !prev_word(words, i - 1).is_some_and(|w| DETERMINERS.contains(&w));
        let aux_before =
            adverb || prev.is_some_and(|p| is_aux(p) || matches!(p, "TO" | "N'T" | "NOT"));
        // "killing eight people", "offering support": a participle without
        // "is"/"was" is a clause about the subject, not its own event.
        let gerund = head.ends_with("ING") && !form.base && !aux_before;
        // A bare form ("strike", "attack") is a verb after its subject, an
        // auxiliary, "to" or a pronoun; after another noun ("air strike")
        // it is a noun.
        let bare_noun = (form.base || head.ends_with('S'))
            && !aux_before
            && prev.is_some_and(|p| {
                !covered[i - 1]
                    && !matches!(
                        p,
                        "AND"
                            | "OR"
                            | "THEY"
                            | "WE"
                            | "I"
                            | "YOU"
                            | "HE"
                            | "SHE"
                            | "IT"
                            | "WHO"
                            | "THAT"
                            | "WHICH"
                            | ","
                    )
            });
        // "U.S. imports of", "Hong Kong protests exploding": a bare or
        // `-s` form followed by "of" or by a participle is a noun.
        let noun_before = (form.base || head.ends_with('S'))
            && !aux_before
            && words.get(i + n).is_some_and(|w| {
                *w == "OF"
                    || (w.len() > 4 && w.ends_with("ING") && dict.verbs.by_first.contains_key(w))
            });
        // "an Islamic State target", "a Hamas attack on Israel": a bare
        // form right after an actor named with "a" or "an" is a noun; a
        // singular subject would take the `-s` form ("a rebel attacks").
        let indefinite_actor = form.base
            && !aux_before
            && input.phrases.iter().any(|p| {
                p.end == i && {
                    let k = (p.first..i)
                        .find(|&k| !matches!(words[k], "A" | "AN"))
                        .unwrap_or(p.first);
                    k > p.first
                        || prev_word(words, p.first).is_some_and(|w| matches!(w, "A" | "AN"))
                }
            });
        if !noun && !name && !gerund && !bare_noun && !noun_before && !indefinite_actor {
            out.push((i, i + n, id));
        }
        i += n;
    }
    out
}

/// Whether the infinitive's `TO` at `to` follows a verb that already codes
/// the intent (requests, threats, refusals, promises, statements).
pub(super) fn governed(dict: &Dictionaries, earlier: &[(usize, usize, u32)], to: usize) -> bool {
    earlier.iter().rev().take(1).any(|&(_, end, form)| {
        let form = &dict.verbs.forms[form as usize];
        let code = form
            .code
            .clone()
            .unwrap_or_else(|| dict.verbs.blocks[form.block as usize].code.clone());
        let root = code.forward.as_deref().map(|c| &c[..2.min(c.len())]);
        end + 4 > to
            && matches!(
                root,
                Some("01" | "02" | "03" | "10" | "11" | "12" | "13" | "16")
            )
    })
}
