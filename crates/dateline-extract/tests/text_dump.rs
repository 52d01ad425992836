//! The seed text dump, checked field by field against its expected output.

use dateline_extract::text::extract_dump;
use dateline_model::BlockKind;
use serde_json::Value;

const DUMP: &str = include_str!("fixtures/seed/jpost-raqqa-2019-12-09.txt");
const EXPECTED: &str = include_str!("fixtures/seed/jpost-raqqa-2019-12-09.expected.json");

fn expected() -> Value {
    serde_json::from_str(EXPECTED).unwrap()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn seed_metadata() {
    let want = expected();
    let a = extract_dump(DUMP, None, None);
    assert!(a.is_article, "{:?}", a.reason);
    assert_eq!(a.title.as_deref(), want["title"].as_str());
    assert_eq!(a.description.as_deref(), want["description"].as_str());
    assert_eq!(a.site_name.as_deref(), want["site_name"].as_str());
    assert_eq!(a.tags, strings(&want["tags"]));
}

#[test]
fn seed_authors_and_published() {
    // Byline and dateline, through the shared `byline` and `dates` parsers.
    let want = expected();
    let a = extract_dump(DUMP, None, None);
    assert_eq!(a.authors, strings(&want["authors"]));
    assert_eq!(
        a.published.map(|t| t.to_string()).as_deref(),
        want["published"].as_str()
    );
}

#[test]
fn seed_image_caption_and_credit() {
    let want = expected();
    let a = extract_dump(DUMP, None, None);
    assert_eq!(
        a.images.len(),
        1,
        "the duplicated credit line adds no image: {:?}",
        a.images
    );
    assert_eq!(
        a.images[0].caption.as_deref(),
        want["images"][0]["caption"].as_str()
    );
    assert_eq!(
        a.images[0].credit.as_deref(),
        want["images"][0]["credit"].as_str()
    );
}

#[test]
fn seed_body_and_boilerplate() {
    let want = expected();
    let a = extract_dump(DUMP, None, None);
    let body: Vec<String> = a.body.iter().map(|b| b.text.clone()).collect();
    assert_eq!(body, strings(&want["body"]));
    assert!(a.body.iter().all(|b| b.kind == BlockKind::Paragraph));
    for junk in strings(&want["boilerplate_must_be_absent"]) {
        assert!(!a.text.contains(&junk), "boilerplate {junk:?} in text");
    }
    assert_eq!(a.text, body.join("\n\n"));
}

#[test]
fn seed_header_date_is_a_fallback() {
    // Without the dateline, the corpus header still dates the page (date only).
    let dump = DUMP.replace("DECEMBER 9, 2019 17:34\n", "");
    let a = extract_dump(&dump, None, None);
    assert_eq!(
        a.published.map(|t| t.to_string()).as_deref(),
        Some("2019-12-09")
    );
}
