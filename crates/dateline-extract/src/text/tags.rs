//! Splitting a tag line into tags.
//!
//! A dump loses the links that separated tags, so "Tags Iran Syria United
//! States Russia" must be cut again. Separators are used when present;
//! otherwise the longest run of words that also occurs as a phrase in the
//! title or body is one tag ("Syrian Democratic Forces"). Failing that, a
//! lower-case joiner between capitalised words keeps them together ("Bank
//! of England"), and so does a word that seldom stands alone ("United
//! States", "Hong Kong").
//!
//! Known failure: a multi-word tag absent from the text and without a
//! joiner ("Donald Trump" when the body says only "Trump") splits in two.

use std::collections::HashSet;

/// The longest phrase tried, in words.
const MAX_WORDS: usize = 4;

/// Splits the items of a tag line, using `context` (title and body) to
/// recognise multi-word tags.
pub(crate) fn split_tags(items: &str, context: &str) -> Vec<String> {
    let items = items.trim();
    let separated: Vec<&str> = if items.contains([',', '|', ';', '·', '•', '#']) {
        items.split([',', '|', ';', '·', '•', '#']).collect()
    } else {
        Vec::new()
    };
    let mut tags: Vec<String> = if separated.len() > 1 || items.starts_with('#') {
        separated
            .into_iter()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect()
    } else {
        segment(items, &phrases(context))
    };
    let mut seen = HashSet::new();
    tags.retain(|t| t.chars().count() <= 60 && seen.insert(t.to_lowercase()));
    tags
}

/// Every run of two to [`MAX_WORDS`] words of the context, for phrase lookup.
fn phrases(context: &str) -> HashSet<String> {
    let words: Vec<&str> = context
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let mut set = HashSet::new();
    for i in 0..words.len() {
        // Only capitalised starts: tags are names, and this bounds the set.
        if !words[i].chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        for n in 2..=MAX_WORDS.min(words.len() - i) {
            set.insert(words[i..i + n].join(" "));
        }
    }
    set
}

/// Greedy longest-match segmentation of space-separated tag words.
fn segment(items: &str, phrases: &HashSet<String>) -> Vec<String> {
    let words: Vec<&str> = items.split_whitespace().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let mut n = 1;
        for len in (2..=MAX_WORDS.min(words.len() - i)).rev() {
            if phrases.contains(&words[i..i + len].join(" ")) {
                n = len;
                break;
            }
        }
        // Fallback: lower-case joiners and lower-case continuations belong
        // to the capitalised word before them ("Bank of England", "death threat").
        while n == 1
            && i + n < words.len()
            && starts_lower(words[i + n])
            && starts_lower(words[i]) == starts_lower(words[i + n])
        {
            n += 1;
        }
        if n == 1 && i + 2 < words.len() && is_joiner(words[i + 1]) && !starts_lower(words[i + 2]) {
            n = 3;
        }
        // Words that seldom stand alone open a name ("United States", "Hong Kong").
        if n == 1 && i + 1 < words.len() && is_name_head(words[i]) && !starts_lower(words[i + 1]) {
            n = 2;
        }
        out.push(words[i..i + n].join(" "));
        i += n;
    }
    out
}

fn starts_lower(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
}

/// Capitalised words that open a multi-word place or institution name
/// rather than forming a tag of their own.
fn is_name_head(word: &str) -> bool {
    matches!(
        word,
        "United"
            | "New"
            | "North"
            | "South"
            | "East"
            | "West"
            | "Northern"
            | "Southern"
            | "Eastern"
            | "Western"
            | "Saudi"
            | "Hong"
            | "Los"
            | "Las"
            | "San"
            | "Santa"
            | "Sri"
            | "Costa"
            | "Puerto"
            | "El"
            | "Middle"
            | "Great"
            | "White"
            | "Supreme"
            | "Prime"
            | "European"
            | "Human"
            | "Tel"
            | "Abu"
            | "Sierra"
            | "Cape"
            | "Czech"
            | "Dominican"
            | "Central"
            | "Gaza"
            | "Wall"
            | "Silicon"
            | "Federal"
            | "National"
            | "Islamic"
    )
}

fn is_joiner(word: &str) -> bool {
    matches!(
        word,
        "of" | "the"
            | "and"
            | "de"
            | "da"
            | "do"
            | "del"
            | "la"
            | "le"
            | "von"
            | "van"
            | "al"
            | "bin"
            | "y"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_context_phrases() {
        let context = "Russia and the United States differ. ISIS held Raqqa.";
        assert_eq!(
            split_tags("Iran Syria United States Russia ISIS Raqqa", context),
            ["Iran", "Syria", "United States", "Russia", "ISIS", "Raqqa"]
        );
    }

    #[test]
    fn uses_separators_when_present() {
        assert_eq!(
            split_tags("Alibaba, Jack Ma , e-commerce", ""),
            ["Alibaba", "Jack Ma", "e-commerce"]
        );
        assert_eq!(
            split_tags("#Local Markets #Nifty #Sensex", ""),
            ["Local Markets", "Nifty", "Sensex"]
        );
    }

    #[test]
    fn falls_back_on_joiners_and_case() {
        assert_eq!(
            split_tags("Bank of England Brexit", ""),
            ["Bank of England", "Brexit"]
        );
        assert_eq!(
            split_tags("Iran United States Hong Kong", ""),
            ["Iran", "United States", "Hong Kong"]
        );
        assert_eq!(
            split_tags("Ilhan Omar death threat", "Ilhan Omar spoke."),
            ["Ilhan Omar", "death threat"]
        );
    }
}
