//! The HTTP response inside a WARC `response` record: status, content type
//! and charset, and the body decoded from chunked transfer and gzip/deflate
//! content encoding.

use std::io::Read;

use crate::{PageKind, MAX_PAGE_BYTES};

/// What a block holds, for the WARC reader.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Payload {
    /// A page to hand out.
    Page {
        kind: PageKind,
        charset: Option<String>,
        body: Vec<u8>,
    },
    /// Not a page, for this reason (a [`crate::Counts`] key).
    Skip(&'static str),
    /// A broken record.
    Bad(String),
}

/// Reads an HTTP response block: keeps 2xx HTML (or HTML-looking bodies
/// without a type); skips other statuses and types by reason.
pub(crate) fn response(mut block: Vec<u8>) -> Payload {
    let head = match parse_head(&block) {
        Ok(head) => head,
        Err(payload) => return payload,
    };
    match head.status {
        200..=299 => {}
        300..=399 => return Payload::Skip("http-redirect"),
        400..=499 => return Payload::Skip("http-client-error"),
        500..=599 => return Payload::Skip("http-server-error"),
        _ => return Payload::Skip("http-other-status"),
    }
    let (mime, charset) = match &head.content_type {
        Some(value) => content_type(value),
        None => (None, None),
    };
    if mime.is_some() && mime_kind(mime.as_deref()) != Some(PageKind::Html) {
        return Payload::Skip("not-html");
    }
    block.drain(..head.len);
    let mut body = block;
    if head.chunked {
        body = dechunk(body);
    }
    if let Some(encoding) = &head.content_encoding {
        body = match decode(body, encoding) {
            Ok(body) => body,
            Err(payload) => return payload,
        };
    }
    page(PageKind::Html, mime.is_none(), charset, body)
}

/// A `resource` record: its block is the body, typed by the WARC header.
pub(crate) fn resource(content_type_header: Option<&str>, body: Vec<u8>) -> Payload {
    let (mime, charset) = match content_type_header {
        Some(value) => content_type(value),
        None => (None, None),
    };
    match (mime.as_deref(), mime_kind(mime.as_deref())) {
        (None, _) => page(PageKind::Html, true, charset, body),
        (Some(_), Some(kind)) => page(kind, false, charset, body),
        (Some(_), None) => Payload::Skip("not-html"),
    }
}

/// The final checks on a body: not empty, not binary, and HTML-looking
/// when no type said so.
fn page(kind: PageKind, sniff: bool, charset: Option<String>, body: Vec<u8>) -> Payload {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Payload::Skip("empty-body");
    }
    if sniff && !looks_like_html(&body) {
        return Payload::Skip("no-content-type");
    }
    if crate::files::looks_binary(&body) {
        return Payload::Skip("binary");
    }
    Payload::Page {
        kind,
        charset,
        body,
    }
}

/// The page kind of a media type: HTML, XHTML and plain text.
fn mime_kind(mime: Option<&str>) -> Option<PageKind> {
    // Prefixes: servers send `text/html,text/html` and the like.
    let mime = mime?;
    if mime.starts_with("text/html") || mime.starts_with("application/xhtml") {
        Some(PageKind::Html)
    } else if mime.starts_with("text/plain") {
        Some(PageKind::Text)
    } else {
        None
    }
}

struct Head {
    len: usize,
    status: u16,
    content_type: Option<String>,
    content_encoding: Option<String>,
    chunked: bool,
}

fn parse_head(block: &[u8]) -> Result<Head, Payload> {
    // httparse knows HTTP/1.x only; some crawlers write `HTTP/2 200`.
    let (patched, shift) = match block.strip_prefix(b"HTTP/") {
        Some(rest) if !rest.starts_with(b"1.") => {
            let space = memchr::memchr(b' ', block).unwrap_or(block.len());
            let end = memchr::memmem::find(block, b"\r\n\r\n").map_or(block.len(), |i| i + 4);
            let mut head = b"HTTP/1.1".to_vec();
            head.extend_from_slice(&block[space.min(end)..end]);
            (Some(head), space as isize - 8)
        }
        _ => (None, 0),
    };
    let bytes = patched.as_deref().unwrap_or(block);
    let mut config = httparse::ParserConfig::default();
    config
        .allow_spaces_after_header_name_in_responses(true)
        .allow_obsolete_multiline_headers_in_responses(true)
        .allow_multiple_spaces_in_response_status_delimiters(true)
        .ignore_invalid_headers_in_responses(true);
    for size in [64, 1024] {
        let mut headers = vec![httparse::EMPTY_HEADER; size];
        let mut response = httparse::Response::new(&mut headers);
        let len = match config.parse_response(&mut response, bytes) {
            Ok(httparse::Status::Complete(len)) => len,
            Ok(httparse::Status::Partial) => {
                return Err(Payload::Bad("HTTP response header has no end".into()))
            }
            Err(httparse::Error::TooManyHeaders) => continue,
            Err(e) => return Err(Payload::Bad(format!("bad HTTP response header: {e}"))),
        };
        let find = |name: &str| {
            response
                .headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(name))
                .map(|h| String::from_utf8_lossy(h.value).trim().to_owned())
        };
        let chunked = response.headers.iter().any(|h| {
            h.name.eq_ignore_ascii_case("transfer-encoding")
                && String::from_utf8_lossy(h.value)
                    .to_ascii_lowercase()
                    .contains("chunked")
        });
        return Ok(Head {
            len: (len as isize + shift) as usize,
            status: response.code.unwrap_or(0),
            content_type: find("content-type"),
            content_encoding: find("content-encoding"),
            chunked,
        });
    }
    Err(Payload::Bad("more than 1024 HTTP headers".into()))
}

/// The media type (lower case) and `charset` parameter of a Content-Type.
pub(crate) fn content_type(value: &str) -> (Option<String>, Option<String>) {
    let mut parts = value.split(';');
    let mime = parts
        .next()
        .map(|m| m.trim().to_ascii_lowercase())
        .filter(|m| !m.is_empty());
    let charset = parts.find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        (!value.is_empty()).then(|| value.to_owned())
    });
    (mime, charset)
}

/// Undoes chunked transfer coding. A body whose first chunk-size line is
/// not one was not chunked after all and is kept; a chunked body cut short
/// (truncated captures) keeps the chunks it has.
fn dechunk(body: Vec<u8>) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = &body[..];
    let mut first = true;
    loop {
        let (used, size) = match httparse::parse_chunk_size(rest) {
            Ok(httparse::Status::Complete(parsed)) => parsed,
            _ if first => return body,
            _ => break,
        };
        first = false;
        rest = &rest[used..];
        if size == 0 {
            break;
        }
        let take = usize::try_from(size).unwrap_or(usize::MAX).min(rest.len());
        out.extend_from_slice(&rest[..take]);
        rest = &rest[take..];
        rest = rest.strip_prefix(b"\r\n").unwrap_or(rest);
        if rest.is_empty() {
            break;
        }
    }
    out
}

/// Undoes gzip / deflate content coding (listed codings, last first). A
/// body that is not actually compressed is kept as it is (some crawlers
/// store it decoded but keep the header).
fn decode(mut body: Vec<u8>, encodings: &str) -> Result<Vec<u8>, Payload> {
    for coding in encodings.rsplit(',') {
        body = match coding.trim().to_ascii_lowercase().as_str() {
            "" | "identity" | "none" => body,
            "gzip" | "x-gzip" if body.starts_with(&[0x1f, 0x8b]) => {
                inflate(flate2::read::MultiGzDecoder::new(&body[..]), "gzip")?
            }
            "deflate" if zlib_header(&body) => {
                inflate(flate2::read::ZlibDecoder::new(&body[..]), "deflate")?
            }
            "deflate" if !looks_like_html(&body) => {
                inflate(flate2::read::DeflateDecoder::new(&body[..]), "deflate")?
            }
            "gzip" | "x-gzip" | "deflate" => body,
            _ => return Err(Payload::Skip("unsupported-encoding")),
        };
    }
    Ok(body)
}

fn zlib_header(body: &[u8]) -> bool {
    matches!(body, [cmf, flg, ..] if cmf & 0x0f == 8 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0)
}

/// Decompresses with the page size cap; a body cut short keeps what
/// decoded, if anything did.
fn inflate(decoder: impl Read, what: &str) -> Result<Vec<u8>, Payload> {
    let mut out = Vec::new();
    match decoder.take(MAX_PAGE_BYTES + 1).read_to_end(&mut out) {
        _ if out.len() as u64 > MAX_PAGE_BYTES => Err(Payload::Skip("too-large")),
        Ok(_) => Ok(out),
        Err(_) if !out.is_empty() => Ok(out),
        Err(e) => Err(Payload::Bad(format!("corrupt {what} body: {e}"))),
    }
}

/// Markup near the start: `<!doctype html`, `<html`, `<head`, `<body`...
pub(crate) fn looks_like_html(body: &[u8]) -> bool {
    let body = body.strip_prefix(b"\xef\xbb\xbf").unwrap_or(body);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let head = &body[start..body.len().min(start + 1024)];
    if !head.starts_with(b"<") {
        return false;
    }
    let lower = head.to_ascii_lowercase();
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<title",
    ]
    .iter()
    .any(|tag| memchr::memmem::find(&lower, tag).is_some())
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn page_of(payload: Payload) -> (PageKind, Option<String>, String) {
        match payload {
            Payload::Page {
                kind,
                charset,
                body,
            } => (kind, charset, String::from_utf8(body).unwrap()),
            other => panic!("not a page: {other:?}"),
        }
    }

    #[test]
    fn content_type_and_charset() {
        assert_eq!(
            content_type("Text/HTML; Charset=\"ISO-8859-1\""),
            (Some("text/html".into()), Some("ISO-8859-1".into()))
        );
        assert_eq!(content_type("text/html"), (Some("text/html".into()), None));
        assert_eq!(content_type(" ; charset="), (None, None));
    }

    #[test]
    fn statuses_and_types() {
        let ok = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>hi</p>";
        let (kind, charset, body) = page_of(response(ok.to_vec()));
        assert_eq!(
            (kind, charset.as_deref(), &body[..]),
            (PageKind::Html, Some("utf-8"), "<p>hi</p>")
        );
        let redirect = b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n";
        assert_eq!(response(redirect.to_vec()), Payload::Skip("http-redirect"));
        let missing = b"HTTP/1.0 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html>";
        assert_eq!(
            response(missing.to_vec()),
            Payload::Skip("http-client-error")
        );
        let image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        assert_eq!(response(image.to_vec()), Payload::Skip("not-html"));
        let untyped = b"HTTP/1.1 200 OK\r\n\r\n <!DOCTYPE html><html>x</html>";
        assert_eq!(page_of(response(untyped.to_vec())).0, PageKind::Html);
        let untyped_text = b"HTTP/1.1 200 OK\r\n\r\njust words";
        assert_eq!(
            response(untyped_text.to_vec()),
            Payload::Skip("no-content-type")
        );
        let h2 = b"HTTP/2 200\r\ncontent-type: application/xhtml+xml\r\n\r\n<html/>";
        assert_eq!(page_of(response(h2.to_vec())).2, "<html/>");
        let bare_lf = b"HTTP/1.1 200 OK\nContent-Type: text/html\nBad Name: x\n\n<p>lf</p>";
        assert_eq!(page_of(response(bare_lf.to_vec())).2, "<p>lf</p>");
        assert!(matches!(
            response(b"garbage\r\n\r\n".to_vec()),
            Payload::Bad(_)
        ));
        assert!(matches!(
            response(b"HTTP/1.1 200 OK\r\nA: b".to_vec()),
            Payload::Bad(_)
        ));
    }

    #[test]
    fn chunked_and_compressed_bodies() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(b"<html>zipped</html>").unwrap();
        let zipped = gz.finish().unwrap();
        let mut chunked = Vec::new();
        for part in zipped.chunks(7) {
            chunked.extend_from_slice(format!("{:x};ext=1\r\n", part.len()).as_bytes());
            chunked.extend_from_slice(part);
            chunked.extend_from_slice(b"\r\n");
        }
        chunked.extend_from_slice(b"0\r\n\r\n");
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        block.extend_from_slice(&chunked);
        assert_eq!(page_of(response(block)).2, "<html>zipped</html>");

        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(b"<p>deflated</p>").unwrap();
        let mut block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: deflate\r\n\r\n"
                .to_vec();
        block.extend_from_slice(&z.finish().unwrap());
        assert_eq!(page_of(response(block)).2, "<p>deflated</p>");

        // Stored decoded although the header says gzip; not chunked after all.
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n<p>plain</p>";
        assert_eq!(page_of(response(block.to_vec())).2, "<p>plain</p>");
        let br =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\n\x0b\x02";
        assert_eq!(response(br.to_vec()), Payload::Skip("unsupported-encoding"));
    }

    #[test]
    fn resources() {
        let (kind, charset, _) = page_of(resource(
            Some("text/plain; charset=koi8-r"),
            b"words".to_vec(),
        ));
        assert_eq!((kind, charset.as_deref()), (PageKind::Text, Some("koi8-r")));
        assert_eq!(
            resource(Some("application/pdf"), b"%PDF".to_vec()),
            Payload::Skip("not-html")
        );
        assert_eq!(
            resource(None, b"<html></html>".to_vec()),
            page(PageKind::Html, false, None, b"<html></html>".to_vec())
        );
    }
}
