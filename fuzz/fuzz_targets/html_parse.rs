//! Arbitrary bytes -> lossy UTF-8 -> `Document::parse`, then the arena
//! invariants every consumer relies on: ids in document order, consistent
//! parent/child/sibling links, and each subtree a contiguous id range.
#![no_main]

use dateline_html::{Document, NodeId, NodeKind, MAX_DEPTH};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let doc = Document::parse(&html);
    check_tree(&doc);
});

fn check_tree(doc: &Document) {
    let len = doc.len() as u32;
    let root = doc.root();
    assert_eq!(root.kind(), NodeKind::Document, "node 0 is the document");
    assert_eq!(root.parent(), None, "the document has no parent");
    assert_eq!(
        root.subtree_end(),
        NodeId(len),
        "the document spans every node"
    );

    let mut depth = vec![0usize; len as usize];
    let mut seen_children = 0u32;
    for node in doc.nodes() {
        let id = node.id().0;
        let end = node.subtree_end().0;
        assert!(
            end > id && end <= len,
            "subtree_end of #{id} is {end}, len {len}"
        );

        if id != 0 {
            assert_ne!(
                node.kind(),
                NodeKind::Document,
                "#{id}: only node 0 is the document"
            );
            let parent = node
                .parent()
                .unwrap_or_else(|| panic!("#{id} has no parent"));
            let pid = parent.id().0;
            assert!(pid < id, "#{id}: parent #{pid} comes after it");
            assert!(
                parent.contains(&node),
                "#{id} outside its parent #{pid}'s range"
            );
            assert!(
                end <= parent.subtree_end().0,
                "#{id}'s subtree ends past its parent's"
            );
            depth[id as usize] = depth[pid as usize] + 1;
            // Elements hang at most MAX_DEPTH deep; a text node one below.
            assert!(
                depth[id as usize] <= MAX_DEPTH + 1,
                "#{id} at depth {}",
                depth[id as usize]
            );
        }

        if node.kind() == NodeKind::Text {
            assert!(
                node.first_child().is_none() && end == id + 1,
                "text node #{id} has children"
            );
            assert!(node.text().is_some(), "text node #{id} without text");
        } else {
            assert!(node.text().is_none());
        }
        if node.is_element() {
            let name = node.name();
            assert!(!name.is_empty(), "element #{id} without a name");
            assert!(
                !name.bytes().any(|c| c.is_ascii_uppercase()),
                "element name {name:?} not lower-case"
            );
            for (attr, _) in node.attrs() {
                assert!(
                    !attr.bytes().any(|c| c.is_ascii_uppercase()),
                    "attribute name {attr:?} not lower-case"
                );
            }
        }

        // Children: in document order, linked both ways, tiling id+1..end.
        let mut expected = id + 1;
        let mut prev: Option<NodeId> = None;
        for child in node.children() {
            let cid = child.id().0;
            assert_eq!(
                cid, expected,
                "#{id}: child #{cid} does not start where the previous subtree ended"
            );
            assert_eq!(
                child.parent().map(|p| p.id()),
                Some(node.id()),
                "#{cid}: parent link"
            );
            assert_eq!(
                child.prev_sibling().map(|p| p.id()),
                prev,
                "#{cid}: prev_sibling link"
            );
            assert!(
                child.subtree_end().0 <= end,
                "#{cid}: subtree ends past its parent #{id}"
            );
            expected = child.subtree_end().0;
            prev = Some(child.id());
            seen_children += 1;
        }
        assert_eq!(expected, end, "#{id}: children do not cover its subtree");
        assert_eq!(
            node.last_child().map(|c| c.id()),
            prev,
            "#{id}: last_child link"
        );
        assert_eq!(
            node.first_child().is_some(),
            end > id + 1,
            "#{id}: first_child vs subtree_end"
        );
    }
    assert_eq!(
        seen_children,
        len - 1,
        "every node but the root is someone's child exactly once"
    );

    // Reading helpers must not panic either.
    let _ = root.text_content();
}
