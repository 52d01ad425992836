"""The body metric of ../shared/bench/README.md (the public article-extraction
benchmark's): 4-token shingles of `\\w+` tokens, per-page normalised TP/FP/FN,
precision and recall averaged over pages, F1 of the averages, and accuracy as
the share of pages whose token sequences are exactly equal.

Usage as a library: `score_pages({id: (true_text, predicted_text)})`.
Usage as a command: `python3 score.py GROUND_TRUTH.json PREDICTIONS.jsonl`
where each prediction line is `{"id": ..., "text": ...}`.
"""
import json
import re
import sys
from collections import Counter

TOKEN = re.compile(r"\w+")


def tokens(text):
    return TOKEN.findall(text or "")


def shingles(toks, n=4):
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def page_counts(true_text, pred_text):
    """Normalised (tp, fp, fn) of one page."""
    t, p = shingles(tokens(true_text)), shingles(tokens(pred_text))
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def page_pr(tp, fp, fn):
    """Per-page precision and recall with the README's edge rules (None = not averaged)."""
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    precision = None if tp + fp == 0 else tp / (tp + fp)
    recall = None if tp + fn == 0 else tp / (tp + fn)
    return precision, recall


def score_pages(pairs):
    """pairs: {id: (true_text, predicted_text)} -> dict of metrics."""
    precisions, recalls, exact = [], [], 0
    per_page = {}
    for key, (true_text, pred_text) in pairs.items():
        tp, fp, fn = page_counts(true_text, pred_text)
        p, r = page_pr(tp, fp, fn)
        if p is not None:
            precisions.append(p)
        if r is not None:
            recalls.append(r)
        if tokens(true_text) == tokens(pred_text):
            exact += 1
        f = 0.0 if not p or not r else 2 * p * r / (p + r)
        per_page[key] = {"precision": p, "recall": r, "f1": f}
    P = sum(precisions) / len(precisions) if precisions else 0.0
    R = sum(recalls) / len(recalls) if recalls else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    return {
        "pages": len(pairs),
        "precision": P,
        "recall": R,
        "f1": F,
        "accuracy": exact / len(pairs) if pairs else 0.0,
        "per_page": per_page,
    }


def main():
    truth = json.load(open(sys.argv[1]))
    preds = {}
    for line in open(sys.argv[2]):
        if line.strip():
            obj = json.loads(line)
            preds[obj["id"]] = obj.get("text") or ""
    pairs = {k: (v["articleBody"], preds.get(k, "")) for k, v in truth.items()}
    result = score_pages(pairs)
    worst = sorted(result.pop("per_page").items(), key=lambda kv: kv[1]["f1"])[:15]
    print(json.dumps(result, indent=1))
    for key, s in worst:
        print(f"{s['f1']:.3f} P={s['precision']} R={s['recall']} {key}")


if __name__ == "__main__":
    main()
