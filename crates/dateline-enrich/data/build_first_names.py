#!/usr/bin/env python3
"""Builds data/first_names.txt: common US first names, one per line, lowercase.

    python3 crates/dateline-enrich/data/build_first_names.py [--cache DIR]

Source: the US Census Bureau's 1990 first-name frequency lists (public
domain), as carried by the PyPI package `names` 0.3.0 (MIT), downloaded into
--cache (default target/gazetteer-sources) and checked against its sha256.
The recogniser uses the list to tell "George Washington" (a person) from
"Texas Forest Service" (a place heading an organisation's name).
"""
import argparse
import hashlib
import os
import subprocess
import sys
import tarfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
PACKAGE = "names-0.3.0.tar.gz"
SHA256 = "726e46254f2ed03f1ffb5d941dae3bc67c35123941c29becd02d48d0caa2a671"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default=os.path.join(ROOT, "target", "gazetteer-sources"))
    parser.add_argument("--out", default=os.path.join(HERE, "first_names.txt"))
    args = parser.parse_args()
    os.makedirs(args.cache, exist_ok=True)
    path = os.path.join(args.cache, PACKAGE)
    if not os.path.exists(path):
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
                        "-d", args.cache, "names==0.3.0"], check=True)
    digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
    if digest != SHA256:
        sys.exit(f"error: {path}: sha256 {digest}, expected {SHA256}")
    names = set()
    with tarfile.open(path) as t:
        for member in ("names-0.3.0/names/dist.male.first", "names-0.3.0/names/dist.female.first"):
            for line in t.extractfile(member).read().decode().splitlines():
                if line.strip():
                    names.add(line.split()[0].lower())
    with open(args.out, "w") as out:
        out.write("\n".join(sorted(names)) + "\n")
    print(f"{len(names)} first names -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
