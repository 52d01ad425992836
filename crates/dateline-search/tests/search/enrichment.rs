//! Filters and facets on what enrichment found: places, countries, people
//! and organisations.

use dateline_model::{Article, Enrichment, Entity, PlaceMention};
use dateline_search::{IndexDoc, Query, SearchIndex};
use tempfile::TempDir;

fn place(name: &str, surface: &str, id: u32, country: &str, mention: &str) -> PlaceMention {
    PlaceMention {
        name: name.into(),
        surface: surface.into(),
        start: 0,
        end: surface.chars().count(),
        geonames_id: id,
        lat: 0.0,
        lon: 0.0,
        country_code: country.into(),
        feature_class: 'P',
        kind: "city".into(),
        mention: mention.into(),
        confidence: 1.0,
    }
}

fn entity(name: &str, kind: &str, surface: &str) -> Entity {
    Entity {
        name: name.into(),
        kind: kind.into(),
        surface: surface.into(),
        start: 0,
        end: surface.chars().count(),
    }
}

/// Three enriched articles and one that was not enriched.
fn enriched_corpus() -> (TempDir, SearchIndex) {
    let docs = [
        Enrichment {
            places: vec![
                place("Ar Raqqah", "Raqqa", 163843, "SY", "name"),
                place("Tall Abyad", "Tel-Abyad", 163915, "SY", "name"),
                place("Syria", "Syrian", 163843 + 1, "SY", "demonym"),
            ],
            entities: vec![
                entity("Seth J. Frantzman", "person", "Seth J. Frantzman"),
                entity("Seth J. Frantzman", "person", "Frantzman"),
                entity("Syrian Democratic Forces", "organization", "SDF"),
            ],
            ..Enrichment::default()
        },
        Enrichment {
            places: vec![
                place("Ar Raqqah", "Ar-Raqqa", 163843, "SY", "name"),
                place("Baghdad", "Baghdad", 98182, "IQ", "name"),
            ],
            entities: vec![entity("Reuters", "organization", "Reuters")],
            ..Enrichment::default()
        },
        Enrichment {
            places: vec![place("Baghdad", "Baghdad", 98182, "IQ", "name")],
            ..Enrichment::default()
        },
    ];
    let dir = tempfile::tempdir().unwrap();
    let index = SearchIndex::open_or_create(dir.path()).unwrap();
    let mut writer = index.writer().unwrap();
    for (i, enrichment) in docs.iter().map(Some).chain([None]).enumerate() {
        let article = Article {
            title: Some(format!("Story {i}")),
            text: "Text.".into(),
            ..Article::default()
        };
        writer
            .add(&IndexDoc {
                id: i as u64 + 1,
                article: &article,
                cluster_size: 1,
                enrichment,
            })
            .unwrap();
    }
    writer.commit(4).unwrap();
    index.reload().unwrap();
    (dir, index)
}

fn ids(index: &SearchIndex, text: &str) -> Vec<u64> {
    let mut query = Query::new(text);
    query.limit = 10;
    let mut ids: Vec<u64> = index
        .search(&query)
        .unwrap()
        .hits
        .iter()
        .map(|h| h.id)
        .collect();
    ids.sort_unstable();
    ids
}

#[test]
fn places_match_by_id_gazetteer_name_or_the_texts_words_whole() {
    let (_dir, index) = enriched_corpus();
    assert_eq!(ids(&index, "place:163843"), [1, 2]);
    assert_eq!(ids(&index, "place:\"Ar Raqqah\""), [1, 2]);
    assert_eq!(ids(&index, "place:raqqa"), [1]);
    assert_eq!(ids(&index, "place:ar-raqqa"), [2]);
    assert_eq!(ids(&index, "place:\"tel abyad\""), [1]);
    assert_eq!(ids(&index, "place:\"TALL ABYAD\""), [1]);
    // Whole names only, and a demonym is not a name of its place.
    assert!(ids(&index, "place:abyad").is_empty());
    assert!(ids(&index, "place:syrian").is_empty());
    assert_eq!(ids(&index, "place:baghdad -place:raqqa"), [2, 3]);
}

#[test]
fn countries_people_and_organisations_filter() {
    let (_dir, index) = enriched_corpus();
    assert_eq!(ids(&index, "country:SY"), [1, 2]);
    assert_eq!(ids(&index, "country:iq"), [2, 3]);
    assert_eq!(ids(&index, "person:frantzman"), [1]);
    assert_eq!(ids(&index, "person:\"Seth J. Frantzman\""), [1]);
    assert_eq!(ids(&index, "org:SDF"), [1]);
    assert_eq!(
        ids(&index, "org:\"syrian democratic forces\" OR org:reuters"),
        [1, 2]
    );
    assert!(ids(&index, "person:reuters").is_empty());
}

#[test]
fn facets_count_each_value_once_per_article() {
    let (_dir, index) = enriched_corpus();
    let mut query = Query::new("");
    query.facets = true;
    let facets = index.search(&query).unwrap().facets.unwrap();
    let pairs = |values: &[dateline_search::FacetCount]| -> Vec<(String, u64)> {
        values.iter().map(|f| (f.value.clone(), f.count)).collect()
    };
    assert_eq!(
        pairs(&facets.places),
        [
            ("163843".to_string(), 2),
            ("98182".to_string(), 2),
            ("163844".to_string(), 1),
            ("163915".to_string(), 1),
        ]
    );
    assert_eq!(
        pairs(&facets.countries),
        [("IQ".to_string(), 2), ("SY".to_string(), 2)]
    );
    assert_eq!(
        pairs(&facets.people),
        [("Seth J. Frantzman".to_string(), 1)]
    );
    assert_eq!(
        pairs(&facets.organizations),
        [
            ("Reuters".to_string(), 1),
            ("Syrian Democratic Forces".to_string(), 1)
        ]
    );
}
