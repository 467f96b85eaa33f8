#!/usr/bin/env bash
# Whole-class benchmark (issues 14 and 24): progress, report, export and import over 10k, 100k and 1M answers,
# each paired in the same run with its sqlite3 counterpart on the same file. Prints figures; asserts nothing.
#
#   Benchmarks/class/run.sh                              # 50, 500, 5000 learners x 200 answers
#   SIZES="50 500" RUNS=3 Benchmarks/class/run.sh        # quicker
#   KEEP=1 Benchmarks/class/run.sh                       # reuse the stores (and dumps) made by an earlier run
#   BIN=/tmp/lookout-before KEEP=1 Benchmarks/class/run.sh   # another binary on the same stores
#   SKIP_IO=1 ...                                        # progress and report only (no export / import)
#
# Binaries: release builds of `lookout` and `lookout-store-tool` in their own scratch folder (.build-bench, so
# they never disturb the debug build in .build); BIN and TOOL override them.
#
# For each size: the store is generated once on the shipped bank (`lookout-store-tool generate`; with KEEP=1 a
# store already there is reused, so two binaries are timed on the same files); then the median wall time of RUNS
# runs (default 3) and the peak RSS (/usr/bin/time) of
#   - the sqlite3 per-learner aggregate (count, mean credit, unsafe actions): the anchor of progress and report;
#   - progress --format json, report --format json (gain included), report --format csv, one-learner progress;
#   - export (`lookout export --out F --force`) against `sqlite3 DB .dump > F`;
#   - import into an empty store against `sqlite3 new.db < dump`;
# with each ratio command / counterpart. The machine's load average is printed before each size. A growth table
# closes the run.
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZES=${SIZES:-"50 500 5000"}
ANSWERS=${ANSWERS:-200}
RUNS=${RUNS:-3}
OUT=${BENCH_OUT:-bench-out/class}
BANK=${BANK:-Scenarios}
SCRATCH=${SCRATCH:-.build-bench}

if [[ -z "${BIN:-}" || -z "${TOOL:-}" ]]; then
    echo "== build (release, scratch path $SCRATCH)"
    swift build -c release --scratch-path "$SCRATCH" --product lookout 2>&1 | tail -1
    swift build -c release --scratch-path "$SCRATCH" --product lookout-store-tool 2>&1 | tail -1
    BIN_DIR="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)"
    BIN=${BIN:-$BIN_DIR/lookout}
    TOOL=${TOOL:-$BIN_DIR/lookout-store-tool}
fi
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed (apt-get install sqlite3)"; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "/usr/bin/time is not installed (apt-get install time)"; exit 1; }
echo "== binary: $BIN"
echo "== tool:   $TOOL"
echo "== machine: $(nproc) cores, $(uname -srm), SQLite $(sqlite3 --version | cut -d' ' -f1)"
mkdir -p "$OUT"

load() { cut -d' ' -f1-3 /proc/loadavg; }
now_ns() { date +%s%N; }
# Median wall time in ms of RUNS runs of a command, output thrown away.
median_ms() {
    local times=() start end
    for ((i = 0; i < RUNS; i++)); do
        start=$(now_ns)
        "$@" >/dev/null 2>&1 || true
        end=$(now_ns)
        times+=($(((end - start) / 1000000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
# Peak resident set size of one run, in MiB.
peak_mib() {
    /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.1f", $1 / 1024 }'
}
# Wall time (ms) and peak RSS (MiB) of one run of a shell snippet: "ms mib".
once() {
    local start end mib
    start=$(now_ns)
    mib=$(/usr/bin/time -f %M bash -c "$1" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.1f", $1 / 1024 }') || true
    end=$(now_ns)
    echo "$(((end - start) / 1000000)) ${mib:-?}"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }'; }
line() { printf '  %-34s %8s ms %9s %9s MiB\n' "$@"; }

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
        "$TOOL" generate --data-dir "$DATA" --bank "$BANK" --learners "$learners" --answers "$ANSWERS" >/dev/null 2>&1
        end=$(now_ns)
        echo "== $events answers: generated in $(((end - start) / 1000000)) ms"
    fi
    echo "store file: $(du -h "$DB" | cut -f1) ($(stat -c %s "$DB") bytes), $(sqlite3 "$DB" 'SELECT count(*) FROM answer_events') answers; load $(load)"
    one=$(sqlite3 "$DB" "SELECT name FROM learners ORDER BY created_at LIMIT 1")
    anchor=$(median_ms sqlite3 -json "$DB" "$AGGREGATE")
    line "sqlite3 per-learner aggregate" "$anchor" "1.00x" "$(peak_mib sqlite3 -json "$DB" "$AGGREGATE")"
    row="$events $anchor"
    for spec in "progress --format json" "report --format json" "report --format csv"; do
        # shellcheck disable=SC2086
        ms=$(median_ms "$BIN" $spec --bank "$BANK" --data-dir "$DATA")
        # shellcheck disable=SC2086
        mib=$(peak_mib "$BIN" $spec --bank "$BANK" --data-dir "$DATA")
        line "$spec" "$ms" "$(ratio "$ms" "$anchor")" "$mib"
        row="$row $ms/$mib"
    done
    ms=$(median_ms "$BIN" progress --learner "$one" --format json --bank "$BANK" --data-dir "$DATA")
    line "progress --learner (one)" "$ms" "" ""
    row="$row $ms"

    if [[ "${SKIP_IO:-0}" != 1 ]]; then
        echo "  -- export and import (one run each; load $(load))"
        DUMP="$DATA/dump.sql"
        read -r dump_ms dump_mib < <(once "sqlite3 '$DB' .dump > '$DUMP'")
        read -r exp_ms exp_mib < <(once "'$BIN' export --out '$DATA/export.json' --force --data-dir '$DATA'")
        line "sqlite3 .dump" "$dump_ms" "1.00x" "$dump_mib"
        line "export" "$exp_ms" "$(ratio "$exp_ms" "$dump_ms")" "$exp_mib"
        echo "  export file: $(du -h "$DATA/export.json" 2>/dev/null | cut -f1), dump: $(du -h "$DUMP" | cut -f1)"
        rm -rf "$DATA/restore" "$DATA/imported"
        mkdir -p "$DATA/restore"
        read -r res_ms res_mib < <(once "sqlite3 '$DATA/restore/new.db' < '$DUMP'") || true
        read -r imp_ms imp_mib < <(once "'$BIN' import '$DATA/export.json' --data-dir '$DATA/imported' > '$DATA/import.log' 2>&1") || true
        line "sqlite3 new.db < dump" "$res_ms" "1.00x" "$res_mib"
        line "import into an empty store" "$imp_ms" "$(ratio "$imp_ms" "$res_ms")" "$imp_mib"
        echo "  import said: $(tail -1 "$DATA/import.log" | cut -c1-150)"
        imported=$(sqlite3 "$DATA/imported/progress.sqlite" 'SELECT count(*) FROM answer_events' 2>/dev/null || echo 0)
        echo "  answers in the imported store: $imported"
        rm -rf "$DATA/restore" "$DATA/imported" "$DUMP"
        row="$row $dump_ms $exp_ms/$exp_mib $res_ms $imp_ms/$imp_mib"
    else
        row="$row - - - -"
    fi
    GROWTH+=("$row")
done

echo
echo "== growth (median ms / peak MiB; export and import: one run); load $(load)"
printf '%-9s %-8s %-15s %-15s %-15s %-8s %-8s %-15s %-8s %-15s\n' answers sqlite3 "progress json" "report json" \
    "report csv" one .dump export restore import
for row in "${GROWTH[@]}"; do
    # shellcheck disable=SC2086
    printf '%-9s %-8s %-15s %-15s %-15s %-8s %-8s %-15s %-8s %-15s\n' $row
done
