//! The first words of every dictionary in one trie, so that a sentence's
//! tokens are looked up once, not once per dictionary.
//!
//! A sentence is read against the discards (at every token, before
//! anything else, since one can drop the story), the actors and agents
//! (at every word) and the verb patterns' words (which patterns can
//! apply). Walked separately, that is four trie walks per token, each
//! mostly cache misses on a large dictionary; the walks share their path,
//! so one walk over a merged trie finds every candidate at the cost of the
//! deepest. [`Scan`] keeps each token's candidates for the readers.

use super::trie::{Entry, IdSpan, StemTrie, CLASS_SHIFT};
use super::Dictionaries;

/// Which dictionary a candidate belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum Kind {
    /// A discard phrase's first word.
    Discard = 0,
    /// An actor name's first word.
    Actor = 1,
    /// An agent's first word.
    Agent = 2,
    /// A verb pattern's word or a synonym set phrase's first word.
    VerbWord = 3,
}

impl Kind {
    #[cfg(test)]
    const ALL: [Kind; 4] = [Kind::Discard, Kind::Actor, Kind::Agent, Kind::VerbWord];

    fn bit(self) -> u8 {
        1 << self as u32
    }
}

/// The kind is a merged id's class in the trie (its top two bits).
const KIND_SHIFT: u32 = CLASS_SHIFT;
const ENTRY_MASK: u32 = (1 << KIND_SHIFT) - 1;

/// A dictionary entry's first word, as the lexicon keeps it.
pub struct FirstWord<'d> {
    /// The entry's id in its dictionary.
    pub id: u32,
    /// The word, upper case.
    pub text: &'d str,
    /// Whether only the whole word matches.
    pub exact: bool,
    /// The first byte of the entry's second word (0: it has one word).
    pub next_byte: u8,
}

/// Every dictionary's first words.
#[derive(Debug, Default)]
pub struct Lexicon {
    trie: StemTrie,
}

impl Lexicon {
    /// The lexicon of `dict`'s discards, actors, agents and verb words.
    ///
    /// Each dictionary's entries go in in their own order, so that a
    /// token's candidates of one kind come in the order that dictionary's
    /// own trie gives them (longest-match ties keep the first).
    pub fn new(dict: &Dictionaries) -> Self {
        let mut trie = StemTrie::default();
        let mut add = |kind: Kind, entries: &mut dyn Iterator<Item = FirstWord<'_>>| {
            for first in entries {
                assert!(first.id <= ENTRY_MASK, "dictionary of over 2^30 entries");
                let id = ((kind as u32) << KIND_SHIFT) | first.id;
                trie.insert_tagged(first.text, first.exact, id, first.next_byte);
            }
        };
        add(Kind::Discard, &mut dict.discards.first_words());
        add(Kind::Actor, &mut dict.actors.first_words());
        add(Kind::Agent, &mut dict.agents.first_words());
        add(
            Kind::VerbWord,
            &mut dict
                .verbs
                .word_entries()
                .map(|(id, text, exact)| FirstWord {
                    id,
                    text,
                    exact,
                    next_byte: 0,
                }),
        );
        Self { trie }
    }
}

/// The candidates of each token of a sentence, from one walk per token.
///
/// A scan keeps the trie nodes each token reaches, not their entries: a
/// common first word ("THE", "INTERNATIONAL") starts hundreds of phrases,
/// and a reader asks only for the kinds it reads.
#[derive(Debug)]
pub struct Scan<'l> {
    lexicon: &'l Lexicon,
    /// Token `i`'s nodes are `spans[bounds[i]..bounds[i + 1]]`.
    bounds: Vec<u32>,
    spans: Vec<IdSpan>,
    /// The first byte of each token.
    first_bytes: Vec<Option<u8>>,
    /// Token `i`'s kinds of entry, a bit per [`Kind`]: most tokens start
    /// no phrase of a kind, and a reader skips them on one bit.
    kinds: Vec<u8>,
}

impl<'l> Scan<'l> {
    /// The scan of `words`.
    pub fn of(lexicon: &'l Lexicon, words: &[&str]) -> Self {
        let mut bounds = Vec::with_capacity(words.len() + 1);
        let mut spans = Vec::with_capacity(words.len());
        let mut kinds = Vec::with_capacity(words.len());
        for w in words {
            bounds.push(spans.len() as u32);
            let mut bits = 0;
            lexicon.trie.spans(w, |span| {
                // A kind's bit is its class's.
                bits |= span.matching_classes();
                spans.push(span);
            });
            kinds.push(bits);
        }
        bounds.push(spans.len() as u32);
        Self {
            lexicon,
            bounds,
            spans,
            kinds,
            first_bytes: words
                .iter()
                .map(|w| w.as_bytes().first().copied())
                .collect(),
        }
    }

    /// Whether some entry of `kind` has a first word that matches token
    /// `i` (its next word is not checked): when not, [`Self::at`] is
    /// empty.
    pub fn has(&self, i: usize, kind: Kind) -> bool {
        self.kinds
            .get(i)
            .is_some_and(|&bits| bits & kind.bit() != 0)
    }

    /// The entries of `kind` that can start at token `i`: their first word
    /// matches it and their second word, if any, begins with the next
    /// token's first byte ([`FirstWord::next_byte`]). Shorter stems first;
    /// within a node, one-word entries first, each group in its
    /// dictionary's order (entries of one length keep their order, which
    /// is what breaks a longest-match tie). Ids are within the dictionary.
    pub fn at(&self, i: usize, kind: Kind) -> impl Iterator<Item = Entry> + '_ {
        let range = match (self.bounds.get(i), self.bounds.get(i + 1)) {
            (Some(&from), Some(&to)) => from as usize..to as usize,
            _ => 0..0,
        };
        let next = self.first_bytes.get(i + 1).copied().flatten();
        self.spans[range].iter().flat_map(move |&span| {
            self.lexicon
                .trie
                .span_class_before(span, kind as u32, next)
                .map(unmasked)
        })
    }

    /// Every entry of `kind` matched by some token.
    pub fn all(&self, kind: Kind) -> impl Iterator<Item = u32> + '_ {
        self.spans
            .iter()
            .flat_map(move |&span| self.of_kind(span, kind))
            .map(|entry| entry.id)
    }

    /// The entries of `kind` in `span` that match its token.
    fn of_kind(&self, span: IdSpan, kind: Kind) -> impl Iterator<Item = Entry> + 'l {
        self.lexicon
            .trie
            .span_class(span, kind as u32)
            .map(unmasked)
    }
}

/// `entry` with its id in its own dictionary, the kind bits cleared.
fn unmasked(entry: Entry) -> Entry {
    Entry {
        id: entry.id & ENTRY_MASK,
        ..entry
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_walk_gives_each_dictionarys_candidates_as_its_own_walk_does() {
        let d = Dictionaries::embedded();
        let words = [
            "THE",
            "UNITED",
            "STATES",
            "AND",
            "SYRIAN",
            "REBELS",
            "SIGNED",
            "A",
            "PEACE",
            "DEAL",
            "WITH",
            "POLICE",
            "OFFICIALS",
            "IN",
            "DAMASCUS",
            "FOOTBALL",
            "'S",
        ];
        let scan = Scan::of(&d.lexicon, &words);
        let dictionaries = [
            (Kind::Actor, d.actors.trie()),
            (Kind::Agent, d.agents.trie()),
            (Kind::Discard, d.discards.trie()),
            (Kind::VerbWord, &d.verbs.words),
        ];
        for (i, w) in words.iter().enumerate() {
            let next = words.get(i + 1).and_then(|n| n.bytes().next());
            for (kind, trie) in dictionaries {
                // Its own trie's entries whose next word can follow.
                let mut own = Vec::new();
                trie.entries(w, |e| {
                    if e.tag == 0 || Some(e.tag) == next {
                        own.push(e.id);
                    }
                });
                let scanned: Vec<u32> = scan.at(i, kind).map(|e| e.id).collect();
                assert_eq!(scanned, own, "{w} {kind:?}");
            }
        }
        for (i, w) in words.iter().enumerate() {
            for kind in Kind::ALL {
                if scan.at(i, kind).next().is_some() {
                    assert!(scan.has(i, kind), "{w} {kind:?}");
                }
            }
        }
        assert!(!scan.has(words.len(), Kind::Actor));
        assert!(
            scan.at(1, Kind::Actor).next().is_some(),
            "UNITED starts actors"
        );
        assert!(scan.at(words.len(), Kind::Actor).next().is_none());
    }
}
