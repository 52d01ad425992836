//! Dateline event coding: who did what to whom, where and when, coded in
//! CAMEO and PLOVER, without a parser.
//!
//! Each sentence is matched against the Phoenix dictionaries (verbs and
//! their patterns, actors, agents, discards; see [`dict`]); the actors
//! around each verb become its source and target ([`coder`] says how, with
//! the hard cases); the article's places give the location and its date
//! the date.
//!
//! ```
//! use dateline_events::{Coder, Context};
//!
//! let events = Coder::embedded().code_text("Turkey attacked Syria on Monday.", &Context::default());
//! assert_eq!(events[0].source.as_ref().unwrap().code, "TUR");
//! assert_eq!(events[0].target.as_ref().unwrap().country.as_deref(), Some("SYR"));
//! assert_eq!(events[0].plover, "ASSAULT");
//! ```

pub mod coder;
mod dates;
pub mod dict;
mod patterns;
pub mod phrases;
pub mod plover;
mod sports;
pub mod text;

pub use coder::{Mode, Statements};
pub use dateline_model::{Event, EventActor, PlaceMention, Span, Surface, Timestamp};
pub use dict::{Dictionaries, DictionaryError, DictionaryFiles};
pub use plover::Plover;

use dict::lexicon::{Kind, Scan};
use phrases::Actor;
use text::Token;

/// What the article says besides the sentence: its places (for locations,
/// and so that a city is a place rather than an actor) and its date.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// The places enrichment found in the text (character offsets).
    pub places: &'a [PlaceMention],
    /// When the article was published.
    pub date: Option<Timestamp>,
}

/// Options of the coder.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Whether plain statements are events.
    pub statements: Statements,
}

impl Options {
    /// Sets whether plain statements are events.
    pub fn statements(mut self, statements: Statements) -> Self {
        self.statements = statements;
        self
    }
}

/// An event coder: dictionaries, the PLOVER table and options.
pub struct Coder<'d> {
    dict: &'d Dictionaries,
    plover: &'static Plover,
    options: Options,
}

impl Coder<'static> {
    /// The coder with the dictionaries compiled into the binary.
    pub fn embedded() -> Self {
        Self::new(Dictionaries::embedded(), Options::default())
    }
}

impl<'d> Coder<'d> {
    /// A coder over `dict`.
    pub fn new(dict: &'d Dictionaries, options: Options) -> Self {
        Self {
            dict,
            plover: Plover::embedded(),
            options,
        }
    }

    /// The events of a whole text, sentence by sentence; none when the
    /// text holds a story-level discard (sports, entertainment).
    pub fn code_text(&self, text: &str, context: &Context) -> Vec<Event> {
        let mut out = Vec::new();
        let mut offsets = Offsets::new(text);
        for (start, end) in text::sentences(text) {
            match self.sentence(text, start, end, context, &mut offsets) {
                Coded::Events(events) => out.extend(events),
                Coded::DiscardStory => return Vec::new(),
            }
        }
        out
    }

    /// The events of `text[start..end]` (byte offsets), one sentence.
    pub fn code_sentence(
        &self,
        text: &str,
        start: usize,
        end: usize,
        context: &Context,
    ) -> Vec<Event> {
        match self.sentence(text, start, end, context, &mut Offsets::new(text)) {
            Coded::Events(events) => events,
            Coded::DiscardStory => Vec::new(),
        }
    }

    fn sentence(
        &self,
        text: &str,
        start: usize,
        end: usize,
        context: &Context,
        offsets: &mut Offsets,
    ) -> Coded {
        let tokenized = text::tokenize(text, start, end);
        let tokens = &tokenized.list;
        let words = tokenized.words();
        let scan = Scan::of(&self.dict.lexicon, &words);
        for i in (0..words.len()).filter(|&i| scan.has(i, Kind::Discard)) {
            let candidates = scan.at(i, Kind::Discard);
            if let Some((_, &story)) = self.dict.discards.longest_among(candidates, &words, i) {
                if story {
                    return Coded::DiscardStory;
                }
                return Coded::Events(Vec::new());
            }
        }
        // A match result ("Russia beat Croatia 2-1") is sport, not an event.
        if sports::holds_score(&words) {
            return Coded::Events(Vec::new());
        }
        // No form of a dictionary verb: nothing to code.
        if !words
            .iter()
            .any(|w| self.dict.verbs.by_first.contains_key(w))
        {
            return Coded::Events(Vec::new());
        }
        // Every event has a source, and sources are actor phrases: without
        // an actor's or agent's first word there is nothing to code.
        if !(0..words.len()).any(|i| scan.has(i, Kind::Actor) || scan.has(i, Kind::Agent)) {
            return Coded::Events(Vec::new());
        }
        let skip = skipped(tokens, &words);
        let day = context.date.map(|d| d.day_number());
        // Offsets are counted forward from the last one asked: the
        // sentence's start before its tokens, its end after them (asked
        // out of order, the count starts again from the text's start).
        let sentence_start = offsets.at(start);
        let char_spans: Vec<(usize, usize)> = tokens
            .iter()
            .map(|t| (offsets.at(t.start), offsets.at(t.end)))
            .collect();
        // A city the article resolved as a place is where, not who (PLOVER
        // codes cities as locations; capitals stand for governments).
        let blocked = |first: usize, end: usize| {
            let (s, e) = (char_spans[first].0, char_spans[end - 1].1);
            context.places.iter().any(|p| {
                p.start <= s
                    && e <= p.end
                    && !matches!(p.kind.as_str(), "country" | "capital")
                    && p.mention != "demonym"
            })
        };
        let phrases = phrases::phrases(self.dict, tokens, &words, &scan, &skip, day, &blocked);
        if phrases.is_empty() {
            return Coded::Events(Vec::new());
        }
        let quoted = coder::quoted(&words);
        let input = coder::Input {
            tokens,
            words: &words,
            skip: &skip,
            phrases: &phrases,
            quoted: &quoted,
            scan: &scan,
        };
        let raws = coder::code(self.dict, &input, self.options.statements);
        if raws.is_empty() {
            return Coded::Events(Vec::new());
        }
        let sentence = Span {
            start: sentence_start,
            end: offsets.at(end),
        };
        let date = dates::event_date(&words, context.date);
        let events = raws
            .into_iter()
            .map(|raw| {
                let actor = |a: &Actor| self.actor(a, text, tokens, &char_spans);
                let (vf, ve) = raw.verb;
                let location = location(context.places, sentence, &raw, &char_spans);
                Event {
                    sentence,
                    source: raw.source.as_ref().map(actor),
                    target: raw.target.as_ref().map(actor),
                    plover: self.plover.category(&raw.code).unwrap_or("").to_string(),
                    cameo: raw.code,
                    verb: Surface {
                        surface: text[tokens[vf].start..tokens[ve - 1].end].to_string(),
                        start: char_spans[vf].0,
                        end: char_spans[ve - 1].1,
                    },
                    location,
                    date: date.clone(),
                    mode: match raw.mode {
                        Mode::Asserted => "asserted",
                        Mode::Future => "future",
                    }
                    .to_string(),
                    confidence: raw.confidence,
                }
            })
            .collect();
        Coded::Events(events)
    }

    fn actor(
        &self,
        a: &Actor,
        text: &str,
        tokens: &[Token],
        spans: &[(usize, usize)],
    ) -> EventActor {
        let (country, sector) = split_code(&a.code);
        EventActor {
            code: a.code.clone(),
            country,
            sector,
            name: a.name.clone(),
            surface: text[tokens[a.first].start..tokens[a.end - 1].end].to_string(),
            start: spans[a.first].0,
            end: spans[a.end - 1].1,
        }
    }
}

enum Coded {
    Events(Vec<Event>),
    DiscardStory,
}

/// `RUSMIL` -> (RUS, MIL); `IGOUNO` -> (none, IGO); `---GOV` -> (none, GOV).
fn split_code(code: &str) -> (Option<String>, Option<String>) {
    let head = code.get(..3).unwrap_or(code);
    let rest = code.get(3..6).filter(|r| !r.is_empty());
    let international = matches!(head, "IGO" | "NGO" | "IMG" | "MNC" | "NGM" | "UIS");
    if international {
        return (None, Some(head.to_string()));
    }
    let sector = rest.map(|r| {
        if r == "CIV" {
            "CVL".to_string()
        } else {
            r.to_string()
        }
    });
    let country =
        (head.len() == 3 && head.chars().all(|c| c.is_ascii_uppercase())).then(|| head.to_string());
    (country, sector)
}

/// Tokens in parentheses (credits, acronyms) and a dateline ("CEBU CITY:
/// --", "DAMASCUS (Reuters) -") are not read.
fn skipped(tokens: &[Token], words: &[&str]) -> Vec<bool> {
    let mut skip = vec![false; tokens.len()];
    let mut depth = 0usize;
    for (i, w) in words.iter().enumerate() {
        match *w {
            "(" | "[" => depth += 1,
            ")" | "]" => {
                depth = depth.saturating_sub(1);
                skip[i] = true;
            }
            _ => {}
        }
        if depth > 0 {
            skip[i] = true;
        }
    }
    // A dateline: capitals up to a colon or dash near the start.
    let head = words
        .iter()
        .take(8)
        .position(|w| matches!(*w, ":" | "-" | "—" | "–"));
    if let Some(at) = head {
        let head_words = || (0..at).filter(|&k| tokens[k].word).map(|k| words[k]);
        let capitals = head_words().all(|w| !w.chars().any(char::is_lowercase))
            && head_words().all(|w| w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()));
        let shouting = tokens[..at].iter().filter(|t| t.word).count() <= 4;
        if capitals && shouting && at > 0 && dateline_case(tokens, at) {
            let mut end = at;
            while end < tokens.len() && !tokens[end].word {
                end += 1;
            }
            skip[..end].iter_mut().for_each(|s| *s = true);
        }
    }
    skip
}

/// Whether the words before a dateline's mark are written in capitals or
/// followed by a news agency in parentheses.
fn dateline_case(tokens: &[Token], at: usize) -> bool {
    let _ = at;
    tokens.first().is_some_and(|t| t.word && t.capital)
}

/// The place of the event: a place of the sentence that is not one of its
/// actors and not a demonym, preferring one after "in", "near", "at".
fn location(
    places: &[PlaceMention],
    sentence: Span,
    raw: &coder::Raw,
    spans: &[(usize, usize)],
) -> Option<PlaceMention> {
    let actor_span = |a: &Option<Actor>| a.as_ref().map(|a| (spans[a.first].0, spans[a.end - 1].1));
    let taken = [actor_span(&raw.source), actor_span(&raw.target)];
    let candidates: Vec<&PlaceMention> = places
        .iter()
        .filter(|p| p.start >= sentence.start && p.end <= sentence.end && p.mention != "demonym")
        .filter(|p| {
            !taken
                .iter()
                .flatten()
                .any(|&(s, e)| p.start < e && s < p.end)
        })
        .collect();
    let verb_at = spans[raw.verb.0].0;
    candidates
        .iter()
        .find(|p| p.start >= verb_at && p.kind != "country")
        .or_else(|| candidates.iter().find(|p| p.start >= verb_at))
        .or_else(|| candidates.first())
        .map(|p| (*p).clone())
}

/// Byte to character offsets, for increasing offsets.
struct Offsets<'t> {
    text: &'t str,
    byte: usize,
    chars: usize,
}

impl<'t> Offsets<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            text,
            byte: 0,
            chars: 0,
        }
    }

    fn at(&mut self, at: usize) -> usize {
        if at < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..at].chars().count();
        self.byte = at;
        self.chars
    }
}
