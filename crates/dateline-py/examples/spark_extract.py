"""Extract news articles with Dateline on Spark, into Parquet.

    spark-submit spark_extract.py --warc crawl/*.warc.gz --out articles.parquet
    python spark_extract.py --master 'local[2]' --pages pages.parquet --out articles.parquet --enrich

Inputs are WARC (or JSONL, or page-file) paths that every executor can
read (a shared file system; `dateline.read_records` reads local paths), or
a Parquet of pages with a column `html` (or `text`) and optionally `url`,
`charset`, `source`, `locator`, `date`, `id`. Pages are extracted in
`mapInArrow`, one Arrow batch at a time, on one core per task (Spark runs
a task per core); the output has the schema of `dateline export --format
parquet`. Executors need the `dateline` wheel: see the package README.
"""

import argparse
import itertools
import json
import os
import time
import zlib

import dateline
from pyspark.sql import SparkSession
from pyspark.sql.pandas.types import from_arrow_schema

# Records extracted per Arrow batch from a WARC.
BATCH = 256


def warc_batches(batches, enrich, events):
    """mapInArrow: batches of (file_id, path) to batches of articles."""
    for paths in batches:
        for file_id, path in zip(paths.column("file_id").to_pylist(),
                                 paths.column("path").to_pylist()):
            records = dateline.read_records(path)
            start = 0
            while chunk := list(itertools.islice(records, BATCH)):
                # Stable ids: the file's id in the high bits, the record's
                # number in it in the low ones.
                ids = [(file_id << 32) + start + i for i in range(len(chunk))]
                start += len(chunk)
                yield dateline.extract_arrow(dateline.pages_batch(chunk, ids=ids),
                                             enrich=enrich, events=events, threads=1)


def page_batches(batches, enrich, events):
    """mapInArrow: batches of pages to batches of articles."""
    for pages in batches:
        yield dateline.extract_arrow(pages, enrich=enrich, events=events, threads=1)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--warc", nargs="+", help="WARC, JSONL or page paths (or folders)")
    source.add_argument("--pages", help="a Parquet file or folder of pages")
    parser.add_argument("--out", required=True, help="the Parquet folder to write")
    parser.add_argument("--enrich", action="store_true", help="add places, entities, quantities")
    parser.add_argument("--no-events", action="store_true", help="with --enrich: code no events")
    parser.add_argument("--master", help="e.g. local[2] (spark-submit gives it otherwise)")
    parser.add_argument("--partitions", type=int, help="tasks for the WARC paths")
    args = parser.parse_args(argv)

    builder = SparkSession.builder.appName("dateline-extract")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    schema = from_arrow_schema(dateline.arrow_schema())
    if args.warc:
        paths = [os.path.abspath(p) for p in args.warc]
        rows = [(zlib.crc32(p.encode()) & 0x7FFFFFFF, p) for p in paths]
        partitions = args.partitions or min(len(rows), spark.sparkContext.defaultParallelism)
        files = spark.createDataFrame(rows, "file_id long, path string").repartition(partitions)
        articles = files.mapInArrow(lambda b: warc_batches(b, args.enrich, not args.no_events),
                                    schema)
    else:
        pages = spark.read.parquet(args.pages)
        articles = pages.mapInArrow(lambda b: page_batches(b, args.enrich, not args.no_events),
                                    schema)
    # Timed apart from the JVM's start, which a long job does not feel
    # (bench/python_suite.py reads this line).
    start = time.perf_counter()
    articles.write.mode("overwrite").parquet(args.out)
    print(json.dumps({"out": args.out, "job_seconds": round(time.perf_counter() - start, 3)}))
    spark.stop()


if __name__ == "__main__":
    main()
