//! The compact gazetteer file: what the build script writes and
//! [`Gazetteer`](super::Gazetteer) reads in place, without copying.
//!
//! ```text
//! magic "DLGAZ001"
//! u32 places, u32 postings, u32 strings bytes, u32 fst bytes   (little endian)
//! places × RECORD_BYTES    fixed-size records, see `Record`
//! postings × u32           place indexes, grouped per key (top bit: DEMONYM)
//! strings                  UTF-8 names and admin1 codes, referenced by records
//! fst                      key -> (first posting << 32 | posting count)
//! ```
//!
//! This file is also compiled into the build script, so it depends on
//! nothing but `std`.

/// The file's first bytes.
pub const MAGIC: &[u8; 8] = b"DLGAZ001";
/// Bytes of the header: magic and four counts.
pub const HEADER_BYTES: usize = 8 + 4 * 4;
/// Bytes of one place record.
pub const RECORD_BYTES: usize = 28;

/// What kind of place a record is (GeoNames feature classes, with the few
/// feature codes that matter for disambiguation split out).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A populated place (GeoNames class P).
    City,
    /// The capital of a country (GeoNames PPLC).
    Capital,
    /// An independent country or territory (GeoNames class A, PCLI...).
    Country,
    /// A first-level administrative region: a state, province, governorate.
    Admin1,
    /// A continent.
    Continent,
    /// A named region larger or other than the above ("Middle East").
    Region,
    /// A second-level administrative region: a US county.
    Admin2,
}

impl Kind {
    /// Every kind, in code order.
    pub const ALL: [Kind; 7] = [
        Kind::City,
        Kind::Capital,
        Kind::Country,
        Kind::Admin1,
        Kind::Continent,
        Kind::Region,
        Kind::Admin2,
    ];

    /// The one-byte code in the file.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The kind of a code; `None` for a code this build does not know.
    pub fn from_code(code: u8) -> Option<Kind> {
        Kind::ALL.get(usize::from(code)).copied()
    }

    /// The GeoNames feature class: P for populated places, A for
    /// administrative areas, L for continents and regions.
    pub fn feature_class(self) -> char {
        match self {
            Kind::City | Kind::Capital => 'P',
            Kind::Country | Kind::Admin1 | Kind::Admin2 => 'A',
            Kind::Continent | Kind::Region => 'L',
        }
    }

    /// The name used in the source table (`city`, `capital`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::City => "city",
            Kind::Capital => "capital",
            Kind::Country => "country",
            Kind::Admin1 => "admin1",
            Kind::Continent => "continent",
            Kind::Region => "region",
            Kind::Admin2 => "admin2",
        }
    }

    /// The kind named `name` in the source table.
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.as_str() == name)
    }
}

/// One place as stored: 28 bytes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Record {
    /// GeoNames id.
    pub geonames_id: u32,
    /// Latitude, degrees.
    pub lat: f32,
    /// Longitude, degrees.
    pub lon: f32,
    /// Population (0 when unknown).
    pub population: u32,
    /// Offset of the name, then the admin1 code, in the strings.
    pub name_offset: u32,
    /// Bytes of the name.
    pub name_len: u16,
    /// Bytes of the admin1 code that follows the name.
    pub admin1_len: u8,
    /// The kind of place.
    pub kind: Kind,
    /// ISO 3166-1 alpha-2 country code (`[0, 0]` for none).
    pub country: [u8; 2],
}

impl Record {
    /// The record's bytes.
    pub fn encode(&self) -> [u8; RECORD_BYTES] {
        let mut out = [0u8; RECORD_BYTES];
        out[0..4].copy_from_slice(&self.geonames_id.to_le_bytes());
        out[4..8].copy_from_slice(&self.lat.to_le_bytes());
        out[8..12].copy_from_slice(&self.lon.to_le_bytes());
        out[12..16].copy_from_slice(&self.population.to_le_bytes());
        out[16..20].copy_from_slice(&self.name_offset.to_le_bytes());
        out[20..22].copy_from_slice(&self.name_len.to_le_bytes());
        out[22] = self.admin1_len;
        out[23] = self.kind.code();
        out[24..26].copy_from_slice(&self.country);
        out
    }

    /// The record in `bytes` (exactly [`RECORD_BYTES`] long); `None` when
    /// the kind code is unknown.
    pub fn decode(bytes: &[u8]) -> Option<Record> {
        let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
        Some(Record {
            geonames_id: u32_at(0),
            lat: f32::from_bits(u32_at(4)),
            lon: f32::from_bits(u32_at(8)),
            population: u32_at(12),
            name_offset: u32_at(16),
            name_len: u16::from_le_bytes([bytes[20], bytes[21]]),
            admin1_len: bytes[22],
            kind: Kind::from_code(bytes[23])?,
            country: [bytes[24], bytes[25]],
        })
    }
}

/// The counts in a file's header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// Place records.
    pub places: u32,
    /// Postings (place indexes).
    pub postings: u32,
    /// Bytes of strings.
    pub strings: u32,
    /// Bytes of the fst.
    pub fst: u32,
}

impl Header {
    /// The header's bytes.
    pub fn encode(&self) -> [u8; HEADER_BYTES] {
        let mut out = [0u8; HEADER_BYTES];
        out[..8].copy_from_slice(MAGIC);
        for (i, value) in [self.places, self.postings, self.strings, self.fst]
            .into_iter()
            .enumerate()
        {
            out[8 + 4 * i..12 + 4 * i].copy_from_slice(&value.to_le_bytes());
        }
        out
    }

    /// The header at the start of `bytes`; `None` without the magic.
    pub fn decode(bytes: &[u8]) -> Option<Header> {
        if bytes.len() < HEADER_BYTES || &bytes[..8] != MAGIC {
            return None;
        }
        let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
        Some(Header {
            places: u32_at(8),
            postings: u32_at(12),
            strings: u32_at(16),
            fst: u32_at(20),
        })
    }

    /// Bytes of the whole file this header describes.
    pub fn file_bytes(&self) -> usize {
        HEADER_BYTES
            + self.places as usize * RECORD_BYTES
            + self.postings as usize * 4
            + self.strings as usize
            + self.fst as usize
    }
}

/// Set in a posting when the key is a demonym of the place ("Syrian" of
/// Syria) rather than one of its names.
pub const DEMONYM: u32 = 1 << 31;

/// An fst value: where a key's postings start and how many there are.
pub fn pack_postings(first: u32, count: u32) -> u64 {
    (u64::from(first) << 32) | u64::from(count)
}

/// The (first, count) of an fst value.
pub fn unpack_postings(value: u64) -> (u32, u32) {
    ((value >> 32) as u32, value as u32)
}
