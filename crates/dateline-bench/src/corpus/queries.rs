//! The search benchmark's queries (`queries.jsonl`): document frequencies
//! and a reservoir of sampled originals, from which 200 queries of varied
//! kinds (single words by frequency, AND, phrase, site, date range,
//! language, exclusion) are drawn from words the corpus really has.

use std::collections::HashMap;
use std::ops::Range;

use super::dates::Moment;
use super::render::Sample;
use super::rng::Rng;

/// What the query maker keeps of a sampled original.
struct Kept {
    words: Vec<String>,
    phrase: Option<(String, String)>,
    host: String,
    published: Moment,
    lang: String,
}

/// Document frequencies of sampled `<p>` words and a reservoir sample of
/// originals (bounded memory however large the corpus).
#[derive(Default)]
pub(super) struct QueryStats {
    df: HashMap<String, u32>,
    kept: Vec<Kept>,
    seen: usize,
}

/// Size of the reservoir.
const KEPT_MAX: usize = 2000;

impl QueryStats {
    pub(super) fn add(
        &mut self,
        rng: &mut Rng,
        mut sample: Sample,
        host: &str,
        published: Moment,
        lang: &str,
    ) {
        sample.words.sort_unstable();
        sample.words.dedup();
        if sample.words.is_empty() {
            return;
        }
        for w in &sample.words {
            *self.df.entry(w.clone()).or_insert(0) += 1;
        }
        self.seen += 1;
        let slot = if self.kept.len() < KEPT_MAX {
            None
        } else {
            let j = rng.below(self.seen);
            if j >= KEPT_MAX {
                return;
            }
            Some(j)
        };
        let mut words = sample.words;
        for i in 0..words.len().min(30) {
            let j = i + rng.below(words.len() - i);
            words.swap(i, j);
        }
        words.truncate(30);
        let phrase = (!sample.phrases.is_empty())
            .then(|| sample.phrases.swap_remove(rng.below(sample.phrases.len())));
        let kept = Kept {
            words,
            phrase,
            host: host.to_string(),
            published,
            lang: lang.to_string(),
        };
        match slot {
            Some(j) => self.kept[j] = kept,
            None => self.kept.push(kept),
        }
    }

    /// 200 varied queries.
    pub(super) fn queries(&self, rng: &mut Rng) -> Vec<serde_json::Value> {
        let mut out = Vec::new();
        if self.kept.is_empty() {
            return out;
        }
        let mut by_df: Vec<(&String, u32)> = self
            .df
            .iter()
            .filter(|(w, _)| w.chars().count() >= 3)
            .map(|(w, c)| (w, *c))
            .collect();
        by_df.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let n = by_df.len();
        let pick = |rng: &mut Rng, range: Range<usize>| {
            by_df[range.start + rng.below(range.len())].0.clone()
        };
        let frequent = 0..(n / 100).max(1).min(n);
        let medium = (n / 10).min(n.saturating_sub(1))..(n / 4).max(n / 10 + 1).min(n);
        let rare_start = by_df
            .iter()
            .position(|(_, c)| *c <= 1)
            .unwrap_or(n * 3 / 4)
            .min(n - 1);
        let rare = rare_start..n;
        let kept = |rng: &mut Rng| &self.kept[rng.below(self.kept.len())];
        let word_of = |rng: &mut Rng, k: &Kept| k.words[rng.below(k.words.len())].clone();
        let q = |text: String, kind: &str| serde_json::json!({"q": text, "kind": kind});
        for i in 0..42 {
            let (range, kind) = match i % 3 {
                0 => (frequent.clone(), "word-frequent"),
                1 => (medium.clone(), "word-medium"),
                _ => (rare.clone(), "word-rare"),
            };
            out.push(q(pick(rng, range), kind));
        }
        for i in 0..40 {
            let k = kept(rng);
            let mut words: Vec<String> = Vec::new();
            for _ in 0..8 {
                let w = word_of(rng, k);
                if !words.contains(&w) {
                    words.push(w);
                }
                if words.len() == 2 + i % 2 {
                    break;
                }
            }
            out.push(q(words.join(" "), "and"));
        }
        let phrases: Vec<&Kept> = self.kept.iter().filter(|k| k.phrase.is_some()).collect();
        for _ in 0..30 {
            if let Some(k) = (!phrases.is_empty()).then(|| phrases[rng.below(phrases.len())]) {
                let (a, b) = k.phrase.as_ref().expect("filtered");
                out.push(q(format!("\"{a} {b}\""), "phrase"));
            }
        }
        for _ in 0..24 {
            let k = kept(rng);
            out.push(q(format!("{} site:{}", word_of(rng, k), k.host), "site"));
        }
        for _ in 0..24 {
            let k = kept(rng);
            let span = 30 + rng.below(700) as i64;
            let before = rng.below(span as usize) as i64;
            let from = Moment(k.published.0 - before * 86_400);
            let to = Moment(from.0 + span * 86_400);
            let mut v = q(word_of(rng, k), "date");
            v["from"] = from.date().into();
            v["to"] = to.date().into();
            out.push(v);
        }
        let with_lang: Vec<&Kept> = self.kept.iter().filter(|k| k.lang != "und").collect();
        for _ in 0..20 {
            if let Some(k) = (!with_lang.is_empty()).then(|| with_lang[rng.below(with_lang.len())])
            {
                let mut v = q(word_of(rng, k), "lang");
                v["lang"] = k.lang.clone().into();
                out.push(v);
            }
        }
        while out.len() < 200 {
            let excluded = pick(rng, frequent.clone());
            let k = kept(rng);
            let word = word_of(rng, k);
            if word != excluded {
                out.push(q(format!("{word} -{excluded}"), "exclude"));
            }
        }
        out.truncate(200);
        out
    }
}
