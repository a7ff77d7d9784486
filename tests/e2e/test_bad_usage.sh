#!/usr/bin/env bash
# Bad flags and bad input: one clear line on stderr, exit status 2, nothing written.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

expect_status 2 "$DEMO" --cycles abc;         stderr_is_one_line "^error: $DEMO_NAME: --cycles: 'abc' is not a whole number \(see $DEMO_NAME --help\)$"
expect_status 2 "$DEMO" --cycles 0;           stderr_is_one_line "^error: $DEMO_NAME: --cycles: '0' is out of range"
expect_status 2 "$DEMO" --repeats -3;         stderr_is_one_line "^error: $DEMO_NAME: --repeats: '-3' is not a whole number"
expect_status 2 "$DEMO" --bogus;              stderr_is_one_line "^error: $DEMO_NAME: --bogus: unknown flag"
expect_status 2 "$DEMO" --csv;                stderr_is_one_line "^error: $DEMO_NAME: --csv: needs a value"
expect_status 2 "$DEMO" --profile dtrace;     stderr_is_one_line "^error: $DEMO_NAME: --profile: 'dtrace' is not one of none, bpftrace, libbpf"
expect_status 2 "$DEMO" --gtest_filter='Nope.*'; stderr_is_one_line "matches no case"
expect_status 2 "$DEMO" --quick --csv "$WORK/missing-dir/x.csv"
grep -q "directory $WORK/missing-dir does not exist" "$WORK/err" || fail "missing dir: $(cat "$WORK/err")"
ok "benchmark program refuses bad flags with one line and status 2"

expect_status 0 "$DEMO" --help
grep -q "^Examples" "$WORK/out" || fail "--help has no examples"
ok "--help shows examples"

expect_status 2 "$BENCH"
expect_status 2 "$BENCH" frobnicate;          grep -q "unknown command 'frobnicate'" "$WORK/err" || fail "$(cat "$WORK/err")"
expect_status 2 "$BENCH" summary "$WORK/none.csv"; stderr_is_one_line "^error: $WORK/none.csv: cannot open"
printf 'test,wallMedian\nA,abc\n' >"$WORK/bad.csv"
expect_status 2 "$BENCH" summary "$WORK/bad.csv"; stderr_is_one_line "^error: $WORK/bad.csv:2:3: column 'wallMedian': 'abc' is not a number"
expect_status 2 "$BENCH" compare "$WORK/bad.csv" "$WORK/bad.csv"; stderr_is_one_line "$WORK/bad.csv:2:3"
expect_status 2 "$BENCH" summary "$WORK/bad.csv" --sort size; stderr_is_one_line "^error: bench summary: --sort: 'size' is not one of name, median, cv, throughput \(see bench summary --help\)$"
ok "bench refuses bad input naming file, line and column"
