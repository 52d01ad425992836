//! What is learned across many dumps of one site: its repeated lines.
//!
//! Navigation, footers, "most read" lists and legal lines come back on
//! every page of a site, while article text does not. A line found on a
//! good share of a site's pages is therefore boilerplate there, whatever
//! its wording or language.
//!
//! Dumps carry no URL, so a batch is first grouped into sites by the lines
//! pages share ([`learn_profiles`]).
//!
//! Known failures: sites built on one template (a newspaper group) share a
//! group, which is harmless as they share boilerplate too; two copies of
//! one article teach their text as boilerplate, so extraction ignores a
//! profile that would remove most of a page's running text.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::line::Line;

/// Share of a site's pages a line must be on to count as boilerplate.
const MIN_SHARE: f64 = 0.4;
/// Lines longer than this are never learned (bounds memory on huge pages).
/// Long repeated lines are learned: press-release "About us" paragraphs are
/// boilerplate; extraction ignores a profile that would take most of a
/// page's text (a duplicated page).
const MAX_LEARNED_CHARS: usize = 2000;
/// Lines on more groups than this are web-wide vocabulary ("Facebook"),
/// no evidence that two pages share a site.
const MAX_GROUPS_PER_LINE: usize = 32;

/// The boilerplate lines of one site, learned from several of its dumps.
///
/// ```
/// use dateline_extract::text::{extract_dump, SiteProfile};
///
/// let nav = "Home\nWorld\nSport\nDaily Planet Newsletter\n";
/// let a = format!("{nav}Storm hits the coast\nHeavy rain flooded hundreds of homes along the coast on Monday, officials said.");
/// let b = format!("{nav}Mayor opens bridge\nThe new bridge over the river opened to traffic on Tuesday after three years of work.");
/// let profile = SiteProfile::learn(&[&a, &b]);
/// assert!(profile.is_boilerplate("Daily Planet Newsletter"));
/// assert!(!profile.is_boilerplate("Storm hits the coast"));
/// let article = extract_dump(&a, None, Some(&profile));
/// assert!(!article.text.contains("Newsletter"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteProfile {
    /// How many pages the profile was learned from.
    pub pages: usize,
    /// Normalised (lower-cased, whitespace-collapsed) boilerplate lines.
    pub lines: HashSet<String>,
}

impl SiteProfile {
    /// Learns a site's boilerplate from dumps of its pages: the lines found
    /// on at least 40% of the pages, and on two pages at least. Fewer than
    /// two pages teach nothing.
    pub fn learn(pages: &[&str]) -> SiteProfile {
        let keys: Vec<HashSet<String>> = pages.iter().map(|p| page_keys(p)).collect();
        Self::from_keys(&keys.iter().collect::<Vec<_>>())
    }

    fn from_keys(pages: &[&HashSet<String>]) -> SiteProfile {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for keys in pages {
            for k in keys.iter() {
                *counts.entry(k.as_str()).or_default() += 1;
            }
        }
        let need = ((pages.len() as f64 * MIN_SHARE).ceil() as usize).max(2);
        let lines = counts
            .into_iter()
            .filter(|(_, n)| *n >= need)
            .map(|(k, _)| k.to_owned())
            .collect();
        SiteProfile {
            pages: pages.len(),
            lines,
        }
    }

    /// True when `line` (any case and spacing) is known boilerplate.
    pub fn is_boilerplate(&self, line: &str) -> bool {
        !self.lines.is_empty() && self.contains_key(&super::line::normalize(line).to_lowercase())
    }

    /// True when `page` looks like a page of this profile's site: it holds
    /// at least three of the profile's distinctive lines (three words or
    /// more), and they are a fifth of its own, the rule [`learn_profiles`]
    /// groups pages by. Lets a profile learned from earlier pages serve a
    /// page that arrives alone.
    pub fn recognises(&self, page: &str) -> bool {
        if self.lines.is_empty() {
            return false;
        }
        let keys = page_keys(page);
        let evidence = keys.iter().filter(|k| is_evidence(k)).count();
        let shared = keys
            .iter()
            .filter(|k| is_evidence(k) && self.lines.contains(k.as_str()))
            .count();
        shared >= (evidence / 5).max(3)
    }

    /// True when the normalised, lower-cased `key` is known boilerplate.
    pub(crate) fn contains_key(&self, key: &str) -> bool {
        self.lines.contains(key)
    }
}

/// Pages of one site within a batch, with what was learned from them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteGroup {
    /// The site's boilerplate (empty for a group of one page).
    pub profile: SiteProfile,
    /// Indices into the batch of the group's pages, ascending.
    pub pages: Vec<usize>,
}

/// Groups a batch of dumps (with no URLs) into sites and learns a profile
/// for each. Every page index is in exactly one group, groups in order of
/// their first page.
///
/// A page joins the group with which it shares the most distinctive lines
/// (of three words or more, found on half the group's pages), if they are
/// at least three and a fifth of its own; else it starts a new group. Lines
/// shared by many groups ("Share this story") are web-wide vocabulary and
/// do not count. Near-linear in the batch size.
///
/// ```
/// use dateline_extract::text::learn_profiles;
///
/// let nav = "Daily Planet Home\nDaily Planet World\nDaily Planet Sport\n";
/// let a = format!("{nav}Storm hits the coast");
/// let b = format!("{nav}Mayor opens bridge");
/// let c = "The Gazette Front\nThe Gazette Local\nThe Gazette Opinion\nVote count begins";
/// let groups = learn_profiles(&[&a, &b, c]);
/// assert_eq!(groups.len(), 2);
/// assert_eq!(groups[0].pages, [0, 1]);
/// assert!(groups[0].profile.is_boilerplate("Daily Planet Sport"));
/// assert_eq!(groups[1].pages, [2]);
/// ```
pub fn learn_profiles(pages: &[&str]) -> Vec<SiteGroup> {
    let keys: Vec<HashSet<String>> = pages.iter().map(|p| page_keys(p)).collect();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    // Line -> (group, pages of the group having it).
    let mut index: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    for (page, page_keys) in keys.iter().enumerate() {
        let evidence: Vec<&str> = page_keys
            .iter()
            .map(String::as_str)
            .filter(|k| is_evidence(k))
            .collect();
        let mut tally: HashMap<usize, usize> = HashMap::new();
        for k in &evidence {
            let Some(entries) = index.get(k) else {
                continue;
            };
            if entries.len() > MAX_GROUPS_PER_LINE {
                continue;
            }
            // Only a group's core lines (on half its pages) count, so a
            // group that took in a stray page does not snowball.
            for &(g, n) in entries {
                if n * 2 >= groups[g].len() {
                    *tally.entry(g).or_default() += 1;
                }
            }
        }
        let need = (evidence.len() / 5).max(3);
        let best = tally
            .into_iter()
            .filter(|(_, n)| *n >= need)
            .max_by_key(|(g, n)| (*n, usize::MAX - g));
        let group = match best {
            Some((g, _)) => g,
            None => {
                groups.push(Vec::new());
                groups.len() - 1
            }
        };
        groups[group].push(page);
        for k in evidence {
            let entries = index.entry(k).or_default();
            if let Some((_, n)) = entries.iter_mut().find(|(g, _)| *g == group) {
                *n += 1;
            } else if entries.len() <= MAX_GROUPS_PER_LINE {
                entries.push((group, 1));
            }
        }
    }
    groups
        .into_iter()
        .map(|members| {
            let profile =
                SiteProfile::from_keys(&members.iter().map(|&i| &keys[i]).collect::<Vec<_>>());
            SiteGroup {
                profile,
                pages: members,
            }
        })
        .collect()
}

/// Lines that can tell sites apart: three words or more ("Contact CT Post",
/// a copyright line). Single words ("Home", "Politics") are everywhere.
fn is_evidence(key: &str) -> bool {
    key.split(' ').count() >= 3
}

/// The distinct learnable line keys of one page.
fn page_keys(page: &str) -> HashSet<String> {
    let (_, body) = super::line::split_header(page);
    body.lines()
        .filter_map(Line::new)
        .filter(|l| l.chars <= MAX_LEARNED_CHARS)
        .map(|l| l.key)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_lines_shared_by_enough_pages() {
        let pages = [
            "Nav A\nNav B\nOnly one",
            "Nav A\nNav B\nOnly two",
            "Nav A\nOnly three",
        ];
        let p = SiteProfile::learn(&pages);
        assert_eq!(p.pages, 3);
        assert!(p.is_boilerplate("nav  a") && p.is_boilerplate("Nav B"));
        assert!(!p.is_boilerplate("Only one"));
        assert!(SiteProfile::learn(&["Nav A"]).lines.is_empty());
    }

    #[test]
    fn recognises_a_page_of_the_same_site_only() {
        let nav = "Daily Planet Home page\nDaily Planet World news\nDaily Planet Sport pages\n";
        let a = format!("{nav}Storm hits the coast tonight");
        let b = format!("{nav}Mayor opens the new bridge");
        let profile = SiteProfile::learn(&[&a, &b]);
        assert!(profile.recognises(&format!("{nav}Vote count begins in the city")));
        assert!(!profile
            .recognises("The Gazette front page\nThe Gazette local news\nVote count begins"));
        assert!(!SiteProfile::default().recognises(&a));
    }

    #[test]
    fn groups_unrelated_pages_apart() {
        let a = "one two three\nfour five six\nseven eight nine\nten eleven twelve";
        let b = "a b c\nd e f\ng h i\nj k l";
        let c = "one two three\nfour five six\nseven eight nine\nother page here";
        let groups = learn_profiles(&[a, b, c]);
        let pages: Vec<Vec<usize>> = groups.iter().map(|g| g.pages.clone()).collect();
        assert_eq!(pages, [vec![0, 2], vec![1]]);
        assert!(learn_profiles(&[]).is_empty());
    }
}
