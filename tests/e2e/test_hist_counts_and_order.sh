#!/usr/bin/env bash
# bench hist on u64 extremes and hostile buckets: counts up to 2^64-1 are exact, sums never wrap, unsorted or negative buckets and counts that are no counts are refused with the file, line and entry.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

f="$WORK/x.json"
hist() { printf '%s\n' "$1" >"$f"; }

# Two counts just under 2^63: their sum passed INT64_MAX (UBSan in cmd_hist.c,
# shares of -100% and 200% in a debug build).
hist '{"type": "map", "data": {"@syscalls": {"read": 9223372036854775807, "write": 9223372036854775807}}}'
expect_status 0 "$BENCH" hist "$f"
grep -Eq '^write +9223372036854775807 +50\.00%$' "$WORK/out" || fail "shares: $(cat "$WORK/out")"
[[ -s $WORK/err ]] && fail "stderr not empty: $(cat "$WORK/err")"
ok "two counts of 2^63-1: 50.00% each"

# bpftrace's counters are u64: a count past 2^63 was refused as "a fraction".
hist '{"type": "hist", "data": {"@lat_ns": [{"min": 1, "max": 1, "count": 18446744073709551615}]}}'
expect_status 0 "$BENCH" hist "$f"
grep -Eq '^\[1\] +18446744073709551615 +100\.00% +100\.00%$' "$WORK/out" || fail "2^64-1: $(cat "$WORK/out")"
ok "a bucket count of 2^64-1: read exactly"

hist '{"type": "map", "data": {"@c": {"a": 18446744073709551615, "b": 1}}}'
expect_status 2 "$BENCH" hist "$f"
stderr_is_one_line "^error: $f:1:[0-9]+: the counts add up to more than 2\^64 - 1, more than bpftrace can count, in @c$"
ok "counts adding up past 2^64-1: '$(cat "$WORK/err")'"

# Unsorted buckets: the p99 came out below the median.
hist '{"type": "hist", "data": {"@lat_ns": {"write": [{"min": 1024, "max": 2047, "count": 90}, {"min": 2, "max": 3, "count": 10}]}}}'
expect_status 2 "$BENCH" hist "$f"
stderr_is_one_line "^error: $f:1:[0-9]+: buckets out of order: \"min\" 2 is not above the previous bucket's \"max\" 2047 .*, in @lat_ns\[write\]$"
ok "unsorted buckets: '$(cat "$WORK/err")'"

hist '{"type": "hist", "data": {"@lat_ns": [{"min": -8, "max": -5, "count": 1}]}}'
expect_status 2 "$BENCH" hist "$f"
stderr_is_one_line "^error: $f:1:[0-9]+: bucket \"min\" -8 is negative"
hist '{"type": "map", "data": {"@syscalls": {"write": -5}}}'
expect_status 2 "$BENCH" hist "$f"
stderr_is_one_line "^error: $f:1:[0-9]+: the value is negative \(-5\): a count is never below 0, in @syscalls\[write\]$"
ok "negative bounds and counts: '$(cat "$WORK/err")'"

# A fraction in a count map was dropped without a word.
hist '{"type": "map", "data": {"@syscalls": {"write": 10, "read": 2.5}}}'
expect_status 2 "$BENCH" hist "$f"
stderr_is_one_line "^error: $f:1:[0-9]+: the value must be a count \(a whole number >= 0\), found a fraction \(2\.5\), in @syscalls\[read\]$"
ok "a fractional count: '$(cat "$WORK/err")'"

# What bpftrace 0.17 prints for hist() of values from 2^31 on (run on this
# kit's machine): the last bucket labelled [-2^31, 0]. Read as [2G, ...).
hist '{"type": "hist", "data": {"@syscall_lat_ns": [{"min": 1073741824, "max": 2147483647, "count": 1}, {"min": -2147483648, "max": 0, "count": 3}]}}'
expect_status 0 "$BENCH" hist "$f"
grep -Eq '^\[2G, \.\.\.\) +3 +75\.00% +100\.00%$' "$WORK/out" || fail "bpftrace 0.17's top bucket: $(cat "$WORK/out")"
ok "bpftrace 0.17's top bucket reads as [2G, ...)"
