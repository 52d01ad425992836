//! `ingest`, `search`, `show`, `stats`, `export`, `reindex` end to end:
//! idempotence, crash safety (kill -9), bad records, duplicates.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use super::{dateline, examples};

/// A deterministic word stream (xorshift), so stories differ without `rand`.
struct Words(u64);

const VOCABULARY: &[&str] = &[
    "council",
    "river",
    "bridge",
    "minister",
    "election",
    "harbour",
    "village",
    "court",
    "strike",
    "budget",
    "storm",
    "festival",
    "school",
    "hospital",
    "railway",
    "market",
    "police",
    "farmers",
    "museum",
    "airport",
    "protest",
    "treaty",
    "border",
    "factory",
    "energy",
    "water",
    "housing",
    "football",
    "orchestra",
    "volcano",
    "forest",
    "island",
    "mayor",
    "union",
    "senate",
    "harvest",
    "drought",
    "flood",
    "vaccine",
    "satellite",
    "report",
    "witness",
    "judge",
    "company",
    "workers",
    "prices",
    "tourists",
    "students",
];

impl Words {
    fn next(&mut self) -> &'static str {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        VOCABULARY[(self.0 % VOCABULARY.len() as u64) as usize]
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut s: Vec<&str> = (0..words).map(|_| self.next()).collect();
        s.push("today.");
        let mut text = s.join(" ");
        text[..1].make_ascii_uppercase();
        text
    }
}

/// A news page about story `n`: distinct stories have unrelated words.
fn story_page(n: u64) -> String {
    let mut words = Words(0x9E37_79B9_7F4A_7C15 ^ (n + 1).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let title = format!("Story {n}: {} {}", words.next(), words.next());
    let paragraphs: String = (0..6)
        .map(|_| format!("<p>{} {}</p>\n", words.sentence(18), words.sentence(15)))
        .collect();
    format!(
        "<html><head><title>{title}</title>\
         <meta property=\"article:published_time\" content=\"2019-{:02}-{:02}T10:00:00Z\">\
         <meta name=\"author\" content=\"Reporter {}\"></head>\
         <body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\
         <article><h1>{title}</h1>\n{paragraphs}</article>\
         <footer>Copyright The Example Times</footer></body></html>",
        1 + n % 12,
        1 + n % 28,
        n % 7
    )
}

/// One gzip member holding one WARC response record.
fn response_record(n: u64, uri: &str, html: &str) -> Vec<u8> {
    let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
    let record = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2019-12-09T17:40:00Z\r\n\
         WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012}>\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
        block.len()
    );
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(record.as_bytes()).unwrap();
    gz.finish().unwrap()
}

/// A WARC of `stories` distinct stories; every fifth story also appears as
/// an exact copy under a tracking-parameter URL.
fn corpus_warc(path: &Path, stories: u64) -> u64 {
    let mut warc = Vec::new();
    let mut records = 0;
    for n in 0..stories {
        let html = story_page(n);
        let uri = format!("https://times.example/2019/story-{n}");
        warc.extend(response_record(records, &uri, &html));
        records += 1;
        if n % 5 == 0 {
            let copy = format!("https://syndicate.example/story-{n}?utm_source=feed");
            warc.extend(response_record(records, &copy, &html));
            records += 1;
        }
    }
    std::fs::write(path, warc).unwrap();
    records
}

pub(crate) fn ok(out: &Output) -> &Output {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

pub(crate) fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|err| {
        panic!(
            "JSON expected ({err}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

pub(crate) fn stats(store: &str) -> serde_json::Value {
    json(ok(&dateline(&["stats", "--store", store, "--json"])))
}

/// Everything a store holds that must not change with crashes and re-runs:
/// each article's id-free identity (title, provenance, cluster size).
fn contents(store: &str) -> Vec<String> {
    let out = ok(&dateline(&[
        "export", "--store", store, "--format", "jsonl",
    ]))
    .clone();
    let mut rows: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|line| {
            let row: serde_json::Value = serde_json::from_str(line).unwrap();
            let mut copies: Vec<String> = row["provenance"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["locator"].as_str().unwrap().to_string())
                .collect();
            copies.sort();
            format!(
                "{} | {} | {}",
                row["title"],
                row["cluster_size"],
                copies.join(",")
            )
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn ingest_search_show_stats_export_on_the_bundled_examples() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let store = store.to_str().unwrap();
    let out = ok(&dateline(&[
        "ingest",
        "--store",
        store,
        "--json",
        "-q",
        examples().to_str().unwrap(),
    ]))
    .clone();
    let summary = json(&out);
    assert_eq!(summary["read"], 4);
    assert_eq!(summary["stored"], 4, "{summary}");

    let stats = stats(store);
    assert_eq!(stats["articles"], 4);
    assert_eq!(stats["clusters"], 4);
    assert_eq!(stats["duplicates"], 0);
    assert_eq!(stats["indexed"], 4);

    let found = json(ok(&dateline(&[
        "search", "--store", store, "--json", "Raqqa",
    ])));
    assert!(found["total"].as_u64().unwrap() >= 1, "{found}");
    let hit = &found["hits"][0];
    for field in [
        "id",
        "title",
        "url",
        "site_name",
        "published",
        "snippet",
        "score",
    ] {
        assert!(hit.get(field).is_some(), "hit lacks {field}: {hit}");
    }
    assert!(hit["title"].as_str().unwrap().contains("Raqqa"), "{hit}");
    assert!(
        hit["snippet"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("raqqa"),
        "{hit}"
    );

    let id = hit["id"].as_u64().unwrap().to_string();
    let shown = json(ok(&dateline(&["show", "--store", store, "--json", &id])));
    assert_eq!(shown["title"], hit["title"]);
    assert!(shown["text"].as_str().unwrap().contains("Russian forces"));
    assert_eq!(shown["provenance"].as_array().unwrap().len(), 1);
    let text = ok(&dateline(&["show", "--store", store, &id])).clone();
    assert!(String::from_utf8_lossy(&text.stdout).contains("Provenance:"));

    let missing = dateline(&["show", "--store", store, "999999"]);
    assert_eq!(missing.status.code(), Some(1));

    let csv = ok(&dateline(&["export", "--store", store, "--format", "csv"])).clone();
    let csv = String::from_utf8_lossy(&csv.stdout);
    assert!(
        csv.starts_with("id,cluster_id,cluster_size,title,"),
        "{csv:.200}"
    );
    assert!(
        csv.contains("Russians in Raqqa"),
        "the seed's title is a CSV field"
    );
    let parquet = dir.path().join("articles.parquet");
    ok(&dateline(&[
        "export",
        "--store",
        store,
        "--format",
        "parquet",
        "-o",
        parquet.to_str().unwrap(),
    ]));
    assert_eq!(&std::fs::read(&parquet).unwrap()[..4], b"PAR1");

    let human = ok(&dateline(&["stats", "--store", store])).clone();
    assert!(String::from_utf8_lossy(&human.stdout).contains("by site"));
}

/// `GET path` from a local server: the answer's status line and body.
fn http_get(addr: &str, path: &str) -> (String, serde_json::Value) {
    use std::io::Read;
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap();
    assert!(
        !head.to_ascii_lowercase().contains("chunked"),
        "a JSON answer has a length: {head}"
    );
    let status = head.lines().next().unwrap().to_string();
    (status, serde_json::from_str(body).unwrap())
}

#[test]
fn search_json_prints_the_api_hits() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let store = store.to_str().unwrap();
    ok(&dateline(&[
        "ingest",
        "--store",
        store,
        "-q",
        examples().to_str().unwrap(),
    ]));

    let mut server = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["serve", "--store", store, "--addr", "127.0.0.1:0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dateline serve runs");
    let mut banner = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(server.stderr.take().unwrap()),
        &mut banner,
    )
    .unwrap();
    let addr = banner
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {banner:?}"))
        .to_string();
    let (status, api) = http_get(&addr, "/api/search?q=raqqa&from=2019&to=2019-12");
    let (bad_status, bad) = http_get(&addr, "/api/search?q=raqqa&from=yesterday");
    server.kill().unwrap();
    server.wait().unwrap();

    assert!(status.contains(" 200 "), "{status}: {api}");
    let cli = json(ok(&dateline(&[
        "search", "--store", store, "--json", "--from", "2019", "--to", "2019-12", "raqqa",
    ])));
    assert_eq!(cli["total"], api["total"]);
    let keys = |hit: &serde_json::Value| -> Vec<String> {
        let mut keys: Vec<String> = hit.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        keys
    };
    let (cli_hit, api_hit) = (&cli["hits"][0], &api["hits"][0]);
    assert!(cli_hit.is_object(), "{cli}");
    assert_eq!(keys(cli_hit), keys(api_hit));
    // What the CLI printed before it printed the API's hits stays.
    for field in [
        "id",
        "title",
        "url",
        "site_name",
        "published",
        "snippet",
        "highlights",
        "score",
        "cluster_size",
        "language",
        "authors",
    ] {
        assert!(cli_hit.get(field).is_some(), "hit lacks {field}: {cli_hit}");
    }
    assert_eq!(cli["hits"], api["hits"]);

    // One message for a bad date, as each names its bounds.
    assert!(bad_status.contains(" 400 "), "{bad_status}: {bad}");
    assert_eq!(
        bad["error"],
        r#"from="yesterday" is not a date (use 2019, 2019-12 or 2019-12-09)"#
    );
    let out = dateline(&["search", "--store", store, "--from", "yesterday", "raqqa"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim_end(),
        r#"dateline: error: "yesterday" is not a date (use 2019, 2019-12 or 2019-12-09)"#
    );
    // An empty bound is no bound, as in the API.
    let unbounded = json(ok(&dateline(&[
        "search", "--store", store, "--json", "--from", "", "--to", "", "raqqa",
    ])));
    assert_eq!(unbounded["total"], cli["total"]);
}

#[test]
fn ingesting_twice_adds_nothing_and_duplicates_are_grouped() {
    let dir = tempfile::tempdir().unwrap();
    let warc = dir.path().join("crawl.warc.gz");
    let records = corpus_warc(&warc, 40);
    let store = dir.path().join("store");
    let store = store.to_str().unwrap();
    let warc = warc.to_str().unwrap();

    let first = json(ok(&dateline(&[
        "ingest", "--store", store, "--json", "-q", warc,
    ])));
    assert_eq!(first["read"], records);
    assert_eq!(first["stored"], 40, "{first}");
    assert_eq!(first["exact_duplicates"], 8, "{first}");
    let before = contents(store);

    let again = json(ok(&dateline(&[
        "ingest", "--store", store, "--json", "-q", warc,
    ])));
    assert_eq!(again["already_ingested"], records, "{again}");
    assert_eq!(again["stored"], 0);
    assert_eq!(contents(store), before);
    let stats = stats(store);
    assert_eq!(stats["articles"], 48);
    assert_eq!(stats["clusters"], 40);
    assert_eq!(stats["duplicates"], 8);

    // One hit per story: the syndicated copy is not indexed twice.
    let found = json(ok(&dateline(&[
        "search",
        "--store",
        store,
        "--json",
        "\"Story 5\"",
    ])));
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(found["hits"][0]["cluster_size"], 2, "{found}");

    // The index is derived: rebuilt, it answers the same.
    ok(&dateline(&["reindex", "--store", store, "-q"]));
    let rebuilt = json(ok(&dateline(&[
        "search",
        "--store",
        store,
        "--json",
        "\"Story 5\"",
    ])));
    assert_eq!(rebuilt["total"], 1);
    assert_eq!(stats_of(store, "indexed"), 40);

    // Compacting leaves one segment that answers the same.
    ok(&dateline(&["compact", "--store", store, "-q"]));
    assert_eq!(stats_of(store, "index_segments"), 1);
    let compacted = json(ok(&dateline(&[
        "search",
        "--store",
        store,
        "--json",
        "\"Story 5\"",
    ])));
    assert_eq!(compacted["hits"], rebuilt["hits"]);
}

fn stats_of(store: &str, field: &str) -> u64 {
    stats(store)[field].as_u64().unwrap()
}

#[test]
fn killed_at_any_moment_a_rerun_loses_and_duplicates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let warc = dir.path().join("crawl.warc.gz");
    corpus_warc(&warc, 600);
    let warc = warc.to_str().unwrap();
    let reference = dir.path().join("reference");
    let reference = reference.to_str().unwrap();
    ok(&dateline(&[
        "ingest", "--store", reference, "-q", "-j", "1", warc,
    ]));
    let expected = contents(reference);
    assert_eq!(expected.len(), 600);

    for (trial, delay_ms) in [40u64, 150, 400, 900].into_iter().enumerate() {
        let store = dir.path().join(format!("store-{trial}"));
        let store = store.to_str().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
            .args(["ingest", "--store", store, "-q", "-j", "1", warc])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().unwrap(); // SIGKILL: no destructor, no flush runs
        child.wait().unwrap();
        ok(&dateline(&["ingest", "--store", store, "-q", warc]));
        assert_eq!(contents(store), expected, "after a kill at {delay_ms} ms");
        assert_eq!(
            stats_of(store, "indexed"),
            600,
            "after a kill at {delay_ms} ms"
        );
    }
}

#[test]
fn bad_records_are_listed_with_file_and_position_and_the_rest_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let mut warc = response_record(1, "https://times.example/a", &story_page(1));
    warc.extend(b"WARC/1.0\r\nthis is not a record header\r\n\r\n");
    warc.extend(response_record(
        2,
        "https://times.example/b",
        &story_page(2),
    ));
    let truncated = response_record(3, "https://times.example/c", &story_page(3));
    warc.extend(&truncated[..truncated.len() / 2]);
    std::fs::write(dir.path().join("crawl.warc.gz"), warc).unwrap();
    let line = serde_json::json!({"url": "https://times.example/d", "html": story_page(4)});
    std::fs::write(
        dir.path().join("dump.jsonl"),
        format!("{line}\n{{not json\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("junk.html"),
        [0u8, 159, 146, 150, 0, 0, 1, 2],
    )
    .unwrap();

    let store = dir.path().join("store");
    let out = dateline(&[
        "ingest",
        "--store",
        store.to_str().unwrap(),
        "--json",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = json(&out);
    assert_eq!(summary["stored"], 3, "{summary}");
    let failures = summary["failures"].as_array().unwrap();
    let listed: Vec<String> = failures
        .iter()
        .map(|f| {
            format!(
                "{}{} {}",
                f["input"].as_str().unwrap(),
                f["locator"].as_str().unwrap(),
                f["reason"]
            )
        })
        .collect();
    assert!(
        listed.iter().any(|f| f.contains("dump.jsonl:2")),
        "{listed:?}"
    );
    assert!(listed.iter().any(|f| f.contains("junk.html")), "{listed:?}");
    assert!(
        listed.iter().any(|f| f.contains("crawl.warc.gz@")),
        "{listed:?}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("failed"), "{stderr}");
}

#[test]
fn reading_commands_explain_a_missing_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("nothing-here");
    for command in ["stats", "search", "export", "enrich", "reindex", "compact"] {
        let mut args = vec![command, "--store", store.to_str().unwrap()];
        if command == "search" {
            args.push("anything");
        }
        let out = dateline(&args);
        assert_eq!(out.status.code(), Some(2), "{command}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("no store at"), "{command}: {stderr}");
    }
    assert!(!store.exists(), "reading commands must not create a store");
}

#[test]
fn pages_kept_as_not_articles_are_found_by_type_only() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    std::fs::copy(
        examples().join("jpost-raqqa-2019-12-09.txt"),
        pages.join("raqqa.txt"),
    )
    .unwrap();
    std::fs::write(
        pages.join("guide.html"),
        r#"<!doctype html><html><head><title>Raqqa travel guide</title>
<meta property="og:type" content="product">
<link rel="canonical" href="https://shop.example/products/raqqa-guide">
</head><body><nav><a href="/">Shop</a> <a href="/cart">Cart</a></nav>
<main><h1>Raqqa travel guide</h1><p>Paperback, 320 pages.</p>
<p>Price: 24.00 EUR. In stock.</p></main></body></html>"#,
    )
    .unwrap();
    let store = dir.path().join("store");
    let store = store.to_str().unwrap();
    ok(&dateline(&[
        "ingest",
        "--store",
        store,
        "-q",
        "--keep-non-articles",
        pages.to_str().unwrap(),
    ]));
    let urls = |query: &str| -> Vec<String> {
        let found = json(ok(&dateline(&[
            "search", "--store", store, "--json", query,
        ])));
        let mut urls: Vec<String> = found["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|hit| hit["url"].as_str().unwrap_or("").to_string())
            .collect();
        urls.sort();
        urls
    };
    let product = "https://shop.example/products/raqqa-guide".to_string();
    let news = urls("raqqa");
    assert_eq!(news.len(), 1, "{news:?}");
    assert!(!news.contains(&product));
    assert_eq!(urls("raqqa type:product"), [product.as_str()]);
    let everything = urls("raqqa type:any");
    assert_eq!(everything.len(), 2, "{everything:?}");
    assert!(everything.contains(&product));
}
