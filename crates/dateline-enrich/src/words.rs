//! Word lists the recognisers consult, each a set built on first use.
//!
//! Lists are kept as plain text (one string of words each) so that they
//! read and review as lists.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Small words inside multi-word place names ("Rio de Janeiro", "Bosnia
/// and Herzegovina", "Stratford-upon-Avon").
const NAME_CONNECTORS: &str = "of de del della des du la le les upon on and the al el da do dos \
     das di von am im sur en y es in";

/// Words capitalised at the start of a sentence or a title without being
/// part of a name ("In Raqqa", "Meanwhile Turkey").
const FUNCTION_WORDS: &str = "a about after against along also an and as at before between but \
     by despite during for from if in inside into like meanwhile near of on or outside over since \
     so than that the then there these this those through to under until when where while with \
     within without across around beyond toward towards via both all many some most his her its \
     their our my your said says according including however yesterday today tonight now here \
     last next every each why how what who which whose we i he she they it you no yes not do does \
     did is are was were be been has have had will would can could should may might must one two \
     three four five six seven eight nine ten first second third new north south east west \
     northern southern eastern western central greater downtown rural suburban neighboring \
     neighbouring st mt ft";

/// Common English words and capitalised non-places that are also names of
/// places somewhere ("March" in Cambridgeshire, "Reading", "Nice",
/// "Congress" in Arizona): places only with a place's context. Words of a
/// multi-word name are joined by `_`.
const COMMON_WORDS: &str = "january february march april may june july august september october \
     november december monday tuesday wednesday thursday friday saturday sunday reading nice \
     mobile police bath split sale wells hope independence liberty union commerce friendship \
     industry unity progress university college city county state national federal republic \
     centre center church court hospital market airport station bridge park lake river beach \
     island valley mount good best great long short little big young white black green brown \
     gray grey red rich hill hills rivers media mission post news time times day online god love \
     chance energy eagle bay home house school office service services government army navy \
     force forces council party man gap ok ending dale page story wedding fun boring joy welcome \
     normal royal ideal enterprise opportunity content deal buy general ball bar pay rule rest \
     bell hat lost trail prospect moody early weed beaver congress senate parliament pentagon \
     capitol olympic olympics passover christmas easter ramadan hamas hezbollah minister \
     president governor mayor sheriff english spanish notre_dame white_house el_nino supreme_court say \
     early fairview harmony friendly joy climax comfort concord crystal eden faith felicity \
     glory happy heart justice lucky mercy paradise peace plenty pleasant promise providence \
     reform rescue security success superior triumph truth victory";

/// Titles before a person's name ("Dr. Kelly", "Sen. Paris").
const TITLES: &str = "mr mrs ms miss dr sen senator rep representative gov governor gen general \
     col colonel lt lieutenant sgt sergeant capt captain president judge justice officer prof \
     professor rev reverend chief coach detective deputy sheriff mayor minister secretary \
     chairman chairwoman director commissioner councilman councilwoman trooper pastor father \
     sister brother saint lord lady sir king queen prince princess pope agent attorney ambassador \
     spokesman spokeswoman st mt ft jr sr";

/// Verbs of speech after a person's name ("Kelly said").
const SPEECH_VERBS: &str = "said says told added asked explained noted wrote stated argued \
     claimed insisted recalled replied testified warned";

/// Common US first names (the Census Bureau's 1990 lists, public domain;
/// `data/build_first_names.py`), one per line.
const FIRST_NAMES: &str = include_str!("../data/first_names.txt");

/// Words after a name that make it a place's, not a person's ("Jackson
/// County", "Austin Street").
const PLACE_WORDS: &str = "county parish city town township borough village valley river lake \
     beach island islands park street st road rd avenue ave boulevard blvd square hill hills \
     mountain mountains falls springs harbor harbour bay creek heights airport station bridge \
     district region province state coast";

/// Words that make a name an organisation's.
const ORGANISATION_WORDS: &str = "forces force army navy party ministry council committee agency \
     organization organisation union company corporation corp inc ltd llc plc group bank \
     university institute association front movement police department service court commission \
     coalition alliance brigade brigades guard militia authority board foundation fund office \
     federation league club network times post news press airlines airways parliament senate \
     congress assembly government administration church hospital school college academy \
     council centre center unit command corps reserve exchange fc";

/// News agencies and broadcasters, named without an organisation word.
const AGENCIES: &str = "reuters afp ap rt cnn bbc xinhua tass ria bloomberg aljazeera \
     al_jazeera anadolu sana irna yonhap kyodo dpa efe ansa upi nbc cbs abc fox npr msnbc";

fn set(
    list: &'static str,
    cell: &'static OnceLock<HashSet<&'static str>>,
) -> &'static HashSet<&'static str> {
    cell.get_or_init(|| list.split_whitespace().collect())
}

macro_rules! word_set {
    ($(#[$doc:meta])* $name:ident, $list:ident) => {
        $(#[$doc])*
        pub fn $name(lowercase: &str) -> bool {
            static CELL: OnceLock<HashSet<&'static str>> = OnceLock::new();
            set($list, &CELL).contains(lowercase)
        }
    };
}

word_set!(
    /// Whether a (lowercase) word may sit inside a place name.
    is_name_connector,
    NAME_CONNECTORS
);
word_set!(
    /// Whether a (lowercase) word is a function word.
    is_function_word,
    FUNCTION_WORDS
);
/// Whether a name key ("march", "white house") is a common word.
pub fn is_common_word(key: &str) -> bool {
    static CELL: OnceLock<HashSet<&'static str>> = OnceLock::new();
    set(COMMON_WORDS, &CELL).contains(key.replace(' ', "_").as_str())
}
word_set!(
    /// Whether a (lowercase) word is a title before a person's name.
    is_title,
    TITLES
);
word_set!(
    /// Whether a (lowercase) word is a verb of speech.
    is_speech_verb,
    SPEECH_VERBS
);

word_set!(
    /// Whether a (lowercase) word is a common first name.
    is_first_name,
    FIRST_NAMES
);
word_set!(
    /// Whether a (lowercase) word after a name makes it a place's.
    is_place_word,
    PLACE_WORDS
);

word_set!(
    /// Whether a (lowercase) word makes a name an organisation's.
    is_organisation_word,
    ORGANISATION_WORDS
);

/// Whether a name key ("reuters", "al jazeera") is a news agency's.
pub fn is_agency(key: &str) -> bool {
    static CELL: OnceLock<HashSet<&'static str>> = OnceLock::new();
    set(AGENCIES, &CELL).contains(key.replace(' ', "_").as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_answer() {
        assert!(is_function_word("in"));
        assert!(is_common_word("march"));
        assert!(is_common_word("white house"));
        assert!(is_title("dr"));
        assert!(is_speech_verb("said"));
        assert!(is_name_connector("de"));
        assert!(!is_common_word("raqqa"));
        assert!(is_first_name("george"));
        assert!(is_place_word("county"));
    }
}
