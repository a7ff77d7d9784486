#!/usr/bin/env bash
# Self-counted syscalls (sendto, sendmmsg, io_uring_enter) agree with what strace sees the process make.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

command -v strace >/dev/null || skip "strace is not installed"
strace -f -qq -o /dev/null true 2>/dev/null || skip "ptrace is not permitted here"

# --cycles fixes the calls (no calibration), --warmup 0: every counted call is a measured one.
cycles=3 repeats=2
expect_status 0 "${NO_LSAN[@]}" strace -f -qq -c -o "$WORK/strace.txt" -e trace=sendto,sendmmsg,io_uring_enter \
  "$DEMO" --gtest_filter='Telemetry.*:Batching.Records/IoUring' --cycles $cycles --repeats $repeats \
  --warmup 0 --csv "$WORK/s.csv"
calls() { awk -v s="$1" '$NF == s { print $4; found = 1 } END { if (!found) print 0 }' "$WORK/strace.txt"; }
check() { # check CASE SYSCALL
  local per seen
  per=$(csv_get "$WORK/s.csv" "$1" syscallsPerCall) || fail "no row for $1"
  seen=$(calls "$2")
  awk -v p="$per" -v s="$seen" -v n=$((cycles * repeats)) 'BEGIN { exit !(p * n == s) }' \
    || fail "$1 reports $per syscalls/call, strace saw $seen $2 in $((cycles * repeats)) calls"
  ok "$1: $per syscalls/call = $seen $2 / $((cycles * repeats)) calls"
}
check Telemetry.Udp/OneSendtoPerDatagram sendto
check Telemetry.Udp/Sendmmsg sendmmsg
if csv_get "$WORK/s.csv" Batching.Records/IoUring test >/dev/null; then
  check Batching.Records/IoUring io_uring_enter
else
  grep -q 'IoUring .*SKIPPED: ' "$WORK/out" || fail "IoUring neither measured nor skipped"
  ok "io_uring skipped: $(grep -o 'SKIPPED: .*' "$WORK/out")"
fi
