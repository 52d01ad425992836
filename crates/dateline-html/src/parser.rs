//! One-pass tokenizer and simplified tree builder.

use memchr::{memchr, memchr2, memmem};

use crate::node::{attr_key, AttrData, NodeData, NodeKind, NONE};
use crate::{Document, Tag, MAX_DEPTH};

pub(crate) fn parse(html: &str) -> Document {
    let mut builder = Builder::new(html.len());
    Tokenizer {
        html,
        bytes: html.as_bytes(),
        pos: 0,
    }
    .run(&mut builder);
    builder.finish()
}

struct Tokenizer<'a> {
    html: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl Tokenizer<'_> {
    fn run(&mut self, b: &mut Builder) {
        let n = self.bytes.len();
        while self.pos < n {
            // Tags often follow each other: no search when one starts here.
            let (lt, has_reference) = if self.bytes[self.pos] == b'<' {
                (self.pos, false)
            } else {
                until_either(b'<', &self.bytes[self.pos..])
                    .map_or((n, true), |(i, amp)| (self.pos + i, amp))
            };
            if lt > self.pos {
                b.text(&self.html[self.pos..lt], has_reference);
            }
            if lt >= n {
                break;
            }
            self.pos = lt;
            match self.bytes.get(lt + 1) {
                Some(b'!') => self.markup_declaration(b.foreign_depth > 0),
                Some(b'?') => self.skip_past(b'>'),
                Some(b'/') => match self.bytes.get(lt + 2) {
                    Some(c) if c.is_ascii_alphabetic() => self.end_tag(b),
                    Some(b'>') => self.pos += 3,
                    _ => self.skip_past(b'>'),
                },
                Some(c) if c.is_ascii_alphabetic() => self.start_tag(b),
                _ => {
                    b.text("<", false);
                    self.pos += 1;
                }
            }
        }
    }

    /// Moves past the next `needle` byte, or to the end.
    fn skip_past(&mut self, needle: u8) {
        self.pos =
            memchr(needle, &self.bytes[self.pos..]).map_or(self.bytes.len(), |i| self.pos + i + 1);
    }

    /// Comments, doctypes and CDATA sections. A CDATA section is one only
    /// inside SVG or MathML; elsewhere `<![CDATA[` opens a bogus comment
    /// that ends at the first `>`, as browsers parse it (a forum theme's
    /// stray `<![CDATA[` in `<body>` must not hide the whole page).
    fn markup_declaration(&mut self, foreign: bool) {
        let rest = &self.bytes[self.pos..];
        if rest.starts_with(b"<!--") {
            // `<!-->` and `<!--->` are complete (empty) comments.
            let body = &rest[4..];
            if body.starts_with(b">") {
                self.pos += 5;
            } else if body.starts_with(b"->") {
                self.pos += 6;
            } else {
                self.pos =
                    memmem::find(body, b"-->").map_or(self.bytes.len(), |i| self.pos + 4 + i + 3);
            }
        } else if foreign && rest.starts_with(b"<![CDATA[") {
            self.pos = memmem::find(rest, b"]]>").map_or(self.bytes.len(), |i| self.pos + i + 3);
        } else {
            self.skip_past(b'>');
        }
    }

    /// Reads a tag name starting at `self.pos`; returns its byte range.
    fn tag_name(&mut self) -> (usize, usize) {
        let start = self.pos;
        self.pos = scan_until(self.bytes, self.pos, SPACE | SLASH | GT);
        (start, self.pos)
    }

    fn end_tag(&mut self, b: &mut Builder) {
        self.pos += 2;
        let (start, end) = self.tag_name();
        // The `>` mostly follows the name at once: no search for it.
        if self.bytes.get(self.pos) == Some(&b'>') {
            self.pos += 1;
        } else {
            self.skip_past(b'>');
        }
        b.end_tag(&self.html[start..end]);
    }

    fn start_tag(&mut self, b: &mut Builder) {
        self.pos += 1;
        let (name_start, name_end) = self.tag_name();
        let name = &self.html[name_start..name_end];
        let tag = tag_of(name);
        let attrs_start = b.doc.attrs.len();
        let self_closing = self.attributes(b, attrs_start);
        let attrs = (attrs_start as u32, b.doc.attrs.len() as u32);
        b.start_tag(tag, name, attrs, self_closing);
        match tag {
            Tag::Script | Tag::Xmp => self.raw_text(b, name, RawText::Keep),
            Tag::Style | Tag::Iframe | Tag::Noembed | Tag::Noframes => {
                self.raw_text(b, name, RawText::Drop)
            }
            Tag::Title | Tag::Textarea => self.raw_text(b, name, RawText::Decode),
            Tag::Plaintext => {
                b.text(&self.html[self.pos..], false);
                self.pos = self.bytes.len();
            }
            _ => {}
        }
    }

    /// Parses attributes up to and including `>`; returns the self-closing flag.
    fn attributes(&mut self, b: &mut Builder, first: usize) -> bool {
        let bytes = self.bytes;
        let n = bytes.len();
        loop {
            let gap = self.pos;
            self.pos = scan_while(bytes, self.pos, SPACE | SLASH);
            if self.pos >= n {
                return false;
            }
            if bytes[self.pos] == b'>' {
                // Self-closing when the last byte before `>` is a slash.
                let slash = self.pos > gap && bytes[self.pos - 1] == b'/';
                self.pos += 1;
                return slash;
            }
            // The first byte belongs to the name whatever it is (`<a =x>`
            // has an attribute `=x`).
            let name_start = self.pos;
            let (name_end, classes) =
                scan_until_noting(bytes, self.pos + 1, SPACE | SLASH | GT | EQUALS);
            self.pos = name_end;
            let name = &self.html[name_start..self.pos];
            let name_has_upper = (classes | BYTE_CLASS[bytes[name_start] as usize]) & UPPER != 0;
            self.pos = scan_while(bytes, self.pos, SPACE);
            let mut value = "";
            let mut has_reference = false;
            if self.pos < n && bytes[self.pos] == b'=' {
                self.pos = scan_while(bytes, self.pos + 1, SPACE);
                if self.pos < n && (bytes[self.pos] == b'"' || bytes[self.pos] == b'\'') {
                    let quote = bytes[self.pos];
                    let start = self.pos + 1;
                    let end = match until_either(quote, &bytes[start..]) {
                        Some((i, amp)) => {
                            has_reference = amp;
                            start + i
                        }
                        None => {
                            has_reference = true;
                            n
                        }
                    };
                    value = &self.html[start..end];
                    self.pos = (end + 1).min(n);
                } else {
                    let start = self.pos;
                    self.pos = scan_until(bytes, self.pos, SPACE | GT);
                    value = &self.html[start..self.pos];
                    has_reference = memchr(b'&', value.as_bytes()).is_some();
                }
            }
            b.attribute(first, (name, name_has_upper), value, has_reference);
        }
    }

    /// Consumes the content of a raw-text element up to its end tag.
    fn raw_text(&mut self, b: &mut Builder, name: &str, mode: RawText) {
        let n = self.bytes.len();
        let mut search = self.pos;
        let close = loop {
            let Some(i) = memchr(b'<', &self.bytes[search..]) else {
                break n;
            };
            let at = search + i;
            let after = at + 2 + name.len();
            if self.bytes.get(at + 1) == Some(&b'/')
                && after <= n
                && self.bytes[at + 2..after].eq_ignore_ascii_case(name.as_bytes())
                && matches!(
                    self.bytes.get(after),
                    None | Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>')
                )
            {
                break at;
            }
            search = at + 1;
        };
        let content = &self.html[self.pos..close];
        match mode {
            RawText::Keep if !content.is_empty() => b.text(content, false),
            RawText::Decode if !content.is_empty() => {
                b.text(content, memchr(b'&', content.as_bytes()).is_some())
            }
            _ => {}
        }
        self.pos = close;
        if close < n {
            self.end_tag(b);
        }
    }
}

/// Where `needle` first stands in `hay`, and whether a `&` comes before
/// it (true when there is no `needle`: the caller then looks no further).
/// One search finds the end of a text run or an attribute value and
/// tells whether it holds character references, where two searches did.
fn until_either(needle: u8, hay: &[u8]) -> Option<(usize, bool)> {
    match memchr2(needle, b'&', hay)? {
        i if hay[i] == needle => Some((i, false)),
        amp => memchr(needle, &hay[amp + 1..]).map(|i| (amp + 1 + i, true)),
    }
}

/// Byte classes the tokenizer's scans stop at (or skip), as bits of
/// [`BYTE_CLASS`]: one table look-up per byte where a scan compared each
/// byte with up to eight others.
const SPACE: u8 = 1;
const SLASH: u8 = 2;
const GT: u8 = 4;
const EQUALS: u8 = 8;
const UPPER: u8 = 16;

/// The class bits of every byte: [`SPACE`] for HTML's whitespace (space,
/// tab, line feed, carriage return, form feed), [`SLASH`], [`GT`] and
/// [`EQUALS`] for `/`, `>` and `=`, [`UPPER`] for `A`-`Z`.
static BYTE_CLASS: [u8; 256] = {
    let mut classes = [0u8; 256];
    classes[b' ' as usize] = SPACE;
    classes[b'\t' as usize] = SPACE;
    classes[b'\n' as usize] = SPACE;
    classes[b'\r' as usize] = SPACE;
    classes[0x0c] = SPACE;
    classes[b'/' as usize] = SLASH;
    classes[b'>' as usize] = GT;
    classes[b'=' as usize] = EQUALS;
    let mut upper = b'A';
    while upper <= b'Z' {
        classes[upper as usize] = UPPER;
        upper += 1;
    }
    classes
};

/// The position of the first byte at or after `from` in one of `classes`,
/// or the end.
#[inline(always)]
fn scan_until(bytes: &[u8], from: usize, classes: u8) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| BYTE_CLASS[b as usize] & classes != 0)
        .map_or(bytes.len(), |i| from + i)
}

/// [`scan_until`], and the classes of the bytes passed over, together:
/// an attribute name's scan tells whether it needs lower-casing, where a
/// second pass over it asked (10M instructions on 181 pages).
#[inline(always)]
fn scan_until_noting(bytes: &[u8], from: usize, classes: u8) -> (usize, u8) {
    let mut seen = 0;
    for (i, &b) in bytes[from..].iter().enumerate() {
        let class = BYTE_CLASS[b as usize];
        if class & classes != 0 {
            return (from + i, seen);
        }
        seen |= class;
    }
    (bytes.len(), seen)
}

/// The position of the first byte at or after `from` in none of
/// `classes`, or the end.
#[inline(always)]
fn scan_while(bytes: &[u8], from: usize, classes: u8) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| BYTE_CLASS[b as usize] & classes == 0)
        .map_or(bytes.len(), |i| from + i)
}

#[derive(Clone, Copy)]
enum RawText {
    Keep,
    Decode,
    Drop,
}

fn tag_of(name: &str) -> Tag {
    let bytes = name.as_bytes();
    if bytes.len() > 16 {
        return Tag::Other;
    }
    let mut lower = [0u8; 16];
    for (dst, src) in lower.iter_mut().zip(bytes) {
        *dst = src.to_ascii_lowercase();
    }
    Tag::from_name(&lower[..bytes.len()])
}

/// Elements that may stay inside an open `<head>`.
fn belongs_in_head(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Meta
            | Tag::Link
            | Tag::Title
            | Tag::Style
            | Tag::Script
            | Tag::Base
            | Tag::Noscript
            | Tag::Template
    )
}

struct Builder {
    doc: Document,
    stack: Vec<u32>,
    /// Open `p`, `a` and `button` elements on `stack`: the start tags that
    /// close an open one (`<div>` closes a `p`, `<a>` an `a`) search the
    /// whole stack only when there is one.
    open_p: u32,
    open_a: u32,
    open_button: u32,
    foreign_depth: usize,
    head_open: bool,
    seen_html: bool,
    seen_body: bool,
}

impl Builder {
    fn new(input_len: usize) -> Self {
        // A node per 75 bytes on a typical page, per 40 or fewer on one in
        // ten: growing copies the nodes.
        let mut nodes = Vec::with_capacity(input_len / 32 + 16);
        nodes.push(NodeData::new(
            NodeKind::Document,
            Tag::Other,
            0,
            (0, 0),
            (0, 0),
        ));
        Builder {
            doc: Document {
                nodes,
                attrs: Vec::with_capacity(input_len / 48 + 16),
                // Text, attribute values and names are 80-90% of a page's
                // bytes (decoding only shrinks them): one allocation where
                // growing copied the buffer once or twice.
                buf: String::with_capacity(input_len),
            },
            stack: vec![0],
            open_p: 0,
            open_a: 0,
            open_button: 0,
            foreign_depth: 0,
            head_open: false,
            seen_html: false,
            seen_body: false,
        }
    }

    fn current(&self) -> u32 {
        *self.stack.last().unwrap_or(&0)
    }

    fn append(&mut self, mut data: NodeData) -> u32 {
        let parent = self.current();
        let id = self.doc.nodes.len() as u32;
        data.parent = parent;
        let prev = self.doc.nodes[parent as usize].last_child;
        data.prev_sibling = prev;
        if prev == NONE {
            self.doc.nodes[parent as usize].first_child = id;
        } else {
            self.doc.nodes[prev as usize].next_sibling = id;
        }
        self.doc.nodes[parent as usize].last_child = id;
        self.doc.nodes.push(data);
        id
    }

    /// Adds a text run; `has_reference` when it holds a `&` that may start
    /// a character reference to decode.
    fn text(&mut self, raw: &str, has_reference: bool) {
        let start = self.doc.buf.len() as u32;
        if has_reference {
            self.doc.buf.push_str(&htmlize::unescape(raw));
        } else {
            self.doc.buf.push_str(raw);
        }
        let end = self.doc.buf.len() as u32;
        let parent = self.current();
        let last = self.doc.nodes[parent as usize].last_child;
        if last != NONE && last as usize == self.doc.nodes.len() - 1 {
            let node = &mut self.doc.nodes[last as usize];
            if node.kind == NodeKind::Text && node.end_a == start {
                node.end_a = end;
                return;
            }
        }
        let id = self.doc.nodes.len() as u32;
        self.append(NodeData::new(
            NodeKind::Text,
            Tag::Other,
            id,
            (start, end),
            (0, 0),
        ));
    }

    fn push_lower(&mut self, s: &str) -> (u32, u32) {
        self.push_lower_if(s, s.bytes().any(|c| c.is_ascii_uppercase()))
    }

    /// [`Builder::push_lower`] once it is known whether `s` has upper-case
    /// ASCII letters.
    fn push_lower_if(&mut self, s: &str, has_upper: bool) -> (u32, u32) {
        let start = self.doc.buf.len() as u32;
        if has_upper {
            self.doc
                .buf
                .extend(s.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            self.doc.buf.push_str(s);
        }
        (start, self.doc.buf.len() as u32)
    }

    /// Adds an attribute to the element whose attributes start at
    /// `first`; `name` comes with whether it has upper-case ASCII letters,
    /// `has_reference` when the value holds a `&`.
    fn attribute(
        &mut self,
        first: usize,
        (name, has_upper): (&str, bool),
        value: &str,
        has_reference: bool,
    ) {
        let name = self.push_lower_if(name, has_upper);
        // Compared as bytes: slicing the `str` would check character
        // boundaries that ASCII delimiters guarantee.
        let buf = self.doc.buf.as_bytes();
        let lower = &buf[name.0 as usize..name.1 as usize];
        let key = attr_key(lower);
        // The first of duplicate attributes wins, as in browsers. A key
        // stands for its one name, so names with keys compare by key.
        let duplicate = self.doc.attrs[first..].iter().any(|a| {
            a.key == key && (key != 0 || &buf[a.name.0 as usize..a.name.1 as usize] == lower)
        });
        if duplicate {
            self.doc.buf.truncate(name.0 as usize);
            return;
        }
        let start = self.doc.buf.len() as u32;
        if has_reference {
            self.doc.buf.push_str(&htmlize::unescape_attribute(value));
        } else {
            self.doc.buf.push_str(value);
        }
        let value = (start, self.doc.buf.len() as u32);
        self.doc.attrs.push(AttrData { name, value, key });
    }

    fn tag_at(&self, depth: usize) -> Tag {
        self.doc.nodes[self.stack[depth] as usize].tag
    }

    fn pop(&mut self) {
        if self.stack.len() <= 1 {
            return;
        }
        let id = self.stack.pop().unwrap_or(0) as usize;
        let end = self.doc.nodes.len() as u32;
        let node = &mut self.doc.nodes[id];
        node.end = end;
        match node.tag {
            Tag::Svg | Tag::Math => self.foreign_depth = self.foreign_depth.saturating_sub(1),
            Tag::Head => self.head_open = false,
            Tag::P => self.open_p -= 1,
            Tag::A => self.open_a -= 1,
            Tag::Button => self.open_button -= 1,
            _ => {}
        }
    }

    /// Pops up to and including the element at stack position `depth`.
    fn pop_to(&mut self, depth: usize) {
        while self.stack.len() > depth.max(1) {
            self.pop();
        }
    }

    /// Finds the topmost open element matching `wanted`, stopping at `stop`.
    fn find_open(&self, wanted: impl Fn(Tag) -> bool, stop: impl Fn(Tag) -> bool) -> Option<usize> {
        for depth in (1..self.stack.len()).rev() {
            let tag = self.tag_at(depth);
            if wanted(tag) {
                return Some(depth);
            }
            if stop(tag) {
                return None;
            }
        }
        None
    }

    fn close_p(&mut self) {
        if self.open_p == 0 {
            return;
        }
        if let Some(depth) = self.find_open(
            |t| t == Tag::P,
            |t| t.is_scope_boundary() || t == Tag::Button,
        ) {
            self.pop_to(depth);
        }
    }

    fn start_tag(&mut self, tag: Tag, name: &str, attrs: (u32, u32), self_closing: bool) {
        match tag {
            Tag::Html if self.seen_html => return,
            Tag::Html => self.seen_html = true,
            Tag::Body if self.seen_body => return,
            Tag::Body => self.seen_body = true,
            _ => {}
        }
        if self.head_open && !belongs_in_head(tag) && self.tag_at(self.stack.len() - 1) == Tag::Head
        {
            self.pop();
        }
        if self.foreign_depth == 0 {
            self.implied_end_tags(tag);
        }
        let (name_start, name_end) = if tag == Tag::Other {
            self.push_lower(name)
        } else {
            (0, 0)
        };
        let id = self.doc.nodes.len() as u32;
        let mut data = NodeData::new(NodeKind::Element, tag, id, attrs, (name_start, name_end));
        data.attr_keys = self.doc.attrs[attrs.0 as usize..attrs.1 as usize]
            .iter()
            .fold(0, |keys, a| keys | (1 << a.key));
        self.append(data);
        let leaf = tag.is_void() || (self_closing && (tag == Tag::Other || self.foreign_depth > 0));
        if leaf || self.stack.len() >= MAX_DEPTH {
            return;
        }
        self.stack.push(id);
        match tag {
            Tag::Svg | Tag::Math => self.foreign_depth += 1,
            Tag::Head => self.head_open = true,
            Tag::P => self.open_p += 1,
            Tag::A => self.open_a += 1,
            Tag::Button => self.open_button += 1,
            _ => {}
        }
    }

    /// The end tags a start tag implies (`<p>` closes an open `<p>`, ...).
    fn implied_end_tags(&mut self, tag: Tag) {
        if tag.closes_p() {
            self.close_p();
        }
        let found = match tag {
            Tag::Li => self.find_open(
                |t| t == Tag::Li,
                |t| matches!(t, Tag::Ul | Tag::Ol | Tag::Menu) || stops_item(t),
            ),
            Tag::Dd | Tag::Dt => self.find_open(
                |t| matches!(t, Tag::Dd | Tag::Dt),
                |t| t == Tag::Dl || stops_item(t),
            ),
            Tag::Tr => self.find_open(
                |t| t == Tag::Tr,
                |t| matches!(t, Tag::Table | Tag::Template | Tag::Html),
            ),
            Tag::Td | Tag::Th => self.find_open(
                |t| matches!(t, Tag::Td | Tag::Th),
                |t| matches!(t, Tag::Tr | Tag::Table | Tag::Template | Tag::Html),
            ),
            Tag::Thead | Tag::Tbody | Tag::Tfoot => self.find_open(
                |t| matches!(t, Tag::Thead | Tag::Tbody | Tag::Tfoot),
                |t| matches!(t, Tag::Table | Tag::Template | Tag::Html),
            ),
            Tag::Option => self.find_open(|t| t == Tag::Option, |t| t != Tag::Option),
            Tag::Optgroup => self.find_open(
                |t| matches!(t, Tag::Option | Tag::Optgroup),
                |t| !matches!(t, Tag::Option | Tag::Optgroup),
            ),
            Tag::A if self.open_a > 0 => self.find_open(|t| t == Tag::A, |t| t.is_scope_boundary()),
            Tag::Button if self.open_button > 0 => {
                self.find_open(|t| t == Tag::Button, |t| t.is_scope_boundary())
            }
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 => {
                let top = self.stack.len() - 1;
                (top > 0 && self.tag_at(top).is_heading()).then_some(top)
            }
            _ => None,
        };
        if let Some(depth) = found {
            self.pop_to(depth);
        }
    }

    fn end_tag(&mut self, name: &str) {
        let tag = tag_of(name);
        match tag {
            Tag::Html | Tag::Body => return,
            Tag::Br => {
                self.start_tag(Tag::Br, "br", (0, 0), false);
                return;
            }
            Tag::P => {
                self.close_p();
                return;
            }
            _ => {}
        }
        if tag == Tag::Other || !tag.is_special() {
            // An inline or unknown end tag closes the nearest match unless a
            // block ("special") element is in the way: then it is stray.
            for depth in (1..self.stack.len()).rev() {
                let node = &self.doc.nodes[self.stack[depth] as usize];
                let matches = node.tag == tag
                    && (tag != Tag::Other
                        || self.doc.buf[node.name_start as usize..node.name_end as usize]
                            .eq_ignore_ascii_case(name));
                if matches {
                    self.pop_to(depth);
                    return;
                }
                if node.tag.is_special() {
                    return;
                }
            }
            return;
        }
        let stop = |t: Tag| match tag {
            Tag::Table | Tag::Tr | Tag::Tbody | Tag::Thead | Tag::Tfoot => {
                matches!(t, Tag::Table | Tag::Template | Tag::Html)
            }
            Tag::Li => t.is_scope_boundary() || matches!(t, Tag::Ul | Tag::Ol),
            _ => t.is_scope_boundary(),
        };
        if let Some(depth) = self.find_open(|t| t == tag, stop) {
            self.pop_to(depth);
        }
    }

    fn finish(mut self) -> Document {
        while self.stack.len() > 1 {
            self.pop();
        }
        let len = self.doc.nodes.len() as u32;
        self.doc.nodes[0].end = len;
        self.doc
    }
}

/// Special elements (other than `address`, `div`, `p`) end the search for
/// an open `li`/`dd`/`dt` to close.
fn stops_item(tag: Tag) -> bool {
    tag.is_special() && !matches!(tag, Tag::Address | Tag::Div | Tag::P)
}
