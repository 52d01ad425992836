//! dom_smoothie 0.19 (a Readability.js port) behind the bench interface.
use dateline_bench_peers::{pages::Prediction, split_authors, Peer};

struct DomSmoothie;

impl Peer for DomSmoothie {
    const NAME: &'static str = "dom_smoothie 0.19.0";
    const OPTIONS: &'static str = "Config::default() (text_mode Raw) + document_url";
    fn extract(html: &str, url: Option<&str>) -> Result<Prediction, String> {
        let mut readability =
            dom_smoothie::Readability::new(html, url, Some(dom_smoothie::Config::default()))
                .map_err(|e| e.to_string())?;
        let article = readability.parse().map_err(|e| e.to_string())?;
        Ok(Prediction {
            title: Some(article.title.clone()).filter(|t| !t.is_empty()),
            authors: split_authors(article.byline.as_deref()),
            published: article.published_time.clone(),
            text: article.text_content.to_string(),
            ..Default::default()
        })
    }
}

fn main() {
    dateline_bench_peers::main::<DomSmoothie>();
}
