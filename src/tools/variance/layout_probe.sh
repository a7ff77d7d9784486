#!/usr/bin/env bash
# Does a process's level of write() depend on how it was started? Runs many
# short processes of one case under each CONDITION, the conditions taking
# turns (so a drift of the machine reaches all alike), and prints each
# condition's per-process medians, sorted, with their spread.
#   layout_probe.sh PROGRAM PROCESSES CONDITION[,CONDITION...]
# A condition is parts joined by '+': aslr (as started), noaslr (setarch -R),
# cpuN (taskset -c N), padN (an environment variable of N bytes).
# CASE (default BpftraceProfiler.SingleBatchedWrite) and FLAGS (default
# "--repeats 10 --min-time-ms 20") choose what each process measures.
# Take the CPU lock around it: flock -x /tmp/syscost-cpu.lock layout_probe.sh ...
set -euo pipefail
prog=${1:?usage: layout_probe.sh PROGRAM PROCESSES CONDITION[,CONDITION...]}
n=${2:?usage: layout_probe.sh PROGRAM PROCESSES CONDITION[,CONDITION...]}
IFS=, read -r -a conds <<<"${3:?usage: layout_probe.sh PROGRAM PROCESSES CONDITION[,CONDITION...]}"
case_name=${CASE:-BpftraceProfiler.SingleBatchedWrite}
read -r -a flags <<<"${FLAGS:---repeats 10 --min-time-ms 20}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run_one() { # run_one CONDITION: prints the process's median in ns
  local -a pre=() env=()
  local part
  IFS=+ read -r -a parts <<<"$1"
  for part in "${parts[@]}"; do
    case $part in
      aslr) ;;
      noaslr) pre+=(setarch -R) ;;
      cpu[0-9]*) pre+=(taskset -c "${part#cpu}") ;;
      pad[0-9]*) env+=("SYSCOST_PAD=$(head -c "${part#pad}" /dev/zero | tr '\0' x)") ;;
      *) echo "error: unknown condition part '$part' (aslr, noaslr, cpuN, padN)" >&2; exit 2 ;;
    esac
  done
  env "${env[@]}" "${pre[@]}" "$prog" --gtest_filter="$case_name" "${flags[@]}" \
    --csv "$work/p.csv" >/dev/null 2>&1
  awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    { printf "%.1f\n", $(col["wallMedian"]) * 1000 }' "$work/p.csv"
}

for i in $(seq 1 "$n"); do
  for c in "${conds[@]}"; do
    run_one "$c" >>"$work/$c.txt"
  done
done
for c in "${conds[@]}"; do
  sort -n "$work/$c.txt" | awk -v c="$c" '{ v[NR] = $1 } END {
    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%-20s n=%d median %.1f ns, min %.1f, max %.1f, max/min-1 %.1f%%\n   ", c, NR, m, v[1], v[NR], 100 * (v[NR] / v[1] - 1)
    for (i = 1; i <= NR; i++) printf " %.0f", v[i]; print "" }'
done
