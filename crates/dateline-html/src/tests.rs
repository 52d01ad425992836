use proptest::prelude::*;

use crate::{Document, Node, NodeKind, Tag, MAX_DEPTH};

/// A compact rendering of the tree: `tag(children)` and quoted text.
fn outline(node: Node<'_>) -> String {
    let mut out = String::new();
    for child in node.children() {
        if !out.is_empty() {
            out.push(' ');
        }
        match child.kind() {
            NodeKind::Text => out.push_str(&format!("{:?}", child.text().unwrap())),
            _ => {
                out.push_str(child.name());
                if child.first_child().is_some() {
                    out.push_str(&format!("({})", outline(child)));
                }
            }
        }
    }
    out
}

fn parse_outline(html: &str) -> String {
    outline(Document::parse(html).root())
}

#[test]
fn implied_paragraph_and_list_ends() {
    assert_eq!(
        parse_outline("<p>a<p>b<div>c</div>"),
        r#"p("a") p("b") div("c")"#
    );
    assert_eq!(
        parse_outline("<ul><li>a<li>b</ul>"),
        r#"ul(li("a") li("b"))"#
    );
    assert_eq!(
        parse_outline("<ul><li>a<ul><li>b</ul><li>c</ul>"),
        r#"ul(li("a" ul(li("b"))) li("c"))"#
    );
    assert_eq!(
        parse_outline("<dl><dt>a<dd>b<dt>c</dl>"),
        r#"dl(dt("a") dd("b") dt("c"))"#
    );
}

#[test]
fn tables_close_cells_and_rows() {
    assert_eq!(
        parse_outline("<table><tr><td>a<td>b<tr><td>c</table>x"),
        r#"table(tr(td("a") td("b")) tr(td("c"))) "x""#
    );
}

#[test]
fn stray_end_tags_are_ignored() {
    assert_eq!(parse_outline("<div>a</span>b</div>"), r#"div("ab")"#);
    assert_eq!(parse_outline("<div><b>a</div>b"), r#"div(b("a")) "b""#);
    assert_eq!(parse_outline("</p>x</body></html>y"), r#""xy""#);
}

#[test]
fn void_and_self_closing_elements() {
    assert_eq!(
        parse_outline("<p>a<br>b<img src=x>c</p>"),
        r#"p("a" br "b" img "c")"#
    );
    assert_eq!(parse_outline("<div/>a</div>"), r#"div("a")"#);
    assert_eq!(
        parse_outline("<svg><path d='M0'/><circle/></svg>z"),
        r#"svg(path circle) "z""#
    );
}

#[test]
fn raw_text_elements() {
    let doc = Document::parse("<script>if (a < b && c) { x = '</div>'; }</script><style>p{}</style><title>A &amp; B</title>");
    let script = doc.first(Tag::Script).unwrap();
    assert_eq!(script.text_content(), "if (a < b && c) { x = '</div>'; }");
    assert_eq!(doc.first(Tag::Style).unwrap().first_child(), None);
    assert_eq!(doc.first(Tag::Title).unwrap().text_content(), "A & B");
}

#[test]
fn script_content_survives_upper_case_end_tag() {
    let doc = Document::parse(r#"<SCRIPT type="application/ld+json">{"a":1}</SCRIPT><p>x</p>"#);
    assert_eq!(doc.first(Tag::Script).unwrap().text_content(), r#"{"a":1}"#);
    assert_eq!(doc.first(Tag::P).unwrap().text_content(), "x");
}

#[test]
fn attributes_are_decoded_and_lower_cased() {
    let doc = Document::parse(r#"<a HREF="/x?a=1&amp;b=2" data-x='q"q' checked title=plain>t</a>"#);
    let a = doc.first(Tag::A).unwrap();
    assert_eq!(a.attr("href"), Some("/x?a=1&b=2"));
    assert_eq!(a.attr("data-x"), Some("q\"q"));
    assert_eq!(a.attr("checked"), Some(""));
    assert_eq!(a.attr("title"), Some("plain"));
}

#[test]
fn entities_in_text() {
    assert_eq!(
        Document::parse("caf&eacute; &#8220;x&#x201D; &nbsp;&copy")
            .root()
            .text_content(),
        "café “x” \u{a0}©"
    );
}

#[test]
fn comments_doctype_and_literal_lt() {
    assert_eq!(
        parse_outline("<!DOCTYPE html><!-- c --><p>1 < 2 <3</p><!-- unterminated"),
        r#"p("1 < 2 <3")"#
    );
}

#[test]
fn cdata_outside_svg_is_a_bogus_comment() {
    // Browsers end it at the first `>` (here the `<div>`'s): the page
    // after it is kept.
    assert_eq!(
        parse_outline("<body><![CDATA[\n<div>x</div><p>kept</p>"),
        r#"body("x" p("kept"))"#
    );
    // Inside SVG it is a CDATA section, skipped whole.
    assert_eq!(
        parse_outline("<svg><![CDATA[ a > b ]]></svg><p>y</p>"),
        r#"svg p("y")"#
    );
}

#[test]
fn head_closes_for_body_content() {
    let doc = Document::parse("<html><head><title>t</title><div>body text</div>");
    let div = doc.first(Tag::Div).unwrap();
    assert_eq!(div.parent().unwrap().tag(), Tag::Html);
}

#[test]
fn other_elements_keep_their_names() {
    let doc = Document::parse("<amp-img src=a></amp-img><my-Widget>x</my-widget>");
    let names: Vec<_> = doc.elements().map(|n| n.name().to_owned()).collect();
    assert_eq!(names, ["amp-img", "my-widget"]);
}

#[test]
fn deep_nesting_is_capped_not_overflowed() {
    let html = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000);
    let doc = Document::parse(&html);
    let max_depth = doc.nodes().map(|n| n.ancestors().count()).max().unwrap();
    assert!(max_depth <= MAX_DEPTH, "{max_depth}");
    assert_eq!(doc.root().text_content(), "deep");
}

fn check_invariants(doc: &Document) {
    for node in doc.nodes() {
        let id = node.id().0;
        assert!(node.subtree_end().0 > id);
        let mut prev = id;
        for child in node.children() {
            assert!(child.id().0 > prev, "children in document order");
            assert_eq!(child.parent(), Some(node));
            assert!(node.contains(&child));
            assert!(child.subtree_end().0 <= node.subtree_end().0);
            prev = child.subtree_end().0 - 1;
        }
        if let Some(last) = node.last_child() {
            assert_eq!(last.subtree_end(), node.subtree_end());
        }
    }
}

/// `Node::attr` looks known names up by key and others by string: both
/// must give what a scan of the attributes gives.
#[test]
fn attr_by_key_or_name_matches_a_scan() {
    let doc = Document::parse(
        "<div ID=a Class='x y' data-x=1 href=\"/h\" class=dup aria-hidden=true name=n          itemprop=p http-equiv=e zz=last><span>t</span></div>",
    );
    let names = [
        "class",
        "id",
        "href",
        "content",
        "itemprop",
        "property",
        "name",
        "rel",
        "role",
        "style",
        "hidden",
        "aria-hidden",
        "itemtype",
        "datetime",
        "src",
        "type",
        "lang",
        "alt",
        "title",
        "itemscope",
        "value",
        "http-equiv",
        "charset",
        "data-x",
        "zz",
        "Class",
        "",
        "missing",
    ];
    // Keys are bits of a u32 mask.
    assert!(names
        .iter()
        .all(|n| crate::node::attr_key(n.as_bytes()) < 32));
    for node in doc.nodes() {
        for name in names {
            let scanned = node.attrs().find(|(n, _)| *n == name).map(|(_, v)| v);
            assert_eq!(node.attr(name), scanned, "{name} on {node:?}");
        }
    }
    let div = doc.first(Tag::Div).unwrap();
    assert_eq!(div.attr("class"), Some("x y"));
    assert_eq!(div.attr("id"), Some("a"));
    assert_eq!(div.attr("zz"), Some("last"));
    assert_eq!(div.attr("Class"), None);
}

proptest! {
    /// Hostile markup: tags in any case, duplicate attributes differing in
    /// case, unquoted and unclosed values, references, NUL and non-ASCII
    /// bytes, raw-text and foreign elements, comments and CDATA.
    #[test]
    fn hostile_markup_gives_a_consistent_tree(html in "(<[/!?]?[a-zA-Z]{0,4}[ \t\n\x0c=\"'a-zA-Z/&;#0-9\x00é-]{0,12}>?|[a-z &;#<>é\"'=/\n]{0,6}|&[a-zA-Z]{0,5};?|&#x?[0-9a-f]{0,4};?|<!--|-->|<!\\[CDATA\\[|\\]\\]>|<script>|</script>|</SCRIPT >|<style>|<title>|</title>|<textarea>|<plaintext>|<svg>|</svg>|<math>|<p>|</p>|<li>|<td>|<tr>|<table>|<br/>|</br>|<head>|<body>|<A HREF=x CLASS=a class=b>|<div id=a ID=b Id=c data-x data-X=1 />|<Custom-El X=1 x=2>|</custom-el>){0,40}") {
        check_invariants(&Document::parse(&html));
    }

    #[test]
    fn any_input_gives_a_consistent_tree(html in "(<[/!]?[a-zA-Z]{0,3}[ =\"'a-z/]{0,6}>?|[a-z &;<>]{0,5}|<!--|-->|<script>|</script>|<p>|<li>|<td>|<table>){0,40}") {
        check_invariants(&Document::parse(&html));
    }

    #[test]
    fn arbitrary_text_never_panics(html in "\\PC{0,200}") {
        check_invariants(&Document::parse(&html));
    }
}
