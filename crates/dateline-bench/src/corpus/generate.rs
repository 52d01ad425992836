//! The driver: decides record by record what comes next (an original or a
//! copy that is due), produces batches in parallel and writes them in
//! order, so memory stays bounded and the output depends only on the seed.

use std::collections::BTreeMap;
use std::io::Write;
use std::time::Instant;

use dateline_model::calendar::days_from_civil;
use rayon::prelude::*;

use super::dates::{Moment, FIRST_DAY, SPAN_DAYS};
use super::pool::Pool;
use super::produce::{produce, truth_line, Job, Kind, Produced};
use super::queries::QueryStats;
use super::render::Variant;
use super::rng::{hash2, mix, unit, Rng};
use super::writers::{create, path_of, uuid, warc_member, write_all, Writers};
use super::{Config, Format, Summary};
use crate::pages::die;

/// Hosts that republish stories (exact copies under their own path, near
/// copies under their own slug).
const PARTNERS: [&str; 12] = [
    "news.aggregator.example",
    "wire.example.com",
    "syndication.example.net",
    "daily-digest.example.org",
    "newsfeed.example.com",
    "pressreader.example",
    "globalnews.example.net",
    "reprints.example.org",
    "portal.example.com",
    "headlines.example.net",
    "localpaper.example",
    "msn.example.com",
];
/// Tracking parameters that make an exact copy's URL differ from the story's.
const UTM_SOURCES: [&str; 5] = ["twitter", "facebook", "newsletter", "rss", "linkedin"];

/// A copy waiting for its turn.
struct Pending {
    kind: Kind,
    story: u64,
    variant: Variant,
    story_url: String,
    copy: u64,
}

/// Expected copies per original for a share `rate` of all documents when
/// the copies of both kinds together make `copies` of all documents.
fn per_original(rate: f64, copies: f64) -> f64 {
    rate / (1.0 - copies)
}

/// Draws a copy count with mean `mean`: the first copy with some
/// probability, each further one with probability `more`.
fn copies(rng: &mut Rng, mean: f64) -> usize {
    let more = (1.0 - 1.0 / mean.max(1e-9)).max(0.2);
    let first = mean * (1.0 - more);
    let mut k = 0;
    if rng.chance(first) {
        k = 1;
        while k < 20 && rng.chance(more) {
            k += 1;
        }
    }
    k
}

/// Generates the corpus.
pub fn generate(cfg: &Config) -> Summary {
    let started = Instant::now();
    if cfg.exact_rate < 0.0 || cfg.near_rate < 0.0 || cfg.exact_rate + cfg.near_rate >= 0.9 {
        die("--exact-rate and --near-rate must be >= 0 and sum below 0.9");
    }
    std::fs::create_dir_all(&cfg.out)
        .unwrap_or_else(|e| die(&format!("cannot create {}: {e}", cfg.out.display())));
    let pool = Pool::load(&cfg.data);
    let words: usize = pool.groups.iter().map(|g| g.words.len()).sum();
    eprintln!(
        "{} templates ({} MB slimmed), {} language groups, {} words",
        pool.templates.len(),
        pool.templates.iter().map(|t| t.text.len()).sum::<usize>() >> 20,
        pool.groups.len(),
        words
    );

    let warc_path = cfg.out.join("corpus.warc.gz");
    let truth_path = cfg.out.join("truth.jsonl");
    let mut w = Writers {
        warc: (cfg.format != Format::Dir).then(|| create(&warc_path)),
        truth: create(&truth_path),
        made_dir: None,
        bytes_warc: 0,
        bytes_dir: 0,
    };
    if let Some(warc) = w.warc.as_mut() {
        let info = format!(
            "software: dateline-corpus\r\nformat: WARC File Format 1.0\r\ndescription: synthetic news corpus from the Dateline bench pages\r\nseed: {}\r\ndocs: {}\r\nexact-rate: {}\r\nnear-rate: {}\r\n",
            cfg.seed, cfg.docs, cfg.exact_rate, cfg.near_rate
        );
        let member = warc_member(
            &[
                ("WARC-Type", "warcinfo"),
                ("WARC-Record-ID", &uuid(cfg.seed, u64::MAX)),
                (
                    "WARC-Date",
                    &Moment(days_from_civil(2025, 1, 1) * 86_400).datetime(),
                ),
                ("WARC-Filename", "corpus.warc.gz"),
                ("Content-Type", "application/warc-fields"),
            ],
            &[info.as_bytes()],
        );
        write_all(warc, &member, &warc_path);
        w.bytes_warc += member.len() as u64;
    }

    let mut rng = Rng(hash2(cfg.seed, 0x636f_7270_7573));
    let mut qrng = Rng(hash2(cfg.seed, 0x0071_7565_7279));
    let copies_share = cfg.exact_rate + cfg.near_rate;
    let mean_exact = per_original(cfg.exact_rate, copies_share);
    let mean_near = per_original(cfg.near_rate, copies_share);
    let first_day = days_from_civil(FIRST_DAY.0, FIRST_DAY.1, FIRST_DAY.2);
    let mut summary = Summary {
        templates: pool.templates.len(),
        ..Summary::default()
    };
    let mut stats = QueryStats::default();
    let mut pending: BTreeMap<(u64, u64), Pending> = BTreeMap::new();
    let mut seq = 0u64;
    let mut n = 0u64;
    let mut emitted = 0usize;
    let mut last_report = Instant::now();
    const BATCH: usize = 256;

    while emitted < cfg.docs {
        let mut jobs = Vec::with_capacity(BATCH + 8);
        while jobs.len() < BATCH && emitted < cfg.docs {
            let remaining = cfg.docs - emitted;
            let due = pending
                .first_key_value()
                .is_some_and(|(&(d, _), _)| d <= n || remaining <= pending.len());
            let (kind, story, variant, url) = if due {
                let (_, p) = pending.pop_first().expect("non-empty");
                let url = match p.kind {
                    Kind::Exact if p.copy % 2 == 0 => format!(
                        "{}?utm_source={}&utm_medium=social&utm_campaign=c{}",
                        p.story_url,
                        UTM_SOURCES[(p.copy / 2) as usize % UTM_SOURCES.len()],
                        n
                    ),
                    Kind::Exact => {
                        let path = p.story_url.splitn(4, '/').nth(3).unwrap_or("");
                        format!("https://{}/{}", PARTNERS[(mix(n) % 12) as usize], path)
                    }
                    _ => p.variant.page_url.clone(),
                };
                (p.kind, p.story, p.variant, url)
            } else {
                let t = summary.originals % pool.templates.len();
                summary.originals += 1;
                let day =
                    first_day + (n as i64 * SPAN_DAYS / cfg.docs.max(1) as i64).min(SPAN_DAYS - 1);
                let published =
                    Moment(day * 86_400 + (hash2(cfg.seed ^ 0x7469_6d65, n) % 86_400) as i64);
                let mut variant = Variant {
                    template: t,
                    seed: hash2(cfg.seed, n),
                    perturb: None,
                    title_change: None,
                    published,
                    page_url: String::new(),
                };
                let (y, m, _) = published.ymd();
                let host = &pool.templates[t].host;
                variant.page_url =
                    format!("https://{host}/{y:04}/{m:02}/{}-{n}", pool.slug(&variant));
                let url = variant.page_url.clone();
                for (kind, mean) in [(Kind::Exact, mean_exact), (Kind::Near, mean_near)] {
                    for _ in 0..copies(&mut rng, mean) {
                        seq += 1;
                        let mut copy = variant.clone();
                        if kind == Kind::Near {
                            copy.perturb = Some((
                                hash2(cfg.seed ^ 0x6e65_6172, seq),
                                0.01 + 0.02 * unit(rng.next()),
                            ));
                            let tmpl = &pool.templates[t];
                            if let (Some(word), true) = (tmpl.title_change, rng.chance(0.5)) {
                                copy.title_change =
                                    Some((word, pool.groups[tmpl.group].any(rng.next())));
                            }
                            let partner = PARTNERS[rng.below(PARTNERS.len())];
                            copy.page_url = format!(
                                "https://{partner}/{y:04}/{m:02}/{}-r{seq}",
                                pool.slug(&copy)
                            );
                        }
                        let delay = 1 + rng.below(2000) as u64;
                        pending.insert(
                            (n + delay, seq),
                            Pending {
                                kind,
                                story: n,
                                variant: copy,
                                story_url: url.clone(),
                                copy: seq,
                            },
                        );
                    }
                }
                (Kind::Original, n, variant, url)
            };
            match kind {
                Kind::Original => {}
                Kind::Exact => summary.exact += 1,
                Kind::Near => summary.near += 1,
            }
            let lag = match kind {
                Kind::Original => 600 + rng.below(6 * 3600),
                _ => 3600 + rng.below(30 * 86_400),
            };
            let fetched = Moment(variant.published.0 + lag as i64);
            if cfg.format != Format::Dir && rng.chance(0.005) {
                let host = &pool.templates[variant.template].host;
                jobs.push(Job::Image {
                    n,
                    url: format!("https://{host}/images/{:016x}.jpg", mix(n)),
                    fetched,
                });
                n += 1;
            }
            if cfg.format != Format::Dir && rng.chance(0.005) {
                jobs.push(Job::Request {
                    n,
                    url: url.clone(),
                    fetched,
                    response: n + 1,
                });
                n += 1;
            }
            jobs.push(Job::Html {
                n,
                kind,
                story,
                variant,
                url,
                fetched,
                sample: kind == Kind::Original && summary.originals % 20 == 1,
            });
            n += 1;
            emitted += 1;
        }

        let produced: Vec<Produced> = jobs
            .par_iter()
            .map(|job| produce(&pool, cfg, job))
            .collect();
        for (job, out) in jobs.iter().zip(produced) {
            let mut line = truth_line(cfg, &pool, job);
            line.push('\n');
            write_all(&mut w.truth, line.as_bytes(), &truth_path);
            if let Some(warc) = w.warc.as_mut() {
                write_all(warc, &out.warc, &warc_path);
                w.bytes_warc += out.warc.len() as u64;
            }
            if let Job::Html { n, variant, .. } = job {
                if let Some(page) = &out.page {
                    let folder = n / 1000;
                    if w.made_dir != Some(folder) {
                        let dir = cfg.out.join(format!("pages/{folder:04}"));
                        std::fs::create_dir_all(&dir).unwrap_or_else(|e| {
                            die(&format!("cannot create {}: {e}", dir.display()))
                        });
                        w.made_dir = Some(folder);
                    }
                    let path = cfg.out.join(path_of(*n));
                    std::fs::write(&path, page)
                        .unwrap_or_else(|e| die(&format!("cannot write {}: {e}", path.display())));
                    w.bytes_dir += page.len() as u64;
                }
                if let Some(sample) = out.sample {
                    let t = &pool.templates[variant.template];
                    let lang = &pool.groups[t.group].lang;
                    stats.add(&mut qrng, sample, &t.host, variant.published, lang);
                }
            } else {
                summary.skipped += 1;
            }
        }
        if last_report.elapsed().as_secs_f64() >= 5.0 || emitted == cfg.docs {
            last_report = Instant::now();
            let secs = started.elapsed().as_secs_f64();
            eprintln!(
                "{emitted}/{} docs ({} originals, {} exact, {} near, {} skipped), warc {} MB, dir {} MB, {:.0} docs/s",
                cfg.docs,
                summary.originals,
                summary.exact,
                summary.near,
                summary.skipped,
                w.bytes_warc >> 20,
                w.bytes_dir >> 20,
                emitted as f64 / secs
            );
        }
    }
    if let Some(mut warc) = w.warc.take() {
        warc.flush()
            .unwrap_or_else(|e| die(&format!("cannot write {}: {e}", warc_path.display())));
    }
    w.truth
        .flush()
        .unwrap_or_else(|e| die(&format!("cannot write {}: {e}", truth_path.display())));

    let queries_path = cfg.out.join("queries.jsonl");
    let mut qout = create(&queries_path);
    for q in stats.queries(&mut qrng) {
        write_all(&mut qout, format!("{q}\n").as_bytes(), &queries_path);
    }
    qout.flush()
        .unwrap_or_else(|e| die(&format!("cannot write {}: {e}", queries_path.display())));

    summary.docs = emitted;
    summary.bytes_warc = w.bytes_warc;
    summary.bytes_dir = w.bytes_dir;
    summary.seconds = started.elapsed().as_secs_f64();
    summary
}
