//! The verb dictionary (PETRARCH's `CAMEO.verbpatterns` format).
//!
//! Synonym sets: `&NAME` then `+ITEM` lines (items may be phrases or
//! other sets). Verb blocks: `--- NAME [CODE] ---`, verb lines
//! (`BREAK {BROKE BROKEN}`, `+BREAK_DOWN`, `WIRE_+TAP`, an own code as
//! `EXPRESS [0110]`), then patterns:
//!
//! ```text
//! - * &TIETYPES TIES [902]
//! - + KNOWN_ * IN_ $  [076]
//! ```
//!
//! `*` is the verb, `$` the source, `+` the target, `%` a compound actor
//! that is both, `^` any words; `_` joins an element to the next (no words
//! between them) and, at the end of a word, asks for the whole word. A code
//! `[032:033]` adds the reverse event (target to source) with the second
//! code; `[---]` means no event.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use super::forms::FormsByFirst;
use super::trie::StemTrie;
use super::words::{is_markup, phrase, strip_comment, Phrase, Word};

/// An event code: source to target, and the reverse event if any.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Code {
    /// The code of the event from source to target; `None` for `---`.
    pub forward: Option<String>,
    /// The code of the reverse event (`[032:033]`).
    pub reverse: Option<String>,
}

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    /// A word.
    Word(Word),
    /// One of a synonym set's phrases.
    Set(u32),
    /// The verb itself.
    Verb,
    /// The source actor.
    Source,
    /// The target actor.
    Target,
    /// A compound actor: each is source and target of the others.
    Compound,
    /// Anything (TABARI's skipped noun phrase).
    Skip,
}

/// An element and whether the next one must follow it directly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// What to match.
    pub element: Element,
    /// Whether the next element follows without words between.
    pub joined: bool,
}

/// A pattern: what comes before and after the verb, and its code.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// Elements before the verb, in text order.
    pub before: Vec<Step>,
    /// Whether the last element before the verb touches it.
    pub touches_verb: bool,
    /// Whether the first element after the verb touches it.
    pub verb_touches: bool,
    /// Elements after the verb, in text order.
    pub after: Vec<Step>,
    /// Its code.
    pub code: Code,
    /// How specific it is (elements that must match): tried first.
    pub weight: usize,
    /// Ids (in [`Verbs::words`]) of the words it needs somewhere in the
    /// sentence: a pattern is tried only when all are there.
    pub needs: Vec<u32>,
    /// The synonym sets it needs.
    pub needs_sets: Vec<u32>,
}

/// A verb block: the default code and the patterns.
#[derive(Debug, Clone)]
pub struct Block {
    /// The block's name ("PHYSICAL_CONFLICT").
    pub name: String,
    /// The default code.
    pub code: Code,
    /// Patterns, most specific first.
    pub patterns: Vec<Pattern>,
}

/// A form of a verb: its words (whole words) and its block.
#[derive(Debug, Clone)]
pub struct Form {
    /// The words, upper case ("BROKE", "DOWN").
    pub words: Vec<String>,
    /// Which word is the verb.
    pub head: usize,
    /// The block.
    pub block: u32,
    /// The verb's own code, when it differs from the block's.
    pub code: Option<Code>,
    /// Whether this is the base form (which is also a noun: "an attack").
    pub base: bool,
}

/// The name of a block header ("--- ENTER [---] ---" is "ENTER").
fn block_name(header: &str) -> String {
    header
        .trim_matches(|c: char| c == '-' || c.is_whitespace())
        .split([' ', '[', '\t'])
        .next()
        .unwrap_or("")
        .to_string()
}

/// The parsed verb dictionary.
#[derive(Debug, Default)]
pub struct Verbs {
    /// Verb blocks.
    pub blocks: Vec<Block>,
    /// Verb forms.
    pub forms: Vec<Form>,
    /// Forms by their first word.
    pub by_first: FormsByFirst,
    /// Synonym sets: their phrases (nested sets expanded).
    pub sets: Vec<Vec<Phrase>>,
    /// Every word of a pattern and every first word of a set phrase, to
    /// its id.
    pub words: StemTrie,
    /// The sets each word id begins a phrase of.
    pub word_sets: Vec<Vec<u32>>,
    word_ids: HashMap<(String, bool), u32>,
    set_names: HashMap<String, u32>,
    raw_sets: Vec<Vec<String>>,
    /// Forms replaced by a later file's form of the same words.
    shadowed: Vec<bool>,
}

impl Verbs {
    /// Reads one verb file (call [`Verbs::finish`] after the last).
    ///
    /// A block header naming a block of an earlier file adds to that block
    /// (Dateline's additions extend the CAMEO blocks in their own file); a
    /// verb form of an earlier file that this file lists again (the same
    /// words) is replaced by this file's, so that an addition can move a
    /// verb to a block of its own.
    pub fn parse(&mut self, text: &str) {
        let earlier_forms = self.forms.len();
        let earlier: HashMap<String, u32> = self
            .blocks
            .iter()
            .enumerate()
            .map(|(i, b)| (b.name.clone(), i as u32))
            .collect();
        let mut set: Option<u32> = None;
        let mut block: Option<u32> = None;
        for raw in text.lines() {
            if is_markup(raw) {
                continue;
            }
            let trimmed = raw.trim();
            if trimmed.starts_with("---") {
                set = None;
                let name = block_name(trimmed);
                block = Some(match earlier.get(&name) {
                    Some(&b) if !name.is_empty() => b,
                    _ => self.block(trimmed),
                });
                continue;
            }
            if trimmed.starts_with('#') {
                continue;
            }
            let line = strip_comment(trimmed).trim();
            if line.is_empty() {
                set = None;
                continue;
            }
            if let Some(name) = line.strip_prefix('&') {
                set = Some(self.set_id(name.split_whitespace().next().unwrap_or("")));
                continue;
            }
            if let Some(s) = set {
                if let Some(item) = line.strip_prefix('+') {
                    self.raw_sets[s as usize].push(item.trim().to_string());
                    continue;
                }
                set = None;
            }
            let Some(b) = block else { continue };
            if let Some(pattern) = line.strip_prefix('-') {
                if let Some(p) = self.pattern(pattern) {
                    self.blocks[b as usize].patterns.push(p);
                }
                continue;
            }
            self.verb_line(line, b);
        }
        self.shadow(earlier_forms);
    }

    /// Marks the forms before `from` that a form from `from` on repeats.
    fn shadow(&mut self, from: usize) {
        self.shadowed.resize(self.forms.len(), false);
        if from == 0 || from == self.forms.len() {
            return;
        }
        let new: std::collections::HashSet<&[String]> = self.forms[from..]
            .iter()
            .map(|f| f.words.as_slice())
            .collect();
        for (id, form) in self.forms[..from].iter().enumerate() {
            if new.contains(form.words.as_slice()) {
                self.shadowed[id] = true;
            }
        }
    }

    /// Expands nested sets, orders patterns and indexes forms.
    pub fn finish(&mut self) {
        self.sets = (0..self.raw_sets.len())
            .map(|s| self.expand(s as u32, 0))
            .collect();
        for set in 0..self.sets.len() {
            for p in 0..self.sets[set].len() {
                let Some(first) = self.sets[set][p].first().cloned() else {
                    continue;
                };
                let id = self.word_id(&first) as usize;
                if !self.word_sets[id].contains(&(set as u32)) {
                    self.word_sets[id].push(set as u32);
                }
            }
        }
        for block in &mut self.blocks {
            block.patterns.sort_by_key(|p| std::cmp::Reverse(p.weight));
        }
        self.shadowed.resize(self.forms.len(), false);
        let mut by_first: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        for (id, form) in self.forms.iter().enumerate() {
            if self.shadowed[id] {
                continue;
            }
            by_first
                .entry(form.words[0].clone())
                .or_default()
                .push(id as u32);
        }
        self.by_first = FormsByFirst::new(by_first);
    }

    fn expand(&self, set: u32, depth: usize) -> Vec<Phrase> {
        let mut out = Vec::new();
        for item in &self.raw_sets[set as usize] {
            match item.strip_prefix('&') {
                Some(name) if depth < 4 => {
                    if let Some(&inner) = self.set_names.get(&set_key(name)) {
                        out.extend(self.expand(inner, depth + 1));
                    }
                }
                Some(_) => {}
                None => out.push(phrase(item)),
            }
        }
        out
    }

    /// The id of a dictionary word, added if new.
    fn word_id(&mut self, word: &Word) -> u32 {
        let key = (word.text.clone(), word.exact);
        if let Some(&id) = self.word_ids.get(&key) {
            return id;
        }
        let id = self.word_sets.len() as u32;
        self.words.insert(&word.text, word.exact, id);
        self.word_sets.push(Vec::new());
        self.word_ids.insert(key, id);
        id
    }

    /// Each dictionary word (text, whole word only) with its id, by id.
    pub fn word_entries(&self) -> impl Iterator<Item = (u32, &str, bool)> {
        let mut entries: Vec<_> = self
            .word_ids
            .iter()
            .map(|((text, exact), &id)| (id, text.as_str(), *exact))
            .collect();
        entries.sort_unstable_by_key(|e| e.0);
        entries.into_iter()
    }

    /// How many dictionary words have ids.
    pub fn word_count(&self) -> usize {
        self.word_sets.len()
    }

    fn set_id(&mut self, name: &str) -> u32 {
        let key = set_key(name);
        if let Some(&id) = self.set_names.get(&key) {
            return id;
        }
        let id = self.raw_sets.len() as u32;
        self.raw_sets.push(Vec::new());
        self.set_names.insert(key, id);
        id
    }

    fn block(&mut self, header: &str) -> u32 {
        let inner = header.trim_matches(|c: char| c == '-' || c.is_whitespace());
        let name = block_name(header);
        let code = bracket(inner).map(code).unwrap_or_default();
        self.blocks.push(Block {
            name,
            code,
            patterns: Vec::new(),
        });
        (self.blocks.len() - 1) as u32
    }

    fn verb_line(&mut self, line: &str, block: u32) {
        let own = bracket(line).map(code);
        let head = line.split(['[', '{']).next().unwrap_or("").trim();
        if head.is_empty() {
            return;
        }
        let braces = line
            .find('{')
            .map(|at| line[at + 1..].split('}').next().unwrap_or(""));
        let base = verb_phrase(head);
        let mut forms = vec![(base.clone(), true)];
        match braces {
            Some(list) => forms.extend(list.split_whitespace().map(|f| (verb_phrase(f), false))),
            None => {
                for inflected in regular_forms(&base.0[base.1]) {
                    let mut words = base.0.clone();
                    words[base.1] = inflected;
                    forms.push(((words, base.1), false));
                }
            }
        }
        for ((words, head), is_base) in forms {
            if words.is_empty() {
                continue;
            }
            self.forms.push(Form {
                words,
                head,
                block,
                code: own.clone(),
                base: is_base,
            });
        }
    }

    fn pattern(&mut self, text: &str) -> Option<Pattern> {
        let code = bracket(text).map(code)?;
        let body = text.split('[').next().unwrap_or("");
        let mut steps: Vec<Step> = Vec::new();
        for chunk in body.split_whitespace() {
            let parts: Vec<&str> = chunk.split('_').collect();
            for (i, part) in parts.iter().enumerate() {
                if part.is_empty() {
                    continue;
                }
                let next_empty = parts.get(i + 1).is_some_and(|p| p.is_empty());
                let joined = parts[i + 1..].iter().any(|p| !p.is_empty());
                let element = match *part {
                    "*" => Element::Verb,
                    "$" => Element::Source,
                    "+" => Element::Target,
                    "%" => Element::Compound,
                    "^" => Element::Skip,
                    p if p.starts_with('&') => Element::Set(self.set_id(&p[1..])),
                    p => Element::Word(Word {
                        text: p.to_uppercase(),
                        exact: next_empty,
                    }),
                };
                steps.push(Step { element, joined });
            }
        }
        let verb = steps.iter().position(|s| s.element == Element::Verb)?;
        let touches_verb = verb > 0 && steps[verb - 1].joined;
        let verb_touches = steps[verb].joined;
        let after = steps.split_off(verb + 1);
        steps.pop();
        let weight = steps
            .iter()
            .chain(&after)
            .filter(|s| s.element != Element::Skip)
            .count();
        let (mut needs, mut needs_sets) = (Vec::new(), Vec::new());
        for step in steps.iter().chain(&after) {
            match &step.element {
                Element::Word(w) => needs.push(self.word_id(w)),
                Element::Set(s) => needs_sets.push(*s),
                _ => {}
            }
        }
        Some(Pattern {
            before: steps,
            touches_verb,
            verb_touches,
            after,
            code,
            weight,
            needs,
            needs_sets,
        })
    }
}

fn set_key(name: &str) -> String {
    name.trim().trim_end_matches('_').to_uppercase()
}

/// The text inside the last `[...]`.
fn bracket(text: &str) -> Option<&str> {
    let open = text.rfind('[')?;
    Some(text[open + 1..].split(']').next().unwrap_or("").trim())
}

/// `032:033`, `---`, `223`.
fn code(text: &str) -> Code {
    let one = |c: &str| {
        let c = c.trim();
        (!c.is_empty() && !c.starts_with("---") && c.chars().all(|ch| ch.is_ascii_alphanumeric()))
            .then(|| c.to_uppercase())
    };
    match text.split_once(':') {
        Some((f, r)) => Code {
            forward: one(f),
            reverse: one(r),
        },
        None => Code {
            forward: one(text),
            reverse: None,
        },
    }
}

/// `+BREAK_DOWN` (verb first), `WIRE_+TAP` (verb last): words and head.
fn verb_phrase(text: &str) -> (Vec<String>, usize) {
    let text = text.trim();
    let mut head = 0;
    let mut words = Vec::new();
    for part in text.split(['_', ' ']).filter(|p| !p.is_empty()) {
        if part.starts_with('+') {
            head = words.len();
        }
        let word = part.trim_start_matches('+').to_uppercase();
        if !word.is_empty() {
            words.push(word);
        }
    }
    let head = head.min(words.len().saturating_sub(1));
    (words, head)
}

/// Regular English forms: -S, -ED, -ING.
pub fn regular_forms(verb: &str) -> Vec<String> {
    let mut out = Vec::with_capacity(3);
    let consonant_y = verb.len() > 1
        && verb.ends_with('Y')
        && !verb[..verb.len() - 1].ends_with(['A', 'E', 'I', 'O', 'U']);
    if consonant_y {
        let stem = &verb[..verb.len() - 1];
        out.push(format!("{stem}IES"));
        out.push(format!("{stem}IED"));
        out.push(format!("{verb}ING"));
    } else if let Some(stem) = verb.strip_suffix('E') {
        out.push(format!("{verb}S"));
        out.push(format!("{verb}D"));
        out.push(format!("{stem}ING"));
    } else {
        let es = ["S", "SH", "CH", "X", "Z", "O"]
            .iter()
            .any(|s| verb.ends_with(s));
        out.push(format!("{verb}{}", if es { "ES" } else { "S" }));
        out.push(format!("{verb}ED"));
        out.push(format!("{verb}ING"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "&TIETYPES\n+MILITARY\n+ECONOMIC\n\n&ACCORDSYN\n+&TIETYPES\n+CLOSER\n\n\
        --- ABANDON  [345]  ---\nABANDON    # pas\n- * DIPLOMATIC TIES [901]\n- * &TIETYPES TIES [902]\n\
        --- ARRIVE  [032:033]  ---\nARRIVE\n\n--- BREAK [1717] ---\nBREAK { BROKE BROKEN  }\n\
        +BREAK_DOWN {+BREAKS_DOWN +BROKE_DOWN +BROKEN_DOWN }\n- + KNOWN_ * IN_ $  [076]\n\
        --- CONFISCATE  [1711] ---\nWIRE_+TAP {WIRE_+TAPPED  WIRE_+TAPPING }\n- WILL NOT * [081]\n";

    fn verbs() -> Verbs {
        let mut v = Verbs::default();
        v.parse(SAMPLE);
        v.finish();
        v
    }

    #[test]
    fn blocks_forms_sets_and_patterns() {
        let v = verbs();
        assert_eq!(v.blocks.len(), 4);
        assert_eq!(v.blocks[1].code.reverse.as_deref(), Some("033"));
        let forms: Vec<String> = v.forms.iter().map(|f| f.words.join(" ")).collect();
        for want in [
            "ABANDONED",
            "ARRIVING",
            "BROKE",
            "BROKEN DOWN",
            "WIRE TAPPED",
        ] {
            assert!(forms.iter().any(|f| f == want), "{want} not in {forms:?}");
        }
        assert_eq!(v.sets[1].len(), 3, "nested set expanded");
        let first = &v.blocks[0].patterns[0];
        assert_eq!(first.code.forward.as_deref(), Some("901"));
        let known = &v.blocks[2].patterns[0];
        // `KNOWN_` is the whole word KNOWN, with words allowed before `*`.
        assert!(!known.touches_verb && !known.verb_touches);
        assert!(
            matches!(&known.before[1].element, Element::Word(w) if w.exact && w.text == "KNOWN")
        );
        assert_eq!(known.after[1].element, Element::Source);
        let wire = v.forms.iter().find(|f| f.words == ["WIRE", "TAP"]).unwrap();
        assert_eq!(wire.head, 1);
    }

    #[test]
    fn regular_inflections() {
        assert_eq!(regular_forms("ARRIVE"), ["ARRIVES", "ARRIVED", "ARRIVING"]);
        assert_eq!(regular_forms("DENY"), ["DENIES", "DENIED", "DENYING"]);
        assert_eq!(regular_forms("PUSH"), ["PUSHES", "PUSHED", "PUSHING"]);
    }

    #[test]
    fn a_later_file_adds_to_an_earlier_block() {
        let mut v = Verbs::default();
        v.parse(SAMPLE);
        v.parse("&MORETIES\n+&TIETYPES\n+CULTURAL\n\n--- ABANDON [345] ---\n- * &MORETIES TIES [903]\n--- NEWBLOCK [010] ---\nSAY\n");
        v.finish();
        assert_eq!(v.blocks.len(), 5, "ABANDON is extended, NEWBLOCK added");
        assert_eq!(v.blocks[0].patterns.len(), 3);
        assert_eq!(v.blocks[4].name, "NEWBLOCK");
    }

    #[test]
    fn a_later_file_moves_a_verb_to_its_own_block() {
        let mut v = Verbs::default();
        v.parse("--- GO [040] ---\nLEAVE {LEAVES LEFT}\nTRAVEL\n");
        v.parse("--- DEPART [---] ---\nLEAVE {LEAVES LEFT}\n");
        v.finish();
        let block_of = |w: &str| {
            let ids = v.by_first.get(w).expect("a form");
            assert_eq!(ids.len(), 1, "{w} has one form");
            v.blocks[v.forms[ids[0] as usize].block as usize]
                .name
                .clone()
        };
        assert_eq!(block_of("LEFT"), "DEPART");
        assert_eq!(block_of("LEAVE"), "DEPART");
        assert_eq!(block_of("TRAVEL"), "GO", "other forms stay");
    }
}
