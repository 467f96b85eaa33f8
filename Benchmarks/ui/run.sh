#!/usr/bin/env bash
# Full-screen trainer benchmarks, on a release build:
#  1. render + diff of a full window (default 200x60): the median in microseconds (lookout-ui-bench);
#  2. time from start to the first full frame in a real terminal (tmux, 80x24): the median of RUNS runs, in ms;
#  3. peak memory (VmHWM) of the trainer after opening the first question of a lesson.
#
# usage: Benchmarks/ui/run.sh [width height]      (default 200 60)
set -euo pipefail
cd "$(dirname "$0")/../.."
W="${1:-200}"
H="${2:-60}"
RUNS=7
BANK="$PWD/Scenarios"
OUT="$(mktemp -d)"
SOCKET="lookout-bench-$$"
cleanup() {
    tmux -L "$SOCKET" -f /dev/null kill-server 2>/dev/null || true
    rm -rf "$OUT"
}
trap cleanup EXIT

swift build -c release --product lookout >/dev/null
swift build -c release --product lookout-ui-bench >/dev/null
BIN_DIR="$(swift build -c release --show-bin-path)"

echo "== render + diff (TrainerView.render + ScreenBuffer.diff), release build"
"$BIN_DIR/lookout-ui-bench" "$BANK" "$W" "$H" 2000

if ! command -v tmux >/dev/null 2>&1; then
    echo "tmux is not installed: skipping the first-frame and memory figures (apt-get install tmux)"
    exit 0
fi

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
now_us() { echo $(( $(date +%s%N) / 1000 )); }
T() { tmux -L "$SOCKET" -f /dev/null "$@"; }

# The window runs a shell that waits for Enter, then execs the trainer, so tmux's own start-up is not counted:
# the clock starts when Enter is sent and stops when capture-pane shows the status line (the last row drawn).
echo "== start to first full frame in tmux 80x24 (median of $RUNS)"
times=()
for i in $(seq "$RUNS"); do
    rm -rf "$OUT/data"
    T new-session -d -x 80 -y 24 \
        "read go; exec env TERM=xterm-256color LANG=C.UTF-8 '$BIN_DIR/lookout' train --bank '$BANK' --data-dir '$OUT/data' --learner Bench"
    sleep 0.3
    start=$(now_us)
    T send-keys Enter
    until T capture-pane -p | tail -n 1 | grep -q '? help'; do :; done
    end=$(now_us)
    times+=($(( (end - start) / 1000 )))
    if [ "$i" -eq "$RUNS" ]; then
        # Peak memory: open the first lesson of the first track and wait for its first question.
        T send-keys Enter
        sleep 0.2
        T send-keys Enter
        for _ in $(seq 200); do
            T capture-pane -p | grep -qE 'Question 1 of|Content note' && break
            sleep 0.02
        done
        PID=$(T display-message -p '#{pane_pid}')
        HWM=$(awk '/VmHWM/ {print $2, $3}' "/proc/$PID/status" 2>/dev/null || echo "unknown")
    fi
    T kill-server 2>/dev/null || true
done
echo "  runs (ms): ${times[*]}"
echo "  median: $(printf '%s\n' "${times[@]}" | median) ms"
echo "== peak memory (VmHWM) of the trainer on the first question: ${HWM:-unknown}"
