#!/usr/bin/env bash
# How steady `make overhead`'s "libbpf adds N ns" is from run to run: RUNS runs of
# overhead.sh for each source tree given, alternating trees run by run (A B A B ...), so a
# drift of the machine reaches each tree alike; then, per tree, each run's figures and the
# spread (max/min - 1) of what libbpf adds, over the untraced run and above the floor.
#   stability.sh RUNS SRC_DIR [SRC_DIR...]
# Each SRC_DIR is a checkout with its release build (make release): its own overhead.sh
# runs its own build/native-linux-release/bin. Timings hold the CPU lock exclusively
# (LOCK, default /tmp/syscost-cpu.lock), one run per hold; OVERHEAD_* knobs pass through.
set -euo pipefail
runs=${1:?usage: stability.sh RUNS SRC_DIR [SRC_DIR...]}
shift
(($# >= 1)) || { echo "usage: stability.sh RUNS SRC_DIR [SRC_DIR...]" >&2; exit 2; }
[[ $runs =~ ^[0-9]+$ ]] && ((runs >= 2)) || { echo "error: stability.sh: RUNS is '$runs', not a whole number of at least 2" >&2; exit 2; }
lock=${LOCK:-/tmp/syscost-cpu.lock}
for src in "$@"; do
  [[ -x $src/build/native-linux-release/bin/tools/bench && -x $src/src/tools/overhead/overhead.sh ]] \
    || { echo "error: stability.sh: $src has no release build or overhead.sh (make release there)" >&2; exit 2; }
done
work=$(mktemp -d /tmp/syscost-stability.XXXXXX)
trap 'rm -rf "$work"' EXIT

for ((i = 1; i <= runs; i++)); do
  for ((s = 1; s <= $#; s++)); do
    src=${!s}
    bin=$src/build/native-linux-release/bin
    flock -x "$lock" "$src/src/tools/overhead/overhead.sh" "$bin" "$work/$s.$i" >"$work/$s.$i.log" 2>&1 \
      || { echo "error: stability.sh: overhead.sh of $src failed in run $i:" >&2; tail -n 5 "$work/$s.$i.log" >&2; exit 1; }
    "$bin/tools/bench" overhead "$work/$s.$i/overhead" --format json >"$work/$s.$i.json"
    python3 - "$work/$s.$i.json" "$src" "$i" <<'PY'
import json, sys
rows = {r["tool"]: r for r in json.load(open(sys.argv[1]))["tools"]}
lb = rows.get("libbpf") or {}
print(f"{sys.argv[2]} run {sys.argv[3]}: untraced {rows['none']['ns_per_syscall']:.1f} ns, "
      f"libbpf adds {lb.get('added_ns', float('nan')):.1f} ns, "
      f"above floor {lb.get('above_floor_ns') if lb.get('above_floor_ns') is not None else float('nan'):.1f} ns"
      f"{' (in-process pairs)' if lb.get('in_process') else ''}", flush=True)
PY
  done
done
for ((s = 1; s <= $#; s++)); do
  python3 - "${!s}" "$work/$s".*.json <<'PY'
import json, sys
added, above = [], []
for path in sys.argv[2:]:
    rows = {r["tool"]: r for r in json.load(open(path))["tools"]}
    added.append(rows["libbpf"]["added_ns"])
    above.append(rows["libbpf"]["above_floor_ns"])
def spread(v):
    return f"{', '.join(f'{x:.1f}' for x in v)} ns: spread {(max(v) / min(v) - 1) * 100:.1f}%" if min(v) > 0 else "not all positive"
print(f"{sys.argv[1]}: libbpf adds {spread(added)}; above the floor {spread(above)}")
PY
done
