//! What a route answers, built in steps: a constructor for the status and
//! body, then modifiers for how it is sent (validators, compression,
//! timing, framing, breakage). Modifiers may come in any order; they are
//! applied when the answer is sent, per request.

use std::sync::Arc;
use std::time::Duration;

/// One planned answer. Cloning is cheap: the body is shared.
#[derive(Clone, Debug)]
pub struct Response {
    pub(super) status: u16,
    /// Headers the test chose; the server adds framing, validators and
    /// `Content-Encoding` itself.
    pub(super) headers: Vec<(String, String)>,
    pub(super) body: Arc<[u8]>,
    pub(super) etag: Option<String>,
    pub(super) last_modified: Option<String>,
    pub(super) lying: bool,
    pub(super) gzip: bool,
    pub(super) delay: Duration,
    pub(super) drip: Option<(usize, Duration)>,
    pub(super) chunked: bool,
    pub(super) truncated: bool,
    pub(super) close: bool,
    pub(super) hang_up: bool,
}

impl Response {
    /// `status` with no body and no `Content-Type` (`Content-Length: 0`).
    pub fn status(status: u16) -> Response {
        Response {
            status,
            headers: Vec::new(),
            body: Arc::from(Vec::new()),
            etag: None,
            last_modified: None,
            lying: false,
            gzip: false,
            delay: Duration::ZERO,
            drip: None,
            chunked: false,
            truncated: false,
            close: false,
            hang_up: false,
        }
    }

    /// 200 with `body` of type `content_type`.
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response::status(200).with_body(content_type, body)
    }

    /// 200, `text/html; charset=utf-8`.
    pub fn html(body: impl Into<Vec<u8>>) -> Response {
        Response::ok("text/html; charset=utf-8", body)
    }

    /// 200, `application/xml` (feeds and sitemaps; use [`Response::ok`]
    /// for `application/rss+xml` and friends).
    pub fn xml(body: impl Into<Vec<u8>>) -> Response {
        Response::ok("application/xml", body)
    }

    /// 200, `text/plain; charset=utf-8` (robots.txt, text sitemaps).
    pub fn text(body: impl Into<Vec<u8>>) -> Response {
        Response::ok("text/plain; charset=utf-8", body)
    }

    /// 200, `application/json`.
    pub fn json(body: impl Into<Vec<u8>>) -> Response {
        Response::ok("application/json", body)
    }

    /// A redirect (301, 302, 303, 307 or 308) to `location`, as given
    /// (relative or absolute), with a short HTML body as servers send.
    pub fn redirect(status: u16, location: &str) -> Response {
        let body = format!(
            "<!doctype html><title>Moved</title><p>Moved to <a href=\"{}\">here</a>.</p>",
            location.replace('"', "&quot;")
        );
        Response::status(status)
            .with_body("text/html; charset=utf-8", body)
            .header("Location", location)
    }

    /// Reads the request, then closes the connection without a byte of
    /// answer (after [`Response::delay`], if any): an empty reply, as from
    /// a crashed server. Logged with status 0.
    pub fn hang_up() -> Response {
        Response {
            hang_up: true,
            ..Response::status(0)
        }
    }

    /// Replaces the body and its `Content-Type`.
    pub fn with_body(self, content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            body: Arc::from(body.into()),
            ..self
        }
        .header("Content-Type", content_type)
    }

    /// Sets a header, replacing one of the same name (any case). Framing
    /// headers (`Content-Length`, `Transfer-Encoding`, `Connection`) are
    /// the server's: use the modifiers below instead.
    pub fn header(mut self, name: &str, value: &str) -> Response {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// Sends the body gzip-compressed with `Content-Encoding: gzip`
    /// (whatever the client's `Accept-Encoding`: the crawler must cope).
    pub fn gzip(self) -> Response {
        Response { gzip: true, ..self }
    }

    /// Sends `ETag: {tag}` (quotes included, e.g. `"\"v1\""`) and answers
    /// 304 without a body when `If-None-Match` lists it (weak or strong,
    /// or `*`).
    pub fn etag(self, tag: &str) -> Response {
        Response {
            etag: Some(tag.to_string()),
            ..self
        }
    }

    /// Sends `Last-Modified: {date}` and answers 304 without a body when
    /// `If-Modified-Since` is that same string and the request has no
    /// `If-None-Match` (which wins, as RFC 9110 says).
    pub fn last_modified(self, date: &str) -> Response {
        Response {
            last_modified: Some(date.to_string()),
            ..self
        }
    }

    /// Never answers 304, and sends a new `ETag` every time (same body): a
    /// server whose validators are worthless.
    pub fn lying_validators(self) -> Response {
        Response {
            lying: true,
            ..self
        }
    }

    /// Waits `delay` after reading the request, before the first byte.
    pub fn delay(self, delay: Duration) -> Response {
        Response { delay, ..self }
    }

    /// Sends the head at once, then the body `chunk_bytes` at a time with
    /// `every` between pieces: the whole answer takes about
    /// `(pieces - 1) * every`.
    pub fn drip(self, chunk_bytes: usize, every: Duration) -> Response {
        Response {
            drip: Some((chunk_bytes.max(1), every)),
            ..self
        }
    }

    /// `Transfer-Encoding: chunked` instead of `Content-Length` (for
    /// HTTP/1.1 clients), in chunks of at most 1000 bytes, or one chunk per
    /// drip.
    pub fn chunked(self) -> Response {
        Response {
            chunked: true,
            ..self
        }
    }

    /// `Retry-After: {value}`, seconds or an HTTP date.
    pub fn retry_after(self, value: &str) -> Response {
        self.header("Retry-After", value)
    }

    /// Announces the whole body (`Content-Length`, or chunked framing) but
    /// sends only its first half, then closes the connection.
    pub fn truncated(self) -> Response {
        Response {
            truncated: true,
            ..self
        }
    }

    /// Sends `Connection: close` and closes the connection after answering.
    pub fn close(self) -> Response {
        Response {
            close: true,
            ..self
        }
    }
}
