#!/usr/bin/env bash
# SIGINT and SIGTERM mid-run: a clean stop with 130/143, the old CSV untouched, no temporary files.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

for sig in INT TERM; do
  echo "old contents" >"$WORK/out.csv"
  "$DEMO" --repeats 100000 --cycles 200 --gtest_filter='*ManySmallWrites*' \
    --csv "$WORK/out.csv" --json "$WORK/out.json" >"$WORK/log" 2>&1 &
  pid=$!
  CLEANUP_PIDS+=("$pid")
  wait_measuring "$pid" "$WORK/log"
  kill -s "$sig" "$pid"
  status=0
  wait "$pid" || status=$?
  want=$((128 + $(kill -l "$sig")))
  [[ $status -eq $want ]] || fail "SIG$sig: exit status $status, expected $want; $(cat "$WORK/log")"
  [[ $(cat "$WORK/out.csv") == "old contents" ]] || fail "SIG$sig: the old CSV was changed"
  [[ ! -e "$WORK/out.json" ]] || fail "SIG$sig: a JSON file was left"
  leftovers=$(find "$WORK" -name '*.tmp.*')
  [[ -z $leftovers ]] || fail "SIG$sig: temporary files left: $leftovers"
  grep -q "interrupted by SIG$sig" "$WORK/log" || fail "SIG$sig: no message: $(cat "$WORK/log")"
  ok "SIG$sig: exit $status, old CSV untouched, no partial files"
done
