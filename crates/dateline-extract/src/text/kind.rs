//! What a single line is, judged from its own text.
//!
//! Generic web vocabulary only: share bars, legal footers, contact blocks,
//! comment sections, bylines, datelines, photo credits and tag lines look
//! alike on every site. Site-specific boilerplate is learned instead (see
//! [`super::SiteProfile`]). Short lines are matched loosely, sentence-like
//! lines only against strong phrases, so that "He refused to sign up for
//! the draft." stays text while "Sign up for our newsletter" does not.
//!
//! Known failures: vocabulary is mostly English with a few other
//! languages; a headline made only of menu words ("Home") is taken for
//! navigation; bylines without a "By"-like prefix are found only beside a
//! dateline (see `meta`).

use super::line::Line;
use super::vocab;

/// The role of a line, as far as the body is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Candidate text: body, title, description or unknown.
    Text,
    /// Generic navigation / share / legal / newsletter vocabulary.
    Boilerplate,
    /// Phone numbers, e-mail addresses, customer service.
    Contact,
    /// The start of a comment section: the body does not run across it.
    Comments,
    /// A header of what follows an article: "you may also like", an author box.
    Closing,
    /// A dateline ("DECEMBER 9, 2019 17:34", "Updated 1:39 am EST").
    Date,
    /// A byline ("By SETH J. FRANTZMAN").
    Byline,
    /// An image caption carrying its credit ("... (photo credit: REUTERS)").
    Caption,
    /// A credit alone ("(photo credit: REUTERS)", "Photo: AP").
    Credit,
    /// A tag line ("Tags Iran Syria").
    Tags,
    /// Text repeated elsewhere on the page (menus, captions, teasers).
    Repeated,
    /// Known boilerplate of the site (from a profile).
    Known,
    /// Binary junk.
    Junk,
}

/// Classifies a line from its own text.
pub(crate) fn classify(line: &Line) -> Kind {
    if line.junk {
        return Kind::Junk;
    }
    let key = line.key.as_str();
    if is_contact(key) {
        return Kind::Contact;
    }
    if line.chars > 400 {
        // Long lines are text unless a legal footer says so outright.
        return if key.contains("all rights reserved") {
            Kind::Boilerplate
        } else {
            Kind::Text
        };
    }
    if is_comments(key) {
        return Kind::Comments;
    }
    if is_closing(key) {
        return Kind::Closing;
    }
    if credit_of(&line.text).is_some() {
        return if caption_of(&line.text).is_some() {
            Kind::Caption
        } else {
            Kind::Credit
        };
    }
    if is_gallery_caption(key) {
        return Kind::Caption;
    }
    if tag_items(&line.text).is_some() {
        return Kind::Tags;
    }
    if is_byline(line) {
        return Kind::Byline;
    }
    if is_date_line(line) {
        return Kind::Date;
    }
    if is_boilerplate(line) {
        return Kind::Boilerplate;
    }
    Kind::Text
}

/// The key with surrounding punctuation and symbols removed.
fn core(key: &str) -> &str {
    key.trim_matches(|c: char| !c.is_alphanumeric())
}

/// Navigation, share, legal and subscription vocabulary.
///
/// Short lines are matched loosely; sentence-like lines only against strong
/// phrases, so an article that merely mentions a newsletter keeps its text.
fn is_boilerplate(line: &Line) -> bool {
    let key = line.key.as_str();
    let c = core(key);
    if c.is_empty() || vocab::EXACT.contains(&c) {
        return true;
    }
    // Teaser links: "Related: SpaceX's Starship in Pictures".
    if vocab::TEASERS.iter().any(|t| key.starts_with(t)) {
        return true;
    }
    let patterns = if line.is_prose() && line.chars >= 60 {
        vocab::CONTAINS_IN_PROSE
    } else {
        vocab::CONTAINS
    };
    patterns.iter().any(|p| key.contains(p)) || is_cookie_notice(key) || is_share_bar(line)
}

/// Share bars: a short line naming two social networks or more
/// ("Whatsapp Facebook Pint Baixar").
fn is_share_bar(line: &Line) -> bool {
    line.words <= 12
        && line
            .key
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| vocab::SOCIAL.contains(w))
            .count()
            >= 2
}

/// Cookie notices, in any of a few languages: "cookie" beside a word for
/// the site or for browsing.
fn is_cookie_notice(key: &str) -> bool {
    key.len() < 400
        && key.contains("cookie")
        && [
            "site",
            "sito",
            "sitio",
            "web",
            "navega",
            "browsing",
            "experience",
            "esperienza",
            "experiência",
        ]
        .iter()
        .any(|w| key.contains(w))
}

/// Contact blocks: two or more contact markers, or an e-mail address in a short line.
fn is_contact(key: &str) -> bool {
    let hits = vocab::CONTACT_MARKERS
        .iter()
        .filter(|m| key.contains(*m))
        .count();
    hits >= 2 || (key.len() < 120 && has_email(key))
}

fn has_email(key: &str) -> bool {
    key.split([' ', '(', ')', '<', '>', ',', ';']).any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !host.ends_with('.')
        })
    })
}

/// Headers of what follows an article, in a few languages: "you may also
/// like" links, an author box ("About Jane Doe", "Sobre ...").
fn is_closing(key: &str) -> bool {
    // Boxes that also sit inside articles ("Related", "Don't miss") are
    // plain boilerplate, not closers: only end-of-article headers here.

    let c = core(key);
    if vocab::CLOSING_HEADS.contains(&c) {
        return true;
    }
    // "About Jane Doe", "Sobre Carlos Nadalim", "Über Moritz Bachmann": an author box.
    let words = c.split(' ').count();
    // A person has two or three names; "About Acme" is a press release's
    // company paragraph, which belongs to the release.
    (3..=4).contains(&words)
        && ["about ", "sobre ", "über ", "à propos de "]
            .iter()
            .any(|p| c.starts_with(p))
        && !key.ends_with(['.', '?', '!'])
        && !matches!(c, "about us" | "sobre nós" | "sobre nosotros" | "über uns")
}

/// Headers of comment sections.
fn is_comments(key: &str) -> bool {
    let c = core(key);

    if vocab::COMMENT_HEADS.contains(&c) {
        return true;
    }
    // A commenter's header: "joetoronto says:", "Ben commented on", or with
    // a time stamp, "Alex on September 17, 2018 at 6:34 am said:". Without
    // the stamp, "President Obama also said:" is an article's lead-in.
    let words = key.split(' ').count();
    let says = key.ends_with(" says") || key.ends_with(" says:") || key.ends_with(" commented on");
    let stamped = key.len() < 90
        && key.chars().any(|c| c.is_ascii_digit())
        && (key.ends_with(" said:") || key.ends_with(" wrote:") || key.ends_with(" says:"));
    (says && words <= 3) || stamped || {
        // "12 Comments", "1 comment", "Comments (3)"
        let words: Vec<&str> = c.split(' ').collect();
        words.len() == 2
            && ((words[0].chars().all(|d| d.is_ascii_digit()) && words[1].starts_with("comment"))
                || (words[0].starts_with("comment")
                    && words[1]
                        .trim_matches(['(', ')'])
                        .chars()
                        .all(|d| d.is_ascii_digit())))
    }
}

/// A byline: "By X", "Written by X", "Por X", short, with a name after the prefix.
pub(crate) fn is_byline(line: &Line) -> bool {
    if line.chars > 100 || line.words > 14 {
        return false;
    }
    byline_rest(&line.text).is_some_and(|rest| rest.chars().next().is_some_and(char::is_uppercase))
}

/// The text after a byline prefix.
pub(crate) fn byline_rest(text: &str) -> Option<&str> {
    // ASCII case folding keeps byte offsets: `p.len()` indexes `text`.
    let lower = text.get(..text.len().min(16))?.to_ascii_lowercase();
    vocab::BYLINE_PREFIXES
        .iter()
        .find(|p| lower.starts_with(*p))
        .map(|p| text[p.len()..].trim())
}

/// The month number of an English month name or abbreviation.
pub(crate) fn month_number(word: &str) -> Option<u8> {
    let i = vocab::MONTHS.iter().position(|m| *m == word)?;
    // The abbreviations follow the twelve names, "may" having none.
    Some(if i < 12 {
        i as u8 + 1
    } else {
        [1, 2, 3, 4, 6, 7, 8, 9, 9, 10, 11, 12][i - 12]
    })
}

/// A short line made of date and time words: "DECEMBER 9, 2019 17:34",
/// "Updated 1:39 am EST, Wednesday, November 20, 2019", "20 Nov, 2019 05:47".
pub(crate) fn is_date_line(line: &Line) -> bool {
    if line.chars > 80 || line.words > 12 {
        return false;
    }
    let (mut known, mut total, mut numbers, mut dated) = (0, 0, 0, false);
    for w in line
        .key
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '/' | '-' | '.' | '·' | '•'))
    {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != ':');
        if w.is_empty() {
            continue;
        }
        total += 1;
        if w.chars().all(|c| c.is_ascii_digit() || c == ':') {
            known += 1;
            numbers += 1;
            dated |= w.len() == 4 && (w.starts_with("19") || w.starts_with("20"));
            dated |= w.contains(':');
        } else if month_number(w).is_some() {
            known += 1;
            dated = true;
        } else if vocab::DATE_WORDS.contains(&w)
            || w.trim_end_matches(['s', 't', 'n', 'd', 'h', 'r'])
                .chars()
                .all(|c| c.is_ascii_digit())
        {
            known += 1;
        }
    }
    dated && numbers > 0 && known * 10 >= total * 7
}

/// The credit of a caption or credit line: "(photo credit: X)", "Photo: X",
/// "AP Photo/Jane Doe" (see [`crate::credit`]).
pub(crate) fn credit_of(text: &str) -> Option<String> {
    crate::credit::split_caption(text).1
}

/// Gallery captions: "1 of 4 A shopper looks at...", "Image 3 of 5", or a
/// caption closed by a short "Credit: ESA".
fn is_gallery_caption(key: &str) -> bool {
    let rest = key
        .strip_prefix("image ")
        .or_else(|| key.strip_prefix("photo "))
        .unwrap_or(key);
    let mut words = rest.split(' ');
    let numbered = matches!((words.next(), words.next(), words.next()), (Some(a), Some("of" | "/"), Some(b))
        if a.chars().all(|c| c.is_ascii_digit()) && !a.is_empty() && b.chars().all(|c| c.is_ascii_digit()) && !b.is_empty());
    let credited = key.rfind(" credit: ").is_some_and(|i| key.len() - i < 50);
    numbered || credited
}

/// What a caption line shows, without its credit.
pub(crate) fn caption_of(text: &str) -> Option<String> {
    crate::credit::split_caption(text).0
}

/// The items part of a tag line ("Tags: a, b", "Tags Iran Syria", "Topics: x").
pub(crate) fn tag_items(text: &str) -> Option<&str> {
    let (head, rest) = match text.split_once(':') {
        Some((h, r)) if h.len() < 20 => (h.trim(), r.trim()),
        _ => {
            let (h, r) = text.split_once(' ')?;
            (h, r.trim())
        }
    };
    let head = head.to_lowercase();
    (vocab::TAG_PREFIXES.contains(&head.as_str()) && !rest.is_empty() && text.len() < 400)
        .then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> Kind {
        classify(&Line::new(s).unwrap())
    }

    #[test]
    fn recognises_metadata_lines() {
        assert_eq!(kind("By SETH J. FRANTZMAN"), Kind::Byline);
        assert_eq!(kind("DECEMBER 9, 2019 17:34"), Kind::Date);
        assert_eq!(
            kind("1:39 am EST, Wednesday, November 20, 2019"),
            Kind::Date
        );
        assert_eq!(kind("20 Nov, 2019 05:47"), Kind::Date);
        assert_eq!(kind("(photo credit: REUTERS/ERIK DE CASTRO)"), Kind::Credit);
        assert_eq!(
            kind("A fighter stands in Raqqa. (photo credit: REUTERS/ERIK DE CASTRO)"),
            Kind::Caption
        );
        assert_eq!(kind("Photo: Damian Dovarganes, AP"), Kind::Credit);
        assert_eq!(kind("Getty Images"), Kind::Credit);
        assert_eq!(kind("(Image credit: Sierra Nevada Corp.)"), Kind::Credit);
        assert_eq!(kind("Image 3 of 5"), Kind::Caption);
        assert_eq!(
            kind("2 of 4 A shopper looks at extension cords at a hardware store."),
            Kind::Caption
        );
        assert_eq!(
            kind("A reference habitation module for a crewed Mars mission. Credit: ESA"),
            Kind::Caption
        );
        assert_eq!(
            kind("Posted by Michael David Smith on November 19, 2019, 6:21 AM EST"),
            Kind::Byline
        );
        assert_eq!(kind("Tags Iran Syria United States"), Kind::Tags);
        assert_eq!(kind("Tags: Alibaba"), Kind::Tags);
    }

    #[test]
    fn recognises_boilerplate() {
        assert_eq!(kind("Share this:"), Kind::Boilerplate);
        assert_eq!(kind("Whatsapp Facebook Pint Baixar"), Kind::Boilerplate);
        assert_eq!(
            kind("Related: SpaceX's Starship and Super Heavy Mars Rocket in Pictures"),
            Kind::Boilerplate
        );
        assert_eq!(
            kind("Copyright © 2019 The Paradigm. All Rights Reserved."),
            Kind::Boilerplate
        );
        assert_eq!(kind("Telephone: 03-7619056 Fax: 03-5613699"), Kind::Contact);
        assert_eq!(kind("Write to subs@jpost.com"), Kind::Contact);
        assert_eq!(kind("16 Comments"), Kind::Comments);
        assert_eq!(kind("Leave a Reply"), Kind::Comments);
        assert_eq!(kind("Você pode gostar..."), Kind::Closing);
        assert_eq!(kind("Sobre Carlos Nadalim"), Kind::Closing);
        assert_eq!(kind("Related Articles"), Kind::Boilerplate);
        assert_eq!(kind("Lascia un commento"), Kind::Comments);
        assert_eq!(kind("Utilizziamo i cookie per essere sicuri che tu possa avere la migliore esperienza sul nostro sito."), Kind::Boilerplate);
        assert_eq!(kind("joetoronto says:"), Kind::Comments);
        assert_eq!(
            kind("In a wide-ranging interview, President Obama also said:"),
            Kind::Text
        );
        assert_eq!(
            kind("Alex on September 17, 2018 at 6:34 am said:"),
            Kind::Comments
        );
    }

    #[test]
    fn keeps_prose_that_mentions_vocabulary() {
        assert_eq!(kind("He said the newsletter was sent to thousands of readers across the country last week."), Kind::Text);
        assert_eq!(
            kind("Bylaws were changed by the board on Monday."),
            Kind::Text
        );
        assert_eq!(
            kind("By the time police arrived the crowd had gone home."),
            Kind::Text
        );
        assert_eq!(
            kind("The meeting lasted until 2019 and beyond the deadline set in May."),
            Kind::Text
        );
    }

    #[test]
    fn month_numbers() {
        assert_eq!(month_number("december"), Some(12));
        assert_eq!(month_number("sept"), Some(9));
        assert_eq!(month_number("jun"), Some(6));
        assert_eq!(month_number("foo"), None);
    }
}
