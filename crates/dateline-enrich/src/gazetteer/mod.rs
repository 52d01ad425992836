//! The gazetteer: GeoNames places (countries, first-level regions,
//! continents, and populated places of at least 1,000 people) under every
//! name they are known by, in a compact file read in place.
//!
//! The file is built from `data/gazetteer.tsv.gz` by the build script and
//! embedded in the binary, so [`Gazetteer::embedded`] costs no I/O: it
//! checks the header and builds a small country table.

pub mod builder;
pub mod format;
pub mod normalize;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use format::{unpack_postings, Header, Kind, Record, DEMONYM, HEADER_BYTES, RECORD_BYTES};

/// The compact gazetteer the build script made.
static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.bin"));

/// A gazetteer file that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    /// Not a gazetteer file, or one of another version.
    #[error("not a Dateline gazetteer file (bad magic)")]
    BadMagic,
    /// The sections do not fit the file.
    #[error("gazetteer file truncated: {expected} bytes expected, {found} found")]
    Truncated {
        /// Bytes the header announces.
        expected: usize,
        /// Bytes there are.
        found: usize,
    },
    /// The name index is corrupt.
    #[error("gazetteer name index: {0}")]
    Index(#[from] fst::Error),
    /// A record names an unknown kind or points outside the strings.
    #[error("gazetteer record {0} is corrupt")]
    Record(u32),
}

/// Places by name.
pub struct Gazetteer {
    bytes: Cow<'static, [u8]>,
    header: Header,
    names: fst::Map<Cow<'static, [u8]>>,
    countries: HashMap<[u8; 2], u32>,
}

/// How a key names a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// One of its names ("Syria", "Syrian Arab Republic").
    Name,
    /// A demonym or adjective of it ("Syrian").
    Demonym,
}

/// One place of the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place<'g> {
    /// Its index in the gazetteer (stable for one build).
    pub index: u32,
    /// GeoNames id.
    pub geonames_id: u32,
    /// Its name in GeoNames (English or local: "Ar Raqqah").
    pub name: &'g str,
    /// GeoNames first-level region code within its country ("04", "OK").
    pub admin1: &'g str,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// Population (0 when unknown).
    pub population: u32,
    /// What kind of place.
    pub kind: Kind,
    /// ISO 3166-1 alpha-2 country code; empty for continents and regions.
    pub country_code: &'g str,
}

impl Gazetteer {
    /// The gazetteer built into this binary, read on first use.
    pub fn embedded() -> &'static Gazetteer {
        static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
        GAZETTEER.get_or_init(|| {
            Gazetteer::from_bytes(Cow::Borrowed(EMBEDDED))
                .expect("the build script wrote a valid gazetteer")
        })
    }

    /// Reads a gazetteer file (as [`builder::build`] writes it).
    pub fn from_bytes(bytes: Cow<'static, [u8]>) -> Result<Gazetteer, GazetteerError> {
        let header = Header::decode(&bytes).ok_or(GazetteerError::BadMagic)?;
        if bytes.len() != header.file_bytes() {
            return Err(GazetteerError::Truncated {
                expected: header.file_bytes(),
                found: bytes.len(),
            });
        }
        let fst_start = header.file_bytes() - header.fst as usize;
        let fst_bytes = match &bytes {
            Cow::Borrowed(all) => Cow::Borrowed(&all[fst_start..]),
            Cow::Owned(all) => Cow::Owned(all[fst_start..].to_vec()),
        };
        let mut gazetteer = Gazetteer {
            names: fst::Map::new(fst_bytes)?,
            bytes,
            header,
            countries: HashMap::new(),
        };
        for index in 0..header.places {
            let place = gazetteer.try_place(index)?;
            if place.kind == Kind::Country {
                gazetteer.countries.insert(
                    place.country_code.as_bytes().try_into().unwrap_or([0, 0]),
                    index,
                );
            }
        }
        Ok(gazetteer)
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.header.places as usize
    }

    /// Whether there are no places.
    pub fn is_empty(&self) -> bool {
        self.header.places == 0
    }

    /// Number of distinct name keys.
    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    /// The places filed under `key` (a [`normalize::key`]), in file
    /// order, with how the key names each.
    pub fn lookup(&self, key: &str) -> impl Iterator<Item = (Place<'_>, Naming)> + '_ {
        let (first, count) = self.names.get(key).map(unpack_postings).unwrap_or((0, 0));
        let start = HEADER_BYTES + self.header.places as usize * RECORD_BYTES;
        (first..first + count).filter_map(move |posting| {
            let at = start + posting as usize * 4;
            let posting = u32::from_le_bytes(self.bytes.get(at..at + 4)?.try_into().ok()?);
            let naming = if posting & DEMONYM != 0 {
                Naming::Demonym
            } else {
                Naming::Name
            };
            let place = self.try_place(posting & !DEMONYM).ok()?;
            Some((place, naming))
        })
    }

    /// Whether some place is filed under `key`.
    pub fn contains(&self, key: &str) -> bool {
        self.names.contains_key(key)
    }

    /// Whether some key starts with `prefix` followed by a space: a longer
    /// name may go on ("new" -> "new york").
    pub fn continues(&self, prefix: &str) -> bool {
        use fst::{IntoStreamer, Streamer};
        let mut from = String::with_capacity(prefix.len() + 1);
        from.push_str(prefix);
        from.push(' ');
        let mut to = from.clone();
        to.pop();
        to.push('!'); // the byte after ' '
        self.names
            .range()
            .ge(&from)
            .lt(&to)
            .into_stream()
            .next()
            .is_some()
    }

    /// The country with this ISO 3166-1 alpha-2 code ("SY").
    pub fn country(&self, code: &str) -> Option<Place<'_>> {
        let code: [u8; 2] = code.as_bytes().try_into().ok()?;
        self.countries
            .get(&code.map(|b| b.to_ascii_uppercase()))
            .map(|&index| self.place(index))
    }

    /// The place at `index` (below [`len`](Self::len)).
    ///
    /// # Panics
    /// When `index` is out of range; records were checked when the file
    /// was read.
    pub fn place(&self, index: u32) -> Place<'_> {
        self.try_place(index).expect("records checked at load")
    }

    fn try_place(&self, index: u32) -> Result<Place<'_>, GazetteerError> {
        if index >= self.header.places {
            return Err(GazetteerError::Record(index));
        }
        let at = HEADER_BYTES + index as usize * RECORD_BYTES;
        let record = Record::decode(&self.bytes[at..at + RECORD_BYTES])
            .ok_or(GazetteerError::Record(index))?;
        let strings_start = HEADER_BYTES
            + self.header.places as usize * RECORD_BYTES
            + self.header.postings as usize * 4;
        let strings = &self.bytes[strings_start..strings_start + self.header.strings as usize];
        let name_start = record.name_offset as usize;
        let name_end = name_start + usize::from(record.name_len);
        let admin1_end = name_end + usize::from(record.admin1_len);
        let text = |range: std::ops::Range<usize>| {
            strings
                .get(range)
                .and_then(|b| std::str::from_utf8(b).ok())
                .ok_or(GazetteerError::Record(index))
        };
        let country = &self.bytes[at + 24..at + 26];
        Ok(Place {
            index,
            geonames_id: record.geonames_id,
            name: text(name_start..name_end)?,
            admin1: text(name_end..admin1_end)?,
            lat: f64::from(record.lat),
            lon: f64::from(record.lon),
            population: record.population,
            kind: record.kind,
            country_code: if country == [0, 0] {
                ""
            } else {
                std::str::from_utf8(country).map_err(|_| GazetteerError::Record(index))?
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "\
163843\tcountry\tSyria\t35\t38\tSY\t\t22933531\tSyrian Arab Republic|Sūriyā\tSyrian|Syrians
172955\tcity\tAr Raqqah\t35.95283\t39.00788\tSY\t04\t531952\tRaqqa|Ar-Raqqah|الرقة
163750\tcity\tTall Abyaḑ\t36.69648\t38.95382\tSY\t04\t0\tTell Abyad
5128581\tcity\tNew York City\t40.71427\t-74.00597\tUS\tNY\t8804190\tNew York|NYC
";

    fn small() -> Gazetteer {
        let bytes = builder::build(TABLE).unwrap();
        Gazetteer::from_bytes(Cow::Owned(bytes)).unwrap()
    }

    #[test]
    fn finds_places_under_every_name_and_variant() {
        let g = small();
        assert_eq!(g.len(), 4);
        let raqqa: Vec<_> = g.lookup("raqqa").map(|(place, _)| place).collect();
        assert_eq!(raqqa.len(), 1);
        assert_eq!(raqqa[0].name, "Ar Raqqah");
        assert_eq!(raqqa[0].admin1, "04");
        assert_eq!(raqqa[0].country_code, "SY");
        assert_eq!(raqqa[0].kind, Kind::City);
        assert!((raqqa[0].lat - 35.95283).abs() < 1e-4);
        assert_eq!(g.lookup("raqqah").count(), 1, "article stripped");
        assert_eq!(g.lookup("tel abyad").next().unwrap().0.geonames_id, 163750);
        assert_eq!(
            g.lookup("syrians")
                .map(|(p, n)| (p.name, n))
                .collect::<Vec<_>>(),
            [("Syria", Naming::Demonym)]
        );
        assert_eq!(g.lookup("الرقة").count(), 1);
        assert_eq!(g.lookup("paris").count(), 0);
        assert_eq!(g.country("sy").unwrap().name, "Syria");
        assert!(g.continues("new"));
        assert!(!g.continues("new york city"));
        assert!(!g.continues("ne"));
    }

    #[test]
    fn rejects_damaged_files() {
        let bytes = builder::build(TABLE).unwrap();
        let short = bytes[..bytes.len() - 1].to_vec();
        assert!(matches!(
            Gazetteer::from_bytes(Cow::Owned(short)),
            Err(GazetteerError::Truncated { .. })
        ));
        let mut bad = bytes.clone();
        bad[0] = b'X';
        assert!(matches!(
            Gazetteer::from_bytes(Cow::Owned(bad)),
            Err(GazetteerError::BadMagic)
        ));
        let mut kind = bytes;
        kind[format::HEADER_BYTES + 23] = 200;
        assert!(matches!(
            Gazetteer::from_bytes(Cow::Owned(kind)),
            Err(GazetteerError::Record(0))
        ));
    }

    #[test]
    fn table_errors_name_the_line() {
        let err = builder::build("1\tcity\tX\tnorth\t0\tSY\t\t0\t\n").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.reason.contains("lat"), "{err}");
    }
}
