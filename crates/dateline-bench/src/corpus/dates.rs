//! Dates: the moments written into documents and WARC headers (seconds
//! since 1970, civil dates from `dateline_model::calendar`), the span the
//! publication dates fall in, and the ISO dates recognised in templates
//! (which become date slots).

use dateline_model::calendar::civil_from_days;

/// A moment as seconds since 1970.
#[derive(Debug, Clone, Copy)]
pub(super) struct Moment(pub(super) i64);

impl Moment {
    pub(super) fn ymd(self) -> (i64, u32, u32) {
        civil_from_days(self.0.div_euclid(86_400))
    }
    pub(super) fn date(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}-{m:02}-{d:02}")
    }
    pub(super) fn datetime(self) -> String {
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

pub(super) const FIRST_DAY: (i64, u32, u32) = (2015, 1, 1);
pub(super) const SPAN_DAYS: i64 = 3653; // 2015-01-01 ..= 2024-12-31

/// An ISO date (`YYYY-MM-DD`, optionally with time and zone) at `i`:
/// its length and whether it had a time.
pub(super) fn iso_at(b: &[u8], i: usize) -> Option<(usize, bool)> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_model::calendar::days_from_civil;

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
}
