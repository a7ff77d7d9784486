#!/usr/bin/env bash
# Both profilers count exactly 512000 write() calls for ManySmallWrites --cycles 500 --repeats 1 (root only).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need_root "bpftrace and the libbpf tracer need CAP_BPF+CAP_PERFMON"

CASE=BpftraceProfiler.ManySmallWrites
WANT=512000
ART="$WORK/art"

run_profiled() {
  expect_status 0 "$DEMO" --gtest_filter="*ManySmallWrites*" --cycles 500 --repeats 1 \
    --artifact-root "$ART" --csv "$WORK/$1.csv" --profile "$@"
}

if command -v bpftrace >/dev/null; then
  run_profiled bpftrace --bpf syslat,syscount,writesize
  grep -q '^@syscall_lat_ns\[write\]: $' "$WORK/out" || fail "bpftrace: no histogram on the console: $(head -c 600 "$WORK/out")"
  ! grep -Eq 'RLIMIT_MEMLOCK|ERROR' "$WORK/err" || fail "bpftrace: its harmless warnings reached the console: $(cat "$WORK/err")"
  n=$(hist_total "$ART/$CASE.syslat.json" @syscall_lat_ns write)
  [[ $n == "$WANT" ]] || fail "bpftrace syslat counted $n write() calls, expected $WANT"
  grep -q '^@syscall_lat_ns\[write\]: $' "$ART/$CASE.syslat.txt" || fail "bpftrace: $CASE.syslat.txt has no write histogram"
  n=$(count_of "$ART/$CASE.syscount.json" @syscalls write)
  [[ $n == "$WANT" ]] || fail "bpftrace syscount counted $n write() calls, expected $WANT"
  n=$(hist_total "$ART/$CASE.writesize.json" @write_bytes)
  [[ $n == "$WANT" ]] || fail "bpftrace writesize counted $n write() calls, expected $WANT"
  "$BENCH" hist "$ART/$CASE.writesize.json" | grep -Eq '^\[1\] +512000 +100\.00%' \
    || fail "bpftrace writesize: the 512000 writes are not all 1 byte"
  [[ $(csv_get "$WORK/bpftrace.csv" "$CASE" profileTool) == bpftrace ]] || fail "bpftrace: CSV profileTool is not bpftrace"
  ok "bpftrace: syslat, syscount and writesize each saw exactly $WANT write() calls"
else
  echo "SKIP $TEST_NAME: bpftrace is not installed (the libbpf part still runs)"
fi

run_profiled libbpf
grep -q '^@syscall_lat_ns\[write\]: $' "$WORK/out" || fail "libbpf: no histogram on the console: $(head -c 600 "$WORK/out")"
n=$(hist_total "$ART/$CASE.libbpf-syslat.json" @syscall_lat_ns write)
[[ $n == "$WANT" ]] || fail "libbpf syslat counted $n write() calls, expected $WANT"
n=$(count_of "$ART/$CASE.libbpf-syslat.json" @syscalls write)
[[ $n == "$WANT" ]] || fail "libbpf @syscalls[write] is $n, expected $WANT"
grep -q '^@syscall_lat_ns\[write\]: $' "$ART/$CASE.libbpf-syslat.txt" || fail "libbpf: no text histogram file"
[[ $(csv_get "$WORK/libbpf.csv" "$CASE" profileTool) == libbpf ]] || fail "libbpf: CSV profileTool is not libbpf"
leftovers=$(find "$ART" -name '*.tmp.*')
[[ -z $leftovers ]] || fail "temporary files left: $leftovers"
ok "libbpf: exactly $WANT write() calls, same json shape and text as bpftrace"

# Several cases in one traced run: no rounds (a tracer attaches once per
# case), each case its own exact count and its own trace file.
SINGLE=BpftraceProfiler.SingleBatchedWrite
for tool in libbpf bpftrace; do
  [[ $tool == bpftrace ]] && ! command -v bpftrace >/dev/null && continue
  art="$WORK/both-$tool"
  expect_status 0 "$DEMO" --gtest_filter='BpftraceProfiler.*' --cycles 500 --repeats 1 \
    --artifact-root "$art" --csv "$WORK/both-$tool.csv" --profile "$tool"
  ! grep -q '^seed ' "$WORK/err" || fail "$tool: a traced run ran in rounds: $(cat "$WORK/err")"
  [[ -z $(csv_get "$WORK/both-$tool.csv" "$CASE" seed) ]] || fail "$tool: a traced run recorded a seed"
  file=syslat
  [[ $tool == libbpf ]] && file=libbpf-syslat
  n=$(hist_total "$art/$CASE.$file.json" @syscall_lat_ns write)
  [[ $n == "$WANT" ]] || fail "$tool, two cases: ManySmallWrites counted $n write() calls, expected $WANT"
  n=$(hist_total "$art/$SINGLE.$file.json" @syscall_lat_ns write)
  [[ $n == 500 ]] || fail "$tool, two cases: SingleBatchedWrite counted $n write() calls, expected 500"
  ok "$tool, two cases in one run: exactly $WANT and 500 write() calls, one trace file each"
done
