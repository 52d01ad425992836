//! Reading requests off a connection: the head (with pipelined bytes
//! kept for the next one), a body to skip, and the few header rules the
//! fake web needs (host name, keep-alive).

use std::io::{ErrorKind, Read};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use super::{find_header, Shared};

/// Read timeout: how often a waiting connection thread looks at the stop flag.
pub(super) const POLL: Duration = Duration::from_millis(50);
/// A client silent this long between requests loses its connection.
pub(super) const IDLE_LIMIT: Duration = Duration::from_secs(30);
/// Request heads (and discarded request bodies) larger than this close the connection.
const MAX_HEAD: usize = 64 * 1024;

/// A parsed request head.
pub(super) struct Request {
    pub(super) method: String,
    /// Path with query (origin form, even if sent in absolute form).
    pub(super) target: String,
    pub(super) host: String,
    pub(super) http10: bool,
    pub(super) headers: Vec<(String, String)>,
}

impl Request {
    pub(super) fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// Whether the client wants the connection kept after this answer.
    pub(super) fn keep_alive(&self) -> bool {
        let tokens = self.header("connection").unwrap_or("").to_ascii_lowercase();
        let has = |token: &str| tokens.split(',').any(|t| t.trim() == token);
        if self.http10 {
            has("keep-alive")
        } else {
            !has("close")
        }
    }
}

/// Reads until `buffer` holds a whole request head, and takes it out
/// (bytes after it stay, for pipelined requests). `None` when the client
/// is gone, silent too long, sends too much, or the server stops.
pub(super) fn read_head(
    stream: &mut TcpStream,
    buffer: &mut Vec<u8>,
    shared: &Shared,
) -> Option<Vec<u8>> {
    let mut last_activity = Instant::now();
    loop {
        // Stray line breaks between requests are allowed (RFC 9112 2.2).
        let blank = buffer
            .iter()
            .take_while(|b| **b == b'\r' || **b == b'\n')
            .count();
        buffer.drain(..blank);
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            return Some(buffer.drain(..end + 4).collect());
        }
        if buffer.len() > MAX_HEAD {
            return None;
        }
        if !fill(stream, buffer, shared, &mut last_activity)? {
            return None;
        }
    }
}

/// One read into `buffer`. `Some(true)`: got bytes; `Some(false)` or
/// `None`: the connection is over. Timeouts only poll the stop flag.
fn fill(
    stream: &mut TcpStream,
    buffer: &mut Vec<u8>,
    shared: &Shared,
    last_activity: &mut Instant,
) -> Option<bool> {
    let mut chunk = [0u8; 8192];
    loop {
        if shared.stopping() || last_activity.elapsed() > IDLE_LIMIT {
            return None;
        }
        match stream.read(&mut chunk) {
            Ok(0) => return Some(false),
            Ok(n) => {
                buffer.extend_from_slice(&chunk[..n]);
                *last_activity = Instant::now();
                return Some(true);
            }
            Err(e)
                if matches!(
                    e.kind(),
                    ErrorKind::WouldBlock | ErrorKind::TimedOut | ErrorKind::Interrupted
                ) => {}
            Err(_) => return None,
        }
    }
}

/// Skips a request body announced by `Content-Length` (GET rarely has
/// one). `false` when it cannot be read, or is chunked: then the
/// connection closes after the answer would be unreadable anyway.
pub(super) fn discard_body(
    stream: &mut TcpStream,
    buffer: &mut Vec<u8>,
    request: &Request,
    shared: &Shared,
) -> bool {
    if request.header("transfer-encoding").is_some() {
        return false;
    }
    let Some(length) = request
        .header("content-length")
        .and_then(|v| v.trim().parse::<usize>().ok())
    else {
        return true;
    };
    if length > MAX_HEAD {
        return false;
    }
    let mut last_activity = Instant::now();
    while buffer.len() < length {
        if fill(stream, buffer, shared, &mut last_activity) != Some(true) {
            return false;
        }
    }
    buffer.drain(..length);
    true
}

/// Parses a request head; `None` if it has no request line.
pub(super) fn parse(head: &[u8]) -> Option<Request> {
    let text = String::from_utf8_lossy(head);
    let mut lines = text.split('\n').map(|line| line.trim_end_matches('\r'));
    let mut parts = lines.next()?.split_whitespace();
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    // Absolute form (`GET http://host/path`) names the host itself.
    let (authority, target) = match target
        .strip_prefix("http://")
        .or_else(|| target.strip_prefix("https://"))
    {
        Some(rest) => match rest.find('/') {
            Some(slash) => (Some(&rest[..slash]), &rest[slash..]),
            None => (Some(rest), "/"),
        },
        None => (None, target),
    };
    let host = authority
        .or_else(|| find_header(&headers, "host"))
        .unwrap_or("");
    Some(Request {
        method: method.to_string(),
        target: target.to_string(),
        host: host_name(host),
        http10: version == "HTTP/1.0",
        headers,
    })
}

/// `News-A.Test:8080` -> `news-a.test`; `[::1]:80` -> `[::1]`.
fn host_name(host: &str) -> String {
    let host = host.trim();
    let name = match host.rsplit_once(':') {
        Some((name, port)) if !host.ends_with(']') && port.bytes().all(|b| b.is_ascii_digit()) => {
            name
        }
        _ => host,
    };
    name.trim_end_matches('.').to_ascii_lowercase()
}
