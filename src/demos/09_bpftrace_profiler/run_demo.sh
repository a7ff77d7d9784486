#!/usr/bin/env bash
# Demo 09, natively: measure, profile, compare, leaving everything under ARTIFACTS.
# Called by `make demo-09` (or inside the dev container); expects built binaries.
#   run_demo.sh BIN_DIR ARTIFACTS
set -euo pipefail

bin=${1:?usage: run_demo.sh BIN_DIR ARTIFACTS}
out=${2:?usage: run_demo.sh BIN_DIR ARTIFACTS}
demo="$bin/ptests/BenchDemo_09_BpftraceProfiler"
bench="$bin/tools/bench"
for exe in "$demo" "$bench"; do
  [[ -x "$exe" ]] || { echo "error: $exe is missing: build it first (make debug)" >&2; exit 2; }
done
mkdir -p "$out"

step() { printf '\n== %s ==\n' "$*"; }

step "Step 1: baseline, all cases"
"$demo" --csv "$out/demo.csv" --json "$out/demo.json" 2>"$out/env-warnings.txt" \
  | tee "$out/run.txt"
"$bench" summary "$out/demo.csv" | tee "$out/summary.txt"

step "Batching: each case against its batched form (pairs by name; the factor is how many times longer)"
"$bench" batching "$out/demo.csv" --json "$out/demo.json" | tee "$out/batching.txt"
"$bench" batching "$out/demo.csv" --json "$out/demo.json" --format markdown >"$out/batching.md"

step "Step 4: compare 1024 one-byte writes (slow.csv) against one 1024-byte write (fast.csv)"
"$demo" --gtest_filter='*ManySmallWrites*' --csv "$out/slow.csv" 2>/dev/null >/dev/null
"$demo" --gtest_filter='*SingleBatchedWrite*' --csv "$out/fast.csv" 2>/dev/null >/dev/null
"$bench" compare "$out/slow.csv" "$out/fast.csv" | tee "$out/compare.txt"

printf '\nartifacts: %s\n' "$out"
