#!/usr/bin/env bash
# The Syscall suite's syscalls per call (self-counted or the kernel's) agree with what strace sees each case make.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

command -v strace >/dev/null || skip "strace is not installed"
strace -f -qq -o /dev/null true 2>/dev/null || skip "ptrace is not permitted here"

# --cycles fixes the calls (no calibration), --warmup 0: every counted call is a measured one.
# Each case runs alone, so the harness's own calls (timing, /proc reads, output) are the
# same in every run and the Null run's counts of the other syscalls are that baseline.
cycles=7 repeats=3 n=21
seen() { # seen CASE SYSCALL: how often CASE's run made SYSCALL
  awk -v s="$2" '$NF == s { print $4; found = 1 } END { if (!found) print 0 }' "$WORK/$1.strace"
}
# read() and write() are traced on their device only (-P): the harness's own writes vary
# between runs (a steal-time warning is one more), so no baseline can be taken for them.
declare -A only=([ReadDevZero]=/dev/zero [WriteDevNull]=/dev/null)
for c in Null ClockGettimeVdso ClockGettimeSyscall ReadDevZero WriteDevNull; do
  path_args=()
  [[ -z ${only[$c]:-} ]] || path_args=(-P "${only[$c]}")
  expect_status 0 "${NO_LSAN[@]}" strace -f -qq -c -o "$WORK/$c.strace" "${path_args[@]}" \
    -e trace=getppid,clock_gettime,read,write "$DEMO" --gtest_filter="Syscall.$c" \
    --cycles $cycles --repeats $repeats --warmup 0 --csv "$WORK/$c.csv"
  csv_get "$WORK/$c.csv" "Syscall.$c" test >/dev/null || fail "Syscall.$c was not measured: $(cat "$WORK/out" "$WORK/err")"
done
check() { # check CASE SYSCALL: the reported count matches strace's, less the harness's own
  local per got base
  per=$(csv_get "$WORK/$1.csv" "Syscall.$1" syscallsPerCall)
  got=$(seen "$1" "$2")
  base=0
  [[ $1 == Null || -n ${only[$1]:-} ]] || base=$(seen Null "$2")
  awk -v p="$per" -v g="$got" -v b="$base" -v n=$n 'BEGIN { exit !(p * n == g - b) }' \
    || fail "Syscall.$1 reports $per syscalls/call; strace saw $got $2 ($base of them the harness's own) in $n calls"
  ok "Syscall.$1: $per syscalls/call = ($got - $base) $2 / $n calls"
}
check Null getppid
check ClockGettimeVdso clock_gettime
check ClockGettimeSyscall clock_gettime
check ReadDevZero read
check WriteDevNull write
# Self-counted cases say so on the console, as the other suites' do.
expect_status 0 "$DEMO" --gtest_filter='Syscall.Null' --cycles $cycles --repeats 1 --warmup 0
grep -q '^Syscall.Null .*(1 self-counted) syscalls/call' "$WORK/out" \
  || fail "the null syscall's count is not labelled self-counted: $(grep Syscall.Null "$WORK/out")"
ok "self-counted label on the console"
