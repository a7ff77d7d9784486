#!/usr/bin/env bash
# The regression gate never passes a value that is not a number: times that overflow once in microseconds (1e305 s) are bad input (exit 2, naming the file and row), in JSON and CSV.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# gbench FILE TIME UNIT: five repetitions of one benchmark, google benchmark JSON.
gbench() {
  local file=$1 t=$2 unit=$3 i
  {
    echo '{"context": {}, "benchmarks": ['
    for i in 0 1 2 3 4; do
      printf '  {"name": "BM_X", "run_name": "BM_X", "run_type": "iteration", "repetitions": 5, '
      printf '"repetition_index": %d, "iterations": 10, "real_time": %s, "time_unit": "%s"}%s\n' \
        "$i" "$t" "$unit" "$([[ $i -lt 4 ]] && echo ,)"
    done
    echo ']}'
  } >"$file"
}

gbench "$WORK/base.json" 1.5 s
gbench "$WORK/huge.json" 1e305 s

# Before: "infinitely slower (p=0.008)", exit 0 and "regression": false.
for fmt in table json; do
  expect_status 2 "$BENCH" compare "$WORK/base.json" "$WORK/huge.json" --fail-on-regression --format "$fmt"
  stderr_is_one_line "^error: $WORK/huge.json:2:[0-9]+: benchmarks\[0\] \(BM_X\): \"real_time\" 1e\+305 s is too large"
  [[ ! -s $WORK/out ]] || fail "a verdict was printed for bad input ($fmt): $(cat "$WORK/out")"
done
ok "1e305 s in the candidate: exit 2, '$(cat "$WORK/err")'"

expect_status 2 "$BENCH" compare "$WORK/huge.json" "$WORK/base.json" --fail-on-regression
stderr_is_one_line "^error: $WORK/huge.json:2:"
ok "the same in the baseline: exit 2"

# Past a double already in the file (JSON allows 1e400).
gbench "$WORK/inf.json" 1e400 ns
expect_status 2 "$BENCH" compare "$WORK/base.json" "$WORK/inf.json" --fail-on-regression
stderr_is_one_line "^error: $WORK/inf.json:2:[0-9]+: benchmarks\[0\] \(BM_X\): \"real_time\" is too large: more than 1\.8e\+308"
ok "1e400 ns: exit 2, '$(cat "$WORK/err")'"

# The kit's CSV: the reader refuses what is not a finite number.
printf 'test,wallMedian,samples\nBM_X,1.5e6,1.5e6;1.5e6;1.5e6;1.5e6;1.5e6\n' >"$WORK/base.csv"
printf 'test,wallMedian,samples\nBM_X,1e6,1e6;1e6;inf;1e6;1e6\n' >"$WORK/inf.csv"
expect_status 2 "$BENCH" compare "$WORK/base.csv" "$WORK/inf.csv" --fail-on-regression
stderr_is_one_line "^error: $WORK/inf.csv:2:[0-9]+: column 'samples': 'inf' is not a finite number"
printf 'test,wallMedian,samples\nBM_X,1e6,1e6;1e6;1e999;1e6;1e6\n' >"$WORK/big.csv"
expect_status 2 "$BENCH" compare "$WORK/base.csv" "$WORK/big.csv" --fail-on-regression
stderr_is_one_line "^error: $WORK/big.csv:2:[0-9]+: column 'samples': '1e999' is not a finite number"
ok "CSV samples inf and 1e999: exit 2, naming file, line and column"

# Large but finite: a verdict, and the gate holds.
gbench "$WORK/far.json" 1e300 s
expect_status 1 "$BENCH" compare "$WORK/base.json" "$WORK/far.json" --fail-on-regression --format json
grep -q '"regression": true' "$WORK/out" || fail "no regression in the JSON: $(cat "$WORK/out")"
grep -q '"regressions": 1' "$WORK/out" || fail "regressions not counted: $(cat "$WORK/out")"
grep -q '^regression: BM_X is ' "$WORK/err" || fail "regression not named: $(cat "$WORK/err")"
ok "1e300 s (finite in microseconds): a regression, exit 1"
