#!/usr/bin/env bash
# The libbpf tracer's three modes (libbpf, libbpf-count, libbpf-floor): exact counts, BPF run-time statistics, and no program left loaded after the run (root only).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need_root "the libbpf tracers need CAP_BPF+CAP_PERFMON"
if ! "$DEMO" --profile libbpf --gtest_filter='*ManySmallWrites*' --cycles 1 --repeats 1 \
  --artifact-root "$WORK/probe" >/dev/null 2>"$WORK/err"; then
  grep -q 'this build has no libbpf tracer' "$WORK/err" && skip "$(cat "$WORK/err")"
  fail "--profile libbpf: $(cat "$WORK/err")"
fi
command -v bpftool >/dev/null || skip "bpftool is needed to list loaded BPF programs"

CASE=BpftraceProfiler.ManySmallWrites
WANT=512000
ART="$WORK/art"

# run_mode PROFILE ARTIFACT: one exact-count run with statistics on; checks the
# programs it loaded (their ids from --verbose) are gone once it has ended.
run_mode() {
  local profile=$1 art=$ART/$CASE.$2 ids
  expect_status 0 "$DEMO" --gtest_filter="*ManySmallWrites*" --cycles 500 --repeats 1 \
    --artifact-root "$ART" --profile "$profile" --bpf-stats --verbose
  read -r -a ids <<<"$(libbpf_ids)"
  ((${#ids[@]} > 0)) || fail "$profile: no 'attached ... program ids' line: $(head -c 600 "$WORK/err")"
  bpf_progs_gone "$profile" "${ids[@]}"
  [[ -s $art.json && -s $art.txt ]] || fail "$profile: no $art.json and .txt"
  local runs
  runs=$(sed -n 's/^@bpf_run_cnt\[[a-z_]*enter\]: //p' "$art.txt")
  [[ -n $runs ]] && ((runs >= WANT)) || fail "$profile: @bpf_run_cnt of its sys_enter program is '$runs', expected at least $WANT"
  grep -q "BPF run time [0-9.]* ns per traced syscall" "$WORK/out" || fail "$profile: no BPF run time line: $(tail -n 5 "$WORK/out")"
}

run_mode libbpf libbpf-syslat
n=$(hist_total "$ART/$CASE.libbpf-syslat.json" @syscall_lat_ns write)
[[ $n == "$WANT" ]] || fail "libbpf: the histogram holds $n write() calls, expected $WANT"
n=$(count_of "$ART/$CASE.libbpf-syslat.json" @syscalls write)
[[ $n == "$WANT" ]] || fail "libbpf: @syscalls[write] is $n, expected $WANT"
ok "libbpf: exactly $WANT write() calls timed, statistics read, programs unloaded"

run_mode libbpf-count libbpf-syscount
n=$(count_of "$ART/$CASE.libbpf-syscount.json" @syscalls write)
[[ $n == "$WANT" ]] || fail "libbpf-count: @syscalls[write] is $n, expected $WANT"
! grep -q '@syscall_lat_ns' "$ART/$CASE.libbpf-syscount.txt" || fail "libbpf-count: it timed calls"
ok "libbpf-count: exactly $WANT write() calls counted, no latency, programs unloaded"

run_mode libbpf-floor libbpf-floor
grep -q '^@bpf_run_cnt\[floor_exit\]: ' "$ART/$CASE.libbpf-floor.txt" || fail "libbpf-floor: no exit program ran"
! grep -q '@syscalls' "$ART/$CASE.libbpf-floor.txt" || fail "libbpf-floor: it counted calls"
ok "libbpf-floor: the empty pair ran on every call, programs unloaded"

# Without --bpf-stats there is nothing but the results; the flag belongs to the libbpf tracers.
expect_status 0 "$DEMO" --gtest_filter="*ManySmallWrites*" --cycles 5 --repeats 1 \
  --artifact-root "$ART" --profile libbpf-count
! grep -q '@bpf_run' "$ART/$CASE.libbpf-syscount.txt" || fail "statistics without --bpf-stats"
expect_status 2 "$DEMO" --cycles 1 --repeats 1 --profile bpftrace --bpf-stats
stderr_is_one_line "^error: $DEMO_NAME: --bpf-stats: only the libbpf tracers report"
ok "--bpf-stats only where asked, and only with a libbpf tracer"
