//! Dates as news pages write them (being written).

use dateline_model::Timestamp;

/// Parses a date written in free text ("DECEMBER 9, 2019 17:34",
/// "9 décembre 2019", "2019-12-09T17:34:00Z"). None when unsure.
pub fn parse_date(_text: &str) -> Option<Timestamp> {
    None
}
