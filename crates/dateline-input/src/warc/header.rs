//! The header of a WARC record: the version line, then `Name: value`
//! lines (folded lines allowed, CRLF or bare LF) up to a blank line.

use std::io::{Read, Seek};

use super::stream::{Stream, StreamError};

/// A WARC header larger than this makes a bad record.
const MAX_HEADER_BYTES: usize = 1024 * 1024;

/// The WARC header fields the reader uses.
#[derive(Debug, Default)]
pub(super) struct Header {
    pub(super) kind: Option<String>,
    pub(super) length: Option<String>,
    pub(super) record_id: Option<String>,
    pub(super) date: Option<String>,
    pub(super) uri: Option<String>,
    pub(super) content_type: Option<String>,
}

impl Header {
    fn set(&mut self, name: &str, value: String) {
        let slot = match name.to_ascii_lowercase().as_str() {
            "warc-type" => &mut self.kind,
            "content-length" => &mut self.length,
            "warc-record-id" => &mut self.record_id,
            "warc-date" => &mut self.date,
            "warc-target-uri" => &mut self.uri,
            "content-type" => &mut self.content_type,
            _ => return,
        };
        slot.get_or_insert(value);
    }
}

/// Reads the version line (checked by the caller) and the header fields,
/// up to the blank line. The inner error is a bad header's reason.
pub(super) fn read_header<R: Read + Seek>(
    stream: &mut Stream<R>,
) -> Result<Result<Header, String>, StreamError> {
    let mut header = Header::default();
    let mut line = Vec::new();
    let mut total = 0;
    let mut last: Option<(String, String)> = None;
    let mut first = true;
    loop {
        line.clear();
        let room = MAX_HEADER_BYTES.saturating_sub(total);
        let ended = read_line(stream, &mut line, room)?;
        total += line.len();
        if !ended {
            return Ok(Err(if total >= MAX_HEADER_BYTES {
                format!("WARC header longer than {MAX_HEADER_BYTES} bytes")
            } else {
                "WARC header cut short by the end of the file".into()
            }));
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if first {
            first = false;
            continue; // The version line, checked by the caller.
        }
        if text.is_empty() {
            break;
        }
        if text.starts_with([' ', '\t']) {
            match &mut last {
                Some((_, value)) => {
                    value.push(' ');
                    value.push_str(text.trim());
                    continue;
                }
                None => return Ok(Err("WARC header starts with a continuation line".into())),
            }
        }
        let Some((name, value)) = text.split_once(':') else {
            return Ok(Err(format!(
                "WARC header line without a colon: {:?}",
                clip(text)
            )));
        };
        if let Some((name, value)) = last.take() {
            header.set(&name, value);
        }
        last = Some((name.trim().to_owned(), value.trim().to_owned()));
    }
    if let Some((name, value)) = last {
        header.set(&name, value);
    }
    Ok(Ok(header))
}

/// Appends one line (with its newline) of at most `cap` bytes; false if
/// the input or the cap ended it first.
fn read_line<R: Read + Seek>(
    stream: &mut Stream<R>,
    line: &mut Vec<u8>,
    cap: usize,
) -> Result<bool, StreamError> {
    loop {
        let buf = stream.fill()?;
        if buf.is_empty() {
            return Ok(false);
        }
        let (take, ended) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        let room = cap.saturating_sub(line.len());
        if take > room {
            line.extend_from_slice(&buf[..room]);
            stream.consume(room);
            return Ok(false);
        }
        line.extend_from_slice(&buf[..take]);
        stream.consume(take);
        if ended {
            return Ok(true);
        }
    }
}

/// The first 80 characters, for messages.
fn clip(text: &str) -> &str {
    match text.char_indices().nth(80) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;

    fn parse(bytes: &[u8]) -> Result<Header, String> {
        read_header(&mut Stream::new(Cursor::new(bytes.to_vec())).unwrap()).unwrap()
    }

    #[test]
    fn fields_and_failures() {
        let header = parse(b"WARC/1.1\r\nwarc-type: response\r\nWARC-Type: request\r\nContent-Length:  5 \r\n\r\nhello").unwrap();
        assert_eq!(
            header.kind.as_deref(),
            Some("response"),
            "the first one wins"
        );
        assert_eq!(header.length.as_deref(), Some("5"));
        assert!(parse(b"WARC/1.1\r\nWARC-Type: response\r\n")
            .unwrap_err()
            .contains("cut short"));
        assert!(parse(b"WARC/1.1\r\n continued\r\n\r\n")
            .unwrap_err()
            .contains("continuation"));
        let mut huge = b"WARC/1.1\r\nX: ".to_vec();
        huge.resize(MAX_HEADER_BYTES + 10, b'a');
        assert!(parse(&huge).unwrap_err().contains("longer than"));
    }
}
