//! One canonical form for the many addresses of one page, and one key for
//! the site that serves it.

/// Query parameters that say how a reader arrived, not what they read.
/// Matched case-insensitively; entries ending in `*` are prefixes.
const TRACKING: &[&str] = &[
    "utm_*",
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "yclid",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "igshid",
    "ref",
    "ref_src",
    "ref_url",
    "referrer",
    "cmpid",
    "cmp",
    "ocid",
    "ito",
    "smid",
    "smtyp",
    "at_*",
    "ns_*",
    "wt.*",
    "s_cid",
    "sr_share",
    "soc_src",
    "soc_trk",
    "trk",
    "mbid",
    "guccounter",
    "guce_*",
    "__twitter_impression",
    "share",
    "sh",
    "src",
    "amp",
    "outputtype",
    "output",
    "rss",
    "cid",
    "spm",
    "xtor",
    "taid",
    "icid",
    "intcmp",
];

/// The canonical form of a URL: `host/path?query` without scheme, `www.`,
/// port, fragment, trailing slash, AMP suffix or tracking parameters, the
/// remaining parameters sorted. `None` for what is not an absolute web URL.
///
/// Why: a syndicated or re-shared story comes back under many addresses
/// (`http` and `https`, `?utm_source=...`, `#comments`, `/amp`); they name
/// one page. Known failure: sites that put the article id in a parameter we
/// call tracking (`?src=...` as an id) would see two articles as one URL;
/// the store only uses a shared URL together with a text-similarity check.
pub fn canonical_url(url: &str) -> Option<String> {
    let parsed = ::url::Url::parse(url.trim()).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    let host = parsed.host_str()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let mut path = parsed.path().to_string();
    for suffix in ["/amp/", "/amp", ".amp"] {
        if path.len() > suffix.len() && path.ends_with(suffix) {
            path.truncate(path.len() - suffix.len());
        }
    }
    while path.ends_with('/') {
        path.pop();
    }
    let mut params: Vec<(String, String)> = parsed
        .query_pairs()
        .filter(|(key, _)| !is_tracking(key))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    params.sort();
    let mut canonical = format!("{host}{path}");
    if !params.is_empty() {
        let query: Vec<String> = params
            .iter()
            .map(|(k, v)| {
                if v.is_empty() {
                    k.clone()
                } else {
                    format!("{k}={v}")
                }
            })
            .collect();
        canonical.push('?');
        canonical.push_str(&query.join("&"));
    }
    Some(canonical)
}

/// The site a URL belongs to: its host, lower-cased, without `www.` and
/// without the port. `None` for what has no host (relative paths, `mailto:`,
/// `file:` URLs, text that is no URL) or whose host is only `www.`.
///
/// Why: the store keys its sites and the search index its `site:` filter and
/// site facet by this value, so `https://www.JPost.com/a` and
/// `http://jpost.com:80/b` are one site in both. International domain names
/// come out in their ASCII (punycode) form, as the URL standard writes them:
/// `https://www.bücher.de/` gives `xn--bcher-kva.de`.
///
/// Known failure: a site served from several hosts (`edition.cnn.com` and
/// `cnn.com`) is several sites; the search index adds the parent domains
/// for its `site:` filter.
///
/// ```
/// use dateline_dedup::site_key;
///
/// assert_eq!(site_key("https://www.JPost.com:443/middle-east/x").as_deref(), Some("jpost.com"));
/// assert_eq!(site_key("/relative/path"), None);
/// ```
pub fn site_key(url: &str) -> Option<String> {
    let parsed = ::url::Url::parse(url).ok()?;
    let host = parsed.host_str()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (!host.is_empty()).then(|| host.to_string())
}

fn is_tracking(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    TRACKING
        .iter()
        .any(|pattern| match pattern.strip_suffix('*') {
            Some(prefix) => key.starts_with(prefix),
            None => key == *pattern,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_form_for_one_page() {
        let forms = [
            "https://www.example.com/news/story-1",
            "http://example.com/news/story-1/",
            "https://EXAMPLE.com:443/news/story-1#comments",
            "https://example.com/news/story-1?utm_source=rss&utm_medium=feed&fbclid=x",
            "https://example.com/news/story-1/amp/",
        ];
        for form in forms {
            assert_eq!(
                canonical_url(form).as_deref(),
                Some("example.com/news/story-1"),
                "{form}"
            );
        }
    }

    #[test]
    fn meaningful_parameters_stay_sorted() {
        assert_eq!(
            canonical_url("https://example.com/article?page=2&id=7&utm_campaign=x").as_deref(),
            Some("example.com/article?id=7&page=2")
        );
        assert_ne!(
            canonical_url("https://example.com/a?id=7"),
            canonical_url("https://example.com/a?id=8")
        );
    }

    #[test]
    fn not_web_urls_have_no_canonical_form() {
        assert_eq!(canonical_url("/relative/path"), None);
        assert_eq!(canonical_url("mailto:desk@example.com"), None);
        assert_eq!(canonical_url(""), None);
        assert_eq!(
            canonical_url("https://example.com/").as_deref(),
            Some("example.com")
        );
    }

    #[test]
    fn site_keys_are_hosts_without_www_case_or_port() {
        for url in [
            "https://www.jpost.com/middle-east/x",
            "http://jpost.com",
            "https://WWW.JPost.COM/x?utm_source=rss#top",
            "https://jpost.com:8443/x",
            "  https://www.jpost.com/x  ",
        ] {
            assert_eq!(site_key(url).as_deref(), Some("jpost.com"), "{url}");
        }
        // Only a leading `www.` goes, and only once.
        assert_eq!(
            site_key("https://edition.cnn.com/x").as_deref(),
            Some("edition.cnn.com")
        );
        assert_eq!(
            site_key("https://www.www.example.com/").as_deref(),
            Some("www.example.com")
        );
        assert_eq!(
            site_key("https://wwwexample.com/").as_deref(),
            Some("wwwexample.com")
        );
        // Hosts of other schemes are keyed too, lower-cased.
        assert_eq!(
            site_key("ftp://FILES.example.org/a").as_deref(),
            Some("files.example.org")
        );
        assert_eq!(site_key("http://[::1]:8080/").as_deref(), Some("[::1]"));
        assert_eq!(
            site_key("http://user@example.com/").as_deref(),
            Some("example.com")
        );
    }

    #[test]
    fn international_domains_are_keyed_in_punycode() {
        assert_eq!(
            site_key("https://www.Bücher.de/x").as_deref(),
            Some("xn--bcher-kva.de")
        );
        assert_eq!(
            site_key("https://xn--bcher-kva.de/"),
            site_key("https://bücher.de/")
        );
    }

    #[test]
    fn no_host_no_site() {
        for url in [
            "",
            "not a url",
            "/relative/path",
            "jpost.com/x",
            "mailto:desk@example.com",
            "file:///tmp/page.html",
            "foo:///x",
            // A host that is only `www.` leaves nothing.
            "http://www./x",
        ] {
            assert_eq!(site_key(url), None, "{url:?}");
        }
    }
}
