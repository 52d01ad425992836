//! Prints the content decisions for one page: `cargo run -p
//! dateline-extract --example explain -- FILE[.gz]`.

use std::io::Read;

fn main() {
    let path = std::env::args().nth(1).expect("usage: explain FILE");
    let file = std::fs::File::open(&path).expect("file");
    let mut bytes = Vec::new();
    if path.ends_with(".gz") {
        flate2::read::GzDecoder::new(file)
            .read_to_end(&mut bytes)
            .expect("gzip");
    } else {
        std::io::BufReader::new(file)
            .read_to_end(&mut bytes)
            .expect("read");
    }
    let text = dateline_extract::decode(&bytes, None, true).text;
    print!("{}", dateline_extract::html::explain_html(&text));
}
