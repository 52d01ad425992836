//! `dateline annotate`: places in clean text, as JSON.

use super::{dateline, dateline_with_stdin, examples, json_lines};

fn annotate_stdin(text: &str, args: &[&str]) -> serde_json::Value {
    let args: Vec<&str> = std::iter::once("annotate")
        .chain(args.iter().copied())
        .collect();
    let out = dateline_with_stdin(&args, text);
    assert_eq!(out.status.code(), Some(0));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_seed_yields_its_expected_places() {
    let seed = examples().join("jpost-raqqa-2019-12-09.txt");
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            examples().join("../../crates/dateline-extract/tests/fixtures/seed/jpost-raqqa-2019-12-09.expected.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let out = dateline(&["annotate", seed.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let annotated: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let places = annotated["places"].as_array().unwrap();
    let text = std::fs::read_to_string(&seed).unwrap();
    let chars: Vec<char> = text.chars().collect();
    for place in places {
        let (start, end) = (
            place["start"].as_u64().unwrap(),
            place["end"].as_u64().unwrap(),
        );
        let surface: String = chars[start as usize..end as usize].iter().collect();
        assert_eq!(surface, place["surface"], "offsets in characters");
    }
    for want in expected["places_expected"].as_array().unwrap() {
        let (name, country) = (want["name"].as_str().unwrap(), &want["country"]);
        assert!(
            places
                .iter()
                .any(|p| p["country_code"] == *country
                    && (p["surface"] == name || p["name"] == name)),
            "{name} ({country}) not among {:?}",
            places
                .iter()
                .map(|p| (&p["surface"], &p["country_code"]))
                .collect::<Vec<_>>()
        );
    }
    assert_eq!(annotated["focus"][0]["country_code"], "SY");
    assert_eq!(annotated["language"], "en");
    let entities = annotated["entities"].as_array().unwrap();
    for (field, kind) in [
        ("organizations_expected", "organization"),
        ("people_expected", "person"),
    ] {
        for want in expected[field].as_array().unwrap() {
            assert!(
                entities
                    .iter()
                    .any(|e| e["name"] == *want && e["kind"] == kind),
                "{want} ({kind}) not among {:?}",
                entities
                    .iter()
                    .map(|e| (&e["name"], &e["kind"]))
                    .collect::<Vec<_>>()
            );
        }
    }
    // Short forms name the full form: "SDF" is the Syrian Democratic Forces.
    assert!(entities
        .iter()
        .any(|e| e["surface"] == "SDF" && e["name"] == "Syrian Democratic Forces"));
    let quantities = annotated["quantities"].as_array().unwrap();
    for want in expected["quantities_expected"].as_array().unwrap() {
        assert!(
            quantities
                .iter()
                .any(|q| q["value"].as_f64() == want["value"].as_f64()
                    && q["unit"] == want["unit"]
                    && q["qualifier"] == want.get("qualifier").cloned().unwrap_or_default()),
            "{want} not among {quantities:?}"
        );
    }
}

#[test]
fn common_name_traps_resolve_right() {
    let oklahoma = annotate_stdin("Tornadoes hit Oklahoma overnight.", &[]);
    assert_eq!(oklahoma["places"][0]["kind"], "admin1");
    assert_eq!(oklahoma["places"][0]["country_code"], "US");
    let africa = annotate_stdin("Aid for Africa arrived.", &[]);
    assert_eq!(africa["places"][0]["kind"], "continent");
    let european = annotate_stdin("The European Commission met on Friday in March.", &[]);
    assert_eq!(european["places"], serde_json::json!([]));
}

#[test]
fn country_bias_and_demonyms_are_options() {
    let text = "The council of Paris voted. Syrian troops left.";
    let plain = annotate_stdin(text, &[]);
    assert_eq!(plain["places"][0]["country_code"], "FR");
    assert_eq!(plain["places"][1]["mention"], "demonym");
    let local = annotate_stdin(text, &["--country", "us", "--no-demonyms"]);
    assert_eq!(local["places"][0]["country_code"], "US");
    assert_eq!(local["places"].as_array().unwrap().len(), 1);
    let bad = dateline(&["annotate", "--country", "USA", "-"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn folders_give_one_line_per_file_and_bad_paths_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a"), "Flooding in Dhaka.").unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        [0xff, 0xfe, b' ', b'L', b'i', b'm', b'a'],
    )
    .unwrap();
    let missing = dir.path().join("missing");
    let out = dateline(&[
        "annotate",
        dir.path().to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "a missing path is a failure");
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["places"][0]["country_code"], "BD");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not UTF-8"), "{stderr}");
    assert!(stderr.contains("missing"), "{stderr}");
}

#[test]
fn extract_enrich_adds_fields_with_offsets_into_text() {
    let seed = examples().join("jpost-raqqa-2019-12-09.txt");
    let out = dateline(&["extract", "--enrich", seed.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let article: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text: Vec<char> = article["text"].as_str().unwrap().chars().collect();
    for place in article["places"].as_array().unwrap() {
        let (start, end) = (
            place["start"].as_u64().unwrap(),
            place["end"].as_u64().unwrap(),
        );
        let surface: String = text[start as usize..end as usize].iter().collect();
        assert_eq!(surface, place["surface"]);
    }
    assert_eq!(article["focus"][0]["country_code"], "SY");
    assert_eq!(
        article["language"], "en",
        "detected: the dump declares none"
    );
    assert!(!article["quantities"].as_array().unwrap().is_empty());
    // Without the flag the contract is unchanged, and text formats refuse it.
    let plain: serde_json::Value =
        serde_json::from_slice(&dateline(&["extract", seed.to_str().unwrap()]).stdout).unwrap();
    assert!(plain.get("places").is_none());
    let text_format = dateline(&["extract", "--enrich", "-f", "text", seed.to_str().unwrap()]);
    assert_eq!(text_format.status.code(), Some(2));
}
