"""Event coding (`bench/run --suite events`): the PETRARCH functional suite
with its validation dictionaries and the PETRARCH-2 gold-standard records
with the embedded Phoenix dictionaries, scored by the `events-suite`
example of `crates/dateline-events` with the metric of
`../shared/events/README.md` (triples of source, CAMEO root and target;
PLOVER and full-code triples; sentence exact match; per-category F1; false
events per 100 sentences without events; sentences per second on one
core).

The event data is `../shared/events` (the `events` folder beside the bench
data folder, or `DATELINE_EVENTS_DATA`).
"""
import json
import os
import subprocess

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
EXAMPLE = os.path.join(ROOT, "target", "release", "examples", "events-suite")

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
                     f"{r['false_events_per_100_noevent']:.1f} ({r['noevent_sentences']}) | "
                     f"{r['sentences_per_sec']:,.0f} |")
    lines += ["", f"PETRARCH-2 on the functional suite (measured with its CoreNLP parses): triple F1 "
              f"{PETRARCH2['triple_f1']}, root F1 {PETRARCH2['root_f1']}, sentence exact match {PETRARCH2['exact']}.", ""]
    for r in s["suites"]:
        cats = ", ".join(f"{k} {v['f1']:.2f} ({v['tp']}/{v['tp'] + v['fn']})" for k, v in r["per_category"].items())
        lines.append(f"Per category, {r['suite']} (triple F1, found/expected): {cats}.")
    lines += ["", f"Embedded dictionaries parsed once in {s['dictionary_load_ms']:.0f} ms.", ""]
    return "\n".join(lines)
