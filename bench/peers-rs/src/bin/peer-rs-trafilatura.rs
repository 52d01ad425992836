//! rs-trafilatura 0.2 behind the bench interface.
use dateline_bench_peers::{pages::Prediction, split_authors, Peer};

struct RsTrafilatura;

impl Peer for RsTrafilatura {
    const NAME: &'static str = "rs-trafilatura 0.2.2";
    const OPTIONS: &'static str =
        "Options::default() (include_comments=false, include_tables=true) + url";
    fn extract(html: &str, url: Option<&str>) -> Result<Prediction, String> {
        let options = rs_trafilatura::Options {
            url: url.map(str::to_owned),
            ..Default::default()
        };
        let result =
            rs_trafilatura::extract_with_options(html, &options).map_err(|e| e.to_string())?;
        Ok(Prediction {
            title: result.metadata.title.clone(),
            authors: split_authors(result.metadata.author.as_deref()),
            published: result.metadata.date.map(|d| d.to_rfc3339()),
            text: result.content_text,
            ..Default::default()
        })
    }
}

fn main() {
    dateline_bench_peers::main::<RsTrafilatura>();
}
