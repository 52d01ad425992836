use super::visible::BYLINE_HINTS;
use super::*;
use crate::html::meta::jsonld;

#[test]
fn byline_hints_hold_no_space() {
    // `byline_elements` skips elements with no class, id or rel
    // unread: their " " must match no hint.
    assert!(BYLINE_HINTS
        .iter()
        .all(|h| !h.is_empty() && !h.contains(' ')));
}

fn authors(html: &str) -> Vec<String> {
    let doc = Document::parse(html);
    let head = Head::collect(&doc);
    let ld = jsonld::extract(&doc);
    find_authors(
        &doc,
        &head,
        ld.as_ref(),
        &NotAuthors {
            publishers: &["Daily Planet".to_string()],
            hosts: &["karl-voit".to_string(), "dailyplanet".to_string()],
            title_segments: &[],
        },
        None,
    )
    .or_site_named(false)
}

#[test]
fn sources_in_order() {
    assert_eq!(
        authors(
            r#"<meta name="author" content="Daily Planet"><meta name="parsely-author" content="Jane Doe">"#
        ),
        ["Jane Doe"]
    );
    assert_eq!(
        authors(
            r#"<meta property="article:author" content="https://facebook.com/x"><div class="byline">By JOHN ROE</div>"#
        ),
        ["John Roe"]
    );
    assert_eq!(
        authors(r#"<div itemprop="author" itemscope><span itemprop="name">Ann Lee</span></div>"#),
        ["Ann Lee"]
    );
    assert_eq!(
        authors(
            r#"<div class="comments"><span class="author">Troll Person</span></div><p class="byline">Von Max Müller</p>"#
        ),
        ["Max Müller"]
    );
    assert!(authors(r#"<span class="author">Daily Planet</span>"#).is_empty());
    // A personal site is named after its author.
    assert_eq!(
        authors(r#"<meta name="author" content="Karl Voit">"#),
        ["Karl Voit"]
    );
    assert!(authors(r#"<meta name="author" content="DailyPlanet">"#).is_empty());
}

#[test]
fn an_article_aside_is_no_sidebar() {
    assert_eq!(
        authors(
            r#"<article><aside><p class="byline">By Lisa D. Ellis</p></aside><p>x</p></article>"#
        ),
        ["Lisa D. Ellis"]
    );
    assert!(authors(r#"<aside><p class="byline">By Lisa D. Ellis</p></aside>"#).is_empty());
    assert_eq!(
        authors(
            r#"<article><p>x</p><footer class="meta"><div class="author"><a rel="author">Halina Goetz</a></div></footer></article>"#
        ),
        ["Halina Goetz"]
    );
    assert!(authors(
        r#"<footer><div class="author"><a rel="author">Halina Goetz</a></div></footer>"#
    )
    .is_empty());
}

#[test]
fn an_author_description_is_no_byline() {
    assert!(authors(
        r#"<h1>Headline here</h1><div class="dynamic-author-description">Licensed Q Arabica Grader, M.A. Journalism</div>"#
    )
    .is_empty());
}

#[test]
fn author_boxes_and_component_hooks() {
    assert_eq!(
        authors(
            r#"<div class="blog_author-box"><div>Lauren Vetter</div><p>Lauren writes about practice growth for clinics and has done so for more than a decade now.</p></div>"#
        ),
        ["Lauren Vetter"]
    );
    // The box's first run must be a name on its own.
    assert_eq!(
        authors(
            r#"<div class="author-box"><p>About the writer of this column: she has covered local politics for twenty years and more, mostly from the city hall.</p></div>"#
        ),
        Vec::<String>::new()
    );
}

fn authors_on(html: &str, site: &str, host: &str, segments: &[&str]) -> Vec<String> {
    let doc = Document::parse(html);
    let head = Head::collect(&doc);
    let ld = jsonld::extract(&doc);
    let segments: Vec<String> = segments.iter().map(|s| s.to_string()).collect();
    find_authors(
        &doc,
        &head,
        ld.as_ref(),
        &NotAuthors {
            publishers: &[site.to_string()],
            hosts: &[host.to_string()],
            title_segments: &segments,
        },
        None,
    )
    .or_site_named(false)
}

#[test]
fn a_site_named_after_a_person() {
    // The name declared as the author is the site's: kept, but last.
    let declared =
        r#"<meta property="og:type" content="article"><meta name="author" content="Erin Spain">"#;
    assert_eq!(
        authors_on(declared, "Erin Spain", "erinspain.com", &[]),
        ["Erin Spain"]
    );
    assert_eq!(
        authors_on(
            &format!(r#"{declared}<h1>Headline here</h1><p class="byline">By Jane Doe</p>"#),
            "Erin Spain",
            "erinspain.com",
            &[]
        ),
        ["Jane Doe"]
    );
    // Not on a page that is no article (a company's own page).
    assert!(authors_on(
        r#"<meta name="author" content="Erin Spain">"#,
        "Erin Spain",
        "erinspain.com",
        &[]
    )
    .is_empty());
    // Nothing declared: the site's name alone credits no one.
    assert!(authors_on("<p>x</p>", "Colin Watson", "example.org", &[]).is_empty());
    // An organisation declared as the author stays out.
    assert!(authors_on(
        r#"<meta name="author" content="Daily Planet">"#,
        "Daily Planet",
        "dailyplanet.com",
        &[]
    )
    .is_empty());
}

#[test]
fn twitter_card_label_and_data() {
    assert_eq!(
        authors(
            r#"<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Erin Spain"><meta name="twitter:label2" content="Est. reading time"><meta name="twitter:data2" content="4 minutes">"#
        ),
        ["Erin Spain"]
    );
    assert!(authors(r#"<meta name="twitter:label1" content="Est. reading time"><meta name="twitter:data1" content="Four Minutes">"#).is_empty());
}

#[test]
fn contributors_and_recipe_labels() {
    assert_eq!(
        authors(
            r#"<h1>Headline here</h1><div><strong>Contributors:</strong> Janet Loughrey</div>"#
        ),
        ["Janet Loughrey"]
    );
    assert_eq!(
        authors(r#"<h1>Headline here</h1><div>Recipe by <a href="/author/pj">PJ Hamel</a></div>"#),
        ["PJ Hamel"]
    );
}

#[test]
fn one_word_names_of_users_and_profile_links() {
    assert_eq!(
        authors(
            r#"<h1>Headline here</h1><div class="header-byline">By <a href="/member/MixmasterFred/">MixmasterFred</a> in Craft</div>"#
        ),
        ["MixmasterFred"]
    );
    assert_eq!(
        authors(
            r#"<h1>Headline here</h1><div class="x"><p>by <a href="https://example.com/author/amanda/">Amanda</a></p></div>"#
        ),
        ["Amanda"]
    );
    assert_eq!(
        authors(
            r#"<h1>Headline here</h1><dl class="postprofile"><dt><a href="./memberlist.php?mode=viewprofile&u=1" class="username">b.scherer</a></dt></dl>"#
        ),
        ["b.scherer"]
    );
    // A user-name box of two words is page chrome.
    assert!(authors(
        r#"<h1>Headline here</h1><div class="paywall-user-name-wrap"><div>Log Out</div></div>"#
    )
    .is_empty());
    // The reader's account in the page header, a form's field.
    assert!(authors(
        r#"<header><span class="auth-user-name">Account</span></header><h1>Headline here</h1>"#
    )
    .is_empty());
    assert!(authors(
        r#"<h1>Headline here</h1><form><div class="author-name">First Name</div></form>"#
    )
    .is_empty());
    // Without a profile link or a user-name class, one word is no name.
    assert!(authors(
        r#"<h1>Headline here</h1><div class="byline">By <a href="/news/">Reuters</a></div>"#
    )
    .is_empty());
}

#[test]
fn byline_runs_are_words_apart() {
    assert_eq!(
        authors(
            r#"<h1>Headline here</h1><div class="resource-author-details"><p>Luke Kim</p><small>December 17, 2025</small></div>"#
        ),
        ["Luke Kim"]
    );
}

#[test]
fn post_author_in_an_attribute() {
    assert_eq!(
        authors(
            r#"<shreddit-post author="EuroStepJam"><h1>Pan</h1></shreddit-post><shreddit-comment author="Other1"></shreddit-comment>"#
        ),
        ["EuroStepJam"]
    );
    assert_eq!(
        authors(r#"<div class="question" data-author-username="kestrel42"><p>x</p></div>"#),
        ["kestrel42"]
    );
    assert!(authors(r#"<div data-author="admin"><p>x</p></div>"#).is_empty());
    // A layout class naming the sidebar does not make the post a teaser.
    assert_eq!(
        authors(
            r#"<div class="main fixed-sidebar"><shreddit-post author="ControlCAD"></shreddit-post></div>"#
        ),
        ["ControlCAD"]
    );
    assert!(
        authors(r#"<div class="comments"><article data-author="Replier9"></article></div>"#)
            .is_empty()
    );
}

#[test]
fn thread_starter_label() {
    assert_eq!(
        authors(
            r#"<h1>Headline here</h1><li><span>Thread starter</span> <a class="username">SamuelMIz</a></li>"#
        ),
        ["SamuelMIz"]
    );
    // After a plain "By" a single word is not taken.
    assert!(authors(r#"<h1>Headline here</h1><p>By</p><p>Reuters</p>"#).is_empty());
}

#[test]
fn thread_starter_not_repliers() {
    let html = r#"<div itemscope itemtype="https://schema.org/Question">
        <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Vader</span></span>
        <div itemscope itemtype="https://schema.org/Answer">
        <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Aaron Hall</span></span>
        </div></div>"#;
    assert_eq!(authors(html), ["Vader"]);
}

#[test]
fn label_and_name_in_separate_elements() {
    assert_eq!(
        authors(
            r#"<h1>Headline here</h1><div class="x"><p>Written by</p><p class="y">Edzel Tabing</p></div>"#
        ),
        ["Edzel Tabing"]
    );
    assert_eq!(
        authors(r#"<h1>Headline here</h1><span>By: <a href="/p/jd">Jane Doe</a></span>"#),
        ["Jane Doe"]
    );
    assert_eq!(
        authors(r#"<h1>Headline here</h1><p>Written by</p><a>Moses Kim and Kate Shokurova</a>"#),
        ["Moses Kim", "Kate Shokurova"]
    );
    // A label before something that is not a name gives nothing.
    assert!(authors(r#"<h1>Headline here</h1><p>By</p><p>the river bank today</p>"#).is_empty());
    assert_eq!(
        authors(r#"<h1>Headline here</h1><p>by: Ziyi Xu, Dec 17, 2025</p>"#),
        ["Ziyi Xu"]
    );
    assert!(
        authors(r#"<h1>Headline here</h1><p>By submitting this form, you agree</p>"#).is_empty()
    );
    // "by" in prose is no label.
    assert!(
        authors(r#"<h1>Headline here</h1><p><i>Hamlet</i> by <a>William Shakespeare</a></p>"#)
            .is_empty()
    );
    // Comment threads are other people's names.
    assert!(authors(r#"<div class="comments"><p>By</p><p>Troll Person</p></div>"#).is_empty());
}
