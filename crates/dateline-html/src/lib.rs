//! A fast, forgiving HTML parser into a compact arena tree.
//!
//! Built for text extraction at crawl scale: one pass over the bytes, no
//! allocation per node, and node ids that follow document order, so the
//! descendants of a node are the contiguous id range `id+1 .. end`. Walking
//! a subtree is a slice scan: no recursion, no stack to overflow on pages
//! nested 100,000 levels deep.
//!
//! It follows the browser tree-building rules that shape text (implied end
//! tags of `p`, `li`, `td`..., void elements, raw-text `script` and `style`,
//! stray end tags ignored) and leaves out the rest (foster parenting, the
//! adoption agency), which only move formatting elements around.
//!
//! ```
//! use dateline_html::{Document, Tag};
//!
//! let doc = Document::parse("<div class=story><p>One &amp; two<p>Three</div>");
//! let paragraphs: Vec<_> = doc.elements().filter(|n| n.tag() == Tag::P).collect();
//! assert_eq!(paragraphs.len(), 2);
//! assert_eq!(paragraphs[0].text_content(), "One & two");
//! assert_eq!(paragraphs[1].parent().unwrap().attr("class"), Some("story"));
//! ```

mod node;
mod parser;
mod tag;

pub use node::{Children, Node, NodeId, NodeKind};
pub use tag::Tag;

/// Deeper elements than this are attached at this depth, so consumers that
/// recurse cannot overflow their stack.
pub const MAX_DEPTH: usize = 512;

/// A parsed HTML document.
#[derive(Debug, Clone)]
pub struct Document {
    nodes: Vec<node::NodeData>,
    attrs: Vec<node::AttrData>,
    /// Decoded text of text nodes, attribute names and values, other tag names.
    buf: String,
}

impl Document {
    /// Parses HTML text. Never fails: any input gives a tree.
    pub fn parse(html: &str) -> Document {
        parser::parse(html)
    }

    /// The document node (parent of the top-level elements).
    pub fn root(&self) -> Node<'_> {
        self.node(NodeId(0))
    }

    /// The node with this id.
    ///
    /// # Panics
    /// If the id does not belong to this document.
    pub fn node(&self, id: NodeId) -> Node<'_> {
        assert!((id.0 as usize) < self.nodes.len(), "node id out of range");
        Node::new(self, id)
    }

    /// Number of nodes, the document node included.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// True for a document with nothing but the document node.
    pub fn is_empty(&self) -> bool {
        self.nodes.len() <= 1
    }

    /// All nodes in document order.
    pub fn nodes(&self) -> impl Iterator<Item = Node<'_>> + '_ {
        (0..self.nodes.len() as u32).map(move |i| Node::new(self, NodeId(i)))
    }

    /// All elements in document order.
    pub fn elements(&self) -> impl Iterator<Item = Node<'_>> + '_ {
        self.nodes().filter(Node::is_element)
    }

    /// The first element with this tag, in document order.
    pub fn first(&self, tag: Tag) -> Option<Node<'_>> {
        self.elements().find(|n| n.tag() == tag)
    }
}

#[cfg(test)]
mod tests;
