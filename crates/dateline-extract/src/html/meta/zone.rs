//! The publisher's local time for timestamps declared in UTC.
//!
//! Many CMSs declare `2020-08-25T00:23:33Z` for an article their readers
//! saw dated August 24 (evening, in Montreal). The instant is right but its
//! date is not the one the page shows. When a page declares a UTC time, it
//! is re-expressed in the publisher's likely zone, guessed from the
//! country-code TLD or, for generic TLDs, the page language. The instant is
//! unchanged; only the offset it is written with changes.

use dateline_model::Timestamp;

/// Standard-time offsets (minutes) and daylight-saving rule per country TLD.
const TLD_ZONES: &[(&str, i16, Dst)] = &[
    ("ca", -300, Dst::Us),
    ("us", -300, Dst::Us),
    ("mx", -360, Dst::None),
    ("br", -180, Dst::None),
    ("ar", -180, Dst::None),
    ("cl", -240, Dst::None),
    ("co", -300, Dst::None),
    ("pe", -300, Dst::None),
    ("uk", 0, Dst::Eu),
    ("ie", 0, Dst::Eu),
    ("pt", 0, Dst::Eu),
    ("fr", 60, Dst::Eu),
    ("de", 60, Dst::Eu),
    ("it", 60, Dst::Eu),
    ("es", 60, Dst::Eu),
    ("nl", 60, Dst::Eu),
    ("be", 60, Dst::Eu),
    ("at", 60, Dst::Eu),
    ("ch", 60, Dst::Eu),
    ("pl", 60, Dst::Eu),
    ("cz", 60, Dst::Eu),
    ("sk", 60, Dst::Eu),
    ("hu", 60, Dst::Eu),
    ("hr", 60, Dst::Eu),
    ("si", 60, Dst::Eu),
    ("rs", 60, Dst::Eu),
    ("ba", 60, Dst::Eu),
    ("se", 60, Dst::Eu),
    ("no", 60, Dst::Eu),
    ("dk", 60, Dst::Eu),
    ("fi", 120, Dst::Eu),
    ("ee", 120, Dst::Eu),
    ("lv", 120, Dst::Eu),
    ("lt", 120, Dst::Eu),
    ("ua", 120, Dst::Eu),
    ("ro", 120, Dst::Eu),
    ("bg", 120, Dst::Eu),
    ("gr", 120, Dst::Eu),
    ("cy", 120, Dst::Eu),
    ("ru", 180, Dst::None),
    ("by", 180, Dst::None),
    ("tr", 180, Dst::None),
    ("az", 240, Dst::None),
    ("ge", 240, Dst::None),
    ("am", 240, Dst::None),
    ("in", 330, Dst::None),
    ("pk", 300, Dst::None),
    ("bd", 360, Dst::None),
    ("th", 420, Dst::None),
    ("vn", 420, Dst::None),
    ("id", 420, Dst::None),
    ("cn", 480, Dst::None),
    ("tw", 480, Dst::None),
    ("hk", 480, Dst::None),
    ("sg", 480, Dst::None),
    ("my", 480, Dst::None),
    ("ph", 480, Dst::None),
    ("jp", 540, Dst::None),
    ("kr", 540, Dst::None),
    ("au", 600, Dst::None),
    ("nz", 720, Dst::None),
    ("za", 120, Dst::None),
    ("eg", 120, Dst::None),
    ("ng", 60, Dst::None),
    ("ke", 180, Dst::None),
];

/// Languages mostly published from one zone, for generic TLDs (.com, .org...).
/// Spanish, Portuguese, Arabic and the like span continents: no guess.
const LANGUAGE_ZONES: &[(&str, i16, Dst)] = &[
    ("en", -300, Dst::Us),
    ("fr", 60, Dst::Eu),
    ("de", 60, Dst::Eu),
    ("it", 60, Dst::Eu),
    ("nl", 60, Dst::Eu),
    ("pl", 60, Dst::Eu),
    ("cs", 60, Dst::Eu),
    ("sk", 60, Dst::Eu),
    ("hu", 60, Dst::Eu),
    ("hr", 60, Dst::Eu),
    ("sv", 60, Dst::Eu),
    ("da", 60, Dst::Eu),
    ("nb", 60, Dst::Eu),
    ("fi", 120, Dst::Eu),
    ("uk", 120, Dst::Eu),
    ("ro", 120, Dst::Eu),
    ("bg", 120, Dst::Eu),
    ("el", 120, Dst::Eu),
    ("ru", 180, Dst::None),
    ("tr", 180, Dst::None),
    ("ja", 540, Dst::None),
    ("ko", 540, Dst::None),
    ("zh", 480, Dst::None),
    ("th", 420, Dst::None),
    ("vi", 420, Dst::None),
    ("id", 420, Dst::None),
    ("hi", 330, Dst::None),
];

#[derive(Clone, Copy)]
enum Dst {
    None,
    /// Second Sunday of March to first Sunday of November (approximated by day of month).
    Us,
    /// Last Sunday of March to last Sunday of October (approximated by day of month).
    Eu,
}

/// `ts` written in the publisher's zone, when it is a UTC time and the zone can be guessed.
pub(crate) fn localize(ts: Timestamp, host: Option<&str>, language: Option<&str>) -> Timestamp {
    if ts.offset_minutes != Some(0) || ts.time.is_none() {
        return ts;
    }
    let tld = host.and_then(|h| h.rsplit('.').next()).unwrap_or("");
    let zone = TLD_ZONES.iter().find(|(t, ..)| *t == tld).or_else(|| {
        let generic = matches!(
            tld,
            "com" | "org" | "net" | "info" | "news" | "co" | "io" | "tv" | ""
        );
        generic
            .then(|| language.and_then(|l| LANGUAGE_ZONES.iter().find(|(code, ..)| *code == l)))
            .flatten()
    });
    let Some(&(_, standard, dst)) = zone else {
        return ts;
    };
    let summer = match dst {
        Dst::None => false,
        Dst::Us => {
            (4..=10).contains(&ts.month)
                || (ts.month == 3 && ts.day >= 10)
                || (ts.month == 11 && ts.day < 4)
        }
        Dst::Eu => {
            (4..=9).contains(&ts.month)
                || (ts.month == 3 && ts.day >= 28)
                || (ts.month == 10 && ts.day < 28)
        }
    };
    let offset = standard + if summer { 60 } else { 0 };
    shift(ts, offset).unwrap_or(ts)
}

/// The same instant written with `offset` minutes east of UTC.
fn shift(ts: Timestamp, offset: i16) -> Option<Timestamp> {
    let (h, m, s) = ts.time?;
    let minutes = i64::from(h) * 60 + i64::from(m) + i64::from(offset);
    let day_shift = minutes.div_euclid(1440);
    let minutes = minutes.rem_euclid(1440);
    let (y, mo, d) = crate::dates::civil_from_days(ts.day_number() + day_shift);
    Timestamp::date(u16::try_from(y).ok()?, mo, d)?
        .with_time((minutes / 60) as u8, (minutes % 60) as u8, s)?
        .with_offset(offset)
}

/// Whole days from `a` to `b`.
pub(crate) fn days_between(a: Timestamp, b: Timestamp) -> i64 {
    b.day_number() - a.day_number()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        Timestamp::parse_iso(s).unwrap()
    }

    #[test]
    fn utc_times_move_to_the_publisher_zone() {
        assert_eq!(
            localize(
                ts("2020-08-25T00:23:33Z"),
                Some("ici.radio-canada.ca"),
                Some("fr")
            )
            .to_string(),
            "2020-08-24T20:23:33-04:00"
        );
        assert_eq!(
            localize(ts("2020-12-05T23:15:00Z"), Some("lagazzetta.it"), None).to_string(),
            "2020-12-06T00:15:00+01:00"
        );
        assert_eq!(
            localize(ts("2020-05-02T02:54:29Z"), Some("abc7ny.com"), Some("en")).to_string(),
            "2020-05-01T22:54:29-04:00"
        );
        assert_eq!(
            localize(ts("2020-12-31T23:00:00Z"), Some("x.ru"), None).to_string(),
            "2021-01-01T02:00:00+03:00"
        );
    }

    #[test]
    fn other_times_are_kept() {
        assert_eq!(
            localize(ts("2020-08-25T00:23:33+02:00"), Some("x.ca"), None).to_string(),
            "2020-08-25T00:23:33+02:00"
        );
        assert_eq!(
            localize(ts("2020-08-25"), Some("x.ca"), None).to_string(),
            "2020-08-25"
        );
        assert_eq!(
            localize(ts("2020-08-25T00:23:33Z"), Some("x.com"), Some("es")).to_string(),
            "2020-08-25T00:23:33Z"
        );
        assert_eq!(days_between(ts("2020-02-28"), ts("2020-03-01")), 2);
    }
}
