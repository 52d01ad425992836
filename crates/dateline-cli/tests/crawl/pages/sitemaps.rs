//! Sitemaps as sites serve them: a urlset, a Google News sitemap, an index
//! of sitemaps, and the plain-text form (sitemaps.org protocol 0.9).

use super::{escape, title_from_url};

const URLSET: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS: &str = "http://www.google.com/schemas/sitemap-news/0.9";

/// A `<urlset>`; each entry is a page URL and its `<lastmod>`, if any
/// (W3C datetime, e.g. `2024-03-05` or `2024-03-05T08:00:00Z`).
pub fn sitemap(entries: &[(String, Option<String>)]) -> String {
    let mut out =
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"{URLSET}\">\n");
    for (url, lastmod) in entries {
        out.push_str(&format!("  <url>\n    <loc>{}</loc>\n", escape(url)));
        if let Some(lastmod) = lastmod {
            out.push_str(&format!("    <lastmod>{}</lastmod>\n", escape(lastmod)));
        }
        out.push_str("  </url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// A Google News sitemap: each entry is a page URL and its
/// `<news:publication_date>`; the title is made from the URL's last segment.
pub fn news_sitemap(entries: &[(String, String)]) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"{URLSET}\" xmlns:news=\"{NEWS}\">\n"
    );
    for (url, published) in entries {
        out.push_str(&format!(
            "  <url>\n    <loc>{}</loc>\n    <news:news>\n      <news:publication>\n        \
             <news:name>Fake Web News</news:name>\n        <news:language>en</news:language>\n      \
             </news:publication>\n      <news:publication_date>{}</news:publication_date>\n      \
             <news:title>{}</news:title>\n    </news:news>\n  </url>\n",
            escape(url),
            escape(published),
            escape(&title_from_url(url)),
        ));
    }
    out.push_str("</urlset>\n");
    out
}

/// A `<sitemapindex>`; each entry is a sitemap URL and its `<lastmod>`, if any.
pub fn sitemap_index(sitemaps: &[(String, Option<String>)]) -> String {
    let mut out =
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"{URLSET}\">\n");
    for (url, lastmod) in sitemaps {
        out.push_str(&format!("  <sitemap>\n    <loc>{}</loc>\n", escape(url)));
        if let Some(lastmod) = lastmod {
            out.push_str(&format!("    <lastmod>{}</lastmod>\n", escape(lastmod)));
        }
        out.push_str("  </sitemap>\n");
    }
    out.push_str("</sitemapindex>\n");
    out
}

/// The text form: one URL a line.
pub fn text_sitemap(urls: &[String]) -> String {
    urls.iter().map(|url| format!("{url}\n")).collect()
}
