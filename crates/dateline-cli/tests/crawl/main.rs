//! The crawler's integration tests: `dateline crawl`, `watch` and `fetch`
//! run against a fake news web on loopback.
//!
//! - [`web`]: the fake web itself, an HTTP/1.1 server with many virtual
//!   hosts on one port, routes a test sets and changes while the crawler
//!   runs, misbehaviours on demand (delays, drips, lying validators,
//!   truncated answers), and a log of every request with its timing and
//!   connection, to check politeness.
//! - [`pages`]: deterministic content for it: news articles, front pages,
//!   RSS/Atom/JSON feeds, sitemaps, gzip.
//!
//! Test cases for the crawler are added here by the crawler's author, one
//! module per concern; `web_self_test` and `pages_self_test` check the
//! fake web and its pages, so that a failure here points at the crawler.

// Test support: each crawler test uses only a part of it.
#[allow(dead_code)]
mod pages;
#[allow(dead_code)]
mod web;

mod pages_self_test;
mod web_self_test;
