#!/usr/bin/env bash
# The Python package: a venv with the pinned tools (crates/dateline-py/
# requirements-ci.txt), the wheel built by maturin and installed, then
# pytest (contract against the CLI, bad input, two cores, es-bulk against a
# mock, the Spark and Dask examples). Run from .ci/run after the Rust
# tests, whose debug `dateline` binary the tests compare with.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET="${CARGO_TARGET_DIR:-target}"
VENV="$TARGET/py/venv"
REQS=crates/dateline-py/requirements-ci.txt
# pip keeps its downloads here between runs (pyspark alone is 400 MB).
export PIP_CACHE_DIR="${PIP_CACHE_DIR:-$HOME/.cache/pip}"
export PIP_DISABLE_PIP_VERSION_CHECK=1

if ! cmp -s "$REQS" "$VENV/requirements.txt" 2>/dev/null; then
    echo "== python venv"
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet -r "$REQS"
    cp "$REQS" "$VENV/requirements.txt"
fi

echo "== python wheel"
rm -rf "$TARGET/py/wheels"
# A normal wheel for this machine; releases are built with zig for
# manylinux2014 (see crates/dateline-py/README.md). The tests check
# behaviour, not speed (bench/run builds a release wheel): the dev profile
# reuses most of what `cargo test --workspace` just compiled, where a
# release build would compile the whole engine again (over 20 minutes on
# a loaded 2-core machine). PY_RELEASE=1 builds the release wheel instead.
PROFILE=()
[[ "${PY_RELEASE:-0}" == 1 ]] && PROFILE=(--release)
"$VENV/bin/maturin" build "${PROFILE[@]}" --quiet \
    -m crates/dateline-py/Cargo.toml -i "$VENV/bin/python" -o "$TARGET/py/wheels"
"$VENV/bin/pip" install --quiet --force-reinstall --no-deps "$TARGET"/py/wheels/dateline-*.whl

echo "== python tests"
export DATELINE_BIN="${DATELINE_BIN:-$TARGET/debug/dateline}"
export SPARK_LOCAL_IP=127.0.0.1
# Run from the tests' folder so that `import dateline` is the installed
# wheel, not the source folder.
PYTHON="$(cd "$VENV/bin" && pwd)/python"
(cd crates/dateline-py/tests && "$PYTHON" -m pytest -q -p no:cacheprovider .)
echo "== python package done in ${SECONDS}s"
