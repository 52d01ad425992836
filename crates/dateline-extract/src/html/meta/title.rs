//! The headline: declared titles, minus the site name pages append to them.

use super::text::key;

/// Separators between a headline and a site name ("Headline | Site").
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " » ", " « ", " · ", " • ", " // ", " / ", " : ", ": ",
    " _ ", "_", "|",
];

/// The headline from the declared titles (best first) and the document `<title>`.
///
/// A declared title (JSON-LD headline, og:title...) is kept as written
/// except for a site-name suffix or prefix; the `<title>` element, which
/// nearly always carries the site name, also gets the heuristic cut used
/// by readers when the site name is unknown. `site_names` are the site
/// name and the host's brand; `headings` the page's `<h1>` texts.
pub(crate) fn choose_title(
    declared: &[&str],
    doc_title: Option<&str>,
    site_names: &[String],
    headings: &[String],
) -> Option<String> {
    let title = declared_or_document_title(declared, doc_title, site_names, headings)?;
    Some(visible_headline(&title, headings).unwrap_or(title))
}

/// Separators between a visible headline and what SEO titles add to it.
const SUFFIX_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " » ", " · ", " • ", " / ",
];

/// The page's one `<h1>` when the chosen title is that heading plus a
/// segment after (or before) a separator.
///
/// **What**: with exactly one non-empty `<h1>` of two words or more, a
/// title that is the heading, a separator and more ("Using promises -
/// JavaScript | MDN", "Sleeping Bags | REI Co-op") gives the heading.
/// **Why**: the site-name cut only removes segments that name the site;
/// SEO titles also append sections, products and slogans the reader does
/// not see as part of the headline, and the visible `<h1>` shows where the
/// headline ends. **Example**: title "Introducing Bolmo: Byteifying the
/// next generation of language models | Ai2" with that `<h1>` gives the
/// `<h1>`. **Known failures**: a one-word heading ("Sudo" in "Sudo -
/// ArchWiki") is left alone, as the pair is then often a site's own title
/// format; a colon is not a separator here (it usually opens a subtitle);
/// a heading that is only the first part of a two-part headline
/// ("Instant Pot - Pressure Cookers") cuts it.
fn visible_headline(title: &str, headings: &[String]) -> Option<String> {
    let [heading] = headings else {
        return None;
    };
    let heading = heading.trim();
    if heading.split_whitespace().count() < 2 || key(heading) == key(title) {
        return None;
    }
    let title = title.trim();
    let cut = SUFFIX_SEPARATORS.iter().any(|sep| {
        title
            .strip_prefix(heading)
            .is_some_and(|rest| rest.starts_with(sep))
            || title
                .strip_suffix(heading)
                .is_some_and(|rest| rest.ends_with(sep))
    });
    cut.then(|| heading.to_string())
}

/// The title from the declared titles, else from the document `<title>`.
fn declared_or_document_title(
    declared: &[&str],
    doc_title: Option<&str>,
    site_names: &[String],
    headings: &[String],
) -> Option<String> {
    if let Some(t) = declared.iter().map(|t| t.trim()).find(|t| !t.is_empty()) {
        return Some(strip_site(t, site_names));
    }
    let raw = doc_title?.trim();
    if raw.is_empty() {
        return headings.first().cloned();
    }
    // A heading that is one part of the title is the headline.
    for h in headings {
        let hk = key(h);
        if hk.len() >= 8 && key(raw) != hk && key(raw).starts_with(&hk) {
            return Some(h.clone());
        }
    }
    let stripped = strip_site(raw, site_names);
    if stripped != raw {
        return Some(stripped);
    }
    Some(reader_cut(raw, headings))
}

/// What the document title adds around the headline ("Faro de Vigo" in
/// "Headline - Faro de Vigo"): site and section names.
pub(crate) fn site_segments(doc_title: &str, headline: &str) -> Vec<String> {
    let Some(i) = doc_title
        .find(headline)
        .filter(|_| !headline.trim().is_empty())
    else {
        return Vec::new();
    };
    let rest = format!("{} {}", &doc_title[..i], &doc_title[i + headline.len()..]);
    rest.split(['|', '-', '–', '—', ':', '»', '«', '·', '•', '/', '_'])
        .map(str::trim)
        .filter(|seg| seg.chars().filter(|c| c.is_alphanumeric()).count() >= 2)
        .map(String::from)
        .collect()
}

/// Share of the words of `a` found in `b` (0 to 1), case-insensitive.
pub(crate) fn similarity(a: &str, b: &str) -> f64 {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    if wa.is_empty() {
        return 0.0;
    }
    wa.iter().filter(|w| wb.contains(w)).count() as f64 / wa.len() as f64
}

/// Removes a leading or trailing segment that names the site.
pub(crate) fn strip_site(title: &str, site_names: &[String]) -> String {
    let keys: Vec<String> = site_names
        .iter()
        .map(|s| key(s))
        .filter(|k| k.len() >= 2)
        .collect();
    if keys.is_empty() {
        return title.to_string();
    }
    let is_site = |seg: &str| {
        let k = key(seg);
        !k.is_empty()
            && keys.iter().any(|s| {
                *s == k
                    || (k.len() >= 4 && s.contains(&k))
                    || (s.len() >= 4 && k.contains(s.as_str()) && k.len() <= s.len() + 12)
            })
    };
    let mut t = title.trim().to_string();
    for _ in 0..2 {
        let mut changed = false;
        for sep in SEPARATORS {
            if let Some(i) = t.rfind(sep) {
                let (head, tail) = (&t[..i], &t[i + sep.len()..]);
                if is_site(tail) && key(head).len() >= 8 {
                    t = head.trim().to_string();
                    changed = true;
                    break;
                }
            }
            if let Some(i) = t.find(sep) {
                let (head, tail) = (&t[..i], &t[i + sep.len()..]);
                if is_site(head) && key(tail).len() >= 8 {
                    t = tail.trim().to_string();
                    changed = true;
                    break;
                }
            }
        }
        if !changed {
            break;
        }
    }
    t
}

/// The cut readers make when the site name is unknown: the part before the
/// last separator, unless that leaves fewer than three words.
fn reader_cut(title: &str, headings: &[String]) -> String {
    let Some((sep, i)) = [" | ", " - ", " – ", " — ", " :: ", " » ", " / ", " \\ "]
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|i| (*sep, i)))
        .max_by_key(|(_, i)| *i)
    else {
        // "Site: Headline" only when a heading confirms the part after the colon.
        if let Some((_, tail)) = title.split_once(": ") {
            if headings.iter().any(|h| key(h) == key(tail)) {
                return tail.trim().to_string();
            }
        }
        return title.to_string();
    };
    let head = title[..i].trim();
    if head.split_whitespace().count() >= 3 {
        return head.to_string();
    }
    // "Site | Headline": the part after the first separator.
    let first = title.find(sep).unwrap_or(i);
    let tail = title[first + sep.len()..].trim();
    if tail.split_whitespace().count() >= 3 {
        tail.to_string()
    } else {
        title.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &[&str]) -> Vec<String> {
        s.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn strips_site_suffixes_and_prefixes() {
        let site = names(&["The Jerusalem Post", "jpost"]);
        assert_eq!(
            strip_site("Russians in Raqqa | The Jerusalem Post", &site),
            "Russians in Raqqa"
        );
        assert_eq!(
            strip_site("Russians in Raqqa - Jerusalem Post", &site),
            "Russians in Raqqa"
        );
        assert_eq!(
            strip_site("JPost: Russians in Raqqa", &site),
            "Russians in Raqqa"
        );
        assert_eq!(
            strip_site("Russians in Raqqa - Middle East", &site),
            "Russians in Raqqa - Middle East"
        );
    }

    #[test]
    fn site_segments_around_the_headline() {
        assert_eq!(
            site_segments("Floods hit - Faro de Vigo | Local", "Floods hit"),
            ["Faro de Vigo", "Local"]
        );
        assert!(site_segments("Other", "Floods hit").is_empty());
    }

    #[test]
    fn visible_headline_cuts_what_seo_titles_add() {
        let none: Vec<String> = Vec::new();
        let h1 = names(&["Using promises"]);
        assert_eq!(
            choose_title(&["Using promises - JavaScript | MDN"], None, &none, &h1).as_deref(),
            Some("Using promises")
        );
        // A one-word heading, several headings, or a colon: left alone.
        assert_eq!(
            choose_title(&["Sudo - ArchWiki"], None, &none, &names(&["Sudo"])).as_deref(),
            Some("Sudo - ArchWiki")
        );
        assert_eq!(
            choose_title(
                &["Using promises - JavaScript"],
                None,
                &none,
                &names(&["Using promises", "Other"])
            )
            .as_deref(),
            Some("Using promises - JavaScript")
        );
        assert_eq!(
            choose_title(&["Using promises: a guide"], None, &none, &h1).as_deref(),
            Some("Using promises: a guide")
        );
    }

    #[test]
    fn document_title_cut() {
        let none: Vec<String> = Vec::new();
        assert_eq!(
            choose_title(
                &[],
                Some("Floods hit the coast | Daily Planet"),
                &none,
                &none
            )
            .as_deref(),
            Some("Floods hit the coast")
        );
        assert_eq!(
            choose_title(&[], Some("Planet | Floods hit the coast"), &none, &none).as_deref(),
            Some("Floods hit the coast")
        );
        assert_eq!(
            choose_title(
                &[],
                Some("Floods hit the coast, again: a report"),
                &none,
                &names(&["Floods hit the coast, again"])
            )
            .as_deref(),
            Some("Floods hit the coast, again")
        );
        assert_eq!(
            choose_title(&["  ", "Declared"], Some("Other"), &none, &none).as_deref(),
            Some("Declared")
        );
    }
}
