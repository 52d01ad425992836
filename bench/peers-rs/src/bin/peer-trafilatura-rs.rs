//! trafilatura-rs (crate `trafilatura`) 0.6 behind the bench interface.
use dateline_bench_peers::{pages::Prediction, split_authors, Peer};

struct TrafilaturaRs;

impl Peer for TrafilaturaRs {
    const NAME: &'static str = "trafilatura-rs (crate trafilatura) 0.6.0";
    const OPTIONS: &'static str = "Options::default() (fallback off, balanced focus, comments and tables kept as default) + original_url";
    fn extract(html: &str, url: Option<&str>) -> Result<Prediction, String> {
        let mut options = trafilatura::Options::default();
        if let Some(url) = url.and_then(|u| url::Url::parse(u).ok()) {
            options = options.with_url(url);
        }
        let result = trafilatura::extract(html, &options).map_err(|e| e.to_string())?;
        let m = &result.metadata;
        Ok(Prediction {
            title: Some(m.title.clone()).filter(|t| !t.is_empty()),
            authors: split_authors(Some(m.author.as_str())),
            published: m.date.map(|d| d.to_string()),
            text: result.content_text,
            ..Default::default()
        })
    }
}

fn main() {
    dateline_bench_peers::main::<TrafilaturaRs>();
}
