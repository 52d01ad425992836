//! Bylines and person names (being written).

/// Person names in a byline ("By SETH J. FRANTZMAN" -> ["Seth J. Frantzman"]).
pub fn parse_byline(_text: &str) -> Vec<String> {
    Vec::new()
}

/// A person name properly cased and trimmed, or None if it is not a name.
pub fn normalize_person_name(_name: &str) -> Option<String> {
    None
}
