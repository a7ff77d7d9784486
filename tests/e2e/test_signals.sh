#!/usr/bin/env bash
# SIGINT, SIGTERM, SIGHUP and SIGPIPE mid-run: a clean stop with 128+signal, the old CSV untouched, no temporary files.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# check_clean SIG STATUS: what every stop must leave behind.
check_clean() {
  local sig=$1 status=$2 want=$((128 + $(kill -l "$1")))
  [[ $status -eq $want ]] || fail "SIG$sig: exit status $status, expected $want; $(cat "$WORK/log")"
  [[ $(cat "$WORK/out.csv") == "old contents" ]] || fail "SIG$sig: the old CSV was changed"
  [[ ! -e "$WORK/out.json" ]] || fail "SIG$sig: a JSON file was left"
  leftovers=$(find "$WORK" -name '*.tmp.*')
  [[ -z $leftovers ]] || fail "SIG$sig: temporary files left: $leftovers"
  grep -q "interrupted by SIG$sig" "$WORK/log" || fail "SIG$sig: no message: $(cat "$WORK/log")"
}

# HUP is what a dropped ssh session sends.
for sig in INT TERM HUP; do
  echo "old contents" >"$WORK/out.csv"
  "$DEMO" --repeats 100000 --cycles 200 --gtest_filter='*ManySmallWrites*' \
    --csv "$WORK/out.csv" --json "$WORK/out.json" >"$WORK/log" 2>&1 &
  pid=$!
  CLEANUP_PIDS+=("$pid")
  wait_measuring "$pid" "$WORK/log"
  kill -s "$sig" "$pid"
  status=0
  wait "$pid" || status=$?
  check_clean "$sig" "$status"
  ok "SIG$sig: exit $status, old CSV untouched, no partial files"
done

# `... --csv x | head -1`: the console's reader is gone when the first result
# line is written. Here the pipe's only reader has exited before the run
# starts, so the first write raises SIGPIPE while the CSV and JSON are open.
echo "old contents" >"$WORK/out.csv"
exec {closed}> >(exit 0)
wait $! || true
status=0
"$DEMO" --quick --gtest_filter='BpftraceProfiler.*' --csv "$WORK/out.csv" --json "$WORK/out.json" \
  1>&"$closed" 2>"$WORK/log" || status=$?
exec {closed}>&-
check_clean PIPE "$status"
ok "SIGPIPE (closed stdout pipe): exit $status, old CSV untouched, no partial files"
