#!/usr/bin/env bash
# Bounded coverage-guided fuzzing of Dateline's parsers, for CI.
#
#   fuzz/run-ci.sh [SECONDS_PER_TARGET]        (default 30)
#
# Works on STABLE Rust: cargo-fuzz drives libFuzzer with `--sanitizer none`,
# which needs no -Z flag (coverage comes from -Cpasses=sancov-module and
# -Cllvm-args, both stable). Our crates forbid `unsafe`, so AddressSanitizer
# would add little; panics, overflow checks (`--debug-assertions`), timeouts
# and out-of-memory are what we catch.
#
# Environment:
#   FUZZ_TARGETS   space-separated targets (default: all in fuzz/fuzz_targets)
#   FUZZ_JOBS      targets fuzzed at once (default: number of cores, max 2)
#   FUZZ_KNOWN     what a crashing file in fuzz/regressions/ does: fail
#                  (default) or warn (for bugs recorded but not yet fixed)
#
# Exits non-zero when a target crashes, hangs (> 10 s on one input) or
# exceeds 2 GiB, printing the reproducer path and the command to replay it.
set -euo pipefail

SECS="${1:-30}"
if ! [[ "$SECS" =~ ^[0-9]+$ ]] || [ "$SECS" -lt 1 ]; then
    echo "usage: $0 [SECONDS_PER_TARGET]" >&2
    exit 2
fi
FUZZ_DIR="$(cd "$(dirname "$0")" && pwd)"
cd "$FUZZ_DIR"
CARGO_FUZZ_VERSION=0.13.2
BUILD_FLAGS=(--sanitizer none --debug-assertions --release)
FUZZ_KNOWN="${FUZZ_KNOWN:-fail}"
JOBS="${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}"
[ "$JOBS" -gt 2 ] && JOBS=2
[ "$JOBS" -lt 1 ] && JOBS=1
export PATH="$HOME/.cargo/bin:$PATH"
START=$(date +%s)
stamp() { echo "[$(($(date +%s) - START))s] $*"; }

# Input size caps: whole pages for the HTML targets, smaller elsewhere.
max_len() {
    case "$1" in
        html_parse | extract_html) echo 65536 ;;
        *) echo 16384 ;;
    esac
}

# --- tools -----------------------------------------------------------------
if ! command -v c++ >/dev/null 2>&1; then
    stamp "installing a C++ compiler (libfuzzer-sys builds libFuzzer)"
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && apt-get install -y -qq g++ >/dev/null
    else
        sudo apt-get update -qq && sudo apt-get install -y -qq g++ >/dev/null
    fi
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    stamp "installing cargo-fuzz $CARGO_FUZZ_VERSION"
    cargo install cargo-fuzz --locked --version "$CARGO_FUZZ_VERSION" --quiet
fi
stamp "$(cargo fuzz --version)"

# --- build -----------------------------------------------------------------
if [ -n "${FUZZ_TARGETS:-}" ]; then
    read -r -a TARGETS <<<"$FUZZ_TARGETS"
else
    mapfile -t TARGETS < <(cargo fuzz list)
fi
stamp "building ${TARGETS[*]}"
cargo fuzz build "${BUILD_FLAGS[@]}"
stamp "built"

LOGS="$FUZZ_DIR/artifacts/logs"
mkdir -p "$LOGS"
FAILED=()

report_crash() { # target log
    local target=$1 log=$2 unit
    unit=$(grep -oE 'Test unit written to [^ ]+' "$log" | tail -n 1 | sed 's/Test unit written to //' || true)
    echo "---- $target: last lines of $log"
    grep -vE '^#[0-9]+ +(NEW|REDUCE|pulse|RELOAD)' "$log" | tail -n 40 || true
    if [ -n "$unit" ]; then
        unit="$(cd "$FUZZ_DIR" && realpath "$unit" 2>/dev/null || echo "$unit")"
        echo "REPRODUCER: $unit ($(wc -c <"$unit") bytes)"
        echo "  replay:   (cd $FUZZ_DIR && cargo fuzz run ${BUILD_FLAGS[*]} $target $unit)"
        echo "  minimize: (cd $FUZZ_DIR && cargo fuzz tmin ${BUILD_FLAGS[*]} $target $unit)"
        if [ "$(wc -c <"$unit")" -le 4096 ]; then
            echo "  base64:   $(base64 -w0 "$unit")"
        fi
    else
        echo "REPRODUCER: none written (see $log)"
    fi
}

# --- known regressions: replay each recorded input once ---------------------
for target in "${TARGETS[@]}"; do
    dir="$FUZZ_DIR/regressions/$target"
    [ -d "$dir" ] || continue
    mapfile -t files < <(find "$dir" -type f ! -name '*.md' | sort)
    [ "${#files[@]}" -gt 0 ] || continue
    log="$LOGS/$target.regressions.log"
    stamp "replaying ${#files[@]} recorded regression(s) of $target"
    if cargo fuzz run "${BUILD_FLAGS[@]}" "$target" "${files[@]}" -- \
        -timeout=10 -rss_limit_mb=2048 >"$log" 2>&1; then
        stamp "$target: recorded regressions pass"
    else
        echo "---- $target: a recorded regression still fails (see $dir/README.md)"
        grep -A1 -E 'panicked at|Running:|ALARM|out-of-memory|^Error' "$log" | grep -v '^--$' | head -n 20 || true
        if [ "$FUZZ_KNOWN" = warn ]; then
            echo "  (FUZZ_KNOWN=warn: not failing the run for it)"
        else
            FAILED+=("$target(regression)")
        fi
    fi
done

# --- fuzz: each target for SECS seconds, JOBS at a time ---------------------
fuzz_one() { # target -> writes $LOGS/$target.status
    local target=$1 log="$LOGS/$1.log" rc=0
    mkdir -p "corpus/$target" "artifacts/$target"
    local seeds=()
    [ -d "seeds/$target" ] && seeds=("seeds/$target")
    cargo fuzz run "${BUILD_FLAGS[@]}" "$target" "corpus/$target" "${seeds[@]}" -- \
        -max_total_time="$SECS" -max_len="$(max_len "$target")" -timeout=10 -dict=html.dict \
        -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1 || rc=$?
    echo "$rc" >"$LOGS/$target.status"
}

stamp "fuzzing ${#TARGETS[@]} target(s), $SECS s each, $JOBS at a time"
running=0
for target in "${TARGETS[@]}"; do
    rm -f "$LOGS/$target.status"
    fuzz_one "$target" &
    running=$((running + 1))
    if [ "$running" -ge "$JOBS" ]; then
        wait -n || true
        running=$((running - 1))
    fi
done
wait || true

for target in "${TARGETS[@]}"; do
    log="$LOGS/$target.log"
    rc=$(cat "$LOGS/$target.status" 2>/dev/null || echo 99)
    stats=$(grep -E '^stat::(number_of_executed_units|new_units_added)' "$log" | awk '{printf "%s %s  ", $1, $2}' | sed 's/stat:://g')
    cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -n 1 || true)
    if [ "$rc" = 0 ]; then
        stamp "ok   $target: $cov  $stats"
    else
        stamp "FAIL $target (exit $rc)"
        report_crash "$target" "$log"
        FAILED+=("$target")
    fi
done

stamp "done"
if [ "${#FAILED[@]}" -gt 0 ]; then
    echo "fuzzing found problems in: ${FAILED[*]}" >&2
    exit 1
fi
echo "fuzz: ${#TARGETS[@]} passed, 0 failed"
