//! `decode(bytes, charset, html)`. Input layout: one flags byte (bit 0:
//! html, bit 1: a transport charset follows), then, when bit 1 is set, the
//! charset label up to the first `\n` (at most 64 bytes), then the page.
#![no_main]

use dateline_extract::decode;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let html = flags & 1 != 0;
    let (label, page) = if flags & 2 != 0 {
        let cut = rest
            .iter()
            .take(64)
            .position(|&c| c == b'\n')
            .unwrap_or(rest.len().min(64));
        let page = rest.get(cut + 1..).unwrap_or_default();
        (
            Some(String::from_utf8_lossy(&rest[..cut]).into_owned()),
            page,
        )
    } else {
        (None, rest)
    };
    let decoded = decode(page, label.as_deref(), html);
    assert!(!decoded.encoding.is_empty(), "no encoding name");

    // Valid UTF-8 without a BOM, a label or a meta prescan is kept verbatim.
    if label.is_none()
        && !html
        && !page.starts_with(b"\xEF\xBB\xBF")
        && !page.starts_with(b"\xFF\xFE")
        && !page.starts_with(b"\xFE\xFF")
    {
        if let Ok(text) = std::str::from_utf8(page) {
            assert_eq!(decoded.text, text, "valid UTF-8 was altered");
            assert!(!decoded.had_errors);
        }
    }
    // A UTF-8 BOM always wins and is stripped.
    if let Some(body) = page.strip_prefix(b"\xEF\xBB\xBF") {
        assert_eq!(decoded.encoding, "UTF-8");
        assert_eq!(
            decoded.text,
            String::from_utf8_lossy(body),
            "UTF-8 BOM page"
        );
    }
});
