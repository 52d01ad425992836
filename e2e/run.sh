#!/usr/bin/env bash
# Browser end-to-end tests of the web UI (`dateline serve`).
#
#   bash e2e/run.sh                  # builds target/debug/dateline first
#   DATELINE_BIN=path bash e2e/run.sh  # uses that binary instead
#   bash e2e/run.sh tests/reader.test.mjs   # only some test files (relative to e2e/)
#   DATELINE_MOCK=1 bash e2e/run.sh  # against e2e/mock-server.mjs (no Rust build)
#
# Installs Debian's chromium when /usr/bin/chromium is missing (as root,
# non-interactive), installs playwright-core with `npm ci` (it never
# downloads a browser), ingests examples/pages and e2e/fixtures into a
# temporary store, serves it on a free loopback port, runs the tests with
# node's test runner, and leaves screenshots in e2e/artifacts/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"

log() { printf 'e2e: %s\n' "$*" >&2; }

export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  log "installing Debian chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi

log "npm ci (playwright-core)"
(cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)

mock="${DATELINE_MOCK:-}"
if [ -z "$mock" ] && [ -z "${DATELINE_BIN:-}" ]; then
  log "cargo build -p dateline-cli"
  cargo build -p dateline-cli
  DATELINE_BIN="$root/target/debug/dateline"
fi
[ -n "$mock" ] || [ -x "$DATELINE_BIN" ] || { log "no binary at $DATELINE_BIN"; exit 2; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/dateline-e2e.XXXXXX")"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "$mock" ]; then
  log "ingesting examples/pages and e2e/fixtures (with event coding)"
  "$DATELINE_BIN" ingest examples/pages e2e/fixtures --events --store "$tmp/store" -q
fi

port="${PORT:-$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}"
base="http://127.0.0.1:$port"
log "serving on $base${mock:+ (mock server)}"
if [ -n "$mock" ]; then
  node "$here/mock-server.mjs" "$port" >"$tmp/server.log" 2>&1 &
else
  "$DATELINE_BIN" serve --store "$tmp/store" --addr "127.0.0.1:$port" >"$tmp/server.log" 2>&1 &
fi
server_pid=$!

ready=""
for _ in $(seq 1 150); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    log "the server exited early:"; cat "$tmp/server.log" >&2; exit 1
  fi
  if node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "$base/api/stats"; then
    ready=1; break
  fi
  sleep 0.2
done
[ -n "$ready" ] || { log "the server did not answer /api/stats in 30 s:"; cat "$tmp/server.log" >&2; exit 1; }

mkdir -p "$here/artifacts"
rm -f "$here/artifacts/"*.png
cd "$here"
if [ "$#" -gt 0 ]; then files=("$@"); else files=(tests/*.test.mjs); fi
status=0
(BASE_URL="$base" node --test --test-concurrency=1 --test-timeout=120000 "${files[@]}") || status=$?
cp "$tmp/server.log" "$here/artifacts/server.log" 2>/dev/null || true
log "screenshots in e2e/artifacts/"
exit "$status"
