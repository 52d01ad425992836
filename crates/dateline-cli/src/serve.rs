//! `dateline serve`: the web UI and the JSON API over a store.

use std::path::Path;

use anyhow::Context;

use crate::cli::{AddrArg, ServeArgs};
use crate::common::exit;

/// Runs the command; returns the exit code.
pub fn run(args: ServeArgs) -> anyhow::Result<u8> {
    serve(&args.store.store, &args.addr)
}

/// Serves the store in `dir` until Ctrl-C.
pub fn serve(dir: &Path, addr: &AddrArg) -> anyhow::Result<u8> {
    let server = dateline_server::Server::bind(dir, &addr.addr)
        .with_context(|| format!("serving {}", dir.display()))?;
    let bound = server.local_addr();
    if !bound.ip().is_loopback() {
        eprintln!(
            "dateline: warning: listening on {bound}, beyond this machine; \
             the server has no authentication"
        );
    }
    eprintln!(
        "dateline: serving {} at http://{bound}/ (API description at /openapi.json; Ctrl-C stops)",
        dir.display()
    );
    server.run()?;
    Ok(exit::OK)
}
