//! The pipeline against a scripted source and a collecting sink.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use dateline_input::{Counts, InputError, PageKind, Record, RecordSource, RecordStream};
use dateline_model::Article;

use crate::{Batch, Extraction, Keep, Outcome, Pipeline, PipelineError, PipelineOptions, Sink};

const STORY: &str = "<html><head><title>Floods hit the coast</title></head><body><article>\
    <h1>Floods hit the coast</h1><p>Heavy rain flooded hundreds of homes along the coast of \
    Bangladesh on Monday, officials in Dhaka said, and more storms are expected later this \
    week as the front moves north across the delta towards the hills.</p><p>Rescue teams \
    reached villages cut off by the water on Tuesday morning and handed out food, clean water \
    and medicine to families who had spent the night on their roofs.</p><p>The weather \
    service said the rain would ease by the weekend, but warned that rivers could keep rising \
    for several days as water flows down from the hills.</p></article></body></html>";

/// Records from a list, counting as a reader does; `pulled` tells how far
/// the pipeline read.
struct Scripted {
    records: std::vec::IntoIter<Result<Record, InputError>>,
    counts: Counts,
    pulled: Arc<AtomicUsize>,
    /// Records skipped unread after the last one.
    skipped_at_end: u64,
}

impl Scripted {
    fn new(records: Vec<Result<Record, InputError>>) -> Self {
        Self {
            records: records.into_iter(),
            counts: Counts::default(),
            pulled: Arc::default(),
            skipped_at_end: 0,
        }
    }
}

impl Iterator for Scripted {
    type Item = Result<Record, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        let Some(item) = self.records.next() else {
            if self.skipped_at_end > 0 {
                self.counts.read += self.skipped_at_end;
                self.counts.skipped.insert("not-html", self.skipped_at_end);
                self.skipped_at_end = 0;
            }
            return None;
        };
        self.pulled.fetch_add(1, Ordering::Relaxed);
        self.counts.read += 1;
        match &item {
            Ok(_) => self.counts.yielded += 1,
            Err(_) => self.counts.bad += 1,
        }
        Some(item)
    }
}

impl RecordStream for Scripted {
    fn counts(&self) -> &Counts {
        &self.counts
    }
}

fn page(n: usize, html: &str) -> Result<Record, InputError> {
    let mut record = Record::whole_file(
        PathBuf::from(format!("page-{n}.html")),
        PageKind::Html,
        html.as_bytes().to_vec(),
    );
    record.url = Some(format!(
        "https://example.org/news/2019/12/09/floods-hit-the-coast-{n}"
    ));
    Ok(record)
}

/// What a sink saw: one line per record, and the batches' final counts.
#[derive(Default)]
struct Collect {
    lines: Vec<String>,
    batches: usize,
    last_counts: Counts,
    fail_after: Option<usize>,
}

impl Sink for Collect {
    type Extra = usize;
    type Error = String;

    fn extra(article: &Article) -> usize {
        article.text.len()
    }

    fn write(&mut self, batch: Batch<usize>) -> Result<(), String> {
        self.batches += 1;
        if self.fail_after.is_some_and(|n| self.batches > n) {
            return Err("disk full".into());
        }
        self.last_counts = batch.counts;
        for item in batch.items {
            let line = match item.outcome {
                Outcome::Article(done) => format!(
                    "{} article {} chars={} enriched={} lang={:?}",
                    item.source,
                    done.article.is_article,
                    done.extra,
                    done.enrichment.is_some(),
                    done.article.language
                ),
                Outcome::NotArticle(reason) => format!("{} not-article {reason}", item.source),
                Outcome::Failed(err) => format!("{} failed {}", item.source, err.reason()),
            };
            let warning = item.warning.map(|w| format!(" ({w})")).unwrap_or_default();
            self.lines.push(line + &warning);
        }
        Ok(())
    }
}

fn pipeline(options: PipelineOptions) -> Pipeline {
    Pipeline::new(options.threads(Some(2))).unwrap()
}

#[test]
fn results_keep_input_order_across_batches() {
    let records = (0..crate::BATCH_RECORDS + 50)
        .map(|n| page(n, STORY))
        .collect();
    let sink = pipeline(PipelineOptions::default())
        .run(Scripted::new(records), Collect::default())
        .unwrap();
    assert_eq!(sink.lines.len(), crate::BATCH_RECORDS + 50);
    assert!(sink.batches >= 2, "{} batches", sink.batches);
    for (n, line) in sink.lines.iter().enumerate() {
        assert!(
            line.starts_with(&format!("page-{n}.html article true")),
            "{line}"
        );
    }
}

#[test]
fn kept_articles_are_enriched_and_the_rest_named_with_reasons() {
    let records = vec![
        page(0, STORY),
        page(
            1,
            "<html><body><nav><a href='/'>Home</a></nav></body></html>",
        ),
        Err(InputError::Empty {
            path: PathBuf::from("empty.html"),
        }),
    ];
    let mut source = Scripted::new(records);
    source.skipped_at_end = 3;
    let options = PipelineOptions::default()
        .keep(Keep::Articles)
        .enrich(Some(Default::default()));
    let sink = pipeline(options).run(source, Collect::default()).unwrap();
    assert!(
        sink.lines[0].starts_with("page-0.html article true chars=")
            && sink.lines[0].ends_with("enriched=true lang=Some(\"en\")"),
        "{}",
        sink.lines[0]
    );
    assert!(
        sink.lines[1].starts_with("page-1.html not-article "),
        "{}",
        sink.lines[1]
    );
    assert_eq!(sink.lines[2], "empty.html failed empty");
    // The last batch carries the source's final counts.
    assert_eq!(sink.last_counts.read, 6);
    assert_eq!(sink.last_counts.skipped["not-html"], 3);
}

#[test]
fn text_is_taken_as_it_is_and_bad_utf8_is_a_warning() {
    let text = |n: usize, bytes: &[u8]| {
        Ok(Record::whole_file(
            PathBuf::from(format!("t{n}")),
            PageKind::Unknown,
            bytes.to_vec(),
        ))
    };
    let records = vec![text(0, b"Flooding in Dhaka."), text(1, b"Lima \xff")];
    let options = PipelineOptions::default()
        .extraction(Extraction::Text)
        .enrich(Some(Default::default()));
    let sink = pipeline(options)
        .run(Scripted::new(records), Collect::default())
        .unwrap();
    assert_eq!(
        sink.lines[0],
        "t0 article true chars=18 enriched=true lang=None"
    );
    assert!(
        sink.lines[1].ends_with("(not UTF-8; invalid bytes replaced)"),
        "{}",
        sink.lines[1]
    );
}

#[test]
fn a_failing_sink_stops_the_run_without_reading_everything() {
    let records: Vec<_> = (0..crate::BATCH_RECORDS * 6)
        .map(|n| page(n, "<p>x</p>"))
        .collect();
    let source = Scripted::new(records);
    let pulled = Arc::clone(&source.pulled);
    let sink = Collect {
        fail_after: Some(1),
        ..Collect::default()
    };
    let err = pipeline(PipelineOptions::default())
        .run(source, sink)
        .err()
        .unwrap();
    assert!(matches!(err, PipelineError::Sink(ref e) if e == "disk full"));
    // Bounded channels: the reader is at most a few batches ahead.
    assert!(
        pulled.load(Ordering::Relaxed) < crate::BATCH_RECORDS * 6,
        "read everything"
    );
}

#[test]
fn stored_articles_are_enriched_on_the_pool() {
    let mut articles = vec![
        Article {
            text: "Russian forces entered Raqqa.".into(),
            ..Article::default()
        },
        Article {
            text: "Die Truppen erreichten am Montag die Stadt Rakka im Norden Syriens.".into(),
            language: Some("de".into()),
            ..Article::default()
        },
    ];
    let found = pipeline(PipelineOptions::default()).enrich_articles(&mut articles);
    assert_eq!(found.len(), 2);
    assert!(found[0].places.iter().any(|p| p.surface == "Raqqa"));
    assert_eq!(articles[1].language.as_deref(), Some("de"), "declared wins");
    let source = RecordSource::file(PathBuf::from("x"));
    assert_eq!(source.locator(), "");
}
