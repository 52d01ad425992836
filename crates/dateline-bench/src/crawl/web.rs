//! A loopback web for the crawl benchmarks: one HTTP/1.1 server (axum on
//! its own tokio runtime) answering for many virtual hosts from memory, and
//! a log of every request (host, path, status, when it came and when its
//! answer was handed to the connection).
//!
//! Hosts are told apart by the `Host` header (port stripped, lower case),
//! so the crawler maps names such as `news-0.test` to 127.0.0.1 with
//! `--resolve` and asks for `http://news-0.test:PORT/...`. Answers are
//! built once; serving one clones a reference-counted buffer, so the server
//! costs little of the two cores it shares with the crawler.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::header::{CONTENT_TYPE, HOST};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::Response;
use axum::serve::ListenerExt;
use axum::Router;

/// One answer, served as is.
#[derive(Debug, Clone)]
pub struct Resource {
    /// The `Content-Type`.
    pub content_type: String,
    /// The body.
    pub body: Bytes,
}

impl Resource {
    /// An answer with this type and body.
    pub fn new(content_type: impl Into<String>, body: impl Into<Bytes>) -> Self {
        Self {
            content_type: content_type.into(),
            body: body.into(),
        }
    }
}

/// What the web serves: host name -> path (with query) -> answer.
#[derive(Debug, Clone, Default)]
pub struct Sites {
    hosts: HashMap<String, HashMap<String, Resource>>,
}

impl Sites {
    /// Serves `resource` at `path` of `host`.
    pub fn put(&mut self, host: &str, path: &str, resource: Resource) {
        self.hosts
            .entry(host.to_ascii_lowercase())
            .or_default()
            .insert(path.to_string(), resource);
    }

    /// The host names served.
    pub fn hosts(&self) -> Vec<String> {
        let mut hosts: Vec<String> = self.hosts.keys().cloned().collect();
        hosts.sort();
        hosts
    }

    /// The answer at `path` of `host` (a lower-case name).
    pub fn get(&self, host: &str, path: &str) -> Option<&Resource> {
        self.hosts.get(host)?.get(path)
    }
}

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Hit {
    /// The `Host` header's name.
    pub host: String,
    /// Path and query.
    pub path: String,
    /// Status sent.
    pub status: u16,
    /// Body bytes sent.
    pub bytes: usize,
    /// Seconds on the web's clock ([`Web::now`]) when the handler got the
    /// request (its head read).
    pub start: f64,
    /// Seconds on the web's clock when the answer was handed to the
    /// connection.
    pub end: f64,
}

struct Shared {
    sites: Sites,
    epoch: Instant,
    log: Mutex<Vec<Hit>>,
    connections: AtomicU64,
}

/// A running loopback web; stops when dropped.
pub struct Web {
    addr: SocketAddr,
    shared: Arc<Shared>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl Web {
    /// Serves `sites` on `listener` (bound beforehand, so that the sites
    /// can name its port) with `threads` runtime threads.
    pub fn start(
        listener: std::net::TcpListener,
        sites: Sites,
        threads: usize,
    ) -> std::io::Result<Self> {
        let addr = listener.local_addr()?;
        listener.set_nonblocking(true)?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(threads.max(1))
            .thread_name("bench-web")
            .enable_all()
            .build()?;
        let shared = Arc::new(Shared {
            sites,
            epoch: Instant::now(),
            log: Mutex::new(Vec::new()),
            connections: AtomicU64::new(0),
        });
        let listener = {
            let _guard = runtime.enter();
            tokio::net::TcpListener::from_std(listener)?
        };
        let state = Arc::clone(&shared);
        runtime.spawn(async move {
            let counted = Arc::clone(&state);
            let listener = listener.tap_io(move |stream| {
                // Answers go out whole, without waiting on delayed ACKs.
                let _ = stream.set_nodelay(true);
                counted.connections.fetch_add(1, Ordering::Relaxed);
            });
            let app = Router::new().fallback(answer).with_state(state);
            let _ = axum::serve(listener, app).await;
        });
        Ok(Self {
            addr,
            shared,
            runtime: Some(runtime),
        })
    }

    /// The port it listens on (127.0.0.1).
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Seconds since the web started: the clock of [`Hit`]s.
    pub fn now(&self) -> f64 {
        self.shared.epoch.elapsed().as_secs_f64()
    }

    /// Every request so far, in the order their answers were ready.
    pub fn log(&self) -> Vec<Hit> {
        self.shared
            .log
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Forgets the requests so far.
    pub fn clear_log(&self) {
        self.shared
            .log
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// TCP connections accepted so far.
    pub fn connections(&self) -> u64 {
        self.shared.connections.load(Ordering::Relaxed)
    }

    /// `--resolve` arguments mapping every host to loopback.
    pub fn resolve_args(&self) -> Vec<String> {
        self.shared
            .sites
            .hosts()
            .iter()
            .flat_map(|host| {
                [
                    "--resolve".to_string(),
                    format!("{host}:{}:127.0.0.1", self.port()),
                ]
            })
            .collect()
    }
}

impl Drop for Web {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

async fn answer(State(web): State<Arc<Shared>>, headers: HeaderMap, uri: Uri) -> Response {
    let start = web.epoch.elapsed().as_secs_f64();
    let host = headers
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .map(|h| h.rsplit_once(':').map_or(h, |(name, _)| name))
        .unwrap_or_default()
        .to_ascii_lowercase();
    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    let (status, body, content_type) = match web.sites.get(&host, path) {
        Some(found) => (
            StatusCode::OK,
            found.body.clone(),
            HeaderValue::from_str(&found.content_type)
                .unwrap_or(HeaderValue::from_static("application/octet-stream")),
        ),
        None => (
            StatusCode::NOT_FOUND,
            Bytes::from_static(b"not found\n"),
            HeaderValue::from_static("text/plain"),
        ),
    };
    let hit = Hit {
        host,
        path: path.to_string(),
        status: status.as_u16(),
        bytes: body.len(),
        start,
        end: 0.0,
    };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(CONTENT_TYPE, content_type);
    let end = web.epoch.elapsed().as_secs_f64();
    web.log
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(Hit { end, ..hit });
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    fn get(port: u16, host: &str, path: &str) -> String {
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer
    }

    #[test]
    fn virtual_hosts_answer_from_memory_and_are_logged() {
        let mut sites = Sites::default();
        sites.put("a.test", "/x", Resource::new("text/html", "<p>a</p>"));
        sites.put("B.test", "/x", Resource::new("text/plain", "b"));
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let web = Web::start(listener, sites, 1).unwrap();
        let a = get(web.port(), "a.test", "/x");
        assert!(a.starts_with("HTTP/1.1 200"), "{a}");
        assert!(a.contains("content-type: text/html") && a.ends_with("<p>a</p>"));
        assert!(get(web.port(), "b.test", "/x").ends_with("\r\n\r\nb"));
        assert!(get(web.port(), "a.test", "/y").starts_with("HTTP/1.1 404"));
        let log = web.log();
        assert_eq!(log.len(), 3);
        assert_eq!((log[0].host.as_str(), log[0].status), ("a.test", 200));
        assert!(log.iter().all(|hit| hit.start <= hit.end));
        assert_eq!(web.connections(), 3);
        assert_eq!(
            web.resolve_args(),
            [
                "--resolve".to_string(),
                format!("a.test:{}:127.0.0.1", web.port()),
                "--resolve".to_string(),
                format!("b.test:{}:127.0.0.1", web.port()),
            ]
        );
    }
}
