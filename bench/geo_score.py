"""The geoparsing metrics of ../shared/bench/README.md, for the corpora in
../shared/bench/geo/ (LGL/ and GeoWebNews/).

Formats
-------
A corpus directory holds `texts/<n>` (UTF-8 text of document n, n from 0),
`gold.txt` and `peers/<Peer>.txt`. In gold.txt and the peer files line n is
document n; an empty line means no toponyms. A line is a list of toponyms,
each followed by `||`; the fields of a toponym are separated by `,,`:

    name,,surface,,lat,,lon,,start,,end

(LGL's gold has a 7th numeric field, ignored). Only `,,` separates fields:
names may contain single commas (Yahoo: "Alexandria, LA"), and "No Gaz" is a
placeholder name. `start`/`end` are Unicode code-point offsets into the text,
end-exclusive. lat/lon may be empty (Edinburgh leaves some toponyms
unresolved). Two GeoWebNews gold toponyms (document 19) have negative
offsets; they are kept as they are, so they count as gold but can never be
matched.

Our system's predictions are JSON lines, one per document:

    {"doc": "<n>", "places": [{"start": int, "end": int, "lat": float, "lon": float, ...}]}

Other keys are ignored; a missing or null lat/lon makes the place
unresolved; documents missing from the file predict nothing.

Metric
------
Recognition: within each document, gold and predicted toponyms are matched
one to one; a pair may match only when their character spans overlap. Gold
toponyms are taken in text order (start, end, then file order) and each takes
the earliest-starting still unmatched overlapping prediction (rule
"earliest"). Precision = matched / predicted, recall = matched / gold, F1 their
harmonic mean, all micro-averaged over the corpus.

Resolution, for matched pairs: the great-circle (haversine) distance between
predicted and gold coordinates, earth radius 6371.0088 km (the mean radius).
Acc@161 is the share of resolved pairs within 161 km (< 161); mean and
median km are over the same pairs. A matched prediction without coordinates
is "unresolved": it counts for recognition but is left out of Acc@161, mean
and median, as the README's published figures require (Edinburgh, the only
peer with such predictions, has its stated 0.802 on LGL only that way; counting
them as misses gives 0.552). So that leaving coordinates out cannot flatter a
system, `acc161_all` counts unresolved pairs as misses (> 161 km) and
`unresolved` reports how many there were.

Why "earliest": with all peers, this rule reproduces the README's figures
(LGL best F1 0.732 Stanford NER, best Acc@161 0.802 Edinburgh; GeoWebNews best
F1 0.761 Stanford NER, best Acc@161 0.932 CLAVIN). Taking instead the
overlapping prediction with the largest overlap (rule "largest", ties to the
earliest) re-pairs 85 of the peers' matches over both corpora (48 of them
TopoCluster's, whose spans overlap each other) and leaves every stated figure
unchanged but one: Edinburgh's LGL Acc@161 becomes 1463/1822 = 0.803 instead
of 1462/1822 = 0.802, because for gold "Sri Lanka" in LGL document 22
Edinburgh predicts "Sri" (placed in Indonesia) and "Lanka" (in Sri Lanka)
separately, and the README's figure pairs the gold with "Sri". Letting a
prediction match several gold toponyms does not reproduce the figures (LGL
Stanford NER F1 0.735, and Yahoo would lead GeoWebNews with 0.765); neither
does exact span matching (Stanford NER F1 0.677 on LGL, 0.740 on GeoWebNews).

Usage as a library (bench/run.py imports it from the bench folder):
    gold = read_gold(corpus_dir); pred = read_peer(path) or read_pred_jsonl(path)
    metrics = score(gold, pred)
Usage as a command:
    python3 bench/geo_score.py --corpus DIR (--pred FILE.jsonl | --peer NAME | --all-peers) [--json] [--match RULE]
prints a markdown table sorted by F1 (or, with --json, the same results as JSON).
"""
import argparse
import json
import math
import os
import statistics
import sys
from typing import NamedTuple, Optional

EARTH_RADIUS_KM = 6371.0088
ACC_KM = 161.0
RULES = ("earliest", "largest")


class Toponym(NamedTuple):
    start: int
    end: int
    lat: Optional[float]
    lon: Optional[float]
    name: str = ""
    surface: str = ""


# ---------------------------------------------------------------- reading

def _float_or_none(field):
    field = field.strip()
    return float(field) if field else None


def parse_line(line):
    """One line of gold.txt or of a peer file -> list of Toponym."""
    toponyms = []
    for record in line.split("||"):
        if not record.strip():
            continue
        fields = record.split(",,")
        if len(fields) < 6:
            raise ValueError(f"toponym with fewer than 6 fields: {record!r}")
        name, surface, lat, lon, start, end = fields[:6]
        toponyms.append(Toponym(int(start), int(end), _float_or_none(lat),
                                _float_or_none(lon), name, surface))
    return toponyms


def read_toponym_file(path):
    """gold.txt or a peer file -> {"0": [Toponym, ...], "1": ...} (line n = document n)."""
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()  # the terminator of the last line, not an extra document
    return {str(n): parse_line(line.rstrip("\r")) for n, line in enumerate(lines)}


def read_gold(corpus_dir):
    """The gold toponyms of a corpus directory, {doc id: [Toponym, ...]}."""
    gold = read_toponym_file(os.path.join(corpus_dir, "gold.txt"))
    texts = os.path.join(corpus_dir, "texts")
    if os.path.isdir(texts) and len(os.listdir(texts)) != len(gold):
        raise ValueError(f"{corpus_dir}: {len(gold)} gold lines but "
                         f"{len(os.listdir(texts))} texts")
    return gold


def read_peer(path):
    """A peer's predictions (same format as gold.txt), {doc id: [Toponym, ...]}."""
    return read_toponym_file(path)


def _coordinate(place, key):
    value = place.get(key)
    return None if value is None else float(value)


def read_pred_jsonl(path):
    """Our predictions, one JSON object per document -> {doc id: [Toponym, ...]}."""
    docs = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            obj = json.loads(line)
            doc = str(obj["doc"])
            if doc in docs:
                raise ValueError(f"{path}:{number}: document {doc} appears twice")
            docs[doc] = [Toponym(int(p["start"]), int(p["end"]),
                                 _coordinate(p, "lat"), _coordinate(p, "lon"),
                                 str(p.get("name") or ""), str(p.get("surface") or ""))
                         for p in obj.get("places") or []]
    return docs


def peer_files(corpus_dir):
    """{peer name: path} for every file in corpus_dir/peers/."""
    peers = os.path.join(corpus_dir, "peers")
    return {os.path.splitext(name)[0]: os.path.join(peers, name)
            for name in sorted(os.listdir(peers))
            if os.path.isfile(os.path.join(peers, name))}


# ---------------------------------------------------------------- scoring

def overlap(a, b):
    """Number of characters shared by the spans of a and b (<= 0: disjoint)."""
    return min(a.end, b.end) - max(a.start, b.start)


def _text_order(toponyms):
    return sorted(range(len(toponyms)),
                  key=lambda i: (toponyms[i].start, toponyms[i].end, i))


def match(gold, pred, rule="earliest"):
    """One document's matched (gold, predicted) pairs; see the module docstring."""
    if rule not in RULES:
        raise ValueError(f"unknown matching rule {rule!r}")
    free = _text_order(pred)  # unmatched predictions, in text order
    pairs = []
    for gi in _text_order(gold):
        g = gold[gi]
        candidates = [pi for pi in free if overlap(g, pred[pi]) > 0]
        if not candidates:
            continue
        if rule == "earliest":
            pi = candidates[0]
        else:  # max() keeps the first (earliest) of equal overlaps
            pi = max(candidates, key=lambda i: overlap(g, pred[i]))
        free.remove(pi)
        pairs.append((g, pred[pi]))
    return pairs


def haversine_km(lat1, lon1, lat2, lon2):
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((phi2 - phi1) / 2) ** 2
         + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def score(gold_docs, pred_docs, rule="earliest"):
    """{doc id: [Toponym]} x 2 -> dict of corpus metrics (None where undefined)."""
    unknown = set(pred_docs) - set(gold_docs)
    if unknown:
        raise ValueError(f"predictions for documents not in the gold: {sorted(unknown)[:5]}")
    n_gold = n_pred = matched = unresolved = 0
    distances = []
    for doc, gold in gold_docs.items():
        pred = pred_docs.get(doc, [])
        n_gold += len(gold)
        n_pred += len(pred)
        for g, p in match(gold, pred, rule):
            matched += 1
            if p.lat is None or p.lon is None:
                unresolved += 1
            elif g.lat is not None and g.lon is not None:
                distances.append(haversine_km(g.lat, g.lon, p.lat, p.lon))
    precision = matched / n_pred if n_pred else 0.0
    recall = matched / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    within = sum(1 for d in distances if d < ACC_KM)
    return {
        "documents": len(gold_docs),
        "gold": n_gold,
        "predicted": n_pred,
        "matched": matched,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "resolved": len(distances),
        "unresolved": unresolved,
        "acc161": within / len(distances) if distances else None,
        "acc161_all": within / (len(distances) + unresolved) if distances or unresolved else None,
        "mean_km": statistics.fmean(distances) if distances else None,
        "median_km": statistics.median(distances) if distances else None,
    }


# ---------------------------------------------------------------- output

def _fmt(value, digits):
    return "–" if value is None else f"{value:.{digits}f}"


def markdown_table(results):
    """{system: metrics} -> markdown table, best F1 first."""
    rows = sorted(results.items(), key=lambda kv: (-kv[1]["f1"], kv[0]))
    lines = ["| system | P | R | F1 | Acc@161 | Acc@161 (all) | mean km | median km "
             "| predicted | matched | unresolved |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, m in rows:
        lines.append(
            f"| {name} | {_fmt(m['precision'], 3)} | {_fmt(m['recall'], 3)} "
            f"| {_fmt(m['f1'], 3)} | {_fmt(m['acc161'], 3)} | {_fmt(m['acc161_all'], 3)} "
            f"| {_fmt(m['mean_km'], 0)} | {_fmt(m['median_km'], 1)} "
            f"| {m['predicted']} | {m['matched']} | {m['unresolved']} |")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", required=True, help="corpus directory (e.g. .../geo/LGL)")
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--pred", help="our predictions, JSON lines")
    what.add_argument("--peer", help="score DIR/peers/NAME.txt")
    what.add_argument("--all-peers", action="store_true", help="score every file in DIR/peers/")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    parser.add_argument("--match", choices=RULES, default="earliest",
                        help="matching rule (default: earliest, which reproduces the README)")
    args = parser.parse_args(argv)

    gold = read_gold(args.corpus)
    peers = peer_files(args.corpus)
    if args.pred:
        systems = {os.path.basename(args.pred): read_pred_jsonl(args.pred)}
    elif args.peer:
        if args.peer not in peers:
            parser.error(f"no peer {args.peer!r}; available: {', '.join(peers)}")
        systems = {args.peer: read_peer(peers[args.peer])}
    else:
        systems = {name: read_peer(path) for name, path in peers.items()}
    results = {name: score(gold, pred, args.match) for name, pred in systems.items()}

    if args.json:
        json.dump({"corpus": os.path.abspath(args.corpus), "match": args.match,
                   "results": results}, sys.stdout, indent=2)
        print()
    else:
        print(f"{os.path.basename(os.path.normpath(args.corpus))}: "
              f"{len(gold)} documents, {sum(map(len, gold.values()))} gold toponyms, "
              f"match rule {args.match!r}\n")
        print(markdown_table(results))


if __name__ == "__main__":
    main()
