//! CAMEO codes to PLOVER categories, from the PLOVER project's table
//! (`data/CAMEO2PLOVER-2021.txt`, CC BY-SA 4.0, PLOVER manual draft 0.8,
//! Philip Schrodt): `0874: RETREAT, disarm, military # ...`.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The table.
#[derive(Debug, Default)]
pub struct Plover {
    by_code: HashMap<String, String>,
}

impl Plover {
    /// The table compiled into the binary.
    pub fn embedded() -> &'static Plover {
        static TABLE: OnceLock<Plover> = OnceLock::new();
        TABLE.get_or_init(|| Plover::parse(include_str!("../data/CAMEO2PLOVER-2021.txt")))
    }

    /// Parses `CODE: CATEGORY, mode, context` lines.
    pub fn parse(text: &str) -> Self {
        let mut by_code = HashMap::new();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("");
            let Some((code, rest)) = line.split_once(':') else {
                continue;
            };
            let code = code.trim();
            let category = rest.split(',').next().unwrap_or("").trim();
            if code.is_empty()
                || category.is_empty()
                || !code.chars().all(|c| c.is_ascii_alphanumeric())
            {
                continue;
            }
            // Root lines ("08: CONCEDE", "08: RETREAT") are headings: the
            // three-digit codes say which one applies.
            if code.len() == 2 && by_code.contains_key(code) {
                continue;
            }
            by_code.insert(code.to_string(), category.to_string());
        }
        Self { by_code }
    }

    /// The PLOVER category of a CAMEO code (its longest listed prefix);
    /// `None` for statements and appeals (01, 02), which PLOVER leaves out.
    pub fn category(&self, cameo: &str) -> Option<&str> {
        (2..=cameo.len())
            .rev()
            .find_map(|n| cameo.get(..n).and_then(|p| self.by_code.get(p)))
            .map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_map_to_categories() {
        let p = Plover::embedded();
        assert_eq!(p.category("190"), Some("ASSAULT"));
        assert_eq!(p.category("0874"), Some("RETREAT"));
        assert_eq!(p.category("081"), Some("CONCEDE"));
        assert_eq!(p.category("057"), Some("SUPPORT"));
        assert_eq!(p.category("154"), Some("MOBILIZE"));
        assert_eq!(p.category("174K"), p.category("174"));
        assert_eq!(p.category("010"), None);
    }
}
