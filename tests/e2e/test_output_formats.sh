#!/usr/bin/env bash
# Every command that prints results writes each format through the one exporter interface: table, markdown, JSON that parses, CSV with one header and rows of its width, the same numbers in JSON and CSV, and words about the data kept off the machine formats' stdout.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null || fail "python3 is missing (make deps installs it)"
FIX=$SYSCOST_SOURCE_DIR/tests/fixtures/report/full
HIST=$FIX/BpftraceProfiler.ManySmallWrites.syslat.json
printf '{"type": "map", "data": {"@syscalls": {"write": 3, "close": 1}}}\n' >"$WORK/count.json"

declare -A LINES=(
  [summary]="summary $FIX/demo.csv"
  [compare]="compare $FIX/demo.csv $FIX/slow.csv"
  [hist]="hist $HIST"
  [hist-count]="hist $WORK/count.json"
  [overhead]="overhead $FIX/overhead"
  [batching]="batching $FIX/demo.csv"
)
for name in "${!LINES[@]}"; do
  read -r -a cmd <<<"${LINES[$name]}"
  for fmt in table markdown json csv; do
    expect_status 0 "$BENCH" "${cmd[@]}" --format "$fmt"
    cp "$WORK/out" "$WORK/$name.$fmt"
    cp "$WORK/err" "$WORK/$name.$fmt.err"
  done
  python3 - "$WORK/$name" <<'PY' || fail "$name: $(cat "$WORK/$name.json" | head -20)"
import csv, json, math, sys
base = sys.argv[1]
doc = json.load(open(base + ".json"))
rows = list(csv.reader(open(base + ".csv")))
assert len(rows) >= 2, "csv: no rows"
width = len(rows[0])
assert all(len(r) == width for r in rows), "csv: rows of another width than the header"
# Every number of the csv is in the json too (the same cell, written once each way).
numbers = set()
def walk(v):
    if isinstance(v, dict):
        for x in v.values(): walk(x)
    elif isinstance(v, list):
        for x in v: walk(x)
    elif isinstance(v, (int, float)) and not isinstance(v, bool):
        numbers.add(round(float(v), 12))
walk(doc)
for r in rows[1:]:
    for cell in r:
        try:
            x = float(cell)
        except ValueError:
            continue
        assert round(x, 12) in numbers, "csv value %s is not in the json" % cell
PY
  # Tables for people: markdown has its header rule, the table format none of it.
  grep -q '^|[:-]' "$WORK/$name.markdown" || fail "$name markdown has no table: $(head -5 "$WORK/$name.markdown")"
  grep -q '^|' "$WORK/$name.table" && fail "$name table has markdown in it"
done
ok "summary, compare, hist, overhead and batching: table, markdown, JSON and CSV, the numbers alike"

# Words about the data: before and after the table for people, on stderr
# (and in the JSON's "warnings") for tools, never on a machine format's stdout.
grep -q '^warning: the two files hold different sets of cases' "$WORK/compare.table" \
  || fail "compare table: no warning: $(cat "$WORK/compare.table")"
grep -q '^- warning: the two files hold different sets' "$WORK/compare.markdown" \
  || fail "compare markdown: no warning item"
for fmt in json csv; do
  grep -q 'warning' "$WORK/compare.$fmt.err" || fail "compare $fmt: the warning is not on stderr"
  if [[ $fmt == csv ]]; then
    grep -q 'warning' "$WORK/compare.$fmt" && fail "compare csv: a warning in the data"
  fi
done
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert any("different sets" in w for w in d["warnings"]), d["warnings"]' \
  "$WORK/compare.json" || fail "compare json: the warning is not in \"warnings\""
ok "notes and warnings: around the table for people, on stderr and in \"warnings\" for tools"

# Summary keeps its machine shapes: a bare array in JSON, one line per case.
python3 - "$WORK/summary.json" "$WORK/summary.csv" <<'PY' || fail "summary json/csv: $(head -3 "$WORK/summary.json")"
import csv, json, sys
doc = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2])))
assert isinstance(doc, list) and len(doc) == len(rows) == 11, (len(doc), len(rows))
for j, c in zip(doc, rows):
    assert j["test"] == c["test"] and abs(j["median_us"] - float(c["median_us"])) < 1e-9
    assert set(j) == {"test", "median_us", "calls_per_second", "cv", "syscalls_per_call", "samples"}
PY
ok "summary: a bare JSON array and a CSV of the same cases"
