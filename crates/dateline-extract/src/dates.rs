//! Dates as news pages write them, in many languages.
//!
//! The parser tokenises the text (numbers, words, punctuation) and looks
//! for the leftmost complete date: numeric (`2019-12-09`, `09.12.2019`),
//! with a month name (`9 décembre 2019`, `December 9, 2019`,
//! `2019. december 9.`) or CJK (`2019年12月9日`). A time and UTC offset
//! right after the date are kept. It never guesses a missing year or day:
//! "Hours ago" or "December 2019" give None.

use dateline_model::Timestamp;

mod months;

use months::month_of;

/// True for a month name or abbreviation in any supported language.
pub(crate) fn is_month_name(word: &str) -> bool {
    month_of(&word.to_lowercase()).is_some()
}

/// Parses a date written in free text ("DECEMBER 9, 2019 17:34",
/// "9 décembre 2019", "2019-12-09T17:34:00Z"). None when unsure.
///
/// Ambiguous numeric dates (`09/12/2019`) are read day first, as most of the
/// world writes them; use [`parse_date_mdy`] for US pages.
pub fn parse_date(text: &str) -> Option<Timestamp> {
    parse_with(text, false)
}

/// As [`parse_date`], but ambiguous numeric dates with `/` are read month
/// first (`12/09/2019` is December 9), as US pages write them.
pub fn parse_date_mdy(text: &str) -> Option<Timestamp> {
    parse_with(text, true)
}

fn parse_with(text: &str, mdy: bool) -> Option<Timestamp> {
    let text = text.trim();
    // Every form read here holds ASCII digits (a year, a day, Unix
    // seconds): text without one, most of what the page scans offer (menu
    // entries, labels, short lines), is passed over before it is split
    // into words.
    if text.is_empty() || text.len() > 400 || !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Some(ts) = Timestamp::parse_iso(text) {
        return Some(ts);
    }
    if let Some(ts) = parse_unix(text) {
        return Some(ts);
    }
    let tokens = tokenize(text);
    (0..tokens.len()).find_map(|i| match_at(&tokens, i, mdy))
}

/// A date given as Unix seconds (10 digits) or milliseconds (13 digits),
/// only when that is the whole text: a bare number elsewhere is an id.
pub fn parse_unix(text: &str) -> Option<Timestamp> {
    let t = text.trim();
    if !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let secs: i64 = match t.len() {
        10 => t.parse().ok()?,
        13 => t.parse::<i64>().ok()? / 1000,
        _ => return None,
    };
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    if !(2000..=2040).contains(&y) {
        return None;
    }
    Timestamp::date(y as u16, m, d)?
        .with_time((rem / 3600) as u8, (rem / 60 % 60) as u8, (rem % 60) as u8)?
        .with_offset(0)
}

/// The civil date of a day number, with month and day as `u8`.
pub(crate) fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let (y, m, d) = dateline_model::calendar::civil_from_days(days);
    (y, m as u8, d as u8)
}

/// A full date in a URL path: `/2019/12/09/`, `/2019-12-09-title`,
/// `/20191209/`, `_20191209_`. Year-and-month alone gives None.
pub fn date_from_url(url: &str) -> Option<Timestamp> {
    // The path only: hosts and query ids are full of digit runs.
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("");
    let b = path.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            let run = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            if run == 4 {
                if let Some(ts) = url_ymd_separated(&b[i..]) {
                    return Some(ts);
                }
            } else if run == 8 && !b.get(i + 8).is_some_and(u8::is_ascii_alphanumeric) {
                let n = |r: std::ops::Range<usize>| num(&b[i + r.start..i + r.end]);
                if let Some(ts) = plausible(n(0..4)?, n(4..6)?, n(6..8)?) {
                    return Some(ts);
                }
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

/// `2019/12/09`, `2019-12-09`, `2019_12_09` (also `2019/12/9`), and the
/// month as a word: `2023/october/03`, `2019/dec/09`.
///
/// Unpadded months and days only between slashes (archive folders,
/// `/2019/12/9/`): in a slug, `2024-4-4` is a version or a score (a
/// thread titled "2024.4.4 to 2024.5.0 upgrade issue" has the slug
/// `2024-4-4-2024-5-0-issue`), where CMSs write dates zero-padded.
fn url_ymd_separated(b: &[u8]) -> Option<Timestamp> {
    let sep = *b.get(4)?;
    if !matches!(sep, b'/' | b'-' | b'_' | b'.') {
        return None;
    }
    if let Some(ts) = url_month_word(b, sep) {
        return Some(ts);
    }
    let m_len = b[5..].iter().take_while(|c| c.is_ascii_digit()).count();
    let lens = if sep == b'/' { 1..=2 } else { 2..=2 };
    if !lens.contains(&m_len) || b.get(5 + m_len) != Some(&sep) {
        return None;
    }
    plausible(
        num(&b[0..4])?,
        num(&b[5..5 + m_len])?,
        url_day(b, 6 + m_len, lens)?,
    )
}

/// The day at `start` of a path, `lens` digits long, ending its segment.
fn url_day(b: &[u8], start: usize, lens: std::ops::RangeInclusive<usize>) -> Option<u32> {
    let digits = b.get(start..)?;
    let len = digits.iter().take_while(|c| c.is_ascii_digit()).count();
    if !lens.contains(&len) || b.get(start + len).is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    num(&digits[..len])
}

/// Year, month name and day in a path (`/2023/october/03/`): some CMSs
/// spell the month in their archive paths. A year and month name without
/// a day give nothing (no day is guessed).
fn url_month_word(b: &[u8], sep: u8) -> Option<Timestamp> {
    let word_len = b[5..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    if !(3..=9).contains(&word_len) || b.get(5 + word_len) != Some(&sep) {
        return None;
    }
    let word = std::str::from_utf8(&b[5..5 + word_len])
        .ok()?
        .to_ascii_lowercase();
    let month = month_of(&word)?;
    plausible(num(&b[0..4])?, month, url_day(b, 6 + word_len, 1..=2)?)
}

fn num(b: &[u8]) -> Option<u32> {
    std::str::from_utf8(b).ok()?.parse().ok()
}

/// A date in the range news pages can have.
fn plausible(y: u32, m: u32, d: u32) -> Option<Timestamp> {
    if !(1990..=2040).contains(&y) {
        return None;
    }
    Timestamp::date(y as u16, u8::try_from(m).ok()?, u8::try_from(d).ok()?)
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// Value and digit count.
    Num(u32, usize),
    /// Lower-cased word, trailing dot removed.
    Word(String),
    Punct(char),
}

/// CJK date markers stand alone: they are glued to the digits.
fn is_cjk_marker(c: char) -> bool {
    matches!(
        c,
        '年' | '月' | '日' | '년' | '월' | '일' | '时' | '時' | '分' | '号'
    )
}

/// Punctuation outside ASCII that separates words in dates.
const WIDE_PUNCT: &str = "\u{a0}–—«»“”„‘’·•|\u{200b}\u{200e}\u{200f}،";

fn is_word_char(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_ascii_punctuation()
        || c.is_ascii_digit()
        || is_cjk_marker(c)
        || WIDE_PUNCT.contains(c))
}

fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_ascii_digit() {
            let mut end = start + 1;
            while let Some(&(i, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                end = i + 1;
                chars.next();
            }
            let digits = &text[start..end];
            // Long digit runs are ids, not date parts.
            let value = if digits.len() <= 9 {
                digits.parse().unwrap_or(u32::MAX)
            } else {
                u32::MAX
            };
            out.push(Tok::Num(value, digits.len()));
        } else if is_word_char(c) {
            let mut end = start + c.len_utf8();
            while let Some(&(i, d)) = chars.peek() {
                if !is_word_char(d) {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            out.push(Tok::Word(text[start..end].to_lowercase()));
        } else if c.is_whitespace() || c == '\u{a0}' || c == '\u{200b}' {
            continue;
        } else {
            out.push(Tok::Punct(c));
        }
    }
    out
}

/// Words and punctuation that may sit between day, month and year.
fn is_filler(t: &Tok) -> bool {
    match t {
        Tok::Punct(c) => matches!(c, ',' | '.' | '-' | '/' | '–' | '\''),
        Tok::Word(w) => matches!(
            w.as_str(),
            "de" | "del"
                | "of"
                | "the"
                | "st"
                | "nd"
                | "rd"
                | "th"
                | "er"
                | "d"
                | "m"
                | "го"
                | "-го"
                | "º"
                | "ª"
        ),
        Tok::Num(..) => false,
    }
}

fn skip_fillers(t: &[Tok], mut i: usize, max: usize) -> usize {
    let mut n = 0;
    while i < t.len() && n < max && is_filler(&t[i]) {
        i += 1;
        n += 1;
    }
    i
}

fn day_at(t: &[Tok], i: usize) -> Option<u32> {
    match t.get(i)? {
        Tok::Num(v, len) if *len <= 2 && (1..=31).contains(v) => Some(*v),
        _ => None,
    }
}

/// A four-digit year; Buddhist-era years (Thai pages) are converted.
fn year_at(t: &[Tok], i: usize) -> Option<u32> {
    match t.get(i)? {
        Tok::Num(v, 4) if (1990..=2040).contains(v) => Some(*v),
        Tok::Num(v, 4) if (2533..=2583).contains(v) => Some(v - 543),
        _ => None,
    }
}

fn month_word_at(t: &[Tok], i: usize) -> Option<u32> {
    match t.get(i)? {
        Tok::Word(w) => month_of(w),
        _ => None,
    }
}

fn punct_at(t: &[Tok], i: usize) -> Option<char> {
    match t.get(i)? {
        Tok::Punct(c) => Some(*c),
        _ => None,
    }
}

/// A date starting at token `i`, with the time that follows it.
fn match_at(t: &[Tok], i: usize, mdy: bool) -> Option<Timestamp> {
    // A number glued to a preceding number by '.', '/', '-' or ':' is the
    // tail of something else (a phone number, a version, a time).
    if i >= 2
        && matches!(t[i - 1], Tok::Punct('.' | '/' | '-' | ':'))
        && matches!(t[i - 2], Tok::Num(..))
    {
        return None;
    }
    let (date, next) = numeric_ymd(t, i)
        .or_else(|| numeric_dmy(t, i, mdy))
        .or_else(|| day_month_year(t, i))
        .or_else(|| month_day_year(t, i))
        .or_else(|| year_month_day(t, i))
        .or_else(|| cjk(t, i))?;
    Some(attach_time(t, next, date))
}

/// `2019-12-09`, `2019/12/09`, `2019.12.09`, `2019. 12. 9.`
fn numeric_ymd(t: &[Tok], i: usize) -> Option<(Timestamp, usize)> {
    let y = year_at(t, i)?;
    let sep = punct_at(t, i + 1).filter(|c| matches!(c, '-' | '/' | '.'))?;
    let m = day_at(t, i + 2)?;
    if punct_at(t, i + 3) != Some(sep) {
        return None;
    }
    let d = day_at(t, i + 4)?;
    if trailing_number(t, i + 5) {
        return None;
    }
    Some((plausible(y, m, d)?, i + 5))
}

/// True when a date is followed by more `.`/`/`-joined digits (an IP or version).
fn trailing_number(t: &[Tok], i: usize) -> bool {
    matches!(t.get(i), Some(Tok::Punct('.' | '/' | '-')))
        && matches!(t.get(i + 1), Some(Tok::Num(..)))
        && !matches!(t.get(i + 2), Some(Tok::Punct(':')))
}

/// `09.12.2019`, `9/12/2019`, `09-12-2019`, `09.12.19` (dots only).
fn numeric_dmy(t: &[Tok], i: usize, mdy: bool) -> Option<(Timestamp, usize)> {
    let a = day_at(t, i)?;
    let sep = punct_at(t, i + 1).filter(|c| matches!(c, '-' | '/' | '.'))?;
    let b = day_at(t, i + 2)?;
    if punct_at(t, i + 3) != Some(sep) {
        return None;
    }
    let y = match t.get(i + 4)? {
        Tok::Num(v, 2) if sep == '.' => {
            // Two-digit years only with dots and nothing number-like after.
            if trailing_number(t, i + 5) {
                return None;
            }
            2000 + v
        }
        _ => year_at(t, i + 4)?,
    };
    if trailing_number(t, i + 5) {
        return None;
    }
    let (d, m) = if a > 12 {
        (a, b)
    } else if b > 12 || (mdy && sep == '/') {
        (b, a)
    } else {
        (a, b)
    };
    Some((plausible(y, m, d)?, i + 5))
}

/// `9 décembre 2019`, `9. Dezember 2019`, `9 de diciembre de 2019`, `09 Dec 2019`.
fn day_month_year(t: &[Tok], i: usize) -> Option<(Timestamp, usize)> {
    let d = day_at(t, i)?;
    let j = skip_fillers(t, i + 1, 2);
    let m = month_word_at(t, j)?;
    let mut k = skip_fillers(t, j + 1, 3);
    // A second name of the same month: Levantine pages write the Syriac
    // and the Gregorian name ("24 نيسان / أبريل 2020").
    if month_word_at(t, k) == Some(m) {
        k = skip_fillers(t, k + 1, 3);
    }
    let y = year_at(t, k)?;
    Some((plausible(y, m, d)?, k + 1))
}

/// `December 9, 2019`, `Dec. 9th 2019`.
fn month_day_year(t: &[Tok], i: usize) -> Option<(Timestamp, usize)> {
    let m = month_word_at(t, i)?;
    let j = skip_fillers(t, i + 1, 1);
    let d = day_at(t, j)?;
    let k = skip_fillers(t, j + 1, 3);
    let y = year_at(t, k)?;
    Some((plausible(y, m, d)?, k + 1))
}

/// `2019. december 9.` (Hungarian), `2019 m. gruodžio 9 d.` (Lithuanian).
fn year_month_day(t: &[Tok], i: usize) -> Option<(Timestamp, usize)> {
    let y = year_at(t, i)?;
    let j = skip_fillers(t, i + 1, 3);
    let m = month_word_at(t, j)?;
    let k = skip_fillers(t, j + 1, 1);
    let d = day_at(t, k)?;
    if matches!(t.get(k + 1), Some(Tok::Num(..))) {
        return None;
    }
    Some((plausible(y, m, d)?, k + 1))
}

/// `2019年12月9日`, `2019년 12월 9일`.
fn cjk(t: &[Tok], i: usize) -> Option<(Timestamp, usize)> {
    let y = year_at(t, i)?;
    if !matches!(punct_at(t, i + 1), Some('年' | '년')) {
        return None;
    }
    let m = day_at(t, i + 2)?;
    if !matches!(punct_at(t, i + 3), Some('月' | '월')) {
        return None;
    }
    let d = day_at(t, i + 4)?;
    let end = if matches!(punct_at(t, i + 5), Some('日' | '일' | '号')) {
        i + 6
    } else {
        i + 5
    };
    Some((plausible(y, m, d)?, end))
}

/// Words that may introduce a time after a date ("at", "um", "à", "в").
fn is_time_intro(t: &Tok) -> bool {
    match t {
        Tok::Punct(c) => matches!(c, ',' | '-' | '|' | '–' | '—' | '/' | 'T' | '(' | '@'),
        Tok::Word(w) => matches!(
            w.as_str(),
            "at" | "um"
                | "à"
                | "a"
                | "las"
                | "la"
                | "às"
                | "alle"
                | "ore"
                | "om"
                | "в"
                | "о"
                | "saat"
                | "kl"
                | "klo"
                | "godz"
                | "u"
                | "o"
                | "t"
                | "г"
                | "р"
                | "року"
                | "года"
                | "yil"
                | "ob"
                | "kell"
                | "kello"
                | "hrs"
                | "h"
                | "horas"
                | "time"
                | "update"
                | "updated"
                | "published"
        ),
        Tok::Num(..) => false,
    }
}

fn attach_time(t: &[Tok], mut i: usize, date: Timestamp) -> Timestamp {
    let mut skipped = 0;
    while i < t.len() && skipped < 4 && is_time_intro(&t[i]) && is_meridiem(t, i).is_none() {
        i += 1;
        skipped += 1;
    }
    // Keep the words "am"/"pm" out of the intro set above when they follow a time.
    let Some(Tok::Num(h, hl)) = t.get(i) else {
        return date;
    };
    if *hl > 2
        || !matches!(punct_at(t, i + 1), Some(':' | 'h'))
            && !matches!(t.get(i + 1), Some(Tok::Word(w)) if w == "h")
    {
        return date;
    }
    let Some(Tok::Num(min, 2)) = t.get(i + 2) else {
        return date;
    };
    let mut hour = *h;
    let mut j = i + 3;
    let mut sec = 0;
    if punct_at(t, j) == Some(':') {
        // Some CMSs drop the leading zero of seconds ("23:15:0Z").
        if let Some(Tok::Num(s, 1 | 2)) = t.get(j + 1) {
            sec = *s;
            j += 2;
            // Fractional seconds.
            if punct_at(t, j) == Some('.') && matches!(t.get(j + 1), Some(Tok::Num(..))) {
                j += 2;
            }
        }
    }
    if let Some(n) = is_meridiem(t, j) {
        let pm = matches!(&t[j], Tok::Word(w) if w.starts_with('p'));
        if hour == 0 || hour > 12 {
            return date;
        }
        hour = match (pm, hour) {
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, 12) => 0,
            (false, h) => h,
        };
        j += n;
    }
    let Some(stamp) = date.with_time(hour as u8, *min as u8, sec as u8) else {
        return date;
    };
    match zone_at(t, j, &date) {
        Some(off) => stamp.with_offset(off).unwrap_or(stamp),
        None => stamp,
    }
}

/// "am", "pm", "a.m.", "p.m." at `i`: the number of tokens they span.
fn is_meridiem(t: &[Tok], i: usize) -> Option<usize> {
    match t.get(i)? {
        Tok::Word(w) if matches!(w.as_str(), "am" | "pm" | "a.m" | "p.m") => {
            Some(1 + usize::from(punct_at(t, i + 1) == Some('.')))
        }
        Tok::Word(w) if w == "a" || w == "p" => {
            if punct_at(t, i + 1) == Some('.')
                && matches!(t.get(i + 2), Some(Tok::Word(m)) if m == "m")
            {
                Some(3 + usize::from(punct_at(t, i + 3) == Some('.')))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// A UTC offset after a time: `Z`, `+02:00`, `+0200`, `GMT+2`, `UTC`, `ET`.
fn zone_at(t: &[Tok], i: usize, date: &Timestamp) -> Option<i16> {
    let signed = |j: usize| -> Option<i16> {
        let sign = match punct_at(t, j)? {
            '+' => 1,
            '-' | '−' => -1,
            _ => return None,
        };
        let Tok::Num(v, len) = t.get(j + 1)? else {
            return None;
        };
        let (h, m) = match (len, punct_at(t, j + 2), t.get(j + 3)) {
            (1 | 2, Some(':'), Some(Tok::Num(m, 2))) => (*v, *m),
            (1 | 2, ..) => (*v, 0),
            (4, ..) => (v / 100, v % 100),
            _ => return None,
        };
        (h <= 14 && m < 60).then(|| sign * (h * 60 + m) as i16)
    };
    if let Some(off) = signed(i) {
        return Some(off);
    }
    let Tok::Word(w) = t.get(i)? else { return None };
    // US zones change with daylight saving time: roughly mid-March to early November.
    let dst = (date.month > 3 && date.month < 11)
        || (date.month == 3 && date.day >= 14)
        || (date.month == 11 && date.day < 7);
    let us = |std: i16| Some(if dst { std + 60 } else { std });
    match w.as_str() {
        "z" | "utc" | "gmt" => signed(i + 1).or(Some(0)),
        "et" => us(-300),
        "est" => Some(-300),
        "edt" => Some(-240),
        "ct" => us(-360),
        "cst" => Some(-360),
        "cdt" => Some(-300),
        "mt" => us(-420),
        "mst" => Some(-420),
        "mdt" => Some(-360),
        "pt" => us(-480),
        "pst" => Some(-480),
        "pdt" => Some(-420),
        "bst" => Some(60),
        "cet" | "mez" => Some(60),
        "cest" | "mesz" => Some(120),
        "eet" => Some(120),
        "eest" => Some(180),
        "msk" | "мск" => Some(180),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
