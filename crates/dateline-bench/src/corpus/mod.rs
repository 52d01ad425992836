//! A synthetic news corpus for the scale benchmarks (`dateline-corpus`).
//!
//! The bench pages are the templates. Each is slimmed once (script, style,
//! svg and noscript contents and comments removed, JSON-LD kept) and parsed
//! into pieces: literal markup, words of visible text (and of title and
//! description metadata and JSON-LD headline/description/body strings),
//! date slots and URL slots. An *original* document is a template with every
//! word that is not one of its language group's most frequent words mapped,
//! by a seeded per-document hash, to a word of similar frequency rank in the
//! group's vocabulary; so originals share almost no shingles while their text
//! keeps a natural word distribution. Exact copies (byte-identical HTML under
//! another URL) and near copies (1-3 % of words replaced, sometimes a title
//! word) follow their original within a window of records, at known rates.
//!
//! Output: `corpus.warc.gz` (one gzip member per record), `pages/<nnnn>/<n>.html.gz`,
//! `truth.jsonl` (one line per record) and `queries.jsonl` (search benchmark).
//! Everything is deterministic from the seed and streams in bounded memory.
//!
//! The parts, in the order a document goes through them: `rng` (seeded
//! hashing), `dates`, `tokens` and `slim` (a page slimmed and parsed),
//! `template` and `pool` (templates and their vocabularies), `render` (a
//! variant of a template as HTML), `produce` (a record's bytes and truth
//! line), `writers` (gzip, WARC, files), `queries`, and `generate`, which
//! drives them.

mod dates;
mod generate;
mod pool;
mod produce;
mod queries;
mod render;
mod rng;
mod slim;
mod template;
mod tokens;
mod writers;

use std::path::PathBuf;

pub use generate::generate;

/// What `generate` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Only `corpus.warc.gz`.
    Warc,
    /// Only `pages/<nnnn>/<n>.html.gz`.
    Dir,
    /// Both.
    Both,
}

/// Corpus parameters.
#[derive(Debug, Clone)]
pub struct Config {
    /// The bench data folder (`../shared/bench`).
    pub data: PathBuf,
    /// HTML documents to emit (originals and copies; non-HTML records come on top).
    pub docs: usize,
    /// Output folder.
    pub out: PathBuf,
    /// Output forms.
    pub format: Format,
    /// Seed of every random choice.
    pub seed: u64,
    /// Share of exact copies among the HTML documents.
    pub exact_rate: f64,
    /// Share of near copies among the HTML documents.
    pub near_rate: f64,
}

/// The summary `generate` returns (printed as JSON by the binary).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Summary {
    /// HTML documents emitted.
    pub docs: usize,
    /// Of which originals.
    pub originals: usize,
    /// Of which exact copies.
    pub exact: usize,
    /// Of which near copies.
    pub near: usize,
    /// Non-HTML WARC records (image responses and requests), not in `docs`.
    pub skipped: usize,
    /// Templates used.
    pub templates: usize,
    /// Size of `corpus.warc.gz`.
    pub bytes_warc: u64,
    /// Total size of the page files.
    pub bytes_dir: u64,
    /// Wall time.
    pub seconds: f64,
}
