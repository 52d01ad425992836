"""The `python` suite: Dateline's Python package in one process against the
Python extractors people replace with it, and on Spark.

    run(data, core) -> results      (from bench/run.py, in bench/.venv)

1. In-process speed on one core (`taskset`): the 181 scrapinghub pages
   decompressed and decoded into memory first, then whole rounds over them
   for at least 3 s per trial, best of 3 trials interleaved across tools
   (a process per trial, one warm-up round first):
   `dateline.extract(page, url=url)`, `trafilatura.extract(page, url=url,
   include_comments=False, include_tables=True)` and resiliparse's
   `extract_plain_text(HTMLTree.parse(page), main_content=True)`; the body
   F1 of each beside it (`bench/score.py`).
2. `dateline.extract_many` on 1 and 2 threads (the pages 4 times over).
3. The PySpark example (`crates/dateline-py/examples/spark_extract.py`) at
   `local[1]` and `local[2]` over a WARC of `DOCS` synthetic records
   (`dateline-corpus`), against `dateline extract -j 1` on the same WARC.
"""
import gzip
import json
import os
import shutil
import subprocess
import sys
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
sys.path.insert(0, BENCH)
import score  # noqa: E402

MIN_SECONDS = 3.0
TRIALS = 3
DOCS = 12000
TOOLS = ["dateline", "trafilatura", "resiliparse"]
# Where bench/run's `cargo build --release` put the binaries.
RELEASE = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release")


def load(data):
    base = os.path.join(data, "scrapinghub")
    truth = json.load(open(os.path.join(base, "ground-truth.json")))
    pages = []
    for name in sorted(os.listdir(os.path.join(base, "html"))):
        key = name.split(".")[0]
        raw = gzip.decompress(open(os.path.join(base, "html", name), "rb").read())
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        pages.append((key, truth[key]["url"], raw, text))
    return truth, pages


def extractor(tool):
    """tool -> f(raw bytes, text, url) -> body text."""
    if tool == "dateline":
        import dateline
        return lambda raw, text, url: dateline.extract(raw, url=url)["text"]
    if tool == "trafilatura":
        import trafilatura
        return lambda raw, text, url: trafilatura.extract(
            text, url=url, include_comments=False, include_tables=True) or ""
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree
    return lambda raw, text, url: extract_plain_text(HTMLTree.parse(text), main_content=True)


def worker(data, tool, mode):
    """One tool in this process, as JSON on stdout: its F1 (`mode` "f1"),
    or one speed trial ("speed": whole rounds for at least MIN_SECONDS,
    after one warm-up round)."""
    truth, pages = load(data)
    f = extractor(tool)
    if mode == "f1":
        preds = {key: f(raw, text, url) for key, url, raw, text in pages}
        scores = score.score_pages({k: (truth[k]["articleBody"], preds[k]) for k in preds})
        print(json.dumps({k: round(scores[k], 4) for k in ("f1", "precision", "recall")}))
        return
    for key, url, raw, text in pages:
        f(raw, text, url)
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < MIN_SECONDS:
        for key, url, raw, text in pages:
            f(raw, text, url)
        n += len(pages)
    print(json.dumps({"pages_per_sec": n / (time.perf_counter() - t0)}))


def many_worker(data):
    """extract_many on 1 and 2 threads, best of 3 each."""
    import dateline
    _, pages = load(data)
    raws = [raw for _, _, raw, _ in pages] * 4
    urls = [url for _, url, _, _ in pages] * 4
    out = {}
    for threads in (1, 2, 1, 2, 1, 2):
        t0 = time.perf_counter()
        dateline.extract_many(raws, urls, threads=threads)
        rate = len(raws) / (time.perf_counter() - t0)
        out[threads] = max(out.get(threads, 0), rate)
    print(json.dumps({"threads_1": round(out[1], 1), "threads_2": round(out[2], 1),
                      "speedup": round(out[2] / out[1], 2)}))


def run_json(cmd, core=None, env=None, timeout=1800):
    if core is not None and shutil.which("taskset"):
        cmd = ["taskset", "-c", str(core), *cmd]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"{cmd}: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def spark(data, tmp):
    """The Spark example at local[1] and local[2] against the CLI on one core."""
    corpus = os.path.join(tmp, "corpus")
    if not os.path.isdir(corpus):
        subprocess.run([os.path.join(RELEASE, "dateline-corpus"), "--data", data,
                        "--docs", str(DOCS), "--out", corpus, "--format", "warc", "--seed", "1"],
                       check=True, capture_output=True)
    warc = next(os.path.join(corpus, n) for n in sorted(os.listdir(corpus)) if n.endswith(".warc.gz"))
    env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1", PYSPARK_PYTHON=sys.executable)
    import dateline
    records = sum(1 for _ in dateline.read_records(warc))
    result = {"records": records}
    cli = os.path.join(RELEASE, "dateline")
    if os.path.exists(cli):
        t0 = time.perf_counter()
        out = subprocess.run([cli, "extract", "-q", "-j", "1", warc],
                             capture_output=True, check=True).stdout
        result["cli_pages_per_sec"] = round(out.count(b"\n") / (time.perf_counter() - t0), 1)
    script = os.path.join(ROOT, "crates", "dateline-py", "examples", "spark_extract.py")
    # The corpus is one WARC: split it so that two workers have work.
    parts = split_warc(warc, os.path.join(tmp, "parts"), 8)
    for workers in (1, 2):
        target = os.path.join(tmp, f"spark-{workers}.parquet")
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, script, "--master", f"local[{workers}]",
                               "--partitions", str(len(parts)), "--warc", *parts, "--out", target],
                              check=True, capture_output=True, text=True, env=env)
        wall = time.perf_counter() - t0
        # The job itself (the example times its write), and the whole run
        # with the JVM's start beside it.
        job = json.loads(done.stdout.strip().splitlines()[-1])["job_seconds"]
        result[f"local_{workers}_seconds"] = round(job, 1)
        result[f"local_{workers}_wall_seconds"] = round(wall, 1)
        result[f"local_{workers}_pages_per_sec"] = round(records / job, 1)
    result["speedup"] = round(result["local_2_pages_per_sec"] / result["local_1_pages_per_sec"], 2)
    if "cli_pages_per_sec" in result:
        result["per_core_vs_cli"] = round(
            result["local_1_pages_per_sec"] / result["cli_pages_per_sec"], 2)
    return result


def split_warc(warc, folder, n):
    """The WARC's gzip members dealt round-robin into `n` WARC files."""
    import zlib
    os.makedirs(folder, exist_ok=True)
    outs = [open(os.path.join(folder, f"part-{i}.warc.gz"), "wb") for i in range(n)]
    data = memoryview(open(warc, "rb").read())
    pos, i = 0, 0
    while pos < len(data):
        # Fed in slices of the file (no copies), so that finding a member's
        # end costs the member, not the rest of the file.
        d, at = zlib.decompressobj(31), pos
        while not d.eof and at < len(data):
            d.decompress(data[at:at + 65536])
            at += 65536
        end = min(at, len(data)) - len(d.unused_data)
        outs[i % n].write(data[pos:end])
        pos, i = end, i + 1
    for f in outs:
        f.close()
    return [f.name for f in outs]


def run(data, core, tmp, spark_too=True):
    results = {"tools": {}}
    for tool in TOOLS:
        results["tools"][tool] = run_json([sys.executable, __file__, "worker", data, tool, "f1"])
        results["tools"][tool]["trials"] = []
    # Trials interleaved across tools, so that the machine's load (shared
    # cores) weighs on each alike; the best trial of each is its figure.
    for _ in range(TRIALS):
        for tool in TOOLS:
            trial = run_json([sys.executable, __file__, "worker", data, tool, "speed"], core=core)
            results["tools"][tool]["trials"].append(round(trial["pages_per_sec"], 1))
    base = results["tools"]
    for tool in TOOLS:
        base[tool]["pages_per_sec"] = max(base[tool]["trials"])
    for tool in TOOLS:
        base[tool]["dateline_ratio"] = round(base["dateline"]["pages_per_sec"] / base[tool]["pages_per_sec"], 1)
    results["extract_many"] = run_json([sys.executable, __file__, "many", data])
    if spark_too:
        results["spark"] = spark(data, tmp)
    return results


def markdown(r):
    lines = ["### Python package (`bench/run --suite python`)", "",
             "| in one Python process, one core | pages/s | dateline is | body F1 |",
             "|---|---:|---:|---:|"]
    for tool, t in r["tools"].items():
        ratio = "-" if tool == "dateline" else f"{t['dateline_ratio']}x faster"
        lines.append(f"| {tool} | {t['pages_per_sec']} | {ratio} | {t['f1']} |")
    m = r["extract_many"]
    lines += ["", f"`extract_many`: {m['threads_1']} pages/s on 1 thread, {m['threads_2']} on 2 "
                  f"({m['speedup']}x)."]
    if "spark" in r:
        s = r["spark"]
        lines += ["", f"PySpark example over a WARC of {s['records']} pages (job time, the JVM's "
                      f"start apart: {s['local_1_wall_seconds']} s and {s['local_2_wall_seconds']} s "
                      f"in all): local[1] {s['local_1_pages_per_sec']} pages/s, local[2] "
                      f"{s['local_2_pages_per_sec']} ({s['speedup']}x)."]
        if "cli_pages_per_sec" in s:
            lines[-1] += (f" `dateline extract -j 1` {s['cli_pages_per_sec']} pages/s: one Spark "
                          f"core does {s['per_core_vs_cli']} of it.")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    if sys.argv[1] == "worker":
        worker(sys.argv[2], sys.argv[3], sys.argv[4])
    elif sys.argv[1] == "many":
        many_worker(sys.argv[2])
