#!/usr/bin/env bash
# Two profiled runs at once, one in its own PID namespace as in a container, each count exactly their own 512000 write()s (root only).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need_root "bpftrace and the libbpf tracer need CAP_BPF+CAP_PERFMON"
command -v bpftrace >/dev/null || skip "bpftrace is not installed"
unshare --pid --fork --mount-proc true 2>/dev/null || skip "cannot make a PID namespace here (unshare --pid)"

CASE=BpftraceProfiler.ManySmallWrites
WANT=512000

# A third run stays in its measured repeats all along. In a PID namespace
# bpftrace cannot filter by the kit's pid, so only the thread name keeps this
# run's calls out of the other runs' counts.
"$DEMO" --gtest_filter='*ManySmallWrites*' --cycles 200 --repeats 100000 >"$WORK/busy.log" 2>&1 &
busy=$!
CLEANUP_PIDS+=("$busy")
wait_measuring "$busy" "$WORK/busy.log"

# profiled NAME TOOL [WRAPPER...]: one exact-count run, artifacts in $WORK/NAME.
profiled() {
  local name=$1 tool=$2 scripts=()
  shift 2
  [[ $tool == bpftrace ]] && scripts=(--bpf "syscount,writesize")
  "$@" "$DEMO" --gtest_filter='*ManySmallWrites*' --cycles 500 --repeats 1 --warmup 100 \
    --profile "$tool" "${scripts[@]}" --artifact-root "$WORK/$name" >"$WORK/$name.log" 2>&1
}
pidns=(unshare --pid --fork --mount-proc)
profiled native-bpftrace bpftrace &
pids=($!)
profiled pidns-bpftrace bpftrace "${pidns[@]}" &
pids+=($!)
profiled pidns-libbpf libbpf "${pidns[@]}" &
pids+=($!)
CLEANUP_PIDS+=("${pids[@]}")
statuses=()
for pid in "${pids[@]}"; do
  status=0
  wait "$pid" || status=$?
  statuses+=("$status")
done
kill "$busy"

i=0
for name in native-bpftrace pidns-bpftrace pidns-libbpf; do
  [[ ${statuses[i]} -eq 0 ]] || fail "$name: exit status ${statuses[i]}: $(cat "$WORK/$name.log")"
  i=$((i + 1))
done
for name in native-bpftrace pidns-bpftrace; do
  n=$(count_of "$WORK/$name/$CASE.syscount.json" @syscalls write)
  [[ $n == "$WANT" ]] || fail "$name: syscount counted $n write() calls, expected $WANT"
  n=$(hist_total "$WORK/$name/$CASE.writesize.json" @write_bytes)
  [[ $n == "$WANT" ]] || fail "$name: writesize counted $n write() calls, expected $WANT"
done
n=$(count_of "$WORK/pidns-libbpf/$CASE.libbpf-syslat.json" @syscalls write)
[[ $n == "$WANT" ]] || fail "pidns-libbpf: counted $n write() calls, expected $WANT"
ok "native and PID-namespace runs, concurrent with a third, each counted exactly their own $WANT write() calls"
