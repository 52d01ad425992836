//! Records: what one record is (an HTML document of some kind, or a
//! non-HTML image response or request), its bytes in each output form
//! (made in parallel), and its line of `truth.jsonl`.

use std::io::Write;

use flate2::Compression;

use super::dates::Moment;
use super::pool::Pool;
use super::render::{Sample, Variant};
use super::rng::{hash2, Rng};
use super::writers::{gz, path_of, uuid, warc_member};
use super::{Config, Format};

/// What an HTML document is to its story (`kind` in `truth.jsonl`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Original,
    Exact,
    Near,
}

impl Kind {
    pub(super) fn name(self) -> &'static str {
        match self {
            Kind::Original => "original",
            Kind::Exact => "exact",
            Kind::Near => "near",
        }
    }
}

/// One record to produce.
pub(super) enum Job {
    Html {
        n: u64,
        kind: Kind,
        story: u64,
        variant: Variant,
        url: String,
        fetched: Moment,
        sample: bool,
    },
    Image {
        n: u64,
        url: String,
        fetched: Moment,
    },
    Request {
        n: u64,
        url: String,
        fetched: Moment,
        response: u64,
    },
}

/// The bytes of one record in each output form, and its `<p>` sample.
pub(super) struct Produced {
    pub(super) warc: Vec<u8>,
    pub(super) page: Option<Vec<u8>>,
    pub(super) sample: Option<Sample>,
}

/// Makes the bytes of one record (run in parallel over a batch).
pub(super) fn produce(pool: &Pool, cfg: &Config, job: &Job) -> Produced {
    let seed = cfg.seed;
    let warc = cfg.format != Format::Dir;
    let dir = cfg.format != Format::Warc;
    match job {
        Job::Html {
            n,
            variant,
            url,
            fetched,
            sample,
            ..
        } => {
            let t = &pool.templates[variant.template];
            let mut html = String::with_capacity(t.text.len() + 4096);
            let mut collected = sample.then(Sample::default);
            let canon = pool.render(variant, &mut html, collected.as_mut());
            let warc = warc.then(|| {
                let http = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
                    html.len()
                );
                warc_member(
                    &[
                        ("WARC-Type", "response"),
                        ("WARC-Record-ID", &uuid(seed, *n)),
                        ("WARC-Date", &fetched.datetime()),
                        ("WARC-Target-URI", url),
                        ("Content-Type", "application/http; msgtype=response"),
                    ],
                    &[http.as_bytes(), html.as_bytes()],
                )
            });
            let page = dir.then(|| {
                let mut enc = gz(Compression::fast(), html.len() / 4 + 256);
                let mut write = |b: &[u8]| enc.write_all(b).expect("writing to memory");
                if t.has_canonical {
                    write(html.as_bytes());
                } else {
                    write(&html.as_bytes()[..canon]);
                    write(
                        format!("<link rel=\"canonical\" href=\"{}\">", variant.page_url)
                            .as_bytes(),
                    );
                    write(&html.as_bytes()[canon..]);
                }
                enc.finish().expect("writing to memory")
            });
            Produced {
                warc: warc.unwrap_or_default(),
                page,
                sample: collected,
            }
        }
        Job::Image { n, url, fetched } => {
            let mut rng = Rng(hash2(seed, *n));
            let size = 2048 + rng.below(6144);
            let mut jpeg =
                b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00".to_vec();
            jpeg.extend((0..size).map(|_| rng.next() as u8));
            jpeg.extend(b"\xff\xd9");
            let http = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: {}\r\n\r\n",
                jpeg.len()
            );
            Produced {
                warc: warc_member(
                    &[
                        ("WARC-Type", "response"),
                        ("WARC-Record-ID", &uuid(seed, *n)),
                        ("WARC-Date", &fetched.datetime()),
                        ("WARC-Target-URI", url),
                        ("Content-Type", "application/http; msgtype=response"),
                    ],
                    &[http.as_bytes(), &jpeg],
                ),
                page: None,
                sample: None,
            }
        }
        Job::Request {
            n,
            url,
            fetched,
            response,
        } => {
            let (host, path) = url
                .split_once("://")
                .and_then(|(_, rest)| rest.find('/').map(|p| (&rest[..p], &rest[p..])))
                .unwrap_or(("example.org", "/"));
            let http = format!(
                "GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: dateline-corpus/1.0\r\nAccept: text/html\r\n\r\n"
            );
            Produced {
                warc: warc_member(
                    &[
                        ("WARC-Type", "request"),
                        ("WARC-Record-ID", &uuid(seed, *n)),
                        ("WARC-Date", &fetched.datetime()),
                        ("WARC-Target-URI", url),
                        ("WARC-Concurrent-To", &uuid(seed, *response)),
                        ("Content-Type", "application/http; msgtype=request"),
                    ],
                    &[http.as_bytes()],
                ),
                page: None,
                sample: None,
            }
        }
    }
}

/// The `truth.jsonl` line of one record (without the newline).
pub(super) fn truth_line(cfg: &Config, pool: &Pool, job: &Job) -> String {
    let value = match job {
        Job::Html {
            n,
            kind,
            story,
            variant,
            url,
            ..
        } => serde_json::json!({
            "n": n, "record_id": uuid(cfg.seed, *n),
            "path": (cfg.format != Format::Warc).then(|| path_of(*n)),
            "url": url, "story": story, "kind": kind.name(),
            "published": variant.published.date(),
            "template": pool.templates[variant.template].id,
        }),
        Job::Image { n, url, .. } | Job::Request { n, url, .. } => serde_json::json!({
            "n": n, "record_id": uuid(cfg.seed, *n), "path": null, "url": url,
            "story": null, "kind": "skip",
            "type": if matches!(job, Job::Image { .. }) { "image" } else { "request" },
        }),
    };
    value.to_string()
}
