#!/usr/bin/env python3
"""Scores duplicate grouping against the truth of a `dateline-corpus` corpus.

Usage: python3 bench/dedup_score.py TRUTH.jsonl EXPORT.jsonl [--dir] [--only-ingested]

TRUTH.jsonl is the corpus's `truth.jsonl` (one line per record: `n`,
`record_id`, `path`, `url`, `story`, `kind` in original/exact/near/skip).
EXPORT.jsonl is `dateline export --format jsonl`: one article per line with
`id`, `cluster_id` and `provenance` (a list of `{input, locator, url,
fetched}`). Every provenance entry is mapped to its truth document: by
`locator` (the WARC-Record-ID) or, with `--dir` (directory ingests, where the
locator is empty), by the `pages/<nnnn>/<n>.html.gz` suffix of `input`.
Each mapped document's predicted cluster is its article's `cluster_id`.

Pairwise clustering metrics over the truth's HTML documents:
  pairs_true  pairs of documents of the same story,
  pairs_pred  pairs of ingested documents in the same predicted cluster,
  pairs_both  pairs in both; precision = both/pred, recall = both/true.
A document missing from the export (not stored, or failed) is in no
predicted pair, so it costs recall; with `--only-ingested` the true pairs
count only documents present in the export (grouping quality alone). `by_kind` gives, per copy kind, how many
copies share a cluster with their original (copy-original pairs), and for
originals how many landed in a cluster holding another story's document.

Prints one JSON object: {precision, recall, f1, pairs_true, pairs_pred,
pairs_both, docs, mapped, missing, unmatched, skip_ingested, by_kind}.
"""

import json
import sys
from collections import Counter, defaultdict

USAGE = "usage: python3 bench/dedup_score.py TRUTH.jsonl EXPORT.jsonl [--dir] [--only-ingested]"


def pairs(count):
    return count * (count - 1) // 2


def path_key(path):
    """The `pages/<nnnn>/<n>.html.gz` tail of a path (either slash)."""
    parts = path.replace("\\", "/").split("/")
    return "/".join(parts[-3:])


def load_truth(path):
    docs = {}  # n -> (story, kind)
    by_record = {}  # record id -> n
    by_path = {}  # pages/... -> n
    skips = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            t = json.loads(line)
            n = t["n"]
            if t.get("record_id"):
                by_record[t["record_id"]] = n
            if t.get("path"):
                by_path[path_key(t["path"])] = n
            if t["kind"] == "skip":
                skips.add(n)
            else:
                docs[n] = (t["story"], t["kind"])
    return docs, by_record, by_path, skips


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    flags = {a for a in argv if a.startswith("--")}
    if len(args) != 2 or flags - {"--dir", "--only-ingested"}:
        sys.exit(USAGE)
    by_dir = "--dir" in flags
    docs, by_record, by_path, skips = load_truth(args[0])

    predicted = {}  # n -> cluster key
    unmatched = 0  # provenance entries that map to no truth document
    skip_ingested = 0
    articles = 0
    with open(args[1], encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            a = json.loads(line)
            articles += 1
            cluster = a.get("cluster_id")
            if cluster is None:
                cluster = ("article", a.get("id"))
            for p in a.get("provenance") or []:
                n = None
                if by_dir:
                    n = by_path.get(path_key(p.get("input") or ""))
                else:
                    n = by_record.get(p.get("locator") or "")
                    if n is None:  # fall back on the file path
                        n = by_path.get(path_key(p.get("input") or ""))
                if n is None:
                    unmatched += 1
                elif n in skips:
                    skip_ingested += 1
                elif n not in predicted:
                    predicted[n] = cluster

    counted = predicted if "--only-ingested" in flags else docs
    story_sizes = Counter(docs[n][0] for n in counted)
    pairs_true = sum(pairs(c) for c in story_sizes.values())
    cluster_sizes = Counter(predicted.values())
    pairs_pred = sum(pairs(c) for c in cluster_sizes.values())
    both = Counter((predicted[n], docs[n][0]) for n in predicted)
    pairs_both = sum(pairs(c) for c in both.values())

    precision = pairs_both / pairs_pred if pairs_pred else 1.0
    recall = pairs_both / pairs_true if pairs_true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    # Per kind: copies sharing a cluster with their original; originals
    # whose cluster holds another story's document.
    original_of = {story: n for n, (story, kind) in docs.items() if kind == "original"}
    stories_in = defaultdict(set)
    for n, cluster in predicted.items():
        stories_in[cluster].add(docs[n][0])
    by_kind = {}
    for kind in ("original", "exact", "near"):
        members = [n for n, (_, k) in docs.items() if k == kind]
        entry = {"docs": len(members), "missing": sum(1 for n in members if n not in predicted)}
        if kind == "original":
            entry["merged_with_other_story"] = sum(
                1 for n in members if n in predicted and len(stories_in[predicted[n]]) > 1
            )
        else:
            found = 0
            for n in members:
                o = original_of.get(docs[n][0])
                if n in predicted and o in predicted and predicted[n] == predicted[o]:
                    found += 1
            entry["found"] = found
            entry["recall"] = found / len(members) if members else 1.0
        by_kind[kind] = entry

    print(
        json.dumps(
            {
                "precision": round(precision, 6),
                "recall": round(recall, 6),
                "f1": round(f1, 6),
                "pairs_true": pairs_true,
                "pairs_pred": pairs_pred,
                "pairs_both": pairs_both,
                "docs": len(docs),
                "articles": articles,
                "mapped": len(predicted),
                "missing": len(docs) - len(predicted),
                "unmatched": unmatched,
                "skip_ingested": skip_ingested,
                "by_kind": by_kind,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
