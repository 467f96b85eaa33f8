#!/usr/bin/env bash
# Fuzzing with libFuzzer: the bank parser (and validator) and the import reader, each for a fixed time.
# Prints each target's executions, time and coverage; asserts nothing. Not part of `swift test`.
#
#   Benchmarks/fuzz/run.sh                       # 300 s per target
#   FUZZ_SECONDS=60 Benchmarks/fuzz/run.sh       # a quicker run
#   FUZZ_TARGETS=fuzz-import-reader Benchmarks/fuzz/run.sh
#
# The targets exist only when LOOKOUT_FUZZ is set (see Package.swift) and are built into .build-fuzz
# with -sanitize=fuzzer. Seeds: the shipped bank's files (bank parser); small export files made by the
# real program, in Benchmarks/fuzz/seeds/ (import reader). Corpora and crash files go to
# bench-out/fuzz/<target>/. A crash file is a finding: replay it with
#   .build-fuzz/release/<target> bench-out/fuzz/<target>/crash-...
# and turn it into a regression test.
set -euo pipefail
cd "$(dirname "$0")/../.."

SECONDS_PER_TARGET=${FUZZ_SECONDS:-300}
TARGETS=${FUZZ_TARGETS:-"fuzz-bank-parser fuzz-import-reader"}
OUT=${FUZZ_OUT:-bench-out/fuzz}

echo "== build (release, -sanitize=fuzzer, scratch .build-fuzz)"
for target in $TARGETS; do
    LOOKOUT_FUZZ=1 swift build -c release --scratch-path .build-fuzz --product "$target" \
        -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library 2>&1 | tail -1
done
BIN="$(LOOKOUT_FUZZ=1 swift build -c release --scratch-path .build-fuzz --show-bin-path)"

mkdir -p "$OUT"
for target in $TARGETS; do
    corpus="$OUT/$target/corpus"
    mkdir -p "$corpus" "$OUT/$target/artifacts"
    case "$target" in
        fuzz-bank-parser)
            # Every file of the shipped bank (sub-folders too), named after its path.
            find Scenarios -name '*.txt' | while read -r f; do cp "$f" "$corpus/$(echo "${f#Scenarios/}" | tr / _)"; done ;;
        fuzz-import-reader)
            # Mode byte 0: the file as it is; 1: the payload only (the target wraps it with its checksum).
            for seed in Benchmarks/fuzz/seeds/*.json; do
                name=$(basename "$seed" .json)
                { printf '\x00'; cat "$seed"; } > "$corpus/$name-file"
                { printf '\x01'; python3 -c 'import sys; t=open(sys.argv[1],encoding="utf-8").read(); s=t.index("\"payload\":")+10; e=t.rindex("}"); sys.stdout.write(t[s:e])' "$seed"; } > "$corpus/$name-payload"
            done ;;
    esac
    echo "== $target: $SECONDS_PER_TARGET s, $(ls "$corpus" | wc -l) inputs in the corpus to start"
    log="$OUT/$target/run.log"
    set +e
    "$BIN/$target" "$corpus" -max_total_time="$SECONDS_PER_TARGET" -print_final_stats=1 \
        -artifact_prefix="$OUT/$target/artifacts/" -timeout=10 -rss_limit_mb=4096 -max_len=65536 >"$log" 2>&1
    status=$?
    set -e
    grep -E "^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)" "$log" || true
    grep -E "#[0-9]+.*(DONE|cov:)" "$log" | tail -1 || true
    crashes=$(ls "$OUT/$target/artifacts" | wc -l)
    echo "$target: exit $status, $crashes finding(s) in $OUT/$target/artifacts, corpus now $(ls "$corpus" | wc -l) inputs"
done
