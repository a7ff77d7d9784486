#!/usr/bin/env bash
# bpftrace killed mid-run: the benchmark names the tracer and script, exits 2, and leaves no trace files.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need_root
command -v bpftrace >/dev/null || skip "bpftrace is not installed (make deps)"

"$DEMO" --profile bpftrace --bpf syslat --gtest_filter='*ManySmallWrites*' --cycles 200 \
  --repeats 100000 --artifact-root "$WORK/traces" >"$WORK/log" 2>&1 &
pid=$!
CLEANUP_PIDS+=("$pid")
wait_measuring "$pid" "$WORK/log"
tracer=$(pgrep -P "$pid" -x bpftrace) || fail "no bpftrace child of $pid"
kill -KILL "$tracer"
# The runner notices at the end of the measured repeats; stop them so the test is short.
sleep 0.5
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
[[ $status -eq 143 || $status -eq 2 ]] || fail "exit status $status, expected 2 or 143: $(cat "$WORK/log")"
[[ -z $(find "$WORK/traces" -type f 2>/dev/null) ]] || fail "files left: $(find "$WORK/traces" -type f)"
ok "bpftrace killed mid-run: exit $status, no trace files left"

# Killed while the run ends on its own: the error names the tracer and the script.
"$DEMO" --profile bpftrace --bpf syslat --gtest_filter='*ManySmallWrites*' --cycles 200 \
  --repeats 40 --artifact-root "$WORK/traces2" >"$WORK/log2" 2>&1 &
pid=$!
CLEANUP_PIDS+=("$pid")
wait_measuring "$pid" "$WORK/log2"
tracer=$(pgrep -P "$pid" -x bpftrace) || fail "no bpftrace child of $pid"
kill -KILL "$tracer"
status=0
wait "$pid" || status=$?
[[ $status -eq 2 ]] || fail "exit status $status, expected 2: $(cat "$WORK/log2")"
grep -q "error: BpftraceProfiler.ManySmallWrites: bpftrace syslat failed (killed by signal 9)" "$WORK/log2" \
  || fail "no clear error: $(cat "$WORK/log2")"
[[ -z $(find "$WORK/traces2" -type f 2>/dev/null) ]] || fail "files left: $(find "$WORK/traces2" -type f)"
ok "the error names bpftrace, the script and the signal; exit 2, nothing written"
