"""Dateline benchmark orchestration (run through `bench/run`, which builds
the binaries and the venv first).

Runs the suites on the evaluation data (`--data`, default `../shared/bench`
from the repository root), scores every tool with `bench/score.py` and writes
`bench/results/latest.json` and `bench/results/latest.md`.
"""
import argparse
import collections
import datetime
import html.parser
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
import unicodedata

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
sys.path.insert(0, BENCH)
import score  # noqa: E402  (bench/score.py: the body metric)
import wcxb_score  # noqa: E402  (bench/wcxb_score.py: the WCXB word-level metric)
import store_suite  # noqa: E402  (bench/store_suite.py: ingest, dedup, search at scale)
import geo_suite  # noqa: E402  (bench/geo_suite.py: geoparsing against published peers)
import serve_suite  # noqa: E402  (bench/serve_suite.py: HTTP load with wrk on the store suite's store)
import events_suite  # noqa: E402  (bench/events_suite.py: event coding, CAMEO and PLOVER)
import python_suite  # noqa: E402  (bench/python_suite.py: the Python package in process and on Spark)
import crawl_suite  # noqa: E402  (bench/crawl_suite.py: the crawler against a loopback web)

SUITES = ["scrapinghub", "textdump", "readability", "dates", "wcxb", "speed", "geo", "events", "store", "serve",
          "python", "crawl"]
# `store` ingests a 200,000-document corpus (about 20 minutes), `serve` loads
# the server over that store with wrk, `python` runs the Python package
# against trafilatura and resiliparse and on PySpark, and `crawl` times the
# crawler against a loopback web (about 3 minutes): run them by name.
DEFAULT_SUITES = ["scrapinghub", "textdump", "readability", "dates", "wcxb", "speed", "geo"]
RESULTS = os.path.join(BENCH, "results")
TMP = os.path.join(RESULTS, "tmp")
VENV_PY = os.path.join(BENCH, ".venv", "bin", "python")
PEERS_RS = os.path.join(BENCH, "peers-rs", "target", "release")
DATELINE_BIN = os.path.join(ROOT, "target", "release")

# Tools in report order. kind: how to run; slow: skipped by --quick.
TOOLS = {
    "dateline": {"kind": "dateline", "slow": False},
    "trafilatura": {"kind": "py", "slow": True},
    "trafilatura-metadata": {"kind": "py", "slow": True},
    "rs-trafilatura": {"kind": "rs", "bin": "peer-rs-trafilatura", "slow": False},
    "trafilatura-rs": {"kind": "rs", "bin": "peer-trafilatura-rs", "slow": False},
    "dom_smoothie": {"kind": "rs", "bin": "peer-dom-smoothie", "slow": False},
    "htmldate-fast": {"kind": "py", "slow": False},
    "htmldate-extensive": {"kind": "py", "slow": True},
    "htmldate-fast-original": {"kind": "py", "slow": False},
    "htmldate-extensive-original": {"kind": "py", "slow": True},
    "resiliparse": {"kind": "py", "slow": False},
}
# Which tools each suite runs (the Python peers where they apply).
SUITE_TOOLS = {
    "scrapinghub": ["dateline", "trafilatura", "rs-trafilatura", "trafilatura-rs", "dom_smoothie"],
    "textdump": ["dateline", "trafilatura"],
    "readability": ["dateline", "trafilatura", "rs-trafilatura", "trafilatura-rs", "dom_smoothie"],
    "dates": ["dateline", "trafilatura", "htmldate-fast", "htmldate-extensive",
              "htmldate-fast-original", "htmldate-extensive-original", "rs-trafilatura", "trafilatura-rs", "dom_smoothie"],
    "wcxb": ["dateline", "trafilatura", "rs-trafilatura", "dom_smoothie", "resiliparse"],
    "speed": ["dateline", "trafilatura", "trafilatura-metadata", "rs-trafilatura", "trafilatura-rs", "dom_smoothie",
              "resiliparse"],
}
READABILITY_URL = "http://fakehost/test/page.html"  # what Readability.js's own tests use
SCALING_LIMIT_S = 2.0
PEER_SCALING_TIMEOUT_S = 15
SPEED_TRIALS = 3


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- running tools

def tool_command(tool, mode, inputs, extra):
    spec = TOOLS[tool]
    if spec["kind"] == "dateline":
        binary = "dateline-predict" if mode == "predict" else "dateline-throughput"
        return [os.path.join(DATELINE_BIN, binary), *inputs, *extra]
    if spec["kind"] == "rs":
        return [os.path.join(PEERS_RS, spec["bin"]), mode, *inputs, *extra]
    return [VENV_PY, os.path.join(BENCH, "peers_py.py"), tool, mode, *inputs, *extra]


def run_measured(cmd, timeout, core=None):
    """Runs cmd; returns (returncode or signal text, stdout, stderr, peak RSS MB, wall s)."""
    if core is not None and shutil.which("taskset"):
        cmd = ["taskset", "-c", str(core), *cmd]
    start = time.perf_counter()
    out_path, err_path = os.path.join(TMP, "last.stdout"), os.path.join(TMP, "last.stderr")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        status, rusage, timed_out = None, None, False
        deadline = start + timeout
        while True:
            pid, st, ru = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                status, rusage = st, ru
                break
            if time.perf_counter() > deadline:
                proc.kill()
                _, status, rusage = os.wait4(proc.pid, 0)
                timed_out = True
                break
            time.sleep(0.01)
        proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    stdout = open(out_path, encoding="utf-8", errors="replace").read()
    stderr = open(err_path, encoding="utf-8", errors="replace").read()
    code = proc.returncode
    if timed_out:
        code = f"timeout after {timeout:.0f} s"
    elif code < 0:
        code = f"killed by signal {-code}"
    # ru_maxrss is in KiB on Linux; taskset execs the tool in the same process.
    return code, stdout, stderr, rusage.ru_maxrss / 1024 if rusage else None, wall


def last_json_line(text):
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                continue
    return None


def predict(suite, tool, inputs, urls=None, id_style="stem", timeout=900):
    """Runs a tool's predict mode; returns ({id: prediction}, run info)."""
    os.makedirs(os.path.join(TMP, suite), exist_ok=True)
    out = os.path.join(TMP, suite, f"{tool}.jsonl")
    extra = ["--out", out, "--id", id_style]
    if urls is not None:
        url_file = os.path.join(TMP, suite, "urls.json")
        with open(url_file, "w") as f:
            json.dump(urls, f)
        extra += ["--urls", url_file]
    if os.path.exists(out):
        os.remove(out)
    code, _, stderr, rss, wall = run_measured(tool_command(tool, "predict", inputs, extra), timeout)
    info = {"exit": code, "wall_seconds": round(wall, 2), "peak_rss_mb": round(rss, 1) if rss else None}
    summary = last_json_line(stderr)
    if summary:
        info.update(tool_seconds=round(summary["seconds"], 3), errors=summary.get("errors", 0))
    if code != 0:
        info["stderr"] = stderr[-2000:]
        log(f"  {tool}: exit {code}: {stderr.strip()[-300:]}")
    preds = {}
    if os.path.exists(out):
        for line in open(out, encoding="utf-8"):
            if line.strip():
                obj = json.loads(line)
                preds[obj["id"]] = obj
    return preds, info


def selected_tools(suite, args):
    tools = []
    for tool in SUITE_TOOLS[suite]:
        if args.quick and TOOLS[tool]["slow"]:
            continue
        if args.tools and tool not in args.tools:
            continue
        tools.append(tool)
    return tools


# ---------------------------------------------------------------- text helpers

def norm(text):
    """Case, whitespace and punctuation normalised (for title/author agreement)."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def byline_key(text):
    """`norm` plus the byline's own wording: a leading "by" and the words that
    join names ("Jane Doe and John Roe" = "Jane Doe, John Roe"). Applied to
    the expected byline and to every tool's joined authors alike."""
    words = norm(text).split()
    if words[:1] == ["by"]:
        words = words[1:]
    return " ".join(w for w in words if w not in ("and", "&"))


class _HtmlToText(html.parser.HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
              "table", "blockquote", "pre", "section", "article", "figure", "figcaption", "dd", "dt",
              "dl", "header", "footer", "aside", "nav", "hr", "address", "main", "caption"}
    SKIP = {"script", "style", "noscript", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_to_text(markup):
    """Strips tags; block elements separated by newlines; whitespace collapsed per block."""
    parser = _HtmlToText()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def body_scores(truth, preds):
    pairs = {k: (t, (preds.get(k) or {}).get("text") or "") for k, t in truth.items()}
    result = score.score_pages(pairs)
    per_page = result.pop("per_page")
    result["missing"] = sum(1 for k in truth if k not in preds)
    result["worst"] = [k for k, _ in sorted(per_page.items(), key=lambda kv: kv[1]["f1"])[:5]]
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in result.items()}


# ---------------------------------------------------------------- suites

def suite_scrapinghub(data, args):
    base = os.path.join(data, "scrapinghub")
    truth_all = json.load(open(os.path.join(base, "ground-truth.json")))
    urls = {k: v["url"] for k, v in truth_all.items()}
    truth = {k: v["articleBody"] for k, v in truth_all.items()}
    tools = {}
    for tool in selected_tools("scrapinghub", args):
        log(f"scrapinghub: {tool}")
        preds, info = predict("scrapinghub", tool, [os.path.join(base, "html")], urls)
        tools[tool] = {**body_scores(truth, preds), "run": info}
    return {"pages": len(truth), "tools": tools}


def suite_textdump(data, args):
    base = os.path.join(data, "textdump", "scrapinghub")
    truth_all = json.load(open(os.path.join(data, "scrapinghub", "ground-truth.json")))
    urls = {k: v["url"] for k, v in truth_all.items()}
    truth = {k: v["articleBody"] for k, v in truth_all.items()}
    tools = {}
    for tool in selected_tools("textdump", args):
        log(f"textdump: {tool}")
        preds, info = predict("textdump", tool, [base], urls)
        input_form = "plain-text dump (InputKind::Text)" if tool == "dateline" else "dump lines wrapped as `<p>` in a minimal HTML page"
        tools[tool] = {**body_scores(truth, preds), "input": input_form, "run": info}
    return {"pages": len(truth), "tools": tools}


def suite_readability(data, args):
    base = os.path.join(data, "readability")
    names = sorted(n for n in os.listdir(base) if os.path.isfile(os.path.join(base, n, "source.html")))
    meta, body = {}, {}
    for name in names:
        path = os.path.join(base, name, "expected-metadata.json")
        meta[name] = json.load(open(path, encoding="utf-8")) if os.path.exists(path) else {}
        path = os.path.join(base, name, "expected.html")
        body[name] = html_to_text(open(path, encoding="utf-8", errors="replace").read()) if os.path.exists(path) else ""
    urls = {name: READABILITY_URL for name in names}
    with_title = [n for n in names if norm(meta[n].get("title"))]
    with_byline = [n for n in names if meta[n].get("byline")]
    # Human-checked corrections of wrong expected bylines (see the file).
    fixes = json.load(open(os.path.join(BENCH, "readability-byline-corrections.json"), encoding="utf-8"))
    corrected = {n: meta[n].get("byline") for n in with_byline}
    corrected.update({n: f["byline"] for n, f in fixes.items() if not n.startswith("_") and n in names})
    corrected_pages = [n for n, b in corrected.items() if b != "exclude"]
    without_byline = [n for n in names if not meta[n].get("byline")]
    tools = {}
    for tool in selected_tools("readability", args):
        log(f"readability: {tool}")
        preds, info = predict("readability", tool, [base], urls)
        p = lambda n: preds.get(n) or {}  # noqa: E731
        title_ok = sum(1 for n in with_title if norm(p(n).get("title")) == norm(meta[n]["title"]))
        author_ok = sum(1 for n in with_byline
                        if norm(", ".join(p(n).get("authors") or [])) == norm(meta[n]["byline"]))
        author_ok_byline = sum(1 for n in with_byline
                               if byline_key(", ".join(p(n).get("authors") or [])) == byline_key(meta[n]["byline"]))
        corrected_ok = sum(1 for n in corrected_pages
                           if byline_key(", ".join(p(n).get("authors") or [])) == byline_key(corrected[n] or ""))
        spurious = sum(1 for n in without_byline if norm(", ".join(p(n).get("authors") or [])))
        tools[tool] = {
            "title_agreement": round(title_ok / len(with_title), 4) if with_title else None,
            "title_agree": title_ok,
            "author_agreement": round(author_ok / len(with_byline), 4) if with_byline else None,
            "author_agree": author_ok,
            "author_agreement_byline": round(author_ok_byline / len(with_byline), 4) if with_byline else None,
            "author_agreement_corrected": round(corrected_ok / len(corrected_pages), 4) if corrected_pages else None,
            "corrected_pages": len(corrected_pages),
            "author_when_none_expected": spurious,
            "body": body_scores(body, preds),
            "run": info,
        }
    return {"pages": len(names), "pages_with_title": len(with_title), "pages_with_byline": len(with_byline),
            "pages_without_byline": len(without_byline), "url_given": READABILITY_URL, "tools": tools}


def has_date(value):
    return isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None


def suite_dates(data, args):
    base = os.path.join(data, "dates")
    truth_all = json.load(open(os.path.join(base, "ground-truth.json")))
    truth = {v["file"]: v["date"] for v in truth_all.values()}
    urls = {v["file"]: url for url, v in truth_all.items()}
    tools = {}
    for tool in selected_tools("dates", args):
        log(f"dates: {tool}")
        preds, info = predict("dates", tool, [os.path.join(base, "html")], urls, id_style="name")
        found = {k: ((preds.get(k) or {}).get("published") or "")[:10] for k in truth}
        # Pages without a true date (NaN in the file) are right when no date is given.
        correct = sum(1 for k, d in truth.items() if found[k] == (d if has_date(d) else ""))
        given = sum(1 for d in found.values() if d)
        tools[tool] = {"accuracy": round(correct / len(truth), 4), "correct": correct, "dates_given": given,
                       "wrong_when_given": given - correct, "run": info}
    return {"pages": len(truth), "tools": tools}


def suite_wcxb(data, args):
    base = os.path.join(data, "wcxb")
    truth = wcxb_score.load_truth(base)
    urls = {k: t["url"] for k, t in truth.items() if t["url"]}
    tools = {}
    for tool in selected_tools("wcxb", args):
        log(f"wcxb: {tool}")
        preds, info = predict("wcxb", tool, [os.path.join(base, "html")], urls, timeout=1800)
        summary, rows = wcxb_score.score(truth, preds)
        summary["all"]["worst"] = [k for k, _ in sorted(rows.items(), key=lambda kv: kv[1]["f1"])[:5]]
        summary["all"]["missing"] = sum(1 for k in truth if k not in preds)
        tools[tool] = {**summary, "run": info}
    types = collections.Counter(t["type"] for t in truth.values())
    return {"pages": len(truth), "page_types": dict(sorted(types.items())), "tools": tools}


def speed_core():
    try:
        return sorted(os.sched_getaffinity(0))[-1]
    except AttributeError:
        return 0


def suite_speed(data, args):
    html_dir = os.path.join(data, "scrapinghub", "html")
    truth_all = json.load(open(os.path.join(data, "scrapinghub", "ground-truth.json")))
    urls_file = os.path.join(TMP, "speed-urls.json")
    with open(urls_file, "w") as f:
        json.dump({k: v["url"] for k, v in truth_all.items()}, f)
    core = speed_core()
    min_seconds = 1.0 if args.quick else 3.0
    trials = 1 if args.quick else SPEED_TRIALS
    names = selected_tools("speed", args)
    runs = {tool: [] for tool in names}
    errors = {}
    # Trials interleaved across tools, so that load from other users of the
    # machine hits every tool alike; the best trial is reported.
    for trial in range(trials):
        for tool in names:
            if tool in errors:
                continue
            log(f"speed: {tool} (trial {trial + 1}/{trials}, core {core}, >= {min_seconds:g} s)")
            cmd = tool_command(tool, "throughput", [html_dir],
                               ["--urls", urls_file, "--min-seconds", str(min_seconds)])
            code, stdout, stderr, rss, wall = run_measured(cmd, timeout=600, core=core)
            result = last_json_line(stdout) if code == 0 else None
            if result is None:
                errors[tool] = {"error": f"exit {code}", "stderr": stderr[-1000:]}
                log(f"  {tool}: failed ({code}) {stderr.strip()[-300:]}")
                continue
            runs[tool].append({**result, "peak_rss_mb": rss, "process_wall_seconds": wall})
    tools = {}
    for tool in names:
        if tool in errors:
            tools[tool] = errors[tool]
            continue
        best = max(runs[tool], key=lambda r: r["pages_per_sec"])
        tools[tool] = {"pages_per_sec": round(best["pages_per_sec"], 1),
                       "trials_pages_per_sec": [round(r["pages_per_sec"], 1) for r in runs[tool]],
                       "rounds": best["rounds"], "seconds": round(best["seconds"], 2), "pages": best["pages"],
                       "max_ms_per_page": round(best["max_ms"], 1),
                       "peak_rss_mb": round(max(r["peak_rss_mb"] or 0 for r in runs[tool]), 1)}
    reference = tools.get("trafilatura", {}).get("pages_per_sec")
    for tool, r in tools.items():
        if reference and "pages_per_sec" in r:
            r["vs_trafilatura"] = round(r["pages_per_sec"] / reference, 2)
    scaling = suite_scaling(data, args, core)
    return {"pages": len(truth_all), "core": core, "min_seconds": min_seconds, "trials": trials,
            "note": "in-memory pages (decompressed and decoded before timing), one process pinned to one core; "
                    "best of the trials (interleaved across tools)",
            "tools": tools, "scaling": scaling}


# ------------------------------------------------------------------ scaling

P_RE = re.compile(r"<p[\s>].*?</p\s*>", re.S | re.I)


def scaling_pages(data):
    """Writes the scaling pages; returns [(label, path, bytes)]."""
    out_dir = os.path.join(TMP, "scaling")
    os.makedirs(out_dir, exist_ok=True)
    import gzip
    html_dir = os.path.join(data, "scrapinghub", "html")
    # Base page: the one with the most <p> bytes among pages under 300 kB.
    best, best_len = None, -1
    for name in sorted(os.listdir(html_dir)):
        page = gzip.open(os.path.join(html_dir, name)).read().decode("utf-8", "replace")
        if len(page) > 300_000:
            continue
        plen = sum(len(m.group(0)) for m in P_RE.finditer(page))
        if plen > best_len:
            best, best_len, best_name = page, plen, name
    matches = list(P_RE.finditer(best))
    start, end = matches[0].start(), matches[-1].end()
    body = best[start:end]
    pages = []

    def write(label, text):
        path = os.path.join(out_dir, f"{label}.html")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        pages.append((label, path, len(text.encode("utf-8"))))

    for k in (1, 4, 16):
        write(f"page-{k}x", best[:start] + body * k + best[end:])
    depth = 100_000
    write("nested-100000", "<!DOCTYPE html><html><head><title>Deep</title></head><body>" + "<div>" * depth
          + "<p>Deeply nested text at the bottom of a very deep tree.</p>" + "</div>" * depth + "</body></html>")
    paragraphs = [m.group(0) for m in matches]
    target = 20 * 1024 * 1024
    head = best[:start]
    chunk = "".join(paragraphs)
    reps = max(1, (target - len(head) - len(best[end:])) // max(1, len(chunk)) + 1)
    write("20mb", head + chunk * reps + best[end:])
    return best_name, pages


def suite_scaling(data, args, core):
    base_name, pages = scaling_pages(data)
    # dateline is held to the limit; peers are timed for context, with a cap.
    # --quick: dateline alone (the peers' times only give context).
    tools = [t for t in selected_tools("speed", args) if t != "trafilatura-metadata"
             and not (args.quick and t != "dateline")]
    rows = []
    for label, path, size in pages:
        row = {"page": label, "bytes": size, "tools": {}}
        for tool in tools:
            timeout = 60 if tool == "dateline" else PEER_SCALING_TIMEOUT_S
            cmd = tool_command(tool, "throughput", [path],
                               ["--min-seconds", "0", "--min-rounds", "1", "--warmup", "0"])
            code, stdout, stderr, rss, wall = run_measured(cmd, timeout=timeout, core=core)
            result = last_json_line(stdout) if code == 0 else None
            if result is None:
                row["tools"][tool] = {"error": str(code) if code != 0 else "no output",
                                      "stderr": stderr.strip()[-300:]}
                if str(code).startswith("timeout"):
                    row["tools"][tool]["stopped_after_seconds"] = timeout
            else:
                row["tools"][tool] = {"seconds": round(result["seconds"], 4),
                                      "peak_rss_mb": round(rss, 1) if rss else None}
            log(f"scaling {label} ({size / 1e6:.1f} MB) {tool}: {row['tools'][tool].get('seconds', row['tools'][tool].get('error'))}")
        d = row["tools"].get("dateline", {})
        row["dateline_under_limit"] = d.get("seconds") is not None and d["seconds"] < SCALING_LIMIT_S
        if "dateline" in row["tools"] and not row["dateline_under_limit"]:
            log(f"WARNING: dateline took {d.get('seconds', d.get('error'))} on {label}, limit {SCALING_LIMIT_S} s")
        rows.append(row)
    return {"base_page": base_name, "limit_seconds": SCALING_LIMIT_S,
            "how": "page-Nx: the base page's run of `<p>` paragraphs repeated N times; nested-100000: "
                   "100,000 nested `<div>`s; 20mb: the base page's paragraphs repeated to ~20 MB. "
                   f"One extraction each, no warm-up, one core; peers stopped after {PEER_SCALING_TIMEOUT_S} s.",
            "pages": rows}


# ---------------------------------------------------------------- metadata

def capture(cmd, cwd=ROOT):
    try:
        return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def environment():
    cpu = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    tools = {}
    for tool in ("trafilatura", "trafilatura-metadata", "htmldate-fast", "htmldate-extensive",
                 "htmldate-fast-original", "htmldate-extensive-original", "resiliparse"):
        info = capture([VENV_PY, os.path.join(BENCH, "peers_py.py"), tool, "info"])
        if info:
            tools[tool] = json.loads(info)
    for tool, spec in TOOLS.items():
        if spec["kind"] == "rs":
            info = capture([os.path.join(PEERS_RS, spec["bin"]), "info"])
            if info:
                tools[tool] = json.loads(info)
    tools["dateline"] = {"name": "dateline (dateline-bench: dateline_extract::extract)",
                         "commit": capture(["git", "rev-parse", "--short", "HEAD"]),
                         "options": "Options::default().input(Html | Text for .txt).url(url)"}
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": {"cpu": cpu, "cores": os.cpu_count(), "os": platform.platform(),
                    "python": platform.python_version(), "rustc": capture(["rustc", "--version"])},
        "tools": tools,
    }


def suite_geo(data, args):
    return geo_suite.run(data)


def suite_events(data, args):
    return events_suite.run(data)


def suite_store(data, args):
    return store_suite.run(data, args.docs, os.path.join(TMP, "store"))


def suite_serve(data, args):
    return serve_suite.run(os.path.join(TMP, "store"))


def suite_python(data, args):
    return python_suite.run(data, speed_core(), os.path.join(TMP, "python"))


def suite_crawl(data, args):
    return crawl_suite.run(data, os.path.join(TMP, "crawl"), args.quick)


# ---------------------------------------------------------------- report

def fmt(v, digits=3):
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return str(v)


def tool_label(tool):
    return tool


def wcxb_markdown(s):
    types = list(s["page_types"])
    tools = s["tools"]
    lines = [f"### Main content and metadata, wcxb ({s['pages']} pages, {len(types)} page types)", "",
             "Word-level F1 per page, averaged (`bench/wcxb_score.py`); \"with\": share of must-have snippets "
             "found; \"without\": share of must-not-have snippets kept (lower is better); \"empty\": pages "
             "with no text; title, author and date agreement over the pages whose truth has the field "
             "(resiliparse gives no metadata).", "",
             "| tool | F1 all | " + " | ".join(f"{t} ({n})" for t, n in s["page_types"].items())
             + " | with | without | empty | title | author | date |",
             "|---|---:|" + "---:|" * len(types) + "---:|---:|---:|---:|---:|---:|"]
    for tool, r in tools.items():
        a = r["all"]
        cells = [fmt(r["by_type"].get(t, {}).get("f1")) for t in types]
        lines.append(f"| {tool} | **{fmt(a['f1'])}** | " + " | ".join(cells)
                     + f" | {fmt(a['with_found'])} | {fmt(a['without_kept'])} | {a['empty']} | "
                     f"{fmt(a['title'])} | {fmt(a['author'])} | {fmt(a['date'])} |")
    lines.append("")
    return "\n".join(lines)


def markdown(results):
    env = results["environment"]
    m = env["machine"]
    lines = [f"<!-- generated by bench/run on {env['date']} -->",
             f"Measured {env['date']} on {m['cpu'] or 'unknown CPU'}, {m['cores']} cores shared, "
             f"{m['os']}; {m['rustc']}, Python {m['python']}.", ""]
    suites = results["suites"]
    if "scrapinghub" in suites:
        s = suites["scrapinghub"]
        lines += [f"### Body extraction, scrapinghub ({s['pages']} pages)", "",
                  "| tool | precision | recall | F1 | accuracy |", "|---|---:|---:|---:|---:|"]
        for tool, r in s["tools"].items():
            lines.append(f"| {tool_label(tool)} | {fmt(r['precision'])} | {fmt(r['recall'])} | "
                         f"**{fmt(r['f1'])}** | {fmt(r['accuracy'])} |")
        lines.append("")
    if "textdump" in suites:
        s = suites["textdump"]
        lines += [f"### Body extraction from plain-text dumps, textdump/scrapinghub ({s['pages']} pages)", "",
                  "| tool | input | precision | recall | F1 |", "|---|---|---:|---:|---:|"]
        for tool, r in s["tools"].items():
            lines.append(f"| {tool_label(tool)} | {r['input']} | {fmt(r['precision'])} | {fmt(r['recall'])} | "
                         f"**{fmt(r['f1'])}** |")
        lines.append("")
    if "readability" in suites:
        s = suites["readability"]
        lines += [f"### Readability test pages ({s['pages']} pages)", "",
                  f"Title agreement over the {s['pages_with_title']} pages with an expected title, author "
                  f"agreement over the {s['pages_with_byline']} with an expected byline (case, whitespace and "
                  f"punctuation normalised; \"byline-normalised\" also drops a leading \"By\" and the words "
                  f"joining names, on both sides); \"author, none expected\" counts the {s['pages_without_byline']} "
                  "pages without a byline where the tool still gives an author. The expected values are "
                  "Readability's own output, so dom_smoothie, a port of Readability, reproduces them.", "",
                  "\"author, corrected\": byline-normalised agreement after the human-checked corrections in "
                  "`bench/readability-byline-corrections.json` (organisations and page text expected as bylines "
                  "become \"no author\"; names with dates or URLs glued on become the name).", "",
                  "| tool | title agreement | author agreement | author, byline-normalised | author, corrected | "
                  "author, none expected | body F1 |",
                  "|---|---:|---:|---:|---:|---:|---:|"]
        for tool, r in s["tools"].items():
            lines.append(f"| {tool_label(tool)} | {fmt(r['title_agreement'], 2)} | {fmt(r['author_agreement'], 2)} | "
                         f"{fmt(r.get('author_agreement_byline'), 2)} | {fmt(r.get('author_agreement_corrected'), 2)} | "
                         f"{r['author_when_none_expected']} | {fmt(r['body']['f1'])} |")
        lines.append("")
    if "dates" in suites:
        s = suites["dates"]
        lines += [f"### Publication dates ({s['pages']} pages, YYYY-MM-DD equal)", "",
                  "A page whose true date is missing (NaN in the ground truth) counts as right when no date "
                  "is given.", "",
                  "| tool | accuracy | dates given | wrong when given |", "|---|---:|---:|---:|"]
        for tool, r in s["tools"].items():
            lines.append(f"| {tool_label(tool)} | **{fmt(r['accuracy'], 3)}** | {r['dates_given']} | "
                         f"{r['wrong_when_given']} |")
        lines.append("")
    if "wcxb" in suites:
        lines.append(wcxb_markdown(suites["wcxb"]))
    if "speed" in suites:
        s = suites["speed"]
        lines += [f"### Speed ({s['pages']} scrapinghub pages in memory, one core, >= {s['min_seconds']:g} s per run, "
                  f"best of {s.get('trials', 1)} interleaved trials)",
                  "", "| tool | pages/s | × trafilatura | peak RSS (MB) | all trials (pages/s) |", "|---|---:|---:|---:|---|"]
        for tool, r in s["tools"].items():
            if "error" in r:
                lines.append(f"| {tool_label(tool)} | failed: {r['error']} | | | |")
                continue
            lines.append(f"| {tool_label(tool)} | {fmt(r['pages_per_sec'], 1)} | {fmt(r.get('vs_trafilatura'), 2)} | "
                         f"{fmt(r['peak_rss_mb'], 0)} | {', '.join(f'{x:.0f}' for x in r.get('trials_pages_per_sec', []))} |")
        lines.append("")
        sc = s["scaling"]
        tools = list(sc["pages"][0]["tools"]) if sc["pages"] else []
        lines += [f"### Scaling (seconds for one extraction; dateline limit {sc['limit_seconds']:g} s)", "",
                  f"Base page `{sc['base_page'][:16]}…`. {sc['how']}", "",
                  "| page | size | " + " | ".join(tool_label(t) for t in tools) + f" | dateline < {sc['limit_seconds']:g} s |",
                  "|---|---:|" + "---:|" * len(tools) + ":---:|"]
        for row in sc["pages"]:
            cells = []
            for t in tools:
                r = row["tools"][t]
                if "seconds" in r:
                    cells.append(fmt(r["seconds"], 3))
                elif "stopped_after_seconds" in r:
                    cells.append(f"> {r['stopped_after_seconds']} (stopped)")
                else:
                    cells.append(f"failed ({r['error']})")
            verdict = ("yes" if row["dateline_under_limit"] else "**no**") if "dateline" in row["tools"] else "–"
            lines.append(f"| {row['page']} | {row['bytes'] / 1e6:.2f} MB | " + " | ".join(cells) + f" | {verdict} |")
        lines.append("")
    if "geo" in suites:
        lines.append(geo_suite.markdown(suites["geo"]))
    if "events" in suites:
        lines.append(events_suite.markdown(suites["events"]))
    if "python" in suites:
        lines.append(python_suite.markdown(suites["python"]))
    if "store" in suites:
        lines.append(store_suite.markdown(suites["store"]))
    if "serve" in suites:
        lines.append(serve_suite.markdown(suites["serve"]))
    if "crawl" in suites:
        lines.append(crawl_suite.markdown(suites["crawl"]))
    lines += ["Tools and options:", ""]
    for tool, info in env["tools"].items():
        opts = info.get("options")
        if isinstance(opts, dict):
            opts = "; ".join(opts.values())
        if "versions" in info:
            v = info["versions"]
            if tool.startswith("trafilatura"):
                version = f"trafilatura {v.get('trafilatura')} (htmldate {v.get('htmldate')}, lxml {v.get('lxml')})"
            elif tool == "resiliparse":
                version = f"resiliparse {v.get('resiliparse')}"
            else:
                version = f"htmldate {v.get('htmldate')}"
        else:
            version = info.get("name", tool)
        extra = f" (commit {info['commit']})" if info.get("commit") else ""
        lines.append(f"- **{tool}**: {version}{extra}; {opts}")
    lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------- main

def resolve_data(arg):
    if arg is None:
        return os.path.normpath(os.path.join(ROOT, "..", "shared", "bench"))
    return os.path.abspath(arg)


NEEDS = {
    "scrapinghub": ["scrapinghub/html", "scrapinghub/ground-truth.json"],
    "textdump": ["textdump/scrapinghub", "scrapinghub/ground-truth.json"],
    "readability": ["readability"],
    "dates": ["dates/html", "dates/ground-truth.json"],
    "wcxb": ["wcxb/html", "wcxb/ground-truth"],
    "speed": ["scrapinghub/html", "scrapinghub/ground-truth.json"],
    "geo": ["geo/LGL/gold.txt", "geo/GeoWebNews/gold.txt", "scrapinghub/html"],
    "python": ["scrapinghub/html", "scrapinghub/ground-truth.json"],
    "store": ["scrapinghub/html", "dates/html", "readability"],
    "serve": [],
    "crawl": ["scrapinghub/html", "scrapinghub/ground-truth.json"],
    "events": [],
}


def check_data(data, suites):
    if not os.path.isdir(data):
        sys.exit(f"error: benchmark data folder not found: {data}\n"
                 "  The evaluation data lives outside the repository (../shared/bench from the project root);\n"
                 "  pass its location with --data DIR.")
    missing = [f"{s}: {p}" for s in suites for p in NEEDS[s] if not os.path.exists(os.path.join(data, p))]
    if "events" in suites and not os.path.isdir(os.path.join(events_suite.events_dir(data), "petrarch-unit-tests")):
        missing.append(f"events: {events_suite.events_dir(data)}/petrarch-unit-tests (set DATELINE_EVENTS_DATA)")
    if missing:
        sys.exit(f"error: benchmark data folder {data} lacks what these suites need:\n  " + "\n  ".join(missing))


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="bench/run", description=__doc__)
    parser.add_argument("--data", help="evaluation data folder (default: ../shared/bench from the repository root)")
    parser.add_argument("--suite", action="append", choices=SUITES,
                        help="run only this suite (repeatable); default: all but store, serve and crawl")
    parser.add_argument("--docs", type=int, default=200_000,
                        help="documents in the store suite's synthetic corpus (default 200000)")
    parser.add_argument("--quick", action="store_true",
                        help="skip slow peers (Python trafilatura, htmldate extensive); one 1 s speed trial per "
                             "tool; scaling for dateline only; one crawl run")
    parser.add_argument("--tool", dest="tools", action="append", choices=list(TOOLS),
                        help="run only this tool (repeatable)")
    parser.add_argument("--render", action="store_true",
                        help="only rewrite bench/results/latest.md from latest.json (no builds, no runs)")
    parser.add_argument("--preflight", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv if argv is not None else sys.argv[1:])
    suites = args.suite or DEFAULT_SUITES
    latest = os.path.join(RESULTS, "latest.json")
    if args.render:
        if args.preflight:
            return
        if not os.path.exists(latest):
            sys.exit("error: no bench/results/latest.json to render; run bench/run first")
        report = markdown(json.load(open(latest)))
        with open(os.path.join(RESULTS, "latest.md"), "w") as f:
            f.write(report)
        print(report)
        return
    data = resolve_data(args.data)
    check_data(data, suites)
    if args.preflight:
        return
    os.makedirs(TMP, exist_ok=True)
    started = time.perf_counter()
    results = {"suites": {}}
    if os.path.exists(latest) and args.suite:
        # Running some suites only: keep the other suites' last results.
        try:
            results = json.load(open(latest))
        except (OSError, json.JSONDecodeError):
            pass
    kept_tools = results.get("environment", {}).get("tools", {})
    results["environment"] = environment()
    # Suites that run no peer skip the peers' builds: the versions of the
    # peers that earlier suites ran stay listed.
    for tool, info in kept_tools.items():
        results["environment"]["tools"].setdefault(tool, info)
    results["data"] = data
    for suite in suites:
        t0 = time.perf_counter()
        log(f"suite {suite}")
        result = globals()[f"suite_{suite}"](data, args)
        result["measured"] = results["environment"]["date"]
        result["quick"] = args.quick
        result["suite_seconds"] = round(time.perf_counter() - t0, 1)
        results["suites"][suite] = result
    results["suites"] = {s: results["suites"][s] for s in SUITES if s in results["suites"]}
    with open(latest, "w") as f:
        json.dump(results, f, indent=1, ensure_ascii=False)
        f.write("\n")
    report = markdown(results)
    with open(os.path.join(RESULTS, "latest.md"), "w") as f:
        f.write(report)
    print(report)
    log(f"done in {time.perf_counter() - started:.0f} s: bench/results/latest.json, bench/results/latest.md")


if __name__ == "__main__":
    main()
