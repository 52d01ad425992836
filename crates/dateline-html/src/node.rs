//! Nodes of the arena tree and the handle that reads them.

use crate::{Document, Tag};

pub(crate) const NONE: u32 = u32::MAX;

/// Index of a node in its [`Document`]. Ids follow document order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// The document node.
    Document,
    /// An element.
    Element,
    /// A run of text.
    Text,
}

#[derive(Debug, Clone)]
pub(crate) struct NodeData {
    pub parent: u32,
    pub first_child: u32,
    pub last_child: u32,
    pub next_sibling: u32,
    pub prev_sibling: u32,
    /// One past the last descendant's id.
    pub end: u32,
    /// Text: byte range in `buf`. Element: range in `attrs`.
    pub start_a: u32,
    pub end_a: u32,
    /// `Tag::Other` elements: the name's byte range in `buf`.
    pub name_start: u32,
    pub name_end: u32,
    pub kind: NodeKind,
    pub tag: Tag,
    /// Elements: bit `k` set when an attribute with [`attr_key`] `k` is
    /// present, so most look-ups of a known name end without a scan.
    pub attr_keys: u32,
}

impl NodeData {
    /// An unlinked node; `append` links it into the tree.
    pub(crate) fn new(
        kind: NodeKind,
        tag: Tag,
        id: u32,
        data: (u32, u32),
        name: (u32, u32),
    ) -> Self {
        NodeData {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            prev_sibling: NONE,
            end: id + 1,
            start_a: data.0,
            end_a: data.1,
            name_start: name.0,
            name_end: name.1,
            kind,
            tag,
            attr_keys: 0,
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct AttrData {
    pub name: (u32, u32),
    pub value: (u32, u32),
    /// The name's [`attr_key`] (0 for names outside the list).
    pub key: u8,
}

/// A small number for the attribute names extraction asks for most, so a
/// lookup compares one byte per attribute instead of a string; 0 for any
/// other name. Names are matched exactly (lower-case, as the parser stores
/// them). Inlined, a literal name folds to its constant.
#[inline(always)]
pub(crate) fn attr_key(name: &[u8]) -> u8 {
    match name {
        b"class" => 1,
        b"id" => 2,
        b"href" => 3,
        b"content" => 4,
        b"itemprop" => 5,
        b"property" => 6,
        b"name" => 7,
        b"rel" => 8,
        b"role" => 9,
        b"style" => 10,
        b"hidden" => 11,
        b"aria-hidden" => 12,
        b"itemtype" => 13,
        b"datetime" => 14,
        b"src" => 15,
        b"type" => 16,
        b"lang" => 17,
        b"alt" => 18,
        b"title" => 19,
        b"itemscope" => 20,
        b"value" => 21,
        b"http-equiv" => 22,
        b"charset" => 23,
        _ => 0,
    }
}

/// A cheap handle to one node of a [`Document`].
#[derive(Clone, Copy)]
pub struct Node<'a> {
    doc: &'a Document,
    id: NodeId,
}

impl std::fmt::Debug for Node<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.kind() {
            NodeKind::Element => write!(f, "<{} #{}>", self.name(), self.id.0),
            NodeKind::Text => write!(f, "{:?}", self.text().unwrap_or_default()),
            NodeKind::Document => write!(f, "#document"),
        }
    }
}

impl PartialEq for Node<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.doc, other.doc) && self.id == other.id
    }
}

impl<'a> Node<'a> {
    pub(crate) fn new(doc: &'a Document, id: NodeId) -> Self {
        Node { doc, id }
    }

    fn data(&self) -> &'a NodeData {
        &self.doc.nodes[self.id.0 as usize]
    }

    fn link(&self, id: u32) -> Option<Node<'a>> {
        (id != NONE).then(|| Node::new(self.doc, NodeId(id)))
    }

    fn slice(&self, (start, end): (u32, u32)) -> &'a str {
        &self.doc.buf[start as usize..end as usize]
    }

    /// The document this node belongs to.
    pub fn document(&self) -> &'a Document {
        self.doc
    }

    /// This node's id.
    pub fn id(&self) -> NodeId {
        self.id
    }

    /// What the node is.
    pub fn kind(&self) -> NodeKind {
        self.data().kind
    }

    /// True for elements.
    pub fn is_element(&self) -> bool {
        self.kind() == NodeKind::Element
    }

    /// True for text nodes.
    pub fn is_text(&self) -> bool {
        self.kind() == NodeKind::Text
    }

    /// The element's tag ([`Tag::Other`] for text and the document).
    pub fn tag(&self) -> Tag {
        self.data().tag
    }

    /// The element's lower-case name (`""` for other nodes).
    pub fn name(&self) -> &'a str {
        let data = self.data();
        match data.tag {
            Tag::Other => self.slice((data.name_start, data.name_end)),
            tag => tag.as_str(),
        }
    }

    /// A text node's text.
    pub fn text(&self) -> Option<&'a str> {
        let data = self.data();
        (data.kind == NodeKind::Text).then(|| self.slice((data.start_a, data.end_a)))
    }

    /// An attribute's decoded value; names are matched lower-case.
    #[inline(always)]
    pub fn attr(&self, name: &str) -> Option<&'a str> {
        let key = attr_key(name.as_bytes());
        // Most look-ups are of a known name the element lacks: they end
        // here, in the caller, without a call (one bit test).
        if key != 0 && self.data().attr_keys & (1 << key) == 0 {
            return None;
        }
        self.attr_keyed(key, name)
    }

    /// [`Node::attr`] once the name's key is known (a literal name's key
    /// is computed at compile time in the caller).
    fn attr_keyed(&self, key: u8, name: &str) -> Option<&'a str> {
        let doc = self.doc;
        let found = if key != 0 {
            self.attr_data().iter().find(|a| a.key == key)
        } else {
            self.attr_data()
                .iter()
                .find(|a| &doc.buf[a.name.0 as usize..a.name.1 as usize] == name)
        };
        found.map(|a| &doc.buf[a.value.0 as usize..a.value.1 as usize])
    }

    /// The element's attribute records (none for other nodes).
    fn attr_data(&self) -> &'a [AttrData] {
        let data = self.data();
        if data.kind == NodeKind::Element {
            &self.doc.attrs[data.start_a as usize..data.end_a as usize]
        } else {
            &[]
        }
    }

    /// The element's attributes in source order, names lower-case.
    pub fn attrs(&self) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        let doc = self.doc;
        self.attr_data().iter().map(move |a| {
            (
                &doc.buf[a.name.0 as usize..a.name.1 as usize],
                &doc.buf[a.value.0 as usize..a.value.1 as usize],
            )
        })
    }

    /// True when the `class` attribute lists this class.
    pub fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_ascii_whitespace().any(|c| c == class))
    }

    /// The parent node.
    pub fn parent(&self) -> Option<Node<'a>> {
        self.link(self.data().parent)
    }

    /// The first child.
    pub fn first_child(&self) -> Option<Node<'a>> {
        self.link(self.data().first_child)
    }

    /// The last child.
    pub fn last_child(&self) -> Option<Node<'a>> {
        self.link(self.data().last_child)
    }

    /// The next sibling.
    pub fn next_sibling(&self) -> Option<Node<'a>> {
        self.link(self.data().next_sibling)
    }

    /// The previous sibling.
    pub fn prev_sibling(&self) -> Option<Node<'a>> {
        self.link(self.data().prev_sibling)
    }

    /// The children in order.
    pub fn children(&self) -> Children<'a> {
        Children {
            next: self.first_child(),
        }
    }

    /// The element children in order.
    pub fn element_children(&self) -> impl Iterator<Item = Node<'a>> + 'a {
        self.children().filter(Node::is_element)
    }

    /// One past the id of the last descendant.
    pub fn subtree_end(&self) -> NodeId {
        NodeId(self.data().end)
    }

    /// All descendants in document order (not the node itself).
    pub fn descendants(&self) -> impl Iterator<Item = Node<'a>> + 'a {
        let doc = self.doc;
        (self.id.0 + 1..self.data().end).map(move |i| Node::new(doc, NodeId(i)))
    }

    /// True when `other` is this node or one of its descendants.
    pub fn contains(&self, other: &Node<'_>) -> bool {
        other.id.0 >= self.id.0 && other.id.0 < self.data().end
    }

    /// The ancestors, nearest first.
    pub fn ancestors(&self) -> impl Iterator<Item = Node<'a>> + 'a {
        std::iter::successors(self.parent(), Node::parent)
    }

    /// All descendant text concatenated, as the DOM's `textContent`.
    pub fn text_content(&self) -> String {
        let mut out = String::new();
        if let Some(t) = self.text() {
            out.push_str(t);
        }
        for node in self.descendants() {
            if let Some(t) = node.text() {
                out.push_str(t);
            }
        }
        out
    }
}

/// Iterator over a node's children.
pub struct Children<'a> {
    next: Option<Node<'a>>,
}

impl<'a> Iterator for Children<'a> {
    type Item = Node<'a>;

    fn next(&mut self) -> Option<Node<'a>> {
        let current = self.next?;
        self.next = current.next_sibling();
        Some(current)
    }
}
