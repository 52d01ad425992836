"""Event coding (`bench/run --suite events`): the PETRARCH functional suite
with its validation dictionaries and the PETRARCH-2 gold-standard records
with the embedded Phoenix dictionaries, scored by the `events-suite`
example of `crates/dateline-events` with the metric of
`../shared/events/README.md` (triples of source, CAMEO root and target;
PLOVER and full-code triples; sentence exact match; per-category F1; false
events per 100 sentences without events; sentences per second on one
core); the bench sentences judged by hand in `bench/events/noevents.tsv`
(false events per 100 sentences without an event); and on real news, the
`events-cost` example of `crates/dateline-enrich` (the 181 scrapinghub
article bodies: event coding alone in sentences per CPU second, and the
whole enrichment in CPU ms per article with events off and on).

The event data is `../shared/events` (the `events` folder beside the bench
data folder, or `DATELINE_EVENTS_DATA`).
"""
import json
import os
import subprocess

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
EXAMPLE = os.path.join(ROOT, "target", "release", "examples", "events-suite")
COST = os.path.join(ROOT, "target", "release", "examples", "events-cost")

# Measured here on petrarch-unit-tests (README of ../shared/events).
PETRARCH2 = {"triple_f1": 0.39, "root_f1": 0.46, "exact": 0.30}


def events_dir(data):
    return os.environ.get("DATELINE_EVENTS_DATA") or os.path.join(os.path.dirname(data), "events")


def run(data):
    shared = events_dir(data)
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "dateline-events", "--example", "events-suite"],
                   cwd=ROOT, check=True)
    out = subprocess.run(["taskset", "-c", "0", EXAMPLE, "--shared", shared, "--json"],
                         cwd=ROOT, check=True, capture_output=True, text=True).stdout
    result = json.loads(out)
    result["events_data"] = shared
    if os.path.isfile(os.path.join(data, "scrapinghub", "ground-truth.json")):
        subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "dateline-enrich", "--example", "events-cost"],
                       cwd=ROOT, check=True)
        out = subprocess.run(["taskset", "-c", "0", COST, "--bench", data],
                             cwd=ROOT, check=True, capture_output=True, text=True).stdout
        result["real_news"] = json.loads(out)
    return result


def markdown(s):
    lines = ["### Event coding (CAMEO and PLOVER)", "",
             "| set | sentences | codings | triple F1 (root) | P | R | PLOVER F1 | full-code F1 | "
             "sentence exact match | false events /100 no-event sentences | sentences/s (1 core) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in s["suites"]:
        t = r["triple_root"]
        lines.append(f"| {r['suite']} | {r['sentences']} | {r['expected_codings']} | **{t['f1']:.3f}** | "
                     f"{t['precision']:.3f} | {t['recall']:.3f} | {r['triple_plover']['f1']:.3f} | "
                     f"{r['triple_full']['f1']:.3f} | {r['sentence_exact_match']:.3f} | "
                     f"{r['false_events_per_100_noevent']:.1f} ({r['noevent_sentences']}; `noevents` records "
                     f"{r.get('false_events_per_100_noevents_records', 0.0):.1f} ({r.get('noevents_records', 0)})) | "
                     f"{r['sentences_per_sec']:,.0f} |")
    lines += ["", f"PETRARCH-2 on the functional suite (measured with its CoreNLP parses): triple F1 "
              f"{PETRARCH2['triple_f1']}, root F1 {PETRARCH2['root_f1']}, sentence exact match {PETRARCH2['exact']}.", ""]
    for r in s["suites"]:
        cats = ", ".join(f"{k} {v['f1']:.2f} ({v['tp']}/{v['tp'] + v['fn']})" for k, v in r["per_category"].items())
        lines.append(f"Per category, {r['suite']} (triple F1, found/expected): {cats}.")
    b = s.get("bench_noevents")
    if b:
        sets = ", ".join(f"set {k} {v['false_events_per_100_noevent']:.1f} ({v['false_events']}/{v['noevent_sentences']})"
                         for k, v in b["sets"].items())
        lines += ["", f"Bench sentences judged by hand without an event (`bench/events/{b['file']}`): "
                  f"**{b['false_events_per_100_noevent']:.1f}** false events per 100 "
                  f"({b['false_events']} on {b['noevent_sentences']}; {sets})."]
    c = s.get("real_news")
    if c:
        lines += ["", f"Real news ({c['articles']} scrapinghub articles, {c['sentences']} sentences, "
                  f"{c['events_per_round']} events): event coding **{c['coder_sentences_per_cpu_sec']:,.0f}** "
                  f"sentences per CPU second; enrichment **{c['enrich_ms_per_article_events_off']:.2f}** ms per article "
                  f"with events off, **{c['enrich_ms_per_article_events_on']:.2f}** ms with events on (CPU time)."]
    lines += ["", f"Embedded dictionaries parsed once in {s['dictionary_load_ms']:.0f} ms.", ""]
    return "\n".join(lines)
