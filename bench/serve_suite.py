"""The `serve` suite of bench/run: HTTP load on `dateline serve`.

Serves the store the `store` suite built and compacted
(bench/results/tmp/store/store-warc,
run `bench/run --suite store` first) with the release binary on loopback,
and drives it with wrk (Debian's package; bench/run installs it) from a
second process on the same two cores:

- `search`: `GET /api/search?q=...` cycling through the corpus's 200
  varied queries (words, phrases, filters, date ranges) and three pages of
  each, so that 600 distinct requests rotate; no answer is cached anywhere.
- `search+facets`: the request the UI makes for a first page, with facet
  counts and a monthly histogram over all matches.
- `article`: `GET /api/articles/{id}` over ids spread across the store.

Each run: 5 s warm-up, then 30 s measured; wrk's latency percentiles,
requests/s, and every error (socket errors and non-2xx answers).
"""
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
BIN = os.path.join(ROOT, "target", "release")
CONNECTIONS = 32
THREADS = 1
SECONDS = 30

LUA = r"""
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %%d, "seconds": %%.3f, "p50_ms": %%.3f, "p90_ms": %%.3f, "p99_ms": %%.3f, ' ..
    '"max_ms": %%.3f, "errors": {"connect": %%d, "read": %%d, "write": %%d, "status": %%d, "timeout": %%d}}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(90) / 1e3,
    latency:percentile(99) / 1e3, latency.max / 1e3, e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True, file=sys.stderr)


def search_paths(queries, extra=""):
    paths = []
    for page in range(3):
        for q in queries:
            params = {k: v for k, v in q.items() if k != "kind"}
            params["limit"] = 10
            params["offset"] = page * 10
            paths.append("/api/search?" + urllib.parse.urlencode(params) + extra)
    return paths


def start_server(store):
    proc = subprocess.Popen([os.path.join(BIN, "dateline"), "serve", "--store", store, "--addr", "127.0.0.1:0"],
                            stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    match = re.search(r"http://([\d.]+:\d+)/", line)
    if not match:
        proc.kill()
        sys.exit(f"error: dateline serve did not start: {line}{proc.stderr.read()}")
    base = f"http://{match.group(1)}"
    urllib.request.urlopen(base + "/api/stats", timeout=30).read()
    return proc, base


def anon_rss_mb(pid):
    """Resident memory of the server's own (anonymous) pages: VmRSS also
    counts the index files mapped into memory, which the OS shares and
    drops at will."""
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("RssAnon:"):
            return int(line.split()[1]) / 1024
    return 0.0


def article_ids(store, n):
    """`n` article ids spread over the store (ids have gaps: an exact copy
    adds no article)."""
    db = sqlite3.connect(f"file:{os.path.join(store, 'dateline.sqlite')}?mode=ro", uri=True)
    ids = [row[0] for row in db.execute("SELECT id FROM articles ORDER BY id")]
    db.close()
    step = max(len(ids) // n, 1)
    return ids[::step][:n]


def wrk(base, paths, work, label):
    script = os.path.join(work, f"{label}.lua")
    with open(script, "w") as f:
        f.write(LUA % ", ".join(json.dumps(p) for p in paths))
    base_cmd = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", "--latency", "-s", script]
    subprocess.run(base_cmd + ["-d5s", base], check=True, capture_output=True)
    out = subprocess.run(base_cmd + [f"-d{SECONDS}s", base], check=True, capture_output=True, text=True).stdout
    result = json.loads(next(line[len("RESULT "):] for line in out.splitlines() if line.startswith("RESULT ")))
    result["requests_per_second"] = round(result["requests"] / result["seconds"], 1)
    result["distinct_requests"] = len(set(paths))
    result["errors_total"] = sum(result["errors"].values())
    return result


def run(work):
    store = os.path.join(work, "store-warc")
    queries_file = next((os.path.join(work, d, "queries.jsonl") for d in sorted(os.listdir(work))
                         if d.startswith("corpus-") and os.path.exists(os.path.join(work, d, "queries.jsonl"))),
                        None) if os.path.isdir(work) else None
    if not os.path.isdir(store) or not queries_file:
        sys.exit(f"error: the serve suite needs the store suite's store in {store}; run bench/run --suite store first")
    if not shutil.which("wrk"):
        sys.exit("error: wrk not found (bench/run installs Debian's wrk)")
    queries = [json.loads(line) for line in open(queries_file)]
    proc, base = start_server(store)
    try:
        stats = json.loads(urllib.request.urlopen(base + "/api/stats", timeout=30).read())
        articles = stats["articles"]
        result = {"store_articles": articles, "stories": stats["clusters"], "connections": CONNECTIONS,
                  "wrk_threads": THREADS, "seconds": SECONDS}
        runs = {
            "search": search_paths(queries),
            "search+facets": search_paths(queries, "&facets=true&histogram=month"),
            "article": [f"/api/articles/{i}" for i in article_ids(store, 600)],
        }
        for label, paths in runs.items():
            log(f"wrk: {label} ({len(paths)} distinct requests, {CONNECTIONS} connections, {SECONDS} s)")
            result[label] = wrk(base, paths, work, label)
            result[label]["server_anon_rss_mb"] = round(anon_rss_mb(proc.pid), 1)
        return result
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def markdown(s):
    lines = ["### HTTP load on `dateline serve` (serve suite)", "",
             f"wrk on loopback ({s['wrk_threads']} thread, {s['connections']} connections, {s['seconds']} s after "
             f"5 s of warm-up) against the store suite's store ({s['store_articles']:,} articles, "
             f"{s['stories']:,} stories); wrk and the server share the two cores.", "",
             "| requests | distinct | requests/s | p50 ms | p90 ms | p99 ms | max ms | errors | server anon RSS MB |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for label in ("search", "search+facets", "article"):
        r = s.get(label)
        if not r:
            continue
        lines.append(f"| {label} | {r['distinct_requests']} | **{r['requests_per_second']:,.0f}** | {r['p50_ms']:.2f} | "
                     f"{r['p90_ms']:.2f} | **{r['p99_ms']:.2f}** | {r['max_ms']:.1f} | **{r['errors_total']}** | "
                     f"{r.get('server_anon_rss_mb', 0):,.0f} |")
    lines.append("")
    return "\n".join(lines)
