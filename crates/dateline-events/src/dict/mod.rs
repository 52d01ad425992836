//! The dictionaries an event coder reads: verbs and patterns, actors,
//! agents and discards, in the PETRARCH formats.
//!
//! [`Dictionaries::embedded`] holds the Phoenix dictionaries (MIT, Open
//! Event Data Alliance; the notice is `data/LICENSE-phoenix-dictionaries`)
//! and Dateline's own additions (`data/dateline.*.txt`, each entry with its
//! source), compiled into the binary and parsed once on first use.
//! [`Dictionaries::from_files`] reads another set, such as the PETRARCH
//! validation dictionaries.

pub mod actors;
pub mod forms;
pub mod lexicon;
pub mod trie;
pub mod verbs;
pub mod words;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use actors::{ActorGroup, Agent, PhraseIndex};
use verbs::Verbs;
use words::{is_markup, phrase, strip_comment};

/// A dictionary file that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum DictionaryError {
    /// The file could not be read.
    #[error("reading {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// Every dictionary the coder uses.
#[derive(Debug, Default)]
pub struct Dictionaries {
    /// Verbs, their patterns and synonym sets.
    pub verbs: Verbs,
    /// Actor groups (names and codes).
    pub groups: Vec<ActorGroup>,
    /// Actor names to their group.
    pub actors: PhraseIndex<u32>,
    /// Agents (role words).
    pub agents: PhraseIndex<Agent>,
    /// Discard phrases: `true` when the whole story goes.
    pub discards: PhraseIndex<bool>,
    /// The first words of all of the above, for one lookup per token.
    pub lexicon: lexicon::Lexicon,
}

/// Which files make a dictionary set.
#[derive(Debug, Clone, Default)]
pub struct DictionaryFiles {
    /// Verb pattern files.
    pub verbs: Vec<PathBuf>,
    /// Actor files.
    pub actors: Vec<PathBuf>,
    /// Agent files.
    pub agents: Vec<PathBuf>,
    /// Discard files.
    pub discards: Vec<PathBuf>,
}

impl DictionaryFiles {
    /// The PETRARCH validation set in `dir` (`PETR.Validate.*.txt`).
    pub fn petrarch_validation(dir: &Path) -> Self {
        let file = |name: &str| vec![dir.join(format!("PETR.Validate.{name}.txt"))];
        Self {
            verbs: file("verbs"),
            actors: file("actors"),
            agents: file("agents"),
            discards: file("discards"),
        }
    }
}

static EMBEDDED: OnceLock<Dictionaries> = OnceLock::new();

impl Dictionaries {
    /// The dictionaries compiled into the binary (parsed on first use).
    pub fn embedded() -> &'static Dictionaries {
        EMBEDDED.get_or_init(|| {
            Self::from_texts(
                &[
                    include_str!("../../data/CAMEO.verbpatterns.150430.txt"),
                    include_str!("../../data/dateline.verbs.txt"),
                ],
                &[
                    include_str!("../../data/Phoenix.Countries.actors.txt"),
                    include_str!("../../data/Phoenix.International.actors.txt"),
                    include_str!("../../data/Phoenix.MilNonState.actors.txt"),
                    include_str!("../../data/dateline.actors.txt"),
                ],
                &[
                    include_str!("../../data/Phoenix.agents.txt"),
                    include_str!("../../data/dateline.agents.txt"),
                ],
                &[
                    include_str!("../../data/Phoenix.discards.txt"),
                    include_str!("../../data/dateline.discards.txt"),
                ],
            )
        })
    }

    /// Reads a set of files.
    pub fn from_files(files: &DictionaryFiles) -> Result<Self, DictionaryError> {
        let read = |paths: &[PathBuf]| -> Result<Vec<String>, DictionaryError> {
            paths
                .iter()
                .map(|p| {
                    std::fs::read(p)
                        .map(|b| String::from_utf8_lossy(&b).into_owned())
                        .map_err(|source| DictionaryError::Read {
                            path: p.clone(),
                            source,
                        })
                })
                .collect()
        };
        let (v, a, g, d) = (
            read(&files.verbs)?,
            read(&files.actors)?,
            read(&files.agents)?,
            read(&files.discards)?,
        );
        fn refs(v: &[String]) -> Vec<&str> {
            v.iter().map(String::as_str).collect()
        }
        Ok(Self::from_texts(&refs(&v), &refs(&a), &refs(&g), &refs(&d)))
    }

    /// Parses dictionary texts.
    pub fn from_texts(verbs: &[&str], actors: &[&str], agents: &[&str], discards: &[&str]) -> Self {
        let mut out = Self {
            agents: PhraseIndex::nouns(),
            ..Self::default()
        };
        for text in verbs {
            out.verbs.parse(text);
        }
        out.verbs.finish();
        for text in actors {
            actors::parse_actors(text, &mut out.groups, &mut out.actors);
        }
        for text in agents {
            actors::parse_agents(text, &mut out.agents);
        }
        for text in discards {
            parse_discards(text, &mut out.discards);
        }
        out.lexicon = lexicon::Lexicon::new(&out);
        out
    }
}

/// One phrase a line; `+` marks a story-level discard.
fn parse_discards(text: &str, index: &mut PhraseIndex<bool>) {
    for raw in text.lines() {
        if is_markup(raw) || raw.trim_start().starts_with('#') {
            continue;
        }
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        let story = line.starts_with('+');
        index.insert(phrase(line.trim_start_matches('+')), story);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_dictionaries_parse() {
        let d = Dictionaries::embedded();
        assert!(d.verbs.blocks.len() > 300, "{}", d.verbs.blocks.len());
        assert!(d.verbs.forms.len() > 5_000, "{}", d.verbs.forms.len());
        assert!(d.actors.len() > 20_000, "{}", d.actors.len());
        assert!(d.agents.len() > 1_000, "{}", d.agents.len());
        let (n, &g) = d.actors.longest(&["TURKEY"], 0).unwrap();
        assert_eq!(
            (n, d.groups[g as usize].codes_on(None).unwrap()[0].as_str()),
            (1, "TUR")
        );
        let (_, story) = d.discards.longest(&["MANCHESTER", "UNITED"], 0).unwrap();
        assert!(*story);
    }

    #[test]
    fn dateline_verb_additions_code_moves_of_forces() {
        let coder = crate::Coder::embedded();
        let code = |text: &str| -> Vec<(String, String)> {
            coder
                .code_text(text, &crate::Context::default())
                .into_iter()
                .map(|e| (e.source.map(|s| s.code).unwrap_or_default(), e.cameo))
                .collect()
        };
        assert_eq!(
            code("Russian forces entered the town."),
            vec![("RUSMIL".to_string(), "154".to_string())]
        );
        assert_eq!(
            code("Russian forces withdrew."),
            vec![("RUSMIL".to_string(), "0874".to_string())]
        );
    }

    /// (source, CAMEO, target) of each event of `text`, embedded dictionaries.
    fn triples(text: &str) -> Vec<(String, String, String)> {
        crate::Coder::embedded()
            .code_text(text, &crate::Context::default())
            .into_iter()
            .map(|e| {
                (
                    e.source.map(|s| s.code).unwrap_or_default(),
                    e.cameo,
                    e.target.map(|t| t.code).unwrap_or_default(),
                )
            })
            .collect()
    }

    fn t(s: &str, c: &str, o: &str) -> (String, String, String) {
        (s.to_string(), c.to_string(), o.to_string())
    }

    #[test]
    fn dateline_idioms_of_hold_and_take() {
        assert_eq!(
            triples("Russia held talks with China."),
            vec![t("RUS", "046", "CHN"), t("CHN", "046", "RUS")]
        );
        assert_eq!(
            triples("Russia and China held talks."),
            vec![t("RUS", "046", "CHN"), t("CHN", "046", "RUS")]
        );
        assert_eq!(
            triples("Iraqi teachers held protests against the government of Iraq."),
            vec![t("IRQEDU", "141", "IRQGOV")]
        );
        assert_eq!(
            triples("The talks between Russia and China took place in Moscow."),
            vec![]
        );
        assert_eq!(
            triples("The Russian military took part in the talks."),
            vec![]
        );
        assert_eq!(triples("The Syrian regime held on to power."), vec![]);
        assert_eq!(
            triples("Hamas claimed responsibility for the attack on Israel."),
            vec![t("PSEREBHMS", "015", "ISR")]
        );
        // The verb's other senses stay.
        assert_eq!(
            triples("The Taliban held two Americans hostage."),
            vec![t("AFGREB", "173", "USA")]
        );
    }

    #[test]
    fn leaving_a_place_is_no_visit() {
        assert_eq!(triples("Britain left the EU on Friday."), vec![]);
        assert_eq!(triples("Russia left Syria."), vec![]);
        assert_eq!(
            triples("Russia left for China on Thursday."),
            vec![t("RUS", "042", "CHN"), t("CHN", "043", "RUS")]
        );
        assert_eq!(
            triples("Russian forces left Syria."),
            vec![t("RUSMIL", "0874", "SYR")]
        );
    }

    #[test]
    fn the_subject_of_dying_or_suffering_is_the_victim() {
        assert_eq!(triples("Three Iraqi soldiers died in Syria."), vec![]);
        assert_eq!(triples("France has suffered from pollution."), vec![]);
        assert_eq!(
            triples("Two Iraqi soldiers died in a raid by Iranian forces."),
            vec![t("IRNMIL", "190", "IRQMIL")]
        );
        assert_eq!(
            triples("Iran injured Iraqi soldiers."),
            vec![t("IRN", "180", "IRQMIL")]
        );
    }
}
