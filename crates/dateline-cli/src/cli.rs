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
    /// Find the places in clean text: each input is taken as the text
    /// itself, unchanged.
    ///
    /// One JSON object per input: `source`, `places` (with offsets in
    /// Unicode characters of the input) and `focus`. Paths may be files
    /// (any name) or folders (every file, recursively, in name order);
    /// no path, or `-`, reads standard input.
    /// Exit code 0: all inputs read; 1: some could not be read.
    Annotate(AnnotateArgs),
    /// Ingest pages into a store: extract, deduplicate, store and index.
    ///
    /// Paths may be page files, folders (searched recursively), WARC and
    /// JSONL files (optionally gzipped). Ingesting the same input again adds
    /// nothing; an interrupted run can simply be run again.
    /// Exit code 0: all records ingested; 1: some records failed;
    /// 2: usage or fatal error (the store stays consistent).
    Ingest(IngestArgs),
    /// Crawl news sites, feeds and sitemaps politely into a store.
    ///
    /// A SOURCE is a site's home page, a feed (RSS, Atom, JSON Feed) or a
    /// sitemap (index, gzip, news sitemap); sources are remembered in the
    /// store, and without SOURCE every remembered one is crawled. Article
    /// URLs are found (feeds the home page announces, the sitemaps
    /// robots.txt names, or a bounded crawl of the site's links when it has
    /// neither), each fetched once, written to WARC under the store's
    /// `warc/` and ingested as files are. Run it again to fetch what is new.
    /// Exit code 0: done; 1: some requests failed; 2: fatal error.
    Crawl(CrawlArgs),
    /// Follow the store's sources until stopped (Ctrl-C): each is polled on
    /// its own schedule, sooner when most of what it lists is new, later
    /// when nothing changes; new stories are searchable within seconds.
    Watch(WatchArgs),
    /// Fetch pages by URL, politely, and ingest them (no discovery).
    Fetch(FetchArgs),
    /// The sources a store follows, its hosts and its URLs, with their
    /// state; `--remove` or `--reset` one.
    Sources(SourcesArgs),
    /// Search the store (BM25 over one copy of each story).
    ///
    /// Terms must all match; "quoted phrases", -excluded terms, OR, and
    /// filters site:, author:, tag:, title:, lang:, place:, country:,
    /// person:, org:, event: (ASSAULT, 19, 190, any), actor: and target:
    /// (TUR, SYRREB) are understood.
    Search(SearchArgs),
    /// Show one stored article with its provenance and duplicates.
    Show(ShowArgs),
    /// Counts: articles, stories, duplicates, by site, month and language.
    Stats(StatsArgs),
    /// Export every stored article as JSONL, CSV or Parquet.
    Export(ExportArgs),
    /// Enrich every stored article again (places, people, organisations,
    /// quantities), then rebuild the search index.
    ///
    /// For stores ingested with --no-enrich or by an older Dateline, or to
    /// apply another --country bias.
    Enrich(EnrichArgs),
    /// Rebuild the search index from the store's database.
    Reindex(ReindexArgs),
    /// Merge the search index into one segment: faster searches after a
    /// large ingest (a few seconds per 100,000 stories).
    Compact(ReindexArgs),
    /// Serve the web UI and the JSON API over a store.
    ///
    /// The store is opened read-only: `ingest` may add to it meanwhile.
    /// The API is described at /openapi.json. Stop with Ctrl-C.
    Serve(ServeArgs),
    /// Ingest example pages into a fresh store and serve them.
    ///
    /// Without paths, the example pages bundled in the binary; without
    /// --store, a temporary store removed when the server stops.
    Demo(DemoArgs),
}

/// How the crawling commands behave.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct PolitenessArgs {
    /// An e-mail address or URL for site operators, put in the User-Agent.
    #[arg(long, env = "DATELINE_CONTACT")]
    pub contact: Option<String>,

    /// Least seconds between two requests to one host (a host's
    /// Crawl-delay raises it, up to --max-delay).
    #[arg(long, value_name = "SECONDS", default_value_t = 1.0)]
    pub delay: f64,

    /// Most seconds a Crawl-delay may impose.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    pub max_delay: f64,

    /// Hosts asked at once (one request each).
    #[arg(long, default_value_t = 16)]
    pub concurrency: usize,

    /// Seconds for a whole answer (connecting: 10 s).
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    pub timeout: f64,

    /// Map a host name to an address, like curl's --resolve:
    /// HOST:PORT:ADDRESS (or HOST:ADDRESS). Repeatable.
    #[arg(long, value_name = "HOST:PORT:ADDRESS")]
    pub resolve: Vec<String>,

    /// Let URLs found in pages reach loopback, private and link-local
    /// addresses (the sources you give always may).
    #[arg(long)]
    pub allow_private: bool,

    /// Pages fetched per host in one run, at most (the rest wait for the
    /// next run).
    #[arg(long, value_name = "N")]
    pub max_pages: Option<u64>,
}

/// How the commands that store articles (`ingest`, `crawl`, `watch`,
/// `fetch`) run and report.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct StoringArgs {
    /// Store articles without enrichment (places, people, organisations,
    /// quantities): faster; `dateline enrich` can add it later.
    #[arg(long)]
    pub no_enrich: bool,

    #[command(flatten)]
    pub places: PlaceArgs,

    #[command(flatten)]
    pub run: RunArgs,

    /// The summary as JSON on standard output (also `--format json`).
    #[command(flatten)]
    pub output: ReportArgs,
}

/// Arguments of `dateline crawl`.
#[derive(Debug, clap::Args)]
pub struct CrawlArgs {
    /// Sites' home pages, feeds or sitemaps (none: every source of the
    /// store).
    pub sources: Vec<String>,

    #[command(flatten)]
    pub store: StoreArg,

    /// Only sitemap entries dated on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    #[command(flatten)]
    pub politeness: PolitenessArgs,

    #[command(flatten)]
    pub storing: StoringArgs,
}

/// Arguments of `dateline watch`.
#[derive(Debug, clap::Args)]
pub struct WatchArgs {
    /// Sources to add before watching (none: those the store follows).
    pub sources: Vec<String>,

    #[command(flatten)]
    pub store: StoreArg,

    /// Stop after this many seconds (default: run until Ctrl-C).
    #[arg(long = "for", value_name = "SECONDS")]
    pub run_for: Option<f64>,

    /// Shortest seconds between two polls of a source.
    #[arg(long, value_name = "SECONDS", default_value_t = 120.0)]
    pub min_interval: f64,

    /// Seconds before a source is first polled again.
    #[arg(long, value_name = "SECONDS", default_value_t = 900.0)]
    pub first_interval: f64,

    #[command(flatten)]
    pub politeness: PolitenessArgs,

    #[command(flatten)]
    pub storing: StoringArgs,
}

/// Arguments of `dateline fetch`.
#[derive(Debug, clap::Args)]
pub struct FetchArgs {
    /// Pages to fetch.
    #[arg(required = true)]
    pub urls: Vec<String>,

    #[command(flatten)]
    pub store: StoreArg,

    #[command(flatten)]
    pub politeness: PolitenessArgs,

    #[command(flatten)]
    pub storing: StoringArgs,
}

/// Arguments of `dateline sources`.
#[derive(Debug, clap::Args)]
pub struct SourcesArgs {
    #[command(flatten)]
    pub store: StoreArg,

    /// Stop following this source (what was found from it stays).
    #[arg(long, value_name = "URL", conflicts_with = "reset")]
    pub remove: Option<String>,

    /// Clear this source's failures and validators: polled in full next.
    #[arg(long, value_name = "URL")]
    pub reset: Option<String>,

    /// Sources, hosts and URL counts as JSON.
    #[command(flatten)]
    pub output: ReportArgs,
}

/// The store every store command works on.
#[derive(Debug, Clone, clap::Args)]
pub struct StoreArg {
    /// Store directory (created by `ingest` on first use).
    #[arg(long, env = "DATELINE_STORE", default_value = "dateline-data")]
    pub store: PathBuf,
}

/// Arguments of `dateline ingest`.
#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// Files or folders to ingest.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub store: StoreArg,

    /// Input kind for every page, overriding file extensions.
    #[arg(long, value_enum)]
    pub input: Option<InputArg>,

    /// Extract each text dump alone, without learning the boilerplate lines
    /// that dumps of one site share.
    #[arg(long)]
    pub no_site_profiles: bool,

    /// Also store pages judged not to be articles (section fronts, forums,
    /// products), with their page type: search finds them with `type:`
    /// (`type:forum`, `type:any`).
    #[arg(long)]
    pub keep_non_articles: bool,

    #[command(flatten)]
    pub storing: StoringArgs,
}

/// How a long-running command runs: its workers and its progress display.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct RunArgs {
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,

    /// No progress display.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// `--json` or `--format text|json`: what a command prints on standard
/// output for people or for programs.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ReportArgs {
    /// Print JSON on standard output (the same as `--format json`).
    #[arg(long, conflicts_with = "format")]
    pub json: bool,

    /// Output format: `text` for people (default), `json` for programs.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<ReportFormat>,
}

impl ReportArgs {
    /// Whether JSON was asked for.
    pub fn is_json(&self) -> bool {
        self.json || self.format == Some(ReportFormat::Json)
    }
}

/// `--format` values of the reporting commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Lines for people.
    Text,
    /// JSON for programs.
    Json,
}

/// Arguments of `dateline serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub store: StoreArg,

    #[command(flatten)]
    pub addr: AddrArg,
}

/// Where to listen.
#[derive(Debug, Clone, clap::Args)]
pub struct AddrArg {
    /// Address to listen on. The default answers this machine only; the
    /// server has no authentication, so expose it with care.
    #[arg(long, env = "DATELINE_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: String,
}

/// Arguments of `dateline demo`.
#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// Pages to ingest (default: the bundled examples).
    pub paths: Vec<PathBuf>,

    /// Store directory (default: a temporary one).
    #[arg(long)]
    pub store: Option<PathBuf>,

    #[command(flatten)]
    pub addr: AddrArg,
}

/// Arguments of `dateline search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// The query (several words are joined).
    #[arg(required = true)]
    pub query: Vec<String>,

    #[command(flatten)]
    pub store: StoreArg,

    /// Published on or after (2019, 2019-12 or 2019-12-09).
    #[arg(long)]
    pub from: Option<String>,

    /// Published on or before (2019, 2019-12 or 2019-12-09).
    #[arg(long)]
    pub to: Option<String>,

    /// Only articles in this language (ISO 639-1, e.g. `en`).
    #[arg(long)]
    pub lang: Option<String>,

    /// Hits to show.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,

    /// Hits to skip (paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,

    /// JSON prints `{total, hits}`, each hit as `/api/search` gives it.
    #[command(flatten)]
    pub output: ReportArgs,
}

/// Arguments of `dateline show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The article's id (from `search`).
    pub id: i64,

    #[command(flatten)]
    pub store: StoreArg,

    /// JSON is the article contract plus id, cluster, provenance and
    /// duplicates.
    #[command(flatten)]
    pub output: ReportArgs,
}

/// Arguments of `dateline stats`.
#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub store: StoreArg,

    /// JSON has `articles`, `clusters`, `duplicates`, and the breakdowns.
    #[command(flatten)]
    pub output: ReportArgs,

    /// Rows per breakdown in the text output.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
}

/// Arguments of `dateline export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub store: StoreArg,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "jsonl")]
    pub format: ExportFormatArg,

    /// Output file (default: standard output).
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,

    /// The index the `es-bulk` actions name.
    #[arg(long, default_value = dateline_export::DEFAULT_ES_INDEX)]
    pub index: String,

    /// With `es-bulk`: also write the index's settings and mapping of the
    /// article fields to this file (create the index with it first).
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
}

/// `export --format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormatArg {
    /// One JSON object per line: the article contract plus id, cluster and provenance.
    Jsonl,
    /// Flat columns, lists joined with "; ".
    Csv,
    /// Apache Parquet, for DuckDB, Spark or DataFusion.
    Parquet,
    /// Elasticsearch/OpenSearch `_bulk` NDJSON: an action line before each article.
    EsBulk,
}

/// Arguments of `dateline reindex` and `dateline compact`.
#[derive(Debug, clap::Args)]
pub struct ReindexArgs {
    #[command(flatten)]
    pub store: StoreArg,

    /// No progress display.
    #[arg(long, short = 'q')]
    pub quiet: bool,
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

    /// Add what the article's text names: `places`, `focus`, `entities`
    /// and `quantities` (offsets in characters of `text`), as `dateline
    /// annotate` gives them.
    #[arg(long)]
    pub enrich: bool,

    /// With --enrich: how places are resolved.
    #[command(flatten)]
    pub places: PlaceArgs,

    #[command(flatten)]
    pub run: RunArgs,
}

/// Arguments of `dateline annotate`.
#[derive(Debug, clap::Args)]
pub struct AnnotateArgs {
    /// Files or folders of text; `-` or nothing for standard input.
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub places: PlaceArgs,

    /// Output format. Default: json for one input, jsonl for several.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<JsonFormat>,

    #[command(flatten)]
    pub run: RunArgs,
}

/// How places are found and resolved.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct PlaceArgs {
    /// Prefer places in this country (ISO 3166-1 alpha-2, e.g. US) when a
    /// name is ambiguous: for local-news corpora.
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,

    /// Report only names as places, not demonyms ("Syrian").
    #[arg(long)]
    pub no_demonyms: bool,

    /// Code events (who did what to whom, in CAMEO and PLOVER): the
    /// default, kept for scripts written when it was not.
    #[arg(long, conflicts_with = "no_events")]
    pub events: bool,

    /// Do not code events (enrichment about 1 ms an article faster).
    #[arg(long)]
    pub no_events: bool,
}

/// Arguments of `dateline enrich`.
#[derive(Debug, clap::Args)]
pub struct EnrichArgs {
    #[command(flatten)]
    pub store: StoreArg,

    #[command(flatten)]
    pub places: PlaceArgs,

    #[command(flatten)]
    pub run: RunArgs,
}

/// JSON output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum JsonFormat {
    /// One pretty-printed JSON object per input.
    Json,
    /// One JSON object per line.
    Jsonl,
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
