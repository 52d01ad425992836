//! ARCHITECTURE.md kept true: its crate table is the dependency rule, and
//! `cargo metadata` must agree with it exactly.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// Crates extraction must never pull in, not even through its tests.
const NOT_IN_EXTRACTION: &[&str] = &[
    "rusqlite",
    "libsqlite3-sys",
    "tantivy",
    "tokio",
    "dateline-store",
    "dateline-search",
    "dateline-ingest",
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A crate's Dateline dependencies: normal and dev, by short name.
#[derive(Debug, Default, PartialEq, Eq)]
struct Arrows {
    uses: BTreeSet<String>,
    tests: BTreeSet<String>,
}

/// The table of ARCHITECTURE.md: `| \`dateline-x\` | stage | uses | tests also use |`.
fn documented() -> BTreeMap<String, Arrows> {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let names = |cell: &str| -> BTreeSet<String> {
        cell.split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty() && *name != "-")
            .map(str::to_string)
            .collect()
    };
    let mut table = BTreeMap::new();
    for line in text.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // "", crate, stage, uses, tests, ""
        if cells.len() != 6 || !cells[1].starts_with("`dateline-") {
            continue;
        }
        let name = cells[1].trim_matches('`').trim_start_matches("dateline-");
        let arrows = Arrows {
            uses: names(cells[3]),
            tests: names(cells[4]),
        };
        assert!(
            table.insert(name.to_string(), arrows).is_none(),
            "{name} is twice in ARCHITECTURE.md's table"
        );
    }
    assert!(table.len() > 5, "no crate table found in ARCHITECTURE.md");
    table
}

fn metadata(no_deps: bool) -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .args(["metadata", "--format-version", "1", "--offline"])
        .current_dir(root());
    if no_deps {
        command.arg("--no-deps");
    } else {
        // This machine's platform only: other platforms' crates may not
        // have been downloaded, and do not build here anyway.
        command.args(["--filter-platform", &host()]);
    }
    let out = command.output().expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The host's target triple, as rustc names it.
fn host() -> String {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = Command::new(rustc).arg("-vV").output().expect("rustc runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("host: "))
        .expect("rustc -vV names the host")
        .to_string()
}

/// What the manifests say, by short name.
fn actual() -> BTreeMap<String, Arrows> {
    let meta = metadata(true);
    let mut crates = BTreeMap::new();
    for package in meta["packages"].as_array().unwrap() {
        let name = package["name"].as_str().unwrap();
        let Some(short) = name.strip_prefix("dateline-") else {
            continue;
        };
        let mut arrows = Arrows::default();
        for dep in package["dependencies"].as_array().unwrap() {
            let Some(dep_name) = dep["name"].as_str().unwrap().strip_prefix("dateline-") else {
                continue;
            };
            match dep["kind"].as_str() {
                None => arrows.uses.insert(dep_name.to_string()),
                Some("dev") => arrows.tests.insert(dep_name.to_string()),
                Some(other) => panic!("{name} has a {other} dependency on dateline-{dep_name}"),
            };
        }
        // A crate that uses another in its code may use it in tests too.
        arrows.tests = &arrows.tests - &arrows.uses;
        crates.insert(short.to_string(), arrows);
    }
    crates
}

#[test]
fn the_documented_arrows_are_the_real_ones() {
    let documented = documented();
    let actual = actual();
    let names = |map: &BTreeMap<String, Arrows>| map.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&documented),
        names(&actual),
        "ARCHITECTURE.md's table must list every crate of the workspace"
    );
    for (name, arrows) in &actual {
        let doc = &documented[name];
        assert_eq!(
            arrows.uses, doc.uses,
            "dateline-{name}'s [dependencies] differ from ARCHITECTURE.md's `uses`"
        );
        assert_eq!(
            arrows.tests, doc.tests,
            "dateline-{name}'s [dev-dependencies] differ from ARCHITECTURE.md's `tests also use`"
        );
    }
}

#[test]
fn no_crate_reaches_itself_even_through_tests() {
    let actual = actual();
    // Every path of normal arrows, with dev arrows allowed at its first
    // step: a test build of `a` builds each dev dependency normally.
    for (start, arrows) in &actual {
        let mut stack: Vec<&String> = arrows.uses.iter().chain(&arrows.tests).collect();
        let mut seen = BTreeSet::new();
        while let Some(name) = stack.pop() {
            assert_ne!(name, start, "dateline-{start} depends on itself");
            if seen.insert(name) {
                stack.extend(&actual[name].uses);
            }
        }
    }
}

#[test]
fn extraction_pulls_in_no_database_index_or_runtime() {
    let meta = metadata(false);
    let packages: BTreeMap<&str, &str> = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    let nodes: BTreeMap<&str, &Value> = meta["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n))
        .collect();
    let extract = packages
        .iter()
        .find(|(_, name)| **name == "dateline-extract")
        .map(|(id, _)| *id)
        .unwrap();
    // Normal and dev arrows from extraction, normal ones beyond.
    let mut stack = vec![(extract, true)];
    let mut seen = BTreeSet::new();
    while let Some((id, root)) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        let name = packages[id];
        assert!(
            !NOT_IN_EXTRACTION.contains(&name),
            "dateline-extract's build or tests pull in {name}"
        );
        for dep in nodes[id]["deps"].as_array().unwrap() {
            let kinds: Vec<Option<&str>> = dep["dep_kinds"]
                .as_array()
                .unwrap()
                .iter()
                .map(|k| k["kind"].as_str())
                .collect();
            let follow = kinds
                .iter()
                .any(|kind| kind.is_none() || (root && *kind == Some("dev")));
            if follow {
                stack.push((dep["pkg"].as_str().unwrap(), false));
            }
        }
    }
    assert!(seen.len() > 5, "the resolve graph was not walked");
}
