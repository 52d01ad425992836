//! Quantities: counts of people (and of casualties among them), sums of
//! money and distances, with the hedge news puts before them.
//!
//! A number ("200,000", "1.5 million", "twelve") is a quantity when what
//! follows says what it counts: a noun for people ("people", "refugees",
//! "members of the SDF"), a relative clause about people ("the 17,000 who
//! had to flee"), a currency ("$3 billion", "40 million euros") or a unit
//! of length ("30 km"). A word of death or injury right after people
//! ("were killed", "had died") makes the count a casualty count.
//!
//! **Known failures.** Counts of things (tanks, homes) and ranges ("10 to
//! 20 people" gives the 20) are not reported; spelled-out numbers stop at
//! twenty plus the round words (hundred, thousand, dozen).

use std::sync::OnceLock;

pub use dateline_model::Quantity;
use regex::Regex;

use crate::tokens::CharOffsets;

fn number_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r"(?xi-u)
            (?:\b(?P<qualifier>more\ than|over|at\ least|nearly|almost|about|around|approximately
               |some|up\ to|fewer\ than|less\ than|as\ many\ as|roughly|an\ estimated|close\ to
               |upwards\ of|tens\ of|hundreds\ of|thousands\ of)\s+)?
            (?P<currency>US\$|\$|€|£|¥)?\s?
            (?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?
               |one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen
               |fifteen|sixteen|seventeen|eighteen|nineteen|twenty|a\ hundred|a\ thousand|a\ dozen
               |dozens|hundreds|thousands|millions)
            (?:\s?(?P<scale>million|billion|trillion|bn|thousand|hundred))?
            \b",
        )
        .expect("the quantity pattern compiles")
    })
}

/// Nouns for people, singular and plural.
const PEOPLE: &[&str] = &[
    "people",
    "person",
    "persons",
    "residents",
    "refugees",
    "civilians",
    "soldiers",
    "troops",
    "fighters",
    "members",
    "children",
    "women",
    "men",
    "migrants",
    "workers",
    "protesters",
    "demonstrators",
    "students",
    "victims",
    "inhabitants",
    "citizens",
    "families",
    "patients",
    "prisoners",
    "detainees",
    "militants",
    "police",
    "officers",
    "employees",
    "voters",
    "passengers",
    "pilgrims",
    "displaced",
    "individuals",
    "casualties",
    "survivors",
    "staff",
    "volunteers",
    "supporters",
    "immigrants",
    "asylum",
    "jihadists",
    "rebels",
    "personnel",
];

/// Words of death or injury after a count of people.
const HARM: &[&str] = &[
    "killed",
    "dead",
    "died",
    "die",
    "deaths",
    "wounded",
    "injured",
    "hurt",
    "slain",
    "murdered",
    "massacred",
    "executed",
    "perished",
    "casualties",
    "fatalities",
    "lost",
];

const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("dollars", "USD"),
    ("dollar", "USD"),
    ("usd", "USD"),
    ("euros", "EUR"),
    ("euro", "EUR"),
    ("eur", "EUR"),
    ("pounds", "GBP"),
    ("sterling", "GBP"),
    ("yen", "JPY"),
    ("yuan", "CNY"),
    ("rupees", "INR"),
    ("shekels", "ILS"),
    ("roubles", "RUB"),
    ("rubles", "RUB"),
    ("liras", "TRY"),
    ("lira", "TRY"),
];

const DISTANCE_WORDS: &[(&str, &str, f64)] = &[
    ("km", "km", 1.0),
    ("kilometres", "km", 1.0),
    ("kilometers", "km", 1.0),
    ("kilometre", "km", 1.0),
    ("kilometer", "km", 1.0),
    ("miles", "mi", 1.0),
    ("mile", "mi", 1.0),
    ("metres", "m", 1.0),
    ("meters", "m", 1.0),
];

/// The quantities stated in `text`, in text order.
pub fn quantities(text: &str) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut offsets = CharOffsets::new(text);
    for caps in number_pattern().captures_iter(text) {
        let number = caps.name("number").expect("always matched");
        // The pattern cannot look behind: "atone" holds no "one", "B12"
        // no 12.
        if text[..number.start()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | ','))
            && caps.name("currency").is_none()
        {
            continue;
        }
        let Some(mut value) = parse_number(number.as_str()) else {
            continue;
        };
        let scale = caps.name("scale").map(|s| s.as_str().to_lowercase());
        value *= match scale.as_deref() {
            Some("thousand") => 1e3,
            Some("hundred") => 1e2,
            Some("million") => 1e6,
            Some("billion" | "bn") => 1e9,
            Some("trillion") => 1e12,
            _ => 1.0,
        };
        let whole = caps.get(0).expect("match");
        let qualifier = caps.name("qualifier").map(|q| q.as_str().to_lowercase());
        // "tens of thousands": the hedge multiplies.
        value *= match qualifier.as_deref() {
            Some("tens of") => 10.0,
            Some("hundreds of") => 100.0,
            Some("thousands of") => 1000.0,
            _ => 1.0,
        };
        let start = caps
            .name("qualifier")
            .or(caps.name("currency"))
            .unwrap_or(number)
            .start();
        let rest = &text[whole.end()..];
        let Some((unit, category, end, factor)) =
            unit_after(caps.name("currency").map(|c| c.as_str()), rest)
        else {
            continue;
        };
        // Years and other bare numbers are not quantities; a count of
        // people under two is not news.
        if category != "money" && (value < 2.0 || value.is_nan()) {
            continue;
        }
        let end = whole.end() + end;
        let char_start = offsets.at(start);
        let char_end = offsets.at(end);
        out.push(Quantity {
            text: text[start..end].to_string(),
            value: value * factor,
            unit,
            qualifier,
            category: category.to_string(),
            start: char_start,
            end: char_end,
        });
    }
    out
}

fn parse_number(number: &str) -> Option<f64> {
    let lower = number.to_lowercase();
    let word = match lower.as_str() {
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "a dozen" => 12.0,
        "dozens" => 24.0,
        "a hundred" | "hundreds" => 100.0,
        "a thousand" | "thousands" => 1000.0,
        "millions" => 1e6,
        _ => return lower.replace(',', "").parse().ok(),
    };
    Some(word)
}

/// What the words after a number say it counts: (unit, category, byte
/// offset in `rest` where the quantity's text ends, factor).
fn unit_after(currency: Option<&str>, rest: &str) -> Option<(String, &'static str, usize, f64)> {
    if let Some(symbol) = currency {
        let code = match symbol {
            "$" | "US$" => "USD",
            "€" => "EUR",
            "£" => "GBP",
            _ => "JPY",
        };
        return Some((code.to_string(), "money", 0, 1.0));
    }
    let words = words_with_ends(rest, 8);
    let first = words.first()?;
    if let Some((_, code)) = CURRENCY_WORDS.iter().find(|(w, _)| *w == first.0) {
        return Some((code.to_string(), "money", first.1, 1.0));
    }
    if let Some((_, unit, factor)) = DISTANCE_WORDS.iter().find(|(w, _, _)| *w == first.0) {
        return Some((unit.to_string(), "distance", first.1, *factor));
    }
    // "17,000 who had to flee": people by the clause about them.
    if first.0 == "who" {
        let end = words.get(3).or(words.last()).map_or(first.1, |w| w.1);
        return Some(("people".into(), "people", end, 1.0));
    }
    // A people noun within the next few words ("200,000 people",
    // "10,000 members of the SDF", "12 Syrian civilians").
    let noun = words
        .iter()
        .take(4)
        .position(|w| PEOPLE.contains(&w.0.as_str()))?;
    // No verb or number may sit between ("20 said the people").
    if words[..noun].iter().any(|w| {
        w.0.chars().all(|c| c.is_ascii_digit()) || ["said", "and", "or"].contains(&w.0.as_str())
    }) {
        return None;
    }
    let mut end = words[noun].1;
    let mut category = "people";
    // "members of the SDF had died", "people fled", "were killed".
    for word in words.iter().skip(noun + 1).take(5) {
        if HARM.contains(&word.0.as_str()) {
            category = "casualties";
            end = word.1;
            break;
        }
        if [
            "fled",
            "flee",
            "displaced",
            "evacuated",
            "arrested",
            "detained",
            "missing",
        ]
        .contains(&word.0.as_str())
        {
            end = word.1;
            break;
        }
    }
    Some(("people".into(), category, end, 1.0))
}

/// The next `limit` words of `text` (lowercase) with the byte offset after
/// each, stopping at the end of the sentence.
fn words_with_ends(text: &str, limit: usize) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices() {
        if c.is_alphanumeric() || (start.is_some() && matches!(c, '-' | '\'')) {
            start.get_or_insert(at);
            continue;
        }
        if let Some(s) = start.take() {
            out.push((text[s..at].to_lowercase(), at));
            if out.len() >= limit {
                return out;
            }
        }
        if matches!(c, '.' | '!' | '?' | ';' | '\n' | ':' | '(' | ')') {
            return out;
        }
    }
    if let Some(s) = start {
        out.push((text[s..].to_lowercase(), text.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(f64, String, Option<String>, String)> {
        quantities(text)
            .into_iter()
            .map(|q| (q.value, q.unit, q.qualifier, q.category))
            .collect()
    }

    #[test]
    fn the_seed_counts() {
        let text = "The SDF said more than 10,000 members of the SDF had died fighting \
                    ISIS. More than 200,000 people fled, including the 17,000 who had to \
                    flee to Iraq.";
        let q = quantities(text);
        assert_eq!(q.len(), 3, "{q:?}");
        assert_eq!(q[0].value, 10_000.0);
        assert_eq!(q[0].qualifier.as_deref(), Some("more than"));
        assert_eq!(q[0].category, "casualties");
        assert_eq!(q[0].text, "more than 10,000 members of the SDF had died");
        assert_eq!(q[1].text, "More than 200,000 people fled");
        assert_eq!(q[1].value, 200_000.0);
        assert_eq!(q[2].value, 17_000.0);
        assert_eq!(q[2].unit, "people");
        assert_eq!(q[2].qualifier, None);
        let chars: Vec<char> = text.chars().collect();
        for quantity in &q {
            let span: String = chars[quantity.start..quantity.end].iter().collect();
            assert_eq!(span, quantity.text);
        }
    }

    #[test]
    fn money_distance_and_scale() {
        assert_eq!(
            found("Aid of $3.5 billion arrived 30 km from the border; 40 million euros more."),
            [
                (3.5e9, "USD".into(), None, "money".into()),
                (30.0, "km".into(), None, "distance".into()),
                (4e7, "EUR".into(), None, "money".into()),
            ]
        );
        assert_eq!(found("Tens of thousands of civilians fled.")[0].0, 10_000.0);
        assert_eq!(
            found("At least twelve civilians were killed.")[0],
            (
                12.0,
                "people".into(),
                Some("at least".into()),
                "casualties".into()
            )
        );
    }

    #[test]
    fn bare_numbers_and_dates_are_not_quantities() {
        assert!(found("On December 9, 2019, in 2020 the score was 3-1.").is_empty());
        assert!(found("Page 2 of 20 said the people.").is_empty());
    }
}
