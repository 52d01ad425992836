use dateline_export::ExportFormat;
use serde_json::{json, Value};

use crate::{bare, export, full};

fn rows(out: &[u8]) -> Vec<Value> {
    std::str::from_utf8(out)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

#[test]
fn each_line_is_the_article_contract_plus_store_fields() {
    let articles = [full(), bare()];
    let out = export(ExportFormat::Jsonl, &articles);
    assert!(out.ends_with(b"\n"));
    let rows = rows(&out);
    assert_eq!(rows.len(), 2);
    for (row, (article, provenance)) in rows.iter().zip(&articles) {
        let mut expected = serde_json::to_value(article).unwrap();
        let expected = expected.as_object_mut().unwrap();
        for (key, value) in expected.iter() {
            assert_eq!(&row[key], value, "{key}");
        }
        let mut keys: Vec<_> = row.as_object().unwrap().keys().cloned().collect();
        keys.retain(|k| !expected.contains_key(k));
        keys.sort();
        if article.is_article {
            assert_eq!(
                keys,
                [
                    "cluster_id",
                    "cluster_size",
                    "entities",
                    "events",
                    "focus",
                    "id",
                    "places",
                    "provenance",
                    "quantities"
                ]
            );
            assert_eq!(row["places"][0]["geonames_id"], 163843);
        } else {
            // Not enriched: no empty lists that would claim nothing was found.
            assert_eq!(keys, ["cluster_id", "cluster_size", "id", "provenance"]);
        }
        assert_eq!(row["provenance"], serde_json::to_value(provenance).unwrap());
    }
}

#[test]
fn store_fields_and_provenance_are_readable_as_the_cli_tests_read_them() {
    let out = export(ExportFormat::Jsonl, &[full()]);
    let row = &rows(&out)[0];
    assert_eq!(row["id"], 1);
    assert_eq!(row["cluster_id"], 101);
    assert_eq!(row["cluster_size"], 1);
    assert_eq!(row["title"], "Русские в Ракке, «тест» \"quoted\"");
    assert_eq!(row["published"], "2019-12-09T17:34:00+02:00");
    assert_eq!(
        row["body"][1],
        json!({"kind": "list_item", "text": "Ünïcödé – 東京"})
    );
    assert_eq!(row["provenance"][1]["locator"], ":2");
    assert!(row["provenance"][1].get("url").is_none());
}

#[test]
fn an_empty_export_is_empty() {
    assert!(export(ExportFormat::Jsonl, &[]).is_empty());
}
