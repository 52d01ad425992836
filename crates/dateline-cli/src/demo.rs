//! `dateline demo`: ingest example pages into a fresh store and serve it.

use std::path::PathBuf;

use anyhow::Context;

use crate::cli::{DemoArgs, IngestArgs, StoreArg, StoringArgs};
use crate::common::exit;

/// The example pages of `examples/pages`, compiled in so that the demo
/// works wherever the binary is.
const BUNDLED_PAGES: &[(&str, &[u8])] = &[
    (
        "cnn-asian-markets-2019-11-18.html.gz",
        include_bytes!("../../../examples/pages/cnn-asian-markets-2019-11-18.html.gz"),
    ),
    (
        "jpost-raqqa-2019-12-09.txt",
        include_bytes!("../../../examples/pages/jpost-raqqa-2019-12-09.txt"),
    ),
    (
        "jpost-weizsacker-2019-11-20.html.gz",
        include_bytes!("../../../examples/pages/jpost-weizsacker-2019-11-20.html.gz"),
    ),
    (
        "wsj-google-stadia-2019-11-19.html.gz",
        include_bytes!("../../../examples/pages/wsj-google-stadia-2019-11-19.html.gz"),
    ),
];

/// Runs the command; returns the exit code.
pub fn run(args: DemoArgs) -> anyhow::Result<u8> {
    // Both removed when the server stops (when they are ours).
    let scratch = tempfile::Builder::new()
        .prefix("dateline-demo-")
        .tempdir()
        .context("creating a temporary directory")?;
    let paths = if args.paths.is_empty() {
        let pages = scratch.path().join("pages");
        std::fs::create_dir(&pages)?;
        for (name, bytes) in BUNDLED_PAGES {
            std::fs::write(pages.join(name), bytes)
                .with_context(|| format!("writing {}", pages.join(name).display()))?;
        }
        vec![pages]
    } else {
        args.paths
    };
    let store: PathBuf = args.store.unwrap_or_else(|| scratch.path().join("store"));
    let code = crate::ingest::run(IngestArgs {
        paths,
        store: StoreArg {
            store: store.clone(),
        },
        input: None,
        no_site_profiles: false,
        keep_non_articles: false,
        storing: StoringArgs::default(),
    })?;
    if code == exit::FATAL {
        return Ok(code);
    }
    crate::serve::serve(&store, &args.addr)
}
