//! Pages that are not articles come back with `is_article: false` and a
//! reason (their main content in the text, typed by `page_type`); real
//! stories are never rejected.

use dateline_extract::{extract, InputKind, Options};

fn html(bytes: &str, url: &str) -> dateline_model::Article {
    extract(
        bytes.as_bytes(),
        &Options::default().input(InputKind::Html).url(url),
    )
}

fn card(i: usize) -> String {
    format!(
        "<article class='card'><a href='/2019/12/0{d}/story-{i}'><img src='/img/{i}.jpg'></a>\
         <h3><a href='/2019/12/0{d}/story-{i}'>Headline number {i} about the council budget</a></h3>\
         <p>A short summary of story {i}, two lines long at most...</p></article>",
        d = i % 9 + 1
    )
}

#[test]
fn a_tag_page_of_teasers_is_an_index_page() {
    let cards: String = (0..24).map(card).collect();
    let page = format!(
        "<html><head><title>Raqqa | News</title><meta property='og:type' content='website'></head>\
         <body><nav><a href='/'>Home</a></nav><h1>Raqqa</h1><section class='grid'>{cards}</section></body></html>"
    );
    let article = html(&page, "https://news.example/tag/raqqa/");
    assert!(!article.is_article);
    assert_eq!(article.reason.as_deref(), Some("index page"));
    // The news verdict stays; the text is the listing's items (issue 16:
    // every page type carries its main content), typed as a listing.
    assert_eq!(article.page_type, Some(dateline_model::PageType::Listing));
    assert!(article.body.iter().any(|b| b
        .text
        .contains("Headline number 3 about the council budget")));
    assert!(!article.text.contains("Home"), "navigation stays out");
}

#[test]
fn an_error_page_is_not_an_article() {
    let page = "<html><head><title>Page not found | Daily Planet</title></head><body><h1>404</h1>\
                <p>Sorry, we couldn't find that page. Try the search box or go back to the home page.</p></body></html>";
    let article = html(page, "https://news.example/2019/12/09/missing");
    assert!(!article.is_article);
    assert_eq!(article.reason.as_deref(), Some("error page"));
}

#[test]
fn a_consent_wall_is_not_an_article() {
    let page = "<html><head><title>Daily Planet</title></head><body><div class='wall'>\
                <p>We use cookies to improve your experience and to show you personalised ads.</p>\
                <p>Accept all cookies to continue, or manage your choices.</p></div></body></html>";
    let article = html(page, "https://news.example/2019/12/09/story");
    assert!(!article.is_article);
    assert_eq!(article.reason.as_deref(), Some("consent wall"));
}

#[test]
fn a_short_story_with_teasers_below_is_still_an_article() {
    let cards: String = (0..12).map(card).collect();
    let page = format!(
        "<html><head><title>Bridge opens | Daily Planet</title></head><body><article><h1>Bridge opens</h1>\
         <p>The new bridge over the river opened on Friday after three years of work, the city said, and traffic \
         across the old crossing is expected to ease by the end of the month as buses are rerouted.</p>\
         <p>The mayor cut the ribbon in front of a crowd of several hundred people and thanked the workers.</p>\
         </article><section class='more'>{cards}</section></body></html>"
    );
    let article = html(&page, "https://news.example/2019/12/09/bridge-opens");
    assert!(article.is_article, "{:?}", article.reason);
    assert!(article.text.starts_with("The new bridge"));
    assert!(!article.text.contains("Headline number"));
}

#[test]
fn a_script_rendered_page_falls_back_to_the_declared_body() {
    let body = "Heavy rain flooded hundreds of homes along the coast on Monday, officials said.\\n\
                More storms are expected later this week as the front moves north, forecasters warned, \
                and schools in three districts will stay closed until Thursday at the earliest.\\n\
                The regional government said emergency shelters had taken in more than 2,000 people overnight \
                and asked residents of low-lying streets to leave before the next high tide.";
    let page = format!(
        "<html><head><title>Floods | Daily Planet</title><script type='application/ld+json'>\
         {{\"@type\":\"NewsArticle\",\"headline\":\"Floods hit the coast\",\"articleBody\":\"{body}\"}}</script></head>\
         <body><div id='root'><h1>Floods hit the coast</h1><p>Loading…</p></div></body></html>"
    );
    let article = html(&page, "https://news.example/2019/12/09/floods");
    assert!(article.is_article, "{:?}", article.reason);
    assert_eq!(article.body.len(), 3);
    assert!(article.text.starts_with("Heavy rain flooded"));
}

#[test]
fn a_guide_in_furniture_named_sections_keeps_its_text() {
    let section = |i: usize| {
        format!(
            "<div class='widget-wrap populated'><h2>Step {i}</h2><p>Step {i} of the guide explains, at some \
             length and in plain words, what to prepare before forming a company, which forms to file, \
             and how long the office takes to answer a filing made by post or online.</p></div>"
        )
    };
    let sections: String = (1..=5).map(section).collect();
    let page = format!(
        "<html><head><title>Forming a company</title></head><body><nav><a href='/'>Home</a></nav>\
         <h1>Forming a company</h1>{sections}<footer>Contact us</footer></body></html>"
    );
    let article = html(&page, "https://office.example/forming-a-company");
    for i in 1..=5 {
        assert!(
            article.text.contains(&format!("Step {i} of the guide")),
            "{}",
            article.text
        );
    }
}
