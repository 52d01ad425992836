//! The verb dictionary's forms by their first word, for the look-up every
//! word of every sentence makes.

use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashMap};

/// Verb forms by their first word, behind a bit per word hash.
///
/// Every word of every sentence is looked up here, and nearly none is a
/// verb form: a hash map's look-up then misses the cache on its table and
/// again on the key it compares, where a clear bit in a filter of a few
/// kilobytes that stays in cache answers "no form" alone (in ingest, the
/// look-ups were a tenth of event coding).
#[derive(Debug, Default)]
pub struct FormsByFirst {
    /// Bit `hash % (64 * len)` is set for every first word's hash.
    filter: Vec<u64>,
    map: FxHashMap<String, Vec<u32>>,
}

impl FormsByFirst {
    pub(super) fn new(map: FxHashMap<String, Vec<u32>>) -> Self {
        // About 16 bits a word: one word in 16 that is not a first word
        // gets past the filter to the map.
        let mut filter = vec![0u64; (map.len() * 16).div_ceil(64).next_power_of_two()];
        for word in map.keys() {
            let bit = Self::bit(&filter, word);
            filter[bit / 64] |= 1 << (bit % 64);
        }
        Self { filter, map }
    }

    fn bit(filter: &[u64], word: &str) -> usize {
        let hash = FxBuildHasher.hash_one(word);
        // The filter's length is a power of two; the high bits of an Fx
        // hash are its best mixed.
        (hash >> 32) as usize & (filter.len() * 64 - 1)
    }

    /// The forms whose first word is `word`, in the dictionary's order.
    #[inline]
    pub fn get(&self, word: &str) -> Option<&[u32]> {
        if self.filter.is_empty() {
            return None;
        }
        let bit = Self::bit(&self.filter, word);
        if self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
            return None;
        }
        self.map.get(word).map(Vec::as_slice)
    }

    /// Whether some form starts with `word`.
    #[inline]
    pub fn contains_key(&self, word: &str) -> bool {
        self.get(word).is_some()
    }

    /// How many first words there are.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_answers_every_first_word_and_lets_few_others_through() {
        let d = crate::dict::Dictionaries::embedded();
        let forms = &d.verbs.by_first;
        assert!(forms.len() > 1000, "{}", forms.len());
        for (word, ids) in &forms.map {
            assert_eq!(forms.get(word), Some(ids.as_slice()), "{word}");
        }
        // Words that start no form: the filter stops most before the map.
        let others: Vec<String> = (0..10_000).map(|i| format!("NOVERB{i}")).collect();
        let through = others
            .iter()
            .filter(|w| {
                let bit = FormsByFirst::bit(&forms.filter, w);
                forms.filter[bit / 64] & (1 << (bit % 64)) != 0
            })
            .count();
        assert!(through < 1_500, "{through} of 10000 got past the filter");
        assert!(others.iter().all(|w| !forms.contains_key(w)));
        assert!(FormsByFirst::default().get("ATTACK").is_none());
    }
}
