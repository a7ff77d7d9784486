#!/usr/bin/env bash
# valgrind memcheck: bench summary/compare and a short benchmark run have no memory errors and no leaks.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

command -v valgrind >/dev/null || skip "valgrind is missing (apt-get install valgrind; 'make deps' adds it where the distribution has it)"
# Sanitized binaries map shadow memory valgrind cannot run; LeakSanitizer
# already checks leaks in that build (make test-asan).
if grep -aq __asan_init "$BENCH" "$DEMO"; then
  skip "this is an ASan build; valgrind cannot run sanitized binaries (LeakSanitizer covers leaks here)"
fi

VG=(valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible
    --errors-for-leak-kinds=definite,indirect,possible --track-origins=yes)

# vg STATUS CMD...: CMD under memcheck exits STATUS, and memcheck said nothing.
vg() {
  local want=$1
  shift
  expect_status "$want" "${VG[@]}" --log-file="$WORK/vg.log" "$@"
  [[ ! -s $WORK/vg.log ]] || fail "memcheck reports for '$*': $(head -c 3000 "$WORK/vg.log")"
}

# Inputs made natively (fast), then read under memcheck.
"$DEMO" --quick --csv "$WORK/all.csv" --json "$WORK/all.json" >/dev/null 2>&1 || fail "the quick run failed"
"$DEMO" --quick --gtest_filter='*ManySmallWrites' --csv "$WORK/slow.csv" >/dev/null 2>&1 || fail "quick run (slow) failed"
"$DEMO" --quick --gtest_filter='*SingleBatchedWrite' --csv "$WORK/fast.csv" >/dev/null 2>&1 || fail "quick run (fast) failed"

vg 0 "$DEMO" --quick --gtest_filter='*Single*' --csv "$WORK/vg.csv" --json "$WORK/vg.json"
[[ -s $WORK/vg.csv && -s $WORK/vg.json ]] || fail "the benchmark under memcheck wrote no results"
ok "BenchDemo --quick --gtest_filter=*Single* under memcheck: clean"

vg 0 "$BENCH" summary "$WORK/all.csv"
vg 0 "$BENCH" summary "$WORK/all.csv" --sort median --format json
ok "bench summary (table, json): clean"

vg 0 "$BENCH" compare "$WORK/slow.csv" "$WORK/fast.csv"
vg 0 "$BENCH" compare "$WORK/all.csv" "$WORK/vg.csv" --format markdown
vg 0 "$BENCH" compare "$WORK/all.json" "$WORK/all.csv" --format json
ok "bench compare (paired, joined, json input): clean"

# bench hist on what bpftrace -f json writes, when this build has the command.
if "$BENCH" --help 2>/dev/null | grep -Eq '^ +hist '; then
  cat >"$WORK/syslat.json" <<'JSON'
{"type": "attached_probes", "data": {"probes": 3}}
{"type": "hist", "data": {"@syscall_lat_ns": {"write": [{"max": -1, "count": 1}, {"min": 0, "max": 0, "count": 2}, {"min": 128, "max": 255, "count": 1549}, {"min": 256, "max": 511, "count": 3534}]}}}
{"type": "map", "data": {"@syscalls": {"write": 5086, "close": 3}}}
JSON
  vg 0 "$BENCH" hist "$WORK/syslat.json"
  head -c 120 "$WORK/syslat.json" >"$WORK/cut.json"
  vg 2 "$BENCH" hist "$WORK/cut.json"
  ok "bench hist (whole file, file cut short): clean"
fi

# The error paths free what they allocated too.
printf 'test,wallMedian\nA,1\nA,2\n' >"$WORK/dup.csv"
vg 2 "$BENCH" summary "$WORK/dup.csv"
vg 2 "$BENCH" compare "$WORK/all.csv" "$WORK/missing.csv"
vg 2 "$BENCH" compare --pair a=b --pair c=d "$WORK/all.csv"
vg 2 "$DEMO" --quick --csv "$WORK/no/such/dir/r.csv"
ok "error paths (duplicate test, missing file, bad usage, unwritable output): clean"
