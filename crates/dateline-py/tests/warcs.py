"""A minimal WARC writer for tests and examples: one gzip member per
record, as crawlers write them."""

import gzip
import uuid


def _record(kind, url, block, content_type):
    head = (
        "WARC/1.1\r\n"
        f"WARC-Type: {kind}\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, kind + url)}>\r\n"
        "WARC-Date: 2019-12-10T08:00:00Z\r\n"
        f"WARC-Target-URI: {url}\r\n"
        f"Content-Type: {content_type}\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def response(url, body, status=200, content_type="text/html; charset=utf-8"):
    """A `response` record holding an HTTP response."""
    reason = {200: "OK", 301: "Moved Permanently"}.get(status, "Status")
    http = (
        f"HTTP/1.1 {status} {reason}\r\n"
        f"Content-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    return _record("response", url, http, "application/http; msgtype=response")


def request(url):
    """A `request` record (skipped by readers of pages)."""
    http = f"GET {url} HTTP/1.1\r\nHost: news.example\r\n\r\n".encode()
    return _record("request", url, http, "application/http; msgtype=request")


def write(path, records):
    """Writes the records to `path`, one gzip member each."""
    with open(path, "wb") as out:
        for record in records:
            out.write(gzip.compress(record))
