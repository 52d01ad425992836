//! Prints the content decisions for one page: `cargo run -p
//! dateline-extract --example explain -- FILE[.gz]`.

fn main() {
    let path = std::env::args().nth(1).expect("usage: explain FILE");
    let page =
        dateline_input::read_page(std::path::Path::new(&path)).unwrap_or_else(|e| panic!("{e}"));
    let text = dateline_extract::decode(&page.bytes, None, true).text;
    print!("{}", dateline_extract::html::explain_html(&text));
}
