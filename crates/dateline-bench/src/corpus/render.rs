//! Rendering a document from its template: the variant (story seed, near
//! copy changes, date, URL), the word and number mapping it implies, the
//! URL slug, and the `<p>` words and phrases sampled for the queries.

use std::fmt::Write as _;

use super::dates::Moment;
use super::pool::Pool;
use super::rng::{hash2, mix, unit};
use super::slim::F_P;
use super::template::{Piece, Template};
use super::tokens::push_cased;

/// How one HTML document is made from its template.
#[derive(Debug, Clone)]
pub(super) struct Variant {
    pub(super) template: usize,
    /// Word mapping seed (the story's).
    pub(super) seed: u64,
    /// Near copy: per-word replacement seed and probability.
    pub(super) perturb: Option<(u64, f64)>,
    /// Near copy: this title word gets another word.
    pub(super) title_change: Option<(u32, u32)>,
    pub(super) published: Moment,
    /// URL written into the page (canonical, og:url, JSON-LD).
    pub(super) page_url: String,
}

/// Words and a phrase of `<p>` text, for the queries.
#[derive(Debug, Default)]
pub(super) struct Sample {
    pub(super) words: Vec<String>,
    pub(super) phrases: Vec<(String, String)>,
}

impl Pool {
    /// The word id that replaces `id`, the `k`-th word of the page, in `v`.
    fn word(&self, t: &Template, v: &Variant, id: u32, k: usize) -> u32 {
        let g = &self.groups[t.group];
        if let Some((from, to)) = v.title_change {
            if id == from {
                return to;
            }
        }
        if let Some((seed, p)) = v.perturb {
            let h = hash2(seed, k as u64);
            if unit(h) < p {
                return g.any(mix(h));
            }
        }
        g.map(id, v.seed)
    }

    /// The URL slug of a variant: its mapped title words.
    pub(super) fn slug(&self, v: &Variant) -> String {
        let t = &self.templates[v.template];
        let g = &self.groups[t.group];
        let mut slug = String::new();
        for &(i, k) in &t.title_words {
            if let Piece::Word { id, .. } = t.pieces[i] {
                let word = &g.words[self.word(t, v, id, k) as usize];
                if word.bytes().all(|c| c.is_ascii_alphanumeric()) {
                    if !slug.is_empty() {
                        slug.push('-');
                    }
                    slug.push_str(word);
                }
            }
        }
        if slug.is_empty() {
            slug.push_str("story");
        }
        slug
    }

    /// Renders a variant into `out`; returns where a canonical link would go.
    pub(super) fn render(
        &self,
        v: &Variant,
        out: &mut String,
        mut sample: Option<&mut Sample>,
    ) -> usize {
        let t = &self.templates[v.template];
        let g = &self.groups[t.group];
        let (date, datetime) = (v.published.date(), v.published.datetime());
        let mut canon = 0;
        let mut k = 0;
        let mut prev: Option<(usize, u32)> = None;
        for piece in &t.pieces {
            match *piece {
                Piece::Lit(a, b) => out.push_str(&t.text[a as usize..b as usize]),
                Piece::Date(full) => out.push_str(if full { &datetime } else { &date }),
                Piece::Url => out.push_str(&v.page_url),
                Piece::Number(a, b) => push_number(out, &t.text[a as usize..b as usize], v.seed),
                Piece::Canon => canon = out.len(),
                Piece::Word {
                    start,
                    len,
                    id,
                    case,
                    flags,
                } => {
                    k += 1;
                    let to = self.word(t, v, id, k);
                    if to == id && id < g.keep {
                        out.push_str(&t.text[start as usize..(start + len) as usize]);
                    } else {
                        push_cased(out, &g.words[to as usize], case);
                    }
                    if let Some(sample) = sample.as_deref_mut() {
                        if flags & F_P != 0 && to >= g.keep {
                            if let Some((end, before)) = prev {
                                let word_start = out.len() - len_of(out);
                                if &out[end..word_start] == " " && sample.phrases.len() < 64 {
                                    let pair = (
                                        g.words[before as usize].clone(),
                                        g.words[to as usize].clone(),
                                    );
                                    sample.phrases.push(pair);
                                }
                            }
                            sample.words.push(g.words[to as usize].clone());
                            prev = Some((out.len(), to));
                        } else {
                            prev = None;
                        }
                    }
                }
            }
        }
        canon
    }
}

/// Writes the number replacing `digits` in a document with mapping seed
/// `seed`: a year (1900-2099) becomes a year of 2000-2024, other numbers
/// get digits of the same count (no new leading zero).
fn push_number(out: &mut String, digits: &str, seed: u64) {
    let value = digits.bytes().fold(digits.len() as u64, |acc, c| {
        acc.wrapping_mul(31).wrapping_add(u64::from(c))
    });
    let mut h = hash2(seed ^ 0x6e75_6d62, value);
    let year = digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"));
    if year {
        let _ = write!(out, "{}", 2000 + h % 25);
        return;
    }
    for (i, c) in digits.bytes().enumerate() {
        let d = if i == 0 && c != b'0' && digits.len() > 1 {
            1 + h % 9
        } else {
            h % 10
        };
        out.push(char::from(b'0' + d as u8));
        h = mix(h);
    }
}

/// Length in bytes of the word ending `out` (alphanumerics going back).
fn len_of(out: &str) -> usize {
    out.chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .map(char::len_utf8)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_length() {
        let mut out = String::new();
        push_number(&mut out, "2019", 7);
        push_number(&mut out, "305", 7);
        assert!(
            out.starts_with("20") && out.len() == 7 && !out[4..].starts_with('0'),
            "{out}"
        );
    }
}
