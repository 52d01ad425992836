//! CSV: one flat row per article for spreadsheets and `read_csv`.

use std::io::Write;

use dateline_model::{Event, EventActor, Provenance, Timestamp};

use crate::{ExportError, ExportRecord};

/// The header row, in column order.
pub(crate) const COLUMNS: [&str; 25] = [
    "id",
    "cluster_id",
    "cluster_size",
    "title",
    "description",
    "site_name",
    "url",
    "language",
    "authors",
    "published",
    "modified",
    "tags",
    "categories",
    "image_urls",
    "text",
    "is_article",
    "reason",
    "inputs",
    "urls",
    "places",
    "countries",
    "people",
    "organizations",
    "event_categories",
    "events",
];

/// Separates the items of list columns. Semicolons rather than commas, so a
/// list stays readable and splittable in a spreadsheet cell.
const LIST_SEPARATOR: &str = "; ";

/// A CSV writer with the header already written.
pub(crate) fn writer<W: Write>(out: W) -> Result<csv::Writer<W>, ExportError> {
    let mut writer = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(out);
    // Only the buffer is written to here, so a failure can only be I/O.
    writer
        .write_record(COLUMNS)
        .map_err(|err| ExportError::Io(err.into()))?;
    Ok(writer)
}

/// Writes `record` as one row (quoted as RFC 4180 asks when a field holds
/// commas, quotes or line breaks).
pub(crate) fn write<W: Write>(
    writer: &mut csv::Writer<W>,
    record: &ExportRecord<'_>,
) -> Result<(), ExportError> {
    let a = record.article;
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let time = |t: &Option<Timestamp>| t.map(|t| t.to_string()).unwrap_or_default();
    let enrichment = record.enrichment;
    let places = enrichment.map_or(&[][..], |e| &e.places[..]);
    let entities = enrichment.map_or(&[][..], |e| &e.entities[..]);
    let events = enrichment.map_or(&[][..], |e| &e.events[..]);
    let row: [String; 25] = [
        record.id.to_string(),
        record.cluster_id.to_string(),
        record.cluster_size.to_string(),
        opt(&a.title),
        opt(&a.description),
        opt(&a.site_name),
        opt(&a.url),
        opt(&a.language),
        a.authors.join(LIST_SEPARATOR),
        time(&a.published),
        time(&a.modified),
        a.tags.join(LIST_SEPARATOR),
        a.categories.join(LIST_SEPARATOR),
        join(a.images.iter().filter_map(|i| i.url.as_deref())),
        a.text.clone(),
        a.is_article.to_string(),
        opt(&a.reason),
        join(record.provenance.iter().map(input_with_locator)),
        join(record.provenance.iter().filter_map(|p| p.url.as_deref())),
        join(distinct(places.iter().map(|p| p.name.as_str()))),
        join(distinct(
            places
                .iter()
                .map(|p| p.country_code.as_str())
                .filter(|c| !c.is_empty()),
        )),
        join(distinct(
            entities
                .iter()
                .filter(|e| e.is_person())
                .map(|e| e.name.as_str()),
        )),
        join(distinct(
            entities
                .iter()
                .filter(|e| !e.is_person())
                .map(|e| e.name.as_str()),
        )),
        join(distinct(
            events
                .iter()
                .map(|e| e.plover.as_str())
                .filter(|p| !p.is_empty()),
        )),
        join(events.iter().map(event_cell)),
    ];
    writer
        .write_record(&row)
        .map_err(|source| ExportError::Csv {
            id: record.id,
            source,
        })
}

/// An event in a cell: `TUR ASSAULT/190 SYRREB`, `-` for a missing actor
/// or a code PLOVER leaves out.
fn event_cell(event: &Event) -> String {
    let actor = |a: &Option<EventActor>| a.as_ref().map_or("-", |a| a.code.as_str()).to_string();
    let plover = if event.plover.is_empty() {
        "-"
    } else {
        &event.plover
    };
    format!(
        "{} {plover}/{} {}",
        actor(&event.source),
        event.cameo,
        actor(&event.target)
    )
}

/// Each value once, in first-seen order.
fn distinct<'a>(values: impl Iterator<Item = &'a str>) -> impl Iterator<Item = &'a str> {
    let mut seen = std::collections::HashSet::new();
    values.filter(move |v| seen.insert(*v))
}

fn join<S: AsRef<str>>(items: impl Iterator<Item = S>) -> String {
    let mut joined = String::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            joined.push_str(LIST_SEPARATOR);
        }
        joined.push_str(item.as_ref());
    }
    joined
}

/// `dump.jsonl:17`, `crawl.warc.gz@1234`, `crawl.warc.gz <urn:uuid:...>`:
/// line and offset locators read naturally glued to the file name (the form
/// ingest messages use); record ids need a space.
fn input_with_locator(p: &Provenance) -> String {
    if p.locator.is_empty() {
        p.input.clone()
    } else if p.locator.starts_with([':', '@']) {
        format!("{}{}", p.input, p.locator)
    } else {
        format!("{} {}", p.input, p.locator)
    }
}
