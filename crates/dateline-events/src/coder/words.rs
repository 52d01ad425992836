//! The coder's word lists: determiners, prepositions, subordinators,
//! partitives, speech verbs and auxiliaries, the closed classes its rules
//! test a word against (upper-case words, as the tokenizer gives them).

pub(super) const DETERMINERS: &[&str] = &[
    "A", "AN", "THE", "ITS", "THEIR", "HIS", "HER", "OUR", "THIS", "THESE", "THOSE", "'S", "ANY",
    "EACH", "NO", "NEW", "SUCH", "FURTHER", "OTHER", "SOME",
];
pub(super) const PREPOSITIONS: &[&str] = &[
    "OF", "IN", "ON", "AT", "BY", "FOR", "FROM", "WITH", "INTO", "AFTER", "BEFORE", "DURING",
    "AGAINST", "OVER", "UNDER", "BETWEEN", "AMONG", "TOWARD", "TOWARDS", "ACROSS", "NEAR", "ABOUT",
    "AMID", "DESPITE", "WITHOUT", "THROUGH", "AROUND", "INSIDE", "OUTSIDE", "VIA",
];
pub(super) const SUBORDINATORS: &[&str] = &[
    ";",
    ":",
    "WHICH",
    "WHO",
    "WHOM",
    "WHOSE",
    "AFTER",
    "BEFORE",
    "WHEN",
    "WHILE",
    "BECAUSE",
    "ALTHOUGH",
    "THOUGH",
    "SINCE",
    "UNTIL",
    "UNLESS",
    "IF",
    "WHETHER",
    "ACCORDING",
    "WHERE",
];
pub(super) const PARTITIVES: &[&str] = &[
    "PARTS",
    "PART",
    "AREAS",
    "AREA",
    "REST",
    "REGIONS",
    "SWATHES",
    "OUTSKIRTS",
];

/// Speech and claim verbs whose complement is the speaker's report.
pub(super) const SPEECH: &[&str] = &[
    "SAID", "SAYS", "SAY", "SAYING", "CLAIMED", "CLAIMS", "CLAIM", "ALLEGED", "ALLEGES", "TOLD",
    "REPORTED", "BELIEVES", "BELIEVED", "INSISTED", "INSISTS", "ADDED", "STATED",
];

/// Whether the word is an auxiliary verb ("will", "has", "was", "did").
pub(super) fn is_aux(w: &str) -> bool {
    matches!(
        w,
        "WILL"
            | "WOULD"
            | "SHALL"
            | "SHOULD"
            | "CAN"
            | "CA"
            | "COULD"
            | "MAY"
            | "MIGHT"
            | "MUST"
            | "HAS"
            | "HAVE"
            | "HAD"
            | "IS"
            | "ARE"
            | "WAS"
            | "WERE"
            | "BE"
            | "BEEN"
            | "BEING"
            | "AM"
            | "DO"
            | "DOES"
            | "DID"
            | "WO"
            | "'S"
    )
}

/// A comma, semicolon, colon or subordinator: where a clause ends.
pub fn is_boundary(word: &str) -> bool {
    word == "," || SUBORDINATORS.contains(&word)
}
