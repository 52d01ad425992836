//! The date of an event: the article's, unless the sentence names a
//! weekday ("on Thursday": the last one on or before publication) or says
//! "yesterday".

use dateline_model::calendar::{civil_from_days, days_from_civil};
use dateline_model::Timestamp;

const WEEKDAYS: [&str; 7] = [
    "MONDAY",
    "TUESDAY",
    "WEDNESDAY",
    "THURSDAY",
    "FRIDAY",
    "SATURDAY",
    "SUNDAY",
];

/// `YYYY-MM-DD` of the event, or `None` without an article date.
pub fn event_date(words: &[&str], published: Option<Timestamp>) -> Option<String> {
    let day = published?.day_number();
    let mut event = day;
    if let Some(w) = words
        .iter()
        .find_map(|w| WEEKDAYS.iter().position(|d| d == w))
    {
        // 1970-01-01 was a Thursday (index 3).
        let published_weekday = (day + 3).rem_euclid(7);
        event = day - (published_weekday - w as i64).rem_euclid(7);
    } else if words.contains(&"YESTERDAY") {
        event = day - 1;
    }
    let (y, m, d) = civil_from_days(event);
    let _ = days_from_civil;
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_count_back_from_publication() {
        // 2019-12-09 was a Monday.
        let monday = Timestamp::date(2019, 12, 9);
        assert_eq!(
            event_date(&["ON", "THURSDAY"], monday).as_deref(),
            Some("2019-12-05")
        );
        assert_eq!(
            event_date(&["ON", "MONDAY"], monday).as_deref(),
            Some("2019-12-09")
        );
        assert_eq!(
            event_date(&["YESTERDAY"], monday).as_deref(),
            Some("2019-12-08")
        );
        assert_eq!(
            event_date(&["LATER"], monday).as_deref(),
            Some("2019-12-09")
        );
    }
}
