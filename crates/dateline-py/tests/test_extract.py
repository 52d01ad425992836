"""`dateline.extract` and friends against the CLI, field by field."""

import gzip
import os
import pydoc
import threading
import time

import pytest

import dateline
from conftest import EXAMPLES, cli_json, html_pages, page_files


def kind_of(path):
    return "text" if path.name.endswith((".txt", ".txt.gz")) else "html"


def assert_same(got, want, what):
    """Field by field, so that a difference names its field."""
    assert list(got) == list(want), f"{what}: fields differ"
    for field in want:
        assert got[field] == want[field], f"{what}: {field}"


@pytest.mark.parametrize("path", page_files(), ids=lambda p: p.name)
def test_extract_equals_the_cli(cli, path):
    want = cli_json(cli, "extract", path, "--format", "json")[0]
    record = next(iter(dateline.read_records(str(path))))
    assert_same(dateline.extract(record), want, path.name)
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    got = dateline.extract(raw, input=kind_of(path), path=want["source"]["path"])
    assert_same(got, want, path.name + " as bytes")


@pytest.mark.parametrize("path", page_files()[:2], ids=lambda p: p.name)
def test_enriched_extract_equals_the_cli(cli, path):
    want = cli_json(cli, "extract", path, "--format", "json", "--enrich")[0]
    record = next(iter(dateline.read_records(str(path))))
    got = dateline.extract(record, enrich=True)
    assert "places" in got and "entities" in got
    assert_same(got, want, path.name)


def test_events_equal_the_cli(cli):
    # The seed's dump states events (the bundled HTML pages, markets and
    # culture stories, state none the coder should code).
    path = EXAMPLES / "jpost-raqqa-2019-12-09.txt"
    want = cli_json(cli, "extract", path, "--format", "json", "--enrich", "--events")[0]
    record = next(iter(dateline.read_records(str(path))))
    got = dateline.extract(record, enrich=True, events=True)
    assert got["events"], "the page states events"
    assert_same(got, want, path.name)
    # On by default with enrichment, as in the CLI; events=False is
    # --no-events: the list is there, empty.
    assert dateline.extract(record, enrich=True)["events"] == got["events"]
    assert dateline.extract(record, enrich=True, events=False)["events"] == []


def test_a_page_from_memory_has_no_source_path():
    name, html = html_pages()[0]
    article = dateline.extract(html, url="https://news.example/story")
    assert article["source"] == {"path": None, "format": "html"}
    assert article["is_article"] and article["title"]
    # A str is the same page, already decoded.
    same = dateline.extract(html.decode("utf-8"), url="https://news.example/story")
    assert same == article


@pytest.mark.parametrize(
    "page",
    [b"", b"   ", bytes(range(256)) * 40, b"\x1f\x8b\x08\x00broken", "<html><body><div" * 5000,
     b"<html><head><title>Sign in</title></head><body><form>Password</form></body></html>",
     "\ud800".encode("utf-8", "surrogatepass")],
    ids=["empty", "blank", "binary", "bad-gzip", "deep-unclosed", "login", "bad-utf8"],
)
def test_bad_pages_give_an_article_with_a_reason(page):
    article = dateline.extract(page)
    assert article["is_article"] is False
    assert article["reason"], article


def test_bad_arguments_raise():
    with pytest.raises(ValueError, match="input"):
        dateline.extract(b"<p>x</p>", input="xml")
    with pytest.raises(TypeError, match="bytes, str or dateline.Record"):
        dateline.extract(42)
    with pytest.raises(ValueError, match="threads"):
        dateline.extract_many([b"<p>x</p>"], threads=0)
    with pytest.raises(ValueError, match="urls"):
        dateline.extract_many([b"<p>x</p>", b"<p>y</p>"], urls=["https://a.example/"])


def test_help_is_useful():
    text = pydoc.render_doc(dateline.extract)
    for words in ["dateline extract --format json", "is_article", "ValueError", "enrich"]:
        assert words in text
    assert "read_records" in pydoc.render_doc(dateline)
    assert dateline.__version__


def test_extract_many_equals_extract_in_order():
    pages = [html for _, html in html_pages()] * 3
    urls = [f"https://news.example/{i}" for i in range(len(pages))]
    many = dateline.extract_many(pages, urls, threads=2)
    assert many == [dateline.extract(p, url=u) for p, u in zip(pages, urls)]


def test_extract_many_of_a_folder_equals_the_cli(cli, copy_examples):
    want = cli_json(cli, "extract", copy_examples)
    records = list(dateline.read_records(str(copy_examples)))
    got = dateline.extract_many(records)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert_same(g, w, w["source"]["path"])


def thread_cpu():
    """CPU seconds of each thread of this process (Linux)."""
    out = {}
    for tid in os.listdir("/proc/self/task"):
        try:
            fields = open(f"/proc/self/task/{tid}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[tid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return out


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="needs Linux's /proc")
def test_extract_many_runs_on_two_cores_without_the_gil():
    pages = [html for _, html in html_pages()] * 40
    dateline.extract_many(pages[:4], threads=2)  # the pool is started
    before = thread_cpu()
    ticks = 0
    done = threading.Event()

    def work():
        dateline.extract_many(pages, threads=2)
        done.set()

    worker = threading.Thread(target=work)
    worker.start()
    # Python keeps running meanwhile: the GIL is released.
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    worker.join()
    after = thread_cpu()
    grown = sorted((after[t] - before.get(t, 0.0) for t in after), reverse=True)
    total = sum(grown)
    # Two threads share the work (the machine may be too busy to show a
    # 2x speedup, which bench/run measures): each did a good part of it.
    assert grown[1] > 0.25 * total, f"CPU seconds by thread: {grown[:4]}"
    assert ticks > 10


def test_annotate_equals_the_cli(cli, tmp_path):
    text = ("Russian forces entered Raqqa on Monday, the Syrian Democratic Forces said. "
            "About 2,000 troops crossed from Turkey near Tal Abyad.")
    path = tmp_path / "note.txt"
    path.write_text(text)
    want = cli_json(cli, "annotate", path, "--format", "json")[0]
    del want["source"]
    got = dateline.annotate(text)
    assert_same(got, want, "annotate")
    want = cli_json(cli, "annotate", path, "--format", "json", "--events")[0]
    del want["source"]
    assert_same(dateline.annotate(text, events=True), want, "annotate --events")
    assert any(p["surface"] == "Raqqa" and p["country_code"] == "SY" for p in got["places"])
