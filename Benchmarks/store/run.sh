#!/usr/bin/env bash
# Progress store benchmark. Prints figures; it is not a test and asserts nothing.
#
#   Benchmarks/store/run.sh            # 5,000 learners x 200 answers = 1,000,000 events
#   LEARNERS=500 ANSWERS=200 Benchmarks/store/run.sh   # a quicker run
#
# Steps: release build; generate the store (lookout-store-tool generate, a separate test executable, one transaction per
# batch); time 500 single durable appends on it (lookout-store-tool bench-append: the way the
# lesson screen saves each answer); time a per-learner aggregate with the sqlite3 tool; and, once the
# 'progress' command exists, compare 'lookout progress --format json' with that sqlite3 query.
set -euo pipefail
cd "$(dirname "$0")/../.."

LEARNERS=${LEARNERS:-5000}
ANSWERS=${ANSWERS:-200}
APPENDS=${APPENDS:-500}
OUT=${BENCH_OUT:-bench-out/store}

now_ns() { date +%s%N; }
# Runs a command RUNS times (default 5) with its output thrown away and prints the median in ms.
median_ms() {
    local runs=${RUNS:-5} times=() start end
    for ((i = 0; i < runs; i++)); do
        start=$(now_ns)
        "$@" >/dev/null
        end=$(now_ns)
        times+=($(((end - start) / 1000000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

echo "== build (release)"
swift build -c release --product lookout 2>&1 | tail -1
swift build -c release --product lookout-store-tool 2>&1 | tail -1
BIN="$(swift build -c release --show-bin-path)/lookout"
TOOL="$(swift build -c release --show-bin-path)/lookout-store-tool"

command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed (apt-get install sqlite3)"; exit 1; }

echo "== machine: $(nproc) cores, $(uname -srm), SQLite $(sqlite3 --version | cut -d' ' -f1)"
rm -rf "$OUT"
mkdir -p "$OUT"

echo "== append on a fresh, empty store"
"$TOOL" bench-append --data-dir "$OUT/fresh" --count "$APPENDS"

echo "== generate $LEARNERS learners x $ANSWERS answers"
DATA="$OUT/data"
start=$(now_ns)
"$TOOL" generate --data-dir "$DATA" --learners "$LEARNERS" --answers "$ANSWERS" 2>/dev/null
end=$(now_ns)
echo "wall time: $(((end - start) / 1000000)) ms"
DB="$DATA/progress.sqlite"
echo "store file: $(du -h "$DB" | cut -f1) ($(stat -c %s "$DB") bytes)"

echo "== append on the generated store"
"$TOOL" bench-append --data-dir "$DATA" --count "$APPENDS"

echo "== 'lookout learners list' on the generated store (median of ${RUNS:-5})"
echo "learners list: $(median_ms "$BIN" learners list --data-dir "$DATA") ms"

# The per-learner aggregate: answers, mean credit, unsafe actions. The unsafe action classes are
# those with safety 'unsafe' in Sources/LookoutCore/Model/Bank.swift (ActionClass).
AGGREGATE="SELECT l.id, l.name, count(e.id), avg(e.credit),
  sum(e.action IN ('unsafe-confront','investigate-alone','unsafe-post','unsafe-pay','unsafe-secrecy','unsafe-blame-victim'))
FROM learners l LEFT JOIN answer_events e ON e.learner_id = l.id GROUP BY l.id;"

echo "== sqlite3 aggregate per learner (count, avg credit, unsafe actions), median of ${RUNS:-5}"
echo "rows: $(sqlite3 "$DB" "$AGGREGATE" | wc -l)"
echo "sqlite3 aggregate: $(median_ms sqlite3 "$DB" "$AGGREGATE") ms"
echo "sqlite3 aggregate, JSON output: $(median_ms sqlite3 -json "$DB" "$AGGREGATE") ms"

# ---------------------------------------------------------------------------------------------
# SECTION: 'lookout progress --format json' vs the sqlite3 query above.
# The progress command is being written with the scoring engine; until it exists this section
# says so. When it lands, it times the whole command (open, read all events, score, print JSON)
# against the plain SQL aggregate.
# ---------------------------------------------------------------------------------------------
echo "== lookout progress --format json vs sqlite3"
if "$BIN" --help 2>/dev/null | grep -qE '^[[:space:]]+progress([[:space:]]|$)'; then
    echo "lookout progress --format json: $(median_ms "$BIN" progress --format json --data-dir "$DATA") ms"
    echo "sqlite3 aggregate (same data):   $(median_ms sqlite3 -json "$DB" "$AGGREGATE") ms"
else
    echo "(not yet: 'lookout progress' does not exist in this build)"
fi
