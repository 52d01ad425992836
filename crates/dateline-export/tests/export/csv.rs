use dateline_export::ExportFormat;

use crate::{bare, export, full};

const HEADER: [&str; 25] = [
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

fn read(out: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = ::csv::Reader::from_reader(out);
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn rows_survive_commas_quotes_and_line_breaks() {
    let (mut article, provenance) = full();
    article.description = Some("line one\r\nline two, \"three\"".into());
    let out = export(ExportFormat::Csv, &[(article.clone(), provenance), bare()]);
    let (header, rows) = read(&out);
    assert_eq!(header, HEADER);
    assert_eq!(rows.len(), 2);
    let row = &rows[0];
    let field = |name: &str| row[HEADER.iter().position(|h| *h == name).unwrap()].as_str();
    assert_eq!(field("id"), "1");
    assert_eq!(field("cluster_id"), "101");
    assert_eq!(field("cluster_size"), "1");
    assert_eq!(field("title"), "Русские в Ракке, «тест» \"quoted\"");
    assert_eq!(field("description"), "line one\r\nline two, \"three\"");
    assert_eq!(field("authors"), "Anna Ahronheim; Seth J. Frantzman");
    assert_eq!(field("published"), "2019-12-09T17:34:00+02:00");
    assert_eq!(field("modified"), "");
    assert_eq!(field("tags"), "");
    assert_eq!(field("categories"), "Middle East");
    assert_eq!(field("image_urls"), "https://img.example/1.jpg");
    assert_eq!(field("text"), article.text);
    assert_eq!(field("is_article"), "true");
    assert_eq!(field("reason"), "");
    assert_eq!(field("inputs"), "crawl.warc.gz <urn:uuid:1>; dump.jsonl:2");
    assert_eq!(field("urls"), "https://www.jpost.com/raqqa");
    assert_eq!(field("places"), "Ar Raqqah");
    assert_eq!(field("countries"), "SY");
    assert_eq!(field("people"), "");
    assert_eq!(field("organizations"), "Russian Armed Forces");
    assert_eq!(field("event_categories"), "MOBILIZE");
    assert_eq!(field("events"), "RUSMIL MOBILIZE/152 -");
}

#[test]
fn fields_with_specials_are_quoted_rfc_4180_style() {
    let out = String::from_utf8(export(ExportFormat::Csv, &[full()])).unwrap();
    assert!(
        out.contains(r#""Русские в Ракке, «тест» ""quoted""""#),
        "{out}"
    );
    assert!(
        out.contains("\"Russian forces entered Raqqa, then left.\n\nÜnïcödé – 東京\""),
        "{out}"
    );
}

#[test]
fn a_bare_article_has_empty_fields() {
    let (_, rows) = read(&export(ExportFormat::Csv, &[bare()]));
    let row = &rows[0];
    assert_eq!(row.len(), HEADER.len());
    assert_eq!(row[15], "false");
    assert_eq!(row[16], "index page");
    assert!(row[3..15].iter().all(String::is_empty), "{row:?}");
    assert!(row[17..].iter().all(String::is_empty), "{row:?}");
}

#[test]
fn an_empty_export_is_the_header_alone() {
    let out = export(ExportFormat::Csv, &[]);
    assert_eq!(String::from_utf8(out).unwrap().lines().count(), 1);
    let (header, rows) = read(&export(ExportFormat::Csv, &[]));
    assert_eq!(header, HEADER);
    assert!(rows.is_empty());
}
