#!/usr/bin/env bash
# The stability goal's measurement: N back-to-back runs of the canonical
# pair, and how far the headline ratio ManySmallWrites/SingleBatchedWrite
# moves between them (max/min - 1). Several variants (each a program and
# its flags) take turns within each of the N runs, so all see the same drift.
#   stability.sh N OUT_DIR 'LABEL=PROGRAM [FLAGS...]' ...
# Prints, per variant and run, the ratio of the medians and, where the two
# cases ran in the same rounds, the paired figures (median of the per-round
# ratios, and the Hodges-Lehmann ratio); then each figure's spread.
# Take the CPU lock around it: flock -x /tmp/syscost-cpu.lock stability.sh ...
set -euo pipefail
n=${1:?usage: stability.sh N OUT_DIR 'LABEL=PROGRAM [FLAGS...]' ...}
out=${2:?usage: stability.sh N OUT_DIR 'LABEL=PROGRAM [FLAGS...]' ...}
shift 2
(($# > 0)) || { echo "error: name at least one variant 'LABEL=PROGRAM [FLAGS...]'" >&2; exit 2; }
mkdir -p "$out"
for i in $(seq 1 "$n"); do
  for v in "$@"; do
    label=${v%%=*}
    read -r -a cmd <<<"${v#*=}"
    start=$(date +%s%N)
    "${cmd[@]}" --gtest_filter='BpftraceProfiler.*' --csv "$out/$label.$i.csv" >/dev/null 2>"$out/$label.$i.err"
    echo "$(( ($(date +%s%N) - start) / 1000000 ))" >"$out/$label.$i.ms"
  done
done
python3 - "$out" "$n" "$@" <<'PY'
import csv, math, statistics, sys
out, n, variants = sys.argv[1], int(sys.argv[2]), [v.split("=", 1)[0] for v in sys.argv[3:]]
def hl(d):
    w = sorted((d[i] + d[j]) / 2 for i in range(len(d)) for j in range(i, len(d)))
    m = len(w)
    return w[m // 2] if m % 2 else (w[m // 2 - 1] + w[m // 2]) / 2
def spread(xs):
    return 100 * (max(xs) / min(xs) - 1)
for label in variants:
    fig = {"ratio of medians": [], "median per-round ratio": [], "Hodges-Lehmann ratio": []}
    for i in range(1, n + 1):
        rows = {r["test"]: r for r in csv.DictReader(open(f"{out}/{label}.{i}.csv"))}
        m, s = rows["BpftraceProfiler.ManySmallWrites"], rows["BpftraceProfiler.SingleBatchedWrite"]
        ms = open(f"{out}/{label}.{i}.ms").read().strip()
        fig["ratio of medians"].append(float(m["wallMedian"]) / float(s["wallMedian"]))
        line = (f"{label} run{i}: ManySmallWrites {float(m['wallMedian']):.2f} us  SingleBatchedWrite "
                f"{1000 * float(s['wallMedian']):.1f} ns  ratio {fig['ratio of medians'][-1]:.0f}")
        if m.get("seed") and m.get("seed") == s.get("seed"):
            d = [math.log(float(a) / float(b)) for a, b in zip(m["samples"].split(";"), s["samples"].split(";"))]
            fig["median per-round ratio"].append(math.exp(statistics.median(d)))
            fig["Hodges-Lehmann ratio"].append(math.exp(hl(d)))
            line += (f"  paired: median {fig['median per-round ratio'][-1]:.0f}, HL {fig['Hodges-Lehmann ratio'][-1]:.0f}"
                     f" ({len(d)} rounds, {m.get('processes') or 1} processes)")
        print(line + f"  [{ms} ms]")
    for name, xs in fig.items():
        if xs:
            print(f"{label}: {name}: {' '.join(f'{x:.0f}' for x in xs)}  spread max/min-1 = {spread(xs):.1f}%")
PY
