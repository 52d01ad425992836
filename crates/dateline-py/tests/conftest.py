"""Shared fixtures: the repository, the `dateline` binary the package is
compared with, the bundled pages, and WARC files made from them."""

import gzip
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import warcs

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples" / "pages"
SEED = ROOT.parent / "shared" / "seed"


def dateline_bin():
    """The CLI: $DATELINE_BIN, else the workspace's debug or release build."""
    given = os.environ.get("DATELINE_BIN")
    candidates = [Path(given)] if given else []
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    candidates += [target / "debug" / "dateline", target / "release" / "dateline"]
    for path in candidates:
        path = path if path.is_absolute() else ROOT / path
        if path.is_file():
            return path
    pytest.skip("no dateline binary: run `cargo build -p dateline-cli` or set DATELINE_BIN")


@pytest.fixture(scope="session")
def cli():
    """Runs `dateline ARGS` and returns its stdout (bytes); fails on exit 2."""
    binary = dateline_bin()

    def run(*args, ok=(0,)):
        done = subprocess.run([str(binary), *map(str, args)], capture_output=True, cwd=ROOT)
        assert done.returncode in ok, done.stderr.decode()
        return done.stdout

    return run


def cli_json(cli, *args):
    """The JSON lines (or one pretty object) `dateline` printed."""
    out = cli(*args).decode()
    if out.lstrip().startswith("{") and "\n{" not in out.strip():
        return [json.loads(out)]
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def page_files():
    """The bundled example pages, and the seed's dumps when ../shared is here."""
    files = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".gz", ".txt", ".html"))
    if SEED.is_dir():
        files += sorted(SEED.glob("*.txt")) + sorted(SEED.glob("*.html*"))
    return files


def html_pages():
    """(name, html bytes) of the bundled HTML examples."""
    out = []
    for path in sorted(EXAMPLES.glob("*.html.gz")):
        out.append((path.name.removesuffix(".html.gz"), gzip.decompress(path.read_bytes())))
    return out


@pytest.fixture(scope="session")
def warc_dir(tmp_path_factory):
    """Three WARC files of the bundled HTML pages (each page under a URL of
    its own per file), with a request, a redirect and an image record that
    Dateline skips."""
    out = tmp_path_factory.mktemp("warcs")
    pages = html_pages()
    for n in range(3):
        records = [
            warcs.response(f"https://news.example/{n}/{name}", html)
            for name, html in pages
        ]
        records.insert(1, warcs.request(f"https://news.example/{n}/x"))
        records.append(warcs.response(f"https://news.example/{n}/moved", b"", status=301))
        records.append(
            warcs.response(f"https://news.example/{n}/a.png", b"\x89PNG", content_type="image/png")
        )
        warcs.write(out / f"crawl-{n}.warc.gz", records)
    return out


@pytest.fixture(scope="session")
def copy_examples(tmp_path_factory):
    """The example pages copied to a folder of their own."""
    out = tmp_path_factory.mktemp("pages")
    for path in page_files():
        shutil.copy(path, out / path.name)
    return out
