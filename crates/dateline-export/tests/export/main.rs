//! Export round trips: every format is written, then read back with a
//! reader that knows nothing of this crate.

mod csv;
mod jsonl;
mod parquet;

use dateline_export::{ExportFormat, ExportRecord, Exporter};
use std::sync::LazyLock;

use dateline_model::{
    Article, Block, BlockKind, Enrichment, Entity, Event, EventActor, Image, PlaceMention,
    Provenance, Quantity, Source, SourceFormat, Span, Surface, Timestamp,
};

/// A full article with the characters formats trip over: non-ASCII,
/// commas, quotes and line breaks.
fn full() -> (Article, Vec<Provenance>) {
    let mut a = Article {
        title: Some("Русские в Ракке, «тест» \"quoted\"".into()),
        description: None,
        site_name: Some("The Jerusalem Post".into()),
        url: Some("https://www.jpost.com/raqqa".into()),
        language: Some("ru".into()),
        authors: vec!["Anna Ahronheim".into(), "Seth J. Frantzman".into()],
        published: Timestamp::parse_iso("2019-12-09T17:34:00+02:00"),
        modified: None,
        tags: Vec::new(),
        categories: vec!["Middle East".into()],
        images: vec![
            Image {
                url: Some("https://img.example/1.jpg".into()),
                caption: Some("Troops, \"on patrol\"\nin Raqqa".into()),
                credit: None,
            },
            Image {
                url: None,
                caption: None,
                credit: Some("Reuters".into()),
            },
        ],
        body: vec![
            Block::new(
                BlockKind::Paragraph,
                "Russian forces entered Raqqa, then left.",
            ),
            Block::new(BlockKind::ListItem, "Ünïcödé – 東京"),
        ],
        source: Some(Source {
            path: Some("pages/raqqa.html".into()),
            format: SourceFormat::Html,
        }),
        ..Article::default()
    };
    a.finish_text();
    let provenance = vec![
        Provenance {
            input: "crawl.warc.gz".into(),
            locator: "<urn:uuid:1>".into(),
            url: Some("https://www.jpost.com/raqqa".into()),
            fetched: Some("2019-12-10T00:00:00Z".into()),
        },
        Provenance {
            input: "dump.jsonl".into(),
            locator: ":2".into(),
            url: None,
            fetched: None,
        },
    ];
    (a, provenance)
}

/// An article with nothing known: every option missing, every list empty.
fn bare() -> (Article, Vec<Provenance>) {
    let mut a = Article::default();
    a.reject("index page");
    (a, Vec::new())
}

/// What enrichment finds in [`full`]'s text: a place, an organisation
/// named by a short form, a quantity without a qualifier, an event without
/// a target.
static FULL_ENRICHMENT: LazyLock<Enrichment> = LazyLock::new(|| Enrichment {
    language: None,
    places: vec![PlaceMention {
        name: "Ar Raqqah".into(),
        surface: "Raqqa".into(),
        start: 23,
        end: 28,
        geonames_id: 163843,
        lat: 35.95,
        lon: 39.01,
        country_code: "SY".into(),
        feature_class: 'P',
        kind: "city".into(),
        mention: "name".into(),
        confidence: 0.9,
    }],
    focus: Vec::new(),
    entities: vec![Entity {
        name: "Russian Armed Forces".into(),
        kind: "organization".into(),
        surface: "Russian forces".into(),
        start: 0,
        end: 14,
    }],
    quantities: vec![Quantity {
        text: "2 km".into(),
        value: 2.0,
        unit: "km".into(),
        qualifier: None,
        category: "distance".into(),
        start: 30,
        end: 34,
    }],
    events: vec![Event {
        sentence: Span { start: 0, end: 40 },
        source: Some(EventActor {
            code: "RUSMIL".into(),
            country: Some("RUS".into()),
            sector: Some("MIL".into()),
            name: "Russia".into(),
            surface: "Russian forces".into(),
            start: 0,
            end: 14,
        }),
        target: None,
        cameo: "152".into(),
        plover: "MOBILIZE".into(),
        verb: Surface {
            surface: "entered".into(),
            start: 15,
            end: 22,
        },
        location: None,
        date: Some("2019-12-09".into()),
        mode: "asserted".into(),
        confidence: 0.7,
    }],
});

/// The record of an article; [`full`]'s carries [`FULL_ENRICHMENT`], the
/// others none.
fn record<'a>(id: i64, (article, provenance): &'a (Article, Vec<Provenance>)) -> ExportRecord<'a> {
    ExportRecord {
        id,
        cluster_id: 100 + id,
        cluster_size: id as u64,
        article,
        provenance,
        enrichment: article
            .text
            .starts_with("Russian forces")
            .then(|| &*FULL_ENRICHMENT),
    }
}

/// Exports `articles` (ids counting from 1) to memory.
fn export(format: ExportFormat, articles: &[(Article, Vec<Provenance>)]) -> Vec<u8> {
    export_with(Exporter::new(format, Vec::new()).unwrap(), articles)
}

fn export_with(
    mut exporter: Exporter<Vec<u8>>,
    articles: &[(Article, Vec<Provenance>)],
) -> Vec<u8> {
    for (i, article) in articles.iter().enumerate() {
        exporter.write(&record(i as i64 + 1, article)).unwrap();
    }
    exporter.finish().unwrap()
}

#[test]
fn errors_convert_into_anyhow_style_boxes() {
    // The binary turns `ExportError` into `anyhow::Error` with `?`, which
    // needs these bounds.
    fn is_boxable<E: std::error::Error + Send + Sync + 'static>() {}
    is_boxable::<dateline_export::ExportError>();
}
