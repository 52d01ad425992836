//! Sports results: a sentence that reports a score ("Russia beat Croatia
//! 2-1", "Switzerland beat Gibraltar 6-0") is a match, not an event
//! between states, whatever its verb ("beat", "held on", "take on").
//! PETRARCH discards such sentences by their words (`Phoenix.discards.txt`:
//! "WORLD CUP", "PLAYOFF", "SEMI-FINAL", ...; Dateline's spellings are in
//! `data/dateline.discards.txt`); a score has no fixed words, so it is
//! found here.

/// Whether the sentence holds a score: two numbers of one or two digits
/// joined by a dash ("6-4", "2–1", "1 - 1"), the first not smaller than
/// the second (a result is written winner first: "9-11" is no score), and
/// not a tally of votes or judges ("voted 52-48", "a 5-4 ruling", "a
/// 3-1 majority").
pub(crate) fn holds_score(words: &[&str]) -> bool {
    (0..words.len()).any(|i| {
        // A score starts with a digit: most words are ruled out on their
        // first byte, without looking for a dash.
        if !words[i].as_bytes().first().is_some_and(u8::is_ascii_digit) {
            return false;
        }
        let (pair, end) = match split_score(words[i]) {
            Some(pair) => (Some(pair), i + 1),
            // "2–1": the tokenizer splits at an en dash.
            None if i + 2 < words.len() && matches!(words[i + 1], "-" | "–" | "—") => {
                (number(words[i]).zip(number(words[i + 2])), i + 3)
            }
            None => (None, i + 1),
        };
        let Some((a, b)) = pair else { return false };
        let tally = i
            .checked_sub(1)
            .is_some_and(|k| matches!(words[k], "VOTE" | "VOTED" | "VOTES" | "RULED"))
            || words.get(end).is_some_and(|w| {
                matches!(
                    *w,
                    "VOTE" | "VOTES" | "RULING" | "DECISION" | "MAJORITY" | "MARGIN" | "SPLIT"
                )
            });
        a >= b && !tally
    })
}

/// "6-4" as (6, 4).
fn split_score(word: &str) -> Option<(u32, u32)> {
    let (a, b) = word.split_once('-')?;
    number(a).zip(number(b))
}

/// A number of one or two digits.
fn number(word: &str) -> Option<u32> {
    (!word.is_empty() && word.len() <= 2 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Coder, Context};

    fn words(s: &str) -> Vec<String> {
        crate::text::tokenize(s, 0, s.len())
            .words()
            .into_iter()
            .map(String::from)
            .collect()
    }

    fn score(s: &str) -> bool {
        let w = words(s);
        holds_score(&w.iter().map(String::as_str).collect::<Vec<_>>())
    }

    #[test]
    fn scores_are_found() {
        assert!(score("Russia beat Croatia 2-1 on Saturday."));
        assert!(score("Switzerland beat Gibraltar 6-0 to win Group D."));
        assert!(score("Denmark got a 1–1 draw at Ireland."));
        assert!(score("a 6-4, 6-4 win over Alejandro Gonzalez"));
    }

    #[test]
    fn tallies_dates_and_other_numbers_are_no_scores() {
        assert!(!score("The Senate voted 52-48 to confirm him."));
        assert!(!score("The court ruled 5-4 against the state."));
        assert!(!score("In a 5-4 ruling the court sided with Iran."));
        assert!(!score("the 9-11 attacks on the United States"));
        assert!(!score("The 2018-19 budget was passed."));
        assert!(!score("Turkey attacked Syria on Monday."));
    }

    #[test]
    fn a_result_is_no_event_and_a_war_still_is() {
        let coder = Coder::embedded();
        let ctx = Context::default();
        assert!(coder
            .code_text("Russia beat Croatia 2-1 on Saturday.", &ctx)
            .is_empty());
        assert!(!coder
            .code_text("Russia attacked Ukraine on Saturday.", &ctx)
            .is_empty());
    }

    #[test]
    fn the_discards_cover_the_plurals_of_phoenix_sports_words() {
        let coder = Coder::embedded();
        let ctx = Context::default();
        assert!(coder
            .code_text("Russia beat Croatia in the quarterfinals.", &ctx)
            .is_empty());
        assert!(!coder.code_text("Russia beat Croatia.", &ctx).is_empty());
    }
}
