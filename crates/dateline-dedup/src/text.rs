//! Text normalisation shared by the exact and near-duplicate signals.

/// The words of a text, lower-cased: runs of letters and digits. Case,
/// punctuation and spacing differ between copies of one story (typography,
/// extraction); the words do not.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// A 128-bit hash of the text's [`words`]: equal for verbatim copies,
/// whatever their case, spacing or punctuation. 128 bits keep accidental
/// collisions out of reach at any corpus size.
pub fn body_hash(text: &str) -> u128 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for word in words(text) {
        hasher.update(word.as_bytes());
        hasher.update(b" ");
    }
    hasher.digest128()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_ignore_case_and_punctuation() {
        let w: Vec<String> = words("Équipe à Raqqa: 17,000 fled!").collect();
        assert_eq!(w, ["équipe", "à", "raqqa", "17", "000", "fled"]);
    }

    #[test]
    fn body_hash_sees_words_only() {
        assert_eq!(body_hash("A  b, c."), body_hash("a b c"));
        assert_ne!(body_hash("a b c"), body_hash("a b d"));
        assert_ne!(body_hash("ab c"), body_hash("a bc"));
        assert_eq!(body_hash(""), body_hash(" ... "));
    }
}
