//! Photo credits: separating "who took it" from "what it shows".
//!
//! Captions carry credits in a handful of shapes: a trailing parenthesis
//! ("(photo credit: REUTERS/ERIK DE CASTRO)"), a labelled tail ("Photo:
//! Jane Doe", "Credit: AP", "© Getty Images"), a glued label ("CreditKevin
//! Frayer/Getty Images"), or an agency line alone ("AP Photo/Jane Doe").
//! Known failures: a credit with no label and no agency name ("Jane Doe"
//! under a picture) stays in the caption.

/// Labels that introduce a credit, lower-case, without the colon. Matched
/// against ASCII-lower-cased text, whose byte offsets are the original's.
const LABELS: &[&str] = &[
    "photo credit",
    "image credit",
    "picture credit",
    "photo",
    "photos",
    "photograph",
    "image",
    "picture",
    "credit",
    "credits",
    "source",
    "foto",
    "fotos",
    "bild",
    "crédit",
    "crédit photo",
    "fuente",
    "fonte",
    "copyright",
];

/// Agencies and picture libraries whose names mark a bare credit.
const AGENCIES: &[&str] = &[
    "getty images",
    "ap photo",
    "associated press",
    "reuters",
    "afp",
    "shutterstock",
    "istock",
    "epa",
    "xinhua",
    "alamy",
    "dpa",
    "anadolu",
    "sipa",
    "bloomberg",
    "pool",
];

/// Splits a caption into what it shows and its credit. Either may be
/// missing; neither is ever an empty string.
pub fn split_caption(text: &str) -> (Option<String>, Option<String>) {
    let text = text.trim();
    if text.is_empty() {
        return (None, None);
    }
    // A site's copyright notice is furniture, not a picture credit.
    if is_copyright_notice(text) {
        return (Some(text.to_owned()), None);
    }
    if let Some(credit) = whole_credit(text) {
        return (None, Some(credit.to_owned()));
    }
    if let Some((caption, credit)) = trailing_parenthesis(text).or_else(|| trailing_label(text)) {
        return (non_empty(caption), non_empty(credit));
    }
    (Some(text.to_owned()), None)
}

/// The credit when the whole text is one ("Photo: Jane Doe", "(photo
/// credit: X)", "AP Photo/Jane Doe", "© Reuters").
pub fn whole_credit(text: &str) -> Option<&str> {
    let text = text.trim();
    if is_copyright_notice(text) {
        return None;
    }
    if let Some((before, credit)) = trailing_parenthesis(text) {
        if before.trim().is_empty() {
            return Some(credit).filter(|c| !c.is_empty());
        }
    }
    if let Some(rest) = strip_label(text) {
        return Some(rest).filter(|r| !r.is_empty() && r.len() < 120);
    }
    let lower = text.to_ascii_lowercase();
    let short = text.chars().count() < 70 && text.split_whitespace().count() <= 8;
    // A credit is names: every word capitalised (or a joining word).
    let names_only = text.split_whitespace().all(|w| {
        w.chars()
            .find(|c| c.is_alphabetic())
            .is_none_or(char::is_uppercase)
            || matches!(w, "via" | "for" | "and" | "de" | "van" | "von")
    });
    if short
        && names_only
        && !lower.ends_with('.')
        && AGENCIES.iter().any(|a| contains_word(&lower, a))
    {
        return Some(
            text.trim_start_matches(['(', ' '])
                .trim_end_matches([')', ' ']),
        );
    }
    None
}

/// "(photo credit: X)" or "(AP Photo/X)" at the end of a caption.
fn trailing_parenthesis(text: &str) -> Option<(&str, &str)> {
    let inner_end = text.strip_suffix(')')?;
    let open = inner_end.rfind('(')?;
    let inner = inner_end[open + 1..].trim();
    let lower = inner.to_ascii_lowercase();
    let credit = if let Some(rest) = strip_label(inner) {
        rest
    } else if AGENCIES.iter().any(|a| contains_word(&lower, a))
        && inner.split_whitespace().count() <= 8
    {
        inner
    } else {
        return None;
    };
    Some((text[..open].trim_end(), credit.trim()))
}

/// "... Photo: Jane Doe", "... © Getty", "...CreditKevin Frayer/Getty Images".
fn trailing_label(text: &str) -> Option<(&str, &str)> {
    if let Some(i) = text.rfind('©') {
        let credit = text[i + '©'.len_utf8()..].trim();
        if !credit.is_empty() && credit.len() < 100 {
            return Some((text[..i].trim_end(), credit));
        }
    }
    let lower = text.to_ascii_lowercase();
    for label in LABELS {
        for glue in [": ", ":", " / "] {
            let needle = format!("{label}{glue}");
            if let Some(i) = lower.rfind(&needle) {
                // The label must start a word (not "autophoto:").
                let starts_word = i == 0
                    || !lower[..i]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric);
                let credit = text[i + needle.len()..].trim();
                if starts_word
                    && i > 0
                    && !credit.is_empty()
                    && credit.len() < 100
                    && !credit.ends_with('.')
                {
                    return Some((
                        text[..i]
                            .trim_end()
                            .trim_end_matches(['|', '-', '–', '—', ' ']),
                        credit,
                    ));
                }
            }
        }
    }
    // NYT-style glued label: "...year.CreditKevin Frayer/Getty Images".
    if let Some(i) = text.rfind("Credit") {
        let credit = &text[i + "Credit".len()..];
        if credit.chars().next().is_some_and(char::is_uppercase) && credit.len() < 100 {
            return Some((text[..i].trim_end(), credit.trim()));
        }
    }
    None
}

fn strip_label(text: &str) -> Option<&str> {
    let lower = text.to_ascii_lowercase();
    if let Some(rest) = text.strip_prefix('©') {
        return Some(rest.trim());
    }
    LABELS.iter().find_map(|label| {
        let rest = lower.strip_prefix(label)?;
        let rest = rest.trim_start();
        let rest = rest.strip_prefix(':')?;
        Some(text[text.len() - rest.len()..].trim())
    })
}

fn is_copyright_notice(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains("rights reserved")
        || lower.contains("all rights")
        || lower.starts_with("copyright ©")
        || lower.starts_with("© 20")
        || lower.starts_with("© 19")
}

fn contains_word(haystack: &str, word: &str) -> bool {
    haystack.match_indices(word).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> (Option<String>, Option<String>) {
        split_caption(s)
    }

    fn owned(caption: &str, credit: Option<&str>) -> (Option<String>, Option<String>) {
        (Some(caption.to_owned()), credit.map(str::to_owned))
    }

    #[test]
    fn the_seed_caption() {
        let (caption, credit) = split_caption(
            "A fighter of Syrian Democratic Forces stands amidst the ruins of buildings near the Clock Square in Raqqa, Syria October 18, 2017. (photo credit: REUTERS/ERIK DE CASTRO)",
        );
        assert_eq!(caption.as_deref(), Some("A fighter of Syrian Democratic Forces stands amidst the ruins of buildings near the Clock Square in Raqqa, Syria October 18, 2017."));
        assert_eq!(credit.as_deref(), Some("REUTERS/ERIK DE CASTRO"));
    }

    #[test]
    fn labelled_and_agency_credits() {
        assert_eq!(
            split("Protesters in the square. Photo: Jane Doe"),
            owned("Protesters in the square.", Some("Jane Doe"))
        );
        assert_eq!(
            split("The harbour at dawn (AP Photo/John Roe)"),
            owned("The harbour at dawn", Some("AP Photo/John Roe"))
        );
        assert_eq!(
            split("Xi Jinping in Beijing.CreditKevin Frayer/Getty Images"),
            owned("Xi Jinping in Beijing.", Some("Kevin Frayer/Getty Images"))
        );
        assert_eq!(
            split("A quiet street © Reuters"),
            owned("A quiet street", Some("Reuters"))
        );
    }

    #[test]
    fn credit_lines_alone() {
        assert_eq!(
            whole_credit("(photo credit: REUTERS/ERIK DE CASTRO)"),
            Some("REUTERS/ERIK DE CASTRO")
        );
        assert_eq!(whole_credit("Photo: Jane Doe"), Some("Jane Doe"));
        assert_eq!(whole_credit("Getty Images"), Some("Getty Images"));
        assert_eq!(whole_credit("The photo shows a protest."), None);
    }

    #[test]
    fn case_folding_never_splits_a_character() {
        // 'İ' lower-cases to three bytes; offsets must stay on the original.
        let text = "Homes photo:İİİ Homes photo:İİİ";
        let _ = split_caption(text);
        assert_eq!(
            whole_credit("Photo: İstanbul Press"),
            Some("İstanbul Press")
        );
    }

    #[test]
    fn copyright_notices_are_not_credits() {
        assert_eq!(
            whole_credit("Copyright © 2019 The Paradigm. All Rights Reserved."),
            None
        );
        assert_eq!(split_caption("© 2019 Daily Planet").1, None);
    }

    #[test]
    fn captions_without_credits_stay_whole() {
        assert_eq!(
            split("A photograph of the harbour at dawn."),
            owned("A photograph of the harbour at dawn.", None)
        );
        assert_eq!(
            split("Reuters reported the attack (the third this year)"),
            owned("Reuters reported the attack (the third this year)", None)
        );
    }
}
