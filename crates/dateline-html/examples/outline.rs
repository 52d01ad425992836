//! Prints the element outline of a page down to a depth, with text sizes:
//! `cargo run -p dateline-html --example outline -- FILE [DEPTH]`.

use dateline_html::{Document, Node};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: outline FILE [DEPTH]");
    let depth: usize = args.next().and_then(|d| d.parse().ok()).unwrap_or(4);
    let page =
        dateline_input::read_page(std::path::Path::new(&path)).unwrap_or_else(|e| panic!("{e}"));
    let bytes = page.bytes;
    let doc = Document::parse(&String::from_utf8_lossy(&bytes));
    print(doc.root(), 0, depth);
}

fn print(node: Node<'_>, level: usize, max: usize) {
    for child in node.element_children() {
        let text: usize = child
            .descendants()
            .filter_map(|n| n.text())
            .map(|t| t.trim().len())
            .sum();
        let class = child.attr("class").or(child.attr("id")).unwrap_or("");
        println!(
            "{}{} .{} #{} [{} chars]",
            "  ".repeat(level),
            child.name(),
            class,
            child.id().0,
            text
        );
        if level + 1 < max {
            print(child, level + 1, max);
        }
    }
}
