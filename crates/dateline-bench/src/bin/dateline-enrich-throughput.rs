//! Extracts a folder of pages once, then enriches their articles' texts in
//! a loop on this thread (places, focus, entities, quantities, language):
//! what enrichment adds per article, without process start or output.
//! Prints `{pages, rounds, seconds, pages_per_sec, ...}` as JSON.

use dateline_bench::{options_for, pages};
use dateline_enrich::{enrich, PlaceOptions};

const USAGE: &str = "dateline-enrich-throughput DIR_OR_FILES... [--urls URLS.json] \
                     [--min-seconds 3] [--min-rounds 1] [--warmup 1]";

fn main() {
    let args = pages::Args::parse(USAGE);
    let options = PlaceOptions::default();
    pages::throughput(
        &args,
        |page| dateline_extract::extract(&page.bytes, &options_for(page)).text,
        |text, _| {
            let found = enrich(text, &options);
            found.places.len() + found.entities.len() + found.quantities.len()
        },
    );
}
