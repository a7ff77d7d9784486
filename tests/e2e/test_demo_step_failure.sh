#!/usr/bin/env bash
# run_demo.sh: a step that fails shows its error and which step it was, publishes nothing, and keeps quiet about progress off a terminal.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# Unprivileged, so the demo skips the tracing steps and reaches step 4 in seconds.
as_user=()
if [[ $(id -u) -eq 0 ]]; then
  command -v setpriv >/dev/null || skip "setpriv (util-linux) is needed to drop root"
  as_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all --bounding-set=-all)
  "${as_user[@]}" test -x "$DEMO" -a -x "$BENCH" -a -r "$SYSCOST_SOURCE_DIR/src/tools/overhead/overhead.sh" \
    || skip "nobody cannot run $SYSCOST_BIN's programs, so the unprivileged run cannot be tried"
fi
chmod 755 "$WORK"

# The real binaries, but a benchmark program that fails the pooled run of the pair in step 4.
mkdir -p -m 755 "$WORK/bin" "$WORK/bin/ptests" "$WORK/bin/tools" "$WORK/art"
ln -s "$BENCH" "$WORK/bin/tools/bench"
cat >"$WORK/bin/ptests/BenchDemo_09_BpftraceProfiler" <<WRAP
#!/usr/bin/env bash
if [[ " \$* " == *ManySmallWrites:BpftraceProfiler.SingleBatchedWrite* ]]; then
  echo "RESULT LINE ON STDOUT before the failure"
  echo "error: --csv: simulated failure of the slow run (disk full?)" >&2
  exit 2
fi
exec "$DEMO" "\$@"
WRAP
chmod +x "$WORK/bin/ptests/BenchDemo_09_BpftraceProfiler"

run=$WORK/art/demo-09
mkdir -p "$run"
echo "the previous run" >"$run/REPORT.md"
# Open to nobody by mode, not by chown: a container's root may lack CAP_CHOWN.
[[ ${#as_user[@]} -eq 0 ]] || chmod -R a+rwX "$WORK/art"
status=0
"${as_user[@]}" "$SYSCOST_SOURCE_DIR/src/demos/09_bpftrace_profiler/run_demo.sh" --quick "$WORK/bin" "$run" \
  >"$WORK/out" 2>"$WORK/err" || status=$?
[[ $status -ne 0 ]] || fail "the demo succeeded with a failing step 4"
grep -q "error: --csv: simulated failure of the slow run" "$WORK/err" \
  || fail "the failing step's own error is not shown: $(cat "$WORK/err")"
grep -q "RESULT LINE ON STDOUT" "$WORK/err" || fail "the failing step's output is not shown: $(cat "$WORK/err")"
grep -Eq "^demo-09: error: step 4/7 \(compare\) failed \(exit status [0-9]+\): nothing was published, $run is as it was$" "$WORK/err" \
  || fail "no line saying which step failed: $(cat "$WORK/err")"
ok "a failing step shows its error and output, and says it was step 4/7 (compare)"

[[ $(cat "$run/REPORT.md") == "the previous run" ]] || fail "the previous run folder changed"
[[ -z $(find "$WORK/art" -maxdepth 1 -name '.demo-09.staging.*') ]] || fail "a staging folder was left: $(ls -a "$WORK/art")"
ok "the previous run folder is as it was, no staging folder left"

grep -q "^demo-09: step " "$WORK/err" && fail "progress lines on stderr that is no terminal: $(grep '^demo-09: step' "$WORK/err")"
grep -q "case [0-9]*/[0-9]* " "$WORK/err" && fail "the program drew progress on stderr that is no terminal"
ok "no progress lines when stderr is not a terminal"
