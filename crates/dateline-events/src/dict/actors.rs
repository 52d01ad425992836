//! Actor and agent dictionaries (the Phoenix `.actors.txt` and
//! `.agents.txt` formats).
//!
//! An actor group is a name line, `+` synonym lines and code lines:
//!
//! ```text
//! GOLLUM
//! +SMEAGOL
//!     [HOB < 950601]
//!     [HOBGOV 19950601 - 19990815]
//! ```
//!
//! A code may hold several actors (`[ELR/GAL]`) and a date range (dates as
//! `YYMMDD` or `YYYYMMDD`); a blank line ends the group. An agent line is
//! a role word with its plurals and where its code goes:
//! `GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]` (after the country, `ARNGGS`) or
//! `MSF {} [NGO~]` (before it); `!PERSON! = MAN, MEN` lines define
//! substitutions.

use dateline_model::calendar::days_from_civil;

use super::lexicon::FirstWord;
use super::trie::{Entry, StemTrie};
use super::words::{is_markup, noun_matches, phrase, strip_comment, word_matches, Phrase};

/// A code with the days it holds for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedCode {
    /// One code per actor the name stands for ("ELR/GAL" gives two).
    pub codes: Vec<String>,
    /// First day (days since 1970), if bounded.
    pub from: Option<i64>,
    /// Last day, if bounded.
    pub to: Option<i64>,
}

/// An actor: its display name and its codes.
#[derive(Debug, Clone, Default)]
pub struct ActorGroup {
    /// The group's first name, in title case ("United States Of America").
    pub name: String,
    /// Its codes, in file order.
    pub codes: Vec<DatedCode>,
}

impl ActorGroup {
    /// The codes that hold on `day` (days since 1970; `None`: the undated
    /// code, or the last one listed).
    pub fn codes_on(&self, day: Option<i64>) -> Option<&[String]> {
        let undated = self
            .codes
            .iter()
            .find(|c| c.from.is_none() && c.to.is_none());
        if let Some(day) = day {
            let dated = self.codes.iter().find(|c| {
                (c.from.is_some() || c.to.is_some())
                    && c.from.is_none_or(|f| day >= f)
                    && c.to.is_none_or(|t| day <= t)
            });
            if let Some(c) = dated.or(undated) {
                return Some(&c.codes);
            }
            return None;
        }
        undated.or(self.codes.last()).map(|c| c.codes.as_slice())
    }
}

/// Where an agent's code goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agent {
    /// The role code ("GOV", "MIL", "NGO").
    pub code: String,
    /// Whether it goes before the country (`NGO~`).
    pub prefix: bool,
}

/// Phrases indexed by their first word, for longest-match lookup.
#[derive(Debug)]
pub struct PhraseIndex<T> {
    entries: Vec<(Phrase, T)>,
    /// Each entry's words as [`Self::consider`] reads them, in `words`.
    shapes: Vec<Shape>,
    /// Every entry's words side by side, each as its length and
    /// whole-word flag (`len << 1 | exact`, a little-endian `u32`) then
    /// its bytes: the match check of a candidate reads one short run of
    /// bytes, where a phrase's vector of strings cost a cache miss a word.
    words: Vec<u8>,
    /// Phrases by first word, each with its second word's first byte as
    /// the trie entry's tag: a byte compare beside the id rules out most
    /// of the phrases that share a first word ("INTERNATIONAL" starts 494)
    /// before their words are read.
    by_first: StemTrie,
    /// Stems match only plurals (role words), not any longer word.
    nouns: bool,
}

impl<T> Default for PhraseIndex<T> {
    fn default() -> Self {
        Self {
            entries: Vec::new(),
            shapes: Vec::new(),
            words: Vec::new(),
            by_first: StemTrie::default(),
            nouns: false,
        }
    }
}

impl<T> PhraseIndex<T> {
    /// An index whose stems match only plurals.
    pub fn nouns() -> Self {
        Self {
            nouns: true,
            ..Self::default()
        }
    }

    /// Adds a phrase.
    pub fn insert(&mut self, phrase: Phrase, value: T) {
        // A word's length must fit `words`' 31 bits; no text word is
        // 2 GiB long, so such a phrase could never match anyway.
        if phrase.is_empty() || phrase.iter().any(|w| w.text.len() >= 1 << 31) {
            return;
        }
        let id = self.entries.len() as u32;
        self.by_first
            .insert_tagged(&phrase[0].text, phrase[0].exact, id, next_byte(&phrase));
        let at = self.words.len();
        for w in &phrase {
            let len = w.text.len() as u32;
            self.words
                .extend_from_slice(&(len << 1 | u32::from(w.exact)).to_le_bytes());
            self.words.extend_from_slice(w.text.as_bytes());
        }
        self.shapes.push(Shape {
            at: at as u32,
            end: self.words.len() as u32,
            words: phrase.len() as u32,
            letters: phrase.iter().map(|w| w.text.len() as u32).sum(),
        });
        self.entries.push((phrase, value));
    }

    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether some phrase may start with `word` (its first word matches).
    pub fn starts(&self, word: &str) -> bool {
        self.by_first.any(word)
    }

    /// The longest phrase starting at `tokens[at]`: its length in tokens
    /// and its value.
    pub fn longest(&self, tokens: &[&str], at: usize) -> Option<(usize, &T)> {
        let first = *tokens.get(at)?;
        let mut longest = Longest::new(tokens, at);
        self.by_first
            .entries(first, |entry| self.consider(entry, tokens, &mut longest));
        longest.best.map(|(n, _, v)| (n, v))
    }

    /// [`Self::longest`] among `candidates`, the phrases whose first word
    /// matches `tokens[at]` in this index's order (from a
    /// [`super::lexicon::Scan`]).
    pub fn longest_among(
        &self,
        candidates: impl Iterator<Item = Entry>,
        tokens: &[&str],
        at: usize,
    ) -> Option<(usize, &T)> {
        let mut longest = Longest::new(tokens, at);
        for entry in candidates {
            // Most candidates go on the byte compare: checked here, without
            // a call.
            if entry.tag == 0 || longest.next_byte == Some(entry.tag) {
                self.consider(entry, tokens, &mut longest);
            }
        }
        longest.best.map(|(n, _, v)| (n, v))
    }

    /// Keeps phrase `id` in `longest` if it fits the tokens and is longer.
    #[inline]
    fn consider<'s>(&'s self, entry: Entry, tokens: &[&str], longest: &mut Longest<'s, T>) {
        let at = longest.at;
        if entry.tag != 0 && longest.next_byte != Some(entry.tag) {
            return;
        }
        let Some(&shape) = self.shapes.get(entry.id as usize) else {
            return;
        };
        let (count, letters) = (shape.words as usize, shape.letters as usize);
        if count > tokens.len() - at
            || longest
                .best
                .is_some_and(|(n, l, _)| (count, letters) <= (n, l))
        {
            return;
        }
        // The trie matched the first word as `Word::matches` does; a noun
        // index checks it again for its plural rule.
        let checked = usize::from(!self.nouns);
        let mut words = &self.words[shape.at as usize..shape.end as usize];
        let mut k = 0;
        while let Some((head, tail)) = words.split_first_chunk::<4>() {
            let flags = u32::from_le_bytes(*head);
            let len = (flags >> 1) as usize;
            let Some((text, tail)) = tail.split_at_checked(len) else {
                return;
            };
            if k >= checked {
                let token = tokens[at + k].as_bytes();
                let exact = flags & 1 == 1;
                let fits = if self.nouns {
                    noun_matches(text, exact, token)
                } else {
                    word_matches(text, exact, token)
                };
                if !fits {
                    return;
                }
            }
            words = tail;
            k += 1;
        }
        longest.best = Some((count, letters, &self.entries[entry.id as usize].1));
    }

    /// Each phrase's first word, in order.
    pub fn first_words(&self) -> impl Iterator<Item = FirstWord<'_>> {
        self.entries
            .iter()
            .enumerate()
            .map(|(id, (phrase, _))| FirstWord {
                id: id as u32,
                text: phrase[0].text.as_str(),
                exact: phrase[0].exact,
                next_byte: next_byte(phrase),
            })
    }

    /// The trie of first words.
    #[cfg(test)]
    pub(crate) fn trie(&self) -> &StemTrie {
        &self.by_first
    }
}

/// Where a phrase's words sit in [`PhraseIndex::words`], how many there
/// are and how many letters they hold.
#[derive(Debug, Clone, Copy)]
struct Shape {
    at: u32,
    end: u32,
    words: u32,
    letters: u32,
}

/// The first byte of `phrase`'s second word (0: it has one word).
fn next_byte(phrase: &Phrase) -> u8 {
    phrase
        .get(1)
        .and_then(|w| w.text.as_bytes().first().copied())
        .unwrap_or(0)
}

/// The best phrase so far at `tokens[at]`: (tokens, letters, value).
struct Longest<'s, T> {
    at: usize,
    next_byte: Option<u8>,
    best: Option<(usize, usize, &'s T)>,
}

impl<T> Longest<'_, T> {
    fn new(tokens: &[&str], at: usize) -> Self {
        Self {
            at,
            next_byte: tokens
                .get(at + 1)
                .and_then(|t| t.as_bytes().first().copied()),
            best: None,
        }
    }
}

/// Reads actor files into `groups` and `index`.
pub fn parse_actors(text: &str, groups: &mut Vec<ActorGroup>, index: &mut PhraseIndex<u32>) {
    let mut current: Option<usize> = None;
    for raw in text.lines() {
        if is_markup(raw) || raw.trim_start().starts_with('#') {
            continue;
        }
        let line = strip_comment(raw);
        let trimmed = line.trim();
        if trimmed.is_empty() {
            current = None;
            continue;
        }
        let (names, codes) = match trimmed.find('[') {
            Some(at) => (&trimmed[..at], Some(&trimmed[at..])),
            None => (trimmed, None),
        };
        let names = names.trim();
        if !names.is_empty() {
            let synonym = names.starts_with('+');
            let name = names.trim_start_matches('+');
            let group = match current {
                Some(g) if synonym => g,
                _ => {
                    groups.push(ActorGroup {
                        name: display(name),
                        codes: Vec::new(),
                    });
                    groups.len() - 1
                }
            };
            current = Some(group);
            index.insert(phrase(name), group as u32);
        }
        if let (Some(codes), Some(group)) = (codes, current) {
            for block in codes.split('[').filter(|b| !b.trim().is_empty()) {
                let inner = block.split(']').next().unwrap_or("");
                if let Some(code) = dated_code(inner) {
                    groups[group].codes.push(code);
                }
            }
        }
    }
}

/// `HOBGOV 19950601 - 19990815`, `HOB < 950601`, `HOBREB > 990816`, `ELR/GAL`.
fn dated_code(inner: &str) -> Option<DatedCode> {
    let inner = inner.trim();
    let code_end = inner.find([' ', '\t', '<', '>']).unwrap_or(inner.len());
    let code = &inner[..code_end];
    if code.is_empty() || code.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return None;
    }
    let rest = inner[code_end..].trim();
    let (mut from, mut to) = (None, None);
    if let Some(d) = rest.strip_prefix('<') {
        to = Some(day(d.trim())? - 1);
    } else if let Some(d) = rest.strip_prefix('>') {
        from = Some(day(d.trim())?);
    } else if !rest.is_empty() {
        let mut parts = rest.split('-').map(str::trim);
        from = Some(day(parts.next()?)?);
        to = Some(day(parts.next()?)?);
    }
    Some(DatedCode {
        codes: code.split('/').map(|c| c.to_uppercase()).collect(),
        from,
        to,
    })
}

/// `950601` (two-digit years: 30 and above are the 1900s) or `19950601`.
fn day(digits: &str) -> Option<i64> {
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let n: i64 = digits.parse().ok()?;
    let (year, rest) = match digits.len() {
        6 => {
            let yy = n / 10_000;
            (if yy >= 30 { 1900 + yy } else { 2000 + yy }, n % 10_000)
        }
        8 => (n / 10_000, n % 10_000),
        _ => return None,
    };
    let (month, day) = ((rest / 100) as u32, (rest % 100) as u32);
    ((1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| days_from_civil(year, month, day))
}

/// Reads an agents file into `index`.
pub fn parse_agents(text: &str, index: &mut PhraseIndex<Agent>) {
    let mut macros: Vec<(String, Vec<String>)> = Vec::new();
    for raw in text.lines() {
        if is_markup(raw) || raw.trim_start().starts_with('#') {
            continue;
        }
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('!') {
            if let Some((name, values)) = line.split_once('=') {
                let values = values.split(',').map(|v| v.trim().to_string()).collect();
                macros.push((name.trim().to_string(), values));
            }
            continue;
        }
        let Some(open) = line.find('[') else { continue };
        let code = line[open + 1..].split(']').next().unwrap_or("").trim();
        let agent = match (code.strip_prefix('~'), code.strip_suffix('~')) {
            (Some(c), _) => Agent {
                code: c.trim().to_uppercase(),
                prefix: false,
            },
            (None, Some(c)) => Agent {
                code: c.trim().to_uppercase(),
                prefix: true,
            },
            _ => continue,
        };
        let head = &line[..open];
        let (name, plurals) = match head.find('{') {
            Some(at) => {
                let inner = head[at + 1..].split('}').next().unwrap_or("");
                (head[..at].trim(), Some(inner))
            }
            None => (head.trim(), None),
        };
        let mut names = vec![name.to_string()];
        match plurals {
            Some(list) => names.extend(list.split_whitespace().map(str::to_string)),
            None => names.push(plural(name)),
        }
        for name in names {
            for expanded in expand(&name, &macros) {
                index.insert(phrase(&expanded), agent.clone());
            }
        }
    }
}

/// `AUTHORITY` -> `AUTHORITIES` (other plurals are matched as stems).
fn plural(name: &str) -> String {
    match name.strip_suffix('Y') {
        Some(stem) if !stem.ends_with(['A', 'E', 'O', 'U']) => format!("{stem}IES"),
        _ => name.to_string(),
    }
}

/// Substitutes `!PERSON!` and the like, one value at a time.
fn expand(name: &str, macros: &[(String, Vec<String>)]) -> Vec<String> {
    for (key, values) in macros {
        if name.contains(key.as_str()) {
            return values
                .iter()
                .flat_map(|v| expand(&name.replacen(key.as_str(), v, 1), macros))
                .collect();
        }
    }
    vec![name.to_string()]
}

/// `UNITED_STATES_OF_AMERICA_` -> `United States Of America`.
fn display(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split(['_', ' ']).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first);
            out.extend(chars.flat_map(char::to_lowercase));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_synonyms_and_dated_codes() {
        let text = "GOLLUM  # pas\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n\
                    \t[HOBREB > 990816]\n\nLORIEN  [ELR/GAL]\nARNOR_ [ARN]\n";
        let (mut groups, mut index) = (Vec::new(), PhraseIndex::default());
        parse_actors(text, &mut groups, &mut index);
        let (n, &g) = index.longest(&["SMEAGOL", "SAID"], 0).unwrap();
        assert_eq!(n, 1);
        let group = &groups[g as usize];
        assert_eq!(group.name, "Gollum");
        let on = |y, m, d| group.codes_on(Some(days_from_civil(y, m, d))).unwrap()[0].clone();
        assert_eq!(on(1994, 1, 1), "HOB");
        assert_eq!(on(1996, 1, 1), "HOBGOV");
        assert_eq!(on(2001, 1, 1), "HOBREB");
        let (_, &l) = index.longest(&["LORIEN"], 0).unwrap();
        assert_eq!(groups[l as usize].codes_on(None).unwrap(), ["ELR", "GAL"]);
        assert!(index.longest(&["ARNORIAN"], 0).is_none());
    }

    #[test]
    fn agents_with_plurals_substitutions_and_prefixes() {
        let text =
            "!PERSON! = MAN, MEN\nCONGRESS!PERSON! [~LEG]\nGOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]\n\
                    MSF {}  [NGO~]\nAUTHORITY  [~GOV]\n";
        let mut index = PhraseIndex::default();
        parse_agents(text, &mut index);
        assert_eq!(index.longest(&["CONGRESSMEN"], 0).unwrap().1.code, "LEG");
        assert_eq!(index.longest(&["GOLDEN", "GEESE"], 0).unwrap().0, 2);
        assert!(index.longest(&["MSF"], 0).unwrap().1.prefix);
        assert_eq!(index.longest(&["AUTHORITIES"], 0).unwrap().1.code, "GOV");
    }
}
