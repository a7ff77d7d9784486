#!/usr/bin/env bash
# The benchmark program's quick run: exact syscall counts, the 100x relation, CSV, JSON, bench on top.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

expect_status 0 "$DEMO" --quick --csv "$WORK/demo.csv" --json "$WORK/demo.json"
many=BpftraceProfiler.ManySmallWrites
single=BpftraceProfiler.SingleBatchedWrite
grep -q "^$many " "$WORK/out" || fail "console has no line for $many"

[[ $(csv_get "$WORK/demo.csv" $many syscallsPerCall) == 1024 ]] || fail "$many: syscallsPerCall is not 1024"
[[ $(csv_get "$WORK/demo.csv" $single syscallsPerCall) == 1 ]] || fail "$single: syscallsPerCall is not 1"
ok "syscallsPerCall is exactly 1024 and 1"

m=$(csv_get "$WORK/demo.csv" $many wallMedian)
s=$(csv_get "$WORK/demo.csv" $single wallMedian)
at_least "$m" "$s" 100 || fail "$many ($m us) is not at least 100x $single ($s us)"
ok "ManySmallWrites ($m us) >= 100 x SingleBatchedWrite ($s us)"

repeats=$(csv_get "$WORK/demo.csv" $many repeats)
n_samples=$(csv_get "$WORK/demo.csv" $many samples | tr ';' '\n' | wc -l)
[[ $n_samples -eq $repeats ]] || fail "samples column has $n_samples values for $repeats repeats"
[[ $(head -1 "$WORK/demo.csv") == "test,cycles,repeats,warmup,wallMedian,wallP10,wallP90,wallMin,wallMax,wallMean,wallStddev,wallCV,callsPerSecond,syscallsPerCall,stable,cvThreshold,profileTool,timestamp,gitHash,hostname,platform,samples,seed,processes" ]] \
  || fail "CSV header changed"
ok "CSV has the documented columns and one sample per repeat"

python3 - "$WORK/demo.json" "$repeats" <<'PY' || fail "JSON is not in google benchmark's layout"
import json, sys
doc = json.load(open(sys.argv[1]))
repeats = int(sys.argv[2])
assert "context" in doc and "benchmarks" in doc
for case in ("BpftraceProfiler.ManySmallWrites", "BpftraceProfiler.SingleBatchedWrite"):
    it = [b for b in doc["benchmarks"] if b["run_name"] == case and b["run_type"] == "iteration"]
    agg = {b["aggregate_name"] for b in doc["benchmarks"] if b["run_name"] == case and b["run_type"] == "aggregate"}
    assert len(it) == repeats, (case, len(it))
    assert agg == {"mean", "median", "stddev", "cv"}, agg
    assert all(b["time_unit"] == "us" and b["real_time"] > 0 for b in it)
PY
ok "JSON has $repeats iteration rows and 4 aggregates per case"

expect_status 0 "$BENCH" summary "$WORK/demo.csv"
grep -Eq "^$many +[0-9.]+ (us|ms)/call +[0-9.]+K? calls/s" "$WORK/out" || fail "summary line: $(cat "$WORK/out")"
ok "bench summary prints the walkthrough's line"

expect_status 0 "$DEMO" --quick --gtest_filter="*ManySmallWrites*" --csv "$WORK/slow.csv"
expect_status 0 "$DEMO" --quick --gtest_filter="*SingleBatchedWrite*" --csv "$WORK/fast.csv"
expect_status 0 "$BENCH" compare "$WORK/slow.csv" "$WORK/fast.csv"
grep -q "pairing $many (baseline) with $single (candidate)" "$WORK/out" || fail "no pairing note: $(cat "$WORK/out")"
grep -Eq "[0-9]+x faster" "$WORK/out" || fail "compare shows no 'x faster': $(cat "$WORK/out")"
ok "step-4 compare pairs slow.csv with fast.csv"

expect_status 0 "$DEMO" --gtest_list_tests
[[ $(cat "$WORK/out") == "$many"$'\n'"$single"* ]] || fail "list: $(cat "$WORK/out")"
expect_status 0 "$DEMO" --gtest_list_tests --gtest_filter='-*Many*'
grep -q Many "$WORK/out" && fail "negative filter did not remove ManySmallWrites"
ok "--gtest_list_tests and negative filters"
