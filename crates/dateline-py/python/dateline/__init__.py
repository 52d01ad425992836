"""Dateline: news pages to clean, structured articles, from Python.

The engine is Dateline's Rust code (the same the ``dateline`` command
runs), compiled into this package; the GIL is released while it works.

- ``extract(page, url=None, *, input=None, enrich=False, path=None)``: one
  page (bytes, str or ``Record``) to the article JSON contract, as a dict.
- ``extract_many(pages, urls=None, threads=None, *, input=None,
  enrich=False)``: many pages on several cores.
- ``annotate(text)``: places, people, organisations, quantities, language.
- ``read_records(path)``: the pages of a WARC(.gz), JSONL, page file or
  folder, as ``Record`` objects.
- ``extract_arrow(batch, ...)`` and ``arrow_schema()``: a
  ``pyarrow.RecordBatch`` of pages to a batch of articles with the schema
  of ``dateline export --format parquet`` (Spark ``mapInArrow``, Dask
  ``map_partitions``); ``pages_batch(records)`` makes such a batch of
  pages from records.
"""

from ._dateline import (
    Record,
    Records,
    __version__,
    annotate,
    arrow_schema,
    extract,
    extract_arrow,
    extract_many,
    read_records,
)

__all__ = [
    "Record",
    "Records",
    "__version__",
    "annotate",
    "arrow_schema",
    "extract",
    "extract_arrow",
    "extract_many",
    "pages_batch",
    "read_records",
]


def pages_batch(records, ids=None):
    """A ``pyarrow.RecordBatch`` of pages from ``Record`` objects, with the
    columns ``extract_arrow`` reads: ``html`` (binary), ``input``, ``url``,
    ``charset``, ``source``, ``locator`` and ``date``; and ``id`` when
    ``ids`` (one int per record) are given.

    >>> batch = dateline.pages_batch(dateline.read_records("crawl.warc.gz"))
    >>> articles = dateline.extract_arrow(batch)
    """
    import pyarrow as pa

    records = list(records)
    columns = {
        "html": pa.array([r.bytes for r in records], pa.binary()),
        "input": pa.array([r.kind or "auto" for r in records], pa.string()),
        "url": pa.array([r.url for r in records], pa.string()),
        "charset": pa.array([r.charset for r in records], pa.string()),
        "source": pa.array([r.source for r in records], pa.string()),
        "locator": pa.array([r.locator for r in records], pa.string()),
        "date": pa.array([r.date for r in records], pa.string()),
    }
    if ids is not None:
        columns["id"] = pa.array(ids, pa.int64())
    return pa.record_batch(columns)
