#!/usr/bin/env bash
# The observer effect: ManySmallWrites untraced and under each tracer, side by side in one run.
#   overhead.sh BIN_DIR ARTIFACTS        (make overhead; ARTIFACTS defaults to artifacts/demo-09)
# Writes ARTIFACTS/overhead/<tool>.csv (profileTool set in each), overhead.txt and
# overhead.md (ns per write() and ns added per write() by each tool), and the
# tools' own outputs beside them, as the run folder's contract names them (bench layout).
# Tracers need root; perf and strace run where installed.
# Knobs: OVERHEAD_CYCLES (1000), OVERHEAD_REPEATS (15), OVERHEAD_SLOW_CYCLES (10, perf and strace).
set -euo pipefail

bin=${1:?usage: overhead.sh BIN_DIR [ARTIFACTS]}
run_dir=${2:-artifacts/demo-09}
demo="$bin/ptests/BenchDemo_09_BpftraceProfiler"
bench="$bin/tools/bench"
cycles=${OVERHEAD_CYCLES:-1000}
repeats=${OVERHEAD_REPEATS:-15}
# perf trace and strace cost tens of microseconds per syscall: fewer calls
# keep the run within a minute or two. Per-write costs stay comparable.
slow_cycles=${OVERHEAD_SLOW_CYCLES:-10}

for exe in "$demo" "$bench"; do
  [[ -x "$exe" ]] || { echo "error: $exe is missing: build it first (make release)" >&2; exit 2; }
done
layout=$("$bench" layout --format shell)
eval "$layout"
out=$run_dir/${layout_overhead_dir%/}
if [[ $(id -u) -ne 0 ]]; then
  echo "overhead: skipped: tracing needs root or CAP_BPF+CAP_PERFMON (run 'sudo make overhead' or use the dev-cuda container)"
  exit 0
fi

# Old results of a tool no longer installed must not join this run's table.
rm -rf "$out"
mkdir -p "$out"
case_args=(--gtest_filter=BpftraceProfiler.ManySmallWrites --repeats "$repeats")

run() { # run TOOL_LABEL CYCLES [WRAPPER...] -- [DEMO ARGS...]
  local label=$1 n=$2
  shift 2
  local wrapper=()
  while [[ $1 != -- ]]; do wrapper+=("$1"); shift; done
  shift
  local csv=$run_dir/${layout_overhead_csv/<tool>/$label} log=$run_dir/${layout_overhead_log/<tool>/$label}
  printf '%-10s ' "$label"
  "${wrapper[@]}" "$demo" "${case_args[@]}" --cycles "$n" --csv "$csv" \
    --profile-tool-label "$label" "$@" >"$log" 2>&1 \
    || { echo "failed (see $log):"; tail -n 3 "$log"; exit 1; }
  "$bench" summary "$csv" | tail -n 1
}
traces=$run_dir/${layout_overhead_traces%/}

echo "overhead: ManySmallWrites, $repeats repeats of $cycles calls (1024 write() each; $slow_cycles under perf trace and strace)"
run none "$cycles" --
run libbpf "$cycles" -- --profile libbpf --artifact-root "$traces"
if command -v bpftrace >/dev/null; then
  run bpftrace "$cycles" -- --profile bpftrace --bpf syslat --artifact-root "$traces"
else
  echo "bpftrace   not installed: skipped"
fi
if command -v perf >/dev/null && perf trace -s -o /dev/null -- true >/dev/null 2>&1; then
  run perf-trace "$slow_cycles" perf trace -s -o "$run_dir/$layout_perf_summary" --
else
  echo "perf-trace not available (perf trace needs linux-perf and tracefs): skipped"
fi
if command -v strace >/dev/null; then
  run strace "$slow_cycles" strace -c -f -o "$run_dir/$layout_strace_summary" --
else
  echo "strace     not installed: skipped"
fi

# Written beside, then renamed: a half-written table never replaces a whole one.
table=$run_dir/$layout_overhead_txt markdown=$run_dir/$layout_overhead_md
"$bench" overhead "$out" >"$table.tmp" && mv "$table.tmp" "$table"
"$bench" overhead "$out" --format markdown >"$markdown.tmp" && mv "$markdown.tmp" "$markdown"
echo
cat "$table"
