#!/usr/bin/env bash
# Whole-class benchmark (issue 14): progress and report over 10k, 100k and 1M answers against the
# sqlite3 per-learner aggregate on the same file. Prints figures; it is not a test and asserts nothing.
#
#   Benchmarks/class/run.sh                        # 50, 500, 5000 learners x 200 answers
#   SIZES="50 500" RUNS=3 Benchmarks/class/run.sh  # quicker
#   BIN=/tmp/lookout-before KEEP=1 Benchmarks/class/run.sh   # another binary on the stores already made
#
# For each size: generate the store on the shipped bank (hidden 'lookout _store generate'; kept and
# reused with KEEP=1, so two binaries can be timed on the same files), then the median wall time of
# RUNS runs (default 3) and the peak RSS (/usr/bin/time) of:
#   progress --format json, report --format json|csv|table, one-learner progress (open included),
# and the sqlite3 per-learner aggregate (count, mean credit, unsafe actions) on the same file,
# with the ratio command / aggregate. A growth table closes the run.
#
# Generating 1M answers takes ~75 s on a quiet machine; '_store generate' commits in batches with
# synchronous=FULL, so on a saturated disk it can take far longer. The stores can then be made once
# (KEEP=1 reuses them), or a 1M store made from the 100k one with sqlite3 (ten copies with new ids,
# names and times): every learner still has 200 answers to the shipped bank.
# '_store' is a hidden tool of the shipped binary today; if it moves to a separate test-tools
# executable (issue 10), point GEN at it: GEN=/path/to/tool Benchmarks/class/run.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZES=${SIZES:-"50 500 5000"}
ANSWERS=${ANSWERS:-200}
RUNS=${RUNS:-3}
OUT=${BENCH_OUT:-bench-out/class}
BANK=${BANK:-Scenarios}

if [[ -z "${BIN:-}" ]]; then
    echo "== build (release)"
    swift build -c release --product lookout 2>&1 | tail -1
    BIN="$(swift build -c release --show-bin-path)/lookout"
fi
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed (apt-get install sqlite3)"; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "/usr/bin/time is not installed (apt-get install time)"; exit 1; }
echo "== binary: $BIN"
echo "== machine: $(nproc) cores, $(uname -srm), SQLite $(sqlite3 --version | cut -d' ' -f1), load $(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p "$OUT"

now_ns() { date +%s%N; }
# Median wall time in ms of RUNS runs of a command, output thrown away.
median_ms() {
    local times=() start end
    for ((i = 0; i < RUNS; i++)); do
        start=$(now_ns)
        "$@" >/dev/null 2>&1
        end=$(now_ns)
        times+=($(((end - start) / 1000000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
# Peak resident set size of one run, in MiB.
peak_mib() {
    /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.1f", $1 / 1024 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "-" }'; }

AGGREGATE="SELECT l.id, l.name, count(e.id), avg(e.credit),
  sum(e.action IN ('unsafe-confront','investigate-alone','unsafe-post','unsafe-pay','unsafe-secrecy','unsafe-blame-victim'))
FROM learners l LEFT JOIN answer_events e ON e.learner_id = l.id GROUP BY l.id;"

GROWTH=()
for learners in $SIZES; do
    events=$((learners * ANSWERS))
    DATA="$OUT/$learners"
    DB="$DATA/progress.sqlite"
    if [[ "${KEEP:-0}" == 1 && -s "$DB" ]]; then
        echo "== $events answers: reusing $DB"
    else
        rm -rf "$DATA"
        start=$(now_ns)
        "${GEN:-$BIN}" _store generate --data-dir "$DATA" --bank "$BANK" --learners "$learners" --answers "$ANSWERS" >/dev/null 2>&1
        end=$(now_ns)
        echo "== $events answers: generated in $(((end - start) / 1000000)) ms"
    fi
    echo "store file: $(du -h "$DB" | cut -f1) ($(stat -c %s "$DB") bytes), $(sqlite3 "$DB" 'SELECT count(*) FROM answer_events') answers"
    one=$(sqlite3 "$DB" "SELECT name FROM learners ORDER BY created_at LIMIT 1")
    anchor=$(median_ms sqlite3 -json "$DB" "$AGGREGATE")
    printf '  %-32s %8s ms %10s %10s MiB\n' "sqlite3 per-learner aggregate" "$anchor" "1.0x" "$(peak_mib sqlite3 -json "$DB" "$AGGREGATE")"
    row="$events"
    for spec in "progress --format json" "report --format json" "report --format csv" "report --format table"; do
        # shellcheck disable=SC2086
        ms=$(median_ms "$BIN" $spec --bank "$BANK" --data-dir "$DATA")
        # shellcheck disable=SC2086
        mib=$(peak_mib "$BIN" $spec --bank "$BANK" --data-dir "$DATA")
        printf '  %-32s %8s ms %10s %10s MiB\n' "$spec" "$ms" "$(ratio "$ms" "$anchor")" "$mib"
        row="$row $ms/$mib"
    done
    ms=$(median_ms "$BIN" progress --learner "$one" --format json --bank "$BANK" --data-dir "$DATA")
    printf '  %-32s %8s ms\n' "progress --learner (one)" "$ms"
    GROWTH+=("$row $anchor $ms")
done

echo
echo "== growth (median ms / peak MiB)"
printf '%-9s %-16s %-16s %-16s %-16s %-9s %-9s\n' answers "progress json" "report json" "report csv" "report table" sqlite3 one-learner
for row in "${GROWTH[@]}"; do
    # shellcheck disable=SC2086
    printf '%-9s %-16s %-16s %-16s %-16s %-9s %-9s\n' $row
done
