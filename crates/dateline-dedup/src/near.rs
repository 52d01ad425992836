//! When a new text joins a stored story: the near-duplicate policy.
//!
//! A store compares each new text with few stored ones, its
//! [`Candidates`]: those that share one of its LSH band keys (the first
//! [`MAX_CANDIDATES`] or so) and those at its canonical URL (at most
//! [`MAX_SAME_URL_CANDIDATES`]). The text joins the story of the most
//! similar candidate that reaches its threshold ([`Closest`]):
//! [`NEAR_DUPLICATE_SIMILARITY`] in general, the lower
//! [`SAME_URL_SIMILARITY`] at the same canonical URL (an updated article).
//! Otherwise it starts a story of its own.
//!
//! The store gathers candidates with its own lookups and calls this module
//! for every decision, so the policy is tested here without a database.
//!
//! ```
//! use dateline_dedup::{Candidates, Closest, MinHasher};
//!
//! let hasher = MinHasher;
//! let new = hasher.signature("Russian forces entered the city of Raqqa on Monday, the ministry said, as Turkish troops pressed on near Tel Abyad");
//! let stored = [
//!     (1, hasher.signature("Heavy rain flooded the old town of Galway overnight, and the council opened two shelters near the harbour")),
//!     (2, hasher.signature("Russian forces entered the city of Raqqa on Sunday, the ministry said, as Turkish troops pressed on near Tel Abyad")),
//! ];
//!
//! let mut candidates = Candidates::new();
//! candidates.add_band_match(1);
//! candidates.add_band_match(2);
//! let mut closest = Closest::to(&new);
//! for (id, same_url) in candidates.iter() {
//!     let (_, signature) = stored.iter().find(|(stored, _)| stored == id).unwrap();
//!     closest.offer(*id, signature, same_url);
//! }
//! assert_eq!(closest.into_match().map(|m| m.key), Some(2));
//! ```

use crate::minhash::Signature;

/// Candidates whose estimated Jaccard similarity reaches this join the
/// candidate's story.
pub const NEAR_DUPLICATE_SIMILARITY: f64 = 0.6;
/// Two texts at the same canonical URL are versions of one story (an
/// updated article) when they are at least this similar; below it the URL
/// is a site's mistake (every page claiming the home page as canonical).
pub const SAME_URL_SIMILARITY: f64 = 0.2;
/// Band-key candidates compared per new text: a band key shared by
/// thousands of texts (boilerplate-only pages) must not make an insert
/// slow. Also the most texts to look up under one band key.
pub const MAX_CANDIDATES: usize = 64;
/// Texts at the same canonical URL compared per new text, at most.
pub const MAX_SAME_URL_CANDIDATES: usize = 16;

/// The similarity a candidate needs for a new text to join its story.
pub fn required_similarity(same_url: bool) -> f64 {
    if same_url {
        SAME_URL_SIMILARITY
    } else {
        NEAR_DUPLICATE_SIMILARITY
    }
}

/// The stored texts a new text is compared with, identified by `K` (a
/// store's article id), in the order they were found.
#[derive(Debug, Clone)]
pub struct Candidates<K> {
    by_band: Vec<K>,
    same_url: Vec<K>,
}

impl<K> Default for Candidates<K> {
    fn default() -> Self {
        Self {
            by_band: Vec::new(),
            same_url: Vec::new(),
        }
    }
}

impl<K: PartialEq> Candidates<K> {
    /// No candidates yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a stored text that shares a band key with the new text; a text
    /// met under several keys counts once.
    pub fn add_band_match(&mut self, key: K) {
        if !self.by_band.contains(&key) {
            self.by_band.push(key);
        }
    }

    /// Whether [`MAX_CANDIDATES`] band matches are in: look up no further
    /// band keys. Asked after each key, so every text of the last key
    /// looked up counts (up to `2 * MAX_CANDIDATES - 1` in all).
    pub fn is_full(&self) -> bool {
        self.by_band.len() >= MAX_CANDIDATES
    }

    /// Adds a stored text at the new text's canonical URL.
    pub fn add_same_url(&mut self, key: K) {
        if !self.same_url.contains(&key) {
            self.same_url.push(key);
        }
    }

    /// Each candidate once, with whether it is at the new text's canonical
    /// URL: the band matches in the order added, then the other texts at
    /// the same URL.
    pub fn iter(&self) -> impl Iterator<Item = (&K, bool)> {
        let by_band = self
            .by_band
            .iter()
            .map(|key| (key, self.same_url.contains(key)));
        let only_same_url = self
            .same_url
            .iter()
            .filter(|key| !self.by_band.contains(key))
            .map(|key| (key, true));
        by_band.chain(only_same_url)
    }

    /// The number of distinct candidates.
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// True when there is nothing to compare with.
    pub fn is_empty(&self) -> bool {
        self.by_band.is_empty() && self.same_url.is_empty()
    }
}

/// The stored text a new text joins, and how similar they are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NearMatch<K> {
    /// The candidate's identity, as offered.
    pub key: K,
    /// The estimated Jaccard similarity of the two texts.
    pub similarity: f64,
}

/// Keeps the most similar candidate, among those offered, that reaches its
/// threshold ([`required_similarity`]); of equally similar ones, the first.
#[derive(Debug, Clone)]
pub struct Closest<'a, K> {
    signature: &'a Signature,
    best: Option<NearMatch<K>>,
}

impl<'a, K> Closest<'a, K> {
    /// Looks for the stored text closest to the new text of `signature`.
    pub fn to(signature: &'a Signature) -> Self {
        Self {
            signature,
            best: None,
        }
    }

    /// Compares one candidate, `same_url` when it is at the new text's
    /// canonical URL; returns their similarity.
    pub fn offer(&mut self, key: K, signature: &Signature, same_url: bool) -> f64 {
        let similarity = self.signature.similarity(signature);
        let better = self
            .best
            .as_ref()
            .is_none_or(|best| similarity > best.similarity);
        if similarity >= required_similarity(same_url) && better {
            self.best = Some(NearMatch { key, similarity });
        }
        similarity
    }

    /// The candidate to join, if any reached its threshold.
    pub fn into_match(self) -> Option<NearMatch<K>> {
        self.best
    }
}

/// [`Closest`] in one call: the candidate, among `(key, signature,
/// same_url)` triples, that the new text of `signature` joins.
pub fn closest<'s, K>(
    signature: &Signature,
    candidates: impl IntoIterator<Item = (K, &'s Signature, bool)>,
) -> Option<NearMatch<K>> {
    let mut closest = Closest::to(signature);
    for (key, candidate, same_url) in candidates {
        closest.offer(key, candidate, same_url);
    }
    closest.into_match()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MinHasher;

    /// Texts of 100 words; `variant(k)` has its first `k` words changed,
    /// which breaks `k + 2` of its 98 shingles: its Jaccard similarity to
    /// `variant(0)` is `(96 - k) / (100 + k)` (0.94 for 1, 0.78 for 10,
    /// 0.4 for 40).
    fn variant(changed: usize) -> Signature {
        let words: Vec<String> = (0..100)
            .map(|i| {
                if i < changed {
                    format!("changed{i}")
                } else {
                    format!("word{i}")
                }
            })
            .collect();
        MinHasher.signature(&words.join(" "))
    }

    fn unrelated() -> Signature {
        MinHasher.signature(
            "Heavy rain flooded the old town of Galway overnight, and the council \
             opened two shelters near the harbour while the river kept rising",
        )
    }

    #[test]
    fn the_variants_span_the_thresholds() {
        let new = variant(0);
        let close = new.similarity(&variant(1));
        let middle = new.similarity(&variant(40));
        let far = new.similarity(&unrelated());
        assert!(close >= NEAR_DUPLICATE_SIMILARITY, "{close}");
        assert!(
            (SAME_URL_SIMILARITY..NEAR_DUPLICATE_SIMILARITY).contains(&middle),
            "{middle}"
        );
        assert!(far < SAME_URL_SIMILARITY, "{far}");
    }

    #[test]
    fn a_near_duplicate_joins_the_most_similar() {
        let new = variant(0);
        let (close, closer) = (variant(10), variant(1));
        let found = closest(
            &new,
            [
                (1, &close, false),
                (2, &closer, false),
                (3, &unrelated(), false),
            ],
        )
        .unwrap();
        assert_eq!(found.key, 2);
        assert_eq!(found.similarity, new.similarity(&closer));
    }

    #[test]
    fn the_same_url_lowers_the_bar() {
        let new = variant(0);
        let middle = variant(40);
        assert_eq!(closest(&new, [(1, &middle, false)]), None);
        assert_eq!(closest(&new, [(1, &middle, true)]).unwrap().key, 1);
        // Not so low that any page at the URL is the same story.
        assert_eq!(closest(&new, [(1, &unrelated(), true)]), None);
    }

    #[test]
    fn the_first_of_equals_stays_and_nothing_is_nothing() {
        let new = variant(0);
        let copy = variant(1);
        assert_eq!(
            closest(&new, [(1, &copy, false), (2, &copy, true)])
                .unwrap()
                .key,
            1
        );
        assert_eq!(closest::<u32>(&new, []), None);
        // A text without words is similar to nothing.
        let empty = MinHasher.signature("");
        assert_eq!(closest(&empty, [(1, &empty, true)]), None);
        assert_eq!(closest(&new, [(1, &empty, true)]), None);
    }

    #[test]
    fn candidates_count_once_and_know_their_url() {
        let mut candidates = Candidates::new();
        assert!(candidates.is_empty());
        for id in [3, 1, 3, 2] {
            candidates.add_band_match(id);
        }
        candidates.add_same_url(7);
        candidates.add_same_url(1);
        let listed: Vec<(i64, bool)> = candidates.iter().map(|(id, same)| (*id, same)).collect();
        assert_eq!(listed, [(3, false), (1, true), (2, false), (7, true)]);
        assert_eq!(candidates.len(), 4);
    }

    #[test]
    fn band_matches_stop_at_the_cap() {
        let mut candidates = Candidates::new();
        // Band keys of 40 texts each: the second key fills the set.
        let mut keys_looked_up = 0;
        for key in 0..10 {
            keys_looked_up += 1;
            for text in 0..40 {
                candidates.add_band_match(key * 100 + text);
            }
            if candidates.is_full() {
                break;
            }
        }
        assert_eq!(keys_looked_up, 2);
        assert_eq!(candidates.len(), 80);
        assert!(!Candidates::<i64>::new().is_full());
    }
}
