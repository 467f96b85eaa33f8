#!/usr/bin/env bash
# `lookout serve` under a class: PHONES simulated phones (default 30) on loopback, each a learner who answers a
# whole lesson with plain HTTP forms (no script), all at once. Prints the p50/p95/max page time (every request,
# redirects included), answers submitted vs answers stored, and the server's peak memory (VmHWM). Targets (issue
# 23): p95 under 50 ms, no answer lost, RSS under 60 MB. A benchmark, not a test: it prints figures.
#
# usage: Benchmarks/serve/run.sh [phones] [lesson] [track]      (default 30 sch-intro school)
# THINK_MS=n: each phone waits a random 0..n ms before each form (default 0: all phones as fast as they can).
# LOOKOUT_BIN=path uses that binary instead of a release build (e.g. .build/debug/lookout; say so with figures).
set -euo pipefail
cd "$(dirname "$0")/../.."
PHONES="${1:-30}"
LESSON="${2:-sch-intro}"
TRACK="${3:-school}"
DATA="$(mktemp -d)"
SERVER=""
cleanup() {
    if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
    rm -rf "$DATA"
}
trap cleanup EXIT

if [ -n "${LOOKOUT_BIN:-}" ]; then
    BIN="$LOOKOUT_BIN"
    echo "binary: $BIN (given by LOOKOUT_BIN)"
else
    swift build -c release --product lookout >/dev/null
    BIN="$(swift build -c release --show-bin-path)/lookout"
    echo "binary: $BIN (release build)"
fi

"$BIN" serve --port 0 --bank "$PWD/Scenarios" --data-dir "$DATA" > "$DATA/serve.out" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do
    grep -q "Lookout is open at" "$DATA/serve.out" 2>/dev/null && break
    sleep 0.1
done
PORT="$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$DATA/serve.out" | head -1)"
if [ -z "$PORT" ]; then echo "the server did not start:"; cat "$DATA/serve.out"; exit 1; fi
echo "server: pid $SERVER on port $PORT; $PHONES phones, lesson $LESSON"

python3 Benchmarks/serve/load.py "$PORT" "$PHONES" "$LESSON" "$TRACK" "$DATA/progress.sqlite" "$SERVER"
