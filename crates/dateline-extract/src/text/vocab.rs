//! The generic web vocabulary the line classifier matches: navigation,
//! share, legal, comment, byline, dateline, credit and tag words. Generic
//! only: nothing here names a site. Lists stay compact, one table a const.

/// Whole lines (trimmed of punctuation) that are navigation, share or legal items.
#[rustfmt::skip]
pub(crate) const EXACT: &[&str] = &[
    "share", "shares", "tweet", "email", "e-mail", "print", "facebook", "twitter", "linkedin",
    "whatsapp", "pinterest", "reddit", "telegram", "instagram", "youtube", "rss", "menu", "search",
    "home", "subscribe", "sign in", "sign up", "log in", "login", "logout", "register",
    "advertisement", "advertising", "ad", "related", "read more", "more", "next", "previous",
    "close", "skip to content", "newsletter", "share this", "like this", "like loading", "loading",
    "back to top", "return to top", "top", "caption", "back to gallery", "open",
    "toggle navigation", "navigation", "main menu", "copy link", "link copied", "save",
    "share on facebook", "share on twitter", "share via email", "reprints", "cancel", "submit",
    "post", "follow", "follow us", "sponsored content", "sponsored", "recommended", "trending",
    "popular", "most popular", "most read", "latest", "latest news", "top stories", "more stories",
    "related articles", "related stories", "related posts", "you may also like",
    "you might also like", "read next", "watch", "listen", "play", "gallery", "video", "photos",
    "print this article", "email this article", "get short url", "view comments", "sections",
    "topics", "accept", "accept cookies", "ok", "got it", "x", "show more", "load more",
    "see more", "view more", "view all", "see all", "all", "contact", "contact us", "about",
    "about us", "privacy", "privacy policy", "terms", "terms of use", "terms of service", "faq",
    "help", "by",
];

/// Phrases that make a short line boilerplate.
#[rustfmt::skip]
pub(crate) const CONTAINS: &[&str] = &[
    "all rights reserved", "©", "copyright", "cookie", "privacy policy", "privacy notice",
    "terms of use", "terms of service", "terms and conditions", "sign up for", "subscribe to",
    "newsletter", "follow us", "share this", "share on ", "click here", "read more",
    "related articles", "related stories", "you may also like", "you might also like",
    "recommended for you", "most popular", "most read", "javascript", "your browser", "skip to ",
    "back to top", "view all", "see all", "more from ", "download the app", "get the app",
    "image 1 of", "next article", "previous article", "bloggers like this", "powered by",
    "designed by", "contact us", "about us", "your email", "email address", "comment data",
    "you are commenting using", "notify me of", "must be logged in", "will not be published",
    "required fields are marked", "log in to", "sign in to", "create an account", "free trial",
    "read also:", "also read:", "see also:", "leggi anche", "leia também", "lee también",
    "lire aussi", "lesen sie auch",
];

/// Phrases strong enough to condemn even a sentence-like line.
#[rustfmt::skip]
pub(crate) const CONTAINS_IN_PROSE: &[&str] = &[
    "all rights reserved", "©", "click here to", "sign up for our", "subscribe to our",
    "our newsletter", "enable javascript", "javascript is disabled", "your browser does not",
    "update your browser", "upgrade your browser", "uses cookies", "use of cookies",
    "bloggers like this", "your email address", "comment data is processed", "save my name, email",
    "you are commenting using", "notify me of", "must be logged in", "will not be published",
    "required fields are marked", "read also:", "also read:", "see also:", "leggi anche",
    "leia também", "lee también", "lire aussi", "lesen sie auch",
    // Legal footers.
    "registered trademark", "are trademarks of", "is a trademark of", "informational purposes only",
    "not intended to diagnose", "not been evaluated by the food and drug administration",
];

/// Prefixes of teaser links: "Related: SpaceX's Starship in Pictures".
#[rustfmt::skip]
pub(crate) const TEASERS: &[&str] = &[
    "related:", "read more:", "see also:", "more:", "recommended:", "read next:", "watch:",
    "listen:",
];

/// Markers of contact blocks (two make one).
#[rustfmt::skip]
pub(crate) const CONTACT_MARKERS: &[&str] = &[
    "telephone", "phone:", "tel:", "tel.", "fax", "e-mail:", "email:", "toll free",
    "customer service",
];

/// End-of-article headers, in a few languages. Boxes that also sit inside
/// articles ("Related", "Don't miss") are plain boilerplate instead.
#[rustfmt::skip]
pub(crate) const CLOSING_HEADS: &[&str] = &[
    "you may also like", "you might also like", "you may like", "you might like", "read next",
    "what to read next", "about the author", "more from the author", "você pode gostar",
    "você também pode gostar", "te puede interesar", "potrebbe interessarti", "vous aimerez aussi",
    "das könnte sie auch interessieren", "über den autor", "sobre o autor", "sobre el autor",
    "most read", "most popular", "most viewed", "most shared", "up next", "top stories",
    "more stories", "more news", "other news", "latest news", "latest stories",
];

/// Headers of comment sections, in a few languages.
#[rustfmt::skip]
pub(crate) const COMMENT_HEADS: &[&str] = &[
    "comments", "comment", "leave a reply", "leave a comment", "post a comment", "add a comment",
    "join the discussion", "join the conversation", "show comments", "loading comments",
    "comments are closed", "reader comments", "comments powered by disqus", "discussion",
    "responses", "lascia un commento", "deixe um comentário", "deixe seu comentário",
    "deja un comentario", "laisser un commentaire", "laissez un commentaire",
    "kommentar schreiben", "kommentare", "comentários", "comentarios", "commenti", "commentaires",
    "nessun commento",
];

/// Byline openers.
#[rustfmt::skip]
pub(crate) const BYLINE_PREFIXES: &[&str] = &[
    "by ", "posted by ", "written by ", "words by ", "story by ", "reported by ", "por ", "von ",
    "par ",
];

/// English month names, then their abbreviations ("may" has none).
#[rustfmt::skip]
pub(crate) const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
];

/// Words that may stand in a dateline besides numbers and months.
#[rustfmt::skip]
pub(crate) const DATE_WORDS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "tues", "wed", "thu", "thurs", "fri", "sat", "sun", "am", "pm", "a.m", "p.m", "gmt", "utc",
    "est", "edt", "cst", "cdt", "pst", "pdt", "et", "pt", "bst", "cet", "cest", "ist", "at", "on",
    "updated", "published", "posted", "last", "modified", "date", "time", "de", "of", "the", "th",
    "st", "nd", "rd", "hours", "ago", "hrs", "min", "mins", "read", "reading", "minute", "minutes",
];

/// Openers of tag lines.
#[rustfmt::skip]
pub(crate) const TAG_PREFIXES: &[&str] = &[
    "tags", "tagged", "tagged with", "topics", "related topics", "filed under", "keywords",
];

/// Social networks, named in share bars.
#[rustfmt::skip]
pub(crate) const SOCIAL: &[&str] = &[
    "facebook", "twitter", "whatsapp", "pinterest", "pint", "linkedin", "reddit", "email", "telegram",
    "instagram", "youtube", "tumblr", "flipboard", "messenger", "vk", "weibo", "wechat",
];
