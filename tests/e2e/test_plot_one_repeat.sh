#!/usr/bin/env bash
# A --repeats 1 run plots: the samples chart draws one dot per case (no box, no empty-range failure) and no chart costs another.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

command -v gnuplot >/dev/null || skip "gnuplot is not installed (apt-get install gnuplot-nox, or make deps)"
run="$WORK/run"
mkdir "$run"
one=(--repeats 1 --min-time-ms 2)
expect_status 0 "$DEMO" "${one[@]}" --csv "$run/demo.csv"
expect_status 0 "$DEMO" "${one[@]}" --gtest_filter='*ManySmallWrites' --csv "$run/slow.csv"
expect_status 0 "$DEMO" "${one[@]}" --gtest_filter='*SingleBatchedWrite' --csv "$run/fast.csv"
[[ $(csv_get "$run/demo.csv" BpftraceProfiler.ManySmallWrites repeats) == 1 ]] || fail "not a one-repeat run"

expect_status 0 "$BENCH" plot all "$run"
[[ ! -s "$WORK/err" ]] || fail "bench plot all said: $(cat "$WORK/err")"
for chart in compare samples sweep; do
  [[ -s "$run/plots/$chart.png" && -s "$run/plots/$chart.svg" ]] || fail "no $chart chart: $(ls "$run/plots")"
done
grep -q '"median [^"]*, CV 0.0%, 1 repeat"' "$run/plots/samples.dat" ||
  fail "samples.dat: $(head -4 "$run/plots/samples.dat")"
ok "bench plot all draws compare, samples and sweep from a --repeats 1 run"

expect_status 0 "$BENCH" plot samples "$run/slow.csv" --term dumb
grep -q 'ManySmallWrites' "$WORK/out" || fail "the dumb samples chart has no case names: $(cat "$WORK/out")"
ok "the one-repeat samples chart draws on the terminal too"
