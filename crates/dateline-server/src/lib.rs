//! `dateline serve`: a JSON API and a web UI over a Dateline store, in one
//! binary that works offline.
//!
//! - [`router`] builds the axum application: the API under `/api/`, the
//!   OpenAPI document at `/openapi.json`, and the UI (`/`, `/article/{id}`,
//!   `/assets/{name}`), whose files are compiled into the binary.
//! - [`serve`] runs it on a listener until a shutdown signal.
//!
//! The store is opened read-only, so a server can run while `dateline
//! ingest` adds to the same store: searches see new articles within
//! [`REFRESH_INTERVAL`].
//!
//! # Limits
//!
//! Article fields come from untrusted pages and requests from anyone who can
//! reach the address, so: request bodies over [`MAX_BODY_BYTES`] get 413,
//! URIs over [`MAX_URI_BYTES`] 414, query text over [`MAX_QUERY_CHARS`] 400;
//! pages are capped at [`MAX_LIMIT`] hits and [`MAX_OFFSET`] deep; requests
//! time out after [`REQUEST_TIMEOUT`]; every response carries a strict
//! Content-Security-Policy (no inline script, no foreign origin).

mod api;
mod assets;
mod error;
mod pool;

use std::future::Future;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, MethodRouter};
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

pub use error::ServeError;
pub use pool::StorePool;

/// The OpenAPI 3.1 document of the API, as served at `/openapi.json`.
pub const OPENAPI: &str = include_str!("openapi.json");

/// Largest request body accepted (the API takes none; this only bounds
/// what a client can make the server read).
pub const MAX_BODY_BYTES: usize = 16 * 1024;
/// Longest request URI accepted, path and query string together.
pub const MAX_URI_BYTES: usize = 8 * 1024;
/// Longest query text (`q`) accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// Most hits one page may ask for.
pub const MAX_LIMIT: usize = 100;
/// Deepest page start accepted: collecting the top `offset + limit` hits
/// costs time and memory in proportion.
pub const MAX_OFFSET: usize = 10_000;
/// Hits per page when the request does not say.
pub const DEFAULT_LIMIT: usize = 20;
/// How long one request may take before it is answered with 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
/// How often a store handle looks for new index commits.
pub const REFRESH_INTERVAL: Duration = Duration::from_secs(2);

/// The Content-Security-Policy of every response: the UI's own script and
/// style only, images from anywhere over http(s) (article pictures), no
/// plugins, no framing, forms and base URLs pinned to this origin.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
    style-src 'self'; img-src 'self' https: http: data:; connect-src 'self'; \
    font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; \
    frame-ancestors 'none'";

/// The application: API, OpenAPI document and UI over the stores in `pool`.
pub fn router(pool: Arc<StorePool>) -> Router {
    let security = [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ];
    let mut app = Router::new();
    for (path, route) in api_routes() {
        app = app.route(path, route);
    }
    let mut app = app
        .route("/", get(assets::index))
        .route("/article/{id}", get(assets::index))
        .route("/place/{id}", get(assets::index))
        .route("/assets/{name}", get(assets::asset))
        .fallback(api::not_found)
        .with_state(pool)
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(middleware::from_fn(limit_uri));
    for (name, value) in security {
        app = app.layer(SetResponseHeaderLayer::overriding(
            name,
            HeaderValue::from_static(value),
        ));
    }
    app
}

/// The API's routes: exactly the paths the OpenAPI document describes (a
/// test holds the two together).
fn api_routes() -> [(&'static str, MethodRouter<Arc<StorePool>>); 7] {
    [
        ("/api/search", get(api::search)),
        ("/api/events", get(api::events)),
        ("/api/histogram", get(api::histogram)),
        ("/api/articles/{id}", get(api::article)),
        ("/api/places/{id}", get(api::place)),
        ("/api/stats", get(api::stats)),
        ("/openapi.json", get(api::openapi)),
    ]
}

/// The paths of the API routes (not the UI's), as the OpenAPI document
/// spells them.
pub fn api_paths() -> impl Iterator<Item = &'static str> {
    api_routes().into_iter().map(|(path, _)| path)
}

/// Answers 414 to URIs longer than [`MAX_URI_BYTES`] before any routing.
async fn limit_uri(request: Request<axum::body::Body>, next: Next) -> Response {
    let length = request
        .uri()
        .path_and_query()
        .map_or(0, |pq| pq.as_str().len());
    if length > MAX_URI_BYTES {
        return error::ApiError::new(
            StatusCode::URI_TOO_LONG,
            format!("the request URI is longer than {MAX_URI_BYTES} bytes"),
        )
        .into_response();
    }
    next.run(request).await
}

/// A server bound to its address, ready to [`Server::run`]: what `dateline
/// serve` does, for callers without an async runtime of their own.
pub struct Server {
    runtime: tokio::runtime::Runtime,
    listener: tokio::net::TcpListener,
    pool: Arc<StorePool>,
}

impl Server {
    /// Opens the store in `dir` (read-only) and binds `addr`
    /// (`127.0.0.1:8080`; port 0 picks a free one).
    pub fn bind(dir: &Path, addr: &str) -> Result<Self, ServeError> {
        let pool = Arc::new(StorePool::open(dir)?);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(|source| ServeError::Serve {
                dir: dir.to_path_buf(),
                source,
            })?;
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind(addr))
            .map_err(|source| ServeError::Bind {
                addr: addr.to_owned(),
                source,
            })?;
        Ok(Self {
            runtime,
            listener,
            pool,
        })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> std::net::SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound TCP listener has an address")
    }

    /// Serves until Ctrl-C or SIGTERM, then finishes the requests in flight.
    pub fn run(self) -> Result<(), ServeError> {
        let dir = self.pool.dir().to_path_buf();
        self.runtime
            .block_on(serve(self.listener, self.pool, shutdown_signal()))
            .map_err(|source| ServeError::Serve { dir, source })
    }
}

/// Completes on Ctrl-C or, on Unix, SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        // If no handler can be installed, only SIGTERM (or a kill) stops us.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

/// Serves `router(pool)` on `listener` until `shutdown` completes, then lets
/// requests in flight finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    pool: Arc<StorePool>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(pool))
        .with_graceful_shutdown(shutdown)
        .await
}
