#!/usr/bin/env bash
# bench plot all plans no chart for a tracer file of counts alone (syscount's): no note about it, the histograms beside it drawn, and bench report still shows its counts.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
command -v gnuplot >/dev/null || skip "gnuplot is not installed (make deps)"

run=$WORK/run
cp -r "$SYSCOST_SOURCE_DIR/tests/fixtures/report/full" "$run"
# What bpftrace -f json writes for syscount.bt: count maps, no histogram.
for c in ManySmallWrites SingleBatchedWrite; do
  cat >"$run/BpftraceProfiler.$c.syscount.json" <<'JSON'
{"type": "attached_probes", "data": {"probes": 33}}
{"type": "map", "data": {"@syscalls": {"prctl": 1, "clock_gettime": 2, "write": 512000}}}
{"type": "map", "data": {"@syscalls_total": 512003}}
JSON
done

expect_status 0 "$BENCH" plot all "$run"
[[ ! -s $WORK/err ]] || fail "bench plot all said something about the run: $(cat "$WORK/err")"
[[ -s $run/plots/hist-syslat.png ]] || fail "the syslat histograms beside the count files were not drawn"
[[ -z $(find "$run/plots" -name 'hist-syscount*') ]] || fail "a syscount chart: $(ls "$run/plots")"
grep -q syscount "$WORK/out" && fail "bench plot all lists a syscount chart: $(cat "$WORK/out")"
ok "no chart and no note for count-only files; the histograms beside them drawn"

expect_status 0 "$BENCH" report "$run"
grep -q '^### BpftraceProfiler.ManySmallWrites (syscount: calls per syscall)' "$run/REPORT.md" \
  || fail "REPORT.md does not show the count maps: $(grep '^##' "$run/REPORT.md")"
grep -q '@syscalls\[write\]: 512000' "$run/REPORT.md" || fail "REPORT.md lacks the write count"
grep -q 'hist-syscount' "$run/REPORT.md" && fail "REPORT.md refers to a syscount chart"
ok "bench report still shows the count maps, and no chart of them"

# A file that is only partly count maps still charts its histogram (libbpf-syslat's shape).
cat >"$run/BpftraceProfiler.ManySmallWrites.mixed.json" <<'JSON'
{"type": "hist", "data": {"@syscall_lat_ns": {"write": [{"min": 128, "max": 255, "count": 10}]}}}
{"type": "map", "data": {"@syscalls": {"write": 10}}}
JSON
expect_status 0 "$BENCH" plot all "$run"
[[ -s $run/plots/hist-mixed.png ]] || fail "a file with a histogram and count maps was not charted: $(cat "$WORK/err")"
ok "a file with a histogram beside its count maps is charted"
