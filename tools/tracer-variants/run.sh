#!/usr/bin/env bash
# docs/CPU_GUIDE.md's table of tracer designs, measured on this machine.
#   tools/tracer-variants/run.sh [OUT]      (as root; OUT defaults to build/tracer-variants)
# Builds the rig and the BPF objects, checks the fast tracers' correctness, then measures
# every variant in interleaved rounds, pinned to one CPU, each round under the exclusive
# CPU lock: first with BPF run-time statistics off (the wall-clock table, variants.txt and
# variants.md), then the libbpf variants with them on (stats.txt: run_time_ns per write()
# beside the wall clock, which the statistics themselves raise).
# Knobs: ROUNDS (5), WRITES (200000 per measurement), CPU (the last one), BPFTRACE
# (bpftrace), BEFORE (the commit whose bpf/syslat.bt is "bt-before", 03c699e).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$(realpath -m "${1:-$root/build/tracer-variants}")
rounds=${ROUNDS:-5}
writes=${WRITES:-200000}
cpu=${CPU:-$(($(nproc) - 1))}
bpftrace=${BPFTRACE:-bpftrace}
before=${BEFORE:-03c699e}
lock=/tmp/syscost-cpu.lock

[[ $(id -u) -eq 0 ]] || { echo "error: run.sh loads BPF programs: run it as root (sudo)" >&2; exit 2; }
flock -s "$lock" make -s -C "$here" OUT="$out"
rig=$out/tracer-variants

echo "== correctness (tracer-variants check)"
"$rig" check fast="$out/syslat_fast.bpf.o" count="$out/syscount.bpf.o" \
  percpu-slot="$out/ladder-percpu-bss.bpf.o"

o=$out
libbpf=(none floor="$o/floor.bpf.o" before="$o/before.bpf.o")
for p in armed pidtgid comm pidns task clock atomic plain bss percpu; do
  libbpf+=("part-$p=$o/part-$p.bpf.o")
done
for l in task-atomic global-atomic global-plain global-bss global-bss-regs percpu-bss percpu-percpu; do
  libbpf+=("ladder-$l=$o/ladder-$l.bpf.o")
done
libbpf+=(fast="$o/syslat_fast.bpf.o" count-only="$o/syscount.bpf.o")

bt=()
if command -v "$bpftrace" >/dev/null; then
  if git -C "$root" show "$before:bpf/syslat.bt" >"$out/syslat-before.bt" 2>/dev/null; then
    bt+=(bt-before="$out/syslat-before.bt")
  else
    echo "bt-before: skipped ($before:bpf/syslat.bt is not in this checkout's history)"
  fi
  bt+=(bt-floor="$here/bt/empty.bt" bt-raw-floor="$here/bt/raw-empty.bt")
  for s in step0-today step1-curtask step2-exit-start-only step3-one-lookup step4-pid-first \
    step5-keep-start; do
    bt+=("bt-$s=$here/bt/$s.bt")
  done
  bt+=(bt-after="$root/bpf/syslat.bt")
else
  echo "bpftrace: not installed, its variants skipped"
fi

measure() { # measure CSV ROUND ARGS...: one round under the exclusive lock, pinned
  local csv=$1 round=$2 header=()
  shift 2
  ((round == 0)) || header=(--no-header)
  flock -x "$lock" taskset -c "$cpu" "$rig" measure --rounds 1 --first-round "$round" \
    --writes "$writes" --bpftrace "$bpftrace" "${header[@]}" "$@" >>"$csv"
}

wall=$out/wall.csv stats=$out/stats.csv
rm -f "$wall" "$stats"
echo "== wall clock: $rounds rounds of ${#libbpf[@]} libbpf and ${#bt[@]} bpftrace variants, $writes write()s each, CPU $cpu"
for ((r = 0; r < rounds; r++)); do
  measure "$wall" "$r" "${libbpf[@]}" "${bt[@]}"
  echo "   round $((r + 1)) of $rounds done"
done
echo "== with BPF run-time statistics on: $rounds rounds of the libbpf variants"
for ((r = 0; r < rounds; r++)); do
  measure "$stats" "$r" --stats "${libbpf[@]}"
done

"$rig" summary "$wall" | tee "$out/variants.txt"
"$rig" summary --markdown "$wall" >"$out/variants.md"
echo
echo "With BPF run-time statistics on (BPF ABOVE: the programs' own run time per write(), above the floor's):"
"$rig" summary "$stats" | tee "$out/stats.txt"
echo
echo "Rows: $wall, $stats; tables: $out/variants.txt, variants.md, stats.txt"
