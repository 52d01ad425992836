//! One canonical form for the many addresses of one page.

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
}
