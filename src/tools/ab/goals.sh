#!/usr/bin/env bash
# bench ab's goals measured on this machine (issue: verdicts that survive a drifting machine):
#   size   the true size of a real slowdown (LD_PRELOAD slow_write_shim.c) from many paired rounds
#   aa     TRIALS A/A trials at --threshold 2 --fail-on-regression, default rounds: false alarms
#   power  TRIALS trials of the slowdown, same flags: how many flag it, and each trial's seconds
# Each bench ab run holds the machine's CPU lock exclusively (LOCK, as the developers' guide
# asks of timings), one trial at a time.
#   goals.sh size|aa|power [BIN_DIR] [OUT_DIR]
set -euo pipefail
mode=${1:?usage: goals.sh size|aa|power [BIN_DIR] [OUT_DIR]}
bin=${2:-build/native-linux-release/bin}
out=${3:-artifacts/ab-goals}
trials=${TRIALS:-20}
every=${SLOW_WRITE_EVERY:-30}
lock=${LOCK:-/tmp/syscost-cpu.lock}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
demo=$bin/ptests/BenchDemo_09_BpftraceProfiler
bench=$bin/tools/bench
mkdir -p "$out"
shim=$(cd "$out" && pwd)/slow_write.so
cc -O2 -shared -fPIC -o "$shim" "$here/slow_write_shim.c" -ldl
filter=--gtest_filter=BpftraceProfiler.ManySmallWrites
base="$demo $filter"
slow="env LD_PRELOAD=$shim SLOW_WRITE_EVERY=$every $demo $filter"

case $mode in
size)
  flock -x "$lock" "$bench" ab --rounds "${ROUNDS:-60}" --runs-per-round 2 "$base" "$slow" | tee "$out/size.txt"
  ;;
aa | power)
  cand=$base
  [[ $mode == power ]] && cand=$slow
  flagged=0
  : >"$out/$mode.log"
  for i in $(seq 1 "$trials"); do
    status=0
    # The trial's own seconds, measured inside the lock (not the wait for it).
    flock -x "$lock" bash -c 'start=$(date +%s.%N); status=0
      "$@" 2>/dev/null || status=$?
      awk -v a="$start" -v b="$(date +%s.%N)" "BEGIN { printf \"%.1f\n\", b - a }" >"$0"
      exit "$status"' "$out/secs" "$bench" ab --threshold 2 --fail-on-regression --format json \
      -o "$out/$mode-$i.json" "$base" "$cand" || status=$?
    secs=$(cat "$out/secs")
    ((status <= 1)) || { echo "trial $i: bench ab exited $status" >&2; exit 2; }
    flagged=$((flagged + status))
    change=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["cases"][0]["change"])' "$out/$mode-$i.json")
    echo "trial $i: exit $status, ${secs}s: $change" | tee -a "$out/$mode.log"
  done
  echo "$mode: $flagged of $trials trials flagged a regression (--threshold 2)" | tee -a "$out/$mode.log"
  ;;
*)
  echo "goals.sh: unknown mode '$mode' (size, aa or power)" >&2
  exit 2
  ;;
esac
