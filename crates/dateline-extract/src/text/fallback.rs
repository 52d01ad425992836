//! TEMPORARY minimal fallbacks for the shared helpers
//! [`crate::dates::parse_date`] and [`crate::byline::parse_byline`], which
//! are stubs on this branch. They are consulted only when the shared helper
//! returns nothing, cover just the English dateline and byline shapes of
//! text dumps, and should be deleted once the shared helpers land.

use dateline_model::Timestamp;

use super::kind::month_number;

/// "DECEMBER 9, 2019 17:34", "20 Nov, 2019 05:47", "November 20, 2019".
pub(crate) fn parse_date(text: &str) -> Option<Timestamp> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_matches('.'))
        .filter(|w| !w.is_empty())
        .collect();
    let (mut year, mut month, mut day, mut time) = (None, None, None, None);
    let number = |w: Option<&&str>| w.is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
    for (i, w) in words.iter().enumerate() {
        // A month name counts beside a number only ("Laura June Topolsky
        // July 10, 2015" is in July).
        let dated = number(words.get(i + 1)) || (i > 0 && number(words.get(i - 1)));
        if let Some(m) = month_number(w).filter(|_| dated) {
            month = month.or(Some(m));
        } else if let Some((h, m)) = w.split_once(':') {
            let (h, m) = (
                h.parse::<u8>().ok(),
                m.get(..2).and_then(|m| m.parse::<u8>().ok()),
            );
            time = time.or(h.zip(m));
        } else if let Ok(n) = w
            .trim_end_matches(['s', 't', 'n', 'd', 'h', 'r'])
            .parse::<u16>()
        {
            if (1900..=2100).contains(&n) && w.len() == 4 {
                year = year.or(Some(n));
            } else if (1..=31).contains(&n) {
                day = day.or(Some(n as u8));
            }
        }
    }
    let mut stamp = Timestamp::date(year?, month?, day?)?;
    if let Some((h, m)) = time {
        let pm = words.iter().any(|w| *w == "pm" || *w == "p.m");
        let h = if pm && h < 12 { h + 12 } else { h };
        stamp = stamp.with_time(h, m, 0).unwrap_or(stamp);
    }
    Some(stamp)
}

/// Names after a byline prefix: "SETH J. FRANTZMAN" -> ["Seth J. Frantzman"].
/// What follows the names (a date, "Updated", a role after " - " or "|")
/// is cut off; parts that are not name-like (credentials, agencies in one
/// word) are dropped.
pub(crate) fn byline_names(rest: &str) -> Vec<String> {
    // The names end where a date, a time or an update note begins.
    let mut end = rest.len();
    for (i, w) in word_starts(rest) {
        let lower = w.to_lowercase();
        let lower = lower.trim_matches(|c: char| !c.is_alphanumeric());
        if w.starts_with(|c: char| c.is_ascii_digit())
            || month_number(lower).is_some()
            || matches!(
                lower,
                "on" | "updated" | "published" | "posted" | "follow" | "at"
            )
        {
            end = i;
            break;
        }
    }
    let rest = rest[..end].split([' ', '-']).collect::<Vec<_>>().join(" ");
    rest.split([',', '&', '|', '(', ')', '/'])
        .flat_map(|part| part.split(" and "))
        .map(|n| n.trim().trim_end_matches(['-', '–']).trim())
        .filter(|n| n.split_whitespace().count() >= 2 && n.split_whitespace().count() <= 4)
        .map(|n| crate::byline::normalize_person_name(n).unwrap_or_else(|| case_name(n)))
        .collect()
}

/// Byte offsets and words of `text`, split on spaces.
fn word_starts(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(' ').scan(0, |pos, w| {
        let start = *pos;
        *pos += w.len() + 1;
        Some((start, w))
    })
}

/// Title-cases an all-caps name, keeping names that already have mixed case.
fn case_name(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_owned();
    }
    name.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|f| {
                    f.to_uppercase()
                        .chain(cs.flat_map(char::to_lowercase))
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_datelines() {
        assert_eq!(
            parse_date("DECEMBER 9, 2019 17:34").unwrap().to_string(),
            "2019-12-09T17:34:00"
        );
        assert_eq!(
            parse_date("1:39 am EST, Wednesday, November 20, 2019")
                .unwrap()
                .to_string(),
            "2019-11-20T01:39:00"
        );
        assert_eq!(
            parse_date("October 9, 2018 at 4:02 pm")
                .unwrap()
                .to_string(),
            "2018-10-09T16:02:00"
        );
        assert_eq!(
            parse_date("20 Nov, 2019").unwrap().to_string(),
            "2019-11-20"
        );
        assert_eq!(parse_date("no date"), None);
        assert_eq!(
            parse_date("by Laura June Topolsky July 10, 2015")
                .unwrap()
                .to_string(),
            "2015-07-10"
        );
    }

    #[test]
    fn cases_names() {
        assert_eq!(byline_names("SETH J. FRANTZMAN"), ["Seth J. Frantzman"]);
        assert_eq!(byline_names("Ann Lee and BOB RAY"), ["Ann Lee", "Bob Ray"]);
        assert_eq!(
            byline_names("Joseph Tsidulko November 19, 2019, 07:47 PM EST"),
            ["Joseph Tsidulko"]
        );
        assert_eq!(
            byline_names("Umair Irfan Updated Nov 13, 2019"),
            ["Umair Irfan"]
        );
        assert_eq!(byline_names("Rachael Link, MS, RD"), ["Rachael Link"]);
    }
}
