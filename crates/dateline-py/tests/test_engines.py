"""The Spark and Dask examples, run for real and checked with DuckDB:
every record present, equal to `dateline extract` on the same WARC."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import dateline
from conftest import ROOT, cli_json

EXAMPLES = ROOT / "crates" / "dateline-py" / "examples"
FIELDS = ["title", "description", "site_name", "url", "language", "authors", "published",
          "modified", "tags", "categories", "text", "is_article", "reason"]


def check_parquet(glob, want, enriched=False):
    """The Parquet rows, keyed by source path, against the CLI's articles."""
    import duckdb

    con = duckdb.connect()
    rows = con.execute(
        f"SELECT source.path AS key, {', '.join(FIELDS)}, body, enriched, len(places) AS places, "
        f"provenance[1].input AS input, id FROM read_parquet('{glob}')"
    ).fetchall()
    names = [d[0] for d in con.description]
    got = {r[0]: dict(zip(names, r)) for r in rows}
    assert len(got) == len(rows) == len(want), "every record, once"
    assert len({r["id"] for r in got.values()}) == len(rows), "ids are unique"
    for article in want:
        key = article["source"]["path"]
        row = got[key]
        for field in FIELDS:
            assert row[field] == article[field], (key, field)
        assert [(b["kind"], b["text"]) for b in row["body"]] == [
            (b["kind"], b["text"]) for b in article["body"]]
        assert row["input"] == key
        assert row["enriched"] is enriched
        if enriched:
            assert row["places"] == len(article["places"])


def run(*args, timeout=600):
    env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1", PYSPARK_PYTHON=sys.executable)
    done = subprocess.run([sys.executable, *map(str, args)], capture_output=True, env=env,
                          timeout=timeout)
    assert done.returncode == 0, done.stderr.decode()[-4000:]
    return done


def need(module):
    pytest.importorskip(module)
    if module == "pyspark" and not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        pytest.skip("no Java for Spark")


def test_spark_job_on_warcs_equals_the_cli(cli, warc_dir, tmp_path):
    need("pyspark")
    warcs = sorted(warc_dir.glob("*.warc.gz"))
    out = tmp_path / "articles.parquet"
    run(EXAMPLES / "spark_extract.py", "--master", "local[2]", "--enrich",
        "--warc", *warcs, "--out", out)
    want = cli_json(cli, "extract", "--enrich", *warcs)
    check_parquet(f"{out}/*.parquet", want, enriched=True)


def test_spark_job_on_a_parquet_of_pages(cli, warc_dir, tmp_path):
    need("pyspark")
    import pyarrow.parquet as pq

    warcs = sorted(warc_dir.glob("*.warc.gz"))
    pages = dateline.pages_batch(dateline.read_records([str(p) for p in warcs]))
    pq.write_table(pages_table(pages), tmp_path / "pages.parquet")
    out = tmp_path / "articles.parquet"
    run(EXAMPLES / "spark_extract.py", "--master", "local[2]",
        "--pages", tmp_path / "pages.parquet", "--out", out)
    want = cli_json(cli, "extract", *warcs)
    check_parquet(f"{out}/*.parquet", want)


def pages_table(batch):
    import pyarrow as pa

    return pa.Table.from_batches([batch])


def test_dask_job_equals_the_cli(cli, warc_dir, tmp_path):
    need("dask")
    warcs = sorted(warc_dir.glob("*.warc.gz"))
    out = tmp_path / "articles"
    run(EXAMPLES / "dask_extract.py", "--workers", "2", "--warc", *warcs, "--out", out)
    want = cli_json(cli, "extract", *warcs)
    check_parquet(f"{out}/*.parquet", want)
