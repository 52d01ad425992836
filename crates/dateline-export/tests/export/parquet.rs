use std::io::Write;

use ::parquet::basic::{LogicalType, Repetition};
use ::parquet::file::reader::{FileReader, SerializedFileReader};
use bytes::Bytes;
use dateline_export::{ExportFormat, Exporter};
use serde_json::{json, Value};

use crate::{bare, export, export_with, full, record};

fn reader(out: Vec<u8>) -> SerializedFileReader<Bytes> {
    assert_eq!(&out[..4], b"PAR1");
    assert_eq!(&out[out.len() - 4..], b"PAR1");
    SerializedFileReader::new(Bytes::from(out)).unwrap()
}

fn rows(reader: &SerializedFileReader<Bytes>) -> Vec<Value> {
    reader
        .get_row_iter(None)
        .unwrap()
        .map(|row| row.unwrap().to_json_value())
        .collect()
}

#[test]
fn a_full_article_reads_back_with_nested_values() {
    let (article, _) = full();
    let rows = rows(&reader(export(ExportFormat::Parquet, &[full()])));
    assert_eq!(rows.len(), 1);
    let mut first = rows[0].clone();
    let events = first.as_object_mut().unwrap().remove("events");
    assert_eq!(
        events,
        Some(json!([{
            "sentence_start": 0, "sentence_end": 40, "cameo": "152",
            "plover": "MOBILIZE", "mode": "asserted",
            "source_code": "RUSMIL", "source_country": "RUS", "source_sector": "MIL",
            "source_name": "Russia", "target_code": null, "target_country": null,
            "target_sector": null, "target_name": null, "verb": "entered",
            "geonames_id": null, "date": "2019-12-09", "confidence": 0.699999988079071,
        }]))
    );
    assert_eq!(
        first,
        json!({
            "id": 1,
            "cluster_id": 101,
            "cluster_size": 1,
            "title": "Русские в Ракке, «тест» \"quoted\"",
            "description": null,
            "site_name": "The Jerusalem Post",
            "url": "https://www.jpost.com/raqqa",
            "language": "ru",
            "authors": ["Anna Ahronheim", "Seth J. Frantzman"],
            "published": "2019-12-09T17:34:00+02:00",
            "published_date": "2019-12-09",
            "modified": null,
            "tags": [],
            "categories": ["Middle East"],
            "images": [
                {"url": "https://img.example/1.jpg", "caption": "Troops, \"on patrol\"\nin Raqqa", "credit": null},
                {"url": null, "caption": null, "credit": "Reuters"},
            ],
            "body": [
                {"kind": "paragraph", "text": "Russian forces entered Raqqa, then left."},
                {"kind": "list_item", "text": "Ünïcödé – 東京"},
            ],
            "text": article.text,
            "source": {"path": "pages/raqqa.html", "format": "html"},
            "is_article": true,
            "reason": null,
            "provenance": [
                {"input": "crawl.warc.gz", "locator": "<urn:uuid:1>", "url": "https://www.jpost.com/raqqa", "fetched": "2019-12-10T00:00:00Z"},
                {"input": "dump.jsonl", "locator": ":2", "url": null, "fetched": null},
            ],
            "enriched": true,
            "places": [{
                "name": "Ar Raqqah", "surface": "Raqqa", "start": 23, "end": 28,
                "geonames_id": 163843, "lat": 35.95, "lon": 39.01, "country_code": "SY",
                "kind": "city",
            }],
            "entities": [{
                "name": "Russian Armed Forces", "kind": "organization",
                "surface": "Russian forces", "start": 0, "end": 14,
            }],
            "quantities": [{
                "text": "2 km", "value": 2.0, "unit": "km", "qualifier": null,
                "category": "distance", "start": 30, "end": 34,
            }],
        })
    );
}

#[test]
fn a_bare_article_reads_back_as_nulls_and_empty_lists() {
    let rows = rows(&reader(export(
        ExportFormat::Parquet,
        &[full(), bare(), full()],
    )));
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[1],
        json!({
            "id": 2,
            "cluster_id": 102,
            "cluster_size": 2,
            "title": null,
            "description": null,
            "site_name": null,
            "url": null,
            "language": null,
            "authors": [],
            "published": null,
            "published_date": null,
            "modified": null,
            "tags": [],
            "categories": [],
            "images": [],
            "body": [],
            "text": "",
            "source": null,
            "is_article": false,
            "reason": "index page",
            "provenance": [],
            "enriched": false,
            "places": [],
            "entities": [],
            "quantities": [],
            "events": [],
        })
    );
    // The rows around the bare one keep their own lists: levels line up.
    assert_eq!(rows[2]["id"], 3);
    assert_eq!(rows[2]["authors"], rows[0]["authors"]);
    assert_eq!(rows[2]["provenance"], rows[0]["provenance"]);
}

#[test]
fn a_source_without_a_path_is_not_a_missing_source() {
    let (mut article, provenance) = full();
    article.source.as_mut().unwrap().path = None;
    let rows = rows(&reader(export(
        ExportFormat::Parquet,
        &[(article, provenance)],
    )));
    assert_eq!(rows[0]["source"], json!({"path": null, "format": "html"}));
}

#[test]
fn the_schema_is_typed_for_query_engines() {
    let reader = reader(export(ExportFormat::Parquet, &[full()]));
    let schema = reader.metadata().file_metadata().schema();
    let fields: Vec<_> = schema.get_fields().iter().map(|f| f.name()).collect();
    assert_eq!(
        fields,
        [
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
            "published_date",
            "modified",
            "tags",
            "categories",
            "images",
            "body",
            "text",
            "source",
            "is_article",
            "reason",
            "provenance",
            "enriched",
            "places",
            "entities",
            "quantities",
            "events",
        ]
    );
    let field = |name: &str| {
        schema
            .get_fields()
            .iter()
            .find(|f| f.name() == name)
            .unwrap()
            .clone()
    };
    let info = |name: &str| field(name).get_basic_info().logical_type_ref().cloned();
    assert_eq!(info("title"), Some(LogicalType::String));
    assert_eq!(info("published_date"), Some(LogicalType::Date));
    assert_eq!(info("authors"), Some(LogicalType::List));
    assert_eq!(info("provenance"), Some(LogicalType::List));
    assert_eq!(
        field("title").get_basic_info().repetition(),
        Repetition::OPTIONAL
    );
    assert_eq!(
        field("id").get_basic_info().repetition(),
        Repetition::REQUIRED
    );
}

#[test]
fn row_groups_are_cut_every_n_rows() {
    let articles: Vec<_> = (0..25)
        .map(|i| if i % 3 == 0 { bare() } else { full() })
        .collect();
    let exporter = Exporter::new(ExportFormat::Parquet, Vec::new())
        .unwrap()
        .with_row_group_size(10);
    let reader = reader(export_with(exporter, &articles));
    let meta = reader.metadata();
    assert_eq!(meta.file_metadata().num_rows(), 25);
    let sizes: Vec<_> = meta.row_groups().iter().map(|g| g.num_rows()).collect();
    assert_eq!(sizes, [10, 10, 5]);
    let rows = rows(&reader);
    let ids: Vec<_> = rows.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, (1..=25).collect::<Vec<_>>());
    for (row, i) in rows.iter().zip(0..) {
        let expected = if i % 3 == 0 { 0 } else { 2 };
        assert_eq!(
            row["provenance"].as_array().unwrap().len(),
            expected,
            "row {i}"
        );
    }
}

#[test]
fn an_empty_export_is_a_valid_file_with_no_rows() {
    let reader = reader(export(ExportFormat::Parquet, &[]));
    assert_eq!(reader.metadata().file_metadata().num_rows(), 0);
    assert_eq!(reader.num_row_groups(), 0);
    assert_eq!(
        reader
            .metadata()
            .file_metadata()
            .schema()
            .get_fields()
            .len(),
        26
    );
    assert!(rows(&reader).is_empty());
}

#[test]
fn streams_to_a_boxed_writer_as_the_cli_passes_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("articles.parquet");
    let file = std::fs::File::create(&path).unwrap();
    let out: Box<dyn Write + Send> = Box::new(std::io::BufWriter::new(file));
    let mut exporter = Exporter::new(ExportFormat::Parquet, out).unwrap();
    let article = full();
    exporter.write(&record(7, &article)).unwrap();
    exporter.finish().unwrap().flush().unwrap();
    let rows = rows(&reader(std::fs::read(&path).unwrap()));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["id"], 7);
}
