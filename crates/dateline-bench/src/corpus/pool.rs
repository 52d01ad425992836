//! The template pool: the bench pages loaded, parsed and grouped by
//! language, each group with its vocabulary ranked by frequency (so a word
//! can be mapped to one of similar rank), and templates with too little
//! text of their own left out.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use super::rng::hash2;
use super::slim::{parse_html, Parsed, Raw, F_JSON};
use super::template::{build_template, Piece, Template};
use super::tokens::{tokens, Tok};
use crate::pages::{self, die};

/// A language group's vocabulary, most frequent first.
pub(super) struct Group {
    pub(super) lang: String,
    pub(super) words: Vec<String>,
    /// The first `keep` words are kept as they are (function words).
    pub(super) keep: u32,
}

impl Group {
    /// The word replacing `id` in a document with mapping seed `seed`:
    /// one of similar frequency rank.
    pub(super) fn map(&self, id: u32, seed: u64) -> u32 {
        let v = self.words.len() as u64;
        let keep = u64::from(self.keep);
        let r = u64::from(id);
        if r < keep || v <= keep + 1 {
            return id;
        }
        let mut lo = (r / 2).max(keep);
        let mut hi = (2 * r + 1).max(lo + 64).min(v);
        if hi <= lo + 1 {
            (lo, hi) = (keep, v);
        }
        (lo + hash2(seed, r) % (hi - lo)) as u32
    }
    /// Any content word.
    pub(super) fn any(&self, h: u64) -> u32 {
        let keep = u64::from(self.keep);
        let v = self.words.len() as u64;
        if v <= keep {
            return (h % v.max(1)) as u32;
        }
        (keep + h % (v - keep)) as u32
    }
}

/// All templates and their vocabularies.
pub(super) struct Pool {
    pub(super) templates: Vec<Template>,
    pub(super) groups: Vec<Group>,
}

/// The host of an absolute URL, if it looks like a domain name.
fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()?
        .to_ascii_lowercase();
    (host.contains('.')
        && host
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'-'))
    .then_some(host)
}

/// A bench ground-truth file.
fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| die(&format!("cannot read {}: {e}", path.display())));
    // The dates ground truth has `NaN` for pages without a date.
    let text = text.replace(": NaN", ": null");
    serde_json::from_str(&text)
        .unwrap_or_else(|e| die(&format!("bad JSON in {}: {e}", path.display())))
}

/// The pages of one bench folder (a missing folder is skipped).
fn load_pages(dir: &Path, style: pages::IdStyle) -> Vec<pages::Page> {
    if !dir.is_dir() {
        eprintln!("warning: {} not found, skipped", dir.display());
        return Vec::new();
    }
    pages::Args {
        inputs: vec![dir.to_path_buf()],
        urls: None,
        out: None,
        id_style: style,
        min_seconds: 0.0,
        min_rounds: 0,
        warmup: 0,
    }
    .load()
}

impl Pool {
    /// Loads the templates from the bench folder `data` (scrapinghub,
    /// dates and readability pages); ends the program if none is usable.
    pub(super) fn load(data: &Path) -> Pool {
        let mut pages_with_url: Vec<(String, Option<String>, Vec<u8>)> = Vec::new();
        let gt = data.join("scrapinghub/ground-truth.json");
        let sh_urls = if gt.is_file() {
            read_json(&gt)
        } else {
            serde_json::Value::Null
        };
        for page in load_pages(&data.join("scrapinghub/html"), pages::IdStyle::Stem) {
            let url = sh_urls[&page.id]["url"].as_str().map(str::to_string);
            pages_with_url.push((format!("scrapinghub/{}", page.id), url, page.bytes));
        }
        let gt = data.join("dates/ground-truth.json");
        let mut date_urls = HashMap::new();
        if gt.is_file() {
            if let serde_json::Value::Object(map) = read_json(&gt) {
                for (url, v) in map {
                    if let Some(file) = v["file"].as_str() {
                        date_urls.insert(file.to_string(), url);
                    }
                }
            }
        }
        for page in load_pages(&data.join("dates/html"), pages::IdStyle::Name) {
            let url = date_urls.get(&page.id).cloned();
            pages_with_url.push((format!("dates/{}", page.id), url, page.bytes));
        }
        for page in load_pages(&data.join("readability"), pages::IdStyle::Stem) {
            pages_with_url.push((format!("readability/{}", page.id), None, page.bytes));
        }
        if pages_with_url.is_empty() {
            die(&format!("no bench pages under {}", data.display()));
        }

        // Parse in parallel; count words per page.
        let parsed: Vec<(String, String, Parsed, HashMap<String, u32>)> = pages_with_url
            .into_par_iter()
            .filter_map(|(id, url, bytes)| {
                let Ok(src) = String::from_utf8(bytes) else {
                    eprintln!("warning: {id} is not UTF-8, skipped");
                    return None;
                };
                let mut parsed = parse_html(&src);
                if memchr::memmem::find(parsed.builder.slim.as_bytes(), b"Lorem ipsum").is_some() {
                    return None; // a synthetic test page, not news
                }
                let host = url
                    .iter()
                    .chain(&parsed.urls)
                    .find_map(|u| host_of(u))
                    .unwrap_or_else(|| {
                        let name: String = id
                            .rsplit('/')
                            .next()
                            .unwrap_or("site")
                            .chars()
                            .map(|c| {
                                if c.is_ascii_alphanumeric() {
                                    c.to_ascii_lowercase()
                                } else {
                                    '-'
                                }
                            })
                            .collect();
                        format!("{name}.example.org")
                    });
                parsed.urls.extend(url);
                let mut counts = HashMap::new();
                for part in &parsed.builder.parts {
                    if let Raw::Text(r, flags) = part {
                        let text = &parsed.builder.slim[r.clone()];
                        for (w, tok) in tokens(text, flags & F_JSON != 0) {
                            if tok == Tok::Word {
                                *counts.entry(text[w].to_lowercase()).or_insert(0) += 1;
                            }
                        }
                    }
                }
                Some((id, host, parsed, counts))
            })
            .collect();

        // Language groups: the page's `lang`, or for pages without one the
        // group sharing most of its frequent words.
        let primary = |lang: &Option<String>| {
            lang.as_deref()
                .and_then(|l| l.split(['-', '_']).next())
                .map(str::to_ascii_lowercase)
                .filter(|l| !l.is_empty())
        };
        let top_words = |counts: &HashMap<String, u32>, k: usize| -> Vec<String> {
            let mut v: Vec<(&String, &u32)> = counts.iter().collect();
            v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            v.into_iter().take(k).map(|(w, _)| w.clone()).collect()
        };
        let mut group_counts: BTreeMap<String, HashMap<String, u32>> = BTreeMap::new();
        for (_, _, p, counts) in &parsed {
            if let Some(lang) = primary(&p.lang) {
                let g = group_counts.entry(lang).or_default();
                for (w, c) in counts {
                    *g.entry(w.clone()).or_insert(0) += c;
                }
            }
        }
        let group_tops: Vec<(String, HashSet<String>)> = group_counts
            .iter()
            .map(|(l, c)| (l.clone(), top_words(c, 100).into_iter().collect()))
            .collect();
        let langs: Vec<String> = parsed
            .iter()
            .map(|(_, _, p, counts)| {
                primary(&p.lang).unwrap_or_else(|| {
                    let top = top_words(counts, 50);
                    group_tops
                        .iter()
                        .map(|(l, set)| (top.iter().filter(|w| set.contains(*w)).count(), l))
                        .filter(|(n, _)| *n >= 10)
                        .max()
                        .map_or_else(|| "und".to_string(), |(_, l)| l.clone())
                })
            })
            .collect();
        let mut group_index: BTreeMap<String, HashMap<String, u32>> = BTreeMap::new();
        for ((_, _, _, counts), lang) in parsed.iter().zip(&langs) {
            let g = group_index.entry(lang.clone()).or_default();
            for (w, c) in counts {
                *g.entry(w.clone()).or_insert(0) += c;
            }
        }
        let mut groups = Vec::new();
        let mut ids: HashMap<String, (usize, HashMap<String, u32>)> = HashMap::new();
        for (lang, counts) in group_index {
            let words = top_words(&counts, usize::MAX);
            let keep = (words.len() / 50).min(150) as u32;
            let map = words
                .iter()
                .enumerate()
                .map(|(i, w)| (w.clone(), i as u32))
                .collect();
            ids.insert(lang.clone(), (groups.len(), map));
            groups.push(Group { lang, words, keep });
        }

        let templates: Vec<Template> = parsed
            .into_par_iter()
            .zip(langs)
            .map(|((id, host, parsed, counts), lang)| {
                let (group, map) = &ids[&lang];
                let keep = groups[*group].keep;
                build_template(id, host, *group, keep, parsed, map, &counts)
            })
            .collect();
        // Too little own text to make distinct stories from.
        let templates: Vec<Template> = templates
            .into_iter()
            .filter(|t| {
                let keep = groups[t.group].keep;
                let (mut content, mut all) = (0, 0);
                for piece in &t.pieces {
                    if let Piece::Word { id, .. } = piece {
                        all += 1;
                        content += usize::from(*id >= keep);
                    }
                }
                let enough = content >= 200 && content * 10 >= all * 3;
                if !enough {
                    eprintln!(
                        "note: template {} skipped ({content} of {all} words are content words)",
                        t.id
                    );
                }
                enough
            })
            .collect();
        if templates.is_empty() {
            die("no usable templates");
        }
        Pool { templates, groups }
    }
}
