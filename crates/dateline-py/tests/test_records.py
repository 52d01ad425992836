"""`dateline.read_records` and the Arrow path against the CLI."""

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import dateline
from conftest import EXAMPLES, cli_json


def test_warc_records_are_the_cli_pages(cli, warc_dir):
    path = warc_dir / "crawl-0.warc.gz"
    records = dateline.read_records(str(path))
    pages = list(records)
    assert [r.url for r in pages] == [
        "https://news.example/0/cnn-asian-markets-2019-11-18",
        "https://news.example/0/jpost-weizsacker-2019-11-20",
        "https://news.example/0/wsj-google-stadia-2019-11-19",
    ]
    assert all(r.kind == "html" and r.charset == "utf-8" for r in pages)
    assert pages[0].locator.startswith("<urn:uuid:") and pages[0].source.startswith(str(path) + "@")
    assert b"<html" in pages[0].bytes[:200].lower()
    counts = records.counts()
    assert counts["yielded"] == 3 and counts["bad"] == 0
    assert counts["skipped"] == {"request": 1, "http-redirect": 1, "not-html": 1}
    want = cli_json(cli, "extract", path)
    assert [dateline.extract(r) for r in pages] == want


def test_broken_records_are_listed_not_raised(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text('{"html": "<p>One</p>", "url": "https://a.example/1"}\nnot json\n')
    records = dateline.read_records([str(path)])
    assert [r.url for r in records] == ["https://a.example/1"]
    assert len(records.errors) == 1 and "dump.jsonl:2" in records.errors[0]


def test_arrow_batch_equals_the_cli(cli, warc_dir):
    paths = sorted(warc_dir.glob("*.warc.gz"))
    want = cli_json(cli, "extract", *paths)
    batch = dateline.pages_batch(dateline.read_records([str(p) for p in paths]))
    out = dateline.extract_arrow(batch, threads=2)
    assert out.schema == dateline.arrow_schema()
    rows = out.to_pylist()
    assert len(rows) == len(want)
    for row, article in zip(rows, want):
        for field in ["title", "description", "site_name", "url", "language", "authors",
                      "published", "modified", "tags", "categories", "images", "body",
                      "text", "source", "is_article", "reason"]:
            assert row[field] == article[field], field
        assert row["provenance"][0]["input"] == article["source"]["path"]
        assert row["enriched"] is False and row["places"] == []


def test_arrow_events_are_the_cli_events(cli):
    # The seed's dump states events; the bundled HTML pages state none.
    path = EXAMPLES / "jpost-raqqa-2019-12-09.txt"
    want = cli_json(cli, "extract", "--enrich", "--events", path)
    out = dateline.extract_arrow(dateline.pages_batch(dateline.read_records(str(path))),
                                 enrich=True, events=True).to_pylist()
    assert sum(len(a["events"]) for a in want) > 0, "the seed states events"
    for row, article in zip(out, want):
        assert [(e["cameo"], e["verb"]) for e in row["events"]] == [
            (e["cameo"], e["verb"]["surface"]) for e in article["events"]]


def test_arrow_pages_of_strings_and_enrichment():
    dump = (EXAMPLES / "jpost-raqqa-2019-12-09.txt").read_text()
    batch = pa.record_batch({
        "id": pa.array([10, 11], pa.int64()),
        "text": pa.array([dump, None]),
    })
    out = dateline.extract_arrow(batch, enrich=True).to_pylist()
    assert [r["id"] for r in out] == [10, 11]
    assert out[0]["source"]["format"] == "text-dump" and out[0]["enriched"]
    assert any(p["surface"] == "Raqqa" for p in out[0]["places"])
    assert out[1]["is_article"] is False and out[1]["reason"]
    with pytest.raises(ValueError, match="page column"):
        dateline.extract_arrow(pa.record_batch({"url": ["x"]}))


def test_arrow_schema_is_the_parquet_export(cli, warc_dir, tmp_path):
    store = tmp_path / "store"
    cli("ingest", "--store", store, "-q", warc_dir / "crawl-0.warc.gz")
    out = tmp_path / "articles.parquet"
    cli("export", "--store", store, "--format", "parquet", "-o", out)
    exported = pq.read_schema(out)
    ours = dateline.arrow_schema()
    assert exported.names == ours.names
    for name in ours.names:
        assert exported.field(name).type == ours.field(name).type, name
