#!/usr/bin/env bash
# Demo 09 on this machine: measure, profile, compare, plot and report.
# Called by `make demo-09` (natively or inside the dev container) with built binaries.
#   run_demo.sh BIN_DIR ARTIFACTS
# Everything is written to a staging folder beside ARTIFACTS and moved into place
# only when every step succeeded: an interrupted or failed demo keeps the last one.
set -euo pipefail

bin=${1:?usage: run_demo.sh BIN_DIR ARTIFACTS}
final=${2:?usage: run_demo.sh BIN_DIR ARTIFACTS}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
demo="$bin/ptests/BenchDemo_09_BpftraceProfiler"
bench="$bin/tools/bench"
for exe in "$demo" "$bench"; do
  [[ -x "$exe" ]] || { echo "error: $exe is missing: build it first (make debug)" >&2; exit 2; }
done

mkdir -p "$(dirname "$final")"
out=$(mktemp -d "$(dirname "$final")/.$(basename "$final").staging.XXXXXX")
chmod 755 "$out"
trap 'rm -rf "$out"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step() { printf '\n== %s ==\n' "$*"; }
version() { "$@" 2>&1 | head -n 1 || true; }

step "Environment"
{
  echo "kernel: $(uname -srm)"
  echo "cpu: $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
  echo "cores: $(nproc)"
  echo "clocksource: $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource 2>/dev/null || echo unknown)"
  echo "governor: $(cat /sys/devices/system/cpu/cpu0/cpufreq/scaling_governor 2>/dev/null || echo 'none (no cpufreq)')"
  # How the demo was started, and separately what the machine looks like: a
  # VM image built from a container image has /.dockerenv without being one.
  if [[ -n ${SYSCOST_IN_COMPOSE:-} ]]; then echo "runner: compose (dev container)"; else echo "runner: native"; fi
  if [[ -e /.dockerenv || -e /run/.containerenv ]]; then
    echo "container markers: yes (/.dockerenv or /run/.containerenv present)"
  else
    echo "container markers: none"
  fi
  echo "build: $(basename "$(dirname "$bin")")"
  echo "compiler: $(version cc --version)"
  echo "bpftrace: $(command -v bpftrace >/dev/null && version bpftrace --version || echo 'not installed')"
  echo "libbpf: $(dpkg-query -W -f='${Version}' libbpf-dev 2>/dev/null || echo unknown)"
  echo "gnuplot: $(command -v gnuplot >/dev/null && version gnuplot --version || echo 'not installed')"
  echo "user: $(id -un) (uid $(id -u))"
} | tee "$out/env.txt"

step "Step 1: baseline, every case (calibrated repeats; summary below)"
"$demo" --csv "$out/demo.csv" --json "$out/demo.json" 2> >(tee "$out/env-warnings.txt" >&2) \
  >"$out/run.txt"
"$bench" summary "$out/demo.csv" | tee "$out/summary.txt"

step "Steps 2-3: the write() latency histogram, traced (exactly 500 x 1024 writes for ManySmallWrites)"
if [[ $(id -u) -ne 0 ]]; then
  echo "profiling: skipped: tracing needs root or CAP_BPF+CAP_PERFMON (run 'sudo make demo-09' or RUNNER=compose)" \
    | tee "$out/profile-skipped.txt"
else
  "$root/ci/ensure-tracefs.sh"
  for c in ManySmallWrites SingleBatchedWrite; do
    "$demo" --profile bpftrace --bpf syslat,syscount,writesize --gtest_filter="BpftraceProfiler.$c" \
      --cycles 500 --repeats 1 --warmup 100 --artifact-root "$out" | tee -a "$out/profile-bpftrace.txt"
    "$demo" --profile libbpf --gtest_filter="BpftraceProfiler.$c" \
      --cycles 500 --repeats 1 --warmup 100 --artifact-root "$out" | tee -a "$out/profile-libbpf.txt"
  done
  "$bench" hist "$out/BpftraceProfiler.ManySmallWrites.syslat.json" | tee "$out/hist-ManySmallWrites.txt"
fi

step "Batching: each case against its batched form (paired by name)"
"$bench" batching "$out/demo.csv" --json "$out/demo.json" | tee "$out/batching.txt"
"$bench" batching "$out/demo.csv" --json "$out/demo.json" --format markdown >"$out/batching.md"

step "Step 4: 1024 one-byte writes (slow.csv) against one 1024-byte write (fast.csv)"
"$demo" --gtest_filter='*ManySmallWrites*' --csv "$out/slow.csv" >/dev/null 2>&1
"$demo" --gtest_filter='*SingleBatchedWrite*' --csv "$out/fast.csv" >/dev/null 2>&1
"$bench" compare "$out/slow.csv" "$out/fast.csv" | tee "$out/compare.txt"

step "Observer effect: what tracing adds to each write()"
"$root/src/tools/overhead/overhead.sh" "$bin" "$out"

step "Plots and report"
"$bench" plot all "$out"
"$bench" report "$out"

# Swap the finished run into place; the previous one goes only now.
if [[ -e $final ]]; then
  mv "$final" "$out.old"
fi
mv "$out" "$final"
rm -rf "$out.old"
trap - EXIT
printf '\nartifacts: %s (REPORT.md, REPORT.html, plots/)\n' "$final"
