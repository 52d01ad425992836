//! One HTTP exchange, politely bounded: the client (one connection per
//! host, no automatic redirects, timeouts on connect and on the whole
//! answer), name resolution (`--resolve` overrides, and no private address
//! for hosts the user did not name), and a body read up to a size cap.

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::header::{HeaderMap, HeaderValue};
use url::Url;

/// Why an exchange gave no answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// No answer in time (connecting, or the whole answer).
    #[error("timed out")]
    Timeout,
    /// The host name does not resolve.
    #[error("cannot resolve the host: {0}")]
    Dns(String),
    /// The host resolves only to addresses the crawl may not reach.
    #[error("{0} resolves only to loopback, private or link-local addresses (allowed for given sources, or with --allow-private)")]
    PrivateAddress(String),
    /// No connection (refused, reset, TLS failure).
    #[error("cannot connect: {0}")]
    Connect(String),
    /// The body grew past the cap: it was cut off and dropped.
    #[error("answer larger than {0} bytes")]
    TooLarge(u64),
    /// The answer broke off.
    #[error("answer broken off: {0}")]
    Body(String),
}

impl FetchError {
    /// A short machine-friendly reason.
    pub fn reason(&self) -> &'static str {
        match self {
            Self::Timeout => "timeout",
            Self::Dns(_) => "dns",
            Self::PrivateAddress(_) => "private-address",
            Self::Connect(_) => "connect",
            Self::TooLarge(_) => "too-large",
            Self::Body(_) => "broken-answer",
        }
    }

    /// Whether trying again later may help.
    pub fn is_transient(&self) -> bool {
        matches!(self, Self::Timeout | Self::Connect(_) | Self::Body(_))
    }
}

/// How names resolve: overrides first (like curl's `--resolve`), then the
/// system; addresses that are not public are dropped for hosts not
/// trusted (the hosts of the sources a user gave), unless allowed.
#[derive(Debug, Default)]
pub struct Resolver {
    overrides: HashMap<String, Vec<IpAddr>>,
    trusted: RwLock<HashSet<String>>,
    allow_private: bool,
}

impl Resolver {
    /// A resolver with these overrides (host name, address).
    pub fn new(overrides: &[(String, IpAddr)], allow_private: bool) -> Self {
        let mut map: HashMap<String, Vec<IpAddr>> = HashMap::new();
        for (host, ip) in overrides {
            map.entry(host.to_ascii_lowercase()).or_default().push(*ip);
        }
        Self {
            overrides: map,
            trusted: RwLock::default(),
            allow_private,
        }
    }

    /// Trusts a host: it may resolve to any address (a source the user
    /// gave).
    pub fn trust(&self, host: &str) {
        self.trusted
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(host.to_ascii_lowercase());
    }

    fn may_reach(&self, host: &str, ip: IpAddr) -> bool {
        self.allow_private
            || is_public(ip)
            || self
                .trusted
                .read()
                .unwrap_or_else(|e| e.into_inner())
                .contains(host)
    }

    /// Checks a URL whose host is an IP address (no lookup happens for
    /// those): `Err` when it may not be reached.
    pub fn check_literal(&self, url: &Url) -> Result<(), FetchError> {
        let ip = match url.host() {
            Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip),
            Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip),
            _ => return Ok(()),
        };
        let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
        if self.may_reach(&host, ip) {
            Ok(())
        } else {
            Err(FetchError::PrivateAddress(host))
        }
    }
}

/// The error a refused lookup gives reqwest, found again in its chain.
#[derive(Debug)]
struct Refused(FetchError);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Refused {}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// `reqwest` resolves through this.
struct SharedResolver(Arc<Resolver>);

impl Resolve for SharedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let resolver = Arc::clone(&self.0);
        let host = name.as_str().to_ascii_lowercase();
        Box::pin(async move {
            let ips: Vec<IpAddr> = match resolver.overrides.get(&host) {
                Some(ips) => ips.clone(),
                None => tokio::net::lookup_host((host.as_str(), 0))
                    .await
                    .map_err(|err| Box::new(Refused(FetchError::Dns(err.to_string()))) as BoxError)?
                    .map(|addr| addr.ip())
                    .collect(),
            };
            let reachable: Vec<SocketAddr> = ips
                .into_iter()
                .filter(|ip| resolver.may_reach(&host, *ip))
                .map(|ip| SocketAddr::new(ip, 0))
                .collect();
            if reachable.is_empty() {
                return Err(Box::new(Refused(FetchError::PrivateAddress(host))) as BoxError);
            }
            Ok(Box::new(reachable.into_iter()) as Addrs)
        }) as Pin<Box<dyn Future<Output = _> + Send>>
    }
}

/// Whether an address is on the public internet: not loopback, private,
/// link-local, unspecified, shared (CGNAT) or broadcast.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || (a == 100 && (64..128).contains(&b)))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80)
        }
    }
}

/// Client settings.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// The `User-Agent`.
    pub user_agent: String,
    /// Time to connect.
    pub connect_timeout: Duration,
    /// Time for the whole answer, body included (a drip-fed answer ends
    /// here).
    pub timeout: Duration,
}

/// The HTTP client of a crawl.
#[derive(Clone)]
pub struct Client {
    inner: reqwest::Client,
    user_agent: String,
    resolver: Arc<Resolver>,
}

/// What to ask.
#[derive(Debug, Clone, Default)]
pub struct Ask {
    /// `If-None-Match`.
    pub etag: Option<String>,
    /// `If-Modified-Since`.
    pub last_modified: Option<String>,
    /// Largest body accepted, bytes (as sent, before content decoding).
    pub cap: u64,
}

/// An answer, as received.
#[derive(Debug, Clone)]
pub struct Exchange {
    /// The request line and headers sent, as an HTTP/1.1 message.
    pub request_head: Vec<u8>,
    /// The status.
    pub status: u16,
    /// The response headers.
    pub headers: HeaderMap,
    /// The status line and headers, as an HTTP/1.1 message (without
    /// `Transfer-Encoding`: the body is kept de-chunked).
    pub response_head: Vec<u8>,
    /// The body as sent (still content-encoded).
    pub body: Vec<u8>,
    /// The peer's address.
    pub ip: Option<IpAddr>,
    /// When the request went out.
    pub started: SystemTime,
}

impl Exchange {
    /// A response header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

impl Client {
    /// A client resolving through `resolver`.
    pub fn new(options: &ClientOptions, resolver: Arc<Resolver>) -> Result<Self, String> {
        let inner = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(options.connect_timeout)
            .timeout(options.timeout)
            // One connection per host: the scheduler never asks a host
            // twice at once, so a second one would only be idle.
            .pool_max_idle_per_host(1)
            .pool_idle_timeout(Duration::from_secs(30))
            .no_proxy()
            .dns_resolver(Arc::new(SharedResolver(Arc::clone(&resolver))))
            .build()
            .map_err(|err| err.to_string())?;
        Ok(Self {
            inner,
            user_agent: options.user_agent.clone(),
            resolver,
        })
    }

    /// GETs `url`: the answer, its body cut at `ask.cap` (an error).
    pub async fn get(&self, url: &Url, ask: &Ask) -> Result<Exchange, FetchError> {
        self.resolver.check_literal(url)?;
        let mut headers = HeaderMap::new();
        let mut set = |name: &'static str, value: &str| {
            if let Ok(value) = HeaderValue::from_str(value) {
                headers.insert(name, value);
            }
        };
        set("user-agent", &self.user_agent);
        set(
            "accept",
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        );
        set("accept-encoding", "gzip, deflate");
        if let Some(etag) = &ask.etag {
            set("if-none-match", etag);
        }
        if let Some(date) = &ask.last_modified {
            set("if-modified-since", date);
        }
        let request_head = request_head(url, &headers);
        let started = SystemTime::now();
        let mut response = self
            .inner
            .get(url.clone())
            .headers(headers)
            .send()
            .await
            .map_err(classify)?;
        let status = response.status().as_u16();
        let ip = response.remote_addr().map(|a| a.ip());
        let response_headers = response.headers().clone();
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(classify)? {
            if (body.len() + chunk.len()) as u64 > ask.cap {
                return Err(FetchError::TooLarge(ask.cap));
            }
            body.extend_from_slice(&chunk);
        }
        let response_head = response_head(status, &response_headers);
        Ok(Exchange {
            request_head,
            status,
            headers: response_headers,
            response_head,
            body,
            ip,
            started,
        })
    }
}

fn request_head(url: &Url, headers: &HeaderMap) -> Vec<u8> {
    let mut path = url.path().to_string();
    if let Some(query) = url.query() {
        path.push('?');
        path.push_str(query);
    }
    let host = match url.port() {
        Some(port) => format!("{}:{port}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_string(),
    };
    let mut head = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n");
    push_headers(&mut head, headers, &[]);
    head.into_bytes()
}

fn response_head(status: u16, headers: &HeaderMap) -> Vec<u8> {
    let reason = reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("");
    let mut head = format!("HTTP/1.1 {status} {reason}\r\n");
    // The body is kept de-chunked.
    push_headers(&mut head, headers, &["transfer-encoding"]);
    head.into_bytes()
}

/// Header lines and the blank line that ends a head, `except` left out.
fn push_headers(head: &mut String, headers: &HeaderMap, except: &[&str]) {
    for (name, value) in headers {
        if except.contains(&name.as_str()) {
            continue;
        }
        head.push_str(&format!(
            "{}: {}\r\n",
            name.as_str(),
            String::from_utf8_lossy(value.as_bytes())
        ));
    }
    head.push_str("\r\n");
}

/// Sorts a reqwest error into a reason.
fn classify(err: reqwest::Error) -> FetchError {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&err);
    while let Some(cause) = source {
        if let Some(Refused(reason)) = cause.downcast_ref::<Refused>() {
            return reason.clone();
        }
        source = cause.source();
    }
    if err.is_timeout() {
        FetchError::Timeout
    } else if err.is_connect() {
        FetchError::Connect(innermost(&err))
    } else {
        FetchError::Body(innermost(&err))
    }
}

fn innermost(err: &(dyn std::error::Error + 'static)) -> String {
    let mut last = err;
    while let Some(next) = last.source() {
        last = next;
    }
    last.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_addresses_only() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in ["93.184.216.34", "8.8.8.8", "2606:4700::1111"] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }

    #[test]
    fn literal_private_hosts_need_trust() {
        let resolver = Resolver::new(&[], false);
        let url = Url::parse("http://127.0.0.1:8080/x").unwrap();
        assert_eq!(
            resolver.check_literal(&url).unwrap_err().reason(),
            "private-address"
        );
        resolver.trust("127.0.0.1");
        assert!(resolver.check_literal(&url).is_ok());
        assert!(Resolver::new(&[], true).check_literal(&url).is_ok());
    }

    #[tokio::test]
    async fn overrides_resolve_and_untrusted_private_hosts_are_refused() {
        let loopback: IpAddr = "127.0.0.1".parse().unwrap();
        let resolver = Arc::new(Resolver::new(&[("news.test".into(), loopback)], false));
        let shared = SharedResolver(Arc::clone(&resolver));
        let refused = shared.resolve("news.test".parse().unwrap()).await;
        assert!(refused.is_err());
        resolver.trust("news.test");
        let addrs: Vec<SocketAddr> = shared
            .resolve("News.Test".parse().unwrap())
            .await
            .unwrap()
            .collect();
        assert_eq!(addrs, [SocketAddr::new(loopback, 0)]);
    }
}
