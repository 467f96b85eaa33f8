#!/usr/bin/env bash
# Import memory benchmark: peak resident memory (and time) of `lookout import --dry-run` on a large
# file whose checksum is wrong. Prints figures; asserts nothing.
#
#   Benchmarks/import/run.sh                 # a 200 MB file, release build
#   SIZE_MB=50 BIN=.build/debug/lookout Benchmarks/import/run.sh
#
# Since issue 10 the checksum is verified in a streaming pass before anything is decoded, so the
# peak memory should not depend on the file's size (the file is refused as damaged).
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZE_MB=${SIZE_MB:-200}
OUT=${BENCH_OUT:-bench-out/import}
if [[ -z "${BIN:-}" ]]; then
    echo "== build (release)"
    swift build -c release --product lookout 2>&1 | tail -1
    BIN="$(swift build -c release --show-bin-path)/lookout"
fi
command -v /usr/bin/time >/dev/null || { echo "/usr/bin/time is not installed (apt-get install time)"; exit 1; }
mkdir -p "$OUT"
FILE="$OUT/bogus-${SIZE_MB}mb.json"
if [[ ! -s "$FILE" ]]; then
    echo "== writing a ${SIZE_MB} MB export file with a wrong checksum"
    python3 - "$FILE" "$SIZE_MB" <<'PY'
import sys
path, mb = sys.argv[1], int(sys.argv[2])
rec = ('{"id":"%08d-0000-4000-8000-000000000000","learnerID":"6f1c2d3e-0000-4000-8000-000000000002",'
       '"attemptID":null,"lessonID":"L1","scenarioID":"s1","scenarioRev":1,"questionID":"q1","chosen":["o1","o2"],'
       '"credit":0.5,"action":null,"time":1764400000000,"isRepeat":false}')
with open(path, "w") as f:
    f.write('{"format":"lookout-export","version":1,"sha256":"' + "0" * 64 + '","payload":{"store":"6f1c2d3e-0000-4000-8000-000000000001",'
            '"label":null,"exportedAt":"2026-11-29T08:15:00Z","learners":[],"attempts":[],"events":[')
    size, n = 0, 0
    while size < mb * 1024 * 1024:
        s = ("," if n else "") + rec % n
        f.write(s); size += len(s); n += 1
    f.write("]}}\n")
PY
fi
echo "== $BIN import --dry-run $(du -h "$FILE" | cut -f1) file"
rm -rf "$OUT/data"
set +e
/usr/bin/time -v "$BIN" import "$FILE" --dry-run --data-dir "$OUT/data" >/dev/null 2>"$OUT/time.txt"
status=$?
set -e
grep -E "^error" "$OUT/time.txt" | head -1 || true
echo "exit status: $status"
grep -E "Maximum resident set size|Elapsed \(wall clock\)" "$OUT/time.txt" | sed 's/^[[:space:]]*//'
