//! Bytes to text: BOM, transport charset, `<meta charset>`, then detection.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

/// Decoded text and how its encoding was decided.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, with malformed sequences replaced by U+FFFD.
    pub text: String,
    /// The encoding used (WHATWG name).
    pub encoding: &'static str,
    /// True when some bytes could not be decoded.
    pub had_errors: bool,
}

/// How far into a page to look for a `<meta charset>` declaration. Browsers
/// look at 1024 bytes; real pages put long scripts first, so look further.
const META_PRESCAN_BYTES: usize = 16 * 1024;

/// Decodes page bytes. Precedence follows browsers: byte-order mark, then
/// the transport charset, then a `<meta>` declaration (HTML only), then
/// strict UTF-8, then statistical detection.
pub fn decode(bytes: &[u8], transport_charset: Option<&str>, html: bool) -> Decoded {
    let decoded = decode_in_place(bytes, transport_charset, html);
    Decoded {
        text: decoded.text.into_owned(),
        encoding: decoded.encoding,
        had_errors: decoded.had_errors,
    }
}

/// [`decode`]'s text borrowed from `bytes` when they are the text already
/// (UTF-8, or ASCII in an ASCII-compatible encoding, without a byte-order
/// mark), so that a caller that only reads it copies no page.
pub(crate) struct DecodedInPlace<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static str,
    pub had_errors: bool,
}

/// [`decode`], borrowing where it can ([`DecodedInPlace`]).
pub(crate) fn decode_in_place<'a>(
    bytes: &'a [u8],
    transport_charset: Option<&str>,
    html: bool,
) -> DecodedInPlace<'a> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(encoding, &bytes[bom_len..]);
    }
    let declared = transport_charset
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .or_else(|| if html { meta_charset(bytes) } else { None });
    if let Some(encoding) = declared {
        // Pages often declare Latin-1 but are UTF-8; valid UTF-8 with
        // non-ASCII bytes is vanishingly unlikely to be anything else.
        // (Checked once: the text is the bytes, not decoded again.)
        if encoding != UTF_8 && !bytes.is_ascii() {
            if let Some(text) = valid_utf8(bytes) {
                return utf8(text);
            }
        }
        // UTF-16 declared in a meta tag of an ASCII-compatible page is a lie.
        let encoding = if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
            UTF_8
        } else {
            encoding
        };
        return decode_with(encoding, bytes);
    }
    if let Some(text) = valid_utf8(bytes) {
        return utf8(text);
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let encoding = detector.guess(None, true);
    decode_with(encoding, bytes)
}

/// The bytes as text when they are valid UTF-8 (as `std::str::from_utf8`),
/// checked by encoding_rs's vectorised validator: a third of the
/// instructions of the standard library's on whole pages.
fn valid_utf8(bytes: &[u8]) -> Option<&str> {
    match UTF_8.decode_without_bom_handling_and_without_replacement(bytes)? {
        Cow::Borrowed(text) => Some(text),
        // Valid UTF-8 comes back borrowed; should that change, std decides.
        Cow::Owned(_) => std::str::from_utf8(bytes).ok(),
    }
}

/// Bytes found to be valid UTF-8, as their text.
fn utf8(text: &str) -> DecodedInPlace<'_> {
    DecodedInPlace {
        text: Cow::Borrowed(text),
        encoding: UTF_8.name(),
        had_errors: false,
    }
}

fn decode_with<'a>(encoding: &'static Encoding, bytes: &'a [u8]) -> DecodedInPlace<'a> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    DecodedInPlace {
        text,
        encoding: encoding.name(),
        had_errors,
    }
}

/// Finds `<meta charset=...>` or `<meta http-equiv=Content-Type content="...charset=...">`.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_PRESCAN_BYTES)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(at) = memchr::memmem::find(tag, b"charset") {
            let rest = &tag[at + 7..];
            let rest = rest.trim_ascii_start();
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = rest.trim_ascii_start();
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let label_end = rest
                    .iter()
                    .position(|c| matches!(c, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                    .unwrap_or(rest.len());
                if let Some(encoding) = Encoding::for_label(&rest[..label_end]) {
                    return Some(encoding);
                }
            }
        }
        from = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins() {
        let d = decode(b"\xEF\xBB\xBFcaf\xC3\xA9", Some("latin1"), true);
        assert_eq!(d.text, "café");
    }

    #[test]
    fn meta_charset_decodes_legacy_bytes() {
        let page = b"<html><head><meta charset=\"windows-1251\"></head><body>\xCF\xF0\xE8\xE2\xE5\xF2</body></html>";
        let d = decode(page, None, true);
        assert!(d.text.contains("Привет"), "{}", d.text);
        assert_eq!(d.encoding, "windows-1251");
    }

    #[test]
    fn http_equiv_content_type() {
        let page = b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'><p>caf\xE9</p>";
        assert!(decode(page, None, true).text.contains("café"));
    }

    #[test]
    fn mislabelled_utf8_stays_utf8() {
        let page = "<meta charset=iso-8859-1><p>café ünïcode</p>".as_bytes();
        assert!(decode(page, None, true).text.contains("café ünïcode"));
    }

    #[test]
    fn undeclared_legacy_is_detected() {
        let text = "Der Bürgermeister äußerte sich über die Straßenbahn, die für Ärger sorgte.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        assert_eq!(decode(&bytes, None, false).text, text);
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(2000))]
        #[test]
        fn utf8_validation_is_std_validation(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                &b"a"[..],
                b"\xc3\xa9",
                b"\xe2\x82\xac",
                b"\xf0\x9f\x98\x80",
                b"\xc3",
                b"\x80",
                b"\xed\xa0\x80",
                b"\xff",
                b"<p>",
            ]), 0..40)
        ) {
            let bytes = pieces.concat();
            proptest::prop_assert_eq!(valid_utf8(&bytes), std::str::from_utf8(&bytes).ok());
        }
    }

    #[test]
    fn invalid_utf8_never_panics() {
        let d = decode(&[0xff, 0xfe, 0xfd, b'a', 0xc3], None, true);
        assert!(!d.text.is_empty());
    }
}
