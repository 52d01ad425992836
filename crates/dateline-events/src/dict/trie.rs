//! Dictionary words in a byte trie, matched the TABARI way in one walk
//! over a text word: a stem entry ("NEGOTIAT") matches every word it
//! begins, a whole-word entry ("MALI_") only its word. This replaces trying
//! every prefix of every text word in a hash map.
//!
//! The trie is walked at every token of every sentence (several times:
//! actors, agents, discards, verb words), so after the last insertion it is
//! packed: nodes in depth-first order in one array, each node's child
//! bytes side by side and scanned in a line. The walk then reads a few
//! adjacent cache lines instead of chasing a heap vector per node (the
//! unpacked walk was 8% of ingest CPU).

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
    /// Entries ending here, in insertion order, and whether each is a whole word.
    ids: Vec<(u32, bool)>,
}

/// The trie as `matches` reads it.
#[derive(Debug, Clone)]
struct Packed {
    /// Node of each first byte (`NONE`: no word starts with it).
    root: Box<[u32; 256]>,
    nodes: Vec<PackedNode>,
    /// Every node's child bytes, a node's side by side.
    child_bytes: Vec<u8>,
    /// The node of each byte of `child_bytes`.
    child_nodes: Vec<u32>,
    /// Every node's entries, a node's side by side.
    ids: Vec<(u32, bool)>,
}

#[derive(Debug, Clone, Copy)]
struct PackedNode {
    children: u32,
    child_count: u32,
    ids: u32,
    id_count: u32,
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
        self.nodes[n as usize].ids.push((id, exact));
    }

    fn push(&mut self) -> u32 {
        self.nodes.push(Node::default());
        (self.nodes.len() - 1) as u32
    }

    /// Calls `f` with every id whose word matches `token`: stems that
    /// begin it, shortest first, then the entries of the whole word in
    /// insertion order.
    #[inline]
    pub fn matches(&self, token: &str, mut f: impl FnMut(u32)) {
        let bytes = token.as_bytes();
        let Some((&first, rest)) = bytes.split_first() else {
            return;
        };
        let packed = self.packed.get_or_init(|| self.pack());
        let mut n = packed.root[first as usize];
        if n == NONE {
            return;
        }
        let mut rest = rest.iter();
        loop {
            let node = packed.nodes[n as usize];
            let next = rest.next();
            if node.id_count > 0 {
                let ids = &packed.ids[node.ids as usize..(node.ids + node.id_count) as usize];
                for &(id, exact) in ids {
                    if next.is_none() || !exact {
                        f(id);
                    }
                }
            }
            let Some(b) = next else { return };
            let from = node.children as usize;
            let bytes = &packed.child_bytes[from..from + node.child_count as usize];
            match bytes.iter().position(|c| c == b) {
                Some(at) => n = packed.child_nodes[from + at],
                None => return,
            }
        }
    }

    /// The packed form, nodes numbered depth-first from the root's
    /// children in byte order.
    fn pack(&self) -> Packed {
        let mut packed = Packed {
            root: Box::new([NONE; 256]),
            nodes: Vec::with_capacity(self.nodes.len()),
            child_bytes: Vec::new(),
            child_nodes: Vec::new(),
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
        while let Some((n, slot)) = todo.pop() {
            let node = &self.nodes[n as usize];
            let at = packed.nodes.len() as u32;
            match slot {
                Slot::Root(byte) => packed.root[byte] = at,
                Slot::Child(k) => packed.child_nodes[k] = at,
            }
            let children = packed.child_bytes.len();
            packed.nodes.push(PackedNode {
                children: children as u32,
                child_count: node.children.len() as u32,
                ids: packed.ids.len() as u32,
                id_count: node.ids.len() as u32,
            });
            packed.ids.extend_from_slice(&node.ids);
            packed
                .child_bytes
                .extend(node.children.iter().map(|&(b, _)| b));
            packed
                .child_nodes
                .extend(std::iter::repeat_n(NONE, node.children.len()));
            for (k, &(_, child)) in node.children.iter().enumerate().rev() {
                todo.push((child, Slot::Child(children + k)));
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
