use super::*;

fn p(s: &str) -> Option<String> {
    parse_date(s).map(|t| t.to_string())
}

fn day(s: &str) -> Option<String> {
    parse_date(s).map(|t| t.date_only().to_string())
}

#[test]
fn iso_and_rfc_2822() {
    assert_eq!(
        p("2019-12-09T17:34:00Z").as_deref(),
        Some("2019-12-09T17:34:00Z")
    );
    assert_eq!(
        p("2019-12-09T17:34:00.000+02:00").as_deref(),
        Some("2019-12-09T17:34:00+02:00")
    );
    assert_eq!(
        p("Mon, 09 Dec 2019 17:34:00 +0000").as_deref(),
        Some("2019-12-09T17:34:00Z")
    );
    assert_eq!(
        p("Mon, 9 Dec 2019 17:34:00 GMT").as_deref(),
        Some("2019-12-09T17:34:00Z")
    );
    assert_eq!(
        p("Mon, 09 Dec 2019 17:34:00 -0500").as_deref(),
        Some("2019-12-09T17:34:00-05:00")
    );
}

#[test]
fn english() {
    assert_eq!(
        p("DECEMBER 9, 2019 17:34").as_deref(),
        Some("2019-12-09T17:34:00")
    );
    assert_eq!(
        p("Dec. 9, 2019 at 5:34 p.m. ET").as_deref(),
        Some("2019-12-09T17:34:00-05:00")
    );
    assert_eq!(
        p("June 9, 2020 at 5:34 am EDT").as_deref(),
        Some("2020-06-09T05:34:00-04:00")
    );
    assert_eq!(
        p("Published: Monday, December 9th, 2019, 12:05 PM").as_deref(),
        Some("2019-12-09T12:05:00")
    );
    assert_eq!(day("9 December 2019").as_deref(), Some("2019-12-09"));
    assert_eq!(
        day("Posted on 1st of March 2020").as_deref(),
        Some("2020-03-01")
    );
    assert_eq!(day("09-Dec-2019").as_deref(), Some("2019-12-09"));
}

#[test]
fn romance_languages() {
    assert_eq!(day("9 décembre 2019").as_deref(), Some("2019-12-09"));
    assert_eq!(
        p("Publié le 1er février 2020 à 14h05").as_deref(),
        Some("2020-02-01T14:05:00")
    );
    assert_eq!(day("9 de diciembre de 2019").as_deref(), Some("2019-12-09"));
    assert_eq!(day("9 de dezembro de 2019").as_deref(), Some("2019-12-09"));
    assert_eq!(
        day("martedì 9 dicembre 2019").as_deref(),
        Some("2019-12-09")
    );
    assert_eq!(day("9 decembrie 2019").as_deref(), Some("2019-12-09"));
    assert_eq!(day("9 de març de 2020").as_deref(), Some("2020-03-09"));
}

#[test]
fn germanic_languages() {
    assert_eq!(day("9. Dezember 2019").as_deref(), Some("2019-12-09"));
    assert_eq!(
        p("Montag, 9. März 2020, 17:34 Uhr").as_deref(),
        Some("2020-03-09T17:34:00")
    );
    assert_eq!(day("9 december 2019").as_deref(), Some("2019-12-09"));
    assert_eq!(day("9 mei 2020").as_deref(), Some("2020-05-09"));
    assert_eq!(day("9. maj 2020").as_deref(), Some("2020-05-09"));
    assert_eq!(day("9 augusti 2020").as_deref(), Some("2020-08-09"));
    assert_eq!(day("9. joulukuuta 2019").as_deref(), Some("2019-12-09"));
}

#[test]
fn slavic_languages() {
    assert_eq!(day("9 декабря 2019 г.").as_deref(), Some("2019-12-09"));
    assert_eq!(
        p("9 декабря 2019, 17:34").as_deref(),
        Some("2019-12-09T17:34:00")
    );
    assert_eq!(day("9 грудня 2019 р.").as_deref(), Some("2019-12-09"));
    assert_eq!(day("7 червня 2020, 10:15").as_deref(), Some("2020-06-07"));
    assert_eq!(day("9 grudnia 2019").as_deref(), Some("2019-12-09"));
    assert_eq!(day("9. prosince 2019").as_deref(), Some("2019-12-09"));
    assert_eq!(day("9. decembra 2019").as_deref(), Some("2019-12-09"));
    assert_eq!(day("9. prosinca 2019.").as_deref(), Some("2019-12-09"));
    assert_eq!(day("9 декември 2019").as_deref(), Some("2019-12-09"));
    assert_eq!(day("26. oktobra 2020.").as_deref(), Some("2020-10-26"));
}

#[test]
fn other_languages() {
    assert_eq!(
        day("30 Kasım 2020 Pazartesi").as_deref(),
        Some("2020-11-30")
    );
    assert_eq!(day("30 Ekim 2020, 14:22").as_deref(), Some("2020-10-30"));
    assert_eq!(day("2019. december 9.").as_deref(), Some("2019-12-09"));
    assert_eq!(day("2019 m. gruodžio 9 d.").as_deref(), Some("2019-12-09"));
    assert_eq!(day("9 Δεκεμβρίου 2019").as_deref(), Some("2019-12-09"));
    assert_eq!(day("2019年12月9日").as_deref(), Some("2019-12-09"));
    assert_eq!(day("2019년 12월 9일").as_deref(), Some("2019-12-09"));
    assert_eq!(day("9 Desember 2019").as_deref(), Some("2019-12-09"));
    assert_eq!(day("9 ธันวาคม 2562").as_deref(), Some("2019-12-09"));
    assert_eq!(day("9 ديسمبر 2019").as_deref(), Some("2019-12-09"));
    assert_eq!(day("9 दिसंबर 2019").as_deref(), Some("2019-12-09"));
    // Levantine Arabic: the Syriac month name, alone or with the Gregorian one.
    assert_eq!(day("24 نيسان 2020").as_deref(), Some("2020-04-24"));
    assert_eq!(
        day("الجمعة 24 نيسان / أبريل 2020 09:22 مساءً").as_deref(),
        Some("2020-04-24")
    );
    // Two different months are no date.
    assert_eq!(day("24 نيسان / مايو 2020"), None);
}

#[test]
fn numeric() {
    assert_eq!(day("09.12.2019").as_deref(), Some("2019-12-09"));
    assert_eq!(
        p("09.12.2019 17:34").as_deref(),
        Some("2019-12-09T17:34:00")
    );
    assert_eq!(day("2019/12/09").as_deref(), Some("2019-12-09"));
    assert_eq!(day("9/12/2019").as_deref(), Some("2019-12-09"));
    assert_eq!(day("12/19/2019").as_deref(), Some("2019-12-19"));
    assert_eq!(
        parse_date_mdy("12/09/2019")
            .map(|t| t.to_string())
            .as_deref(),
        Some("2019-12-09")
    );
    assert_eq!(day("9. 12. 2019").as_deref(), Some("2019-12-09"));
    assert_eq!(day("09.12.19").as_deref(), Some("2019-12-09"));
    assert_eq!(day("2019.12.09.").as_deref(), Some("2019-12-09"));
}

#[test]
fn unix_timestamps_only_when_alone() {
    assert_eq!(p("1575912840").as_deref(), Some("2019-12-09T17:34:00Z"));
    assert_eq!(p("1575912840000").as_deref(), Some("2019-12-09T17:34:00Z"));
    assert_eq!(p("id 1575912840"), None);
    assert_eq!(p("12345"), None);
}

#[test]
fn conservative() {
    for s in [
        "Hours ago",
        "Updated",
        "",
        "December 2019",
        "3 days ago",
        "Call 555-12-09",
        "v1.2.2019.5",
        "192.168.10.12",
        "Page 12 of 2019 results",
    ] {
        assert_eq!(p(s), None, "{s}");
    }
    assert_eq!(p("32.12.2019"), None);
    assert_eq!(p("2019-02-30"), None);
}

#[test]
fn dates_in_urls() {
    let u = |s: &str| date_from_url(s).map(|t| t.to_string());
    assert_eq!(
        u("https://www.jpost.com/2019/12/09/story").as_deref(),
        Some("2019-12-09")
    );
    assert_eq!(
        u("https://x.com/news/2019-12-09-russians-in-raqqa").as_deref(),
        Some("2019-12-09")
    );
    assert_eq!(
        u("https://x.com/a/20191209/story.html").as_deref(),
        Some("2019-12-09")
    );
    assert_eq!(
        u("https://x.com/a/story_20191209.html").as_deref(),
        Some("2019-12-09")
    );
    assert_eq!(
        u("https://x.com/blog/2023/october/03/how-many-wines/").as_deref(),
        Some("2023-10-03")
    );
    assert_eq!(u("https://x.com/2023/october/story"), None);
    // Unpadded parts only between slashes: in a slug they are a version.
    assert_eq!(
        u("https://x.com/2019/12/9/story").as_deref(),
        Some("2019-12-09")
    );
    assert_eq!(u("https://x.com/t/2024-4-4-2024-5-0-issue/724779"), None);
    assert_eq!(u("https://x.com/2019/12/story"), None);
    assert_eq!(u("https://x.com/article/123456789012"), None);
    assert_eq!(u("https://20191209.example.com/story"), None);
    assert_eq!(u("https://x.com/story?d=20191209"), None);
}
