//! Calendar arithmetic for the `published` fast field: dates are kept as
//! local seconds since 1970-01-01 (the date and time the page states, its
//! UTC offset ignored), so that filters, histograms and facets agree with
//! the date a reader sees on the page.

pub(crate) use dateline_model::calendar::{civil_from_days, days_from_civil};
use dateline_model::Timestamp;

use crate::Interval;

const SECONDS_PER_DAY: i64 = 86_400;

/// The day number of a timestamp's date.
pub(crate) fn day_of(stamp: &Timestamp) -> i64 {
    stamp.day_number()
}

/// The value of the `published` field for a timestamp.
pub(crate) fn local_seconds(stamp: &Timestamp) -> i64 {
    let (h, m, s) = stamp.time.unwrap_or((0, 0, 0));
    day_of(stamp) * SECONDS_PER_DAY + i64::from(h) * 3600 + i64::from(m) * 60 + i64::from(s)
}

/// The first second of a timestamp's day.
pub(crate) fn start_of_day(stamp: &Timestamp) -> i64 {
    day_of(stamp) * SECONDS_PER_DAY
}

/// The first second after a timestamp's day: `to` bounds include the day.
pub(crate) fn end_of_day(stamp: &Timestamp) -> i64 {
    (day_of(stamp) + 1) * SECONDS_PER_DAY
}

/// The day number of a `published` value.
pub(crate) fn day_of_seconds(seconds: i64) -> i64 {
    seconds.div_euclid(SECONDS_PER_DAY)
}

/// The first day of the bucket a day falls in (weeks start on Monday).
pub(crate) fn bucket_start(day: i64, interval: Interval) -> i64 {
    match interval {
        Interval::Day => day,
        // 1970-01-01 was a Thursday: Monday is 3 days before.
        Interval::Week => day - (day + 3).rem_euclid(7),
        Interval::Month => {
            let (y, m, _) = civil_from_days(day);
            days_from_civil(y, m, 1)
        }
        Interval::Year => {
            let (y, _, _) = civil_from_days(day);
            days_from_civil(y, 1, 1)
        }
    }
}

/// The key of the bucket starting on `day`: `2019-12-09` (day, week's
/// Monday), `2019-12` (month) or `2019` (year).
pub(crate) fn bucket_key(day: i64, interval: Interval) -> String {
    let (y, m, d) = civil_from_days(day);
    match interval {
        Interval::Day | Interval::Week => format!("{y:04}-{m:02}-{d:02}"),
        Interval::Month => format!("{y:04}-{m:02}"),
        Interval::Year => format!("{y:04}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        for day in [-800_000, -1, 0, 59, 10_000, 18_239, 2_932_896] {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
    }

    #[test]
    fn buckets_start_on_mondays_months_and_years() {
        // 2019-12-12 was a Thursday; its week began on Monday the 9th.
        let day = days_from_civil(2019, 12, 12);
        assert_eq!(
            bucket_key(bucket_start(day, Interval::Week), Interval::Week),
            "2019-12-09"
        );
        let monday = days_from_civil(2019, 12, 9);
        assert_eq!(bucket_start(monday, Interval::Week), monday);
        assert_eq!(
            bucket_key(bucket_start(day, Interval::Day), Interval::Day),
            "2019-12-12"
        );
        assert_eq!(
            bucket_key(bucket_start(day, Interval::Month), Interval::Month),
            "2019-12"
        );
        assert_eq!(
            bucket_key(bucket_start(day, Interval::Year), Interval::Year),
            "2019"
        );
    }

    #[test]
    fn local_seconds_ignore_the_offset() {
        let stamp = Timestamp::parse_iso("2019-12-09T23:30:00-05:00").unwrap();
        assert_eq!(
            day_of_seconds(local_seconds(&stamp)),
            days_from_civil(2019, 12, 9)
        );
        assert!(local_seconds(&stamp) < end_of_day(&stamp));
        assert!(local_seconds(&stamp) >= start_of_day(&stamp));
    }
}
