//! The query language, parsed into clauses: a small, total parser (every
//! string is a query; malformed syntax degrades to plain words).
//!
//! - words: all must match (AND), in any default field;
//! - `"a phrase"`: the words in this order (an unclosed quote runs to the
//!   end of the query);
//! - `-word`, `-"a phrase"`, `-site:x`: must not match;
//! - `a OR b`: either (chains: `a OR b OR c`); an `OR` with nothing to join
//!   on one side (or a negated side) is ignored;
//! - `site:`, `author:`, `tag:`, `title:`, `lang:`, `place:`, `country:`,
//!   `person:`, `org:`, `event:`, `actor:`, `target:`, `type:` followed by
//!   a word or a quoted phrase: match in that field only. Other `foo:bar`
//!   is plain text.

/// Where an atom must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// The default fields (title, description, body, authors, tags).
    Default,
    /// The URL host or the words of the site name.
    Site,
    /// An author name.
    Author,
    /// A tag.
    Tag,
    /// The title.
    Title,
    /// The language code.
    Lang,
    /// A place named: GeoNames id, gazetteer name or the words the text
    /// used, whole.
    Place,
    /// The country of a place named (ISO code).
    Country,
    /// Words of a person's name.
    Person,
    /// Words of an organisation's name or short form.
    Org,
    /// An event's PLOVER category or CAMEO code (or its root); `any`.
    Event,
    /// An event's source actor: country (ISO alpha-3) or full CAMEO code.
    Actor,
    /// An event's target (`target:`), as [`Target::Actor`].
    Recipient,
    /// What the page is (`type:`): `news` (judged a news article), a page
    /// type (`forum`, `product`...), `unknown` or `any`.
    PageType,
}

impl Target {
    fn from_name(name: &str) -> Option<Self> {
        Some(match name.to_ascii_lowercase().as_str() {
            "site" => Self::Site,
            "author" => Self::Author,
            "tag" => Self::Tag,
            "title" => Self::Title,
            "lang" => Self::Lang,
            "place" => Self::Place,
            "country" => Self::Country,
            "person" => Self::Person,
            "org" => Self::Org,
            "event" => Self::Event,
            "actor" => Self::Actor,
            "target" => Self::Recipient,
            "type" => Self::PageType,
            _ => return None,
        })
    }

    /// Whether matches in this target rank documents (rather than only
    /// filter them).
    pub fn is_scored(self) -> bool {
        matches!(self, Self::Default | Self::Title)
    }
}

/// A word or a phrase aimed at a target; its text is analysed later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Atom {
    /// Where it must match.
    pub target: Target,
    /// The raw text (a word, or a phrase's inside).
    pub text: String,
}

/// One condition of the query: any of its alternatives must match (or,
/// negated, none of them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Clause {
    /// `-` in front.
    pub negated: bool,
    /// Joined by `OR`; at least one.
    pub alternatives: Vec<Atom>,
}

/// A lexical item.
#[derive(Debug)]
enum Item {
    Atom { negated: bool, atom: Atom },
    Or,
}

/// Parses a query string into clauses. Never fails.
pub(crate) fn parse(input: &str) -> Vec<Clause> {
    let items = lex(input);
    let mut clauses: Vec<Clause> = Vec::new();
    let mut join_next = false;
    for (i, item) in items.iter().enumerate() {
        match item {
            Item::Or => {
                let left_ok = matches!(
                    i.checked_sub(1).map(|j| &items[j]),
                    Some(Item::Atom { negated: false, .. })
                );
                let right_ok = matches!(items.get(i + 1), Some(Item::Atom { negated: false, .. }));
                join_next = left_ok && right_ok;
            }
            Item::Atom { negated, atom } => {
                match clauses.last_mut() {
                    Some(last) if join_next => last.alternatives.push(atom.clone()),
                    _ => clauses.push(Clause {
                        negated: *negated,
                        alternatives: vec![atom.clone()],
                    }),
                }
                join_next = false;
            }
        }
    }
    clauses
}

fn lex(input: &str) -> Vec<Item> {
    let chars: Vec<char> = input.chars().collect();
    let mut items = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let mut negated = false;
        while i < chars.len() && chars[i] == '-' {
            negated = true;
            i += 1;
        }
        if i >= chars.len() || chars[i].is_whitespace() {
            // A lone `-` is punctuation, not a negation.
            continue;
        }
        if chars[i] == '"' {
            let (text, next) = quoted(&chars, i + 1);
            items.push(Item::Atom {
                negated,
                atom: Atom {
                    target: Target::Default,
                    text,
                },
            });
            i = next;
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '"' {
            i += 1;
        }
        let word: String = chars[start..i].iter().collect();
        if word == "OR" && !negated {
            items.push(Item::Or);
            continue;
        }
        let atom = match word.split_once(':') {
            Some((name, value)) => match Target::from_name(name) {
                Some(target) if value.is_empty() && chars.get(i) == Some(&'"') => {
                    let (text, next) = quoted(&chars, i + 1);
                    i = next;
                    Atom { target, text }
                }
                Some(target) if !value.is_empty() => Atom {
                    target,
                    text: value.to_string(),
                },
                _ => Atom {
                    target: Target::Default,
                    text: word,
                },
            },
            None => Atom {
                target: Target::Default,
                text: word,
            },
        };
        items.push(Item::Atom { negated, atom });
    }
    items
}

/// The text up to the closing quote (or the end) from `start`, and the
/// position after the closing quote.
fn quoted(chars: &[char], start: usize) -> (String, usize) {
    let end = chars[start.min(chars.len())..]
        .iter()
        .position(|c| *c == '"')
        .map_or(chars.len(), |p| start + p);
    let text = chars[start.min(end)..end].iter().collect();
    (text, (end + 1).min(chars.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn atom(target: Target, text: &str) -> Atom {
        Atom {
            target,
            text: text.into(),
        }
    }

    fn clause(negated: bool, alternatives: Vec<Atom>) -> Clause {
        Clause {
            negated,
            alternatives,
        }
    }

    #[test]
    fn words_phrases_and_negations() {
        assert_eq!(
            parse(r#"russian "forces entered" -raqqa -"north syria""#),
            [
                clause(false, vec![atom(Target::Default, "russian")]),
                clause(false, vec![atom(Target::Default, "forces entered")]),
                clause(true, vec![atom(Target::Default, "raqqa")]),
                clause(true, vec![atom(Target::Default, "north syria")]),
            ]
        );
    }

    #[test]
    fn or_joins_its_neighbours() {
        assert_eq!(
            parse(r#"syria OR "north iraq" OR iran turkey"#),
            [
                clause(
                    false,
                    vec![
                        atom(Target::Default, "syria"),
                        atom(Target::Default, "north iraq"),
                        atom(Target::Default, "iran")
                    ]
                ),
                clause(false, vec![atom(Target::Default, "turkey")]),
            ]
        );
        // Nothing to join: ignored.
        assert_eq!(
            parse("OR a OR"),
            [clause(false, vec![atom(Target::Default, "a")])]
        );
        assert_eq!(parse("a OR -b").len(), 2);
        // Lower-case `or` is a word.
        assert_eq!(parse("a or b").len(), 3);
    }

    #[test]
    fn field_filters() {
        assert_eq!(
            parse(r#"site:jpost.com author:"Seth Frantzman" -tag:sport Lang:EN foo:bar"#),
            [
                clause(false, vec![atom(Target::Site, "jpost.com")]),
                clause(false, vec![atom(Target::Author, "Seth Frantzman")]),
                clause(true, vec![atom(Target::Tag, "sport")]),
                clause(false, vec![atom(Target::Lang, "EN")]),
                clause(false, vec![atom(Target::Default, "foo:bar")]),
            ]
        );
        assert_eq!(
            parse("event:ASSAULT actor:TUR -target:syr"),
            [
                clause(false, vec![atom(Target::Event, "ASSAULT")]),
                clause(false, vec![atom(Target::Actor, "TUR")]),
                clause(true, vec![atom(Target::Recipient, "syr")]),
            ]
        );
        assert_eq!(
            parse("TYPE:forum OR type:product"),
            [clause(
                false,
                vec![
                    atom(Target::PageType, "forum"),
                    atom(Target::PageType, "product")
                ]
            )]
        );
        assert_eq!(
            parse("title:"),
            [clause(false, vec![atom(Target::Default, "title:")])]
        );
    }

    #[test]
    fn malformed_input_degrades() {
        assert_eq!(
            parse(r#""unclosed phrase"#),
            [clause(
                false,
                vec![atom(Target::Default, "unclosed phrase")]
            )]
        );
        assert_eq!(
            parse(r#"author:""#),
            [clause(false, vec![atom(Target::Author, "")])]
        );
        assert!(parse(" - -- \"")
            .iter()
            .all(|c| c.alternatives.iter().all(|a| a.text.is_empty())));
        assert!(parse("").is_empty());
    }
}
