#!/usr/bin/env bash
# A .bt script bpftrace refuses stops the whole run: one error line, exit 2, no later case or suite runs, nothing written.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need_root
command -v bpftrace >/dev/null || skip "bpftrace is not installed (make deps)"

mkdir "$WORK/bt"
cp "$SYSCOST_SOURCE_DIR"/bpf/*.bt "$WORK/bt/"
printf 'tracepoint:raw_syscalls:sys_enter { @n = count();\n' >"$WORK/bt/syslat.bt"

# Two suites selected: a failing tracer must not be tried again for the next one.
expect_status 2 "$DEMO" --gtest_filter='BpftraceProfiler.*:WriteSize.*' --profile bpftrace \
  --bpf-scripts "$WORK/bt" --quick --csv "$WORK/results.csv" --artifact-root "$WORK/traces"
errors=$(grep -c '^error:' "$WORK/err" || true)
[[ $errors -eq 1 ]] || fail "expected one error line, got $errors: $(cat "$WORK/err")"
grep -Eq '^error: BpftraceProfiler\.ManySmallWrites: bpftrace syslat exited before its probes were attached .*syslat\.bt' "$WORK/err" \
  || fail "the error does not name the case, the tracer and the script: $(cat "$WORK/err")"
if grep -E 'SingleBatchedWrite|WriteSize' "$WORK/out" "$WORK/err"; then
  fail "cases after the failing one ran"
fi
[[ ! -e $WORK/results.csv ]] || fail "a CSV was written: $(cat "$WORK/results.csv")"
[[ -z $(find "$WORK/traces" -type f 2>/dev/null) ]] || fail "files left: $(find "$WORK/traces" -type f)"
ok "a broken script: one error naming case, tracer and script; exit 2; no later case ran; nothing written"
