#!/usr/bin/env bash
# A tracer's json histogram cut short (bpftrace killed mid-write), empty, corrupt or missing: bench says which file and where, exit 2, no crash.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# What bpftrace -f json writes for syslat.bt (two lines: probes, then the map).
good="$WORK/good.json"
cat >"$good" <<'JSON'
{"type": "attached_probes", "data": {"probes": 3}}
{"type": "hist", "data": {"@syscall_lat_ns": {"write": [{"min": 128, "max": 255, "count": 154926}, {"min": 256, "max": 511, "count": 353430}, {"min": 512, "max": 1023, "count": 2793}, {"min": 1024, "max": 2047, "count": 245}, {"min": 2048, "max": 4095, "count": 396}, {"min": 4096, "max": 8191, "count": 53}, {"min": 8192, "max": 16383, "count": 86}, {"min": 16384, "max": 32767, "count": 17}, {"min": 32768, "max": 65535, "count": 49}, {"min": 65536, "max": 131071, "count": 4}, {"min": 131072, "max": 262143, "count": 1}]}}}
JSON
# The file name carries the case and script, as the profilers write it.
f="$WORK/BpftraceProfiler.ManySmallWrites.syslat.json"

# Readers of a histogram file: bench hist (when this build has it) and the
# chart of bench plot (reads before it draws, so gnuplot is not needed to fail).
readers=()
if "$BENCH" --help 2>/dev/null | grep -Eq '^ +hist '; then readers+=(hist); fi
readers+=(plot)
run_reader() {
  case $1 in
    hist) expect_status "$2" "$BENCH" hist "$f" ;;
    plot) expect_status "$2" "$BENCH" plot hist "$f" -o "$WORK/charts" --term dumb ;;
  esac
}

# error_is PATTERN: one line on stderr, starting "error: <the file>", matching PATTERN.
error_is() {
  stderr_is_one_line "^error: $f"
  grep -Eq -- "$1" "$WORK/err" || fail "stderr '$(cat "$WORK/err")' does not match /$1/"
}

for r in "${readers[@]}"; do
  cp "$good" "$f"
  run_reader "$r" 0
  ok "bench $r on the intact fixture: exit 0"

  # Cut inside the histogram line: what a killed bpftrace leaves behind.
  head -c "$(( $(head -n 1 "$good" | wc -c) + 120 ))" "$good" >"$f"
  run_reader "$r" 2
  error_is "^error: $f:2:[0-9]+: .*(end of input|unterminated|expected)"
  ok "bench $r, file cut short: '$(cat "$WORK/err")'"

  # Killed before it printed any map: only the probe count is there.
  head -n 1 "$good" >"$f"
  run_reader "$r" 2
  error_is "no histogram"
  ok "bench $r, no histogram in the file: '$(cat "$WORK/err")'"

  : >"$f"
  run_reader "$r" 2
  error_is "no histogram|empty"
  ok "bench $r, empty file: '$(cat "$WORK/err")'"

  printf '\x00\xff\x12not json at all' >"$f"
  run_reader "$r" 2
  error_is "^error: $f:1:1: "
  ok "bench $r, binary garbage: '$(cat "$WORK/err")'"

  printf '{"type": "hist", "data": {"@syscall_lat_ns": {"write": [{"min": 5, "max": 1, "count": 1}]}}}\n' >"$f"
  run_reader "$r" 2
  error_is "^error: $f:1:[0-9]+: bucket \"max\" 1 is below \"min\" 5"
  ok "bench $r, impossible bucket: '$(cat "$WORK/err")'"

  rm -f "$f"
  run_reader "$r" 2
  error_is "cannot open: No such file or directory"
  ok "bench $r, missing file: '$(cat "$WORK/err")'"
done
