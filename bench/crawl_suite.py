"""The `crawl` suite of bench/run: the crawler against a loopback web.

`dateline-crawl-bench` (crates/dateline-bench/src/crawl/) serves the 181
scrapinghub pages from memory on 127.0.0.1 as fake news hosts
(`news-N.test`, each with a robots.txt and a sitemap of its pages) and
measures, one JSON object each:

- `crawl`: the release `dateline crawl` of 4 such hosts with `--delay 0`
  (politeness off; robots.txt still read): fetch, WARC and ingest into a
  fresh store, pages/s over the process's wall time, with enrichment (the
  default) and with `--no-enrich`, runs interleaved; also its CPU time, and
  `dateline ingest` of the same pages from files for comparison.
- `http`: `dateline_fetch::net::Client` alone (no politeness, WARC or
  parsing), one request at a time per host as in a crawl, with 1, 4 and 16
  hosts at once; requests/s, latency, new TCP connections.
- `polite`: `dateline crawl --delay 0.2` of 4 hosts whose robots.txt asks
  `Crawl-delay: 0.2`; from the web's log, the ideal time (each host's
  requests 0.2 s apart, back to back) over the achieved one, and the
  smallest gap between two requests to a host.
- `sitemap`: a generated 50,000-URL sitemap parsed in process (best of 5,
  and the extra peak resident memory of one parse, VmHWM reset through
  /proc/self/clear_refs), then gzipped through `dateline crawl` end to end
  (peak RSS of that process over a 10-URL sitemap's).

The machine's load average is recorded before each measurement: every
figure here is wall-clock time on two cores shared with whatever else runs.
"""
import json
import os
import subprocess
import sys
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
BIN = os.path.join(ROOT, "target", "release")
TIMEOUT_S = 900

TARGETS = {"crawl_pages_per_s": 300, "http_requests_per_s": 2000, "polite_efficiency": 0.90,
           "sitemap_seconds": 2.0, "sitemap_extra_mb": 100}
HOSTS = 4
DELAY_S = 0.2
HTTP_IN_FLIGHT = "1,4,16"


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True, file=sys.stderr)


def load_average():
    return [round(x, 2) for x in os.getloadavg()]


def measure(name, args, work):
    """Runs one measurement of dateline-crawl-bench; its JSON, with the load
    average before and the wall time of the whole measurement."""
    cmd = [os.path.join(BIN, "dateline-crawl-bench"), name, *args,
           "--dateline", os.path.join(BIN, "dateline"), "--work", work]
    load = load_average()
    log(f"crawl: {name} (load average {load[0]})")
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S)
    if proc.returncode != 0:
        sys.exit(f"error: {' '.join(cmd)} exited {proc.returncode}:\n{proc.stderr[-2000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["load_average_before"] = load
    result["measure_seconds"] = round(time.perf_counter() - started, 1)
    return result


def run(data, work, quick=False):
    os.makedirs(work, exist_ok=True)
    runs = "1" if quick else "5"
    result = {"hosts": HOSTS, "delay_s": DELAY_S, "targets": TARGETS}
    result["crawl"] = measure("crawl", ["--data", data, "--hosts", str(HOSTS), "--runs", runs], work)
    result["http"] = measure("http", ["--data", data, "--in-flight", HTTP_IN_FLIGHT,
                                      "--requests", "2000" if quick else "10000"], work)
    result["polite"] = measure("polite", ["--data", data, "--hosts", str(HOSTS), "--delay", str(DELAY_S)], work)
    result["sitemap"] = measure("sitemap", ["--urls", "50000", "--runs", "3" if quick else "5"], work)
    result["load_average_after"] = load_average()
    result["verdict"] = verdict(result)
    return result


def http_point(s, in_flight):
    return next((p for p in s["http"]["points"] if p["in_flight"] == in_flight), None)


def verdict(s):
    """Each target: the figure held to it and whether it is met."""
    enrich = s["crawl"]["enrich"]
    http = http_point(s, HOSTS) or {}
    polite = s["polite"]
    sitemap = s["sitemap"]
    return {
        "crawl_pages_per_s": {"figure": enrich["pages_per_s_best"], "ok": enrich["ok"]
                              and enrich["pages_per_s_best"] >= TARGETS["crawl_pages_per_s"]},
        "http_requests_per_s": {"figure": http.get("requests_per_s"), "ok": http.get("errors") == 0
                                and http.get("requests_per_s", 0) >= TARGETS["http_requests_per_s"]},
        "polite_efficiency": {"figure": polite["efficiency"], "ok": polite["ok"] and polite["politeness_kept"]
                              and polite["efficiency"] >= TARGETS["polite_efficiency"]},
        "sitemap_seconds": {"figure": sitemap["best_s"], "ok": sitemap["entries"] == sitemap["urls"]
                            and sitemap["best_s"] < TARGETS["sitemap_seconds"]},
        "sitemap_extra_mb": {"figure": sitemap["extra_memory_mb"], "ok": sitemap["extra_memory_mb"] is not None
                             and sitemap["extra_memory_mb"] < TARGETS["sitemap_extra_mb"]},
    }


def fmt_s(x):
    return "–" if x is None else f"{x:.2f} s"


def met(ok):
    return "yes" if ok else "**no**"


def markdown(s):
    c, h, p, m, v = s["crawl"], s["http"], s["polite"], s["sitemap"], s["verdict"]
    e, n = c["enrich"], c["no_enrich"]
    lines = ["### Crawling (crawl suite)", "",
             f"`dateline-crawl-bench` serves the {c['pages']} scrapinghub pages ({c['page_bytes'] / 1e6:.1f} MB, "
             f"not compressed) from memory on loopback as {s['hosts']} fake news hosts, each with a robots.txt and "
             "a sitemap; the crawler and the web share the two cores. Load average before each measurement: "
             f"{c['load_average_before'][0]}, {h['load_average_before'][0]}, {p['load_average_before'][0]}, "
             f"{m['load_average_before'][0]} (crawl, http, polite, sitemap).", "",
             "| measure | target | figure | met |", "|---|---|---:|:---:|",
             f"| `dateline crawl`, politeness off: fetch + WARC + ingest, pages/s (best of {e['runs']}; median) | "
             f">= {s['targets']['crawl_pages_per_s']} | **{e['pages_per_s_best']:.0f}** ({e['pages_per_s_median']:.0f}) | "
             f"{met(v['crawl_pages_per_s']['ok'])} |",
             f"| the same with `--no-enrich` | | {n['pages_per_s_best']:.0f} ({n['pages_per_s_median']:.0f}) | |"]
    for point in h["points"]:
        held = point["in_flight"] == s["hosts"]
        lines.append(f"| HTTP layer alone, requests/s, {point['in_flight']} host(s) at once "
                     f"(p50 / p99 {point['latency_ms']['p50']:.1f} / {point['latency_ms']['p99']:.1f} ms) | "
                     f"{'>= ' + str(s['targets']['http_requests_per_s']) if held else ''} | "
                     f"{'**' if held else ''}{point['requests_per_s']:,.0f}{'**' if held else ''} | "
                     f"{met(v['http_requests_per_s']['ok']) if held else ''} |")
    lines += [f"| politeness on ({p['hosts']} hosts, {p['delay_s']} s): ideal / achieved time, first request to "
              f"last answer | >= {s['targets']['polite_efficiency']} | **{p['efficiency']:.3f}** | "
              f"{met(v['polite_efficiency']['ok'])} |",
              f"| the same over the process's whole wall time (start and the ingest's tail included) | | "
              f"{p['efficiency_wall']:.3f} | |",
              f"| {m['urls']:,}-URL sitemap ({m['bytes'] / 1e6:.1f} MB) parsed, seconds (best of {len(m['all_s'])}) | "
              f"< {s['targets']['sitemap_seconds']:g} | **{m['best_s']:.3f}** | {met(v['sitemap_seconds']['ok'])} |",
              f"| its extra peak memory in process, MB | < {s['targets']['sitemap_extra_mb']} | "
              f"**{m['extra_memory_mb']}** | {met(v['sitemap_extra_mb']['ok'])} |"]
    gz = m.get("crawl_gz")
    if gz:
        read = gz["runs"]["read"]
        lines.append(f"| the same gzipped through `dateline crawl` (nothing queued): wall s; peak RSS over a 10-URL "
                     f"sitemap's | | {read['wall_s']:.2f} s; +{gz['extra_peak_mb_read']:.0f} MB "
                     f"({read['peak_rss_mb']:.0f} MB) | |")
    lines += ["", "Where a crawl's time goes (medians; with enrichment / without):", "",
              f"- process wall {e['wall_s_median']:.2f} / {n['wall_s_median']:.2f} s, of which start to first "
              f"request {e['start_to_first_request_s_median']:.2f} / {n['start_to_first_request_s_median']:.2f} s, "
              f"first request to last answer {e['first_request_to_last_answer_s_median']:.2f} / "
              f"{n['first_request_to_last_answer_s_median']:.2f} s, last answer to exit "
              f"{e['last_answer_to_exit_s_median']:.2f} / {n['last_answer_to_exit_s_median']:.2f} s;",
              f"- CPU time {e['cpu_s_median']:.2f} / {n['cpu_s_median']:.2f} s "
              f"({e['pages_per_cpu_s_median']:.0f} / {n['pages_per_cpu_s_median']:.0f} pages per CPU second); "
              f"`dateline ingest` of the same pages from files: wall {e['ingest_from_files_wall_s_median']:.2f} / "
              f"{n['ingest_from_files_wall_s_median']:.2f} s, CPU {e['ingest_from_files_cpu_s_median']:.2f} / "
              f"{n['ingest_from_files_cpu_s_median']:.2f} s;",
              f"- politeness: {p['requests']} requests in {p['span_s']:.2f} s ({p['requests_per_s']:.1f}/s against "
              f"{p['simple_ideal_requests_per_s']:g}/s for {p['hosts']} hosts at {p['delay_s']} s), smallest gap "
              f"between two requests to one host {p['min_gap_s'] * 1000:.1f} ms (kept: "
              f"{'yes' if p['politeness_kept'] else 'no'}), all hosts busy {p['all_hosts_busy_share'] * 100:.0f}% "
              f"of the time, {p['connections']} TCP connections; first article stored "
              f"{fmt_s(p['stored']['first_article_stored_after_s'])} after start (last answer at "
              f"{fmt_s(p['stored']['last_answer_after_s'])}).", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    # Renders a stored result: python3 bench/crawl_suite.py bench/results/latest.json
    print(markdown(json.load(open(sys.argv[1]))["suites"]["crawl"]))
