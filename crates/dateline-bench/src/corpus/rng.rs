//! Seeded hashing and a small random generator. Every choice the corpus
//! makes comes from these: the driver's sequence from one [`Rng`], and
//! per-record choices from hashes of the seed and the record number, so
//! they do not depend on the order rayon produces records in.

/// The splitmix64 finaliser: a well-mixed 64-bit hash of `z`.
pub(super) fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A hash of two values (a seed and what is being decided).
pub(super) fn hash2(a: u64, b: u64) -> u64 {
    mix(a ^ mix(b))
}

/// A hash as a number in `[0, 1)` (its top 53 bits).
pub(super) fn unit(h: u64) -> f64 {
    (h >> 11) as f64 / (1u64 << 53) as f64
}

/// A small deterministic generator (splitmix64).
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }
    pub(super) fn chance(&mut self, p: f64) -> bool {
        unit(self.next()) < p
    }
    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}
