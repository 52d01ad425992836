use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A publication or modification time as precise as the page states it:
/// a date alone, a local date-time, or a date-time with UTC offset.
///
/// Serialises as ISO 8601: `2019-12-09`, `2019-12-09T17:34:00`,
/// `2019-12-09T17:34:00+02:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp {
    /// Four-digit year.
    pub year: u16,
    /// 1-12.
    pub month: u8,
    /// 1-31.
    pub day: u8,
    /// Time of day `(hour, minute, second)` when known.
    pub time: Option<(u8, u8, u8)>,
    /// UTC offset in minutes when known (only with a time).
    pub offset_minutes: Option<i16>,
}

impl Timestamp {
    /// Days since 1970-01-01 of the stated date (its time and offset
    /// ignored): see [`crate::calendar`].
    pub fn day_number(&self) -> i64 {
        crate::calendar::days_from_civil(
            i64::from(self.year),
            u32::from(self.month),
            u32::from(self.day),
        )
    }

    /// A date alone, if it is a real calendar date.
    pub fn date(year: u16, month: u8, day: u8) -> Option<Self> {
        (is_valid_date(year, month, day)).then_some(Self {
            year,
            month,
            day,
            time: None,
            offset_minutes: None,
        })
    }

    /// Adds a time of day, if valid.
    pub fn with_time(mut self, hour: u8, minute: u8, second: u8) -> Option<Self> {
        if hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        self.time = Some((hour, minute, second.min(59)));
        Some(self)
    }

    /// Adds a UTC offset (minutes east of UTC), if plausible.
    pub fn with_offset(mut self, minutes: i16) -> Option<Self> {
        if self.time.is_none() || minutes.abs() > 14 * 60 {
            return None;
        }
        self.offset_minutes = Some(minutes);
        Some(self)
    }

    /// The date part alone.
    pub fn date_only(self) -> Self {
        Self {
            time: None,
            offset_minutes: None,
            ..self
        }
    }

    /// Parses one end of a date range given as `2019`, `2019-12` or a full
    /// ISO date: a year or month stands for its first day, or for its last
    /// day when `end` is true (so `--to 2019-12` takes in all of December).
    pub fn parse_range_bound(text: &str, end: bool) -> Option<Self> {
        let text = text.trim();
        let parts: Vec<&str> = text.split('-').collect();
        let number = |s: &str| s.parse::<u16>().ok();
        match parts.as_slice() {
            [y] => number(y).and_then(|y| {
                if end {
                    Self::date(y, 12, 31)
                } else {
                    Self::date(y, 1, 1)
                }
            }),
            [y, m] => number(y).zip(number(m)).and_then(|(y, m)| {
                let m = u8::try_from(m).ok()?;
                if end {
                    (28..=31).rev().find_map(|d| Self::date(y, m, d))
                } else {
                    Self::date(y, m, 1)
                }
            }),
            _ => Self::parse_iso(text),
        }
    }

    /// Parses the ISO 8601 forms this type prints (and common relatives:
    /// `Z`, `+0200`, fractional seconds, a space instead of `T`).
    pub fn parse_iso(s: &str) -> Option<Self> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year = digits(&b[0..4])? as u16;
        let month = digits(&b[5..7])? as u8;
        let day = digits(&b[8..10])? as u8;
        let date = Self::date(year, month, day)?;
        let rest = &b[10..];
        if rest.is_empty() {
            return Some(date);
        }
        if !(rest[0] == b'T' || rest[0] == b't' || rest[0] == b' ') || rest.len() < 6 {
            return Some(date);
        }
        let t = &rest[1..];
        if t[2] != b':' {
            return Some(date);
        }
        let hour = digits(&t[0..2])? as u8;
        let minute = digits(&t[3..5])? as u8;
        let mut i = 5;
        let mut second = 0;
        if t.len() >= 8 && t[5] == b':' {
            second = digits(&t[6..8])? as u8;
            i = 8;
            if t.get(i) == Some(&b'.') || t.get(i) == Some(&b',') {
                i += 1;
                while t.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
            }
        }
        let stamp = date.with_time(hour, minute, second)?;
        let zone = &t[i..];
        Some(match parse_offset(zone) {
            Some(minutes) => stamp.with_offset(minutes).unwrap_or(stamp),
            None => stamp,
        })
    }
}

fn parse_offset(zone: &[u8]) -> Option<i16> {
    let zone = zone.trim_ascii();
    match zone {
        b"Z" | b"z" => return Some(0),
        [] => return None,
        _ => {}
    }
    let sign = match zone[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let rest: Vec<u8> = zone[1..].iter().copied().filter(|c| *c != b':').collect();
    let (h, m) = match rest.len() {
        2 => (digits(&rest)?, 0),
        4 => (digits(&rest[0..2])?, digits(&rest[2..4])?),
        _ => return None,
    };
    Some(sign * (h * 60 + m) as i16)
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0, |acc, d| acc * 10 + u32::from(d - b'0')))
}

fn is_valid_date(year: u16, month: u8, day: u8) -> bool {
    if !(1..=12).contains(&month) || day == 0 || !(1000..=9999).contains(&year) {
        return false;
    }
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    day <= days
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)?;
        if let Some((h, m, s)) = self.time {
            write!(f, "T{h:02}:{m:02}:{s:02}")?;
            if let Some(off) = self.offset_minutes {
                if off == 0 {
                    f.write_str("Z")?;
                } else {
                    let sign = if off < 0 { '-' } else { '+' };
                    let off = off.unsigned_abs();
                    write!(f, "{sign}{:02}:{:02}", off / 60, off % 60)?;
                }
            }
        }
        Ok(())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Timestamp::parse_iso(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("not an ISO 8601 date: {s:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_bounds_widen_years_and_months() {
        let bound = |text, end| Timestamp::parse_range_bound(text, end).map(|t| t.to_string());
        assert_eq!(bound("2019", false).as_deref(), Some("2019-01-01"));
        assert_eq!(bound("2019", true).as_deref(), Some("2019-12-31"));
        assert_eq!(bound("2020-02", true).as_deref(), Some("2020-02-29"));
        assert_eq!(bound("2019-12-09", true).as_deref(), Some("2019-12-09"));
        assert_eq!(bound("last week", false), None);
        assert_eq!(bound("2019-13", false), None);
    }

    #[test]
    fn round_trips_the_printed_forms() {
        for s in [
            "2019-12-09",
            "2019-12-09T17:34:00",
            "2019-12-09T17:34:00+02:00",
            "2020-01-01T00:00:00Z",
            "2020-01-01T00:00:00-05:30",
        ] {
            assert_eq!(Timestamp::parse_iso(s).unwrap().to_string(), s);
        }
    }

    #[test]
    fn accepts_common_relatives() {
        assert_eq!(
            Timestamp::parse_iso("2019-12-09 17:34")
                .unwrap()
                .to_string(),
            "2019-12-09T17:34:00"
        );
        assert_eq!(
            Timestamp::parse_iso("2019-12-09T17:34:00.123+0200")
                .unwrap()
                .to_string(),
            "2019-12-09T17:34:00+02:00"
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(Timestamp::parse_iso("2019-02-30").is_none());
        assert!(Timestamp::parse_iso("2019-13-01").is_none());
        assert!(Timestamp::parse_iso("20191209").is_none());
        assert!(Timestamp::date(2020, 2, 29).is_some());
        assert!(Timestamp::date(2019, 2, 29).is_none());
    }
}
