//! Dictionary words in a byte trie, matched the TABARI way in one walk
//! over a text word: a stem entry ("NEGOTIAT") matches every word it
//! begins, a whole-word entry ("MALI_") only its word. This replaces trying
//! every prefix of every text word in a hash map.

/// Dictionary words to ids.
#[derive(Debug, Clone)]
pub struct StemTrie {
    /// Children of the root by first byte (0: none).
    root: Box<[u32; 256]>,
    nodes: Vec<Node>,
}

#[derive(Debug, Clone, Default)]
struct Node {
    /// Children, sorted by byte.
    children: Vec<(u8, u32)>,
    /// Entries ending here, in insertion order, and whether each is a whole word.
    ids: Vec<(u32, bool)>,
}

impl Default for StemTrie {
    fn default() -> Self {
        Self {
            root: Box::new([0; 256]),
            // Node 0 stands for the root; its children are in `root`.
            nodes: vec![Node::default()],
        }
    }
}

impl StemTrie {
    /// Adds `word` (upper case) with `id`; `exact`: only the whole word
    /// matches.
    pub fn insert(&mut self, word: &str, exact: bool, id: u32) {
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
        let mut n = self.root[first as usize];
        if n == 0 {
            return;
        }
        let mut rest = rest.iter();
        loop {
            let node = &self.nodes[n as usize];
            let next = rest.next();
            for &(id, exact) in &node.ids {
                if next.is_none() || !exact {
                    f(id);
                }
            }
            let Some(b) = next else { return };
            match node.children.binary_search_by_key(b, |c| c.0) {
                Ok(at) => n = node.children[at].1,
                Err(_) => return,
            }
        }
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
}
