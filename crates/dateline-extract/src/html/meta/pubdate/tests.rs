use super::written::{date_after_headline, membership_label};
use super::*;
use crate::html::meta::jsonld;

fn dates(html: &str, url: Option<&str>) -> (Option<String>, Option<String>) {
    dates_by(html, url, &[])
}

fn dates_by(html: &str, url: Option<&str>, authors: &[String]) -> (Option<String>, Option<String>) {
    let doc = Document::parse(html);
    let head = Head::collect(&doc);
    let ld = jsonld::extract(&doc);
    let page = PageContext {
        url,
        mdy: false,
        title: None,
        authors,
    };
    let (p, m) = find_dates(&doc, &head, ld.as_ref(), &page);
    (p.map(|t| t.to_string()), m.map(|t| t.to_string()))
}

#[test]
fn times_keep_the_offset_the_page_gave() {
    // A Los Angeles station's UTC time stays UTC: no zone is guessed
    // from the host or the language.
    let meta = "<meta property='article:published_time' content='2023-11-09T06:35:29+00:00'>";
    let html = format!("<html lang='en'><head>{meta}</head><body><p>x</p></body></html>");
    let (p, _) = dates(&html, Some("https://www.ktla.com/news/story/"));
    assert_eq!(p.as_deref(), Some("2023-11-09T06:35:29Z"));
}

#[test]
fn meta_then_markup_then_text() {
    let (p, m) = dates(
        r#"<meta property="article:published_time" content="2020-01-02T06:14:00-05:00"><meta property="article:modified_time" content="2020-01-03">"#,
        None,
    );
    assert_eq!(p.as_deref(), Some("2020-01-02T06:14:00-05:00"));
    assert_eq!(m.as_deref(), Some("2020-01-03"));
    let (p, _) = dates(
        r#"<article><time datetime="2020-05-28T10:00">28 May</time></article>"#,
        None,
    );
    assert_eq!(p.as_deref(), Some("2020-05-28T10:00:00"));
    let (p, _) = dates(
        r#"<span itemprop="datePublished">9 грудня 2019</span>"#,
        None,
    );
    assert_eq!(p.as_deref(), Some("2019-12-09"));
    let (p, _) = dates(
        r#"<nav><span class="date">1.1.2019</span></nav><div class="post-date">Posted 9 December 2019</div>"#,
        None,
    );
    assert_eq!(p.as_deref(), Some("2019-12-09"));
}

#[test]
fn labelled_dates() {
    let (p, _) = dates(
        "<h1>Headline</h1><div><span>Published</span> <span>July 8, 2025</span></div>",
        None,
    );
    assert_eq!(p.as_deref(), Some("2025-07-08"));
    let (p, _) = dates(
        "<h1>Headline</h1><p>Updated: May 1, 2025</p><p>Posted on April 13, 2023</p>",
        None,
    );
    assert_eq!(p.as_deref(), Some("2023-04-13"));
    // A label before something that is no date gives nothing.
    let (p, _) = dates("<p>Published</p><p>by the Society</p>", None);
    assert_eq!(p, None);
    // The label's first letter is compared in lower case.
    let (p, _) = dates("<h1>Headline</h1><p>PUBLISHED July 8, 2025</p>", None);
    assert_eq!(p.as_deref(), Some("2025-07-08"));
}

#[test]
fn an_article_aside_is_no_sidebar() {
    let (p, _) = dates(
        r#"<article><aside><time datetime="2021-06-06">June 6, 2021</time></aside><p>x</p></article>"#,
        None,
    );
    assert_eq!(p.as_deref(), Some("2021-06-06"));
    let (p, _) = dates(
        r#"<article><p>x</p></article><aside><time datetime="2021-06-06">June 6</time></aside>"#,
        None,
    );
    assert_eq!(p, None);
}

#[test]
fn headline_as_a_lower_heading() {
    let doc = Document::parse(
        "<h2>Menu</h2><h2>Introducing the Spice Cayenne</h2><p>Luke Kim</p><p>December 17, 2025</p>",
    );
    let h = headline_id(&doc, Some("Introducing the Spice Cayenne"));
    assert_eq!(h, Some(3));
    let parse = |s: &str| parse_date(s);
    assert_eq!(
        date_after_headline(&doc, h.unwrap(), &parse)
            .map(|(t, _)| t.to_string())
            .as_deref(),
        Some("2025-12-17")
    );
}

#[test]
fn a_layout_class_around_the_headline_is_no_sidebar() {
    let (p, _) = dates(
        r#"<div class="story-template-sidebar"><h1>Headline</h1><p>May 31, 2024</p></div>"#,
        None,
    );
    assert_eq!(p.as_deref(), Some("2024-05-31"));
    let (p, _) = dates(
        r#"<h1>Headline</h1><div class="sidebar"><p>May 31, 2024</p></div>"#,
        None,
    );
    assert_eq!(p, None);
}

#[test]
fn an_earlier_labelled_publication_wins() {
    let meta = r#"<meta property="article:published_time" content="2025-08-21">"#;
    let (p, _) = dates(
        &format!("{meta}<h1>Headline</h1><p>Published</p><p>Apr 26, 2023</p>"),
        None,
    );
    assert_eq!(p.as_deref(), Some("2023-04-26"));
    // A later labelled date leaves the declared one.
    let (p, _) = dates(
        &format!("{meta}<h1>Headline</h1><p>Published</p><p>Sep 26, 2025</p>"),
        None,
    );
    assert_eq!(p.as_deref(), Some("2025-08-21"));
}

#[test]
fn a_date_right_above_the_headline() {
    let (p, _) = dates(
        "<p>Back to all articles</p><p>February 4, 2025</p><h1>Headline</h1><p>Body text.</p>",
        None,
    );
    assert_eq!(p.as_deref(), Some("2025-02-04"));
    let (p, _) = dates(
        "<p>February 4, 2025</p><p>a</p><p>b</p><p>c</p><h1>Headline</h1><p>Body text.</p>",
        None,
    );
    assert_eq!(p, None);
}

#[test]
fn url_dates_win_over_declared_dates() {
    let html = r#"<meta property="article:published_time" content="2020-03-01">"#;
    assert_eq!(
        dates(html, Some("https://x.com/2020/02/18/a")).0.as_deref(),
        Some("2020-02-18")
    );
    // A UTC time just after midnight: readers saw the day before.
    let html = r#"<meta property="article:published_time" content="2020-02-18T02:18:11Z">"#;
    assert_eq!(
        dates(html, Some("https://x.com/2020/02/17/a")).0.as_deref(),
        Some("2020-02-17")
    );
    // A URL made the day before, at drafting time.
    let html = r#"<meta property="article:published_time" content="2020-07-09T10:04:04Z">"#;
    assert_eq!(
        dates(html, Some("https://x.com/2020/07/08/a")).0.as_deref(),
        Some("2020-07-09T10:04:04Z")
    );
    assert_eq!(
        dates("<p>x</p>", Some("https://x.com/2020/02/18/a"))
            .0
            .as_deref(),
        Some("2020-02-18")
    );
}

#[test]
fn blocks_of_a_date_element_are_read_apart() {
    // "Luke KimDecember 17, 2025" holds no date; the runs apart do.
    let (p, _) = dates(
        r#"<div class="author-details"><p>Luke Kim</p><small>December 17, 2025</small></div>"#,
        None,
    );
    assert_eq!(p.as_deref(), Some("2025-12-17"));
}

#[test]
fn a_member_since_date_is_not_the_posts() {
    let body = "<p>Body text of the post. </p>".repeat(80);
    let html = format!(
        "<h1>Headline</h1><dl><dt><a>Jane Doe</a></dt><dd><strong>Joined:</strong> \
         4. Jul 2012, 16:09</dd></dl><p>by Jane Doe</p><p>11. Sep 2024, 18:36</p>{body}"
    );
    let jane = ["Jane Doe".to_string()];
    assert_eq!(
        dates_by(&html, None, &jane).0.as_deref().map(|d| &d[..10]),
        Some("2024-09-11")
    );
    assert!(membership_label("Joined:"));
    assert!(membership_label("Registered: 4. Jul 2012"));
    assert!(!membership_label("4. Jul 2012, 16:09"));
}

#[test]
fn the_date_beside_the_byline() {
    let body = "<p>Body text of the story. </p>".repeat(80);
    let html =
        format!("<h1>Headline</h1>{body}<p>Written by <a>Jane Doe</a></p><p>April 8, 2024</p>");
    let jane = ["Jane Doe".to_string()];
    assert_eq!(
        dates_by(&html, None, &jane).0.as_deref(),
        Some("2024-04-08")
    );
    // Without the author the date is too far below the headline.
    assert_eq!(dates_by(&html, None, &[]).0, None);
    // Nearer the headline than a date-named element of a teaser.
    let html = format!(
        "<h1>Headline</h1><p>Jane Doe · Feb 16, 2026</p>{body}<div class=\"date\">May 1, 2020</div>"
    );
    assert_eq!(
        dates_by(&html, None, &jane).0.as_deref(),
        Some("2026-02-16")
    );
}

#[test]
fn the_header_date_of_a_page_declared_as_saved() {
    let both = r#"<meta property="article:published_time" content="2025-06-12"><meta property="article:modified_time" content="2025-06-12">"#;
    let body = "<h1>Headline</h1><p>Jane Doe</p><p>November 2, 2022</p><p>Text.</p>";
    let (p, _) = dates(&format!("{both}{body}"), None);
    assert_eq!(p.as_deref(), Some("2022-11-02"));
    // A modification before the publication: both are saves.
    let before = r#"<meta property="article:published_time" content="2025-06-12"><meta property="article:modified_time" content="2025-06-10">"#;
    let (p, _) = dates(&format!("{before}{body}"), None);
    assert_eq!(p.as_deref(), Some("2022-11-02"));
    // A later modification: the declared publication holds.
    let distinct = r#"<meta property="article:published_time" content="2025-06-12"><meta property="article:modified_time" content="2025-06-14">"#;
    let (p, _) = dates(&format!("{distinct}{body}"), None);
    assert_eq!(p.as_deref(), Some("2025-06-12"));
}

#[test]
fn a_label_then_a_name_or_a_label_then_the_date() {
    // Posts between the headline and the label: no other rule reaches it.
    let posts = "<p>A reply without a date. </p>".repeat(80);
    let (p, _) = dates(
        &format!("<h1>Headline</h1>{posts}<p>Discussion in '<a>Advice</a>' started by <a>pelex</a>, <a>May 26, 2025</a></p>"),
        None,
    );
    assert_eq!(p.as_deref(), Some("2025-05-26"));
    let (p, _) = dates(
        &format!(
            "<h1>Headline</h1>{posts}<p>Published</p><p>by Jane Doe</p><p>15 November 2018</p>"
        ),
        None,
    );
    assert_eq!(p.as_deref(), Some("2018-11-15"));
    let (p, _) = dates(
        &format!(
            "<h1>Headline</h1>{posts}<p>Started by Biology Forums, June 04, 2024, 11:23:55 AM</p>"
        ),
        None,
    );
    assert_eq!(p.as_deref(), Some("2024-06-04T11:23:55"));
}

#[test]
fn the_date_line_under_the_headline_beats_the_header_date() {
    let (p, _) = dates(
        r#"<span class="date">Tue, 14 Jan 2020</span><p>Menu</p><h1>Headline</h1><p>News24</p><p>13 Jan 2020, 22:11</p><p>Text.</p>"#,
        None,
    );
    assert_eq!(p.as_deref(), Some("2020-01-13T22:11:00"));
    // An update line is not the story's date.
    let (p, _) = dates(
        r#"<h1>Headline</h1><p>Updated May 1, 2025</p><p>x</p><div class="date">April 2, 2025</div>"#,
        None,
    );
    assert_eq!(p.as_deref(), Some("2025-04-02"));
}

#[test]
fn a_label_in_a_container_that_holds_the_headline() {
    // "noSidebar" names a layout; the container holds the headline.
    let posts = "<p>A reply without a date. </p>".repeat(80);
    let (p, _) = dates(
        &format!("<div class=\"mainContainer_noSidebar\"><h1>Headline</h1>{posts}<p>Started by <a>pelex</a>, <a>May 26, 2025</a></p></div>"),
        None,
    );
    assert_eq!(p.as_deref(), Some("2025-05-26"));
    // A real sidebar stays chrome.
    let (p, _) = dates(
        &format!("<h1>Headline</h1>{posts}<div class=\"sidebar\"><p>Started by <a>pelex</a>, <a>May 26, 2025</a></p></div>"),
        None,
    );
    assert_eq!(p, None);
}

#[test]
fn a_date_line_above_the_headline_beats_a_date_in_a_sentence() {
    let (p, _) = dates(
        "<p>Back to blog</p><p>Dec 12, 2025</p><h1>Headline</h1><p>The library hit its stable release on 30 October 2025, which settles it.</p>",
        None,
    );
    assert_eq!(p.as_deref(), Some("2025-12-12"));
    // With no date line above, the sentence's date is still taken.
    let (p, _) = dates(
        "<h1>Headline</h1><p>The library hit its stable release on 30 October 2025, which settles it.</p>",
        None,
    );
    assert_eq!(p.as_deref(), Some("2025-10-30"));
}

#[test]
fn a_time_in_a_block_named_published() {
    // The teaser's date is nearer the headline; the time element in the
    // block named for the publication is the story's.
    let page = r#"<h1>Story</h1><div class="published"><span class="date">
        <time datetime="2020-06-22T09:30:00+02:00">28 minutes ago</time></span></div>
        <p>Text of the story.</p><div class="teaser"><span class="date">21 June 2020</span>
        <h4>Another story</h4></div>"#;
    let (p, _) = dates(page, None);
    assert_eq!(p.as_deref(), Some("2020-06-22T09:30:00+02:00"));
}

#[test]
fn a_meta_key_of_the_sites_own_that_names_the_publication() {
    let (p, _) = dates(
        r#"<meta name="w-published-date" content="2025-05-27T06:03:43Z"><p>Text</p>"#,
        None,
    );
    assert_eq!(p.as_deref(), Some("2025-05-27T06:03:43Z"));
    let (p, _) = dates(r#"<meta name="published" content="July 17, 2025">"#, None);
    assert_eq!(p.as_deref(), Some("2025-07-17"));
    // A modification, an update or the publisher's founding is no publication.
    for key in [
        "published-modified-date",
        "publisher-date",
        "last-published-update-time",
    ] {
        let (p, _) = dates(
            &format!(r#"<meta name="{key}" content="2025-05-27">"#),
            None,
        );
        assert_eq!(p, None, "{key}");
    }
    assert!(!super::names_publication("publish"));
    assert!(super::names_publication("x:publish_time"));
}

#[test]
fn a_wrapper_named_footer_around_the_headline_is_no_footer() {
    let page = "<title>How is everyone?</title><div class='footerfix'><h1>How is everyone?</h1>\
        <p>Started by Biology Forums, June 04, 2024, 11:23:55 AM</p><p>Text of the post.</p></div>";
    let (p, _) = dates(page, None);
    assert_eq!(p.as_deref().map(|d| &d[..10]), Some("2024-06-04"));
}
