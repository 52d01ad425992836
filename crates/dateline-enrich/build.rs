//! Builds the compact gazetteer (`OUT_DIR/gazetteer.bin`) from the source
//! table `data/gazetteer.tsv.gz`, with the same code the crate exposes as
//! `gazetteer::builder`.

use std::io::Read;
use std::path::PathBuf;

// The modules refer to each other as `super::format` and so on: here
// their parent is the build script's root.
#[allow(dead_code)]
#[path = "src/gazetteer/builder.rs"]
mod builder;
#[allow(dead_code)]
#[path = "src/gazetteer/format.rs"]
mod format;
#[allow(dead_code)]
#[path = "src/gazetteer/normalize.rs"]
mod normalize;

fn main() {
    let source = PathBuf::from("data/gazetteer.tsv.gz");
    println!("cargo::rerun-if-changed={}", source.display());
    for module in ["builder", "format", "normalize"] {
        println!("cargo::rerun-if-changed=src/gazetteer/{module}.rs");
    }
    let mut table = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&source).expect("data/gazetteer.tsv.gz"))
        .read_to_string(&mut table)
        .expect("data/gazetteer.tsv.gz is gzipped UTF-8");
    let bytes = builder::build(&table).unwrap_or_else(|e| panic!("{e}"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("gazetteer.bin");
    std::fs::write(&out, bytes).expect("writing the gazetteer");
}
