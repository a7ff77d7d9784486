#!/usr/bin/env bash
# Result files are told apart by content: JSON with a byte order mark is read, a JSON array gets a JSON error (not the CSV reader's), and huge times keep their unit.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

json='{"benchmarks": [{"name": "BM_A", "real_time": 1500, "time_unit": "ns"}, {"name": "BM_A", "real_time": 1600, "time_unit": "ns"}]}'

# A UTF-8 byte order mark (Windows editors): was "unexpected byte 0xef".
printf '\xEF\xBB\xBF%s\n' "$json" >"$WORK/bom.json"
expect_status 0 "$BENCH" compare "$WORK/bom.json" "$WORK/bom.json"
grep -Eq '^BM_A +1\.55 us' "$WORK/out" || fail "BOM file: $(cat "$WORK/out") $(cat "$WORK/err")"
ok "JSON with a byte order mark is read"

# A JSON array at the root went to the CSV reader: "stray quote".
printf '  \n[%s]\n' "$json" >"$WORK/array.json"
expect_status 2 "$BENCH" compare "$WORK/array.json" "$WORK/bom.json"
stderr_is_one_line "^error: $WORK/array.json:2:1: expected an object at the root, found an array"
ok "a JSON array at the root: '$(cat "$WORK/err")'"

# bpftrace json with a byte order mark.
printf '\xEF\xBB\xBF{"type": "map", "data": {"@syscalls": {"write": 3}}}\n' >"$WORK/bom-hist.json"
expect_status 0 "$BENCH" hist "$WORK/bom-hist.json"
grep -Eq '^write +3 +100\.00%$' "$WORK/out" || fail "BOM hist: $(cat "$WORK/out")"
ok "bpftrace json with a byte order mark is read"

# ~1e34 us printed as a 29-digit number: the unit stays, the number turns scientific.
printf 'test,wallMedian\nS.Huge,1e34\nS.Tiny,1e-12\n' >"$WORK/huge.csv"
expect_status 0 "$BENCH" summary "$WORK/huge.csv"
grep -Eq '^S\.Huge +1\.00e\+28 s/call +1\.00e-28 calls/s' "$WORK/out" || fail "huge: $(cat "$WORK/out")"
grep -Eq '^S\.Tiny +1\.00e-09 ns/call' "$WORK/out" || fail "tiny: $(cat "$WORK/out")"
grep -Eq '[0-9]{10}' "$WORK/out" && fail "a long run of digits: $(cat "$WORK/out")"
ok "1e34 us: '$(grep Huge "$WORK/out" | tr -s ' ')'"
