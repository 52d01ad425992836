//! One connection: read a request, answer it from the routes, and repeat
//! while the client keeps the connection alive (HTTP/1.1's default,
//! which pooled clients such as hyper rely on).

use std::borrow::Cow;
use std::io::Write;
use std::net::{Shutdown, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use super::request::{discard_body, parse, read_head, Request, POLL};
use super::{Hit, Response, Shared};
use crate::pages::gzip;

/// A client that stops reading this long fails the write.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// Chunk size of a chunked body that is not dripped.
const CHUNK: usize = 1000;

/// Makes every lying `ETag` new, across servers.
static LIES: AtomicU64 = AtomicU64::new(0);

/// Serves `stream` until the client closes it, it breaks, it idles too
/// long, or the server stops.
pub(super) fn serve(mut stream: TcpStream, connection: u64, shared: &Shared) {
    let _ = stream.set_nodelay(true);
    if stream.set_read_timeout(Some(POLL)).is_err()
        || stream.set_write_timeout(Some(WRITE_TIMEOUT)).is_err()
    {
        return;
    }
    let mut buffer = Vec::new();
    while let Some(head) = read_head(&mut stream, &mut buffer, shared) {
        let start = Instant::now();
        let Some(request) = parse(&head) else {
            let _ = stream.write_all(
                b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
            break;
        };
        if !discard_body(&mut stream, &mut buffer, &request, shared) {
            break;
        }
        let seq = shared.requests.fetch_add(1, Ordering::SeqCst);
        let planned = if request.method == "GET" || request.method == "HEAD" {
            shared
                .next_response(&request.host, &request.target)
                .unwrap_or_else(not_found)
        } else {
            Response::status(405).header("Allow", "GET, HEAD")
        };
        let mut out = Held::new(&mut stream);
        let (status, keep) = answer(&mut out, &request, &planned, shared);
        // Logged before the answer's last byte leaves: a client that has
        // its whole answer finds it in the log.
        shared.record(Hit {
            seq,
            connection,
            method: request.method.clone(),
            host: request.host.clone(),
            path: request.target.clone(),
            start,
            end: Instant::now(),
            status,
            if_none_match: request.header("if-none-match").map(str::to_string),
            if_modified_since: request.header("if-modified-since").map(str::to_string),
            user_agent: request.header("user-agent").map(str::to_string),
            headers: request.headers,
        });
        if out.finish().is_err() || !keep {
            break;
        }
    }
    let _ = stream.shutdown(Shutdown::Both);
}

fn not_found() -> Response {
    Response::status(404).with_body(
        "text/html; charset=utf-8",
        "<!doctype html><title>Not found</title><h1>404 Not Found</h1><p>Nothing here.</p>",
    )
}

/// Sends `planned` (or a 304 for it). Returns the status sent and whether
/// the connection may carry another request.
fn answer(
    out: &mut Held<'_>,
    request: &Request,
    planned: &Response,
    shared: &Shared,
) -> (u16, bool) {
    if !pause(planned.delay, shared) {
        return (0, false);
    }
    if planned.hang_up {
        return (0, false);
    }
    let not_modified =
        !planned.lying && planned.status == 200 && validators_match(planned, request);
    let status = if not_modified { 304 } else { planned.status };
    let keep = request.keep_alive() && !planned.close && !planned.truncated;
    let chunked = planned.chunked && !request.http10;
    let body: Cow<[u8]> = if planned.gzip {
        Cow::Owned(gzip(&planned.body))
    } else {
        Cow::Borrowed(&planned.body[..])
    };
    let bodiless = not_modified || status == 204 || (100..200).contains(&status);

    let mut head = format!(
        "HTTP/1.1 {status} {}\r\nServer: dateline-fake-web\r\n",
        reason(status)
    );
    for (name, value) in &planned.headers {
        let entity = name.eq_ignore_ascii_case("content-type");
        if !(not_modified && entity) {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    if planned.lying {
        let lie = LIES.fetch_add(1, Ordering::SeqCst);
        head.push_str(&format!("ETag: \"lie-{lie}\"\r\n"));
    } else if let Some(tag) = &planned.etag {
        head.push_str(&format!("ETag: {tag}\r\n"));
    }
    if let Some(date) = &planned.last_modified {
        head.push_str(&format!("Last-Modified: {date}\r\n"));
    }
    if !bodiless {
        if planned.gzip {
            head.push_str("Content-Encoding: gzip\r\n");
        }
        if chunked {
            head.push_str("Transfer-Encoding: chunked\r\n");
        } else {
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
    }
    match (keep, request.http10) {
        (false, _) => head.push_str("Connection: close\r\n"),
        (true, true) => head.push_str("Connection: keep-alive\r\n"),
        (true, false) => {}
    }
    head.push_str("\r\n");
    if out.send(head.as_bytes()).is_err() {
        return (status, false);
    }
    if bodiless || request.method == "HEAD" {
        return (status, keep);
    }
    let sent = if planned.truncated {
        &body[..body.len() / 2]
    } else {
        &body[..]
    };
    let piece = planned.drip.map_or(
        if chunked { CHUNK } else { sent.len().max(1) },
        |(size, _)| size,
    );
    for (i, part) in sent.chunks(piece).enumerate() {
        if i > 0 {
            if let Some((_, every)) = planned.drip {
                if !pause(every, shared) {
                    return (status, false);
                }
            }
        }
        let written = if chunked {
            let mut framed = format!("{:x}\r\n", part.len()).into_bytes();
            framed.extend_from_slice(part);
            framed.extend_from_slice(b"\r\n");
            out.send(&framed)
        } else {
            out.send(part)
        };
        if written.is_err() {
            return (status, false);
        }
    }
    if chunked && !planned.truncated && out.send(b"0\r\n\r\n").is_err() {
        return (status, false);
    }
    (status, keep)
}

/// A writer that always holds back the last byte written, so the server
/// can log a request before the client can have all of its answer.
struct Held<'a> {
    stream: &'a mut TcpStream,
    last: Option<u8>,
}

impl<'a> Held<'a> {
    fn new(stream: &'a mut TcpStream) -> Held<'a> {
        Held { stream, last: None }
    }

    /// Sends the byte held so far and all of `bytes` but its last.
    fn send(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        let Some((&last, rest)) = bytes.split_last() else {
            return Ok(());
        };
        let mut now = Vec::with_capacity(bytes.len());
        now.extend(self.last.take());
        now.extend_from_slice(rest);
        self.stream.write_all(&now)?;
        self.last = Some(last);
        Ok(())
    }

    /// Sends the byte held back.
    fn finish(&mut self) -> std::io::Result<()> {
        match self.last.take() {
            Some(last) => self.stream.write_all(&[last]),
            None => Ok(()),
        }
    }
}

/// Whether the request's validators match: `If-None-Match` against the
/// ETag if the request has one, else `If-Modified-Since` against
/// `Last-Modified` as strings.
fn validators_match(planned: &Response, request: &Request) -> bool {
    if let Some(tags) = request.header("if-none-match") {
        let strip = |tag: &str| tag.trim().trim_start_matches("W/").to_string();
        return planned.etag.as_deref().is_some_and(|etag| {
            tags.split(',')
                .any(|tag| tag.trim() == "*" || strip(tag) == strip(etag))
        });
    }
    match (request.header("if-modified-since"), &planned.last_modified) {
        (Some(since), Some(modified)) => since.trim() == modified,
        _ => false,
    }
}

/// Sleeps `duration` in short steps; `false` if the server stopped meanwhile.
fn pause(duration: Duration, shared: &Shared) -> bool {
    let deadline = Instant::now() + duration;
    loop {
        if shared.stopping() {
            return false;
        }
        let now = Instant::now();
        if now >= deadline {
            return true;
        }
        thread::sleep((deadline - now).min(Duration::from_millis(10)));
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        206 => "Partial Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}
