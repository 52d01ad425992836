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

It also measures what enrichment costs per news article, in process:
`dateline-enrich-throughput` extracts the 181 scrapinghub pages once, then
enriches their texts in a loop on one pinned core (places, focus, entities,
quantities, language), for at least 3 seconds.
"""
import json
import os
import subprocess
import sys
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
BIN = os.path.join(ROOT, "target", "release", "dateline")
ENRICH_THROUGHPUT = os.path.join(ROOT, "target", "release", "dateline-enrich-throughput")
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


def enrich_cost(data):
    """Articles enriched per second on one core, and ms per article."""
    pages = os.path.join(data, "scrapinghub", "html")
    core = sorted(os.sched_getaffinity(0))[-1]
    out = subprocess.run(["taskset", "-c", str(core), ENRICH_THROUGHPUT, pages, "--min-seconds", "3"],
                         check=True, capture_output=True, text=True).stdout
    r = json.loads(out.strip().splitlines()[-1])
    return {"articles": r["pages"], "articles_per_second": round(r["pages_per_sec"], 1),
            "ms_per_article": round(1000 / r["pages_per_sec"], 3), "max_ms": round(r["max_ms"], 2), "core": core}


def run(data):
    result = {"enrich_cost": enrich_cost(data)}
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
    cost = s.get("enrich_cost")
    if cost:
        lines += [f"Enrichment in process, one core: {cost['articles_per_second']:,.0f} news articles/s, "
                  f"{cost['ms_per_article']:.2f} ms per article (the 181 scrapinghub articles; "
                  f"slowest {cost['max_ms']:.1f} ms; `dateline-enrich-throughput`).", ""]
    for corpus in CORPORA:
        if corpus not in s:
            continue
        c = s[corpus]
        lines += [f"**{corpus}** ({c['docs']} texts; Dateline {c['ms_per_doc']:.2f} ms per text on one core, "
                  f"process start and gazetteer load included)", "",
                  geo_score.markdown_table(c["scores"]), ""]
    return "\n".join(lines)
