//! `dateline`: news pages in, structured articles out.

mod annotate;
mod cli;
mod common;
mod crawl;
mod demo;
mod enrich;
mod export;
mod extract;
mod ingest;
mod output;
mod reindex;
mod search;
mod serve;
mod show;
mod sources;
mod stats;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc: glibc's allocator fragments under ingest's many threads (its
/// resident memory crept by a third over a long run); mimalloc stays flat
/// and is faster on small allocations.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let result = match cli.command {
        cli::Command::Extract(args) => extract::run(args),
        cli::Command::Annotate(args) => annotate::run(args),
        cli::Command::Ingest(args) => ingest::run(args),
        cli::Command::Crawl(args) => crawl::crawl(args),
        cli::Command::Watch(args) => crawl::watch(args),
        cli::Command::Fetch(args) => crawl::fetch(args),
        cli::Command::Sources(args) => sources::run(args),
        cli::Command::Search(args) => search::run(args),
        cli::Command::Show(args) => show::run(args),
        cli::Command::Stats(args) => stats::run(args),
        cli::Command::Export(args) => export::run(args),
        cli::Command::Enrich(args) => enrich::run(args),
        cli::Command::Reindex(args) => reindex::run(args),
        cli::Command::Compact(args) => reindex::compact(args),
        cli::Command::Serve(args) => serve::run(args),
        cli::Command::Demo(args) => demo::run(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) if is_broken_pipe(&err) => ExitCode::from(common::exit::OK),
        Err(err) => {
            eprintln!("dateline: error: {err:#}");
            ExitCode::from(common::exit::FATAL)
        }
    }
}

/// A closed stdout (`dateline extract ... | head`) ends the run quietly.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
