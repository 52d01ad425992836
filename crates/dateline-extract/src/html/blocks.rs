//! Text blocks: the page as a reader sees it, one block per visual paragraph.
//!
//! One pass over the arena in document order. Block-level elements start
//! and end blocks; inline elements flow into the current one. Subtrees that
//! [`Boilerplate`] marks as never-content are skipped whole.

use dateline_html::{Document, Node, NodeId, Tag};
use dateline_model::BlockKind;
use rustc_hash::FxHashMap;

use super::boilerplate::{self, Removal};

/// One visual paragraph of the page.
#[derive(Debug, Clone)]
pub struct TextBlock {
    /// Whitespace-normalised text.
    pub text: String,
    /// Characters of `text` inside links.
    pub link_chars: usize,
    /// Characters of `text` (not bytes).
    pub chars: usize,
    /// The innermost block-level element holding the text.
    pub container: NodeId,
    /// The first text node of the block.
    pub first: NodeId,
    /// What kind of body block this would be.
    pub kind: BlockKind,
    /// Heading level 1-6, 0 otherwise.
    pub heading: u8,
    /// Inside a `<figure>`, `<figcaption>` or caption-like element.
    pub in_caption: bool,
    /// Directly inside a `<p>` (the strongest sign of running text).
    pub in_p: bool,
    /// Characters of the link the block opens with (0 if it opens with text).
    pub leading_link_chars: usize,
}

impl TextBlock {
    /// A teaser of another story: a headline link, then a summary cut
    /// short ("..."), outside running text. Roundups whose items open with
    /// a linked sentence are not teasers: their items end properly.
    pub fn is_teaser(&self) -> bool {
        if self.in_p || self.leading_link_chars < 25 || self.leading_link_chars == self.chars {
            return false;
        }
        self.text.ends_with("...") || self.text.ends_with('…')
    }

    /// Share of characters inside links.
    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

/// Open element on the walk: what it contributes to the context.
struct Open {
    end: u32,
    tag: Tag,
    away: bool,
    block: bool,
    caption: bool,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Context {
    links: u32,
    /// Open links to another page (not `#anchor` links within this one).
    away_links: u32,
    lists: u32,
    quotes: u32,
    pre: u32,
    captions: u32,
    heading: u8,
    p: u32,
}

/// Builds the text blocks of everything below `root` that is not removed.
/// (Extraction builds through [`FirstPass`]; this is the plain walk.)
#[cfg_attr(not(test), allow(dead_code))]
pub fn build(doc: &Document, root: Node<'_>, removal: &Removal) -> Vec<TextBlock> {
    let mut walk = Walk::new(root);
    let end = root.subtree_end().0;
    let mut i = root.id().0 + 1;
    while i < end {
        walk.close(i);
        i = walk.visit(doc, i, removal);
    }
    walk.finish()
}

/// The blocks of a first pass, with the points where a later pass over
/// the same page can take them over.
pub struct FirstPass {
    /// The blocks, as [`build`] gives them.
    pub blocks: Vec<TextBlock>,
    removal: Removal,
    checkpoints: Vec<Checkpoint>,
}

/// A point of the walk (before node `node`, its closed elements closed)
/// where no text is pending and `blocks` blocks are done.
struct Checkpoint {
    node: u32,
    blocks: usize,
    ctx: Context,
}

impl FirstPass {
    /// [`build`] with `removal`, noting where later passes can reuse it.
    pub fn new(doc: &Document, root: Node<'_>, removal: Removal) -> FirstPass {
        let mut walk = Walk::new(root);
        let end = root.subtree_end().0;
        let mut i = root.id().0 + 1;
        // At most one checkpoint per node, and about one per two nodes on
        // most pages (one in ten has 0.7): reserved at once, where growing
        // the vector copied it about ten times per page.
        let mut checkpoints = Vec::with_capacity((end - i) as usize);
        while i < end {
            walk.close(i);
            if walk.builder.is_reset() {
                checkpoints.push(Checkpoint {
                    node: i,
                    blocks: walk.builder.blocks.len(),
                    ctx: walk.ctx,
                });
            }
            i = walk.visit(doc, i, &removal);
        }
        FirstPass {
            blocks: walk.finish(),
            removal,
            checkpoints,
        }
    }

    /// What the first pass removed.
    pub fn removal(&self) -> &Removal {
        &self.removal
    }

    /// The blocks [`build`] gives with `removal`, which removes what the
    /// first pass removed and more: between the subtrees only `removal`
    /// removes, the first pass's blocks are taken over (copied) wherever
    /// the walk reaches one of its checkpoints in the same state.
    ///
    /// **Why**: the content pass builds the page's blocks twice, once to
    /// score content and once without furniture; furniture is a small
    /// part of the page, and the second walk repeated the first over the
    /// rest. **Known limits**: none on the output (equal to [`build`], a
    /// test compares them); `root` must be the first pass's root.
    pub fn rebuild(&self, doc: &Document, root: Node<'_>, removal: &Removal) -> Vec<TextBlock> {
        let end = root.subtree_end().0;
        // Subtrees the first pass walked that `removal` removes, in order.
        let mut starts = Vec::new();
        let mut k = root.id().0 + 1;
        while k < end {
            let node = doc.node(NodeId(k));
            if self.removal.is_removed(node) {
                k = node.subtree_end().0;
            } else if removal.is_removed(node) {
                starts.push(k);
                k = node.subtree_end().0;
            } else {
                k += 1;
            }
        }
        let mut walk = Walk::new(root);
        let (mut next_start, mut cp) = (0, 0);
        let mut i = root.id().0 + 1;
        while i < end {
            walk.close(i);
            while next_start < starts.len() && starts[next_start] < i {
                next_start += 1;
            }
            while cp < self.checkpoints.len() && self.checkpoints[cp].node < i {
                cp += 1;
            }
            let here = self.checkpoints.get(cp);
            if here.is_some_and(|c| c.node == i && c.ctx == walk.ctx) && walk.builder.is_reset() {
                // The walks agree up to the next subtree only `removal`
                // removes: jump to the last checkpoint before it.
                let limit = starts.get(next_start).copied().unwrap_or(end);
                let mut last = cp;
                while self
                    .checkpoints
                    .get(last + 1)
                    .is_some_and(|c| c.node <= limit)
                {
                    last += 1;
                }
                if last > cp {
                    let (from, to) = (&self.checkpoints[cp], &self.checkpoints[last]);
                    walk.builder
                        .blocks
                        .extend_from_slice(&self.blocks[from.blocks..to.blocks]);
                    walk.ctx = to.ctx;
                    walk.reopen(doc, root, to.node);
                    i = to.node;
                    cp = last;
                    continue;
                }
            }
            i = walk.visit(doc, i, removal);
        }
        walk.finish()
    }
}

/// The state of one walk over the arena in document order.
struct Walk<'a> {
    builder: Builder,
    open: Vec<Open>,
    ctx: Context,
    containers: Vec<NodeId>,
    /// Whether each class value met so far names a caption
    /// ([`boilerplate::names_caption`]): pages repeat their class values,
    /// and the walk asks at every element it enters.
    caption_classes: FxHashMap<&'a str, bool>,
}

impl<'a> Walk<'a> {
    fn new(root: Node<'_>) -> Walk<'a> {
        Walk {
            builder: Builder::new(),
            open: Vec::new(),
            ctx: Context::default(),
            containers: vec![root.id()],
            caption_classes: FxHashMap::default(),
        }
    }

    /// Closes the open elements that end before node `i`.
    fn close(&mut self, i: u32) {
        while self.open.last().is_some_and(|o| o.end <= i) {
            let closed = self.open.pop().expect("checked non-empty");
            if closed.block {
                self.builder
                    .flush(&ctx_snapshot(&self.ctx, &self.containers, &self.open));
                self.containers.pop();
            }
            leave(&mut self.ctx, &closed);
        }
    }

    /// Takes in node `i`; returns the next node to visit.
    fn visit(&mut self, doc: &'a Document, i: u32, removal: &Removal) -> u32 {
        let node = doc.node(NodeId(i));
        if let Some(text) = node.text() {
            // Links within the page (footnotes, section anchors) do not
            // lead away from the text, so they do not count as links.
            let in_link = self.ctx.away_links > 0;
            if self.ctx.pre > 0 {
                self.builder.push_raw(text, NodeId(i), in_link);
            } else {
                self.builder.push(text, NodeId(i), in_link);
            }
            return i + 1;
        }
        let tag = node.tag();
        if removal.is_removed(node) {
            if tag.is_block() || boilerplate::is_block_like(node) {
                self.builder
                    .flush(&ctx_snapshot(&self.ctx, &self.containers, &self.open));
            }
            return node.subtree_end().0;
        }
        if tag == Tag::Br {
            self.builder
                .line_break(&ctx_snapshot(&self.ctx, &self.containers, &self.open));
            return i + 1;
        }
        let captions = &mut self.caption_classes;
        let entry = open_entry_with(node, |class| {
            *captions
                .entry(class)
                .or_insert_with(|| boilerplate::names_caption(class))
        });
        if entry.block {
            self.builder
                .flush(&ctx_snapshot(&self.ctx, &self.containers, &self.open));
            self.containers.push(node.id());
        }
        enter(&mut self.ctx, &entry);
        if entry.end > i + 1 {
            self.open.push(entry);
        } else {
            leave(&mut self.ctx, &entry);
            if entry.block {
                self.containers.pop();
            }
        }
        i + 1
    }

    /// Sets the open elements and containers to those around node `i`
    /// (its ancestors below `root`), as a walk that reached `i` has them.
    fn reopen(&mut self, doc: &Document, root: Node<'_>, i: u32) {
        self.open.clear();
        self.containers.truncate(1);
        let mut ancestors: Vec<Node<'_>> = doc
            .node(NodeId(i))
            .ancestors()
            .take_while(|a| a.id() != root.id())
            .collect();
        ancestors.reverse();
        for a in ancestors {
            let entry = open_entry(a);
            if entry.block {
                self.containers.push(a.id());
            }
            self.open.push(entry);
        }
    }

    fn finish(mut self) -> Vec<TextBlock> {
        self.builder
            .flush(&ctx_snapshot(&self.ctx, &self.containers, &self.open));
        self.builder.blocks
    }
}

/// What an element contributes to the walk's context.
fn open_entry(node: Node<'_>) -> Open {
    open_entry_with(node, boilerplate::names_caption)
}

/// [`open_entry`], with the caption test of class values given.
fn open_entry_with<'a>(node: Node<'a>, class_names_caption: impl FnOnce(&'a str) -> bool) -> Open {
    let tag = node.tag();
    Open {
        end: node.subtree_end().0,
        tag,
        away: tag == Tag::A && !node.attr("href").is_some_and(|h| h.starts_with('#')),
        block: tag.is_block(),
        caption: boilerplate::is_caption_with(node, class_names_caption),
    }
}

fn enter(ctx: &mut Context, o: &Open) {
    if o.away {
        ctx.away_links += 1;
    }
    match o.tag {
        Tag::A => ctx.links += 1,
        Tag::Li | Tag::Dd | Tag::Dt => ctx.lists += 1,
        Tag::Blockquote | Tag::Q => ctx.quotes += 1,
        Tag::Pre => ctx.pre += 1,
        Tag::P => ctx.p += 1,
        t if t.is_heading() => ctx.heading = heading_level(t),
        _ => {}
    }
    if o.caption {
        ctx.captions += 1;
    }
}

fn leave(ctx: &mut Context, o: &Open) {
    if o.away {
        ctx.away_links -= 1;
    }
    match o.tag {
        Tag::A => ctx.links -= 1,
        Tag::Li | Tag::Dd | Tag::Dt => ctx.lists -= 1,
        Tag::Blockquote | Tag::Q => ctx.quotes -= 1,
        Tag::Pre => ctx.pre -= 1,
        Tag::P => ctx.p -= 1,
        t if t.is_heading() => ctx.heading = 0,
        _ => {}
    }
    if o.caption {
        ctx.captions -= 1;
    }
}

fn heading_level(tag: Tag) -> u8 {
    match tag {
        Tag::H1 => 1,
        Tag::H2 => 2,
        Tag::H3 => 3,
        Tag::H4 => 4,
        Tag::H5 => 5,
        _ => 6,
    }
}

/// What a block being flushed now was inside of.
struct Snapshot {
    container: NodeId,
    kind: BlockKind,
    heading: u8,
    in_caption: bool,
    in_p: bool,
}

fn ctx_snapshot(ctx: &Context, containers: &[NodeId], _open: &[Open]) -> Snapshot {
    let kind = if ctx.heading > 0 {
        BlockKind::Heading
    } else if ctx.pre > 0 {
        BlockKind::Preformatted
    } else if ctx.quotes > 0 {
        BlockKind::Quote
    } else if ctx.lists > 0 {
        BlockKind::ListItem
    } else {
        BlockKind::Paragraph
    };
    Snapshot {
        container: *containers.last().unwrap_or(&NodeId(0)),
        kind,
        heading: ctx.heading,
        in_caption: ctx.captions > 0,
        in_p: ctx.p > 0,
    }
}

struct Builder {
    blocks: Vec<TextBlock>,
    text: String,
    link_chars: usize,
    leading_link_chars: usize,
    leading_open: bool,
    chars: usize,
    first: Option<NodeId>,
    pending_space: bool,
    br_run: u8,
}

impl Builder {
    fn new() -> Self {
        Self {
            blocks: Vec::new(),
            text: String::new(),
            link_chars: 0,
            leading_link_chars: 0,
            leading_open: true,
            chars: 0,
            first: None,
            pending_space: false,
            br_run: 0,
        }
    }

    /// True when no text is pending: the state right after a flush.
    fn is_reset(&self) -> bool {
        self.first.is_none()
            && self.text.is_empty()
            && self.chars == 0
            && self.link_chars == 0
            && self.leading_link_chars == 0
            && self.leading_open
            && !self.pending_space
            && self.br_run == 0
    }

    /// Appends text, collapsing runs of white space to one space.
    ///
    /// Runs of other characters are appended whole ([`Builder::push_run`]),
    /// with the single spaces between them (which collapse to themselves):
    /// the result is the same as appending them one by one.
    fn push(&mut self, raw: &str, node: NodeId, in_link: bool) {
        let bytes = raw.as_bytes();
        let mut i = 0;
        // Start (byte) and length (chars) of the run of non-space
        // characters and the single spaces taken in between them.
        let mut run = 0;
        let mut run_chars = 0;
        let mut run_spaces = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // A lone space between two words stays in the run: the text
            // is copied once per run of words, not once per word.
            if b == b' '
                && run_chars > 0
                && bytes.get(i + 1).is_some_and(|n| (0x21..0x80).contains(n))
            {
                run_chars += 1;
                run_spaces += 1;
                i += 1;
                continue;
            }
            let (space, len) = if b < 0x80 {
                ((b as char).is_whitespace(), 1)
            } else {
                let c = raw[i..].chars().next().unwrap_or(' ');
                (
                    c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}',
                    c.len_utf8(),
                )
            };
            if space {
                if run_chars > 0 {
                    self.push_run(&raw[run..i], run_chars, run_spaces, node, in_link);
                    run_chars = 0;
                    run_spaces = 0;
                }
                if !self.text.is_empty() {
                    self.pending_space = true;
                }
            } else {
                if run_chars == 0 {
                    run = i;
                }
                run_chars += 1;
            }
            i += len;
        }
        if run_chars > 0 {
            self.push_run(&raw[run..], run_chars, run_spaces, node, in_link);
        }
    }

    /// Appends `chars` characters that hold no white space but `spaces`
    /// single spaces between words, as [`Builder::push_char`] would one by
    /// one (the spaces as pending spaces, which links do not count).
    fn push_run(&mut self, run: &str, chars: usize, spaces: usize, node: NodeId, in_link: bool) {
        if self.pending_space {
            self.text.push(' ');
            self.chars += 1;
            self.pending_space = false;
        }
        self.first.get_or_insert(node);
        self.text.push_str(run);
        self.chars += chars;
        self.br_run = 0;
        if in_link {
            self.link_chars += chars - spaces;
        }
        if self.leading_open {
            if in_link {
                self.leading_link_chars = self.chars;
            } else {
                self.leading_open = false;
            }
        }
    }

    /// Appends preformatted text as is.
    fn push_raw(&mut self, raw: &str, node: NodeId, in_link: bool) {
        for c in raw.chars() {
            if self.text.is_empty() && c.is_whitespace() {
                continue;
            }
            self.pending_space = false;
            self.push_char(c, node, in_link);
        }
    }

    fn push_char(&mut self, c: char, node: NodeId, in_link: bool) {
        if self.pending_space {
            self.text.push(' ');
            self.chars += 1;
            self.pending_space = false;
        }
        self.first.get_or_insert(node);
        self.text.push(c);
        self.chars += 1;
        self.br_run = 0;
        if in_link {
            self.link_chars += 1;
        }
        if self.leading_open {
            if in_link {
                self.leading_link_chars = self.chars;
            } else {
                self.leading_open = false;
            }
        }
    }

    /// One `<br>` is a line break; two in a row end the paragraph.
    fn line_break(&mut self, snap: &Snapshot) {
        self.br_run += 1;
        if self.br_run >= 2 {
            self.flush(snap);
        } else if !self.text.is_empty() {
            self.pending_space = false;
            self.text.push('\n');
            self.chars += 1;
        }
    }

    fn flush(&mut self, snap: &Snapshot) {
        self.pending_space = false;
        self.br_run = 0;
        let Some(first) = self.first.take() else {
            self.text.clear();
            self.chars = 0;
            self.link_chars = 0;
            self.leading_link_chars = 0;
            self.leading_open = true;
            return;
        };
        let trimmed = self.text.trim_end();
        // Trailing white space may be multi-byte (U+3000, NBSP in `<pre>`).
        let chars = self
            .chars
            .saturating_sub(self.text[trimmed.len()..].chars().count());
        // The block gets a copy of its size, and the buffer stays for the
        // next block: a new buffer for every block grew step by step
        // (a few reallocations and copies per block).
        let text = trimmed.to_owned();
        self.text.clear();
        self.blocks.push(TextBlock {
            text,
            link_chars: self.link_chars.min(chars),
            chars,
            container: snap.container,
            first,
            kind: snap.kind,
            heading: snap.heading,
            in_caption: snap.in_caption,
            in_p: snap.in_p,
            leading_link_chars: self.leading_link_chars,
        });
        self.chars = 0;
        self.link_chars = 0;
        self.leading_link_chars = 0;
        self.leading_open = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(html: &str) -> Vec<(BlockKind, String)> {
        let doc = Document::parse(html);
        let removal = Removal::structural(&doc);
        build(&doc, doc.root(), &removal)
            .into_iter()
            .map(|b| (b.kind, b.text))
            .collect()
    }

    #[test]
    fn block_elements_split_inline_elements_flow() {
        let got = blocks("<div>Lead <b>bold</b> text<p>Para <a href=x>link</a>.</p>tail</div>");
        let texts: Vec<_> = got.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, ["Lead bold text", "Para link.", "tail"]);
    }

    #[test]
    fn kinds_follow_structure() {
        let got = blocks(
            "<h2>Sub</h2><ul><li>one</li></ul><blockquote><p>q</p></blockquote><pre>a\n  b</pre>",
        );
        assert_eq!(
            got,
            [
                (BlockKind::Heading, "Sub".into()),
                (BlockKind::ListItem, "one".into()),
                (BlockKind::Quote, "q".into()),
                (BlockKind::Preformatted, "a\n  b".into())
            ]
        );
    }

    #[test]
    fn double_br_ends_a_paragraph() {
        let texts: Vec<_> = blocks("<div>one<br>two<br><br>three</div>")
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(texts, ["one\ntwo", "three"]);
    }

    #[test]
    fn scripts_and_navigation_are_skipped() {
        let texts: Vec<_> = blocks("<nav>Home News</nav><script>x=1</script><p>Body</p>")
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(texts, ["Body"]);
    }

    #[test]
    fn trailing_multibyte_space_in_pre_is_trimmed() {
        for html in ["<pre>a&nbsp;&nbsp;</pre>", "<pre>a\u{3000}</pre>"] {
            let doc = Document::parse(html);
            let b = build(&doc, doc.root(), &Removal::structural(&doc));
            assert_eq!((b[0].text.as_str(), b[0].chars), ("a", 1), "{html}");
        }
    }

    /// The character-by-character `push` that `push_run` replaced.
    fn push_by_chars(b: &mut Builder, raw: &str, node: NodeId, in_link: bool) {
        for c in raw.chars() {
            if c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}' {
                if !b.text.is_empty() {
                    b.pending_space = true;
                }
                continue;
            }
            b.push_char(c, node, in_link);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(2000))]
        #[test]
        fn runs_are_pushed_as_characters_are(
            pieces in proptest::collection::vec(
                ("[aé \n\u{a0}\u{200b}\u{feff}\u{3000}\x0b\x1c字x]{0,8}", proptest::bool::ANY),
                0..4,
            )
        ) {
            let (mut runs, mut chars) = (Builder::new(), Builder::new());
            for (piece, (text, in_link)) in pieces.iter().enumerate() {
                runs.push(text, NodeId(piece as u32), *in_link);
                push_by_chars(&mut chars, text, NodeId(piece as u32), *in_link);
            }
            let state = |b: &Builder| {
                (
                    b.text.clone(),
                    b.chars,
                    b.link_chars,
                    b.leading_link_chars,
                    b.leading_open,
                    b.first,
                    b.pending_space,
                    b.br_run,
                )
            };
            proptest::prop_assert_eq!(state(&runs), state(&chars));
        }
    }

    /// A page with every construct the walk tracks: headings in headings,
    /// links, lists, quotes, `pre`, captions, `<br>` runs, unknown
    /// elements, hidden and navigation subtrees.
    const PAGE: &str = "<html><body><nav><a href=/>Home</a></nav><div class=wrap>\
        <h1>Title <span class=share>Share <b>this</b></span></h1>\
        <p>Lead <a href=/x>link</a> text.<span class=ad>Ad</span> more</p>\
        <div class=related><h2>Related <span><h3>inner</h3><p>x</p></span> tail</h2><ul><li><a href=/a>A story</a>\
        <li>Two<br><br>three</ul></div>\
        <blockquote><p>Quote <q>in</q></p></blockquote><pre>  a\n  b  </pre>\
        <figure><img src=x><figcaption>Caption <em>credit</em></figcaption></figure>\
        <x-card><p>Custom</p> element text</x-card><div hidden>gone</div>\
        text<br>after<div class=comments><p>One</p><p>Two</p></div>tail \
        <a href=#n>note</a><table><tr><td>cell<td>cell two</table>\
        <p>End <br> of <br><br> page</p></div><footer>foot</footer></body></html>";

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(400))]
        #[test]
        fn rebuild_equals_build_for_any_extra_removal(
            picks in proptest::collection::vec(0..64usize, 0..40)
        ) {
            let doc = Document::parse(PAGE);
            let first = FirstPass::new(&doc, doc.root(), Removal::structural(&doc));
            let reference = |r: &Removal| format!("{:?}", build(&doc, doc.root(), r));
            proptest::prop_assert_eq!(format!("{:?}", first.blocks), reference(first.removal()));
            let elements: Vec<NodeId> = doc.elements().map(|n| n.id()).collect();
            let extra: Vec<NodeId> = picks.iter().map(|&k| elements[k % elements.len()]).collect();
            let removal = first.removal().clone().and_nodes(extra);
            let got = format!("{:?}", first.rebuild(&doc, doc.root(), &removal));
            proptest::prop_assert_eq!(got, reference(&removal));
        }
    }

    #[test]
    fn link_density_counts_link_text() {
        let doc = Document::parse("<p>abcd <a>efgh</a></p>");
        let b = build(&doc, doc.root(), &Removal::structural(&doc));
        assert_eq!(b[0].chars, 9);
        assert_eq!(b[0].link_chars, 4);
    }
}
