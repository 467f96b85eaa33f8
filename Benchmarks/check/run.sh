#!/usr/bin/env bash
# Times `lookout check` on a synthetic bank of N scenarios next to `wc -l` over the
# same files, in the same run, and prints both, their ratio and peak memory.
# Also times the shipped bank. Uses a release build.
#
# usage: Benchmarks/check/run.sh [N]     (default 10000)
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-10000}"
RUNS=5
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

swift build -c release --product lookout >/dev/null
BIN="$(swift build -c release --show-bin-path)/lookout"

python3 Benchmarks/check/generate.py "$N" "$OUT/bank"
FILES=$(find "$OUT/bank" -name '*.txt' | wc -l)
LINES=$(find "$OUT/bank" -name '*.txt' -print0 | xargs -0 cat | wc -l)
BYTES=$(find "$OUT/bank" -name '*.txt' -print0 | xargs -0 cat | wc -c)
echo "synthetic bank: $N scenarios, $FILES files, $LINES lines, $BYTES bytes"

# Warm the page cache once.
"$BIN" check "$OUT/bank" >/dev/null
find "$OUT/bank" -name '*.txt' -print0 | xargs -0 wc -l >/dev/null

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() { # command... -> milliseconds
    local s e
    s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N)
    echo $(( (e - s) / 1000000 ))
}
check_times=(); wc_times=()
for _ in $(seq $RUNS); do
    check_times+=("$(time_ms "$BIN" check "$OUT/bank")")
    wc_times+=("$(time_ms sh -c "find '$OUT/bank' -name '*.txt' -print0 | xargs -0 wc -l")")
done
CHECK_MS=$(printf '%s\n' "${check_times[@]}" | median)
WC_MS=$(printf '%s\n' "${wc_times[@]}" | median)
RSS_KB=$( { /usr/bin/time -v "$BIN" check "$OUT/bank" >/dev/null 2>/dev/null; } 2>&1 | awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}' || true)
if [ -z "$RSS_KB" ]; then
    RSS_KB=$(python3 -c "import resource,subprocess,sys; subprocess.run([sys.argv[1],'check',sys.argv[2]],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)" "$BIN" "$OUT/bank")
fi
echo "lookout check, N=$N:   median ${CHECK_MS} ms over $RUNS runs (target < 1000 ms)"
echo "wc -l, same files:     median ${WC_MS} ms over $RUNS runs"
awk -v a="$CHECK_MS" -v b="$WC_MS" 'BEGIN { if (b < 1) b = 1; printf "ratio check / wc:      %.2fx (target within 3x)\n", a / b }'
echo "peak memory (check):   ${RSS_KB} KiB"

shipped_times=()
for _ in $(seq $RUNS); do shipped_times+=("$(time_ms "$BIN" check Scenarios)"); done
echo "shipped bank check:    median $(printf '%s\n' "${shipped_times[@]}" | median) ms over $RUNS runs (target < 50 ms)"
