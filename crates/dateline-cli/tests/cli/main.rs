//! End-to-end tests of the `dateline` binary: exit codes, bad inputs,
//! formats. Pages come from the bundled `examples/pages` folder.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod annotate;
mod enrich;
mod store;

fn dateline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(args)
        .output()
        .expect("dateline runs")
}

/// Runs `dateline` with `input` on its standard input.
fn dateline_with_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dateline runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/pages")
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

#[test]
fn one_page_gives_one_pretty_json_object() {
    let page = examples().join("cnn-asian-markets-2019-11-18.html.gz");
    let out = dateline(&["extract", page.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let article: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(article["is_article"], true);
    assert!(article["text"].as_str().unwrap().contains("Asian market"));
    assert_eq!(article["source"]["format"], "html");
    assert!(article["source"]["path"]
        .as_str()
        .unwrap()
        .ends_with(".html.gz"));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("\n  \"title\""),
        "pretty-printed"
    );
}

#[test]
fn a_folder_gives_json_lines_in_name_order() {
    let out = dateline(&["extract", examples().to_str().unwrap(), "-q"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let articles = json_lines(&out);
    assert_eq!(articles.len(), 4);
    let paths: Vec<_> = articles
        .iter()
        .map(|a| a["source"]["path"].as_str().unwrap().to_owned())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    let dump = articles
        .iter()
        .find(|a| a["source"]["format"] == "text-dump")
        .expect("the text dump");
    assert!(dump["text"]
        .as_str()
        .unwrap()
        .contains("Russian forces entered Raqqa"));
}

#[test]
fn bad_inputs_are_named_and_skipped_with_exit_code_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.html"), "").unwrap();
    std::fs::write(
        dir.path().join("junk.html"),
        [0u8, 159, 146, 150, 0, 1, 2, 3].repeat(100),
    )
    .unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all("<p>never finished</p>".repeat(50).as_bytes())
        .unwrap();
    let full = gz.finish().unwrap();
    std::fs::write(dir.path().join("cut.html.gz"), &full[..full.len() / 2]).unwrap();
    std::fs::write(dir.path().join("latin1.html"), b"<meta charset=iso-8859-1><p>Le caf\xe9 cr\xe8me du matin et la na\xefve fa\xe7ade de la gare.</p>").unwrap();
    std::fs::write(
        dir.path().join("broken-utf8.html"),
        b"<p>Valid text \xff\xfe then \xc3 more text here.</p>",
    )
    .unwrap();

    let out = dateline(&["extract", dir.path().to_str().unwrap(), "-q"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for (file, why) in [
        ("empty.html", "empty"),
        ("junk.html", "binary"),
        ("cut.html.gz", "gzip"),
    ] {
        assert!(
            stderr.lines().any(|l| l.contains(file) && l.contains(why)),
            "{file}: {stderr}"
        );
    }
    let articles = json_lines(&out);
    assert_eq!(articles.len(), 2, "the good pages still come out");
    let latin1 = articles
        .iter()
        .find(|a| {
            a["source"]["path"]
                .as_str()
                .unwrap()
                .ends_with("latin1.html")
        })
        .unwrap();
    assert!(latin1["text"]
        .as_str()
        .unwrap()
        .contains("Le café crème du matin et la naïve façade de la gare."));
}

#[test]
fn missing_path_and_empty_folder_exit_one() {
    let out = dateline(&["extract", "/definitely/not/here.html"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/definitely/not/here.html"));
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        dateline(&["extract", dir.path().to_str().unwrap()])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn usage_errors_exit_two() {
    assert_eq!(
        dateline(&["extract", "--format", "yaml"]).status.code(),
        Some(2)
    );
    let pages = examples();
    let out = dateline(&[
        "extract",
        pages.to_str().unwrap(),
        "--url",
        "https://example.org/a",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn stdin_with_url_and_forced_kind() {
    let page = "<html><body><article><h1>Bridge opens</h1><p>The new bridge opened on Friday after three years of work, \
                officials said, and traffic is expected to ease across the river by the end of the month.</p></article></body></html>";
    let out = dateline_with_stdin(
        &[
            "extract",
            "--url",
            "https://news.example/2020/05/01/story",
            "--input",
            "html",
            "-f",
            "jsonl",
        ],
        page,
    );
    assert_eq!(out.status.code(), Some(0));
    let article = &json_lines(&out)[0];
    assert_eq!(article["url"], "https://news.example/2020/05/01/story");
    assert_eq!(article["source"]["path"], "-");
    assert!(article["text"]
        .as_str()
        .unwrap()
        .starts_with("The new bridge opened"));
}

#[test]
fn text_and_markdown_formats() {
    let page = examples().join("jpost-weizsacker-2019-11-20.html.gz");
    let md = dateline(&["extract", page.to_str().unwrap(), "-f", "markdown"]);
    assert_eq!(md.status.code(), Some(0));
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(md.starts_with("# "), "{md}");
    let text = dateline(&["extract", page.to_str().unwrap(), "-f", "text"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("Weizsäcker"));
}

#[test]
fn closed_pipe_is_not_an_error() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["extract", examples().to_str().unwrap(), "-q"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("error"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// One gzip member holding one WARC record.
fn warc_member(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut record = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2019-12-09T17:40:00Z\r\n\
         WARC-Record-ID: <urn:uuid:{}>\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    )
    .into_bytes();
    record.extend_from_slice(block);
    record.extend_from_slice(b"\r\n\r\n");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&record).unwrap();
    gz.finish().unwrap()
}

#[test]
fn warc_and_jsonl_records_are_extracted_and_skips_counted() {
    let dir = tempfile::tempdir().unwrap();
    let story = "<html><body><article><h1>Bridge opens</h1><p>The new bridge over the river opened on Friday \
                 after three years of work, the city said, and the caf\u{e9} by the old crossing expects more visitors.</p>\
                 </article></body></html>";
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(story);
    let mut response =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=iso-8859-1\r\n\r\n".to_vec();
    response.extend_from_slice(&latin1);
    let mut warc = warc_member(
        "request",
        "https://news.example/bridge",
        b"GET /bridge HTTP/1.1\r\n\r\n",
    );
    warc.extend(warc_member(
        "response",
        "https://news.example/2019/12/09/bridge",
        &response,
    ));
    warc.extend(warc_member(
        "response",
        "https://news.example/gone",
        b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>gone</p>",
    ));
    std::fs::write(dir.path().join("crawl.warc.gz"), warc).unwrap();
    let line = serde_json::json!({"url": "https://news.example/2019/12/10/vote", "html": story.replace("Bridge opens", "Vote counted")});
    std::fs::write(
        dir.path().join("dump.jsonl"),
        format!("{line}\nnot json at all\n"),
    )
    .unwrap();

    let out = dateline(&["extract", dir.path().to_str().unwrap(), "-q"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the bad JSONL line is a failure: {stderr}"
    );
    assert!(stderr.contains("dump.jsonl:2"), "{stderr}");
    assert!(
        stderr.contains("crawl.warc.gz") && stderr.contains("skipped"),
        "{stderr}"
    );
    let articles = json_lines(&out);
    assert_eq!(articles.len(), 2, "{stderr}");
    let from_warc = articles
        .iter()
        .find(|a| {
            a["source"]["path"]
                .as_str()
                .unwrap()
                .contains("crawl.warc.gz@")
        })
        .unwrap();
    assert_eq!(from_warc["url"], "https://news.example/2019/12/09/bridge");
    assert!(
        from_warc["text"]
            .as_str()
            .unwrap()
            .contains("the café by the old crossing"),
        "charset from HTTP headers"
    );
    let from_jsonl = articles
        .iter()
        .find(|a| a["source"]["path"].as_str().unwrap().contains("dump.jsonl"))
        .unwrap();
    assert_eq!(from_jsonl["title"], "Vote counted");
}
