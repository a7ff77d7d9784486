#!/usr/bin/env bash
# Every command line reads one way: -h and --help print the usage on stdout (exit 0), --flag=value means --flag value, and an unknown flag or a bad value gets one error line in one format (exit 2).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

FIX=$SYSCOST_SOURCE_DIR/tests/fixtures/report/full
HIST=$FIX/BpftraceProfiler.ManySmallWrites.syslat.json
COMMANDS=(summary compare hist overhead plot report batching)

# -h and --help: the same usage on stdout, nothing on stderr, exit 0.
for cmd in "" "${COMMANDS[@]}"; do
  # shellcheck disable=SC2086 # "" is bench itself
  expect_status 0 "$BENCH" $cmd -h
  [[ ! -s $WORK/err ]] || fail "bench $cmd -h wrote on stderr: $(cat "$WORK/err")"
  cp "$WORK/out" "$WORK/short"
  # shellcheck disable=SC2086
  expect_status 0 "$BENCH" $cmd --help
  cmp -s "$WORK/short" "$WORK/out" || fail "bench $cmd: -h and --help differ"
  if [[ -n $cmd ]]; then
    head -1 "$WORK/out" | grep -q "^Usage: bench $cmd " || fail "bench $cmd -h: $(head -3 "$WORK/out")"
    grep -q '^Examples$' "$WORK/out" || fail "bench $cmd -h has no Examples section"
    grep -q -- '^  -h, --help ' "$WORK/out" || fail "bench $cmd -h does not list -h, --help"
  fi
done
for flag in -h --help --h; do
  expect_status 0 "$DEMO" "$flag"
  grep -q "^Usage: $DEMO " "$WORK/out" || fail "$DEMO_NAME $flag: $(head -3 "$WORK/out")"
  grep -q '^Examples$' "$WORK/out" || fail "$DEMO_NAME $flag has no Examples section"
done
ok "bench, its ${#COMMANDS[@]} commands and the benchmark program take -h and --help"

# --flag=value and --flag value: the same output, byte for byte.
same() { # same "ARGS WITH =" -- "ARGS WITHOUT"
  local -a a=() b=()
  while [[ $1 != -- ]]; do a+=("$1"); shift; done
  shift
  b=("$@")
  local sa=0 sb=0
  "${a[@]}" >"$WORK/a.out" 2>"$WORK/a.err" || sa=$?
  "${b[@]}" >"$WORK/b.out" 2>"$WORK/b.err" || sb=$?
  ((sa < 128)) || fail "'${a[*]}' crashed ($sa)"
  [[ $sa -eq $sb ]] && cmp -s "$WORK/a.out" "$WORK/b.out" && cmp -s "$WORK/a.err" "$WORK/b.err" \
    || fail "'${a[*]}' ($sa) and '${b[*]}' ($sb) differ: $(diff "$WORK/a.out" "$WORK/b.out" | head -5)"
}
same "$BENCH" summary "$FIX/demo.csv" --sort=median --format=markdown -- \
     "$BENCH" summary "$FIX/demo.csv" --sort median --format markdown
same "$BENCH" compare "$FIX/slow.csv" "$FIX/fast.csv" --alpha=0.1 --threshold=3 --format=json -- \
     "$BENCH" compare "$FIX/slow.csv" "$FIX/fast.csv" --alpha 0.1 --threshold 3 --format json
same "$BENCH" hist "$HIST" --map=@syscall_lat_ns --format=markdown -- \
     "$BENCH" hist "$HIST" --map @syscall_lat_ns --format markdown
same "$BENCH" overhead "$FIX/overhead" --case=BpftraceProfiler.ManySmallWrites -- \
     "$BENCH" overhead "$FIX/overhead" --case BpftraceProfiler.ManySmallWrites
same "$BENCH" batching "$FIX/demo.csv" --format=markdown -- \
     "$BENCH" batching "$FIX/demo.csv" --format markdown
# plot: the value reaches its check either way; -oDIR is -o DIR is --out DIR
# (without gnuplot both say so alike).
same "$BENCH" plot compare "$FIX/slow.csv" "$FIX/fast.csv" --name=.hidden -- \
     "$BENCH" plot compare "$FIX/slow.csv" "$FIX/fast.csv" --name .hidden
same "$BENCH" plot compare "$FIX/slow.csv" "$FIX/fast.csv" --name=cmp --term=svg "-o$WORK/p" -- \
     "$BENCH" plot compare "$FIX/slow.csv" "$FIX/fast.csv" --name cmp --term svg --out "$WORK/p"
same "$BENCH" plot compare "$FIX/slow.csv" "$FIX/fast.csv" --name=cmp --term=svg -o "$WORK/p" -- \
     "$BENCH" plot compare "$FIX/slow.csv" "$FIX/fast.csv" --name cmp --term svg --out "$WORK/p"
same "$DEMO" --gtest_list_tests --gtest_filter='BpftraceProfiler.*' -- \
     "$DEMO" --gtest_list_tests --gtest_filter 'BpftraceProfiler.*'
same "$DEMO" --repeats=0 -- "$DEMO" --repeats 0
ok "--flag=value is --flag value in every command with a valued flag (report has none)"

# One line, one format, exit 2: an unknown flag, a bad value, a missing or extra argument.
one_error() { # one_error PATTERN CMD...
  local pattern=$1
  shift
  expect_status 2 "$@"
  stderr_is_one_line "$pattern"
  [[ ! -s $WORK/out ]] || fail "'$*' wrote on stdout: $(cat "$WORK/out")"
}
see() { printf ' \\(see bench %s --help\\)$' "$1"; }
for cmd in "${COMMANDS[@]}"; do
  one_error "^error: bench $cmd: --bogus: unknown flag$(see "$cmd")" "$BENCH" "$cmd" --bogus
  one_error "^error: bench $cmd: -z: unknown flag$(see "$cmd")" "$BENCH" "$cmd" -z
done
one_error "^error: bench summary: --sort: 'size' is not one of name, median, cv, throughput$(see summary)" \
  "$BENCH" summary "$FIX/demo.csv" --sort=size
one_error "^error: bench summary: --fromat: unknown flag; did you mean --format\\?$(see summary)" \
  "$BENCH" summary "$FIX/demo.csv" --fromat json
one_error "^error: bench summary: FILE is missing$(see summary)" "$BENCH" summary
one_error "^error: bench summary: 'x.csv': one argument too many \\(it takes FILE\\)$(see summary)" \
  "$BENCH" summary "$FIX/demo.csv" x.csv
one_error "^error: bench compare: --threshold: 'lots' is not a number in \\[0, 1000\\]$(see compare)" \
  "$BENCH" compare "$FIX/slow.csv" "$FIX/fast.csv" --threshold lots
one_error "^error: bench compare: --pair: 'A' is not BASE_TEST=CAND_TEST$(see compare)" \
  "$BENCH" compare "$FIX/slow.csv" "$FIX/fast.csv" --pair A
one_error "^error: bench compare: --pair: given twice \\('A=B', then 'C=D'\\): give it once$(see compare)" \
  "$BENCH" compare "$FIX/slow.csv" "$FIX/fast.csv" --pair A=B --pair=C=D
one_error "^error: bench compare: one file needs --pair BASE_TEST=CAND_TEST \(which two of its cases\)$(see compare)" "$BENCH" compare "$FIX/slow.csv"
one_error "^error: bench hist: --format: 'xml' is not one of " "$BENCH" hist "$HIST" --format xml
one_error "^error: bench hist: --map: needs a value$(see hist)" "$BENCH" hist "$HIST" --map
one_error "^error: bench overhead: --format: 'pdf' is not one of " "$BENCH" overhead "$FIX/overhead" --format=pdf
one_error "^error: bench overhead: INPUT is missing$(see overhead)" "$BENCH" overhead --case X
one_error "^error: bench plot: --term: 'gif' is not one of png, svg, dumb$(see plot)" \
  "$BENCH" plot compare "$FIX/slow.csv" "$FIX/fast.csv" --term gif
one_error "^error: bench plot: KIND is missing$(see plot)" "$BENCH" plot
one_error "^error: bench report: 'two': one argument too many \\(it takes DIR\\)$(see report)" \
  "$BENCH" report "$WORK" two
one_error "^error: bench batching: --format: 'doc' is not one of " "$BENCH" batching "$FIX/demo.csv" --format doc
one_error "^error: bench: unknown command 'frobnicate': one of summary, compare" "$BENCH" frobnicate
one_error "^error: $DEMO_NAME: --repeats: 'many' is not a whole number \\(see $DEMO_NAME --help\\)$" \
  "$DEMO" --repeats=many
one_error "^error: $DEMO_NAME: --cyclse: unknown flag; did you mean --cycles\\?" "$DEMO" --cyclse 3
one_error "^error: $DEMO_NAME: 'extra': takes no arguments" "$DEMO" extra
ok "unknown flags, bad values and wrong argument counts: one line, one format, exit 2, in every command"
