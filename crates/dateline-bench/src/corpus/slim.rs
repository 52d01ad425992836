//! Slimming and parsing a template page in one pass: script, style, svg and
//! noscript contents and comments are dropped (they would dominate the
//! bytes without being news text), JSON-LD is kept, and the rest becomes
//! raw parts (literal markup, text to map, date and URL slots) before any
//! vocabulary exists.

use std::ops::Range;

use super::dates::iso_at;
use super::tokens::escape_end;

pub(super) const F_P: u8 = 1; // inside <p>
pub(super) const F_TITLE: u8 = 2; // inside <title>
pub(super) const F_JSON: u8 = 4; // a JSON-LD string (backslash escapes)

/// Parse output before the vocabulary exists.
pub(super) enum Raw {
    Lit(Range<usize>),
    Text(Range<usize>, u8),
    MaybeUrl(Range<usize>),
    Date(bool),
    Url,
    Canon,
}

/// The slimmed text and its parts, built as the page is read.
#[derive(Default)]
pub(super) struct Builder {
    pub(super) slim: String,
    pub(super) parts: Vec<Raw>,
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

/// A parsed page: its parts, the URLs it gives as its own (canonical,
/// `og:url`, `twitter:url`), its `lang` and whether it has a canonical link.
pub(super) struct Parsed {
    pub(super) builder: Builder,
    pub(super) urls: Vec<String>,
    pub(super) lang: Option<String>,
    pub(super) has_canonical: bool,
}

/// Slims and parses one template.
pub(super) fn parse_html(src: &str) -> Parsed {
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
