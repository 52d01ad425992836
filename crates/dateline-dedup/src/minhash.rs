//! MinHash signatures over word shingles, and LSH band keys.
//!
//! The probability that two texts' minima agree at one position is their
//! Jaccard similarity (shared shingles over all shingles), so the share of
//! agreeing positions estimates it. Banding turns "similar" into "shares a
//! key": with [`BANDS`] bands of [`ROWS_PER_BAND`] rows, a pair at
//! similarity 0.6 shares at least one key with probability 0.99, a pair at
//! 0.2 with 0.15, and unrelated texts (under 0.05) almost never.
//!
//! The minima come from one-permutation hashing: each shingle is hashed
//! once, the hash's top bits pick one of [`SIGNATURE_LEN`] bins and each bin
//! keeps its smallest hash; an empty bin (a short text) borrows the next
//! non-empty bin's minimum, mixed with the distance it was borrowed over
//! (rotation densification, Shrivastava and Li, 2014). One hash per shingle
//! instead of one per shingle and position: the signature costs about as
//! much as reading the words, where classic MinHash took a tenth of ingest.
//!
//! The hash family is fixed (xxh3 for words, constants below): stored
//! signatures stay comparable across runs and versions. Changing any
//! constant here needs a store migration that recomputes signatures.

use crate::text::words;

/// Minima per signature.
pub const SIGNATURE_LEN: usize = 128;
/// LSH bands (the first `BANDS * ROWS_PER_BAND` minima).
pub const BANDS: usize = 20;
/// Minima per band.
pub const ROWS_PER_BAND: usize = 3;
/// Words per shingle: three keep lightly edited copies close (one changed
/// word breaks three shingles) while distinct stories share almost none.
const SHINGLE_WORDS: usize = 3;
/// Bits of a shingle hash that choose its bin (`2^7 = SIGNATURE_LEN`).
const BIN_BITS: u32 = 7;

/// Computes [`Signature`]s. Holds no state; a type so that the hash family
/// can grow options without changing callers.
#[derive(Debug, Clone, Default)]
pub struct MinHasher;

impl MinHasher {
    /// The signature of a text's word shingles; empty for a text without
    /// words. A text shorter than a shingle is one shingle of its words.
    pub fn signature(&self, text: &str) -> Signature {
        let hashes: Vec<u64> = words(text)
            .map(|w| xxhash_rust::xxh3::xxh3_64(w.as_bytes()))
            .collect();
        if hashes.is_empty() {
            return Signature {
                mins: Vec::new(),
                band_minima: Vec::new(),
            };
        }
        let mut bins = [u64::MAX; SIGNATURE_LEN];
        let window = SHINGLE_WORDS.min(hashes.len());
        for shingle in hashes.windows(window) {
            // Order matters in a shingle: rotate each word by its position.
            let h = fmix64(
                shingle
                    .iter()
                    .enumerate()
                    .fold(0u64, |acc, (i, w)| acc ^ w.rotate_left(21 * i as u32)),
            );
            let bin = (h >> (64 - BIN_BITS)) as usize;
            let value = h & (u64::MAX >> BIN_BITS);
            if value < bins[bin] {
                bins[bin] = value;
            }
        }
        let mins = densify(&bins);
        Signature {
            // The low 16 bits of each minimum are enough to tell equal from
            // unequal (a false match once in 65,536) at a quarter the size.
            mins: mins.iter().map(|m| *m as u16).collect(),
            band_minima: mins[..BANDS * ROWS_PER_BAND].to_vec(),
        }
    }

    /// The LSH keys of a signature: one per band, the band's index mixed
    /// with its full 64-bit minima. Texts sharing a key are candidates.
    pub fn band_keys(&self, signature: &Signature) -> Vec<u64> {
        signature
            .band_minima
            .chunks(ROWS_PER_BAND)
            .enumerate()
            .map(|(band, rows)| {
                let mut bytes = Vec::with_capacity(8 * (ROWS_PER_BAND + 1));
                bytes.extend_from_slice(&(band as u64).to_le_bytes());
                for row in rows {
                    bytes.extend_from_slice(&row.to_le_bytes());
                }
                xxhash_rust::xxh3::xxh3_64(&bytes)
            })
            .collect()
    }
}

/// Fills each empty bin from the next non-empty one (circularly), mixed
/// with the distance, so that two texts agree on a filled bin only when
/// they agree on its source and distance. At least one bin is non-empty.
fn densify(bins: &[u64; SIGNATURE_LEN]) -> [u64; SIGNATURE_LEN] {
    let mut out = *bins;
    for (i, slot) in out.iter_mut().enumerate() {
        if *slot != u64::MAX {
            continue;
        }
        if let Some((distance, value)) = (1..SIGNATURE_LEN)
            .map(|d| (d, bins[(i + d) % SIGNATURE_LEN]))
            .find(|(_, v)| *v != u64::MAX)
        {
            *slot = fmix64(value ^ (distance as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        }
    }
    out
}

/// A text's MinHash signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    mins: Vec<u16>,
    /// Full minima of the banded rows; not stored (band keys are).
    band_minima: Vec<u64>,
}

impl Signature {
    /// True for a text without words.
    pub fn is_empty(&self) -> bool {
        self.mins.is_empty()
    }

    /// Estimated Jaccard similarity of the two texts' shingle sets, 0 to 1
    /// (0 when either text has no words).
    pub fn similarity(&self, other: &Signature) -> f64 {
        if self.is_empty() || self.mins.len() != other.mins.len() {
            return 0.0;
        }
        let same = self
            .mins
            .iter()
            .zip(&other.mins)
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / self.mins.len() as f64
    }

    /// The stored form: the minima as little-endian `u16`s.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.mins.iter().flat_map(|m| m.to_le_bytes()).collect()
    }

    /// Reads [`Signature::to_bytes`]; `None` for bytes of another length.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        if bytes.len() != 2 * SIGNATURE_LEN {
            return None;
        }
        Some(Self {
            mins: bytes
                .chunks_exact(2)
                .map(|b| u16::from_le_bytes([b[0], b[1]]))
                .collect(),
            band_minima: Vec::new(),
        })
    }
}

/// MurmurHash3's 64-bit finaliser: a fast bijection with full avalanche.
fn fmix64(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^ (k >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const VOCABULARY: &[&str] = &[
        "council",
        "river",
        "bridge",
        "minister",
        "election",
        "harbour",
        "village",
        "court",
        "strike",
        "budget",
        "storm",
        "festival",
        "school",
        "hospital",
        "railway",
        "market",
        "police",
        "farmers",
        "museum",
        "airport",
        "protest",
        "treaty",
        "border",
        "factory",
        "energy",
        "water",
        "housing",
        "football",
        "orchestra",
        "volcano",
        "forest",
        "island",
    ];

    fn text(seed: u64, n: usize) -> Vec<&'static str> {
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                VOCABULARY[(x % VOCABULARY.len() as u64) as usize]
            })
            .collect()
    }

    #[test]
    fn identical_texts_agree_everywhere_and_share_every_key() {
        let hasher = MinHasher;
        let a = hasher.signature(&text(1, 300).join(" "));
        let b = hasher.signature(&text(1, 300).join(" "));
        assert_eq!(a.similarity(&b), 1.0);
        assert_eq!(hasher.band_keys(&a), hasher.band_keys(&b));
        assert_eq!(hasher.band_keys(&a).len(), BANDS);
    }

    #[test]
    fn light_edits_stay_similar_and_meet_in_a_band() {
        let hasher = MinHasher;
        let original = text(2, 400);
        let mut edited = original.clone();
        for i in [10, 90, 200, 333] {
            edited[i] = "orchestra";
        }
        let a = hasher.signature(&original.join(" "));
        let b = hasher.signature(&edited.join(" "));
        assert!(a.similarity(&b) > 0.8, "{}", a.similarity(&b));
        let keys_b = hasher.band_keys(&b);
        assert!(hasher.band_keys(&a).iter().any(|k| keys_b.contains(k)));
    }

    #[test]
    fn the_estimate_follows_the_true_jaccard_similarity() {
        let hasher = MinHasher;
        let original = text(5, 500);
        for changed in [5, 25, 60, 120] {
            let mut edited = original.clone();
            for i in (0..edited.len()).step_by(edited.len() / changed) {
                edited[i] = "zeppelin";
            }
            let shingles = |w: &[&str]| -> std::collections::HashSet<String> {
                w.windows(3).map(|s| s.join(" ")).collect()
            };
            let (a, b) = (shingles(&original), shingles(&edited));
            let truth = a.intersection(&b).count() as f64 / a.union(&b).count() as f64;
            let estimate = hasher
                .signature(&original.join(" "))
                .similarity(&hasher.signature(&edited.join(" ")));
            assert!(
                (estimate - truth).abs() < 0.12,
                "{changed} edits: {estimate} vs {truth}"
            );
        }
    }

    #[test]
    fn unrelated_texts_are_far_apart() {
        let hasher = MinHasher;
        let a = hasher.signature(&text(3, 400).join(" "));
        let b = hasher.signature(&text(4, 400).join(" "));
        assert!(a.similarity(&b) < 0.2, "{}", a.similarity(&b));
    }

    #[test]
    fn empty_and_short_texts() {
        let hasher = MinHasher;
        let empty = hasher.signature(" -- ");
        assert!(empty.is_empty());
        assert!(hasher.band_keys(&empty).is_empty());
        assert_eq!(empty.similarity(&empty), 0.0);
        let short = hasher.signature("Breaking news");
        assert_eq!(short.similarity(&hasher.signature("breaking NEWS!")), 1.0);
    }

    #[test]
    fn the_hash_family_is_stable_across_versions() {
        // Stored signatures must stay comparable: this pins the family.
        let bytes = MinHasher
            .signature("Russian forces entered Raqqa")
            .to_bytes();
        assert_eq!(bytes.len(), 2 * SIGNATURE_LEN);
        let pinned: u64 = bytes.iter().map(|b| u64::from(*b)).sum();
        assert_eq!(pinned, PINNED_BYTE_SUM);
    }

    const PINNED_BYTE_SUM: u64 = 32_274;

    proptest! {
        #[test]
        fn stored_form_round_trips(text in "\\PC{0,200}") {
            let hasher = MinHasher;
            let signature = hasher.signature(&text);
            if signature.is_empty() {
                prop_assert!(Signature::from_bytes(&signature.to_bytes()).is_none());
            } else {
                let back = Signature::from_bytes(&signature.to_bytes()).unwrap();
                prop_assert_eq!(back.similarity(&signature), 1.0);
            }
        }
    }
}
