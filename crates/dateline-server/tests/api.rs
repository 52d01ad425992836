//! The HTTP API end to end (in process): every documented route against
//! the OpenAPI document, filters and paging, limits, assets and headers.

use std::collections::BTreeSet;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use dateline_dedup::MinHasher;
use dateline_model::{
    Article, Block, BlockKind, Event, EventActor, Image, Provenance, Span, Surface, Timestamp,
};
use dateline_server::{api_paths, router, StorePool, MAX_BODY_BYTES, MAX_URI_BYTES, OPENAPI};
use dateline_store::{Fingerprint, NewRecord, Store};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

struct Fixture {
    _dir: tempfile::TempDir,
    app: Router,
    /// Ids in the order of [`articles`].
    ids: Vec<i64>,
}

fn article(
    title: &str,
    url: &str,
    site: &str,
    lang: &str,
    day: (u16, u8, u8),
    body: &str,
) -> Article {
    let mut article = Article {
        title: Some(title.into()),
        description: Some(format!("Standfirst of {title}")),
        url: Some(url.into()),
        site_name: Some(site.into()),
        language: Some(lang.into()),
        authors: vec!["Seth J. Frantzman".into()],
        tags: vec!["Syria".into(), "Russia".into()],
        published: Timestamp::date(day.0, day.1, day.2),
        images: vec![Image {
            url: Some("https://images.example.org/raqqa.jpg".into()),
            caption: Some("A convoy near Raqqa".into()),
            credit: Some("Reuters".into()),
        }],
        is_article: true,
        ..Article::default()
    };
    for paragraph in body.split("\n\n") {
        article
            .body
            .push(Block::new(BlockKind::Paragraph, paragraph));
    }
    article.finish_text();
    article
}

/// Five stories, one of them in two copies (a near duplicate).
fn articles() -> Vec<Article> {
    let raqqa = "Russian forces entered the northern Syrian city of Raqqa on Monday, \
        the first time they have been seen there since the war began.\n\n\
        The Syrian Democratic Forces control the city. More than 200,000 people fled \
        the fighting near Tel Abyad after Turkey attacked in October.";
    vec![
        article(
            "Russian forces enter Raqqa",
            "https://www.jpost.com/middle-east/russian-forces-enter-raqqa-610527",
            "The Jerusalem Post",
            "en",
            (2019, 12, 9),
            raqqa,
        ),
        article(
            "Russian forces enter Raqqa for the first time",
            "https://syndication.example.com/world/russians-raqqa",
            "Example Wire",
            "en",
            (2019, 12, 10),
            &raqqa.replace("on Monday", "on Monday morning"),
        ),
        article(
            "Asian markets slip as trade talks stall",
            "https://edition.cnn.com/2019/11/18/investing/asian-markets",
            "CNN",
            "en",
            (2019, 11, 18),
            "Asian markets slipped on Monday as investors waited for news of the \
             trade talks between Washington and Beijing.\n\nThe Nikkei fell.",
        ),
        article(
            "Google Stadia launches",
            "https://www.wsj.com/articles/google-stadia-launch",
            "The Wall Street Journal",
            "en",
            (2019, 11, 19),
            "Google's cloud gaming service Stadia launched on Tuesday in fourteen \
             countries, streaming games to phones and televisions.",
        ),
        article(
            "Weizsäcker erstochen",
            "https://www.example.de/politik/weizsaecker",
            "Beispiel Zeitung",
            "de",
            (2019, 11, 20),
            "Fritz von Weizsäcker wurde in Berlin bei einem Vortrag erstochen. \
             Die Polizei nahm einen Mann fest.",
        ),
    ]
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let records: Vec<NewRecord> = articles()
        .into_iter()
        .enumerate()
        .map(|(i, mut article)| {
            // Events off: the one event below is the fixture's, whatever the
            // coder of this build finds.
            let options = dateline_enrich::PlaceOptions {
                events: dateline_enrich::Events::Skip,
                ..Default::default()
            };
            let mut enrichment = dateline_enrich::enrich_article(&mut article, &options);
            if i == 0 {
                // A coded event, as enrichment stores it.
                enrichment.events.push(turkey_attacked(&article.text));
            }
            NewRecord::Article {
                provenance: Provenance {
                    input: "pages.warc.gz".into(),
                    locator: format!("<urn:uuid:{i}>"),
                    url: article.url.clone(),
                    fetched: Some("2019-12-10T00:00:00Z".into()),
                },
                fingerprint: Box::new(Fingerprint::of(&article, &MinHasher)),
                article: Box::new(article),
                enrichment: Some(Box::new(enrichment)),
            }
        })
        .collect();
    let ids = {
        let mut store = Store::open(dir.path()).unwrap();
        let mut writer = store.writer().unwrap();
        let outcome = writer.add_batch(&records).unwrap();
        writer.finish().unwrap();
        outcome
            .outcomes
            .iter()
            .map(|outcome| match outcome {
                dateline_store::Outcome::Stored { id }
                | dateline_store::Outcome::NearDuplicate { id, .. } => *id,
                other => panic!("unexpected outcome {other:?}"),
            })
            .collect()
    };
    let pool = Arc::new(StorePool::open(dir.path()).unwrap());
    Fixture {
        app: router(pool),
        _dir: dir,
        ids,
    }
}

/// "Turkey attacked" in `text`, coded as an ASSAULT by Turkey on Syria's
/// rebels.
fn turkey_attacked(text: &str) -> Event {
    let chars = |byte: usize| text[..byte].chars().count();
    let at = text.find("Turkey attacked").expect("the Raqqa text");
    let sentence_start = text[..at].rfind(". ").map_or(0, |i| i + 2);
    let sentence_end = text[at..].find('.').map_or(text.len(), |i| at + i + 1);
    Event {
        sentence: Span {
            start: chars(sentence_start),
            end: chars(sentence_end),
        },
        source: Some(EventActor {
            code: "TUR".into(),
            country: Some("TUR".into()),
            sector: None,
            name: "Turkey".into(),
            surface: "Turkey".into(),
            start: chars(at),
            end: chars(at + "Turkey".len()),
        }),
        target: Some(EventActor {
            code: "SYRREB".into(),
            country: Some("SYR".into()),
            sector: Some("REB".into()),
            name: "Syrian Democratic Forces".into(),
            surface: "Syrian Democratic Forces".into(),
            start: chars(text.find("Syrian Democratic Forces").unwrap()),
            end: chars(text.find("Syrian Democratic Forces").unwrap() + 24),
        }),
        cameo: "190".into(),
        plover: "ASSAULT".into(),
        verb: Surface {
            surface: "attacked".into(),
            start: chars(at + "Turkey ".len()),
            end: chars(at + "Turkey attacked".len()),
        },
        location: None,
        date: Some("2019-12-09".into()),
        mode: "asserted".into(),
        confidence: 0.8,
    }
}

async fn get(app: &Router, uri: &str) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let response = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, headers, body.to_vec())
}

async fn get_json(app: &Router, uri: &str) -> (StatusCode, Value) {
    let (status, headers, body) = get(app, uri).await;
    assert_eq!(
        headers[header::CONTENT_TYPE],
        "application/json",
        "{uri} answers JSON"
    );
    (status, serde_json::from_slice(&body).unwrap())
}

/// The OpenAPI document with its component schemas as JSON Schema `$defs`,
/// so that a validator resolves the references.
fn schema_for(openapi: &Value, operation: &Value, status: &str) -> Value {
    let schema = &operation["responses"][status]["content"]["application/json"]["schema"];
    assert!(!schema.is_null(), "no {status} schema in {operation}");
    let text = serde_json::json!({
        "$defs": openapi["components"]["schemas"],
        "allOf": [schema],
    })
    .to_string()
    .replace("#/components/schemas/", "#/$defs/");
    serde_json::from_str(&text).unwrap()
}

fn assert_valid(schema: &Value, instance: &Value, what: &str) {
    let validator = jsonschema::validator_for(schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}\n{instance:#}");
}

/// A request for `path` built from the documented parameters' examples.
fn example_uri(path: &str, operation: &Value, id: i64) -> String {
    let mut uri = path.replace("{id}", &id.to_string());
    let query: Vec<String> = operation["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["in"] == "query")
        .map(|p| {
            let example = match &p["example"] {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            format!("{}={}", p["name"].as_str().unwrap(), example)
        })
        .collect();
    if !query.is_empty() {
        uri.push('?');
        uri.push_str(&query.join("&"));
    }
    uri
}

#[tokio::test]
async fn the_openapi_document_lists_every_route_and_every_answer_matches_it() {
    let fixture = fixture();
    let openapi: Value = serde_json::from_str(OPENAPI).unwrap();
    let documented: BTreeSet<&str> = openapi["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let served: BTreeSet<&str> = api_paths().collect();
    assert_eq!(documented, served, "documented paths = served API paths");

    let (status, served_doc) = get_json(&fixture.app, "/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(served_doc, openapi);

    let (_, search) = get_json(&fixture.app, "/api/search?q=raqqa&facets=true").await;
    let place_id = search["places"][0]["geonames_id"]
        .as_i64()
        .expect("a place");
    for (path, item) in openapi["paths"].as_object().unwrap() {
        let operation = &item["get"];
        let id = if path.starts_with("/api/places/") {
            place_id
        } else {
            fixture.ids[0]
        };
        let uri = example_uri(path, operation, id);
        let (status, body) = get_json(&fixture.app, &uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {body}");
        assert_valid(&schema_for(&openapi, operation, "200"), &body, &uri);
    }

    // The documented errors have the documented shape.
    let search = &openapi["paths"]["/api/search"]["get"];
    let article = &openapi["paths"]["/api/articles/{id}"]["get"];
    let place = &openapi["paths"]["/api/places/{id}"]["get"];
    for (uri, operation, status) in [
        ("/api/search?limit=1000", search, StatusCode::BAD_REQUEST),
        (
            "/api/search?from=yesterday",
            search,
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/search?histogram=decade",
            search,
            StatusCode::BAD_REQUEST,
        ),
        ("/api/search?facets=maybe", search, StatusCode::BAD_REQUEST),
        ("/api/articles/abc", article, StatusCode::BAD_REQUEST),
        ("/api/articles/0", article, StatusCode::BAD_REQUEST),
        ("/api/articles/999999", article, StatusCode::NOT_FOUND),
        ("/api/places/raqqa", place, StatusCode::BAD_REQUEST),
        ("/api/places/1", place, StatusCode::NOT_FOUND),
    ] {
        let (got, body) = get_json(&fixture.app, uri).await;
        assert_eq!(got, status, "{uri}: {body}");
        let schema = schema_for(&openapi, operation, status.as_str());
        assert_valid(&schema, &body, uri);
    }
}

#[tokio::test]
async fn search_filters_pages_and_counts() {
    let fixture = fixture();
    let app = &fixture.app;

    // The two Raqqa copies are one story: one hit, two copies.
    let (_, body) = get_json(app, "/api/search?q=raqqa").await;
    assert_eq!(body["total"], 1, "{body}");
    assert_eq!(body["hits"][0]["cluster_size"], 2);
    let snippet = body["hits"][0]["snippet"].as_str().unwrap();
    let [start, end] = [0, 1].map(|i| body["hits"][0]["highlights"][0][i].as_u64().unwrap());
    let marked: String = snippet
        .chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect();
    assert_eq!(marked.to_lowercase(), "raqqa");

    // No words: every story, newest first, paged.
    let (_, body) = get_json(app, "/api/search?limit=2").await;
    assert_eq!(body["total"], 4);
    assert_eq!(body["limit"], 2);
    assert_eq!(body["hits"].as_array().unwrap().len(), 2);
    let (_, next) = get_json(app, "/api/search?limit=2&offset=2").await;
    assert_eq!(next["offset"], 2);
    let first_page: Vec<&Value> = body["hits"].as_array().unwrap().iter().collect();
    for hit in next["hits"].as_array().unwrap() {
        assert!(!first_page.iter().any(|h| h["id"] == hit["id"]));
    }

    // Filters: site, dates, language.
    let (_, body) = get_json(app, "/api/search?q=site:cnn.com").await;
    assert_eq!(body["total"], 1);
    let (_, body) = get_json(app, "/api/search?from=2019-11-19&to=2019-11-20").await;
    assert_eq!(body["total"], 2);
    let (_, body) = get_json(app, "/api/search?lang=de").await;
    assert_eq!(body["total"], 1);
    assert_eq!(body["hits"][0]["title"], "Weizsäcker erstochen");
    let (_, body) = get_json(app, "/api/search?q=&from=&to=&lang=").await;
    assert_eq!(body["total"], 4, "empty parameters are absent");

    // Facets and a histogram over all matches, not only the page.
    let (_, body) = get_json(app, "/api/search?limit=1&facets=true&histogram=month").await;
    let months = &body["facets"]["months"];
    assert_eq!(months.as_array().unwrap().len(), 2, "{months}");
    assert_eq!(body["histogram"]["interval"], "month");
    let buckets = body["histogram"]["buckets"].as_array().unwrap();
    let counted: u64 = buckets.iter().map(|b| b["count"].as_u64().unwrap()).sum();
    assert_eq!(counted, 4);
    let (_, histogram) = get_json(app, "/api/histogram?q=&interval=day").await;
    assert_eq!(histogram["interval"], "day");
    assert_eq!(histogram["buckets"][0]["key"], "2019-11-18");
}

#[tokio::test]
async fn an_article_comes_with_its_provenance_and_duplicates() {
    let fixture = fixture();
    let uri = format!("/api/articles/{}", fixture.ids[0]);
    let (status, body) = get_json(&fixture.app, &uri).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["title"], "Russian forces enter Raqqa");
    assert_eq!(body["cluster_size"], 2);
    assert_eq!(body["images"][0]["credit"], "Reuters");
    assert_eq!(body["provenance"][0]["input"], "pages.warc.gz");
    assert_eq!(body["duplicates"][0]["id"], fixture.ids[1]);

    let (_, stats) = get_json(&fixture.app, "/api/stats").await;
    assert_eq!(stats["articles"], 5);
    assert_eq!(stats["clusters"], 4);
    assert_eq!(stats["duplicates"], 1);
}

#[tokio::test]
async fn oversized_requests_are_refused() {
    let fixture = fixture();
    let app = &fixture.app;
    let long = "a".repeat(MAX_URI_BYTES);
    let (status, _, _) = get(app, &format!("/api/search?q={long}")).await;
    assert_eq!(status, StatusCode::URI_TOO_LONG);

    let words = "raqqa ".repeat(200);
    let (status, body) = get_json(app, &format!("/api/search?q={}", words.replace(' ', "+"))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["error"].as_str().unwrap().contains("longer than"));

    let (status, _) = get_json(app, "/api/search?offset=20000").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    let big = vec![b'x'; MAX_BODY_BYTES + 1];
    let response = app
        .clone()
        .oneshot(
            Request::get("/api/search?q=raqqa")
                .header(header::CONTENT_LENGTH, big.len())
                .body(Body::from(big))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn the_ui_is_embedded_and_asset_names_never_reach_the_file_system() {
    let fixture = fixture();
    let app = &fixture.app;
    for uri in ["/", "/article/1", "/?q=raqqa"] {
        let (status, headers, body) = get(app, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert!(String::from_utf8(body).unwrap().contains("/assets/app.js"));
    }
    let (status, headers, _) = get(app, "/assets/app.js").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));

    for uri in [
        "/assets/../Cargo.toml",
        "/assets/..%2FCargo.toml",
        "/assets/%2e%2e%2f%2e%2e%2fCargo.toml",
        "/assets/..%5c..%5cCargo.toml",
        "/assets//etc/passwd",
        "/assets/%2Fetc%2Fpasswd",
        "/../../etc/passwd",
        "/src/lib.rs",
        "/api/nothing",
    ] {
        let (status, _, body) = get(app, uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        let text = String::from_utf8_lossy(&body);
        assert!(
            !text.contains("[package]") && !text.contains("root:"),
            "{uri}: {text}"
        );
    }
}

#[tokio::test]
async fn a_real_listener_serves_until_shutdown() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let fixture = fixture();
    let pool = Arc::new(StorePool::open(fixture._dir.path()).unwrap());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(dateline_server::serve(listener, pool, async {
        stopped.await.ok();
    }));

    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(b"GET /api/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"clusters\":4"), "{answer}");

    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}

#[tokio::test]
async fn searches_see_articles_ingested_while_serving() {
    let fixture = fixture();
    let (_, before) = get_json(&fixture.app, "/api/search?q=stadia").await;
    assert_eq!(before["total"], 1);

    let extra = article(
        "Stadia reviews are in",
        "https://www.example.net/stadia-reviews",
        "Example Games",
        "en",
        (2019, 11, 21),
        "Reviewers found Stadia smooth on fast connections and fiddly on slow ones, \
         with a small catalogue of games at launch.",
    );
    {
        let mut store = Store::open(fixture._dir.path()).unwrap();
        let mut writer = store.writer().unwrap();
        writer
            .add_batch(&[NewRecord::Article {
                provenance: Provenance {
                    input: "more.jsonl".into(),
                    locator: ":1".into(),
                    url: extra.url.clone(),
                    fetched: None,
                },
                fingerprint: Box::new(Fingerprint::of(&extra, &MinHasher)),
                article: Box::new(extra),
                enrichment: None,
            }])
            .unwrap();
        writer.finish().unwrap();
    }
    tokio::time::sleep(dateline_server::REFRESH_INTERVAL).await;
    let (_, after) = get_json(&fixture.app, "/api/search?q=stadia").await;
    assert_eq!(after["total"], 2, "{after}");
}

#[tokio::test]
async fn places_and_entities_filter_facet_map_and_come_with_articles() {
    let fixture = fixture();
    let (_, body) = get_json(&fixture.app, "/api/search?facets=true").await;
    let raqqa = body["places"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Ar Raqqah")
        .unwrap_or_else(|| panic!("Raqqa on the map: {body:#}"));
    assert_eq!(raqqa["country_code"], "SY");
    // Two copies of one story: counted once, as the hits are.
    assert_eq!(raqqa["count"], 1);
    let id = raqqa["geonames_id"].as_i64().unwrap();
    assert!(body["facets"]["countries"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["value"] == "SY"));
    assert!(body["facets"]["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["value"] == "Syrian Democratic Forces"));

    for query in [
        format!("place:{id}"),
        "place:raqqa".into(),
        "country:sy".into(),
        "org:%22syrian%20democratic%20forces%22".into(),
    ] {
        let (status, found) = get_json(&fixture.app, &format!("/api/search?q={query}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(found["total"], 1, "{query}: {found}");
        assert_eq!(found["hits"][0]["id"], fixture.ids[0], "{query}");
    }
    let (_, none) = get_json(&fixture.app, "/api/search?q=place:beijing%20country:sy").await;
    assert_eq!(none["total"], 0);

    let (status, place) = get_json(&fixture.app, &format!("/api/places/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(place["name"], "Ar Raqqah");
    // Both texts of the story name it.
    assert_eq!(place["articles"], 2);

    let (_, article) = get_json(&fixture.app, &format!("/api/articles/{}", fixture.ids[0])).await;
    let text: Vec<char> = article["text"].as_str().unwrap().chars().collect();
    let mention = article["places"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["geonames_id"] == id)
        .unwrap();
    let (start, end) = (
        mention["start"].as_u64().unwrap() as usize,
        mention["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(text[start..end].iter().collect::<String>(), "Raqqa");
    assert!(article["quantities"]
        .as_array()
        .unwrap()
        .iter()
        .any(|q| q["value"] == 200000.0 && q["qualifier"] == "more than"));

    let (status, _, page) = get(&fixture.app, &format!("/place/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(String::from_utf8_lossy(&page).contains("<html"));
}

#[tokio::test]
async fn events_are_filters_facets_and_a_route() {
    let fixture = fixture();
    let app = &fixture.app;

    // The filters: the Raqqa story reports Turkey's assault on Syrians.
    for q in [
        "event:ASSAULT",
        "event:19",
        "event:190",
        "actor:TUR",
        "target:syr",
        "event:any",
    ] {
        let (_, body) = get_json(app, &format!("/api/search?q={q}")).await;
        assert_eq!(body["total"], 1, "{q}: {body}");
        assert!(body["hits"][0]["title"].as_str().unwrap().contains("Raqqa"));
    }
    for q in [
        "actor:SYR",
        "target:TUR",
        "event:PROTEST",
        "raqqa%20-event:any",
    ] {
        let (_, body) = get_json(app, &format!("/api/search?q={q}")).await;
        assert_eq!(body["total"], 0, "{q}: {body}");
    }
    let (_, body) = get_json(app, "/api/search?facets=true").await;
    let categories = body["facets"]["events"].as_array().unwrap();
    assert!(
        categories
            .iter()
            .any(|c| c["value"] == "ASSAULT" && c["count"] == 1),
        "{categories:?}"
    );

    // The route: the events of the matching articles, their categories and
    // a timeline per category.
    let (status, body) = get_json(app, "/api/events?q=raqqa&interval=day").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["articles"], 1);
    let events = body["events"].as_array().unwrap();
    let assault = events
        .iter()
        .find(|e| e["plover"] == "ASSAULT" && e["source"]["country"] == "TUR")
        .expect("the assault");
    assert_eq!(assault["article"]["id"], fixture.ids[0]);
    assert_eq!(assault["verb"]["surface"], "attacked");
    let timeline = body["timeline"].as_array().unwrap();
    let line = timeline
        .iter()
        .find(|t| t["category"] == "ASSAULT")
        .expect("an ASSAULT line");
    assert_eq!(line["buckets"][0]["key"], "2019-12-09");
    assert_eq!(line["buckets"][0]["count"], 1);

    // A query whose articles report nothing: empty, not an error.
    let (status, body) = get_json(app, "/api/events?q=stadia").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["articles"], 0);
    assert_eq!(body["events"], serde_json::json!([]));
    let (status, _) = get_json(app, "/api/events?limit=100000").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // The stored article carries its events.
    let (_, article) = get_json(app, &format!("/api/articles/{}", fixture.ids[0])).await;
    assert!(article["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["cameo"] == "190"));
}
