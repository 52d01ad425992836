//! Measures the HTML metadata extractor against the shared benchmarks.
//!
//! ```text
//! cargo run --release -p dateline-extract --example meta_eval -- /work/shared/bench [-v]
//! ```
//!
//! * `dates/`: publication-date accuracy (date part equal to the ground
//!   truth). Pages whose truth is missing count as right when we give no
//!   date; the figure over pages with a true date is printed too.
//! * `readability/`: agreement with Readability's `title` and `byline`
//!   after normalising case, spaces and punctuation. A byline agrees when
//!   our names, joined, equal it (a leading "By" removed), or when it holds
//!   all our names and little else (roles, dates, "and"). Author agreement
//!   is counted over pages whose expected byline is non-null; how often we
//!   give an author where it is null is reported beside it.
//!
//! `-v` lists every failure; otherwise the first ones of each kind.
//! `--show PAGE.html [URL]` prints what is extracted from one page.

use std::collections::BTreeMap;
use std::path::Path;

use dateline_extract::decode;
use dateline_extract::html::meta::extract_metadata;
use dateline_html::Document;
use serde_json::Value;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = args
        .iter()
        .find(|a| !a.starts_with('-'))
        .map_or("/work/shared/bench", String::as_str);
    let verbose = args.iter().any(|a| a == "-v");
    // `--show FILE`: print everything extracted from one page.
    if let Some(i) = args.iter().position(|a| a == "--show") {
        let path = &args[i + 1];
        let bytes = std::fs::read(path).expect("read page");
        let url = args.get(i + 2).map(String::as_str);
        println!(
            "{:#?}",
            extract_metadata(&Document::parse(&decode(&bytes, None, true).text), url)
        );
        return;
    }
    let root = Path::new(root);
    if !root.join("dates").exists() && !root.join("readability").exists() {
        eprintln!(
            "no benchmark data under {}: nothing to measure",
            root.display()
        );
        return;
    }
    if root.join("dates/ground-truth.json").exists() {
        dates(&root.join("dates"), verbose);
    }
    if root.join("readability").exists() {
        readability(&root.join("readability"), verbose);
    }
}

fn dates(dir: &Path, verbose: bool) {
    // The file writes missing dates as a bare NaN, which is not JSON.
    let raw = std::fs::read_to_string(dir.join("ground-truth.json"))
        .expect("read ground truth")
        .replace("NaN", "null");
    let truth: BTreeMap<String, Value> = serde_json::from_str(&raw).expect("parse ground truth");
    let (mut right, mut total, mut right_dated, mut dated) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    for (url, entry) in &truth {
        let Some(file) = entry["file"].as_str() else {
            continue;
        };
        let Ok(bytes) = std::fs::read(dir.join("html").join(file)) else {
            continue;
        };
        let text = decode(&bytes, None, true).text;
        let meta = extract_metadata(&Document::parse(&text), Some(url));
        let ours = meta.published.map(|t| t.date_only().to_string());
        let expected = entry["date"].as_str().map(String::from);
        total += 1;
        let ok = ours == expected;
        right += usize::from(ok);
        if expected.is_some() {
            dated += 1;
            right_dated += usize::from(ok);
        }
        if !ok {
            failures.push(format!(
                "  {file}  expected {:<10}  got {:<10}  {url}",
                expected.unwrap_or("-".into()),
                ours.unwrap_or("-".into())
            ));
        }
    }
    println!("dates: publication date accuracy {:.3} ({right}/{total}); over pages with a true date {:.3} ({right_dated}/{dated})", ratio(right, total), ratio(right_dated, dated));
    print_failures("date failures", &failures, verbose);
}

fn readability(dir: &Path, verbose: bool) {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .expect("read readability dir")
        .filter_map(Result::ok)
        .filter(|e| e.path().join("source.html").exists())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let (mut title_ok, mut titles) = (0, 0);
    let (mut author_ok, mut authored, mut extra, mut unauthored) = (0, 0, 0, 0);
    let (mut title_fail, mut author_fail) = (Vec::new(), Vec::new());
    for name in &names {
        let page = dir.join(name);
        let Ok(bytes) = std::fs::read(page.join("source.html")) else {
            continue;
        };
        let Ok(expected) = std::fs::read_to_string(page.join("expected-metadata.json")) else {
            continue;
        };
        let Ok(expected) = serde_json::from_str::<Value>(&expected) else {
            continue;
        };
        let text = decode(&bytes, None, true).text;
        let meta = extract_metadata(&Document::parse(&text), None);

        let want_title = expected["title"].as_str().unwrap_or("");
        titles += 1;
        let got_title = meta.title.clone().unwrap_or_default();
        if norm(want_title) == norm(&got_title) {
            title_ok += 1;
        } else {
            title_fail.push(format!(
                "  {name:<28} expected {want_title:?}\n  {:<28} got      {got_title:?}",
                ""
            ));
        }

        match expected["byline"].as_str() {
            Some(want) => {
                authored += 1;
                if byline_agrees(want, &meta.authors) {
                    author_ok += 1;
                } else {
                    author_fail.push(format!(
                        "  {name:<28} expected {:?}  got {:?}",
                        want.split_whitespace().collect::<Vec<_>>().join(" "),
                        meta.authors
                    ));
                }
            }
            None => {
                unauthored += 1;
                if !meta.authors.is_empty() {
                    extra += 1;
                    author_fail.push(format!(
                        "  {name:<28} expected null  got {:?}",
                        meta.authors
                    ));
                }
            }
        }
    }
    println!(
        "readability: title agreement {:.3} ({title_ok}/{titles})",
        ratio(title_ok, titles)
    );
    println!(
        "readability: author agreement {:.3} ({author_ok}/{authored} pages with a byline); authors given where byline is null: {extra}/{unauthored}",
        ratio(author_ok, authored)
    );
    print_failures("title disagreements", &title_fail, verbose);
    print_failures("author disagreements", &author_fail, verbose);
}

/// Lower-case letters and digits separated by single spaces.
fn norm(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn byline_agrees(expected: &str, ours: &[String]) -> bool {
    // Contact links are not part of a name; a date glued to a name
    // ("Nolan22 Dec 2016") is split from it.
    let expected: String = expected
        .split_whitespace()
        .map(|w| w.trim_matches(|c| c == '(' || c == ')'))
        .filter(|w| !(w.contains("://") || w.starts_with("www.") || w.contains('@')))
        .collect::<Vec<_>>()
        .join(" ");
    let mut spaced = String::new();
    let mut prev: Option<char> = None;
    for c in expected.chars() {
        if prev.is_some_and(|p| {
            p.is_alphabetic() != c.is_alphabetic() && p.is_alphanumeric() && c.is_alphanumeric()
        }) {
            spaced.push(' ');
        }
        spaced.push(c);
        prev = Some(c);
    }
    let want = norm(&spaced);
    let want = want.strip_prefix("by ").unwrap_or(&want).to_string();
    if ours.is_empty() {
        return false;
    }
    if norm(&ours.join(" ")) == want {
        return true;
    }
    // All our names in it, and what is left over is short (roles, "and", a date).
    let mut rest = format!(" {want} ");
    for name in ours {
        let n = format!(" {} ", norm(name));
        if !rest.contains(&n) {
            return false;
        }
        rest = rest.replacen(&n, " ", 1);
    }
    // Readability often glues the date to the byline: dates are not names.
    const NOT_NAMES: &[&str] = &[
        "and",
        "by",
        "avec",
        "et",
        "und",
        "am",
        "pm",
        "updated",
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "oct",
        "nov",
        "dec",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let leftover: usize = rest
        .split_whitespace()
        .filter(|w| !NOT_NAMES.contains(w) && !w.bytes().all(|b| b.is_ascii_digit()))
        .map(str::len)
        .sum();
    leftover * 10 <= want.len() * 4 || leftover <= 12
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn print_failures(what: &str, failures: &[String], verbose: bool) {
    if failures.is_empty() {
        return;
    }
    let shown = if verbose {
        failures.len()
    } else {
        failures.len().min(25)
    };
    println!("{what} ({}, showing {shown}):", failures.len());
    for f in &failures[..shown] {
        println!("{f}");
    }
}
