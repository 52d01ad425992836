"""The `store` suite of bench/run: corpus ingestion, dedup and search at scale.

1. Builds (or reuses) a synthetic corpus from the bench pages with
   `dateline-corpus`: distinct stories plus exact and near duplicates at
   known rates, as one WARC.gz and as a folder of .html.gz pages, with the
   truth and 200 search queries.
2. Ingests the WARC into a fresh store with the release `dateline ingest`,
   sampling the process's resident memory twice a second and reading its
   periodic progress lines, so throughput and memory are reported at
   checkpoints (50k / 100k / 200k records) of one run.
3. Scores duplicate grouping (`bench/dedup_score.py`) on `dateline export`.
4. Times the queries in process (`dateline-search-latency`), with and
   without facets, on the index as ingest left it; runs `dateline compact`
   (time, peak memory) and times them again; reports the store's size per
   1,000 articles.
5. Ingests the folder form into a second store (throughput and memory).

No peer does this whole job, so the figures are against the issue's
targets; the extraction suites compare against peers side by side.
"""
import json
import os
import re
import shutil
import subprocess
import threading
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
BIN = os.path.join(ROOT, "target", "release")
PROGRESS = re.compile(r"ingest: (\d+) records")


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True, file=__import__("sys").stderr)


def corpus(data, docs, work):
    """The corpus folder for `docs` documents, generated once and reused."""
    folder = os.path.join(work, f"corpus-{docs}")
    summary_path = os.path.join(folder, "summary.json")
    if os.path.exists(summary_path):
        log(f"reusing corpus {folder}")
        return folder, json.load(open(summary_path))
    shutil.rmtree(folder, ignore_errors=True)
    log(f"generating a corpus of {docs} documents in {folder}")
    out = subprocess.run(
        [os.path.join(BIN, "dateline-corpus"), "--data", data, "--docs", str(docs), "--out", folder,
         "--format", "both", "--seed", "1"],
        check=True, capture_output=True, text=True).stdout
    summary = json.loads(out.strip().splitlines()[-1])
    with open(summary_path, "w") as f:
        json.dump(summary, f)
    return folder, summary


def rss_mb(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def ingest(store, inputs, checkpoints):
    """Runs `dateline ingest`; returns its summary with memory and rate at checkpoints."""
    shutil.rmtree(store, ignore_errors=True)
    cmd = [os.path.join(BIN, "dateline"), "ingest", "--store", store, "--json", *inputs]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0.0]
    samples = []  # (seconds, records, peak RSS so far)
    done = threading.Event()

    def sample_memory():
        while not done.is_set():
            rss = rss_mb(proc.pid)
            if rss:
                peak[0] = max(peak[0], rss)
            time.sleep(0.5)

    def read_progress():
        for line in proc.stderr:
            match = PROGRESS.search(line)
            if match:
                samples.append((time.perf_counter() - started, int(match.group(1)), peak[0]))

    threads = [threading.Thread(target=sample_memory), threading.Thread(target=read_progress)]
    for t in threads:
        t.start()
    stdout = proc.stdout.read()
    code = proc.wait()
    seconds = time.perf_counter() - started
    done.set()
    for t in threads:
        t.join()
    summary = json.loads(stdout.strip().splitlines()[-1]) if stdout.strip() else {}
    samples.append((seconds, summary.get("read", 0), peak[0]))
    at = []
    for mark in checkpoints:
        reached = next((s for s in samples if s[1] >= mark), None)
        if reached:
            at.append({"records": reached[1], "seconds": round(reached[0], 1),
                       "records_per_second": round(reached[1] / reached[0], 1),
                       "peak_rss_mb": round(reached[2], 1)})
    return {"exit_code": code, "seconds": round(seconds, 1), "peak_rss_mb": round(peak[0], 1),
            "records_per_second": round(summary.get("read", 0) / seconds, 1), "checkpoints": at,
            "summary": {k: summary.get(k) for k in ("read", "stored", "duplicates", "exact_duplicates",
                                                      "near_duplicates", "not_articles", "failed", "skipped")}}


def measured(cmd):
    """Runs `cmd`; returns its seconds and peak resident memory."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, rss_mb(proc.pid) or 0.0)
        time.sleep(0.1)
    if proc.returncode != 0:
        raise SystemExit(f"error: {' '.join(cmd)} failed: {proc.stderr.read()}")
    return {"seconds": round(time.perf_counter() - started, 1), "peak_rss_mb": round(peak, 1)}


def search_latency(store, queries, suffix):
    """In-process latency of the queries, without and with facets."""
    latency = {}
    for label, extra in (("plain", []), ("facets", ["--facets"])):
        out = subprocess.run([os.path.join(BIN, "dateline-search-latency"), "--store", store, "--queries",
                              queries, "--rounds", "3", *extra],
                             check=True, capture_output=True, text=True).stdout
        latency[label + suffix] = json.loads(out.strip().splitlines()[-1])
    return latency


def du_bytes(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(path) for f in files)


def run(data, docs, work):
    os.makedirs(work, exist_ok=True)
    folder, generated = corpus(data, docs, work)
    checkpoints = [n for n in (50_000, 100_000, 200_000) if n <= docs] or [docs]
    result = {"docs": docs, "corpus": generated}

    store = os.path.join(work, "store-warc")
    log(f"ingesting {folder}/corpus.warc.gz")
    result["ingest_warc"] = ingest(store, [os.path.join(folder, "corpus.warc.gz")], checkpoints)

    log("scoring duplicate grouping")
    export = os.path.join(work, "export.jsonl")
    with open(export, "w") as out:
        subprocess.run([os.path.join(BIN, "dateline"), "export", "--store", store, "--format", "jsonl"],
                       check=True, stdout=out)
    result["dedup"] = json.loads(subprocess.run(
        ["python3", os.path.join(BENCH, "dedup_score.py"), os.path.join(folder, "truth.jsonl"), export],
        check=True, capture_output=True, text=True).stdout)
    os.remove(export)

    stats = json.loads(subprocess.run([os.path.join(BIN, "dateline"), "stats", "--store", store, "--json"],
                                      check=True, capture_output=True, text=True).stdout)
    size = du_bytes(store)
    result["store"] = {"articles": stats["articles"], "clusters": stats["clusters"],
                       "bytes": size, "bytes_per_1000_articles": round(size * 1000 / max(stats["articles"], 1))}

    queries = os.path.join(folder, "queries.jsonl")
    log(f"timing 200 queries on the index as ingest left it ({stats.get('index_segments')} segments)")
    result["search"] = search_latency(store, queries, "")
    result["search_segments"] = stats.get("index_segments")

    log("compacting the index (dateline compact)")
    result["compact"] = measured([os.path.join(BIN, "dateline"), "compact", "--store", store, "-q"])
    log("timing 200 queries on the compacted index")
    result["search"].update(search_latency(store, queries, " (compacted)"))

    log(f"ingesting the folder form {folder}/pages")
    result["ingest_dir"] = ingest(os.path.join(work, "store-dir"), [os.path.join(folder, "pages")], checkpoints)
    shutil.rmtree(os.path.join(work, "store-dir"), ignore_errors=True)
    return result


def fmt(v, digits=1):
    return "–" if v is None else (f"{v:,.{digits}f}" if isinstance(v, float) else f"{v:,}")


def markdown(s):
    c = s["corpus"]
    lines = ["### Corpus ingestion, dedup and search (store suite)", "",
             f"Synthetic corpus of {s['docs']:,} documents from the bench pages "
             f"({c.get('originals', 0):,} stories, {c.get('exact', 0):,} exact and {c.get('near', 0):,} near "
             f"duplicates, {c.get('skipped', 0):,} non-HTML records).", "",
             "| input | records/s | peak RSS MB | at checkpoints (records: records/s, peak RSS MB) |",
             "|---|---:|---:|---|"]
    for label, key in (("WARC.gz", "ingest_warc"), ("folder of .html.gz", "ingest_dir")):
        run = s.get(key)
        if not run:
            continue
        marks = "; ".join(f"{p['records']:,}: {fmt(p['records_per_second'], 0)}/s, {fmt(p['peak_rss_mb'], 0)} MB"
                          for p in run["checkpoints"])
        lines.append(f"| {label} | **{fmt(run['records_per_second'], 0)}** | **{fmt(run['peak_rss_mb'], 0)}** | {marks} |")
    d = s["dedup"]
    lines += ["", "| dedup | precision | recall | F1 | exact recall | near recall | missing |",
              "|---|---:|---:|---:|---:|---:|---:|",
              f"| pairwise | **{d['precision']:.4f}** | **{d['recall']:.4f}** | {d['f1']:.4f} | "
              f"{d['by_kind'].get('exact', {}).get('recall', 0):.4f} | "
              f"{d['by_kind'].get('near', {}).get('recall', 0):.4f} | {d['missing']} |"]
    lines += ["", "| search (200 queries × 3 rounds, in process) | p50 ms | p90 ms | p99 ms | max ms | mean hits |",
              "|---|---:|---:|---:|---:|---:|"]
    for label, q in s["search"].items():
        lines.append(f"| {label} | **{q['p50_ms']:.2f}** | {q['p90_ms']:.2f} | **{q['p99_ms']:.2f}** | "
                     f"{q['max_ms']:.2f} | {q['mean_total']:.0f} |")
    if s.get("compact"):
        lines += ["", f"Ingest leaves the index in {s.get('search_segments')} segments (tantivy's merge policy); "
                      f"`dateline compact` merged them into one in {s['compact']['seconds']:.1f} s, "
                      f"peak RSS {s['compact']['peak_rss_mb']:,.0f} MB (mostly the index's files, memory-mapped)."]
    st = s["store"]
    lines += ["", f"Store: {st['articles']:,} articles in {st['clusters']:,} stories, "
                  f"{st['bytes'] / 2**20:,.0f} MiB on disk, {st['bytes_per_1000_articles'] / 2**20:.1f} MiB "
                  f"per 1,000 articles (SQLite with article JSON, provenance, LSH bands; tantivy index with "
                  f"stored body text).", ""]
    return "\n".join(lines)
