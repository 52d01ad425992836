"""Extract news articles with Dateline on Dask, into Parquet.

    python dask_extract.py --warc crawl/*.warc.gz --out articles/ [--enrich] [--workers 2]

Each WARC (or JSONL, or page-file) path is one task of a `dask.bag`,
which writes `part-N.parquet` with the schema of `dateline export --format
parquet`; the bag runs on the threaded scheduler (Dateline releases the
GIL) unless a distributed client is active. Read the result with
`dask.dataframe.read_parquet(out)`, DuckDB or pyarrow.
"""

import argparse
import itertools
import os

import dask
import dask.bag as db
import pyarrow.parquet as pq

import dateline

BATCH = 256


def extract_file(item, out, enrich):
    """One task: a path's records, extracted, into one Parquet file."""
    file_id, path = item
    target = os.path.join(out, f"part-{file_id:05}.parquet")
    records = dateline.read_records(path)
    rows = 0
    with pq.ParquetWriter(target, dateline.arrow_schema()) as writer:
        while chunk := list(itertools.islice(records, BATCH)):
            ids = [(file_id << 32) + rows + i for i in range(len(chunk))]
            rows += len(chunk)
            batch = dateline.pages_batch(chunk, ids=ids)
            writer.write_batch(dateline.extract_arrow(batch, enrich=enrich, threads=1))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warc", nargs="+", required=True, help="WARC, JSONL or page paths")
    parser.add_argument("--out", required=True, help="the folder of Parquet files to write")
    parser.add_argument("--enrich", action="store_true")
    parser.add_argument("--workers", type=int, default=os.cpu_count())
    args = parser.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    paths = [os.path.abspath(p) for p in args.warc]
    bag = db.from_sequence(list(enumerate(paths)), npartitions=len(paths))
    rows = bag.map(extract_file, args.out, args.enrich)
    with dask.config.set(scheduler="threads", num_workers=args.workers):
        total = sum(rows.compute())
    print(f"{total} articles from {len(paths)} files in {args.out}")


if __name__ == "__main__":
    main()
