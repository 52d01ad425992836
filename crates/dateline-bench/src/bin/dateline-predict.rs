//! Writes Dateline's predictions for a folder of pages as JSONL
//! `{id, title, authors, published, text, ms}`.

use dateline_bench::{options_for, pages};

const USAGE: &str =
    "dateline-predict DIR_OR_FILES... [--urls URLS.json] [--out FILE.jsonl] [--id stem|name]";

fn main() {
    let args = pages::Args::parse(USAGE);
    pages::write_predictions(&args, |page| {
        let article = dateline_extract::extract(&page.bytes, &options_for(page));
        pages::Prediction {
            title: article.title,
            authors: article.authors,
            published: article.published.map(|t| t.to_string()),
            text: article.text,
            ..Default::default()
        }
    });
}
