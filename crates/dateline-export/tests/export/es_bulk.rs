use dateline_export::{ExportFormat, Exporter, ES_MAPPING};
use serde_json::Value;

use crate::{bare, export_with, full};

fn bulk(index: Option<&str>) -> Vec<Value> {
    let mut exporter = Exporter::new(ExportFormat::EsBulk, Vec::new()).unwrap();
    if let Some(index) = index {
        exporter = exporter.with_index(index);
    }
    let out = export_with(exporter, &[full(), bare()]);
    assert!(out.ends_with(b"\n"), "_bulk wants a final newline");
    std::str::from_utf8(&out)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

#[test]
fn an_action_line_names_index_and_id_before_each_document() {
    let lines = bulk(None);
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["index"]["_index"], "dateline");
    assert_eq!(lines[0]["index"]["_id"], "1");
    assert_eq!(lines[1]["id"], 1);
    assert_eq!(lines[2]["index"]["_id"], "2");
    assert_eq!(lines[3]["id"], 2);
    let named = bulk(Some("news-2019"));
    assert_eq!(named[2]["index"]["_index"], "news-2019");
}

#[test]
fn the_mapping_names_every_field_a_document_has() {
    let mapping: Value = serde_json::from_str(ES_MAPPING).unwrap();
    let properties = &mapping["mappings"]["properties"];
    // `dynamic: false` leaves unmapped fields unsearchable without a word:
    // every field at every depth (the events' actors, places' coordinates)
    // must be named.
    for document in bulk(None).iter().skip(1).step_by(2) {
        assert_mapped(document, properties, "");
    }
}

fn assert_mapped(value: &Value, properties: &Value, path: &str) {
    let Value::Object(fields) = value else {
        return;
    };
    for (field, value) in fields {
        let name = format!("{path}{field}");
        let mapped = &properties[field];
        assert!(mapped.is_object(), "{name} is not mapped");
        let items = match value {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        for item in items {
            if item.is_object() {
                assert_mapped(item, &mapped["properties"], &format!("{name}."));
            }
        }
    }
}
