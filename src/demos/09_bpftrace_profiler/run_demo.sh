#!/usr/bin/env bash
# Demo 09 on this machine: measure, profile, compare, plot and report.
# Called by `make demo-09` (natively or inside the dev container) with built binaries.
#   run_demo.sh [--quick] [--seccomp-rounds DIR] BIN_DIR ARTIFACTS
# --quick runs every step shortly (seconds, noisier numbers): a first look, and the tests.
# --seccomp-rounds DIR: the Syscall suite's rounds under the default seccomp profile and
# unconfined, which only the host can start (seccomp_rounds.sh, make demo-09-compose); without
# it the seccomp step says why it was skipped.
# Everything is written to a staging folder beside ARTIFACTS and moved into place
# only when every step succeeded: an interrupted or failed demo keeps the last one.
# The folder's files and the steps that write them are the run folder's contract
# (src/tools/bench/run_layout.h, docs/ARTIFACTS.md), read here from `bench layout`.
set -euo pipefail

usage="usage: run_demo.sh [--quick] [--seccomp-rounds DIR] BIN_DIR ARTIFACTS"
quick=()
seccomp_rounds=
while [[ ${1:-} == --* ]]; do
  case $1 in
    --quick) quick=(--quick); shift ;;
    --seccomp-rounds)
      seccomp_rounds=${2:?$usage}
      [[ -d $seccomp_rounds ]] || { echo "error: --seccomp-rounds $seccomp_rounds: not a folder" >&2; exit 2; }
      shift 2 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
bin=${1:?$usage}
final=${2:?$usage}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
demo="$bin/ptests/BenchDemo_09_BpftraceProfiler"
bench="$bin/tools/bench"
for exe in "$demo" "$bench"; do
  [[ -x "$exe" ]] || { echo "error: $exe is missing: build it first (make release)" >&2; exit 2; }
done
layout=$("$bench" layout --format shell)
eval "$layout"

mkdir -p "$(dirname "$final")"
out=$(mktemp -d "$(dirname "$final")/.$(basename "$final").staging.XXXXXX")
chmod 755 "$out"
log=$(mktemp)
trap 'rm -rf "$out" "$log"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

started=$SECONDS
step_no=0
step_key=setup
elapsed() { local s=$((SECONDS - started)); printf '%dm%02ds' $((s / 60)) $((s % 60)); }

# step KEY: starts the contract's next step (the order is the contract's), with
# its title on stdout and, on a terminal, where the demo stands on stderr.
step() {
  local title=layout_step_title_$1
  step_no=$((step_no + 1))
  step_key=$1
  [[ ${layout_steps[step_no - 1]:-} == "$1" ]] \
    || { echo "run_demo.sh: step $1 is not step $step_no of the contract (${layout_steps[*]})" >&2; exit 2; }
  printf '\n== %s ==\n' "${!title}"
  if [[ -t 2 ]]; then
    printf 'demo-09: step %d/%d (%s), %s elapsed\n' "$step_no" "${#layout_steps[@]}" "$1" "$(elapsed)" >&2
  fi
}

# A command that fails stops the demo (set -e), after its own message: this
# line says in which step, and that nothing changed.
on_error() {
  trap - ERR
  printf 'demo-09: error: step %d/%d (%s) failed (exit status %d): nothing was published, %s is as it was\n' \
    "$step_no" "${#layout_steps[@]}" "$step_key" "$1" "$final" >&2
}
trap 'on_error $?' ERR

# logged CMD...: runs CMD with its output kept aside; shown only when CMD fails.
logged() {
  local status=0
  "$@" >"$log" 2>&1 || status=$?
  if ((status)); then
    printf 'demo-09: %s failed (exit status %d); its last output:\n' "${1##*/} ${*:2}" "$status" >&2
    tail -n 20 "$log" | sed 's/^/  /' >&2
  fi
  return "$status"
}

version() { "$@" 2>&1 | head -n 1 || true; }

step baseline
"$demo" "${quick[@]}" --csv "$out/$layout_demo_csv" --json "$out/$layout_demo_json" \
  --env-txt "$out/$layout_env_txt" >"$out/$layout_run_txt"
# The program wrote what it knows of itself and the machine. These tools it does not
# run (gnuplot: bench plot does), runs only when tracing (bpftrace), or does not link
# in every build (libbpf, whose package version it cannot know): their versions come
# from here, before the program's warnings.
tools=$(
  echo "bpftrace: $(command -v bpftrace >/dev/null && version bpftrace --version || echo 'not installed')"
  # This architecture's package: with a cross one (libbpf-dev:arm64) installed too, the bare name
  # prints both versions run together.
  echo "libbpf: $(dpkg-query -W -f='${Version}' "libbpf-dev:$(dpkg --print-architecture 2>/dev/null)" 2>/dev/null || echo unknown)"
  echo "gnuplot: $(command -v gnuplot >/dev/null && version gnuplot --version || echo 'not installed')"
)
awk -v tools="$tools" '!done && /^warning:/ { print tools; done = 1 } { print }
  END { if (!done) print tools }' "$out/$layout_env_txt" >"$out/$layout_env_txt.new"
mv "$out/$layout_env_txt.new" "$out/$layout_env_txt"
grep -v '^warning:' "$out/$layout_env_txt" # the program said its warnings already
echo
"$bench" summary "$out/$layout_demo_csv" | tee "$out/$layout_summary_txt"

step profile
if [[ $(id -u) -ne 0 ]]; then
  echo "profiling: skipped: tracing needs root or CAP_BPF+CAP_PERFMON (run 'sudo make demo-09' or RUNNER=compose)" \
    | tee "$out/$layout_profile_skipped"
else
  "$root/ci/ensure-tracefs.sh"
  for c in ManySmallWrites SingleBatchedWrite; do
    "$demo" --profile bpftrace --bpf syslat,syscount,writesize --gtest_filter="BpftraceProfiler.$c" \
      --cycles 500 --repeats 1 --warmup 100 --artifact-root "$out" | tee -a "$out/$layout_profile_bpftrace_txt"
    "$demo" --profile libbpf --gtest_filter="BpftraceProfiler.$c" \
      --cycles 500 --repeats 1 --warmup 100 --artifact-root "$out" | tee -a "$out/$layout_profile_libbpf_txt"
  done
  trace=${layout_trace_json/<Suite.Case>/BpftraceProfiler.ManySmallWrites}
  "$bench" hist "$out/${trace/<script>/syslat}" | tee "$out/$layout_hist_txt"
fi

step batching
"$bench" batching "$out/$layout_demo_csv" --json "$out/$layout_demo_json" | tee "$out/$layout_batching_txt"
"$bench" batching "$out/$layout_demo_csv" --json "$out/$layout_demo_json" --format markdown \
  >"$out/$layout_batching_md"

step compare
# The headline pair in the same rounds of several short processes, pooled (one process
# is one draw of the machine's state: docs/CPU_GUIDE.md), then split into the run
# folder's slow.csv and fast.csv; the pair's own file gives the paired verdict too.
slow_case=BpftraceProfiler.ManySmallWrites
fast_case=BpftraceProfiler.SingleBatchedWrite
pair_csv=$(mktemp)
trap 'rm -rf "$out" "$log" "$pair_csv"' EXIT
logged "$demo" "${quick[@]}" --gtest_filter="$slow_case:$fast_case" \
  --processes "${DEMO_PROCESSES:-$( ((${#quick[@]})) && echo 2 || echo 5)}" --csv "$pair_csv"
for c in "$slow_case=$out/$layout_slow_csv" "$fast_case=$out/$layout_fast_csv"; do
  awk -F, -v want="${c%%=*}" 'NR == 1 || $1 == want' "$pair_csv" >"${c#*=}"
done
{
  "$bench" compare "$out/$layout_slow_csv" "$out/$layout_fast_csv"
  echo
  "$bench" compare "$pair_csv" --pair "$slow_case=$fast_case"
} | tee "$out/$layout_compare_txt"
rm -f "$pair_csv"

step overhead
if ((${#quick[@]})); then
  export OVERHEAD_CYCLES=${OVERHEAD_CYCLES:-100} OVERHEAD_REPEATS=${OVERHEAD_REPEATS:-3} OVERHEAD_ROUNDS=${OVERHEAD_ROUNDS:-2} \
    OVERHEAD_SLOW_CYCLES=${OVERHEAD_SLOW_CYCLES:-2}
else
  # Three rounds keep the demo near 90 s on a 2-vCPU VM (five took it to 128 s);
  # make overhead and make demo-09-full run overhead.sh's five.
  export OVERHEAD_ROUNDS=${OVERHEAD_ROUNDS:-3} OVERHEAD_SLOW_CYCLES=${OVERHEAD_SLOW_CYCLES:-6}
fi
"$root/src/tools/overhead/overhead.sh" "$bin" "$out"

step seccomp
if [[ -n $seccomp_rounds ]]; then
  mkdir "$out/$layout_seccomp_dir"
  cp -- "$seccomp_rounds"/* "$out/$layout_seccomp_dir"
  "$bench" seccomp "$out/$layout_seccomp_dir" | tee "$out/$layout_seccomp_txt"
  "$bench" seccomp "$out/$layout_seccomp_dir" --format markdown >"$out/$layout_seccomp_md" 2>/dev/null
else
  if [[ -n ${SYSCOST_IN_COMPOSE:-} ]]; then
    why="no rounds were given: a container's seccomp profile is fixed when the engine starts it, so only the host can start the rounds under both profiles (make demo-09 RUNNER=compose does)"
  else
    why="this run started no containers: the compose demo (make demo-09 RUNNER=compose) runs the Syscall suite in rounds under the engine's default seccomp profile and unconfined"
  fi
  echo "$why" >"$out/$layout_seccomp_skipped"
  echo "seccomp tax: skipped: $why"
fi

step report
# They name the files they wrote, in the staging folder: say where they will be.
published() { awk -v o="$out/" -v f="$final/" 'index($0, o) == 1 { $0 = f substr($0, length(o) + 1) } { print }'; }
"$bench" plot all "$out" | published
"$bench" report "$out" | published

# Swap the finished run into place; the previous one goes only now.
if [[ -e $final ]]; then
  mv "$final" "$out.old"
fi
mv "$out" "$final"
rm -rf "$out.old"
trap - EXIT ERR
rm -f "$log" "${pair_csv:-}"
printf '\nartifacts: %s (%s, %s, %s)\n' "$final" "$layout_report_md" "$layout_report_html" "$layout_plots_dir"
if [[ -t 2 ]]; then printf 'demo-09: done in %s\n' "$(elapsed)" >&2; fi
