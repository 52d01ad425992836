//! Month names and abbreviations of the languages news pages are written in,
//! nominative and genitive ("грудень" / "грудня"), lower case.

/// Names per month, January first. Arabic has the Gregorian names (يناير)
/// and, in the Levant and Iraq, the Syriac ones (نيسان for April), often
/// both at once ("24 نيسان / أبريل 2020"); the two-word Syriac names
/// (كانون الثاني) are not read. A name listed under two months in
/// different languages is kept where most pages use it: "listopad" is
/// November in Polish and Czech (October in Croatian).
#[rustfmt::skip]
const MONTHS: [&[&str]; 12] = [
    &[
        "january", "jan", "janvier", "janv", "januar", "jänner", "jän", "enero", "ene", "janeiro", "gennaio", "gen",
        "januari", "sausio", "stycznia", "styczeń", "styczen", "ledna", "leden", "január", "januára", "januara",
        "ianuarie", "ian", "ocak", "tammikuuta", "tammikuu", "tammik", "janar", "gener", "jaanuar", "janvāris",
        "janvārī", "siječnja", "siječanj", "sijecnja", "enero", "januarja", "janúar", "eanáir", "urtarrila",
        "января", "январь", "янв", "січня", "січень", "студзеня", "студзень", "януари", "јануар", "јануара",
        "ιανουαρίου", "ιανουάριος", "ιανουαριου", "ιαν", "มกราคม", "يناير", "जनवरी", "ינואר", "בינואר",
    ],
    &[
        "february", "feb", "février", "fevrier", "févr", "fevr", "februar", "febrero", "feb", "fevereiro", "fev",
        "febbraio", "febr", "februari", "vasario", "lutego", "luty", "února", "unora", "únor", "február", "februára",
        "februara", "februarie", "şubat", "subat", "helmikuuta", "helmikuu", "helmik", "shkurt", "febrer",
        "veebruar", "februāris", "februārī", "veljače", "veljača", "veljace", "februarja", "pebrero", "otsaila",
        "февраля", "февраль", "фев", "февр", "лютого", "лютий", "лютага", "люты", "февруари", "фебруар",
        "фебруара", "φεβρουαρίου", "φεβρουάριος", "φεβρουαριου", "φεβ", "กุมภาพันธ์", "فبراير", "شباط", "फ़रवरी",
        "फरवरी", "פברואר", "בפברואר",
    ],
    &[
        "march", "mar", "mars", "märz", "maerz", "mär", "mrz", "marzo", "março", "marco", "maart", "mrt", "kovo",
        "marca", "marzec", "března", "brezna", "březen", "március", "marec", "martie", "mart", "maaliskuuta",
        "maaliskuu", "maalisk", "març", "marts", "märts", "ožujka", "ožujak", "ozujka", "marta", "marec", "maret",
        "marso", "mac", "martxoa", "марта", "март", "мар", "березня", "березень", "сакавіка", "сакавік", "мартa",
        "μαρτίου", "μάρτιος", "μαρτιου", "μαρ", "มีนาคม", "مارس", "آذار", "اذار", "मार्च", "מרץ", "במרץ",
    ],
    &[
        "april", "apr", "avril", "avr", "abril", "abr", "aprile", "balandžio", "balandzio", "kwietnia", "kwiecień",
        "dubna", "duben", "április", "apríla", "aprila", "aprilie", "nisan", "huhtikuuta", "huhtikuu", "huhtik",
        "prill", "aprill", "aprīlis", "aprīlī", "travnja", "travanj", "apirila", "апреля", "апрель", "апр",
        "квітня", "квітень", "красавіка", "красавік", "април", "априла", "απριλίου", "απρίλιος", "απριλιου",
        "απρ", "เมษายน", "أبريل", "ابريل", "نيسان", "अप्रैल", "אפריל", "באפריל",
    ],
    &[
        "may", "mai", "mayo", "maio", "maggio", "mag", "mei", "gegužės", "geguzes", "maja", "maj", "května",
        "kvetna", "květen", "május", "mája", "mayıs", "mayis", "toukokuuta", "toukokuu", "toukok", "maig", "maijs",
        "maijā", "svibnja", "svibanj", "maiatza", "мая", "май", "травня", "травень", "мая", "травень", "мај",
        "маја", "μαΐου", "μαΐου", "μαιου", "μάιος", "μαΐ", "พฤษภาคม", "مايو", "أيار", "ايار", "मई", "מאי", "במאי",
    ],
    &[
        "june", "jun", "juin", "juni", "junio", "junho", "giugno", "giu", "birželio", "birzelio", "czerwca",
        "czerwiec", "června", "cervna", "červen", "június", "júna", "juna", "iunie", "haziran", "kesäkuuta",
        "kesäkuu", "kesäk", "qershor", "juny", "juuni", "jūnijs", "jūnijā", "lipnja", "lipanj", "junija", "hunyo",
        "ekaina", "июня", "июнь", "июн", "червня", "червень", "чэрвеня", "чэрвень", "юни", "јун", "јуна", "јуни",
        "ιουνίου", "ιούνιος", "ιουνιου", "ιουν", "มิถุนายน", "يونيو", "حزيران", "जून", "יוני", "ביוני",
    ],
    &[
        "july", "jul", "juillet", "juil", "juli", "julio", "julho", "luglio", "lug", "liepos", "lipca", "lipiec",
        "července", "cervence", "červenec", "július", "júla", "jula", "iulie", "temmuz", "heinäkuuta", "heinäkuu",
        "heinäk", "korrik", "juliol", "juuli", "jūlijs", "jūlijā", "srpnja", "srpanj", "julija", "hulyo", "uztaila",
        "июля", "июль", "июл", "липня", "липень", "ліпеня", "ліпень", "юли", "јул", "јула", "јули", "ιουλίου",
        "ιούλιος", "ιουλιου", "ιουλ", "กรกฎาคม", "يوليو", "تموز", "जुलाई", "יולי", "ביולי",
    ],
    &[
        "august", "aug", "augusti", "août", "aout", "agosto", "ago", "augustus", "rugpjūčio", "rugpjucio", "sierpnia",
        "sierpień", "srpna", "srpen", "augusztus", "augusta", "ağustos", "agustos", "elokuuta", "elokuu", "elok",
        "gusht", "agost", "augusts", "augustā", "kolovoza", "kolovoz", "avgust", "avgusta", "agustus", "ogos",
        "abuztua", "августа", "август", "авг", "серпня", "серпень", "жніўня", "жнівень", "август", "августа",
        "αυγούστου", "αύγουστος", "αυγουστου", "αυγ", "สิงหาคม", "أغسطس", "اغسطس", "آب", "अगस्त", "אוגוסט", "באוגוסט",
    ],
    &[
        "september", "sep", "sept", "septembre", "septiembre", "setiembre", "set", "setembro", "settembre", "sett",
        "rugsėjo", "rugsejo", "września", "wrzesień", "września", "září", "zari", "szeptember", "szept",
        "septembra", "septembrie", "eylül", "eylul", "syyskuuta", "syyskuu", "syysk", "shtator", "setembre",
        "septembris", "septembrī", "rujna", "rujan", "septembar", "setyembre", "iraila", "сентября", "сентябрь",
        "сен", "сент", "вересня", "вересень", "верасня", "верасень", "септември", "септембар", "септембра",
        "σεπτεμβρίου", "σεπτέμβριος", "σεπτεμβριου", "σεπ", "กันยายน", "سبتمبر", "أيلول", "ايلول", "सितंबर", "सितम्बर", "ספטמבר",
        "בספטמבר",
    ],
    &[
        "october", "oct", "octobre", "oktober", "okt", "octubre", "outubro", "ottobre", "ott", "spalio",
        "października", "październik", "pazdziernika", "října", "rijna", "říjen", "október", "októbra", "oktobra",
        "octombrie", "ekim", "lokakuuta", "lokakuu", "lokak", "tetor", "octubre", "oktoober", "oktobris", "oktobrī",
        "oktobar", "oktubre", "urria", "октября", "октябрь", "окт", "жовтня", "жовтень",
        "кастрычніка", "кастрычнік", "октомври", "октобар", "октобра", "οκτωβρίου", "οκτώβριος", "οκτωβριου",
        "οκτ", "ตุลาคม", "أكتوبر", "اكتوبر", "अक्टूबर", "אוקטובר", "באוקטובר",
    ],
    &[
        "november", "nov", "novembre", "noviembre", "novembro", "listopada", "listopad", "lapkričio", "lapkricio",
        "novembra", "noiembrie", "kasım", "kasim", "marraskuuta", "marraskuu", "marrask", "nëntor", "nentor",
        "novembris", "novembrī", "studenoga", "studeni", "novembar", "nobyembre", "azaroa", "ноября", "ноябрь",
        "ноя", "нояб", "листопада", "листопад", "лістапада", "лістапад", "ноември", "новембар", "новембра",
        "νοεμβρίου", "νοέμβριος", "νοεμβριου", "νοε", "พฤศจิกายน", "نوفمبر", "नवंबर", "नवम्बर", "נובמבר",
        "בנובמבר",
    ],
    &[
        "december", "dec", "décembre", "decembre", "déc", "dezember", "dez", "diciembre", "dic", "dezembro",
        "dicembre", "gruodžio", "gruodzio", "grudnia", "grudzień", "prosince", "prosinec", "decembra", "decembrie",
        "aralık", "aralik", "joulukuuta", "joulukuu", "jouluk", "dhjetor", "desembre", "detsember", "decembris",
        "decembrī", "prosinca", "prosinac", "decembar", "desember", "disember", "disyembre", "abendua", "декабря",
        "декабрь", "дек", "грудня", "грудень", "снежня", "снежань", "декември", "децембар", "децембра",
        "δεκεμβρίου", "δεκέμβριος", "δεκεμβριου", "δεκ", "ธันวาคม", "ديسمبر", "दिसंबर", "दिसम्बर", "דצמבר",
        "בדצמבר",
    ],
];

/// The month (1-12) a lower-case word names, if any.
pub(super) fn month_of(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    if word.is_empty() {
        return None;
    }
    MONTHS
        .iter()
        .position(|names| names.contains(&word))
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_map_to_their_month() {
        assert_eq!(month_of("décembre"), Some(12));
        assert_eq!(month_of("грудня"), Some(12));
        assert_eq!(month_of("sept"), Some(9));
        assert_eq!(month_of("listopada"), Some(11));
        assert_eq!(month_of("maggio"), Some(5));
        assert_eq!(month_of("hours"), None);
    }

    #[test]
    fn no_name_is_listed_under_two_months() {
        for (i, a) in MONTHS.iter().enumerate() {
            for (j, b) in MONTHS.iter().enumerate().skip(i + 1) {
                for name in a.iter() {
                    assert!(
                        !b.contains(name),
                        "{name} under months {} and {}",
                        i + 1,
                        j + 1
                    );
                }
            }
        }
    }
}
