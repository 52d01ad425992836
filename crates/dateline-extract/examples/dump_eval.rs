//! Extracts every text dump (`*.txt`) of a folder and writes the body
//! benchmark's predictions, once page by page and once with site profiles
//! learned over the whole folder:
//!
//! ```text
//! cargo run --release -p dateline-extract --example dump_eval -- \
//!     ../shared/bench/textdump/scrapinghub /tmp/pred
//! python3 bench/score.py ../shared/bench/scrapinghub/ground-truth.json /tmp/pred.single.jsonl
//! python3 bench/score.py ../shared/bench/scrapinghub/ground-truth.json /tmp/pred.profiles.jsonl
//! ```
//!
//! Each output line is `{"id", "text", "title", "description",
//! "site_name", "authors", "published", "tags", "is_article", "reason",
//! "group"}`, `id` being the file stem and `group` the index of the site
//! group found by `learn_profiles` (null in single-page mode).

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use dateline_extract::text::{extract_dump, learn_profiles, SiteProfile};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: dump_eval DUMP_FOLDER OUTPUT_PREFIX");
        std::process::exit(2);
    }
    let mut paths: Vec<PathBuf> = fs::read_dir(&args[1])?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    // Dumps are UTF-8 text; stray invalid bytes must not stop a benchmark.
    let texts: Vec<String> = paths
        .iter()
        .map(|p| fs::read(p).map(|b| String::from_utf8_lossy(&b).into_owned()))
        .collect::<Result<_, _>>()?;
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();

    write(
        &format!("{}.single.jsonl", args[2]),
        &paths,
        &refs,
        &vec![None; refs.len()],
        &[],
    )?;

    let groups = learn_profiles(&refs);
    let mut profiles: Vec<Option<&SiteProfile>> = vec![None; refs.len()];
    let mut group_of = vec![0; refs.len()];
    for (n, g) in groups.iter().enumerate() {
        for &i in &g.pages {
            profiles[i] = Some(&g.profile);
            group_of[i] = n;
        }
    }
    let shared = groups.iter().filter(|g| g.pages.len() > 1).count();
    eprintln!(
        "{} dumps, {} site groups ({shared} with several pages)",
        refs.len(),
        groups.len()
    );
    write(
        &format!("{}.profiles.jsonl", args[2]),
        &paths,
        &refs,
        &profiles,
        &group_of,
    )
}

/// Writes one prediction per dump; `groups` (site group of each dump) may be empty.
fn write(
    out: &str,
    paths: &[PathBuf],
    texts: &[&str],
    profiles: &[Option<&SiteProfile>],
    groups: &[usize],
) -> std::io::Result<()> {
    let mut w = BufWriter::new(fs::File::create(out)?);
    for (n, ((path, text), profile)) in paths.iter().zip(texts).zip(profiles).enumerate() {
        let a = extract_dump(text, None, *profile);
        let record = serde_json::json!({
            "id": stem(path),
            "text": a.text,
            "title": a.title,
            "description": a.description,
            "site_name": a.site_name,
            "authors": a.authors,
            "published": a.published.map(|t| t.to_string()),
            "tags": a.tags,
            "is_article": a.is_article,
            "reason": a.reason,
            "group": groups.get(n),
        });
        writeln!(w, "{record}")?;
    }
    w.flush()?;
    eprintln!("wrote {out}");
    Ok(())
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}
