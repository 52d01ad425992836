//! Writes the compact gazetteer file from the source table.
//!
//! The source table (`data/gazetteer.tsv.gz`, made by
//! `data/build_gazetteer.py`) has one place per line, tab-separated:
//! `geonames_id kind name lat lon country admin1 population names
//! [demonyms]`, where `kind` is a [`Kind`] name and `names` (and the
//! optional `demonyms`, "Syrian") are joined by `|`. Every name is filed
//! under its [`key`] and that key's [`variants`]; demonyms under their
//! key, with [`DEMONYM`] set in the posting.
//!
//! This file is also compiled into the build script, which runs it on the
//! source table; the crate exposes it so that tests and tools can build
//! small gazetteers.

use std::fmt;

use super::format::{pack_postings, Header, Kind, Record, DEMONYM};
use super::normalize::{key, variants};

/// A line of the source table that could not be read.
#[derive(Debug)]
pub struct BuildError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub reason: String,
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "gazetteer table line {}: {}", self.line, self.reason)
    }
}

impl std::error::Error for BuildError {}

/// The compact file for the source table `tsv`.
pub fn build(tsv: &str) -> Result<Vec<u8>, BuildError> {
    let mut records = Vec::new();
    let mut strings = String::new();
    let mut keyed: Vec<(String, u32)> = Vec::new();
    for (number, line) in tsv.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let error = |reason: String| BuildError {
            line: number + 1,
            reason,
        };
        let fields: Vec<&str> = line.split('\t').collect();
        let (id, kind, name, lat, lon, country, admin1, population, names, demonyms) =
            match fields[..] {
                [id, kind, name, lat, lon, country, admin1, population, names] => (
                    id, kind, name, lat, lon, country, admin1, population, names, "",
                ),
                [id, kind, name, lat, lon, country, admin1, population, names, demonyms] => (
                    id, kind, name, lat, lon, country, admin1, population, names, demonyms,
                ),
                _ => return Err(error(format!("{} fields, expected 9 or 10", fields.len()))),
            };
        let index = records.len() as u32;
        let number_of = |what: &str, value: &str| {
            value
                .parse::<f64>()
                .map_err(|_| error(format!("{what} {value:?} is not a number")))
        };
        let country_bytes = country.as_bytes();
        let record = Record {
            geonames_id: number_of("id", id)? as u32,
            lat: number_of("lat", lat)? as f32,
            lon: number_of("lon", lon)? as f32,
            population: number_of("population", population)?.min(f64::from(u32::MAX)) as u32,
            name_offset: strings.len() as u32,
            name_len: u16::try_from(name.len())
                .map_err(|_| error("name longer than 65,535 bytes".into()))?,
            admin1_len: u8::try_from(admin1.len())
                .map_err(|_| error("admin1 code longer than 255 bytes".into()))?,
            kind: Kind::parse(kind).ok_or_else(|| error(format!("unknown kind {kind:?}")))?,
            country: match country_bytes {
                [a, b] => [*a, *b],
                [] => [0, 0],
                _ => return Err(error(format!("country {country:?} is not two letters"))),
            },
        };
        strings.push_str(name);
        strings.push_str(admin1);
        records.push(record);

        let mut keys: Vec<String> = std::iter::once(name)
            .chain(names.split('|'))
            .map(key)
            .filter(|k| !k.is_empty())
            .collect();
        let derived: Vec<String> = keys.iter().flat_map(|k| variants(k)).collect();
        keys.extend(derived);
        keys.sort_unstable();
        keys.dedup();
        keyed.extend(keys.into_iter().map(|k| (k, index)));
        keyed.extend(
            demonyms
                .split('|')
                .map(key)
                .filter(|k| !k.is_empty())
                .map(|k| (k, index | DEMONYM)),
        );
    }
    keyed.sort_unstable();
    keyed.dedup();

    let mut postings: Vec<u32> = Vec::with_capacity(keyed.len());
    let mut map = fst::MapBuilder::memory();
    let mut at = 0;
    while at < keyed.len() {
        let first = postings.len() as u32;
        let mut end = at;
        while end < keyed.len() && keyed[end].0 == keyed[at].0 {
            postings.push(keyed[end].1);
            end += 1;
        }
        map.insert(&keyed[at].0, pack_postings(first, (end - at) as u32))
            .map_err(|e| BuildError {
                line: 0,
                reason: format!("fst: {e}"),
            })?;
        at = end;
    }
    let fst = map.into_inner().map_err(|e| BuildError {
        line: 0,
        reason: format!("fst: {e}"),
    })?;

    let header = Header {
        places: records.len() as u32,
        postings: postings.len() as u32,
        strings: strings.len() as u32,
        fst: fst.len() as u32,
    };
    let mut out = Vec::with_capacity(header.file_bytes());
    out.extend_from_slice(&header.encode());
    for record in &records {
        out.extend_from_slice(&record.encode());
    }
    for posting in &postings {
        out.extend_from_slice(&posting.to_le_bytes());
    }
    out.extend_from_slice(strings.as_bytes());
    out.extend_from_slice(&fst);
    Ok(out)
}
