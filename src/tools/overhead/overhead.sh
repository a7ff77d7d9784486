#!/usr/bin/env bash
# The observer effect: ManySmallWrites untraced, under an empty tracer (the floor) and under
# each tracer, in interleaved rounds of one run.
#   overhead.sh BIN_DIR ARTIFACTS        (make overhead; ARTIFACTS defaults to artifacts/demo-09)
# Each round runs every tool once, in an order shuffled per round, so what drifts on the
# machine during the run lands on every tool alike; bench overhead then takes, per tool, the
# median over rounds of its difference to the untraced run of the same round. The libbpf
# tools run with --profile-pairs: inside each run the tracer is attached for one repeat and
# detached for the other of each pair, so what they add is measured within one process
# (the untraced repeats are the run's ManySmallWrites/detached row), free of the level a
# process lands at; bpftrace, perf trace and strace are processes of their own.
# Tools: none (untraced), libbpf-floor (an empty sys_enter/sys_exit BPF program pair: the
# least any syscall tracer adds here), libbpf-count, libbpf, bpftrace, perf-trace, strace.
# After the rounds, each libbpf tool runs once more with --bpf-stats: the kernel's own
# figure of its programs' run time (kept out of the timed rounds: the statistics cost time).
# Writes ARTIFACTS/overhead/<tool>.<round>.csv (profileTool set), <tool>.log,
# bpf-stats.tsv, skipped.tsv (a tool that cannot run here: not installed, no privilege, no
# BTF; its row says why instead of failing the table), overhead.txt and overhead.md, and the
# tools' own outputs beside them, as the run folder's contract names them (bench layout).
# Knobs: OVERHEAD_ROUNDS (5), OVERHEAD_REPEATS (3 per round), OVERHEAD_CYCLES (1000),
# OVERHEAD_SLOW_CYCLES (10, perf and strace), OVERHEAD_SEED (the order's seed; printed).
set -euo pipefail

bin=${1:?usage: overhead.sh BIN_DIR [ARTIFACTS]}
run_dir=${2:-artifacts/demo-09}
demo="$bin/ptests/BenchDemo_09_BpftraceProfiler"
bench="$bin/tools/bench"
rounds=${OVERHEAD_ROUNDS:-5}
cycles=${OVERHEAD_CYCLES:-1000}
repeats=${OVERHEAD_REPEATS:-3}
# perf trace and strace cost tens of microseconds per syscall: fewer calls
# keep the run within a minute or two. Per-write costs stay comparable.
slow_cycles=${OVERHEAD_SLOW_CYCLES:-10}
seed=${OVERHEAD_SEED:-$((RANDOM * 32768 + RANDOM))}
for knob in rounds cycles repeats slow_cycles seed; do
  [[ ${!knob} =~ ^[0-9]+$ ]] || { echo "error: overhead.sh: ${knob^^} is '${!knob}', not a whole number" >&2; exit 2; }
done
((rounds >= 1 && rounds <= 64)) || { echo "error: overhead.sh: OVERHEAD_ROUNDS is $rounds, not 1 to 64" >&2; exit 2; }

for exe in "$demo" "$bench"; do
  [[ -x "$exe" ]] || { echo "error: $exe is missing: build it first (make release)" >&2; exit 2; }
done
layout=$("$bench" layout --format shell)
eval "$layout"
out=$run_dir/${layout_overhead_dir%/}
traces=$run_dir/${layout_overhead_traces%/}
skipped=$run_dir/$layout_overhead_skipped
bpf_stats=$run_dir/$layout_overhead_bpf_stats

# Old results of a tool no longer installed must not join this run's table.
rm -rf "$out"
mkdir -p "$out" "$traces"
work=$(mktemp -d "$out/.rounds.XXXXXX")
trap 'rm -rf "$work"' EXIT
: >"$skipped"
case_args=(--gtest_filter=BpftraceProfiler.ManySmallWrites)

skip() { # skip TOOL REASON: a row that says why instead of a measurement
  printf '%-12s skipped: %s\n' "$1" "$2"
  printf '%s\t%s\n' "$1" "${2//$'\t'/ }" >>"$skipped"
}

# Which tools can run here, and how (wrapper, cycles, demo args).
tools=(none libbpf-floor libbpf-count libbpf)
declare -A wrap=() ncycles=() args=() timed=()
for t in none libbpf-floor libbpf-count libbpf; do ncycles[$t]=$cycles; done
# In the timed rounds only (see the top); the --bpf-stats runs need no untraced repeats.
for t in libbpf-floor libbpf-count libbpf; do timed[$t]=--profile-pairs; done
args[libbpf-floor]="--profile libbpf-floor"
args[libbpf-count]="--profile libbpf-count"
args[libbpf]="--profile libbpf"
if command -v bpftrace >/dev/null; then
  tools+=(bpftrace) ncycles[bpftrace]=$cycles args[bpftrace]="--profile bpftrace --bpf syslat"
else
  skip bpftrace "bpftrace is not installed"
fi
if command -v perf >/dev/null && perf trace -s -o /dev/null -- true >/dev/null 2>&1; then
  tools+=(perf-trace) ncycles[perf-trace]=$slow_cycles
  wrap[perf-trace]="perf trace -s -o $run_dir/$layout_perf_summary --"
else
  skip perf-trace "perf trace is not available here (it needs linux-perf, tracefs and perf_event access)"
fi
if command -v strace >/dev/null; then
  tools+=(strace) ncycles[strace]=$slow_cycles
  wrap[strace]="strace -c -f -o $run_dir/$layout_strace_summary --"
else
  skip strace "strace is not installed"
fi

# run TOOL ROUND CSV [EXTRA DEMO ARGS...]: one short run; 0 measured, 2 cannot run here.
run() {
  local t=$1 k=$2 csv=$3 log=$run_dir/${layout_overhead_log/<tool>/$1} rc=0
  shift 3
  local -a w a
  read -r -a w <<<"${wrap[$t]:-}"
  read -r -a a <<<"${args[$t]:-}"
  [[ $t == none ]] || a+=(--artifact-root "$traces")
  echo "== round $k" >>"$log"
  "${w[@]}" "$demo" "${case_args[@]}" --repeats "$repeats" --cycles "${ncycles[$t]}" --csv "$csv" \
    --profile-tool-label "$t" "${a[@]}" "$@" >>"$log" 2>&1 || rc=$?
  return "$rc"
}

echo "overhead: ManySmallWrites, $rounds rounds of $repeats repeats of $cycles calls per tool" \
  "(1024 write() each; $slow_cycles under perf trace and strace), order seed $seed"
RANDOM=$seed
declare -A dead=()
for ((k = 1; k <= rounds; k++)); do
  order=("${tools[@]}")
  for ((i = ${#order[@]} - 1; i > 0; i--)); do # Fisher-Yates, seeded
    j=$((RANDOM % (i + 1)))
    tmp=${order[i]} order[i]=${order[j]} order[j]=$tmp
  done
  printf 'round %d/%d:' "$k" "$rounds"
  for t in "${order[@]}"; do
    [[ -z ${dead[$t]:-} ]] || continue
    printf ' %s' "$t"
    rc=0
    read -r -a extra <<<"${timed[$t]:-}"
    run "$t" "$k" "$work/$t.$k.csv" "${extra[@]}" || rc=$?
    if ((rc == 2)) && [[ $t != none ]]; then
      # The program's own one line says why (no privilege, no BTF, ...).
      dead[$t]=$(grep -m1 '^error: ' "$run_dir/${layout_overhead_log/<tool>/$t}" | sed 's/^error: //') || true
      [[ -n ${dead[$t]} ]] || dead[$t]="it could not run here (exit 2)"
    elif ((rc != 0)); then
      echo
      echo "failed (see $run_dir/${layout_overhead_log/<tool>/$t}):"
      tail -n 3 "$run_dir/${layout_overhead_log/<tool>/$t}"
      exit 1
    fi
  done
  echo
done
# perf keeps its previous summary as .old: the last round's is the one kept.
rm -f "$run_dir/$layout_perf_summary.old"
for t in "${tools[@]}"; do
  if [[ -n ${dead[$t]:-} ]]; then
    skip "$t" "${dead[$t]}"
    continue
  fi
  for ((k = 1; k <= rounds; k++)); do
    csv=${layout_overhead_csv/<tool>/$t}
    mv "$work/$t.$k.csv" "$run_dir/${csv/<n>/$k}"
  done
done

# The kernel's own figure: BPF run time per syscall, from one more run with the statistics on.
: >"$bpf_stats.tmp"
for t in libbpf-floor libbpf-count libbpf; do
  [[ -z ${dead[$t]:-} ]] || continue
  run "$t" stats "$work/$t.stats.csv" --bpf-stats || { echo "$t --bpf-stats failed (see its log)"; continue; }
  ns=$(sed -n 's/^libbpf [a-z]*: BPF run time \([0-9.]*\) ns per traced syscall.*/\1/p' \
    "$run_dir/${layout_overhead_log/<tool>/$t}" | tail -n 1)
  [[ -n $ns ]] && printf '%s\t%s\n' "$t" "$ns" >>"$bpf_stats.tmp"
done
mv "$bpf_stats.tmp" "$bpf_stats"

# Written beside, then renamed: a half-written table never replaces a whole one.
table=$run_dir/$layout_overhead_txt markdown=$run_dir/$layout_overhead_md
"$bench" overhead "$out" >"$table.tmp"
"$bench" overhead "$out" --format markdown >"$markdown.tmp"
mv "$table.tmp" "$table"
mv "$markdown.tmp" "$markdown"
echo
cat "$table"
