//! Duplicate detection for news articles.
//!
//! Three signals, from cheapest to most forgiving:
//!
//! - [`canonical_url`]: one form for the many addresses of one page
//!   (scheme, `www.`, fragments, tracking parameters, AMP variants); and
//!   [`site_key`], the site that serves it.
//! - [`body_hash`]: one hash for texts that differ only in case, spacing
//!   and punctuation: the same story syndicated verbatim.
//! - [`MinHasher`]: MinHash signatures over word shingles, whose
//!   [`Signature::similarity`] estimates the Jaccard similarity of two
//!   texts, and LSH band keys ([`MinHasher::band_keys`]) under which
//!   lightly edited copies of a story meet without comparing every pair.
//!
//! And the policy that joins them: which stored texts a new one is
//! compared with ([`Candidates`]) and which one's story it joins
//! ([`Closest`], [`NEAR_DUPLICATE_SIMILARITY`], [`SAME_URL_SIMILARITY`]).
//!
//! ```
//! use dateline_dedup::{body_hash, canonical_url, MinHasher};
//!
//! assert_eq!(
//!     canonical_url("https://www.example.com/story/?utm_source=rss#top").as_deref(),
//!     Some("example.com/story")
//! );
//! assert_eq!(body_hash("Russian forces entered Raqqa."), body_hash("russian  forces entered raqqa"));
//!
//! let hasher = MinHasher;
//! let a = hasher.signature("Russian forces entered the city of Raqqa on Monday, the ministry said, as Turkish troops pressed on near Tel Abyad");
//! let b = hasher.signature("Russian forces entered the city of Raqqa on Sunday, the ministry said, as Turkish troops pressed on near Tel Abyad");
//! assert!(a.similarity(&b) > 0.5);
//! ```

mod minhash;
mod near;
mod text;
mod url;

pub use minhash::{MinHasher, Signature, BANDS, ROWS_PER_BAND, SIGNATURE_LEN};
pub use near::{
    closest, required_similarity, Candidates, Closest, NearMatch, MAX_CANDIDATES,
    MAX_SAME_URL_CANDIDATES, NEAR_DUPLICATE_SIMILARITY, SAME_URL_SIMILARITY,
};
pub use text::{body_hash, words};
pub use url::{canonical_url, site_key};
