//! The news sites the crawl benchmarks serve: the bench pages spread over a
//! few fake hosts, each with a robots.txt and a sitemap listing its pages.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;

use super::web::{Resource, Sites};
use crate::pages::{self, die, Page};

/// The scrapinghub pages of the bench data (`DATA/scrapinghub`), with the
/// URLs of its ground truth.
pub fn bench_pages(data: &Path) -> Vec<Page> {
    let base = data.join("scrapinghub");
    let args = pages::Args {
        inputs: vec![base.join("html")],
        urls: None,
        out: None,
        id_style: pages::IdStyle::Stem,
        min_seconds: 0.0,
        min_rounds: 1,
        warmup: 0,
    };
    let mut found = args.load();
    let truth_path = base.join("ground-truth.json");
    let text = std::fs::read_to_string(&truth_path)
        .unwrap_or_else(|e| die(&format!("cannot read {}: {e}", truth_path.display())));
    let truth: HashMap<String, serde_json::Value> = serde_json::from_str(&text)
        .unwrap_or_else(|e| die(&format!("bad JSON in {}: {e}", truth_path.display())));
    for page in &mut found {
        page.url = truth
            .get(&page.id)
            .and_then(|t| t.get("url"))
            .and_then(|u| u.as_str())
            .map(str::to_string);
    }
    if found.is_empty() {
        die(&format!("no pages in {}", base.join("html").display()));
    }
    found
}

/// The fake host names: `news-0.test`, `news-1.test`, ...
pub fn host_name(n: usize) -> String {
    format!("news-{n}.test")
}

/// What a crawl of the news sites should find.
#[derive(Debug, Clone)]
pub struct NewsSites {
    /// What the web serves.
    pub sites: Sites,
    /// One sitemap URL per host: the crawl's sources.
    pub sitemaps: Vec<String>,
    /// Pages listed over all sitemaps.
    pub pages: usize,
    /// Requests a full crawl makes: robots.txt and sitemap per host, and
    /// every page.
    pub requests: usize,
}

/// The bench pages spread round-robin over `hosts` hosts on `port`; each
/// host's robots.txt allows everything (with `Crawl-delay` when given) and
/// names its sitemap, which lists its pages with a `lastmod`.
pub fn news_sites(pages: &[Page], hosts: usize, port: u16, crawl_delay: Option<f64>) -> NewsSites {
    let hosts = hosts.max(1);
    let mut sites = Sites::default();
    let mut listed: Vec<Vec<String>> = vec![Vec::new(); hosts];
    let mut taken: Vec<HashSet<String>> = vec![HashSet::new(); hosts];
    for (n, page) in pages.iter().enumerate() {
        let h = n % hosts;
        let host = host_name(h);
        let path = page_path(page, &taken[h]);
        taken[h].insert(path.clone());
        sites.put(
            &host,
            &path,
            Resource::new(html_type(&page.bytes), page.bytes.clone()),
        );
        listed[h].push(format!("http://{host}:{port}{path}"));
    }
    let mut sitemaps = Vec::new();
    for (h, urls) in listed.iter().enumerate() {
        let host = host_name(h);
        let sitemap = format!("http://{host}:{port}/sitemap.xml");
        let mut robots = String::from("User-agent: *\nAllow: /\n");
        if let Some(delay) = crawl_delay {
            robots += &format!("Crawl-delay: {delay}\n");
        }
        robots += &format!("Sitemap: {sitemap}\n");
        sites.put(&host, "/robots.txt", Resource::new("text/plain", robots));
        let dated = urls.iter().map(|u| (u.clone(), "2019-11-19".to_string()));
        sites.put(
            &host,
            "/sitemap.xml",
            Resource::new("application/xml", sitemap_xml(dated)),
        );
        sitemaps.push(sitemap);
    }
    NewsSites {
        sites,
        sitemaps,
        pages: pages.len(),
        requests: pages.len() + 2 * hosts,
    }
}

/// A page's path on its fake host: the path of its real URL (dates and
/// slugs kept), or `/a/<id>` when it has none or another page has it.
fn page_path(page: &Page, taken: &HashSet<String>) -> String {
    let path = page
        .url
        .as_deref()
        .and_then(|u| url::Url::parse(u).ok())
        .map(|u| u.path().to_string())
        .filter(|p| p.len() > 1 && !taken.contains(p));
    path.unwrap_or_else(|| format!("/a/{}", page.id))
}

/// `text/html`, with the page's own charset when its head declares one.
pub fn html_type(bytes: &[u8]) -> String {
    match declared_charset(bytes) {
        Some(charset) => format!("text/html; charset={charset}"),
        None => "text/html".to_string(),
    }
}

/// The charset of a `<meta charset>` or `<meta http-equiv>` in the first
/// 4 KiB.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("<meta") {
        rest = &rest[at + 5..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        if let Some(at) = tag.find("charset=") {
            let value: String = tag[at + 8..]
                .trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                .collect();
            if !value.is_empty() {
                return Some(value);
            }
        }
    }
    None
}

/// A `<urlset>` of (URL, lastmod) entries, written as they come (no list
/// of entries is held).
pub fn sitemap_xml(entries: impl IntoIterator<Item = (String, String)>) -> Vec<u8> {
    let mut xml = Vec::new();
    xml.extend_from_slice(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
          <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (url, lastmod) in entries {
        let url = url
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        let _ = writeln!(
            xml,
            "  <url><loc>{url}</loc><lastmod>{lastmod}</lastmod></url>"
        );
    }
    xml.extend_from_slice(b"</urlset>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(id: &str, url: Option<&str>, html: &str) -> Page {
        Page {
            id: id.into(),
            path: Default::default(),
            url: url.map(str::to_string),
            bytes: html.as_bytes().to_vec(),
        }
    }

    #[test]
    fn pages_spread_over_hosts_with_robots_and_sitemaps() {
        let pages = [
            page("a", Some("https://x.test/2019/11/a?utm=1"), "<p>a"),
            page("b", Some("https://y.test/2019/11/a"), "<p>b"),
            page("c", Some("https://y.test/2019/11/a"), "<p>c"),
            page("d", None, "<p>d"),
        ];
        let news = news_sites(&pages, 2, 8080, Some(0.2));
        assert_eq!((news.pages, news.requests), (4, 8));
        assert_eq!(news.sitemaps[1], "http://news-1.test:8080/sitemap.xml");
        assert_eq!(news.sites.hosts(), ["news-0.test", "news-1.test"]);
        // c shares a's path on news-0: it gets its own.
        let sitemap = String::from_utf8(
            news.sites
                .get("news-0.test", "/sitemap.xml")
                .unwrap()
                .body
                .to_vec(),
        )
        .unwrap();
        assert!(sitemap.contains("<loc>http://news-0.test:8080/2019/11/a</loc>"));
        assert!(sitemap.contains("<loc>http://news-0.test:8080/a/c</loc>"));
        let parsed = dateline_fetch::sitemap::parse(sitemap.as_bytes());
        assert_eq!(parsed.entries.len(), 2);
        let robots = &news.sites.get("news-1.test", "/robots.txt").unwrap().body;
        assert!(robots.starts_with(b"User-agent: *\nAllow: /\nCrawl-delay: 0.2\n"));
    }

    #[test]
    fn charsets_come_from_the_page() {
        assert_eq!(
            html_type(b"<html><head><meta charset=\"ISO-8859-1\">"),
            "text/html; charset=iso-8859-1"
        );
        assert_eq!(
            html_type(b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">"),
            "text/html; charset=utf-8"
        );
        assert_eq!(html_type(b"<p>none"), "text/html");
    }
}
