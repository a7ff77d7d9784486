#!/usr/bin/env bash
# Inputs that never end or are too large: /dev/zero, a FIFO, a directory and a 300 MiB file are refused in one line before memory grows (they grew to the OOM killer before).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# A broken build reads /dev/zero until memory runs out: bound what the
# test can cost (ASan reserves address space up front, so it gets an RSS
# limit instead of ulimit -v).
limited() {
  if sanitized_build; then
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=1024" timeout 20 "$@"
  else
    (ulimit -v 2000000 && exec timeout 20 "$@")
  fi
}

mkfifo "$WORK/fifo"
mkdir "$WORK/dir"
truncate -s 300M "$WORK/big.csv" # sparse: no disk used
ln -s /dev/zero "$WORK/zero.json"

# reader COMMAND: the bench command line that reads FILE ($f).
check() {
  local f=$1 want=$2
  shift 2
  expect_status 2 limited "$BENCH" "$@"
  stderr_is_one_line "^error: $f: $want"
}

for f in /dev/zero "$WORK/fifo" "$WORK/dir" "$WORK/zero.json"; do
  check "$f" "not a regular file" summary "$f"
  check "$f" "not a regular file" hist "$f"
  check "$f" "not a regular file" compare "$f" "$f"
  check "$f" "not a regular file" batching "$f"
  ok "$f: summary, hist, compare and batching refuse it: '$(cat "$WORK/err")'"
done

for cmd in summary hist; do
  check "$WORK/big.csv" "larger than 256 MiB, the limit for an input file" "$cmd" "$WORK/big.csv"
done
check "$WORK/big.csv" "larger than 256 MiB" compare "$WORK/big.csv" "$WORK/big.csv"
ok "a 300 MiB file: '$(cat "$WORK/err")'"

# Files up to the limit are still read: a 2 MiB CSV of 40,000 cases.
awk 'BEGIN { print "test,wallMedian"; for (i = 0; i < 40000; i++) printf "S.C%06d,%d.5\n", i, i % 90 + 1 }' >"$WORK/many.csv"
expect_status 0 "$BENCH" summary "$WORK/many.csv"
[[ $(wc -l <"$WORK/out") -eq 40000 ]] || fail "expected 40000 rows, got $(wc -l <"$WORK/out")"
ok "40,000 cases in $(stat -c %s "$WORK/many.csv") bytes: all summarised"
