"""The `geo` suite of bench/run: geoparsing against seven published peers.

For each corpus of ../shared/bench/geo (LGL: local US news; GeoWebNews:
international news), runs `dateline annotate` on every text (one worker
thread, timed: enrichment cost per article on one core, process start and
gazetteer load included) and scores its places with `bench/geo_score.py`
beside the peers' outputs shipped with the corpus, so that every figure
comes from the same scorer in the same run:

- recognition: precision, recall and F1 of toponym spans (overlap match);
- resolution: Acc@161 (share of matched toponyms within 161 km of the gold
  coordinates), mean and median error in km.
"""
import json
import os
import subprocess
import sys
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
BIN = os.path.join(ROOT, "target", "release", "dateline")
sys.path.insert(0, BENCH)
import geo_score  # noqa: E402

CORPORA = ["LGL", "GeoWebNews"]


def annotate(corpus_dir):
    """Dateline's predictions {doc: [Toponym]} and the seconds it took."""
    texts = os.path.join(corpus_dir, "texts")
    started = time.perf_counter()
    out = subprocess.run([BIN, "annotate", "--format", "jsonl", "-j", "1", texts],
                         check=True, capture_output=True, text=True).stdout
    seconds = time.perf_counter() - started
    lines = []
    for line in out.splitlines():
        record = json.loads(line)
        lines.append(json.dumps({"doc": os.path.basename(record["source"]["path"]), "places": record["places"]}))
    path = os.path.join(BENCH, "results", "tmp", f"geo-{os.path.basename(corpus_dir)}.jsonl")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return geo_score.read_pred_jsonl(path), seconds, len(lines)


def run(data):
    result = {}
    for corpus in CORPORA:
        corpus_dir = os.path.join(data, "geo", corpus)
        gold = geo_score.read_gold(corpus_dir)
        scores = {}
        pred, seconds, docs = annotate(corpus_dir)
        scores["dateline"] = geo_score.score(gold, pred)
        for peer, path in sorted(geo_score.peer_files(corpus_dir).items()):
            scores[peer] = geo_score.score(gold, geo_score.read_peer(path))
        chars = sum(len(open(os.path.join(corpus_dir, "texts", d), encoding="utf-8").read()) for d in gold)
        result[corpus] = {"docs": docs, "chars": chars, "seconds": round(seconds, 3),
                          "ms_per_doc": round(seconds * 1000 / max(docs, 1), 3), "scores": scores}
    return result


def markdown(s):
    lines = ["### Geoparsing (geo suite)", "",
             "Recognition by overlapping spans, resolution by Acc@161 over the matched toponyms "
             "(`bench/geo_score.py`; peers' outputs as shipped with the corpora). "
             "Dateline: `dateline annotate -j 1` on every text.", ""]
    for corpus in CORPORA:
        if corpus not in s:
            continue
        c = s[corpus]
        lines += [f"**{corpus}** ({c['docs']} texts; Dateline {c['ms_per_doc']:.2f} ms per text on one core, "
                  f"process start and gazetteer load included)", "",
                  geo_score.markdown_table(c["scores"]), ""]
    return "\n".join(lines)
