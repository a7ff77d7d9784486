# shellcheck shell=bash
# Helpers shared by the end-to-end tests (sourced). Each test: a description on
# line 2, `set -euo pipefail`, then `source lib.sh`. Tests print OK, FAIL or SKIP.

: "${SYSCOST_BIN:?SYSCOST_BIN must point at build/<preset>/bin (ctest sets it)}"
: "${SYSCOST_SOURCE_DIR:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
DEMO="$SYSCOST_BIN/ptests/BenchDemo_09_BpftraceProfiler"
BENCH="$SYSCOST_BIN/tools/bench"
# How the benchmark program names itself in its messages: "error: NAME: --flag: ...".
DEMO_NAME=${DEMO##*/}
TEST_NAME=$(basename "$0" .sh)

WORK=$(mktemp -d "/tmp/syscost-e2e-$TEST_NAME.XXXXXX")
declare -a CLEANUP_PIDS=()
cleanup() {
  local pid
  for pid in "${CLEANUP_PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

ok() { printf 'OK   %s: %s\n' "$TEST_NAME" "$*"; }
fail() { printf 'FAIL %s: %s\n' "$TEST_NAME" "$*" >&2; exit 1; }
# ctest treats exit status 77 as "skipped" (SKIP_RETURN_CODE).
skip() { printf 'SKIP %s: %s\n' "$TEST_NAME" "$*"; exit 77; }

need_root() {
  [[ $(id -u) -eq 0 ]] || skip "needs root (${1:-tracing needs CAP_BPF+CAP_PERFMON}); run the tests with sudo"
}

# expect_status N CMD...: runs CMD with output in $WORK/out and $WORK/err.
expect_status() {
  local want=$1 got=0
  shift
  "$@" >"$WORK/out" 2>"$WORK/err" || got=$?
  [[ $got -eq $want ]] || fail "'$*' exited $got, expected $want; stderr: $(head -c 600 "$WORK/err")"
}

# stderr_is_one_line PATTERN: the last command said exactly one line, matching PATTERN.
stderr_is_one_line() {
  local lines
  lines=$(wc -l <"$WORK/err")
  [[ $lines -eq 1 ]] || fail "expected one line on stderr, got $lines: $(cat "$WORK/err")"
  grep -Eq -- "$1" "$WORK/err" || fail "stderr '$(cat "$WORK/err")' does not match /$1/"
}

# csv_get FILE TEST COLUMN: one cell of a kit CSV (no quoted fields in the columns used).
csv_get() {
  awk -F, -v t="$2" -v c="$3" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    $1 == t { print $(col[c]); found = 1 } END { exit !found }' "$1"
}

# at_least A B FACTOR: A >= B * FACTOR (floating point).
at_least() { awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN { exit !(a >= b * f) }'; }

# An ASan/UBSan build (make test-asan) runs user-space code several times
# slower, so timing relations between cases are only checked elsewhere.
sanitized_build() { grep -aq __asan_init "$DEMO"; }

# LeakSanitizer cannot work under ptrace (strace, perf trace, gdb): put
# "${NO_LSAN[@]}" before a traced command so an ASan build still runs it.
NO_LSAN=(env "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0")

# wait_measuring PID LOG: waits (up to 30 s) until PID runs its measured repeats:
# the harness names the thread sc-<12 hex digits> only then, after any tracer is live.
wait_measuring() {
  local pid=$1 log=$2
  for _ in $(seq 600); do
    grep -Eqx 'sc-[0-9a-f]{12}' "/proc/$pid/task/$pid/comm" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || fail "the run ended before measuring: $(cat "$log")"
    sleep 0.05
  done
  fail "the run never started measuring: $(cat "$log")"
}

# hist_total FILE MAP [KEY]: the calls in one histogram, as bench hist reports them.
hist_total() {
  local heading=$2
  [[ -n ${3:-} ]] && heading="$2[$3]"
  "$BENCH" hist "$1" --map "$2" | awk -v h="$heading" '$0 == h { on = 1; next }
    on && $1 == "total" { print $2; exit }'
}
# count_of FILE MAP KEY: one value of a count map.
count_of() {
  "$BENCH" hist "$1" --map "$2" | awk -v k="$3" '$1 == k { print $2; exit }'
}

# libbpf_ids: the BPF program ids the last command's --verbose line named
# ("libbpf <mode>: attached ..., program ids 12 13").
libbpf_ids() { sed -n "s/^libbpf [a-z]*: attached .*program ids //p" "$WORK/err"; }

# bpf_progs_gone WHAT IDS...: each program id is unloaded; the kernel frees a detached
# program after an RCU grace period, so wait up to 10 s for each.
bpf_progs_gone() {
  local what=$1 id
  shift
  for id in "$@"; do
    for _ in $(seq 100); do
      bpftool prog show id "$id" >/dev/null 2>&1 || continue 2
      sleep 0.1
    done
    fail "$what: program $id is still loaded 10 s after the run: $(bpftool prog show id "$id")"
  done
}
