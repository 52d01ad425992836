//! A fake news web on loopback: one HTTP/1.1 server on `127.0.0.1`, many
//! virtual hosts on its one port, routes the test sets and changes while
//! the crawler runs, and a log of every request.
//!
//! Why hand-written over `std::net`: the crawler's tests need things a
//! real server library makes hard on purpose (answers that drip, lie about
//! validators, stop halfway, or never come), and every request's timing and
//! connection, to check politeness. GET and HEAD only; anything else is 405.
//!
//! Hosts are chosen by the `Host` header's name (port stripped, lower-case),
//! so tests map names such as `news-a.test` to 127.0.0.1 (curl-style
//! `--resolve`, see [`FakeWeb::resolve`]) and use URLs like
//! `http://news-a.test:PORT/path`.
//!
//! ```ignore
//! let web = FakeWeb::start();
//! web.set("news-a.test", "/", Response::html(pages::front_page(..)));
//! web.set("news-a.test", "/feed.xml", Response::xml(pages::rss(&items)).etag("\"v1\""));
//! // run the crawler against web.url("news-a.test", "/") ...
//! assert!(web.log().iter().all(|hit| hit.user_agent.is_some()));
//! ```
//!
//! Bounded shutdown: dropping the [`FakeWeb`] sets a stop flag, shuts down
//! every open socket (which wakes blocked reads and fails blocked writes),
//! wakes the acceptor with one last connection, and joins the threads for
//! at most [`JOIN_TIMEOUT`]. Connection threads also poll the stop flag
//! between reads (read timeout [`request::POLL`]) and during delays and drips,
//! and give up on a client idle for [`request::IDLE_LIMIT`]; no thread can hang
//! forever.

use std::collections::HashMap;
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

mod conn;
mod request;
mod response;

pub use response::Response;

/// How long dropping a [`FakeWeb`] waits for its threads before leaving
/// the stragglers behind (they still stop at their next poll).
pub const JOIN_TIMEOUT: Duration = Duration::from_secs(2);

/// A running fake web. Cheap to start (one thread, one port); start one
/// per test. Stops its threads when dropped.
pub struct FakeWeb {
    addr: SocketAddr,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

/// One request as the server saw it, logged once it was answered (or the
/// connection broke), listed by [`FakeWeb::log`] in arrival order.
#[derive(Clone, Debug)]
pub struct Hit {
    /// Arrival number, from 0, across all connections.
    pub seq: u64,
    /// Which TCP connection carried it, from 1 in accept order.
    pub connection: u64,
    /// `GET`, `HEAD`, or whatever the client sent (answered 405).
    pub method: String,
    /// Host name from the `Host` header, port stripped, lower-case.
    pub host: String,
    /// Path with query, as sent.
    pub path: String,
    /// When the request head had been read.
    pub start: Instant,
    /// When the answer was written (or writing failed). The hit is logged
    /// just before the answer's very last byte is sent, so a client holding
    /// a whole answer always finds its hit in the log.
    pub end: Instant,
    /// Status sent; 304 when validators matched; 0 when no answer was sent
    /// ([`Response::hang_up`], or the server stopped during a delay).
    pub status: u16,
    /// The `If-None-Match` header, if any.
    pub if_none_match: Option<String>,
    /// The `If-Modified-Since` header, if any.
    pub if_modified_since: Option<String>,
    /// The `User-Agent` header, if any.
    pub user_agent: Option<String>,
    /// Every request header, names lower-case, in order.
    pub headers: Vec<(String, String)>,
}

impl Hit {
    /// The first request header named `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// From reading the request head to the answer's last byte.
    pub fn duration(&self) -> Duration {
        self.end.saturating_duration_since(self.start)
    }
}

/// What the acceptor, the connection threads and the test's handle share.
#[derive(Default)]
struct Shared {
    routes: Mutex<HashMap<(String, String), Route>>,
    log: Mutex<Vec<Hit>>,
    stop: AtomicBool,
    connections: AtomicU64,
    requests: AtomicU64,
    /// Clones of the open connections, shut down on drop to wake their threads.
    open: Mutex<HashMap<u64, TcpStream>>,
    workers: Mutex<Vec<JoinHandle<()>>>,
}

/// The answers of one `(host, path)`: the k-th request gets the k-th, the
/// last one repeats.
struct Route {
    responses: Vec<Response>,
    served: usize,
}

impl Shared {
    fn stopping(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    /// The next answer for `host` and `path`, advancing its sequence.
    fn next_response(&self, host: &str, path: &str) -> Option<Response> {
        let mut routes = lock(&self.routes);
        let route = routes.get_mut(&(host.to_string(), path.to_string()))?;
        let index = route.served.min(route.responses.len() - 1);
        route.served += 1;
        Some(route.responses[index].clone())
    }

    fn record(&self, hit: Hit) {
        lock(&self.log).push(hit);
    }
}

impl FakeWeb {
    /// Binds `127.0.0.1:0` and starts accepting. Panics if no loopback port
    /// can be bound: nothing else could be tested then.
    pub fn start() -> FakeWeb {
        let listener = TcpListener::bind("127.0.0.1:0").expect("fake web binds a loopback port");
        let addr = listener.local_addr().expect("fake web knows its port");
        let shared = Arc::new(Shared::default());
        let acceptor = {
            let shared = Arc::clone(&shared);
            thread::Builder::new()
                .name("fake-web-accept".into())
                .spawn(move || accept_loop(&listener, &shared))
                .expect("fake web starts its acceptor thread")
        };
        FakeWeb {
            addr,
            shared,
            acceptor: Some(acceptor),
        }
    }

    /// The port every virtual host shares.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// `http://{host}:{port}{path}`; `path` starts with `/`.
    pub fn url(&self, host: &str, path: &str) -> String {
        format!("http://{host}:{}{path}", self.port())
    }

    /// `{host}:{port}:127.0.0.1`, curl's `--resolve` form.
    pub fn resolve(&self, host: &str) -> String {
        format!("{host}:{}:127.0.0.1", self.port())
    }

    /// Serves `response` at `host` + `path` (path with query, exact match),
    /// replacing what was there and restarting its sequence.
    pub fn set(&self, host: &str, path: &str, response: Response) {
        self.set_sequence(host, path, vec![response]);
    }

    /// The k-th request to `host` + `path` gets `responses[k]`; once they
    /// run out, the last one repeats. Panics on an empty list.
    pub fn set_sequence(&self, host: &str, path: &str, responses: Vec<Response>) {
        assert!(
            !responses.is_empty(),
            "set_sequence({host}, {path}) needs at least one response"
        );
        lock(&self.shared.routes).insert(
            (host.to_ascii_lowercase(), path.to_string()),
            Route {
                responses,
                served: 0,
            },
        );
    }

    /// Stops serving `host` + `path`: it answers 404 from now on.
    pub fn remove(&self, host: &str, path: &str) {
        lock(&self.shared.routes).remove(&(host.to_ascii_lowercase(), path.to_string()));
    }

    /// Every answered request so far, in arrival order. A request still
    /// being answered (a delay, a drip) shows up once it is done.
    pub fn log(&self) -> Vec<Hit> {
        let mut hits = lock(&self.shared.log).clone();
        hits.sort_by_key(|hit| hit.seq);
        hits
    }

    /// The logged requests to `host` + `path`.
    pub fn count(&self, host: &str, path: &str) -> usize {
        let host = host.to_ascii_lowercase();
        lock(&self.shared.log)
            .iter()
            .filter(|hit| hit.host == host && hit.path == path)
            .count()
    }

    /// Forgets the log (routes and their sequences stay).
    pub fn clear_log(&self) {
        lock(&self.shared.log).clear();
    }
}

impl Drop for FakeWeb {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        for stream in lock(&self.shared.open).values() {
            let _ = stream.shutdown(Shutdown::Both);
        }
        // The acceptor blocks in accept(): one last connection wakes it.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(500));
        let deadline = Instant::now() + JOIN_TIMEOUT;
        join_until(self.acceptor.take().into_iter().collect(), deadline);
        let workers = std::mem::take(&mut *lock(&self.shared.workers));
        join_until(workers, deadline);
    }
}

/// Accepts until the stop flag is up, one thread per connection.
fn accept_loop(listener: &TcpListener, shared: &Arc<Shared>) {
    for stream in listener.incoming() {
        if shared.stopping() {
            return;
        }
        let Ok(stream) = stream else {
            // Out of descriptors or similar: let it pass rather than spin.
            thread::sleep(Duration::from_millis(10));
            continue;
        };
        let id = shared.connections.fetch_add(1, Ordering::SeqCst) + 1;
        if let Ok(clone) = stream.try_clone() {
            lock(&shared.open).insert(id, clone);
        }
        let worker = {
            let shared = Arc::clone(shared);
            thread::Builder::new()
                .name(format!("fake-web-conn-{id}"))
                .spawn(move || {
                    conn::serve(stream, id, &shared);
                    lock(&shared.open).remove(&id);
                })
        };
        match worker {
            Ok(handle) => {
                let mut workers = lock(&shared.workers);
                workers.retain(|handle| !handle.is_finished());
                workers.push(handle);
            }
            Err(_) => {
                lock(&shared.open).remove(&id);
            }
        }
    }
}

/// Joins the threads that finish before `deadline`; leaves the rest.
fn join_until(handles: Vec<JoinHandle<()>>, deadline: Instant) {
    while Instant::now() < deadline && handles.iter().any(|h| !h.is_finished()) {
        thread::sleep(Duration::from_millis(5));
    }
    for handle in handles {
        if handle.is_finished() {
            // A panic in a server thread already printed its message, and
            // panicking again inside a drop could abort the test binary.
            let _ = handle.join();
        }
    }
}

/// Locks, shrugging off poisoning: one failed test thread must not turn
/// every later request into a second panic.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}
