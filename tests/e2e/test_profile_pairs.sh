#!/usr/bin/env bash
# --profile-pairs: traced and untraced repeats in pairs inside one process (the libbpf tracer detached and attached between them): a NAME/detached row, exact counts of the traced calls only, no program left loaded, a stop mid-run, and every bad combination (root only).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need_root "the libbpf tracers need CAP_BPF+CAP_PERFMON"
if ! "$DEMO" --profile libbpf-count --gtest_filter='*ManySmallWrites*' --cycles 1 --repeats 1 \
  --artifact-root "$WORK/probe" >/dev/null 2>"$WORK/err"; then
  grep -q 'this build has no libbpf-count tracer' "$WORK/err" && skip "$(cat "$WORK/err")"
  fail "--profile libbpf-count: $(cat "$WORK/err")"
fi
command -v bpftool >/dev/null || skip "bpftool is needed to list loaded BPF programs"

CASE=BpftraceProfiler.ManySmallWrites
ART="$WORK/art"
CSV="$WORK/pairs.csv"

# 3 pairs of 100 calls of 1024 write()s: the traced repeats alone are counted.
expect_status 0 "$DEMO" --gtest_filter="$CASE" --cycles 100 --repeats 3 --seed 5 \
  --artifact-root "$ART" --profile libbpf-count --profile-pairs --csv "$CSV" --verbose
grep -q '^seed 5: 3 pairs of repeats per case, libbpf-count attached for one and detached' "$WORK/err" \
  || fail "no plan line: $(head -c 600 "$WORK/err")"
[[ $(csv_get "$CSV" "$CASE" profileTool) == libbpf-count ]] || fail "traced row: $(cat "$CSV")"
[[ $(csv_get "$CSV" "$CASE/detached" profileTool) == none ]] || fail "no untraced row $CASE/detached: $(cat "$CSV")"
for row in "$CASE" "$CASE/detached"; do
  [[ $(csv_get "$CSV" "$row" repeats) == 3 && $(csv_get "$CSV" "$row" seed) == 5 ]] \
    || fail "$row: expected 3 repeats with seed 5: $(cat "$CSV")"
  [[ $(csv_get "$CSV" "$row" samples | tr ';' '\n' | wc -l) == 3 ]] || fail "$row: not 3 samples"
  [[ $(csv_get "$CSV" "$row" syscallsPerCall) == 1024 ]] || fail "$row: syscallsPerCall: $(cat "$CSV")"
done
n=$(count_of "$ART/$CASE.libbpf-syscount.json" @syscalls write)
[[ $n == 307200 ]] || fail "@syscalls[write] is $n, expected 307200 (the 3 traced repeats only)"
read -r -a ids <<<"$(libbpf_ids)"
((${#ids[@]} > 0)) || fail "no 'attached ... program ids' line"
bpf_progs_gone "--profile-pairs" "${ids[@]}"
ok "libbpf-count in pairs: a $CASE/detached row, exactly 307200 write() calls counted, programs unloaded"

# The latency tracer: every traced call timed, none of the untraced ones.
expect_status 0 "$DEMO" --gtest_filter="$CASE" --cycles 50 --repeats 2 \
  --artifact-root "$ART" --profile libbpf --profile-pairs --csv "$CSV" --verbose
n=$(hist_total "$ART/$CASE.libbpf-syslat.json" @syscall_lat_ns write)
[[ $n == 102400 ]] || fail "libbpf: the histogram holds $n write() calls, expected 102400"
read -r -a ids <<<"$(libbpf_ids)"
bpf_progs_gone "--profile-pairs" "${ids[@]}"
ok "libbpf in pairs: exactly 102400 write() calls timed, programs unloaded"

# Stopped mid-run (in whichever half of a pair): 130, no CSV, nothing left loaded.
rm -f "$CSV"
"$DEMO" --gtest_filter="$CASE" --cycles 20000 --repeats 4 --artifact-root "$ART" \
  --profile libbpf-floor --profile-pairs --csv "$CSV" --verbose >"$WORK/out" 2>"$WORK/err" &
pid=$!
CLEANUP_PIDS+=("$pid")
wait_measuring "$pid" "$WORK/err"
sleep 0.5
kill -INT "$pid"
status=0
wait "$pid" || status=$?
((status == 130)) || fail "stopped by SIGINT: exit $status, expected 130: $(cat "$WORK/err")"
[[ ! -e $CSV ]] || fail "a CSV was written by an interrupted run"
read -r -a ids <<<"$(libbpf_ids)"
((${#ids[@]} > 0)) || fail "no 'attached ... program ids' line: $(cat "$WORK/err")"
bpf_progs_gone "--profile-pairs" "${ids[@]}"
ok "SIGINT mid-pairs: exit 130, no CSV, programs unloaded"

# Bad combinations: one line, exit 2, nothing started.
expect_status 2 "$DEMO" --cycles 1 --repeats 1 --profile-pairs
stderr_is_one_line "^error: $DEMO_NAME: --profile-pairs: pairs traced and untraced repeats of a tracer, and this run has no --profile"
expect_status 2 "$DEMO" --cycles 1 --repeats 1 --profile bpftrace --profile-pairs --artifact-root "$ART"
stderr_is_one_line "^error: --profile-pairs: the bpftrace tracer cannot detach and attach again within a run"
expect_status 2 "$DEMO" --cycles 1 --repeats 1 --profile libbpf --seed 3 --artifact-root "$ART"
stderr_is_one_line "^error: $DEMO_NAME: --seed orders the cases in each round \(or the repeats of each pair, with --profile-pairs\)"
ok "--profile-pairs without a tracer, with bpftrace, and --seed without pairs: one line each, exit 2"
