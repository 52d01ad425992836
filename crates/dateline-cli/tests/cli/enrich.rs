//! Enrichment in the store: `ingest` enriches by default, `--no-enrich`
//! does not, `dateline enrich` redoes a store; the place, country, person
//! and organisation filters find what was found.

use super::store::{json, ok, stats};
use super::{dateline, examples};

fn search_total(store: &str, query: &str) -> u64 {
    let found = json(ok(&dateline(&[
        "search", "--store", store, "--json", query,
    ])));
    found["total"].as_u64().unwrap()
}

/// The bundled examples ingested with `flags` into a new store: its
/// directory (kept alive) and path.
fn ingested_examples(flags: &[&str]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store").to_str().unwrap().to_string();
    let examples = examples();
    let mut args = vec!["ingest", "--store", &store, "-q"];
    args.extend_from_slice(flags);
    args.push(examples.to_str().unwrap());
    ok(&dateline(&args));
    (dir, store)
}

#[test]
fn ingest_enriches_and_the_store_finds_places_and_entities() {
    let (_dir, store) = ingested_examples(&[]);
    let store = store.as_str();
    let counts = stats(store);
    assert_eq!(counts["enriched"], 4, "{counts}");
    assert!(counts["places"].as_u64().unwrap() >= 5, "{counts}");

    let found = json(ok(&dateline(&[
        "search",
        "--store",
        store,
        "--json",
        "place:raqqa country:SY org:SDF",
    ])));
    assert_eq!(found["total"], 1, "{found}");
    assert!(found["hits"][0]["title"]
        .as_str()
        .unwrap()
        .contains("Raqqa"));
    assert_eq!(search_total(store, "person:weizsacker"), 1);
    assert_eq!(search_total(store, "person:\"Donald Trump\""), 1);
    assert_eq!(search_total(store, "place:raqqa -country:sy"), 0);

    let id = found["hits"][0]["id"].as_u64().unwrap().to_string();
    let shown = json(ok(&dateline(&["show", "--store", store, "--json", &id])));
    let text: Vec<char> = shown["text"].as_str().unwrap().chars().collect();
    let surfaces: Vec<String> = shown["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let (start, end) = (p["start"].as_u64().unwrap(), p["end"].as_u64().unwrap());
            text[start as usize..end as usize].iter().collect()
        })
        .collect();
    assert!(surfaces.iter().any(|s| s == "Raqqa"), "{surfaces:?}");
    assert!(shown["entities"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["surface"] == "SDF" && e["name"] == "Syrian Democratic Forces"));

    let export = ok(&dateline(&[
        "export", "--store", store, "--format", "jsonl",
    ]))
    .clone();
    let first: serde_json::Value = serde_json::from_str(
        String::from_utf8_lossy(&export.stdout)
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert!(first["places"].is_array(), "export carries the enrichment");
}

#[test]
fn a_store_ingested_without_enrichment_is_enriched_later() {
    let (_dir, store) = ingested_examples(&["--no-enrich"]);
    let store = store.as_str();
    assert_eq!(stats(store)["enriched"], 0);
    assert_eq!(search_total(store, "place:raqqa"), 0);

    let out = ok(&dateline(&["enrich", "--store", store])).clone();
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("enriched 4 articles"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stats(store)["enriched"], 4);
    assert_eq!(search_total(store, "place:raqqa"), 1);

    let bad = dateline(&["enrich", "--store", store, "--country", "USA"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("two-letter"));
}
