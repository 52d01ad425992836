use super::*;

fn meta(html: &str, url: Option<&str>) -> Metadata {
    extract_metadata(&Document::parse(html), url)
}

#[test]
fn jsonld_wins_over_meta_tags() {
    let m = meta(
        r#"<html lang="de"><head><title>Alt | Planet</title>
        <meta property="og:title" content="OG headline | Planet">
        <meta name="author" content="Planet">
        <meta property="article:tag" content="Flut, Küste">
        <meta property="article:section" content="Panorama">
        <meta property="og:image" content="/img/a.jpg">
        <link rel="canonical" href="/news/floods">
        <script type="application/ld+json">{"@type":"NewsArticle","headline":"Floods hit the coast",
          "datePublished":"2020-06-07T10:00:00+02:00","author":{"@type":"Person","name":"Max Müller"},
          "publisher":{"@type":"Organization","name":"Planet"}}</script></head><body></body></html>"#,
        Some("https://www.planet.de/x?id=1"),
    );
    assert_eq!(m.title.as_deref(), Some("Floods hit the coast"));
    assert_eq!(m.authors, ["Max Müller"]);
    assert_eq!(m.site_name.as_deref(), Some("Planet"));
    assert_eq!(m.url.as_deref(), Some("https://www.planet.de/news/floods"));
    assert_eq!(m.image.as_deref(), Some("https://www.planet.de/img/a.jpg"));
    assert_eq!(m.language.as_deref(), Some("de"));
    assert_eq!(m.tags, ["Flut", "Küste"]);
    assert_eq!(m.categories, ["Panorama"]);
    assert_eq!(
        m.published.map(|t| t.to_string()).as_deref(),
        Some("2020-06-07T10:00:00+02:00")
    );
}

#[test]
fn og_title_loses_its_site_suffix() {
    let m = meta(
        r#"<meta property="og:site_name" content="Daily Planet"><meta property="og:title" content="Floods hit the coast - Daily Planet">"#,
        None,
    );
    assert_eq!(m.title.as_deref(), Some("Floods hit the coast"));
}

#[test]
fn publisher_is_not_the_author_and_url_gives_the_date() {
    let m = meta(
        r#"<meta property="og:site_name" content="Daily Planet"><meta name="author" content="Daily Planet Staff"><title>X</title>"#,
        Some("https://dailyplanet.com/2020/02/18/floods/"),
    );
    assert!(m.authors.is_empty());
    assert_eq!(
        m.published.map(|t| t.to_string()).as_deref(),
        Some("2020-02-18")
    );
}

#[test]
fn locale_gives_language() {
    assert_eq!(
        meta(r#"<meta property="og:locale" content="pt_BR">"#, None)
            .language
            .as_deref(),
        Some("pt")
    );
}

#[test]
fn empty_and_garbage_pages_do_not_panic() {
    for html in [
        "",
        "<",
        "<html><script type=application/ld+json>{{{</script>",
        "<meta property=og:title>",
        "\u{0}\u{feff}<title></title>",
    ] {
        let _ = meta(html, Some("not a url"));
        let _ = meta(html, None);
    }
}

#[test]
fn metadata_fills_an_article() {
    let m = meta(
        r#"<title>Floods hit the coast | Planet</title><meta name="description" content="Rain.">"#,
        None,
    );
    let mut a = Article::default();
    m.apply_to(&mut a);
    assert_eq!(a.title.as_deref(), Some("Floods hit the coast"));
    assert_eq!(a.description.as_deref(), Some("Rain."));
}

#[test]
fn heading_text_as_laid_out() {
    let m = meta(
        r#"<html><head><title>Data Analytics Agency | Planet</title></head><body>
        <h1>Data Analytics<br>Agency<button>Copy item path</button></h1></body></html>"#,
        Some("https://planet.com/analytics"),
    );
    assert_eq!(m.title.as_deref(), Some("Data Analytics Agency"));
}

#[test]
fn home_page_keeps_the_name_before_its_tagline() {
    let page = r#"<html><head><meta property="og:title" content="Planet: Maps for everyone">
        <meta property="og:site_name" content="Planet"></head><body></body></html>"#;
    let home = meta(page, Some("https://planet.com/"));
    assert_eq!(home.title.as_deref(), Some("Planet: Maps for everyone"));
    let inner = meta(page, Some("https://planet.com/maps"));
    assert_eq!(inner.title.as_deref(), Some("Maps for everyone"));
}

#[test]
fn site_logo_heading_is_no_headline() {
    let m = meta(
        r#"<html><head><meta property="og:title" content="Trip to the hills | Planet News Daily">
        </head><body><div class="topbar"><h1 class="topbar__logo__title">Planet News Daily</h1>
        </div><p>Text of the post.</p></body></html>"#,
        None,
    );
    assert_eq!(
        m.title.as_deref(),
        Some("Trip to the hills | Planet News Daily")
    );
}
