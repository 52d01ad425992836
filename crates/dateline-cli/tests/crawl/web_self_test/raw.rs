//! A minimal HTTP/1.1 client over a raw `TcpStream`, so the fake web's
//! self-tests see the bytes on the wire rather than what a client library
//! makes of them (framing, keep-alive, a missing answer).

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::web::FakeWeb;

/// How long a read may wait before the test fails instead of hanging.
const READ_TIMEOUT: Duration = Duration::from_secs(5);

/// One client connection.
pub struct Conn {
    stream: TcpStream,
    port: u16,
    buffer: Vec<u8>,
}

/// One answer as received.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The body arrived whole, as its framing announced.
    pub complete: bool,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl Conn {
    pub fn open(web: &FakeWeb) -> Conn {
        Conn::connect(web.port())
    }

    pub fn connect(port: u16) -> Conn {
        let stream = TcpStream::connect(("127.0.0.1", port)).expect("the fake web accepts");
        stream
            .set_read_timeout(Some(READ_TIMEOUT))
            .expect("a read timeout can be set");
        Conn {
            stream,
            port,
            buffer: Vec::new(),
        }
    }

    /// Sends a request with `Host: {host}:{port}`, as clients do off port 80.
    pub fn send(&mut self, method: &str, host: &str, path: &str, headers: &[(&str, &str)]) {
        let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {host}:{}\r\n", self.port);
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str("\r\n");
        self.send_raw(request.as_bytes());
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        self.stream.write_all(bytes).expect("the request is sent");
    }

    pub fn get(&mut self, host: &str, path: &str, headers: &[(&str, &str)]) -> Reply {
        self.send("GET", host, path, headers);
        self.receive(false)
            .unwrap_or_else(|| panic!("GET {host}{path}: connection closed without an answer"))
    }

    pub fn head(&mut self, host: &str, path: &str) -> Reply {
        self.send("HEAD", host, path, &[]);
        self.receive(true)
            .unwrap_or_else(|| panic!("HEAD {host}{path}: connection closed without an answer"))
    }

    /// Reads one answer; `None` if the connection closed before its head.
    /// `head_only` for answers to HEAD, which announce a body they omit.
    pub fn receive(&mut self, head_only: bool) -> Option<Reply> {
        let end = loop {
            if let Some(end) = find(&self.buffer, b"\r\n\r\n") {
                break end;
            }
            if !self.fill() {
                return None;
            }
        };
        let head = String::from_utf8_lossy(&self.buffer[..end]).into_owned();
        self.buffer.drain(..end + 4);
        let mut lines = head.split("\r\n");
        let status_line = lines.next().unwrap_or("");
        let status = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|code| code.parse().ok())
            .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
        let headers = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
            .collect();
        let mut reply = Reply {
            status,
            headers,
            body: Vec::new(),
            complete: true,
        };
        if head_only || status == 304 || status == 204 {
            return Some(reply);
        }
        if reply
            .header("transfer-encoding")
            .is_some_and(|te| te.eq_ignore_ascii_case("chunked"))
        {
            reply.complete = self.read_chunks(&mut reply.body);
        } else if let Some(length) = reply.header("content-length") {
            let length: usize = length.parse().expect("a numeric Content-Length");
            while self.buffer.len() < length && self.fill() {}
            let got = length.min(self.buffer.len());
            reply.body = self.buffer.drain(..got).collect();
            reply.complete = got == length;
        } else {
            while self.fill() {}
            reply.body = std::mem::take(&mut self.buffer);
        }
        Some(reply)
    }

    /// Decodes a chunked body into `body`; `false` if it ended early.
    fn read_chunks(&mut self, body: &mut Vec<u8>) -> bool {
        loop {
            let line_end = loop {
                if let Some(end) = find(&self.buffer, b"\r\n") {
                    break end;
                }
                if !self.fill() {
                    return false;
                }
            };
            let size_text = String::from_utf8_lossy(&self.buffer[..line_end]).into_owned();
            let size = usize::from_str_radix(size_text.trim(), 16)
                .unwrap_or_else(|_| panic!("bad chunk size {size_text:?}"));
            self.buffer.drain(..line_end + 2);
            while self.buffer.len() < size + 2 {
                if !self.fill() {
                    return false;
                }
            }
            body.extend(self.buffer.drain(..size));
            self.buffer.drain(..2);
            if size == 0 {
                return true;
            }
        }
    }

    /// Reads more bytes; `false` at the end of the stream.
    fn fill(&mut self) -> bool {
        let mut chunk = [0u8; 8192];
        loop {
            match self.stream.read(&mut chunk) {
                Ok(0) => return false,
                Ok(n) => {
                    self.buffer.extend_from_slice(&chunk[..n]);
                    return true;
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e)
                    if matches!(
                        e.kind(),
                        ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted
                    ) =>
                {
                    return false
                }
                Err(e) => panic!("reading from the fake web: {e}"),
            }
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
