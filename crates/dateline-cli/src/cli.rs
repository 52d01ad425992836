//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Dateline: turns raw news pages into clean, structured articles.
#[derive(Debug, Parser)]
#[command(name = "dateline", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract articles from HTML pages or text dumps.
    ///
    /// Paths may be files (.html, .htm, .html.gz, .txt) or folders
    /// (searched recursively). No path, or `-`, reads standard input.
    /// Exit code 0: all inputs extracted; 1: some inputs failed;
    /// 2: usage or fatal error.
    Extract(ExtractArgs),
}

/// Arguments of `dateline extract`.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Files or folders to read; `-` or nothing for standard input.
    pub paths: Vec<PathBuf>,

    /// Input kind, overriding the file extension.
    #[arg(long, value_enum)]
    pub input: Option<InputArg>,

    /// The page's address, when known (one input only).
    #[arg(long)]
    pub url: Option<String>,

    /// The page's charset, overriding detection (e.g. from HTTP headers).
    #[arg(long)]
    pub charset: Option<String>,

    /// Output format. Default: json for one input, jsonl for several.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,

    /// Extract each text dump alone, without learning the boilerplate lines
    /// that dumps of one site share.
    #[arg(long)]
    pub no_site_profiles: bool,

    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,

    /// No progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// `--input` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputArg {
    /// HTML pages.
    Html,
    /// Plain-text dumps.
    Text,
}

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One pretty-printed JSON object per article.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// Title and body as plain text.
    Text,
    /// Title, metadata and body as Markdown.
    Markdown,
}
