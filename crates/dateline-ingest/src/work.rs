//! What the workers do with one batch: decode every page once, learn the
//! batch's site profiles, extract, enrich, and the sink's extra work.

use dateline_enrich::PlaceOptions;
use dateline_extract::{prepare, InputKind, Options, Prepared, SiteProfiles};
use dateline_input::{InputError, PageKind, Record, RecordSource};
use dateline_model::{Article, Enrichment, Source, SourceFormat};

use crate::pipeline::{Extraction, Keep, Pipeline};
use crate::sink::{error_source, Done, Outcome, Processed, Sink};

/// The warning for text that was not UTF-8.
const NOT_UTF8: &str = "not UTF-8; invalid bytes replaced";

/// A record between decoding and extraction.
struct Decoded {
    source: RecordSource,
    url: Option<String>,
    fetched: Option<String>,
    page: Result<Page, InputError>,
}

/// A page ready for extraction, or text taken as it is.
enum Page {
    Prepared(Prepared),
    Text { text: String, lossy: bool },
}

/// Enriches one article: the one place where articles are enriched. A
/// detected language fills an article's empty `language`.
pub(crate) fn enrich(article: &mut Article, options: &PlaceOptions) -> Enrichment {
    dateline_enrich::enrich_article(article, options)
}

impl Pipeline {
    /// Processes one batch on the pool (a batch of one on the calling
    /// thread, see [`Pipeline::map`]), results in input order.
    pub(crate) fn process<S: Sink>(
        &self,
        records: Vec<Result<Record, InputError>>,
        profiles: &mut SiteProfiles,
    ) -> Vec<Processed<S::Extra>> {
        let decoded: Vec<Decoded> = self.map(records, |r| self.decode(r));
        let engines = profiles.engines(decoded.iter().map(|d| match &d.page {
            Ok(Page::Prepared(page)) => Some(page),
            _ => None,
        }));
        // Extraction, then enrichment, each over the whole batch: a worker
        // then enriches a run of articles back to back, and the
        // enrichment's dictionaries (gazetteer, event tries) stay in its
        // cache instead of being pushed out by each page's extraction.
        let extracted = self.map(
            decoded.into_iter().enumerate().collect(),
            |(i, record): (usize, Decoded)| {
                let mut warning = None;
                let article = match record.page {
                    Ok(Page::Prepared(page)) => {
                        self.kept(engines.extract(i, &page), &record.source)
                    }
                    Ok(Page::Text { text, lossy }) => {
                        warning = lossy.then_some(NOT_UTF8);
                        self.kept(text_article(text), &record.source)
                    }
                    Err(err) => Err(Outcome::Failed(err)),
                };
                let meta = Meta {
                    source: record.source,
                    url: record.url,
                    fetched: record.fetched,
                    warning,
                };
                (meta, article)
            },
        );
        self.map(extracted, |(meta, article)| Processed {
            source: meta.source,
            url: meta.url,
            fetched: meta.fetched,
            outcome: article.map_or_else(|outcome| outcome, |a| self.finish::<S>(a)),
            warning: meta.warning,
        })
    }

    /// Decodes a record's bytes (and drops them).
    fn decode(&self, record: Result<Record, InputError>) -> Decoded {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                return Decoded {
                    source: error_source(&err),
                    url: None,
                    fetched: None,
                    page: Err(err),
                }
            }
        };
        let page = match &self.options.extraction {
            Extraction::Pages {
                input,
                charset,
                url,
                ..
            } => {
                let mut options = Options::default().input(input.unwrap_or(match record.kind {
                    PageKind::Html => InputKind::Html,
                    PageKind::Text => InputKind::Text,
                    PageKind::Unknown => InputKind::Sniff,
                }));
                options.url = url.clone().or_else(|| record.url.clone());
                options.charset = charset.clone().or(record.charset);
                Page::Prepared(prepare(&record.bytes, &options))
            }
            Extraction::Text => match String::from_utf8(record.bytes) {
                Ok(text) => Page::Text { text, lossy: false },
                Err(err) => Page::Text {
                    text: String::from_utf8_lossy(err.as_bytes()).into_owned(),
                    lossy: true,
                },
            },
        };
        Decoded {
            source: record.source,
            url: record.url,
            fetched: record.date,
            page: Ok(page),
        }
    }

    /// An extracted article with its path, or what became of it when the
    /// pipeline does not keep it.
    fn kept<E>(&self, mut article: Article, source: &RecordSource) -> Result<Article, Outcome<E>> {
        let format = article
            .source
            .as_ref()
            .map(|s| s.format)
            .unwrap_or_default();
        article.source = Some(Source {
            path: Some(source.to_string()),
            format,
        });
        if self.options.keep == Keep::Articles && !article.is_article {
            let reason = article.reason.unwrap_or_else(|| "not an article".into());
            return Err(Outcome::NotArticle(reason));
        }
        Ok(article)
    }

    /// A kept article, enriched when the pipeline enriches, with the
    /// sink's extra.
    fn finish<S: Sink>(&self, mut article: Article) -> Outcome<S::Extra> {
        let enrichment = self
            .options
            .enrich
            .as_ref()
            .map(|options| enrich(&mut article, options));
        let extra = S::extra(&article);
        Outcome::Article(Box::new(Done {
            article,
            enrichment,
            extra,
        }))
    }
}

/// What a record carries from extraction to its result.
struct Meta {
    source: RecordSource,
    url: Option<String>,
    fetched: Option<String>,
    warning: Option<&'static str>,
}

/// Text taken as it is, as an article.
fn text_article(text: String) -> Article {
    Article {
        text,
        source: Some(Source {
            path: None,
            format: SourceFormat::Text,
        }),
        ..Article::default()
    }
}
