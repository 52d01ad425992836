//! A synthetic news corpus for the scale benchmarks (`dateline-corpus`).
//!
//! The bench pages are the templates. Each is slimmed once (script, style,
//! svg and noscript contents and comments removed, JSON-LD kept) and parsed
//! into pieces: literal markup, words of visible text (and of title and
//! description metadata and JSON-LD headline/description/body strings),
//! date slots and URL slots. An *original* document is a template with every
//! word that is not one of its language group's most frequent words mapped,
//! by a seeded per-document hash, to a word of similar frequency rank in the
//! group's vocabulary; so originals share almost no shingles while their text
//! keeps a natural word distribution. Exact copies (byte-identical HTML under
//! another URL) and near copies (1-3 % of words replaced, sometimes a title
//! word) follow their original within a window of records, at known rates.
//!
//! Output: `corpus.warc.gz` (one gzip member per record), `pages/<nnnn>/<n>.html.gz`,
//! `truth.jsonl` (one line per record) and `queries.jsonl` (search benchmark).
//! Everything is deterministic from the seed and streams in bounded memory.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Instant;

use flate2::write::GzEncoder;
use flate2::Compression;
use rayon::prelude::*;

use crate::pages::{self, die};

/// What `generate` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Only `corpus.warc.gz`.
    Warc,
    /// Only `pages/<nnnn>/<n>.html.gz`.
    Dir,
    /// Both.
    Both,
}

/// Corpus parameters.
#[derive(Debug, Clone)]
pub struct Config {
    /// The bench data folder (`../shared/bench`).
    pub data: PathBuf,
    /// HTML documents to emit (originals and copies; non-HTML records come on top).
    pub docs: usize,
    /// Output folder.
    pub out: PathBuf,
    /// Output forms.
    pub format: Format,
    /// Seed of every random choice.
    pub seed: u64,
    /// Share of exact copies among the HTML documents.
    pub exact_rate: f64,
    /// Share of near copies among the HTML documents.
    pub near_rate: f64,
}

/// The summary `generate` returns (printed as JSON by the binary).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Summary {
    /// HTML documents emitted.
    pub docs: usize,
    /// Of which originals.
    pub originals: usize,
    /// Of which exact copies.
    pub exact: usize,
    /// Of which near copies.
    pub near: usize,
    /// Non-HTML WARC records (image responses and requests), not in `docs`.
    pub skipped: usize,
    /// Templates used.
    pub templates: usize,
    /// Size of `corpus.warc.gz`.
    pub bytes_warc: u64,
    /// Total size of the page files.
    pub bytes_dir: u64,
    /// Wall time.
    pub seconds: f64,
}

// ---------------------------------------------------------------- hashing

fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn hash2(a: u64, b: u64) -> u64 {
    mix(a ^ mix(b))
}

fn unit(h: u64) -> f64 {
    (h >> 11) as f64 / (1u64 << 53) as f64
}

/// A small deterministic generator (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }
    fn chance(&mut self, p: f64) -> bool {
        unit(self.next()) < p
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn uuid(seed: u64, n: u64) -> String {
    let a = hash2(seed ^ 0x7575_6964, n);
    let b = hash2(a, n ^ 0x5555);
    format!(
        "<urn:uuid:{:08x}-{:04x}-4{:03x}-{:x}{:03x}-{:012x}>",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        8 + (b >> 62),
        (b >> 48) & 0xfff,
        b & 0xffff_ffff_ffff
    )
}

// ---------------------------------------------------------------- dates

/// Days from 1970-01-01 to a civil date ([`dateline_model::calendar`]).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    dateline_model::calendar::days_from_civil(y, m as u32, d as u32)
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let (y, m, d) = dateline_model::calendar::civil_from_days(z);
    (y, i64::from(m), i64::from(d))
}

/// A moment as seconds since 1970.
#[derive(Debug, Clone, Copy)]
struct Moment(i64);

impl Moment {
    fn ymd(self) -> (i64, i64, i64) {
        civil_from_days(self.0.div_euclid(86_400))
    }
    fn date(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}-{m:02}-{d:02}")
    }
    fn datetime(self) -> String {
        let s = self.0.rem_euclid(86_400);
        format!(
            "{}T{:02}:{:02}:{:02}Z",
            self.date(),
            s / 3600,
            s / 60 % 60,
            s % 60
        )
    }
}

const FIRST_DAY: (i64, i64, i64) = (2015, 1, 1);
const SPAN_DAYS: i64 = 3653; // 2015-01-01 ..= 2024-12-31

/// An ISO date (`YYYY-MM-DD`, optionally with time and zone) at `i`:
/// its length and whether it had a time.
fn iso_at(b: &[u8], i: usize) -> Option<(usize, bool)> {
    let digit = |j: usize| b.get(j).is_some_and(u8::is_ascii_digit);
    let num = |j: usize, len: usize| -> Option<u32> {
        (j..j + len).all(digit).then(|| {
            b[j..j + len]
                .iter()
                .fold(0, |acc, c| acc * 10 + u32::from(c - b'0'))
        })
    };
    if i > 0 && digit(i - 1) {
        return None;
    }
    let year = num(i, 4)?;
    if b.get(i + 4) != Some(&b'-') || b.get(i + 7) != Some(&b'-') {
        return None;
    }
    let (month, day) = (num(i + 5, 2)?, num(i + 8, 2)?);
    if !(1900..=2100).contains(&year) || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut j = i + 10;
    if digit(j) {
        return None;
    }
    let mut full = false;
    if matches!(b.get(j), Some(b'T' | b' '))
        && num(j + 1, 2).is_some()
        && b.get(j + 3) == Some(&b':')
        && num(j + 4, 2).is_some()
    {
        full = true;
        j += 6;
        if b.get(j) == Some(&b':') && num(j + 1, 2).is_some() {
            j += 3;
            if b.get(j) == Some(&b'.') {
                j += 1;
                while digit(j) {
                    j += 1;
                }
            }
        }
        match b.get(j) {
            Some(b'Z') => j += 1,
            Some(b'+' | b'-') if num(j + 1, 2).is_some() => {
                j += 3;
                if b.get(j) == Some(&b':') && num(j + 1, 2).is_some() {
                    j += 3;
                } else if num(j, 2).is_some() {
                    j += 2;
                }
            }
            _ => {}
        }
    }
    Some((j - i, full))
}

// ---------------------------------------------------------------- templates

const F_P: u8 = 1; // inside <p>
const F_TITLE: u8 = 2; // inside <title>
const F_JSON: u8 = 4; // a JSON-LD string (backslash escapes)

/// Letter case of a source word, given to the word replacing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Lower,
    Capital,
    Upper,
}

/// A parsed piece of a slimmed template (ranges index `Template::text`).
#[derive(Debug, Clone)]
enum Piece {
    Lit(u32, u32),
    Word {
        start: u32,
        len: u32,
        id: u32,
        case: Case,
        flags: u8,
    },
    /// A publication date (`true`: date and time).
    Date(bool),
    /// A run of ASCII digits (replaced by others of the same length).
    Number(u32, u32),
    /// The document's URL.
    Url,
    /// Where the directory form inserts `<link rel="canonical">`.
    Canon,
}

/// Parse output before the vocabulary exists.
enum Raw {
    Lit(Range<usize>),
    Text(Range<usize>, u8),
    MaybeUrl(Range<usize>),
    Date(bool),
    Url,
    Canon,
}

#[derive(Default)]
struct Builder {
    slim: String,
    parts: Vec<Raw>,
}

impl Builder {
    fn lit(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        let start = self.slim.len();
        self.slim.push_str(s);
        if let Some(Raw::Lit(r)) = self.parts.last_mut() {
            if r.end == start {
                r.end = self.slim.len();
                return;
            }
        }
        self.parts.push(Raw::Lit(start..self.slim.len()));
    }
    fn push(&mut self, s: &str, make: impl FnOnce(Range<usize>) -> Raw) {
        if s.is_empty() {
            return;
        }
        let start = self.slim.len();
        self.slim.push_str(s);
        self.parts.push(make(start..self.slim.len()));
    }
    fn text(&mut self, s: &str, flags: u8) {
        if s.bytes().all(|b| b.is_ascii_whitespace()) {
            self.lit(s);
        } else {
            self.push(s, |r| Raw::Text(r, flags));
        }
    }
    /// Literal text with ISO dates turned into date slots.
    fn dates(&mut self, s: &str) {
        let b = s.as_bytes();
        let (mut last, mut i) = (0, 0);
        while i < b.len() {
            if b[i].is_ascii_digit() {
                if let Some((len, full)) = iso_at(b, i) {
                    self.lit(&s[last..i]);
                    self.parts.push(Raw::Date(full));
                    i += len;
                    last = i;
                    continue;
                }
            }
            i += 1;
        }
        self.lit(&s[last..]);
    }
}

struct Tag {
    name: String,
    attrs: Vec<(String, Range<usize>)>,
    end: usize,
    self_closing: bool,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<Range<usize>> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, r)| r.clone())
    }
}

/// Parses the start tag at `start` (`<` followed by a letter).
fn parse_tag(src: &str, start: usize) -> Tag {
    let b = src.as_bytes();
    let stop = |c: u8| c.is_ascii_whitespace() || c == b'/' || c == b'>';
    let mut i = start + 1;
    while i < b.len() && !stop(b[i]) {
        i += 1;
    }
    let name = src[start + 1..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            self_closing = b[i] == b'/';
            i += 1;
        }
        if i >= b.len() {
            return Tag {
                name,
                attrs,
                end: b.len(),
                self_closing,
            };
        }
        if b[i] == b'>' {
            return Tag {
                name,
                attrs,
                end: i + 1,
                self_closing,
            };
        }
        self_closing = false;
        let name_start = i;
        while i < b.len() && !stop(b[i]) && b[i] != b'=' {
            i += 1;
        }
        let attr = src[name_start..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = i..i;
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let quote = b[i];
                let vstart = i + 1;
                i = memchr::memchr(quote, &b[vstart..]).map_or(b.len(), |p| vstart + p);
                value = vstart..i;
                i = (i + 1).min(b.len());
            } else {
                let vstart = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = vstart..i;
            }
        }
        if attr.is_empty() {
            i += 1;
        } else {
            attrs.push((attr, value));
        }
    }
}

/// Position of `</name` (ASCII case-insensitive) at or after `from`.
fn find_close(src: &str, from: usize, name: &str) -> usize {
    let b = src.as_bytes();
    let n = name.len();
    let mut i = from;
    while let Some(p) = memchr::memmem::find(&b[i..], b"</") {
        let at = i + p;
        if b.len() >= at + 2 + n && b[at + 2..at + 2 + n].eq_ignore_ascii_case(name.as_bytes()) {
            return at;
        }
        i = at + 2;
    }
    b.len()
}

/// The end (after `>`) of the tag starting at `at`.
fn tag_end(src: &str, at: usize) -> usize {
    memchr::memchr(b'>', &src.as_bytes()[at..]).map_or(src.len(), |p| at + p + 1)
}

enum Edit {
    Text(u8),
    Url,
    Dates,
}

const TEXT_METAS: [&str; 8] = [
    "title",
    "og:title",
    "twitter:title",
    "dc.title",
    "description",
    "og:description",
    "twitter:description",
    "dc.description",
];
const JSON_TEXT_KEYS: [&str; 4] = [
    "headline",
    "alternativeheadline",
    "description",
    "articlebody",
];

struct Parsed {
    builder: Builder,
    urls: Vec<String>,
    lang: Option<String>,
    has_canonical: bool,
}

/// Slims and parses one template.
fn parse_html(src: &str) -> Parsed {
    let b = src.as_bytes();
    let mut out = Builder::default();
    let mut urls = Vec::new();
    let mut lang = None;
    let mut has_canonical = false;
    let mut canon_placed = false;
    let mut in_p = false;
    let (mut i, mut text_start) = (0, 0);
    while i < b.len() {
        let Some(p) = memchr::memchr(b'<', &b[i..]) else {
            break;
        };
        i += p;
        let next = b.get(i + 1).copied().unwrap_or(0);
        if b[i..].starts_with(b"<!--") {
            out.text(&src[text_start..i], if in_p { F_P } else { 0 });
            i = memchr::memmem::find(&b[i + 4..], b"-->").map_or(b.len(), |p| i + 4 + p + 3);
            text_start = i;
        } else if next == b'!' || next == b'?' {
            out.text(&src[text_start..i], if in_p { F_P } else { 0 });
            let end = tag_end(src, i);
            out.lit(&src[i..end]);
            i = end;
            text_start = i;
        } else if next == b'/' && b.get(i + 2).is_some_and(u8::is_ascii_alphabetic) {
            out.text(&src[text_start..i], if in_p { F_P } else { 0 });
            let end = tag_end(src, i);
            let name = src[i + 2..end]
                .split(|c: char| c.is_ascii_whitespace() || c == '>')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            if name == "p" {
                in_p = false;
            }
            out.lit(&src[i..end]);
            i = end;
            text_start = i;
        } else if next.is_ascii_alphabetic() {
            out.text(&src[text_start..i], if in_p { F_P } else { 0 });
            let tag = parse_tag(src, i);
            let value = |r: &Range<usize>| src[r.clone()].to_string();
            let mut edits: Vec<(Range<usize>, Edit)> = Vec::new();
            match tag.name.as_str() {
                "meta" => {
                    let key = ["property", "name", "itemprop"]
                        .iter()
                        .find_map(|a| tag.attr(a))
                        .map(|r| src[r].to_ascii_lowercase())
                        .unwrap_or_default();
                    if let Some(content) = tag.attr("content") {
                        if TEXT_METAS.contains(&key.as_str()) {
                            edits.push((content, Edit::Text(0)));
                        } else if key == "og:url" || key == "twitter:url" {
                            urls.push(value(&content));
                            edits.push((content, Edit::Url));
                        } else if iso_at(b, content.start).is_some() {
                            edits.push((content, Edit::Dates));
                        }
                    }
                }
                "link" => {
                    let canonical = tag.attr("rel").is_some_and(|r| {
                        src[r]
                            .split_ascii_whitespace()
                            .any(|w| w.eq_ignore_ascii_case("canonical"))
                    });
                    if let (true, Some(href)) = (canonical, tag.attr("href")) {
                        has_canonical = true;
                        urls.push(value(&href));
                        edits.push((href, Edit::Url));
                    }
                }
                "time" => {
                    if let Some(dt) = tag.attr("datetime") {
                        edits.push((dt, Edit::Dates));
                    }
                }
                "html" => lang = tag.attr("lang").map(|r| value(&r)),
                "p" => in_p = true,
                _ => {}
            }
            edits.sort_by_key(|(r, _)| r.start);
            let mut last = i;
            for (r, edit) in edits {
                out.lit(&src[last..r.start]);
                match edit {
                    Edit::Text(flags) => out.text(&src[r.clone()], flags),
                    Edit::Url => out.parts.push(Raw::Url),
                    Edit::Dates => out.dates(&src[r.clone()]),
                }
                last = r.end;
            }
            out.lit(&src[last..tag.end]);
            i = tag.end;
            if tag.name == "head" && !canon_placed {
                out.parts.push(Raw::Canon);
                canon_placed = true;
            }
            let raw = match tag.name.as_str() {
                "script" => {
                    let ld = tag
                        .attr("type")
                        .is_some_and(|r| src[r].to_ascii_lowercase().contains("ld+json"));
                    Some((ld, "script"))
                }
                "style" | "noscript" => Some((false, tag.name.as_str())),
                "svg" if !tag.self_closing => Some((false, "svg")),
                "title" => Some((true, "title")),
                _ => None,
            };
            if let Some((keep, name)) = raw {
                let close = find_close(src, i, name);
                if keep && name == "title" {
                    out.text(&src[i..close], F_TITLE);
                } else if keep {
                    json_ld(&mut out, &src[i..close]);
                }
                i = close;
            }
            text_start = i;
        } else {
            i += 1;
        }
    }
    out.text(&src[text_start..], if in_p { F_P } else { 0 });
    if !canon_placed {
        out.parts.insert(0, Raw::Canon);
    }
    Parsed {
        builder: out,
        urls,
        lang,
        has_canonical,
    }
}

/// JSON-LD: text of headline/description/body strings is mapped, ISO dates
/// become date slots, strings that may be the page URL are checked later.
fn json_ld(out: &mut Builder, s: &str) {
    let b = s.as_bytes();
    let mut key = String::new();
    let (mut last, mut i) = (0, 0);
    while i < b.len() {
        if b[i] != b'"' {
            i += 1;
            continue;
        }
        let start = i + 1;
        let mut j = start;
        while j < b.len() && b[j] != b'"' {
            j = if b[j] == b'\\' {
                escape_end(s, j)
            } else {
                j + 1
            };
        }
        let end = j.min(b.len());
        let mut k = end + 1;
        while k < b.len() && b[k].is_ascii_whitespace() {
            k += 1;
        }
        let value = &s[start..end];
        if b.get(k) == Some(&b':') {
            key = value.to_ascii_lowercase();
        } else {
            out.lit(&s[last..start]);
            if JSON_TEXT_KEYS.contains(&key.as_str()) {
                out.text(value, F_JSON | if key == "headline" { F_TITLE } else { 0 });
            } else if value.starts_with("http") {
                out.push(value, Raw::MaybeUrl);
            } else {
                out.dates(value);
            }
            last = end;
        }
        i = end + 1;
    }
    out.lit(&s[last..]);
}

/// The end of the JSON escape at `i` (a backslash).
fn escape_end(s: &str, i: usize) -> usize {
    let b = s.as_bytes();
    if b.get(i + 1) == Some(&b'u')
        && b.len() >= i + 6
        && b[i + 2..i + 6].iter().all(u8::is_ascii_hexdigit)
    {
        return i + 6;
    }
    s[i + 1..]
        .chars()
        .next()
        .map_or(s.len(), |c| i + 1 + c.len_utf8())
}

/// A token of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    /// Punctuation, space, HTML entities, JSON escapes, other digits.
    Sep,
    /// A run of letters and digits (and combining marks) with a letter.
    Word,
    /// A run of ASCII digits.
    Number,
}

/// A combining mark (or other non-alphanumeric sign) that continues a word
/// in the scripts where `char::is_alphanumeric` leaves them out (Indic
/// vowel signs and viramas, Arabic and Hebrew points, Thai vowels).
fn is_mark(c: char) -> bool {
    let u = c as u32;
    !c.is_alphanumeric()
        && !c.is_whitespace()
        && !matches!(
            u,
            0x0964 | 0x0965 | 0x0970 | 0x0DF4 | 0x0E2F | 0x0E46 | 0x0E4F | 0x0E5A | 0x0E5B
        )
        && matches!(u,
            0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x05BF | 0x05C1..=0x05C2
            | 0x05C4..=0x05C5 | 0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670
            | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7..=0x06E8 | 0x06EA..=0x06ED
            | 0x0900..=0x0DFF | 0x0E31..=0x0E4E | 0x0F18..=0x0F19 | 0x0F35..=0x0FBC
            | 0x1000..=0x109F | 0x1780..=0x17DD | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
            | 0x200C..=0x200D | 0x20D0..=0x20FF | 0x3099..=0x309A | 0xFE20..=0xFE2F)
}

/// Splits text into separators, words and numbers. HTML entities (or JSON
/// escapes) are separators.
fn tokens(s: &str, json: bool) -> Vec<(Range<usize>, Tok)> {
    let b = s.as_bytes();
    let mut out: Vec<(Range<usize>, Tok)> = Vec::new();
    let mut push = |r: Range<usize>, tok: Tok| {
        if let Some((last, Tok::Sep)) = out.last_mut() {
            if tok == Tok::Sep && last.end == r.start {
                last.end = r.end;
                return;
            }
        }
        out.push((r, tok));
    };
    let mut i = 0;
    while i < b.len() {
        if json && b[i] == b'\\' {
            let end = escape_end(s, i);
            push(i..end, Tok::Sep);
            i = end;
            continue;
        }
        if !json && b[i] == b'&' {
            let end = b[i + 1..]
                .iter()
                .take(12)
                .position(|&c| c == b';')
                .map(|p| i + 1 + p);
            if let Some(end) = end {
                if end > i + 1
                    && b[i + 1..end]
                        .iter()
                        .all(|c| c.is_ascii_alphanumeric() || *c == b'#')
                {
                    push(i..end + 1, Tok::Sep);
                    i = end + 1;
                    continue;
                }
            }
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        if c.is_alphanumeric() {
            let mut j = i;
            let mut letter = false;
            for c in s[i..].chars() {
                if !c.is_alphanumeric() && !is_mark(c) {
                    break;
                }
                letter |= c.is_alphabetic();
                j += c.len_utf8();
            }
            let tok = if letter {
                Tok::Word
            } else if b[i..j].iter().all(u8::is_ascii_digit) {
                Tok::Number
            } else {
                Tok::Sep
            };
            push(i..j, tok);
            i = j;
        } else {
            push(i..i + c.len_utf8(), Tok::Sep);
            i += c.len_utf8();
        }
    }
    out
}

fn case_of(word: &str) -> Case {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let first = word.chars().next().is_some_and(char::is_uppercase);
    let all_upper = letters.clone().all(char::is_uppercase);
    if all_upper && letters.nth(1).is_some() {
        Case::Upper
    } else if first {
        Case::Capital
    } else {
        Case::Lower
    }
}

fn push_cased(out: &mut String, word: &str, case: Case) {
    match case {
        Case::Lower => out.push_str(word),
        Case::Capital => {
            let mut chars = word.chars();
            if let Some(c) = chars.next() {
                out.extend(c.to_uppercase());
            }
            out.push_str(chars.as_str());
        }
        Case::Upper => out.extend(word.chars().flat_map(char::to_uppercase)),
    }
}

/// One slimmed, parsed template.
struct Template {
    id: String,
    host: String,
    group: usize,
    text: String,
    pieces: Vec<Piece>,
    has_canonical: bool,
    /// The first content words of `<title>` (for slugs): piece index and
    /// word ordinal (as counted by `render`).
    title_words: Vec<(usize, usize)>,
    /// The title word a near copy may change (rarest in the page), if any.
    title_change: Option<u32>,
}

/// A language group's vocabulary, most frequent first.
struct Group {
    lang: String,
    words: Vec<String>,
    /// The first `keep` words are kept as they are (function words).
    keep: u32,
}

impl Group {
    /// The word replacing `id` in a document with mapping seed `seed`:
    /// one of similar frequency rank.
    fn map(&self, id: u32, seed: u64) -> u32 {
        let v = self.words.len() as u64;
        let keep = u64::from(self.keep);
        let r = u64::from(id);
        if r < keep || v <= keep + 1 {
            return id;
        }
        let mut lo = (r / 2).max(keep);
        let mut hi = (2 * r + 1).max(lo + 64).min(v);
        if hi <= lo + 1 {
            (lo, hi) = (keep, v);
        }
        (lo + hash2(seed, r) % (hi - lo)) as u32
    }
    /// Any content word.
    fn any(&self, h: u64) -> u32 {
        let keep = u64::from(self.keep);
        let v = self.words.len() as u64;
        if v <= keep {
            return (h % v.max(1)) as u32;
        }
        (keep + h % (v - keep)) as u32
    }
}

/// All templates and their vocabularies.
struct Pool {
    templates: Vec<Template>,
    groups: Vec<Group>,
}

fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()?
        .to_ascii_lowercase();
    (host.contains('.')
        && host
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'-'))
    .then_some(host)
}

fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| die(&format!("cannot read {}: {e}", path.display())));
    // The dates ground truth has `NaN` for pages without a date.
    let text = text.replace(": NaN", ": null");
    serde_json::from_str(&text)
        .unwrap_or_else(|e| die(&format!("bad JSON in {}: {e}", path.display())))
}

fn load_pages(dir: &Path, style: pages::IdStyle) -> Vec<pages::Page> {
    if !dir.is_dir() {
        eprintln!("warning: {} not found, skipped", dir.display());
        return Vec::new();
    }
    pages::Args {
        inputs: vec![dir.to_path_buf()],
        urls: None,
        out: None,
        id_style: style,
        min_seconds: 0.0,
        min_rounds: 0,
        warmup: 0,
    }
    .load()
}

impl Pool {
    fn load(data: &Path) -> Pool {
        let mut pages_with_url: Vec<(String, Option<String>, Vec<u8>)> = Vec::new();
        let gt = data.join("scrapinghub/ground-truth.json");
        let sh_urls = if gt.is_file() {
            read_json(&gt)
        } else {
            serde_json::Value::Null
        };
        for page in load_pages(&data.join("scrapinghub/html"), pages::IdStyle::Stem) {
            let url = sh_urls[&page.id]["url"].as_str().map(str::to_string);
            pages_with_url.push((format!("scrapinghub/{}", page.id), url, page.bytes));
        }
        let gt = data.join("dates/ground-truth.json");
        let mut date_urls = HashMap::new();
        if gt.is_file() {
            if let serde_json::Value::Object(map) = read_json(&gt) {
                for (url, v) in map {
                    if let Some(file) = v["file"].as_str() {
                        date_urls.insert(file.to_string(), url);
                    }
                }
            }
        }
        for page in load_pages(&data.join("dates/html"), pages::IdStyle::Name) {
            let url = date_urls.get(&page.id).cloned();
            pages_with_url.push((format!("dates/{}", page.id), url, page.bytes));
        }
        for page in load_pages(&data.join("readability"), pages::IdStyle::Stem) {
            pages_with_url.push((format!("readability/{}", page.id), None, page.bytes));
        }
        if pages_with_url.is_empty() {
            die(&format!("no bench pages under {}", data.display()));
        }

        // Parse in parallel; count words per page.
        let parsed: Vec<(String, String, Parsed, HashMap<String, u32>)> = pages_with_url
            .into_par_iter()
            .filter_map(|(id, url, bytes)| {
                let Ok(src) = String::from_utf8(bytes) else {
                    eprintln!("warning: {id} is not UTF-8, skipped");
                    return None;
                };
                let mut parsed = parse_html(&src);
                if memchr::memmem::find(parsed.builder.slim.as_bytes(), b"Lorem ipsum").is_some() {
                    return None; // a synthetic test page, not news
                }
                let host = url
                    .iter()
                    .chain(&parsed.urls)
                    .find_map(|u| host_of(u))
                    .unwrap_or_else(|| {
                        let name: String = id
                            .rsplit('/')
                            .next()
                            .unwrap_or("site")
                            .chars()
                            .map(|c| {
                                if c.is_ascii_alphanumeric() {
                                    c.to_ascii_lowercase()
                                } else {
                                    '-'
                                }
                            })
                            .collect();
                        format!("{name}.example.org")
                    });
                parsed.urls.extend(url);
                let mut counts = HashMap::new();
                for part in &parsed.builder.parts {
                    if let Raw::Text(r, flags) = part {
                        let text = &parsed.builder.slim[r.clone()];
                        for (w, tok) in tokens(text, flags & F_JSON != 0) {
                            if tok == Tok::Word {
                                *counts.entry(text[w].to_lowercase()).or_insert(0) += 1;
                            }
                        }
                    }
                }
                Some((id, host, parsed, counts))
            })
            .collect();

        // Language groups: the page's `lang`, or for pages without one the
        // group sharing most of its frequent words.
        let primary = |lang: &Option<String>| {
            lang.as_deref()
                .and_then(|l| l.split(['-', '_']).next())
                .map(str::to_ascii_lowercase)
                .filter(|l| !l.is_empty())
        };
        let top_words = |counts: &HashMap<String, u32>, k: usize| -> Vec<String> {
            let mut v: Vec<(&String, &u32)> = counts.iter().collect();
            v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            v.into_iter().take(k).map(|(w, _)| w.clone()).collect()
        };
        let mut group_counts: BTreeMap<String, HashMap<String, u32>> = BTreeMap::new();
        for (_, _, p, counts) in &parsed {
            if let Some(lang) = primary(&p.lang) {
                let g = group_counts.entry(lang).or_default();
                for (w, c) in counts {
                    *g.entry(w.clone()).or_insert(0) += c;
                }
            }
        }
        let group_tops: Vec<(String, HashSet<String>)> = group_counts
            .iter()
            .map(|(l, c)| (l.clone(), top_words(c, 100).into_iter().collect()))
            .collect();
        let langs: Vec<String> = parsed
            .iter()
            .map(|(_, _, p, counts)| {
                primary(&p.lang).unwrap_or_else(|| {
                    let top = top_words(counts, 50);
                    group_tops
                        .iter()
                        .map(|(l, set)| (top.iter().filter(|w| set.contains(*w)).count(), l))
                        .filter(|(n, _)| *n >= 10)
                        .max()
                        .map_or_else(|| "und".to_string(), |(_, l)| l.clone())
                })
            })
            .collect();
        let mut group_index: BTreeMap<String, HashMap<String, u32>> = BTreeMap::new();
        for ((_, _, _, counts), lang) in parsed.iter().zip(&langs) {
            let g = group_index.entry(lang.clone()).or_default();
            for (w, c) in counts {
                *g.entry(w.clone()).or_insert(0) += c;
            }
        }
        let mut groups = Vec::new();
        let mut ids: HashMap<String, (usize, HashMap<String, u32>)> = HashMap::new();
        for (lang, counts) in group_index {
            let words = top_words(&counts, usize::MAX);
            let keep = (words.len() / 50).min(150) as u32;
            let map = words
                .iter()
                .enumerate()
                .map(|(i, w)| (w.clone(), i as u32))
                .collect();
            ids.insert(lang.clone(), (groups.len(), map));
            groups.push(Group { lang, words, keep });
        }

        let templates: Vec<Template> = parsed
            .into_par_iter()
            .zip(langs)
            .map(|((id, host, parsed, counts), lang)| {
                let (group, map) = &ids[&lang];
                let keep = groups[*group].keep;
                build_template(id, host, *group, keep, parsed, map, &counts)
            })
            .collect();
        // Too little own text to make distinct stories from.
        let templates: Vec<Template> = templates
            .into_iter()
            .filter(|t| {
                let keep = groups[t.group].keep;
                let (mut content, mut all) = (0, 0);
                for piece in &t.pieces {
                    if let Piece::Word { id, .. } = piece {
                        all += 1;
                        content += usize::from(*id >= keep);
                    }
                }
                let enough = content >= 200 && content * 10 >= all * 3;
                if !enough {
                    eprintln!(
                        "note: template {} skipped ({content} of {all} words are content words)",
                        t.id
                    );
                }
                enough
            })
            .collect();
        if templates.is_empty() {
            die("no usable templates");
        }
        Pool { templates, groups }
    }
}

fn build_template(
    id: String,
    host: String,
    group: usize,
    keep: u32,
    parsed: Parsed,
    map: &HashMap<String, u32>,
    counts: &HashMap<String, u32>,
) -> Template {
    let Parsed {
        builder,
        urls,
        has_canonical,
        ..
    } = parsed;
    let text = builder.slim;
    let mut pieces: Vec<Piece> = Vec::with_capacity(builder.parts.len() * 4);
    let lit = |pieces: &mut Vec<Piece>, r: Range<usize>| {
        if r.is_empty() {
            return;
        }
        if let Some(Piece::Lit(_, end)) = pieces.last_mut() {
            if *end as usize == r.start {
                *end = r.end as u32;
                return;
            }
        }
        pieces.push(Piece::Lit(r.start as u32, r.end as u32));
    };
    let mut title_words = Vec::new();
    let mut ordinal = 0;
    let mut title_change: Option<(u32, u32)> = None;
    for part in builder.parts {
        match part {
            Raw::Lit(r) => lit(&mut pieces, r),
            Raw::Date(full) => pieces.push(Piece::Date(full)),
            Raw::Url => pieces.push(Piece::Url),
            Raw::Canon => pieces.push(Piece::Canon),
            Raw::MaybeUrl(r) => {
                let value = text[r.clone()].replace("\\/", "/");
                if urls.contains(&value) {
                    pieces.push(Piece::Url);
                } else {
                    lit(&mut pieces, r);
                }
            }
            Raw::Text(r, flags) => {
                let s = &text[r.clone()];
                for (w, tok) in tokens(s, flags & F_JSON != 0) {
                    let abs = r.start + w.start..r.start + w.end;
                    match tok {
                        Tok::Sep => {
                            lit(&mut pieces, abs);
                            continue;
                        }
                        Tok::Number => {
                            pieces.push(Piece::Number(abs.start as u32, abs.end as u32));
                            continue;
                        }
                        Tok::Word => {}
                    }
                    let lower = s[w.clone()].to_lowercase();
                    let id = map[&lower];
                    ordinal += 1;
                    if flags == F_TITLE && id >= keep {
                        if title_words.len() < 8 {
                            title_words.push((pieces.len(), ordinal));
                        }
                        let count = counts.get(&lower).copied().unwrap_or(0);
                        if title_change.is_none_or(|(_, c)| count < c) {
                            title_change = Some((id, count));
                        }
                    }
                    pieces.push(Piece::Word {
                        start: abs.start as u32,
                        len: (abs.end - abs.start) as u32,
                        id,
                        case: case_of(&s[w]),
                        flags,
                    });
                }
            }
        }
    }
    let total: u32 = counts.values().sum();
    Template {
        id,
        host,
        group,
        text,
        pieces,
        has_canonical,
        title_words,
        // Only a word rare in the page, so the change stays small.
        title_change: title_change
            .filter(|(_, c)| f64::from(*c) < 0.01 * f64::from(total))
            .map(|(id, _)| id),
    }
}

// ---------------------------------------------------------------- rendering

/// How one HTML document is made from its template.
#[derive(Debug, Clone)]
struct Variant {
    template: usize,
    /// Word mapping seed (the story's).
    seed: u64,
    /// Near copy: per-word replacement seed and probability.
    perturb: Option<(u64, f64)>,
    /// Near copy: this title word gets another word.
    title_change: Option<(u32, u32)>,
    published: Moment,
    /// URL written into the page (canonical, og:url, JSON-LD).
    page_url: String,
}

/// Words and a phrase of `<p>` text, for the queries.
#[derive(Debug, Default)]
struct Sample {
    words: Vec<String>,
    phrases: Vec<(String, String)>,
}

impl Pool {
    fn word(&self, t: &Template, v: &Variant, id: u32, k: usize) -> u32 {
        let g = &self.groups[t.group];
        if let Some((from, to)) = v.title_change {
            if id == from {
                return to;
            }
        }
        if let Some((seed, p)) = v.perturb {
            let h = hash2(seed, k as u64);
            if unit(h) < p {
                return g.any(mix(h));
            }
        }
        g.map(id, v.seed)
    }

    /// The URL slug of a variant: its mapped title words.
    fn slug(&self, v: &Variant) -> String {
        let t = &self.templates[v.template];
        let g = &self.groups[t.group];
        let mut slug = String::new();
        for &(i, k) in &t.title_words {
            if let Piece::Word { id, .. } = t.pieces[i] {
                let word = &g.words[self.word(t, v, id, k) as usize];
                if word.bytes().all(|c| c.is_ascii_alphanumeric()) {
                    if !slug.is_empty() {
                        slug.push('-');
                    }
                    slug.push_str(word);
                }
            }
        }
        if slug.is_empty() {
            slug.push_str("story");
        }
        slug
    }

    /// Renders a variant into `out`; returns where a canonical link would go.
    fn render(&self, v: &Variant, out: &mut String, mut sample: Option<&mut Sample>) -> usize {
        let t = &self.templates[v.template];
        let g = &self.groups[t.group];
        let (date, datetime) = (v.published.date(), v.published.datetime());
        let mut canon = 0;
        let mut k = 0;
        let mut prev: Option<(usize, u32)> = None;
        for piece in &t.pieces {
            match *piece {
                Piece::Lit(a, b) => out.push_str(&t.text[a as usize..b as usize]),
                Piece::Date(full) => out.push_str(if full { &datetime } else { &date }),
                Piece::Url => out.push_str(&v.page_url),
                Piece::Number(a, b) => push_number(out, &t.text[a as usize..b as usize], v.seed),
                Piece::Canon => canon = out.len(),
                Piece::Word {
                    start,
                    len,
                    id,
                    case,
                    flags,
                } => {
                    k += 1;
                    let to = self.word(t, v, id, k);
                    if to == id && id < g.keep {
                        out.push_str(&t.text[start as usize..(start + len) as usize]);
                    } else {
                        push_cased(out, &g.words[to as usize], case);
                    }
                    if let Some(sample) = sample.as_deref_mut() {
                        if flags & F_P != 0 && to >= g.keep {
                            if let Some((end, before)) = prev {
                                let word_start = out.len() - len_of(out);
                                if &out[end..word_start] == " " && sample.phrases.len() < 64 {
                                    let pair = (
                                        g.words[before as usize].clone(),
                                        g.words[to as usize].clone(),
                                    );
                                    sample.phrases.push(pair);
                                }
                            }
                            sample.words.push(g.words[to as usize].clone());
                            prev = Some((out.len(), to));
                        } else {
                            prev = None;
                        }
                    }
                }
            }
        }
        canon
    }
}

/// Writes the number replacing `digits` in a document with mapping seed
/// `seed`: a year (1900-2099) becomes a year of 2000-2024, other numbers
/// get digits of the same count (no new leading zero).
fn push_number(out: &mut String, digits: &str, seed: u64) {
    let value = digits.bytes().fold(digits.len() as u64, |acc, c| {
        acc.wrapping_mul(31).wrapping_add(u64::from(c))
    });
    let mut h = hash2(seed ^ 0x6e75_6d62, value);
    let year = digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"));
    if year {
        let _ = write!(out, "{}", 2000 + h % 25);
        return;
    }
    for (i, c) in digits.bytes().enumerate() {
        let d = if i == 0 && c != b'0' && digits.len() > 1 {
            1 + h % 9
        } else {
            h % 10
        };
        out.push(char::from(b'0' + d as u8));
        h = mix(h);
    }
}

/// Length in bytes of the word ending `out` (alphanumerics going back).
fn len_of(out: &str) -> usize {
    out.chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .map(char::len_utf8)
        .sum()
}

// ---------------------------------------------------------------- records

const PARTNERS: [&str; 12] = [
    "news.aggregator.example",
    "wire.example.com",
    "syndication.example.net",
    "daily-digest.example.org",
    "newsfeed.example.com",
    "pressreader.example",
    "globalnews.example.net",
    "reprints.example.org",
    "portal.example.com",
    "headlines.example.net",
    "localpaper.example",
    "msn.example.com",
];
const UTM_SOURCES: [&str; 5] = ["twitter", "facebook", "newsletter", "rss", "linkedin"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Original,
    Exact,
    Near,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Original => "original",
            Kind::Exact => "exact",
            Kind::Near => "near",
        }
    }
}

/// One record to produce.
enum Job {
    Html {
        n: u64,
        kind: Kind,
        story: u64,
        variant: Variant,
        url: String,
        fetched: Moment,
        sample: bool,
    },
    Image {
        n: u64,
        url: String,
        fetched: Moment,
    },
    Request {
        n: u64,
        url: String,
        fetched: Moment,
        response: u64,
    },
}

/// A copy waiting for its turn.
struct Pending {
    kind: Kind,
    story: u64,
    variant: Variant,
    story_url: String,
    copy: u64,
}

struct Produced {
    warc: Vec<u8>,
    page: Option<Vec<u8>>,
    sample: Option<Sample>,
}

fn gz(level: Compression, capacity: usize) -> GzEncoder<Vec<u8>> {
    GzEncoder::new(Vec::with_capacity(capacity), level)
}

fn warc_member(headers: &[(&str, &str)], blocks: &[&[u8]]) -> Vec<u8> {
    let len: usize = blocks.iter().map(|b| b.len()).sum();
    let mut head = String::from("WARC/1.0\r\n");
    for (name, value) in headers {
        let _ = write!(head, "{name}: {value}\r\n");
    }
    let _ = write!(head, "Content-Length: {len}\r\n\r\n");
    let mut enc = gz(Compression::fast(), len / 4 + 256);
    let mut write = |b: &[u8]| enc.write_all(b).expect("writing to memory");
    write(head.as_bytes());
    for block in blocks {
        write(block);
    }
    write(b"\r\n\r\n");
    enc.finish().expect("writing to memory")
}

fn path_of(n: u64) -> String {
    format!("pages/{:04}/{n}.html.gz", n / 1000)
}

fn produce(pool: &Pool, cfg: &Config, job: &Job) -> Produced {
    let seed = cfg.seed;
    let warc = cfg.format != Format::Dir;
    let dir = cfg.format != Format::Warc;
    match job {
        Job::Html {
            n,
            variant,
            url,
            fetched,
            sample,
            ..
        } => {
            let t = &pool.templates[variant.template];
            let mut html = String::with_capacity(t.text.len() + 4096);
            let mut collected = sample.then(Sample::default);
            let canon = pool.render(variant, &mut html, collected.as_mut());
            let warc = warc.then(|| {
                let http = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
                    html.len()
                );
                warc_member(
                    &[
                        ("WARC-Type", "response"),
                        ("WARC-Record-ID", &uuid(seed, *n)),
                        ("WARC-Date", &fetched.datetime()),
                        ("WARC-Target-URI", url),
                        ("Content-Type", "application/http; msgtype=response"),
                    ],
                    &[http.as_bytes(), html.as_bytes()],
                )
            });
            let page = dir.then(|| {
                let mut enc = gz(Compression::fast(), html.len() / 4 + 256);
                let mut write = |b: &[u8]| enc.write_all(b).expect("writing to memory");
                if t.has_canonical {
                    write(html.as_bytes());
                } else {
                    write(&html.as_bytes()[..canon]);
                    write(
                        format!("<link rel=\"canonical\" href=\"{}\">", variant.page_url)
                            .as_bytes(),
                    );
                    write(&html.as_bytes()[canon..]);
                }
                enc.finish().expect("writing to memory")
            });
            Produced {
                warc: warc.unwrap_or_default(),
                page,
                sample: collected,
            }
        }
        Job::Image { n, url, fetched } => {
            let mut rng = Rng(hash2(seed, *n));
            let size = 2048 + rng.below(6144);
            let mut jpeg =
                b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00".to_vec();
            jpeg.extend((0..size).map(|_| rng.next() as u8));
            jpeg.extend(b"\xff\xd9");
            let http = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: {}\r\n\r\n",
                jpeg.len()
            );
            Produced {
                warc: warc_member(
                    &[
                        ("WARC-Type", "response"),
                        ("WARC-Record-ID", &uuid(seed, *n)),
                        ("WARC-Date", &fetched.datetime()),
                        ("WARC-Target-URI", url),
                        ("Content-Type", "application/http; msgtype=response"),
                    ],
                    &[http.as_bytes(), &jpeg],
                ),
                page: None,
                sample: None,
            }
        }
        Job::Request {
            n,
            url,
            fetched,
            response,
        } => {
            let (host, path) = url
                .split_once("://")
                .and_then(|(_, rest)| rest.find('/').map(|p| (&rest[..p], &rest[p..])))
                .unwrap_or(("example.org", "/"));
            let http = format!(
                "GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: dateline-corpus/1.0\r\nAccept: text/html\r\n\r\n"
            );
            Produced {
                warc: warc_member(
                    &[
                        ("WARC-Type", "request"),
                        ("WARC-Record-ID", &uuid(seed, *n)),
                        ("WARC-Date", &fetched.datetime()),
                        ("WARC-Target-URI", url),
                        ("WARC-Concurrent-To", &uuid(seed, *response)),
                        ("Content-Type", "application/http; msgtype=request"),
                    ],
                    &[http.as_bytes()],
                ),
                page: None,
                sample: None,
            }
        }
    }
}

fn truth_line(cfg: &Config, pool: &Pool, job: &Job) -> String {
    let value = match job {
        Job::Html {
            n,
            kind,
            story,
            variant,
            url,
            ..
        } => serde_json::json!({
            "n": n, "record_id": uuid(cfg.seed, *n),
            "path": (cfg.format != Format::Warc).then(|| path_of(*n)),
            "url": url, "story": story, "kind": kind.name(),
            "published": variant.published.date(),
            "template": pool.templates[variant.template].id,
        }),
        Job::Image { n, url, .. } | Job::Request { n, url, .. } => serde_json::json!({
            "n": n, "record_id": uuid(cfg.seed, *n), "path": null, "url": url,
            "story": null, "kind": "skip",
            "type": if matches!(job, Job::Image { .. }) { "image" } else { "request" },
        }),
    };
    value.to_string()
}

// ---------------------------------------------------------------- queries

/// What the query maker keeps of a sampled original.
struct Kept {
    words: Vec<String>,
    phrase: Option<(String, String)>,
    host: String,
    published: Moment,
    lang: String,
}

#[derive(Default)]
struct QueryStats {
    df: HashMap<String, u32>,
    kept: Vec<Kept>,
    seen: usize,
}

const KEPT_MAX: usize = 2000;

impl QueryStats {
    fn add(
        &mut self,
        rng: &mut Rng,
        mut sample: Sample,
        host: &str,
        published: Moment,
        lang: &str,
    ) {
        sample.words.sort_unstable();
        sample.words.dedup();
        if sample.words.is_empty() {
            return;
        }
        for w in &sample.words {
            *self.df.entry(w.clone()).or_insert(0) += 1;
        }
        self.seen += 1;
        let slot = if self.kept.len() < KEPT_MAX {
            None
        } else {
            let j = rng.below(self.seen);
            if j >= KEPT_MAX {
                return;
            }
            Some(j)
        };
        let mut words = sample.words;
        for i in 0..words.len().min(30) {
            let j = i + rng.below(words.len() - i);
            words.swap(i, j);
        }
        words.truncate(30);
        let phrase = (!sample.phrases.is_empty())
            .then(|| sample.phrases.swap_remove(rng.below(sample.phrases.len())));
        let kept = Kept {
            words,
            phrase,
            host: host.to_string(),
            published,
            lang: lang.to_string(),
        };
        match slot {
            Some(j) => self.kept[j] = kept,
            None => self.kept.push(kept),
        }
    }

    /// 200 varied queries.
    fn queries(&self, rng: &mut Rng) -> Vec<serde_json::Value> {
        let mut out = Vec::new();
        if self.kept.is_empty() {
            return out;
        }
        let mut by_df: Vec<(&String, u32)> = self
            .df
            .iter()
            .filter(|(w, _)| w.chars().count() >= 3)
            .map(|(w, c)| (w, *c))
            .collect();
        by_df.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let n = by_df.len();
        let pick = |rng: &mut Rng, range: Range<usize>| {
            by_df[range.start + rng.below(range.len())].0.clone()
        };
        let frequent = 0..(n / 100).max(1).min(n);
        let medium = (n / 10).min(n.saturating_sub(1))..(n / 4).max(n / 10 + 1).min(n);
        let rare_start = by_df
            .iter()
            .position(|(_, c)| *c <= 1)
            .unwrap_or(n * 3 / 4)
            .min(n - 1);
        let rare = rare_start..n;
        let kept = |rng: &mut Rng| &self.kept[rng.below(self.kept.len())];
        let word_of = |rng: &mut Rng, k: &Kept| k.words[rng.below(k.words.len())].clone();
        let q = |text: String, kind: &str| serde_json::json!({"q": text, "kind": kind});
        for i in 0..42 {
            let (range, kind) = match i % 3 {
                0 => (frequent.clone(), "word-frequent"),
                1 => (medium.clone(), "word-medium"),
                _ => (rare.clone(), "word-rare"),
            };
            out.push(q(pick(rng, range), kind));
        }
        for i in 0..40 {
            let k = kept(rng);
            let mut words: Vec<String> = Vec::new();
            for _ in 0..8 {
                let w = word_of(rng, k);
                if !words.contains(&w) {
                    words.push(w);
                }
                if words.len() == 2 + i % 2 {
                    break;
                }
            }
            out.push(q(words.join(" "), "and"));
        }
        let phrases: Vec<&Kept> = self.kept.iter().filter(|k| k.phrase.is_some()).collect();
        for _ in 0..30 {
            if let Some(k) = (!phrases.is_empty()).then(|| phrases[rng.below(phrases.len())]) {
                let (a, b) = k.phrase.as_ref().expect("filtered");
                out.push(q(format!("\"{a} {b}\""), "phrase"));
            }
        }
        for _ in 0..24 {
            let k = kept(rng);
            out.push(q(format!("{} site:{}", word_of(rng, k), k.host), "site"));
        }
        for _ in 0..24 {
            let k = kept(rng);
            let span = 30 + rng.below(700) as i64;
            let before = rng.below(span as usize) as i64;
            let from = Moment(k.published.0 - before * 86_400);
            let to = Moment(from.0 + span * 86_400);
            let mut v = q(word_of(rng, k), "date");
            v["from"] = from.date().into();
            v["to"] = to.date().into();
            out.push(v);
        }
        let with_lang: Vec<&Kept> = self.kept.iter().filter(|k| k.lang != "und").collect();
        for _ in 0..20 {
            if let Some(k) = (!with_lang.is_empty()).then(|| with_lang[rng.below(with_lang.len())])
            {
                let mut v = q(word_of(rng, k), "lang");
                v["lang"] = k.lang.clone().into();
                out.push(v);
            }
        }
        while out.len() < 200 {
            let excluded = pick(rng, frequent.clone());
            let k = kept(rng);
            let word = word_of(rng, k);
            if word != excluded {
                out.push(q(format!("{word} -{excluded}"), "exclude"));
            }
        }
        out.truncate(200);
        out
    }
}

// ---------------------------------------------------------------- driver

struct Writers {
    warc: Option<BufWriter<File>>,
    truth: BufWriter<File>,
    made_dir: Option<u64>,
    bytes_warc: u64,
    bytes_dir: u64,
}

fn create(path: &Path) -> BufWriter<File> {
    BufWriter::with_capacity(
        1 << 20,
        File::create(path)
            .unwrap_or_else(|e| die(&format!("cannot write {}: {e}", path.display()))),
    )
}

fn write_all(w: &mut impl Write, bytes: &[u8], path: &Path) {
    w.write_all(bytes)
        .unwrap_or_else(|e| die(&format!("cannot write {}: {e}", path.display())));
}

/// Expected copies per original for a share `rate` of all documents when
/// the copies of both kinds together make `copies` of all documents.
fn per_original(rate: f64, copies: f64) -> f64 {
    rate / (1.0 - copies)
}

/// Draws a copy count with mean `mean`: the first copy with some
/// probability, each further one with probability `more`.
fn copies(rng: &mut Rng, mean: f64) -> usize {
    let more = (1.0 - 1.0 / mean.max(1e-9)).max(0.2);
    let first = mean * (1.0 - more);
    let mut k = 0;
    if rng.chance(first) {
        k = 1;
        while k < 20 && rng.chance(more) {
            k += 1;
        }
    }
    k
}

/// Generates the corpus.
pub fn generate(cfg: &Config) -> Summary {
    let started = Instant::now();
    if cfg.exact_rate < 0.0 || cfg.near_rate < 0.0 || cfg.exact_rate + cfg.near_rate >= 0.9 {
        die("--exact-rate and --near-rate must be >= 0 and sum below 0.9");
    }
    std::fs::create_dir_all(&cfg.out)
        .unwrap_or_else(|e| die(&format!("cannot create {}: {e}", cfg.out.display())));
    let pool = Pool::load(&cfg.data);
    let words: usize = pool.groups.iter().map(|g| g.words.len()).sum();
    eprintln!(
        "{} templates ({} MB slimmed), {} language groups, {} words",
        pool.templates.len(),
        pool.templates.iter().map(|t| t.text.len()).sum::<usize>() >> 20,
        pool.groups.len(),
        words
    );

    let warc_path = cfg.out.join("corpus.warc.gz");
    let truth_path = cfg.out.join("truth.jsonl");
    let mut w = Writers {
        warc: (cfg.format != Format::Dir).then(|| create(&warc_path)),
        truth: create(&truth_path),
        made_dir: None,
        bytes_warc: 0,
        bytes_dir: 0,
    };
    if let Some(warc) = w.warc.as_mut() {
        let info = format!(
            "software: dateline-corpus\r\nformat: WARC File Format 1.0\r\ndescription: synthetic news corpus from the Dateline bench pages\r\nseed: {}\r\ndocs: {}\r\nexact-rate: {}\r\nnear-rate: {}\r\n",
            cfg.seed, cfg.docs, cfg.exact_rate, cfg.near_rate
        );
        let member = warc_member(
            &[
                ("WARC-Type", "warcinfo"),
                ("WARC-Record-ID", &uuid(cfg.seed, u64::MAX)),
                (
                    "WARC-Date",
                    &Moment(days_from_civil(2025, 1, 1) * 86_400).datetime(),
                ),
                ("WARC-Filename", "corpus.warc.gz"),
                ("Content-Type", "application/warc-fields"),
            ],
            &[info.as_bytes()],
        );
        write_all(warc, &member, &warc_path);
        w.bytes_warc += member.len() as u64;
    }

    let mut rng = Rng(hash2(cfg.seed, 0x636f_7270_7573));
    let mut qrng = Rng(hash2(cfg.seed, 0x0071_7565_7279));
    let copies_share = cfg.exact_rate + cfg.near_rate;
    let mean_exact = per_original(cfg.exact_rate, copies_share);
    let mean_near = per_original(cfg.near_rate, copies_share);
    let first_day = days_from_civil(FIRST_DAY.0, FIRST_DAY.1, FIRST_DAY.2);
    let mut summary = Summary {
        templates: pool.templates.len(),
        ..Summary::default()
    };
    let mut stats = QueryStats::default();
    let mut pending: BTreeMap<(u64, u64), Pending> = BTreeMap::new();
    let mut seq = 0u64;
    let mut n = 0u64;
    let mut emitted = 0usize;
    let mut last_report = Instant::now();
    const BATCH: usize = 256;

    while emitted < cfg.docs {
        let mut jobs = Vec::with_capacity(BATCH + 8);
        while jobs.len() < BATCH && emitted < cfg.docs {
            let remaining = cfg.docs - emitted;
            let due = pending
                .first_key_value()
                .is_some_and(|(&(d, _), _)| d <= n || remaining <= pending.len());
            let (kind, story, variant, url) = if due {
                let (_, p) = pending.pop_first().expect("non-empty");
                let url = match p.kind {
                    Kind::Exact if p.copy % 2 == 0 => format!(
                        "{}?utm_source={}&utm_medium=social&utm_campaign=c{}",
                        p.story_url,
                        UTM_SOURCES[(p.copy / 2) as usize % UTM_SOURCES.len()],
                        n
                    ),
                    Kind::Exact => {
                        let path = p.story_url.splitn(4, '/').nth(3).unwrap_or("");
                        format!("https://{}/{}", PARTNERS[(mix(n) % 12) as usize], path)
                    }
                    _ => p.variant.page_url.clone(),
                };
                (p.kind, p.story, p.variant, url)
            } else {
                let t = summary.originals % pool.templates.len();
                summary.originals += 1;
                let day =
                    first_day + (n as i64 * SPAN_DAYS / cfg.docs.max(1) as i64).min(SPAN_DAYS - 1);
                let published =
                    Moment(day * 86_400 + (hash2(cfg.seed ^ 0x7469_6d65, n) % 86_400) as i64);
                let mut variant = Variant {
                    template: t,
                    seed: hash2(cfg.seed, n),
                    perturb: None,
                    title_change: None,
                    published,
                    page_url: String::new(),
                };
                let (y, m, _) = published.ymd();
                let host = &pool.templates[t].host;
                variant.page_url =
                    format!("https://{host}/{y:04}/{m:02}/{}-{n}", pool.slug(&variant));
                let url = variant.page_url.clone();
                for (kind, mean) in [(Kind::Exact, mean_exact), (Kind::Near, mean_near)] {
                    for _ in 0..copies(&mut rng, mean) {
                        seq += 1;
                        let mut copy = variant.clone();
                        if kind == Kind::Near {
                            copy.perturb = Some((
                                hash2(cfg.seed ^ 0x6e65_6172, seq),
                                0.01 + 0.02 * unit(rng.next()),
                            ));
                            let tmpl = &pool.templates[t];
                            if let (Some(word), true) = (tmpl.title_change, rng.chance(0.5)) {
                                copy.title_change =
                                    Some((word, pool.groups[tmpl.group].any(rng.next())));
                            }
                            let partner = PARTNERS[rng.below(PARTNERS.len())];
                            copy.page_url = format!(
                                "https://{partner}/{y:04}/{m:02}/{}-r{seq}",
                                pool.slug(&copy)
                            );
                        }
                        let delay = 1 + rng.below(2000) as u64;
                        pending.insert(
                            (n + delay, seq),
                            Pending {
                                kind,
                                story: n,
                                variant: copy,
                                story_url: url.clone(),
                                copy: seq,
                            },
                        );
                    }
                }
                (Kind::Original, n, variant, url)
            };
            match kind {
                Kind::Original => {}
                Kind::Exact => summary.exact += 1,
                Kind::Near => summary.near += 1,
            }
            let lag = match kind {
                Kind::Original => 600 + rng.below(6 * 3600),
                _ => 3600 + rng.below(30 * 86_400),
            };
            let fetched = Moment(variant.published.0 + lag as i64);
            if cfg.format != Format::Dir && rng.chance(0.005) {
                let host = &pool.templates[variant.template].host;
                jobs.push(Job::Image {
                    n,
                    url: format!("https://{host}/images/{:016x}.jpg", mix(n)),
                    fetched,
                });
                n += 1;
            }
            if cfg.format != Format::Dir && rng.chance(0.005) {
                jobs.push(Job::Request {
                    n,
                    url: url.clone(),
                    fetched,
                    response: n + 1,
                });
                n += 1;
            }
            jobs.push(Job::Html {
                n,
                kind,
                story,
                variant,
                url,
                fetched,
                sample: kind == Kind::Original && summary.originals % 20 == 1,
            });
            n += 1;
            emitted += 1;
        }

        let produced: Vec<Produced> = jobs
            .par_iter()
            .map(|job| produce(&pool, cfg, job))
            .collect();
        for (job, out) in jobs.iter().zip(produced) {
            let mut line = truth_line(cfg, &pool, job);
            line.push('\n');
            write_all(&mut w.truth, line.as_bytes(), &truth_path);
            if let Some(warc) = w.warc.as_mut() {
                write_all(warc, &out.warc, &warc_path);
                w.bytes_warc += out.warc.len() as u64;
            }
            if let Job::Html { n, variant, .. } = job {
                if let Some(page) = &out.page {
                    let folder = n / 1000;
                    if w.made_dir != Some(folder) {
                        let dir = cfg.out.join(format!("pages/{folder:04}"));
                        std::fs::create_dir_all(&dir).unwrap_or_else(|e| {
                            die(&format!("cannot create {}: {e}", dir.display()))
                        });
                        w.made_dir = Some(folder);
                    }
                    let path = cfg.out.join(path_of(*n));
                    std::fs::write(&path, page)
                        .unwrap_or_else(|e| die(&format!("cannot write {}: {e}", path.display())));
                    w.bytes_dir += page.len() as u64;
                }
                if let Some(sample) = out.sample {
                    let t = &pool.templates[variant.template];
                    let lang = &pool.groups[t.group].lang;
                    stats.add(&mut qrng, sample, &t.host, variant.published, lang);
                }
            } else {
                summary.skipped += 1;
            }
        }
        if last_report.elapsed().as_secs_f64() >= 5.0 || emitted == cfg.docs {
            last_report = Instant::now();
            let secs = started.elapsed().as_secs_f64();
            eprintln!(
                "{emitted}/{} docs ({} originals, {} exact, {} near, {} skipped), warc {} MB, dir {} MB, {:.0} docs/s",
                cfg.docs,
                summary.originals,
                summary.exact,
                summary.near,
                summary.skipped,
                w.bytes_warc >> 20,
                w.bytes_dir >> 20,
                emitted as f64 / secs
            );
        }
    }
    if let Some(mut warc) = w.warc.take() {
        warc.flush()
            .unwrap_or_else(|e| die(&format!("cannot write {}: {e}", warc_path.display())));
    }
    w.truth
        .flush()
        .unwrap_or_else(|e| die(&format!("cannot write {}: {e}", truth_path.display())));

    let queries_path = cfg.out.join("queries.jsonl");
    let mut qout = create(&queries_path);
    for q in stats.queries(&mut qrng) {
        write_all(&mut qout, format!("{q}\n").as_bytes(), &queries_path);
    }
    qout.flush()
        .unwrap_or_else(|e| die(&format!("cannot write {}: {e}", queries_path.display())));

    summary.docs = emitted;
    summary.bytes_warc = w.bytes_warc;
    summary.bytes_dir = w.bytes_dir;
    summary.seconds = started.elapsed().as_secs_f64();
    summary
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for day in [-1000, 0, 16_436, 20_000] {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
        assert_eq!(
            Moment(days_from_civil(2020, 2, 29) * 86_400 + 3661).datetime(),
            "2020-02-29T01:01:01Z"
        );
    }

    #[test]
    fn iso_dates() {
        assert_eq!(iso_at(b"2020-03-05", 0), Some((10, false)));
        assert_eq!(iso_at(b"2020-03-05T10:11:12+01:00 x", 0), Some((25, true)));
        assert_eq!(iso_at(b"2020-03-05T10:11:12.123Z", 0), Some((24, true)));
        assert_eq!(iso_at(b"12020-03-05", 1), None);
        assert_eq!(iso_at(b"2020-13-05", 0), None);
    }

    #[test]
    fn slimming_and_slots() {
        let html = r#"<html lang="en"><head><title>Big News Today</title><!-- c --><script>var x = 1;</script><script type="application/ld+json">{"headline": "Big News", "datePublished": "2020-01-02T03:04:05Z", "url": "https://a.example/x"}</script><style>p{}</style><link rel="canonical" href="https://a.example/x"><meta property="article:published_time" content="2020-01-02"></head><body><svg><path d="M0"/></svg><p>Hello &amp; world</p><time datetime="2020-01-02">Jan 2</time></body></html>"#;
        let parsed = parse_html(html);
        let slim = &parsed.builder.slim;
        assert!(
            !slim.contains("var x")
                && !slim.contains("p{}")
                && !slim.contains("<!--")
                && !slim.contains("M0")
        );
        assert!(slim.contains("<script></script>") && slim.contains("<svg></svg>"));
        assert!(parsed.has_canonical);
        assert_eq!(parsed.lang.as_deref(), Some("en"));
        let dates = parsed
            .builder
            .parts
            .iter()
            .filter(|p| matches!(p, Raw::Date(_)))
            .count();
        assert_eq!(dates, 3);
        let counts = HashMap::new();
        let map: HashMap<String, u32> = ["big", "news", "today", "hello", "world", "jan"]
            .iter()
            .enumerate()
            .map(|(i, w)| (w.to_string(), i as u32))
            .collect();
        let t = build_template("t".into(), "a.example".into(), 0, 0, parsed, &map, &counts);
        let urls = t.pieces.iter().filter(|p| matches!(p, Piece::Url)).count();
        assert_eq!(urls, 2, "canonical and JSON-LD url");
        let words = t
            .pieces
            .iter()
            .filter(|p| matches!(p, Piece::Word { .. }))
            .count();
        assert_eq!(words, 3 + 2 + 2 + 1, "title, headline, <p>, <time> text");
    }

    #[test]
    fn tokens_skip_entities_and_numbers() {
        let s = "Hello&nbsp;world 2020 caf\u{e9} x2";
        let words: Vec<&str> = tokens(s, false)
            .into_iter()
            .filter(|(_, t)| *t == Tok::Word)
            .map(|(r, _)| &s[r])
            .collect();
        assert_eq!(words, ["Hello", "world", "café", "x2"]);
        let numbers = tokens(s, false)
            .into_iter()
            .filter(|(_, t)| *t == Tok::Number)
            .count();
        assert_eq!(numbers, 1);
        let hindi = "रत्न और";
        assert_eq!(
            tokens(hindi, false).len(),
            3,
            "virama stays inside the word"
        );
        let mut out = String::new();
        push_number(&mut out, "2019", 7);
        push_number(&mut out, "305", 7);
        assert!(
            out.starts_with("20") && out.len() == 7 && !out[4..].starts_with('0'),
            "{out}"
        );
        assert_eq!(case_of("NASA"), Case::Upper);
        assert_eq!(case_of("Paris"), Case::Capital);
        assert_eq!(case_of("iPhone"), Case::Lower);
    }
}
