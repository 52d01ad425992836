//! The few calendar sums the pages need, without a date crate: RFC 3339
//! strings in, RSS (RFC 2822) and HTTP dates out.

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A parsed `YYYY-MM-DDTHH:MM:SS` with its offset as written (`Z`, `+02:00`).
struct Stamp {
    year: i64,
    month: u32,
    day: u32,
    time: String,
    offset: String,
}

fn parse(rfc3339: &str) -> Option<Stamp> {
    let s = rfc3339.trim();
    let number = |range: std::ops::Range<usize>| s.get(range)?.parse::<i64>().ok();
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    if s.get(4..5)? != "-" || s.get(7..8)? != "-" || !matches!(s.get(10..11)?, "T" | "t" | " ") {
        return None;
    }
    let time = s.get(11..19)?.to_string();
    let mut rest = &s[19..];
    if rest.starts_with('.') {
        rest = rest.trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    }
    let offset = match rest {
        "Z" | "z" | "" => "+0000".to_string(),
        _ => rest.replace(':', ""),
    };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(Stamp {
        year,
        month: month as u32,
        day: day as u32,
        time,
        offset,
    })
}

pub use dateline_model::calendar::{civil_from_days, days_from_civil};

fn weekday(days: i64) -> &'static str {
    // 1970-01-01 was a Thursday.
    DAYS[(days + 3).rem_euclid(7) as usize]
}

/// `2019-12-09T17:34:00+02:00` -> `Mon, 09 Dec 2019 17:34:00 +0200`, the
/// RSS `pubDate` form. Returns the input unchanged if it is not RFC 3339.
pub fn rfc2822(rfc3339: &str) -> String {
    let Some(t) = parse(rfc3339) else {
        return rfc3339.to_string();
    };
    let days = days_from_civil(t.year, t.month, t.day);
    format!(
        "{}, {:02} {} {} {} {}",
        weekday(days),
        t.day,
        MONTHS[t.month as usize - 1],
        t.year,
        t.time,
        t.offset
    )
}

/// `2019-12-09T17:34:00Z` -> `Mon, 09 Dec 2019 17:34:00 GMT`, for
/// `Last-Modified` and `Retry-After`. The offset is ignored: give UTC.
pub fn http_date(rfc3339: &str) -> String {
    if parse(rfc3339).is_none() {
        return rfc3339.to_string();
    }
    let formatted = rfc2822(rfc3339);
    let stamp = formatted
        .rsplit_once(' ')
        .map_or(formatted.as_str(), |(stamp, _)| stamp);
    format!("{stamp} GMT")
}

/// `2019-12-09T17:34:00Z` -> `December 9, 2019`, as a page shows it.
pub fn human(rfc3339: &str) -> String {
    match parse(rfc3339) {
        Some(t) => format!(
            "{} {}, {}",
            MONTH_NAMES[t.month as usize - 1],
            t.day,
            t.year
        ),
        None => rfc3339.to_string(),
    }
}

/// RFC 3339 (UTC) of `minutes` after 1970-01-01T00:00:00Z.
pub fn from_minutes(minutes: i64) -> String {
    let (year, month, day) = civil_from_days(minutes.div_euclid(24 * 60));
    let in_day = minutes.rem_euclid(24 * 60);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:00Z",
        in_day / 60,
        in_day % 60
    )
}
