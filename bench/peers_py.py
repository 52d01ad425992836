"""Python peers behind the same interface as the Rust bench binaries.

    python peers_py.py TOOL predict    INPUTS... [--urls U.json] [--out F.jsonl] [--id stem|name]
    python peers_py.py TOOL throughput INPUTS... [--urls U.json] [--min-seconds S] [--min-rounds N]
    python peers_py.py TOOL info

TOOL is `trafilatura` (body + metadata), `trafilatura-metadata` (the same
extract() call with `with_metadata=True`, for speed), `htmldate-fast` or
`htmldate-extensive` (publication date only; `-original` variants
add `original_date=True`), or `resiliparse` (main-content text only,
`extract_plain_text(html, main_content=True)`; it gives no metadata). Pages are loaded as the Rust
side loads them (`crates/dateline-bench/src/pages.rs`): a folder of
`.html`, `.html.gz`, `.txt` files or of `<name>/source.html` folders.
Plain-text dumps (`.txt`) are wrapped into a minimal HTML page, one `<p>` per
line, since these tools only read HTML.
"""
import argparse
import gzip
import html as htmllib
import json
import os
import sys
import time

# The options used, recorded in the results.
TRAFILATURA_OPTIONS = {
    "extract": "trafilatura.extract(html, url=url, include_comments=False, include_tables=True)"
               " (favor_precision/favor_recall off, fast=False: fallbacks on)",
    "metadata": "trafilatura.extract_metadata(html, default_url=url) (extensive date search, the default)",
}
HTMLDATE_OPTIONS = {
    "htmldate-fast": "htmldate.find_date(html, url=url, extensive_search=False) (original_date=False, the default)",
    "htmldate-extensive": "htmldate.find_date(html, url=url, extensive_search=True) (original_date=False, the default)",
    "htmldate-fast-original": "htmldate.find_date(html, url=url, extensive_search=False, original_date=True)",
    "htmldate-extensive-original": "htmldate.find_date(html, url=url, extensive_search=True, original_date=True)",
}
RESILIPARSE_OPTIONS = {
    "extract": "resiliparse.extract.html2text.extract_plain_text(html, main_content=True)"
               " (alt_texts, links and form fields at their defaults; no metadata)",
}
TOOLS = ["trafilatura", "trafilatura-metadata", *HTMLDATE_OPTIONS, "resiliparse"]

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".txt", ".txt.gz")


def load_pages(inputs, urls_path=None, id_style="stem"):
    """[(id, path, url, bytes)] sorted by id, as pages.rs loads them."""
    urls = json.load(open(urls_path)) if urls_path else {}
    found = []
    for inp in inputs:
        if not os.path.exists(inp):
            sys.exit(f"error: no such file or folder: {inp}")
        if os.path.isdir(inp) and not os.path.isfile(os.path.join(inp, "source.html")):
            for name in sorted(os.listdir(inp)):
                path = os.path.join(inp, name)
                if os.path.isdir(path):
                    if os.path.isfile(os.path.join(path, "source.html")):
                        found.append(path)
                elif name.lower().endswith(PAGE_SUFFIXES):
                    found.append(path)
        else:
            found.append(inp)
    pages = []
    for path in found:
        if os.path.isdir(path):
            page_id, file = os.path.basename(path.rstrip("/")), os.path.join(path, "source.html")
        else:
            name = os.path.basename(path)
            page_id, file = name, path
            if id_style == "stem":
                for ext in (".gz", ".html", ".htm", ".xhtml", ".txt"):
                    if len(page_id) > len(ext) and page_id.lower().endswith(ext):
                        page_id = page_id[: -len(ext)]
        raw = open(file, "rb").read()
        if file.endswith(".gz"):
            raw = gzip.decompress(raw)
        pages.append({"id": page_id, "path": file, "url": urls.get(page_id), "bytes": raw})
    pages.sort(key=lambda p: p["id"])
    return pages


def wrap_text(text):
    """A plain-text dump as a minimal HTML page: every non-empty line a <p>."""
    paragraphs = "\n".join(f"<p>{htmllib.escape(line.strip())}</p>" for line in text.splitlines() if line.strip())
    return f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title></title></head><body>\n{paragraphs}\n</body></html>'


def prepare(page):
    """The tool's input: UTF-8 text when the bytes are valid UTF-8 (as the
    Rust peers get), else the raw bytes for the tool's own charset detection."""
    raw = page["bytes"]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if page["path"].endswith((".txt", ".txt.gz")):
        return wrap_text(text if text is not None else raw.decode("utf-8", "replace"))
    return text if text is not None else raw


def make_tool(tool):
    """(body_fn, predict_fn): body_fn(html, url) -> text length (for timing),
    predict_fn(html, url) -> prediction dict (without id)."""
    if tool in ("trafilatura", "trafilatura-metadata"):
        import trafilatura
        with_metadata = tool == "trafilatura-metadata"

        def body(html, url):
            return trafilatura.extract(html, url=url, include_comments=False, include_tables=True,
                                       with_metadata=with_metadata) or ""

        def predict(html, url):
            start = time.perf_counter()
            text = body(html, url)
            ms = (time.perf_counter() - start) * 1000
            meta = trafilatura.extract_metadata(html, default_url=url)
            authors = [a.strip() for a in (meta.author or "").split(";") if a.strip()] if meta else []
            return {"title": meta.title if meta else None, "authors": authors,
                    "published": meta.date if meta else None, "text": text, "ms": ms}

        return (lambda html, url: len(body(html, url))), predict
    if tool in HTMLDATE_OPTIONS:
        from htmldate import find_date
        extensive = tool.startswith("htmldate-extensive")
        original = tool.endswith("-original")

        def date(html, url):
            if original:
                return find_date(html, url=url, extensive_search=extensive, original_date=True)
            return find_date(html, url=url, extensive_search=extensive)

        def predict(html, url):
            start = time.perf_counter()
            found = date(html, url)
            ms = (time.perf_counter() - start) * 1000
            return {"title": None, "authors": [], "published": found, "text": "", "ms": ms}

        return (lambda html, url: len(date(html, url) or "")), predict
    if tool == "resiliparse":
        from resiliparse.extract.html2text import extract_plain_text

        def body(html, url):
            if isinstance(html, bytes):
                from resiliparse.parse.encoding import bytes_to_str, detect_encoding
                html = bytes_to_str(html, detect_encoding(html))
            return extract_plain_text(html, main_content=True) or ""

        def predict(html, url):
            start = time.perf_counter()
            text = body(html, url)
            ms = (time.perf_counter() - start) * 1000
            return {"title": None, "authors": [], "published": None, "text": text, "ms": ms}

        return (lambda html, url: len(body(html, url))), predict
    sys.exit(f"error: unknown tool {tool}; known: {', '.join(TOOLS)}")


def versions():
    from importlib.metadata import version
    out = {}
    for name in ("trafilatura", "htmldate", "lxml", "justext", "charset-normalizer", "dateparser", "resiliparse"):
        try:
            out[name] = version(name)
        except Exception:  # noqa: BLE001 - a missing package is just reported absent
            pass
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tool", choices=TOOLS)
    parser.add_argument("mode", choices=["predict", "throughput", "info"])
    parser.add_argument("inputs", nargs="*")
    parser.add_argument("--urls")
    parser.add_argument("--out")
    parser.add_argument("--id", dest="id_style", choices=["stem", "name"], default="stem")
    parser.add_argument("--min-seconds", type=float, default=3.0)
    parser.add_argument("--min-rounds", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=1)
    args = parser.parse_args()

    if args.mode == "info":
        if args.tool == "trafilatura":
            options = TRAFILATURA_OPTIONS
        elif args.tool == "resiliparse":
            options = RESILIPARSE_OPTIONS
        elif args.tool == "trafilatura-metadata":
            options = {"extract": TRAFILATURA_OPTIONS["extract"].replace("include_tables=True", "include_tables=True, with_metadata=True")}
        else:
            options = {"date": HTMLDATE_OPTIONS[args.tool]}
        print(json.dumps({"name": args.tool, "versions": versions(), "options": options}))
        return
    if not args.inputs:
        sys.exit("error: no input folder or file given")
    pages = load_pages(args.inputs, args.urls, args.id_style)
    body, predict = make_tool(args.tool)

    if args.mode == "predict":
        out = open(args.out, "w") if args.out else sys.stdout
        total, errors = 0.0, 0
        for page in pages:
            html = prepare(page)
            try:
                pred = predict(html, page["url"])
            except Exception as exc:  # noqa: BLE001 - one page failing must not stop the run
                pred = {"title": None, "authors": [], "published": None, "text": "", "ms": 0.0,
                        "error": f"{type(exc).__name__}: {exc}"}
                errors += 1
            total += pred["ms"] / 1000
            out.write(json.dumps({"id": page["id"], **pred}, ensure_ascii=False) + "\n")
        out.flush()
        print(json.dumps({"pages": len(pages), "seconds": total, "errors": errors,
                          "pages_per_sec": len(pages) / total if total else 0.0}), file=sys.stderr)
        return

    # throughput: inputs prepared (decoded) before timing
    if not pages:
        sys.exit("error: no pages found")
    inputs = [(prepare(p), p["url"]) for p in pages]
    sink = 0
    for _ in range(args.warmup):
        sink += body(*inputs[0])
    start = time.perf_counter()
    rounds, max_ms = 0, 0.0
    while True:
        for html, url in inputs:
            one = time.perf_counter()
            try:
                sink += body(html, url)
            except Exception:  # noqa: BLE001 - counted as an empty extraction
                pass
            max_ms = max(max_ms, (time.perf_counter() - one) * 1000)
        rounds += 1
        seconds = time.perf_counter() - start
        if rounds >= args.min_rounds and seconds >= args.min_seconds:
            break
    print(json.dumps({"pages": len(pages), "rounds": rounds, "seconds": seconds,
                      "pages_per_sec": len(pages) * rounds / seconds,
                      "bytes": sum(len(p["bytes"]) for p in pages), "max_ms": max_ms, "checksum": sink}))


if __name__ == "__main__":
    main()
