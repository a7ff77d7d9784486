#!/usr/bin/env bash
# The container's seccomp tax, measured: the Syscall suite in ROUNDS rounds, each round one
# container under the engine's default seccomp profile and one with seccomp=unconfined
# (compose.seccomp-unconfined.yaml; every other setting as compose.yaml has it), back to back.
# The side that goes first alternates (ABBA), so a drift within a round cancels too.
# Called by `make demo-09-compose` on the host, before the demo itself runs in the container;
# run_demo.sh --seccomp-rounds OUT_DIR then puts the files into the run folder and
# `bench seccomp` states the tax.
#   seccomp_rounds.sh OUT_DIR BIN_DIR SERVICE COMPOSE...
# OUT_DIR: where the rounds go, a folder relative to the repository root (the container sees
# the repository, at the same relative path); BIN_DIR: the benchmark program's bin folder as the container sees it
# (build/<preset>/bin); COMPOSE: the compose command with its files (docker compose -f compose.yaml).
#   env: SECCOMP_ROUNDS (default 12; 6 or more give a 95% interval),
#        SECCOMP_FILTER (default Syscall.*), SECCOMP_RUN_ARGS (default --repeats 5 --min-time-ms 20)
set -euo pipefail

usage="usage: seccomp_rounds.sh OUT_DIR BIN_DIR SERVICE COMPOSE..."
out=${1:?$usage}
bin=${2:?$usage}
service=${3:?$usage}
shift 3
(($#)) || { echo "$usage" >&2; exit 2; }
compose=("$@")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
rounds=${SECCOMP_ROUNDS:-12}
filter=${SECCOMP_FILTER:-Syscall.*}
read -r -a run_args <<<"${SECCOMP_RUN_ARGS:---repeats 5 --min-time-ms 20}"
[[ $rounds =~ ^[1-9][0-9]?$ ]] || { echo "seccomp_rounds.sh: SECCOMP_ROUNDS=$rounds is not a number of rounds (1 to 64)" >&2; exit 2; }
((rounds <= 64)) || { echo "seccomp_rounds.sh: SECCOMP_ROUNDS=$rounds: at most 64" >&2; exit 2; }
[[ -d $root/$out && $out != /* ]] || { echo "seccomp_rounds.sh: $out is not a folder relative to the repository (the container sees only the repository)" >&2; exit 2; }

# The names are the run folder's contract's (run_layout.h): seccomp/default.<n>.csv and so on.
layout=$(cd "$root" && "${compose[@]}" run --rm -T "$service" "$bin/tools/bench" layout --format shell)
eval "$layout"
name() { local p=${1##*/}; echo "${p/<n>/${2:-}}"; }

demo="$bin/ptests/BenchDemo_09_BpftraceProfiler"
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# side NAME N: one run of the suite in a fresh container of that side.
side() {
  local which=$1 n=$2 files=() csv env_args=()
  [[ $which == unconfined ]] && files=(-f "$root/compose.seccomp-unconfined.yaml")
  if [[ $which == default ]]; then
    csv=$(name "$layout_seccomp_default_csv" "$n")
    ((n == 1)) && env_args=(--env-txt "$out/$(name "$layout_seccomp_default_env")")
  else
    csv=$(name "$layout_seccomp_unconfined_csv" "$n")
    ((n == 1)) && env_args=(--env-txt "$out/$(name "$layout_seccomp_unconfined_env")")
  fi
  if ! (cd "$root" && "${compose[@]}" "${files[@]}" run --rm -T "$service" "$demo" \
    --gtest_filter="$filter" "${run_args[@]}" --csv "$out/$csv" "${env_args[@]}") >"$log" 2>&1; then
    echo "seccomp_rounds.sh: round $n ($which) failed; its last output:" >&2
    tail -n 20 "$log" | sed 's/^/  /' >&2
    return 1
  fi
}

started=$SECONDS
for ((n = 1; n <= rounds; n++)); do
  if ((n % 2)); then order=(default unconfined); else order=(unconfined default); fi
  side "${order[0]}" "$n"
  side "${order[1]}" "$n"
  printf 'seccomp round %d/%d done (%s first), %ds elapsed\n' "$n" "$rounds" "${order[0]}" $((SECONDS - started))
done
