"""The WCXB metric (`../shared/bench/README.md`, "The WCXB metric").

    python3 bench/wcxb_score.py WCXB_DIR PREDICTIONS.jsonl [-v] [--type T] [--worst N]

Body: word-level F1 per page, averaged over pages. Tokens are the
lower-cased matches of `\\w+`, compared as multisets; precision = overlap /
predicted words, recall = overlap / true words; a page with an empty truth
scores 1 when the prediction is empty too, else 0; an empty prediction
scores 0. Reported overall and per page type (`_internal.page_type.primary`).

Snippets: the share of `with` snippets found in the prediction and of
`without` snippets wrongly kept; a snippet is found when its token sequence
(as above) occurs contiguously in the prediction's tokens.

Metadata agreement, each over the pages whose truth has the field:
- title: equal after NFKC, case folding and punctuation/whitespace removal;
- author: the predicted authors joined, or the expected byline, equal after
  the same normalisation with a leading "by" and the words joining names
  ("and", "&") dropped; or one contains the other as whole words when the
  extra words are degrees or roles after a comma ("Jane Doe, MS, RD"):
  credentials are not part of the name;
- date: the `YYYY-MM-DD` prefix equal (a truth of `YYYY-MM` needs that prefix).
"""
import argparse
import collections
import json
import os
import re
import sys
import unicodedata

WORD = re.compile(r"\w+")


def tokens(text):
    return [t.lower() for t in WORD.findall(text or "")]


def word_f1(truth, pred):
    t, p = tokens(truth), tokens(pred)
    if not t:
        return (1.0, 1.0, 1.0) if not p else (0.0, 0.0, 0.0)
    if not p:
        return (0.0, 0.0, 0.0)
    overlap = sum((collections.Counter(t) & collections.Counter(p)).values())
    precision, recall = overlap / len(p), overlap / len(t)
    f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return precision, recall, f1


def contains(haystack, needle):
    """True when the token list `needle` occurs contiguously in `haystack`."""
    if not needle:
        return False
    first, n = needle[0], len(needle)
    for i, tok in enumerate(haystack):
        if tok == first and haystack[i:i + n] == needle:
            return True
    return False


def norm(text):
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def author_key(text):
    words = norm(text).split()
    if words[:1] == ["by"]:
        words = words[1:]
    return " ".join(w for w in words if w not in ("and", "&"))


def author_agrees(pred_authors, truth):
    pred = author_key(", ".join(pred_authors or []))
    want = author_key(truth)
    if not pred:
        return False
    if pred == want:
        return True
    # "Jane Doe, MS, RD" against "Jane Doe": the name, then credentials.
    first = author_key(truth.split(",")[0])
    return pred == first and len(first.split()) >= 2


def title_agrees(pred, truth):
    return bool(norm(pred)) and norm(pred) == norm(truth)


def date_agrees(pred, truth):
    return bool(pred) and pred[: len(truth)] == truth[: min(len(truth), 10)]


def load_truth(wcxb):
    truth = {}
    folder = os.path.join(wcxb, "ground-truth")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".json"):
            continue
        d = json.load(open(os.path.join(folder, name), encoding="utf-8"))
        g = d["ground_truth"]
        truth[name[:-5]] = {
            "url": d.get("url"),
            "type": d["_internal"]["page_type"]["primary"],
            "text": g.get("main_content") or "",
            "with": g.get("with") or [],
            "without": g.get("without") or [],
            "title": g.get("title"),
            "author": g.get("author"),
            "date": g.get("publish_date"),
        }
    return truth


def load_predictions(path):
    preds = {}
    for line in open(path, encoding="utf-8"):
        if line.strip():
            obj = json.loads(line)
            preds[obj["id"]] = obj
    return preds


def score(truth, preds):
    """Scores every page; returns the summary and the per-page rows."""
    rows = {}
    for pid, t in truth.items():
        p = preds.get(pid) or {}
        text = p.get("text") or ""
        toks = tokens(text)
        precision, recall, f1 = word_f1(t["text"], text)
        rows[pid] = {
            "type": t["type"], "precision": precision, "recall": recall, "f1": f1, "empty": not toks,
            "with_found": sum(contains(toks, tokens(s)) for s in t["with"]), "with_total": len(t["with"]),
            "without_kept": sum(contains(toks, tokens(s)) for s in t["without"]),
            "without_total": len(t["without"]),
            "title": None if not t["title"] else title_agrees(p.get("title"), t["title"]),
            "author": None if not t["author"] else author_agrees(p.get("authors"), t["author"]),
            "date": None if not t["date"] else date_agrees(p.get("published"), t["date"]),
        }
    return summarise(rows), rows


def summarise(rows):
    def block(rs):
        n = len(rs)
        if not n:
            return {}
        mean = lambda k: round(sum(r[k] for r in rs) / n, 4)  # noqa: E731
        with_total = sum(r["with_total"] for r in rs)
        without_total = sum(r["without_total"] for r in rs)
        out = {"pages": n, "f1": mean("f1"), "precision": mean("precision"), "recall": mean("recall"),
               "empty": sum(r["empty"] for r in rs),
               "with_found": round(sum(r["with_found"] for r in rs) / with_total, 4) if with_total else None,
               "without_kept": round(sum(r["without_kept"] for r in rs) / without_total, 4) if without_total else None}
        for field in ("title", "author", "date"):
            judged = [r[field] for r in rs if r[field] is not None]
            out[field] = round(sum(judged) / len(judged), 4) if judged else None
            out[f"{field}_pages"] = len(judged)
        return out

    all_rows = list(rows.values())
    by_type = collections.defaultdict(list)
    for r in all_rows:
        by_type[r["type"]].append(r)
    return {"all": block(all_rows), "by_type": {t: block(rs) for t, rs in sorted(by_type.items())}}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("wcxb", help="the wcxb folder (ground-truth/ inside)")
    parser.add_argument("predictions", help="JSONL {id, title, authors, published, text}")
    parser.add_argument("-v", action="store_true", help="list metadata disagreements")
    parser.add_argument("--type", help="worst pages of this page type only")
    parser.add_argument("--worst", type=int, default=15, help="how many worst pages to list")
    args = parser.parse_args()
    truth = load_truth(args.wcxb)
    preds = load_predictions(args.predictions)
    summary, rows = score(truth, preds)
    print("type           pages   F1     P      R      empty  with   without title  author date")
    for name, s in [("all", summary["all"]), *summary["by_type"].items()]:
        print(f"{name:<14} {s['pages']:>5}  {s['f1']:.3f}  {s['precision']:.3f}  {s['recall']:.3f}  {s['empty']:>5}"
              f"  {s['with_found'] or 0:.3f}  {s['without_kept'] or 0:.3f}  {s['title'] or 0:.3f}  "
              f"{s['author'] or 0:.3f}  {s['date'] or 0:.3f}")
    pick = [(k, r) for k, r in rows.items() if not args.type or r["type"] == args.type]
    print("\nworst pages:")
    for k, r in sorted(pick, key=lambda kv: kv[1]["f1"])[: args.worst]:
        print(f"  {k} {r['type']:<13} F1 {r['f1']:.3f} P {r['precision']:.3f} R {r['recall']:.3f}")
    if args.v:
        for k, r in rows.items():
            if args.type and r["type"] != args.type:
                continue
            p = preds.get(k) or {}
            t = truth[k]
            for field, got in (("title", p.get("title")), ("author", p.get("authors")), ("date", p.get("published"))):
                if r[field] is False:
                    print(f"{k} {field}: got {got!r} want {t[field]!r}", file=sys.stdout)


if __name__ == "__main__":
    main()
