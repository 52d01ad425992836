//! News metadata of an HTML page: title, authors, dates, site, language...
//!
//! Sources by trust: schema.org JSON-LD, then OpenGraph / `article:*`,
//! Twitter cards, Dublin Core, Parse.ly and Sailthru meta tags, then
//! microdata and markup (`<time>`, `rel=author`, byline classes), then the
//! URL and written dates. Every value is normalised (person names cased,
//! site names cut from titles, language codes reduced to ISO 639-1).
//!
//! ```
//! use dateline_extract::html::meta::extract_metadata;
//! use dateline_html::Document;
//!
//! let doc = Document::parse(r#"<html lang="en-US"><head>
//!   <title>Russians in Raqqa | The Jerusalem Post</title>
//!   <meta property="og:site_name" content="The Jerusalem Post">
//!   <meta property="article:published_time" content="2019-12-09T17:34:00+02:00">
//!   </head><body><div class="byline">By SETH J. FRANTZMAN</div></body></html>"#);
//! let meta = extract_metadata(&doc, Some("https://www.jpost.com/middle-east/russians-in-raqqa-610558"));
//! assert_eq!(meta.title.as_deref(), Some("Russians in Raqqa"));
//! assert_eq!(meta.authors, ["Seth J. Frantzman"]);
//! assert_eq!(meta.published.unwrap().to_string(), "2019-12-09T17:34:00+02:00");
//! assert_eq!(meta.language.as_deref(), Some("en"));
//! ```

mod authors;
mod head;
mod headline;
mod jsonld;
mod pubdate;
mod text;
mod title;

use dateline_html::{Document, Node, Tag};
use dateline_model::{Article, Timestamp};

use head::{collapse, language_code, Head};
pub(crate) use text::absolutize;
use text::{decode_entities, host};

/// What a page declares and marks up about its article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// Headline, without the site name.
    pub title: Option<String>,
    /// Standfirst or summary.
    pub description: Option<String>,
    /// Publisher name.
    pub site_name: Option<String>,
    /// Canonical address (absolute when the page URL is known).
    pub url: Option<String>,
    /// ISO 639-1 language code.
    pub language: Option<String>,
    /// Person names, properly cased.
    pub authors: Vec<String>,
    /// Publication time.
    pub published: Option<Timestamp>,
    /// Last modification time.
    pub modified: Option<Timestamp>,
    /// Topic tags and keywords.
    pub tags: Vec<String>,
    /// Sections and categories.
    pub categories: Vec<String>,
    /// Lead image URL (og:image and relatives).
    pub image: Option<String>,
    /// `og:type` ("article", "website"...), lower-case.
    pub page_type: Option<String>,
    /// True when JSON-LD, microdata or `og:type` declare an article.
    pub declares_article: bool,
    /// The full text declared in JSON-LD `articleBody`, when present.
    pub article_body: Option<String>,
    /// Every schema.org `@type` the JSON-LD declares ("Product", "QAPage"),
    /// without vocabulary prefix.
    pub ld_types: Vec<String>,
}

impl Metadata {
    /// Copies the metadata into an article, keeping the article's values
    /// where the metadata has none.
    pub fn apply_to(&self, article: &mut Article) {
        let take = |mine: &Option<String>, theirs: &mut Option<String>| {
            if mine.is_some() {
                theirs.clone_from(mine);
            }
        };
        take(&self.title, &mut article.title);
        take(&self.description, &mut article.description);
        take(&self.site_name, &mut article.site_name);
        take(&self.url, &mut article.url);
        take(&self.language, &mut article.language);
        if !self.authors.is_empty() {
            article.authors.clone_from(&self.authors);
        }
        article.published = self.published.or(article.published);
        article.modified = self.modified.or(article.modified);
        if !self.tags.is_empty() {
            article.tags.clone_from(&self.tags);
        }
        if !self.categories.is_empty() {
            article.categories.clone_from(&self.categories);
        }
    }
}

/// Extracts the metadata of a parsed page; `url` is the page address when
/// known (it resolves relative links and may carry the date).
pub fn extract_metadata(doc: &Document, url: Option<&str>) -> Metadata {
    let head = Head::collect(doc);
    let (ld, ld_types) = jsonld::extract_with_types(doc);
    let ld = ld.as_ref();
    let clean = |s: &str| Some(collapse(&decode_entities(s))).filter(|s| !s.is_empty());

    let site_name = head
        .first(&[
            "og:site_name",
            "application-name",
            "al:ios:app_name",
            "dc.publisher",
            "publisher",
        ])
        .and_then(clean)
        .filter(|s| !s.contains("://"))
        .or_else(|| ld.and_then(|l| l.publisher.clone()));
    let page_url = head
        .canonical
        .clone()
        .or_else(|| head.first(&["og:url", "twitter:url"]).map(String::from))
        .or_else(|| ld.and_then(|l| l.url.clone()))
        .map(|u| absolutize(&u, url))
        .filter(|u| u.contains("://"))
        .or_else(|| url.map(String::from));
    let language = head
        .html_lang
        .as_deref()
        .and_then(language_code)
        .or_else(|| {
            head.first(&["content-language", "language", "dc.language", "og:locale"])
                .and_then(language_code)
        })
        .or_else(|| {
            ld.and_then(|l| l.language.as_deref())
                .and_then(language_code)
        });

    // Names that are the publisher, not an author nor part of a headline.
    let mut publishers: Vec<String> = site_name.iter().cloned().collect();
    publishers.extend(ld.and_then(|l| l.publisher.clone()));
    // Authors typed as organisations are publishers, unless the name is a
    // person's: themes type every author `Organization` ("Randy Thompson"
    // on a personal blog), and such a name must stay available to the
    // byline and meta sources.
    publishers.extend(
        ld.map(|l| l.org_authors.clone())
            .unwrap_or_default()
            .into_iter()
            .filter(|n| crate::byline::normalize_person_name(n).is_none()),
    );
    let hosts: Vec<&str> = [url, page_url.as_deref()]
        .into_iter()
        .flatten()
        .filter_map(host)
        .collect();
    let mut site_names = publishers.clone();
    for h in &hosts {
        // The brand is the longest label of the host ("jpost" in www.jpost.com).
        let labels: Vec<&str> = h.split('.').collect();
        let brand = labels[..labels.len().saturating_sub(1)]
            .iter()
            .max_by_key(|l| l.len());
        site_names.extend(brand.filter(|b| b.len() >= 3).map(|b| b.to_string()));
        site_names.push((*h).to_string());
    }

    let headings: Vec<String> = doc
        .elements()
        .filter(|n| n.tag() == Tag::H1 && !site_logo(*n))
        // Permalink markers ("¶", "#") are not part of a heading.
        .map(|n| {
            collapse(&laid_out_text(n))
                .trim_end_matches(['¶', '#', '§', ' '])
                .to_string()
        })
        .filter(|t| !t.is_empty())
        .collect();
    let mut declared: Vec<String> = Vec::new();
    if let Some(l) = ld.filter(|l| l.is_article) {
        // Some pages put a summary in `headline` and the title in `name`
        // (or the reverse): take the one closer to the document title.
        let pick = match (&l.headline, &l.name) {
            // A `name` that is the site's name is no headline.
            (Some(h), Some(n))
                if h != n && !publishers.iter().any(|p| text::key(p) == text::key(n)) =>
            {
                let doc_title = head.title.as_deref().unwrap_or("");
                if title::similarity(n, doc_title) > title::similarity(h, doc_title) {
                    Some(n.clone())
                } else {
                    Some(h.clone())
                }
            }
            (h, n) => h.clone().or_else(|| n.clone()),
        };
        // JSON strings carry the page's entities as written ("&#8230;").
        declared.extend(pick.as_deref().and_then(clean));
    }
    declared.extend(
        head.first(&[
            "dc.title",
            "dc:title",
            "dcterm:title",
            "og:title",
            "weibo:article:title",
            "title",
            "twitter:title",
            "parsely-title",
            "sailthru.title",
        ])
        .and_then(clean),
    );
    let declared: Vec<&str> = declared.iter().map(String::as_str).collect();
    let home = url.or(page_url.as_deref()).is_some_and(text::is_home_page);
    let title = title::choose_title(
        &declared,
        head.title.as_deref(),
        &site_names,
        &headings,
        home,
    );

    let description = head
        .first(&[
            "og:description",
            "description",
            "twitter:description",
            "dc.description",
            "dc:description",
            "sailthru.description",
        ])
        .and_then(clean)
        .or_else(|| ld.and_then(|l| l.description.clone()));

    // The site and section names around the headline in `<title>` are no
    // authors, unless marked up as persons (personal sites).
    let segments = match (head.title.as_deref(), title.as_deref()) {
        (Some(doc_title), Some(t)) => title::site_segments(doc_title, t),
        _ => Vec::new(),
    };
    let not_authors = authors::NotAuthors {
        publishers: &publishers,
        hosts: &site_names[publishers.len()..],
        title_segments: &segments,
    };
    // The byline's names first: the date search reads the date beside them.
    let found_authors = authors::find_authors(doc, &head, ld, &not_authors, title.as_deref());
    // US pages write numeric dates month first.
    let mdy = language.as_deref() == Some("en")
        && hosts.iter().any(|h| {
            !h.contains(".co.")
                && !h.ends_with(".uk")
                && !h.ends_with(".au")
                && !h.ends_with(".ie")
                && !h.ends_with(".in")
                && !h.ends_with(".nz")
        });
    let page = pubdate::PageContext {
        url: url.or(page_url.as_deref()),
        mdy,
        title: title.as_deref(),
        authors: &found_authors.names,
    };
    let (published, modified) = pubdate::find_dates(doc, &head, ld, &page);
    // A dated page may fall back on a person the site is named after.
    let authors = found_authors.or_site_named(published.is_some());

    let mut tags = Vec::new();
    for k in [
        "article:tag",
        "og:article:tag",
        "news_keywords",
        "keywords",
        "parsely-tags",
        "sailthru.tags",
    ] {
        for v in head.all(k) {
            push_list(&mut tags, v);
        }
        if !tags.is_empty() {
            break;
        }
    }
    if tags.is_empty() {
        for k in ld.map(|l| l.keywords.clone()).unwrap_or_default() {
            push_list(&mut tags, &k);
        }
    }
    let mut categories = Vec::new();
    for k in [
        "article:section",
        "og:article:section",
        "parsely-section",
        "section",
        "category",
    ] {
        for v in head.all(k) {
            push_list(&mut categories, v);
        }
    }
    for s in ld.map(|l| l.sections.clone()).unwrap_or_default() {
        push_list(&mut categories, &s);
    }

    let image = head
        .first(&[
            "og:image",
            "og:image:url",
            "og:image:secure_url",
            "twitter:image",
            "twitter:image:src",
            "image",
            "thumbnail",
        ])
        .map(String::from)
        .or_else(|| ld.and_then(|l| l.image.clone()))
        .map(|u| absolutize(&u, page_url.as_deref().or(url)));

    let page_type = head
        .first(&["og:type"])
        .map(|t| t.trim().to_ascii_lowercase());
    let microdata_article = doc.elements().any(|n| {
        n.attr("itemtype").is_some_and(|t| {
            t.trim_end_matches('/').ends_with("Article") || t.ends_with("BlogPosting")
        })
    });
    let declares_article = ld.is_some_and(|l| l.is_article)
        || microdata_article
        || page_type
            .as_deref()
            .is_some_and(|t| t == "article" || t.starts_with("article:"));

    Metadata {
        title,
        description,
        site_name,
        url: page_url,
        language,
        authors,
        published,
        modified,
        tags,
        categories,
        image,
        page_type,
        declares_article,
        article_body: ld.and_then(|l| l.article_body.clone()),
        ld_types,
    }
}

/// Adds comma-separated items, trimmed and without repeats.
fn push_list(out: &mut Vec<String>, value: &str) {
    for item in value.split([',', ';']) {
        let item = collapse(&decode_entities(item));
        if !item.is_empty()
            && item.chars().count() <= 80
            && !out.iter().any(|o| o.eq_ignore_ascii_case(&item))
        {
            out.push(item);
        }
    }
}

#[cfg(test)]
mod tests;

/// An element's text as laid out: a space where a block or a line break
/// splits it (`textContent` glues "Data Analytics<br>Agency" into
/// "AnalyticsAgency"), without the text of buttons and scripts inside it.
fn laid_out_text(n: Node<'_>) -> String {
    let mut out = String::new();
    // Where the last block seen ends: text after it starts a new line.
    let mut block_end = None;
    // Where a control or a script ends: its text is not the heading's
    // ("Crate tokio" with a "Copy item path" button).
    let mut skip_end = None;
    for d in n.descendants() {
        if skip_end.is_some_and(|end| d.id() < end) {
            continue;
        }
        if matches!(
            d.tag(),
            Tag::Button | Tag::Script | Tag::Style | Tag::Template | Tag::Select
        ) {
            skip_end = Some(d.subtree_end());
            continue;
        }
        if block_end.is_some_and(|end| d.id() >= end) {
            out.push(' ');
            block_end = None;
        }
        if let Some(t) = d.text() {
            out.push_str(t);
        } else if d.is_element() && d.tag().is_block() {
            out.push(' ');
            block_end = Some(d.subtree_end());
        }
    }
    out
}

/// True for an `<h1>` that is the site's logo or name in its header
/// (`<h1 class="topbar__logo__title">`, `<div class="site-branding"><h1>`):
/// themes set the site's name as `<h1>` on every page.
fn site_logo(h1: Node<'_>) -> bool {
    std::iter::once(h1).chain(h1.ancestors().take(2)).any(|n| {
        let names = [n.attr("class"), n.attr("id")];
        names.iter().flatten().any(|v| {
            let v = v.to_ascii_lowercase();
            [
                "logo",
                "site-title",
                "site-name",
                "sitename",
                "site-branding",
            ]
            .iter()
            .any(|w| v.contains(w))
        })
    })
}
