#!/usr/bin/env bash
# bench compare end to end: verdicts from raw samples, the regression gate, warnings, formats, JSON input.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# csv_of FILE TEST:SAMPLES...: a minimal kit CSV, samples separated by ';'.
csv_of() {
  local file=$1 spec
  shift
  echo "test,wallMedian,cvThreshold,samples" >"$file"
  for spec in "$@"; do
    local name=${spec%%:*} samples=${spec#*:}
    local median
    median=$(tr ';' '\n' <<<"$samples" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
    echo "$name,$median,0.05,$samples" >>"$file"
  done
}
ten_from() { awk -v b="$1" -v s="$2" 'BEGIN { for (i = 0; i < 10; i++) printf "%s%.4f", (i ? ";" : ""), b + s * i }'; }

csv_of "$WORK/base.csv" "S.A:$(ten_from 100 0.1)" "S.B:$(ten_from 10 0.01)"
csv_of "$WORK/same.csv" "S.A:$(ten_from 100 0.1)" "S.B:$(ten_from 10 0.01)"
csv_of "$WORK/slow.csv" "S.A:$(ten_from 120 0.12)" "S.B:$(ten_from 10 0.01)"
csv_of "$WORK/bit.csv" "S.A:$(ten_from 103 0.1)" "S.B:$(ten_from 10 0.01)"

expect_status 0 "$BENCH" compare "$WORK/base.csv" "$WORK/same.csv" --fail-on-regression
grep -Eq "^S\.A +100 us ±0\.[0-9]% +100 us ±0\.[0-9]% +~ \(p=1\.000 n=10\+10\)$" "$WORK/out" || fail "same data: $(cat "$WORK/out")"
grep -q "^geomean" "$WORK/out" || fail "no geomean row: $(cat "$WORK/out")"
ok "identical samples: ~ (p=1.000 n=10+10), exit 0"

expect_status 1 "$BENCH" compare "$WORK/base.csv" "$WORK/slow.csv" --fail-on-regression
grep -q "+20.0% slower (p=1.1e-05 n=10+10)" "$WORK/out" || fail "20% slower: $(cat "$WORK/out")"
grep -q "^regression: S.A is +20.0% slower (p=1.1e-05 n=10+10), more than the 5.0% threshold$" "$WORK/err" \
  || fail "regression not named: $(cat "$WORK/err")"
grep -q "S.B" "$WORK/err" && fail "S.B did not regress but is named: $(cat "$WORK/err")"
ok "20% slower in every sample: exit 1 naming S.A only"

expect_status 0 "$BENCH" compare "$WORK/base.csv" "$WORK/bit.csv" --fail-on-regression
grep -q "+3.0% slower (p=" "$WORK/out" || fail "3% slower: $(cat "$WORK/out")"
expect_status 1 "$BENCH" compare "$WORK/base.csv" "$WORK/bit.csv" --fail-on-regression --threshold 2
ok "a significant 3% slowdown fails the gate only below --threshold 3"

csv_of "$WORK/few_a.csv" "S.A:1;1.1;1.2"
csv_of "$WORK/few_b.csv" "S.A:5;5.1;5.2"
expect_status 0 "$BENCH" compare "$WORK/few_a.csv" "$WORK/few_b.csv" --fail-on-regression
grep -q "~ (p=0.100 n=3+3, too few samples)" "$WORK/out" || fail "3+3: $(cat "$WORK/out")"
grep -q "3+3 samples cannot reach significance at alpha 0.05" "$WORK/out" || fail "no too-few warning: $(cat "$WORK/out")"
expect_status 1 "$BENCH" compare "$WORK/few_a.csv" "$WORK/few_b.csv" --fail-on-regression --alpha 0.1
ok "3+3 samples: too few at alpha 0.05, a regression at alpha 0.1 (p = 0.1)"

csv_of "$WORK/other.csv" "S.A:$(ten_from 100 0.1)" "S.C:$(ten_from 1 0.001)"
expect_status 0 "$BENCH" compare "$WORK/base.csv" "$WORK/other.csv"
grep -q "different sets of cases (only in the baseline: S.B; only in the candidate: S.C); 1 compared" "$WORK/out" \
  || fail "no different-sets warning: $(cat "$WORK/out")"
expect_status 0 "$BENCH" compare "$WORK/base.csv" "$WORK/other.csv" --pair S.B=S.C
grep -q "^note: --pair: comparing S.B (baseline) with S.C (candidate) only" "$WORK/out" || fail "--pair: $(cat "$WORK/out")"
grep -Eq "S.B vs S.C +10.0 us ±0.[0-9]% +1.00 us ±0.[0-9]% +10x faster" "$WORK/out" || fail "--pair change: $(cat "$WORK/out")"
ok "different case sets are named; --pair compares across names"

expect_status 0 "$BENCH" compare "$WORK/base.csv" "$WORK/slow.csv" --format json
python3 - "$WORK/out" <<'PY' || fail "json: $(cat "$WORK/out")"
import json, sys
doc = json.load(open(sys.argv[1]))
a = doc["cases"][0]
assert a["test"] == "S.A" and a["regression"] is True and abs(a["ratio"] - 1.2) < 1e-9, a
assert doc["regressions"] == 1 and doc["alpha"] == 0.05 and doc["geomean"]["cases"] == 2
PY
expect_status 0 "$BENCH" compare "$WORK/base.csv" "$WORK/slow.csv" --format csv
[[ $(head -1 "$WORK/out") == test,baseline_test,candidate_test,baseline_us,* ]] || fail "csv header: $(head -1 "$WORK/out")"
[[ $(wc -l <"$WORK/out") -eq 4 ]] || fail "csv rows: $(cat "$WORK/out")"
expect_status 0 "$BENCH" compare "$WORK/base.csv" "$WORK/slow.csv" --format markdown
[[ $(head -2 "$WORK/out" | tail -1) == "|:"* ]] || fail "markdown: $(cat "$WORK/out")"
ok "json, csv and markdown formats"

expect_status 0 "$DEMO" --quick --gtest_filter='BpftraceProfiler.*' --csv "$WORK/run.csv" --json "$WORK/run.json"
expect_status 0 "$BENCH" compare "$WORK/run.csv" "$WORK/run.json" --fail-on-regression
r=$(csv_get "$WORK/run.csv" BpftraceProfiler.ManySmallWrites repeats)
[[ $(grep -c "~ (p=1.000 n=$r+$r)$" "$WORK/out") -eq 2 && $(grep -c "(p=" "$WORK/out") -eq 2 ]] \
  || fail "a run against its own JSON: $(cat "$WORK/out")"
ok "google benchmark JSON input: a run's JSON equals its CSV sample for sample"

expect_status 2 "$BENCH" compare "$WORK/base.csv" "$WORK/slow.csv" --alpha 0; stderr_is_one_line "^error: bench compare: --alpha: '0' is not a number in \(0, 1\)"
expect_status 2 "$BENCH" compare "$WORK/base.csv" "$WORK/slow.csv" --format xml; stderr_is_one_line "^error: bench compare: --format: 'xml' is not one of "
printf '{"benchmarks": [\n {"name": "X", "real_time": "fast"}]}\n' >"$WORK/bad.json"
expect_status 2 "$BENCH" compare "$WORK/bad.json" "$WORK/base.csv"; stderr_is_one_line "^error: $WORK/bad.json:2:29: "
ok "bad flags and bad JSON: one line, exit 2"
