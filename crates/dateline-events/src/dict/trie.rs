//! Dictionary words in a byte trie, matched the TABARI way in one walk
//! over a text word: a stem entry ("NEGOTIAT") matches every word it
//! begins, a whole-word entry ("MALI_") only its word. This replaces trying
//! every prefix of every text word in a hash map.
//!
//! The trie is walked at every token of every sentence, so after the last
//! insertion it is packed: node records side by side in one byte array,
//! depth first, one-child chains folded into labels (see `Packed`). A
//! walk then reads a record per branching node, mostly one cache line each,
//! instead of chasing a heap vector per node (the unpacked walk was 8% of
//! ingest CPU; a node per byte in three flat arrays still missed the cache
//! three times a byte).

use std::sync::OnceLock;

/// Dictionary words to ids.
#[derive(Debug, Clone)]
pub struct StemTrie {
    /// Children of the root by first byte (0: none).
    root: Box<[u32; 256]>,
    nodes: Vec<Node>,
    /// The packed form `matches` walks, made at its first call after an
    /// insertion.
    packed: OnceLock<Packed>,
}

#[derive(Debug, Clone, Default)]
struct Node {
    /// Children, sorted by byte.
    children: Vec<(u8, u32)>,
    /// Entries ending here, in insertion order.
    ids: Vec<Entry>,
}

/// The trie as `matches` reads it: node records side by side in one byte
/// array, depth first, and chains of nodes that have one child and no
/// entries folded into their last node's label.
///
/// A record is `[label length: u8][label][classes with a stem entry, a
/// bit each, and with a whole-word entry, four bits up: u8][child count:
/// u16]`, then, if it has entries, `[its place in spans: u32]`, then
/// `[each child's first byte][each child's record offset: u32]`. Where a
/// node's entries sit and how many of each class it has are kept aside in
/// `spans`, read only when the token matches there, so that the records a
/// walk passes through are a few bytes each and more of them stay in cache
/// from one article to the next (the records were 706 KB with the counts
/// inline). The label is the bytes after the edge's first byte that
/// lead to the node (at most 255: a longer chain goes on in a record of
/// its own). A walk step reads one record, mostly one cache line, where
/// a node per byte in three arrays cost three misses.
#[derive(Debug, Clone)]
struct Packed {
    /// Record offset of each first byte's node (`NONE`: no word starts
    /// with it).
    root: Box<[u32; 256]>,
    records: Vec<u8>,
    /// Each node with entries: where they start in `ids` and how many of
    /// each class.
    spans: Vec<(u32, [u32; CLASSES])>,
    /// Every node's entries, a node's side by side.
    ids: Vec<Entry>,
}

/// A dictionary word's entry: its id, whether only the whole word matches,
/// and a byte its dictionary keeps beside it (a phrase index keeps the
/// first byte of the phrase's next word, so that a reader rules out most
/// phrases without reading them; 0: none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The id given at insertion.
    pub id: u32,
    /// Whether only the whole word matches.
    pub exact: bool,
    /// The byte given at insertion.
    pub tag: u8,
}

/// The entries of one node that a token reaches, of which whole-word
/// entries count only if the token ends at the node (`whole`). Where they
/// sit is the packed trie's `spans[slot]`, read only when a reader asks
/// for a class the token matches: a walk reads only the records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdSpan {
    slot: u32,
    whole: bool,
    /// The classes with an entry that matches the token, a bit each.
    matching: u8,
}

/// An id's class is its top two bits: a trie that holds several kinds of
/// entry (the lexicon's dictionaries) keeps each node's entries class by
/// class and counts them, so that a reader of one class skips a node with
/// none without reading its entries. Ids below 2^30 are all class 0.
pub const CLASS_SHIFT: u32 = 30;
const CLASSES: usize = 4;

impl IdSpan {
    /// The classes with an entry in the node that matches the token, bit
    /// `c` for class `c`.
    pub fn matching_classes(self) -> u8 {
        self.matching
    }

    /// Whether the token ends at the node, so that its whole-word entries
    /// match too.
    pub fn whole(self) -> bool {
        self.whole
    }
}

/// Bytes of a record before its label.
const LABEL_AT: usize = 1;
/// Bytes of a record's fixed fields after its label: classes, child count.
const HEADER: usize = 1 + 2;
/// Bytes of a record's entry field: its place in `spans`.
const ENTRY_FIELDS: usize = 4;

fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

const NONE: u32 = u32::MAX;

impl Default for StemTrie {
    fn default() -> Self {
        Self {
            root: Box::new([0; 256]),
            // Node 0 stands for the root; its children are in `root`.
            nodes: vec![Node::default()],
            packed: OnceLock::new(),
        }
    }
}

impl StemTrie {
    /// Adds `word` (upper case) with `id`; `exact`: only the whole word
    /// matches.
    pub fn insert(&mut self, word: &str, exact: bool, id: u32) {
        self.insert_tagged(word, exact, id, 0);
    }

    /// [`Self::insert`] with a byte kept beside the entry ([`Entry::tag`]).
    pub fn insert_tagged(&mut self, word: &str, exact: bool, id: u32, tag: u8) {
        self.packed = OnceLock::new();
        let bytes = word.as_bytes();
        let Some((&first, rest)) = bytes.split_first() else {
            return;
        };
        let mut n = match self.root[first as usize] {
            0 => {
                let c = self.push();
                self.root[first as usize] = c;
                c
            }
            c => c,
        };
        for &b in rest {
            let found = self.nodes[n as usize]
                .children
                .binary_search_by_key(&b, |c| c.0);
            n = match found {
                Ok(at) => self.nodes[n as usize].children[at].1,
                Err(at) => {
                    let c = self.push();
                    self.nodes[n as usize].children.insert(at, (b, c));
                    c
                }
            };
        }
        self.nodes[n as usize].ids.push(Entry { id, exact, tag });
    }

    fn push(&mut self) -> u32 {
        self.nodes.push(Node::default());
        (self.nodes.len() - 1) as u32
    }

    /// Calls `f` with every id whose word matches `token`: stems that
    /// begin it, shortest first, then the entries of the whole word; a
    /// node's entries class by class, by tag within a class and in
    /// insertion order within a tag.
    #[inline]
    pub fn matches(&self, token: &str, mut f: impl FnMut(u32)) {
        self.entries(token, |entry| f(entry.id));
    }

    /// [`Self::matches`] with each id's whole entry.
    #[inline]
    pub fn entries(&self, token: &str, mut f: impl FnMut(Entry)) {
        self.spans(token, |span| {
            for class in 0..CLASSES as u32 {
                self.span_class(span, class).for_each(&mut f);
            }
        });
    }

    /// Calls `f` with the entries of each node `token` reaches that holds
    /// some, from the shortest stem on: [`Self::matches`] without reading
    /// the entries, for callers that keep them for later.
    #[inline]
    pub fn spans(&self, token: &str, mut f: impl FnMut(IdSpan)) {
        let bytes = token.as_bytes();
        let Some((&first, mut rest)) = bytes.split_first() else {
            return;
        };
        let packed = self.packed.get_or_init(|| self.pack());
        let mut at = packed.root[first as usize];
        while at != NONE {
            // Records are written by `pack`, so a short read is a bug; the
            // walk then ends rather than panics.
            let Some(record) = packed.records.get(at as usize..) else {
                return;
            };
            let Some(&label_len) = record.first() else {
                return;
            };
            let header = LABEL_AT + label_len as usize;
            if label_len > 0 {
                // Labels are a few bytes: compared in a line, not by a
                // call to memcmp.
                match (record.get(LABEL_AT..header), rest.get(..label_len as usize)) {
                    (Some(label), Some(next)) if label.iter().zip(next).all(|(a, b)| a == b) => {}
                    _ => return,
                }
            }
            rest = &rest[label_len as usize..];
            let Some(&[kinds, count_low, count_high]) = record.get(header..header + HEADER) else {
                return;
            };
            let entries_at = header + HEADER;
            let whole = rest.is_empty();
            let matching = (kinds & 0x0f) | if whole { kinds >> 4 } else { 0 };
            if matching != 0 {
                let Some(slot) = read_u32(record, entries_at) else {
                    return;
                };
                f(IdSpan {
                    slot,
                    whole,
                    matching,
                });
            }
            let Some((&b, tail)) = rest.split_first() else {
                return;
            };
            let child_count = u16::from_le_bytes([count_low, count_high]) as usize;
            let bytes_at = entries_at + if kinds != 0 { ENTRY_FIELDS } else { 0 };
            let Some(child_bytes) = record.get(bytes_at..bytes_at + child_count) else {
                return;
            };
            // Child bytes are sorted: a node near the root has a letter's
            // worth of children, searched by halves.
            let found = if child_count > 8 {
                child_bytes.binary_search(&b).ok()
            } else {
                child_bytes.iter().position(|&c| c == b)
            };
            let Some(k) = found else {
                return;
            };
            at = read_u32(record, bytes_at + child_count + 4 * k).unwrap_or(NONE);
            rest = tail;
        }
    }

    /// The entries of `class` in `span` whose tag is 0 or `next` and that
    /// match the span's token, tag 0 first, in insertion order within a
    /// tag: for a phrase index, the phrases that can start at a token
    /// followed by a word beginning with `next`. A common first word
    /// ("THE") starts a hundred phrases, found by binary searches.
    pub fn span_class_before(
        &self,
        span: IdSpan,
        class: u32,
        next: Option<u8>,
    ) -> impl Iterator<Item = Entry> + '_ {
        let entries = self.class_entries(span, class);
        // A few entries are filtered in a line; binary searches pay off on
        // a long run.
        let (untagged, tagged) = if entries.len() <= 16 {
            (entries, &[][..])
        } else {
            let untagged = entries.partition_point(|e| e.tag == 0);
            let tagged = match next {
                Some(b) if b != 0 => {
                    let from = entries.partition_point(|e| e.tag < b);
                    let to = entries.partition_point(|e| e.tag <= b);
                    &entries[from..to]
                }
                _ => &[],
            };
            (&entries[..untagged], tagged)
        };
        untagged
            .iter()
            .chain(tagged)
            .filter(move |e| (e.tag == 0 || Some(e.tag) == next) && (span.whole || !e.exact))
            .copied()
    }

    /// The entries of `class` in `span` that match its token, by tag and
    /// in insertion order within a tag.
    pub fn span_class(&self, span: IdSpan, class: u32) -> impl Iterator<Item = Entry> + '_ {
        self.class_entries(span, class)
            .iter()
            .filter(move |e| span.whole || !e.exact)
            .copied()
    }

    /// The entries of `class` in `span`, matching or not; none when no
    /// entry of `class` matches (then a reader would filter them all out).
    fn class_entries(&self, span: IdSpan, class: u32) -> &[Entry] {
        if class >= CLASSES as u32 || span.matching & (1 << class) == 0 {
            return &[];
        }
        let packed = self.packed.get_or_init(|| self.pack());
        let Some((start, counts)) = packed.spans.get(span.slot as usize) else {
            return &[];
        };
        let from = *start as usize
            + counts[..class as usize]
                .iter()
                .map(|&c| c as usize)
                .sum::<usize>();
        packed
            .ids
            .get(from..from + counts[class as usize] as usize)
            .unwrap_or_default()
    }

    /// The packed form: records depth first from the root's children in
    /// byte order, one-child chains folded into labels.
    fn pack(&self) -> Packed {
        let mut packed = Packed {
            root: Box::new([NONE; 256]),
            records: Vec::new(),
            spans: Vec::new(),
            ids: Vec::new(),
        };
        // Depth first without recursion: a dictionary read from a file may
        // hold a word of any length, and the stack must not follow it.
        enum Slot {
            Root(usize),
            Child(usize),
        }
        let mut todo: Vec<(u32, Slot)> = (0..256)
            .rev()
            .filter(|&byte| self.root[byte] != 0)
            .map(|byte| (self.root[byte], Slot::Root(byte)))
            .collect();
        while let Some((mut n, slot)) = todo.pop() {
            let at = packed.records.len() as u32;
            match slot {
                Slot::Root(byte) => packed.root[byte] = at,
                Slot::Child(offset) => {
                    packed.records[offset..offset + 4].copy_from_slice(&at.to_le_bytes())
                }
            }
            // Fold the chain below the edge: nodes with no entries and one
            // child add their child's byte to the label.
            let mut label = Vec::new();
            loop {
                let node = &self.nodes[n as usize];
                if !node.ids.is_empty() || node.children.len() != 1 || label.len() == 255 {
                    break;
                }
                let (b, child) = node.children[0];
                label.push(b);
                n = child;
            }
            let node = &self.nodes[n as usize];
            packed.records.push(label.len() as u8);
            packed.records.extend_from_slice(&label);
            let mut kinds = 0u8;
            let mut counts = [0u32; CLASSES];
            for e in &node.ids {
                let class = e.id >> CLASS_SHIFT;
                counts[class as usize] += 1;
                kinds |= (if e.exact { 0x10 } else { 0x01 }) << class;
            }
            packed.records.push(kinds);
            packed
                .records
                .extend_from_slice(&(node.children.len() as u16).to_le_bytes());
            if kinds != 0 {
                packed
                    .records
                    .extend_from_slice(&(packed.spans.len() as u32).to_le_bytes());
                packed.spans.push((packed.ids.len() as u32, counts));
            }
            let mut entries = node.ids.clone();
            entries.sort_by_key(|e| (e.id >> CLASS_SHIFT, e.tag));
            packed.ids.extend_from_slice(&entries);
            packed.records.extend(node.children.iter().map(|&(b, _)| b));
            let offsets = packed.records.len();
            packed
                .records
                .extend(std::iter::repeat_n(0xff, 4 * node.children.len()));
            for (k, &(_, child)) in node.children.iter().enumerate().rev() {
                todo.push((child, Slot::Child(offsets + 4 * k)));
            }
        }
        packed
    }

    /// Whether any entry matches `token`.
    pub fn any(&self, token: &str) -> bool {
        let mut found = false;
        self.matches(token, |_| found = true);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_match_longer_words_whole_words_only_themselves() {
        let mut t = StemTrie::default();
        t.insert("NEGOTIAT", false, 1);
        t.insert("MALI", true, 2);
        t.insert("MALI", false, 3);
        t.insert("M", false, 4);
        let got = |w: &str| {
            let mut v = Vec::new();
            t.matches(w, |id| v.push(id));
            v
        };
        assert_eq!(got("NEGOTIATED"), [1]);
        assert_eq!(got("NEGOTIA"), Vec::<u32>::new());
        assert_eq!(got("MALI"), [4, 2, 3]);
        assert_eq!(got("MALICIOUS"), [4, 3]);
        assert!(!t.any("X"));
    }

    #[test]
    fn an_insertion_after_a_walk_is_seen() {
        let mut t = StemTrie::default();
        t.insert("SYRIA", true, 1);
        assert!(t.any("SYRIA"));
        assert!(!t.any("SYRIAN"));
        t.insert("SYRIAN", true, 2);
        t.insert("AB", false, 3);
        let mut got = Vec::new();
        t.matches("SYRIAN", |id| got.push(id));
        assert_eq!(got, [2]);
        assert!(t.any("ABC"));
    }

    #[test]
    fn a_nodes_entries_come_class_by_class_and_a_class_alone() {
        let class = |c: u32, id: u32| (c << CLASS_SHIFT) | id;
        let mut t = StemTrie::default();
        t.insert("UNITED", true, class(1, 5));
        t.insert("UNITED", false, class(0, 9));
        t.insert("UNIT", false, class(1, 2));
        t.insert("UNITED", true, class(1, 4));
        let mut all = Vec::new();
        t.matches("UNITED", |id| all.push(id));
        assert_eq!(all, [class(1, 2), class(0, 9), class(1, 5), class(1, 4)]);
        let mut spans = Vec::new();
        t.spans("UNITEDLY", |span| spans.push(span));
        let of = |class: u32| {
            spans
                .iter()
                .flat_map(|&s| t.span_class(s, class).map(|e| e.id))
                .collect::<Vec<_>>()
        };
        // Past the whole word, only stems match.
        assert_eq!(of(1), [class(1, 2)]);
        assert_eq!(of(0), [class(0, 9)]);
        assert_eq!(of(2), Vec::<u32>::new());
    }

    #[test]
    fn a_word_of_any_length_packs_without_deep_recursion() {
        let mut t = StemTrie::default();
        let long = "A".repeat(200_000);
        t.insert(&long, true, 7);
        t.insert("AB", false, 8);
        let mut got = Vec::new();
        t.matches(&long, |id| got.push(id));
        assert_eq!(got, [7]);
        assert!(t.any("ABC"));
    }
}
