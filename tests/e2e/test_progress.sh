#!/usr/bin/env bash
# The benchmark program's progress line: on stderr when it is a terminal (case i/N, repeat, elapsed, ETA), never on stdout or in files, nothing when stderr is not a terminal, and no change to the counted syscalls.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
command -v script >/dev/null || skip "script (util-linux) is needed for a terminal"

many=BpftraceProfiler.ManySmallWrites
single=BpftraceProfiler.SingleBatchedWrite
# Repeats of 150 ms: long enough for the line to be redrawn between them.
args=(--gtest_filter='BpftraceProfiler.*' --min-time-ms 150 --repeats 4)

# on_terminal OUT CMD...: CMD with stdin, stdout and stderr on a pseudo-terminal.
on_terminal() {
  local out=$1
  shift
  script -qec "$(printf '%q ' "$@")" /dev/null >"$out" 2>&1
}

on_terminal "$WORK/tty.out" "$DEMO" "${args[@]}" --no-interleave --csv "$WORK/tty.csv" || fail "the run on a terminal failed: $(cat "$WORK/tty.out")"
tr '\r' '\n' <"$WORK/tty.out" >"$WORK/tty.lines"
grep -Eq "^case 1/2 $many: warming up, [0-9]+s elapsed$" "$WORK/tty.lines" || fail "no line for case 1/2: $(cat -A "$WORK/tty.out" | head -c 2000)"
grep -Eq "^case 1/2 $many: repeat [1-4]/4, [0-9]+s elapsed, ETA [0-9]+s *$" "$WORK/tty.lines" || fail "no repeat/ETA line: $(cat -A "$WORK/tty.out" | head -c 2000)"
grep -Eq "^case 2/2 $single: (warming up|repeat [1-4]/4), [0-9]+s elapsed, ETA [0-9]+s *$" "$WORK/tty.lines" || fail "no line for case 2/2"
# The line is cleared before each result: the result line starts the line.
grep -Eq "^$many +[0-9.]+ (us|ms)/call" "$WORK/tty.lines" || fail "the result line is not whole"
ok "on a terminal, case after case: case i/N, repeat r/R, elapsed and ETA, cleared before each result"

# In rounds (the default with several cases): each case warms up, then round r/R.
on_terminal "$WORK/rounds.out" "$DEMO" "${args[@]}" --csv "$WORK/rounds.csv" || fail "the run on a terminal failed: $(cat "$WORK/rounds.out")"
tr '\r' '\n' <"$WORK/rounds.out" >"$WORK/rounds.lines"
grep -Eq "^case 2/2 $single: warming up, [0-9]+s elapsed" "$WORK/rounds.lines" || fail "no warming-up line for case 2/2: $(cat -A "$WORK/rounds.out" | head -c 2000)"
grep -Eq "^round [1-4]/4 of 2 cases, [0-9]+s elapsed, ETA [0-9]+s *$" "$WORK/rounds.lines" || fail "no round/ETA line: $(cat -A "$WORK/rounds.out" | head -c 2000)"
grep -Eq "^$many +[0-9.]+ (us|ms)/call" "$WORK/rounds.lines" || fail "the result line is not whole"
[[ $(csv_get "$WORK/rounds.csv" $many syscallsPerCall) == 1024 ]] || fail "$many: syscallsPerCall $(csv_get "$WORK/rounds.csv" $many syscallsPerCall) with the round line drawn, not 1024"
ok "on a terminal, in rounds: each case warming up, then round r/R with elapsed and ETA; counts exact"

[[ $(csv_get "$WORK/tty.csv" $many syscallsPerCall) == 1024 ]] || fail "$many: syscallsPerCall $(csv_get "$WORK/tty.csv" $many syscallsPerCall) with the progress line drawn, not 1024"
[[ $(csv_get "$WORK/tty.csv" $single syscallsPerCall) == 1 ]] || fail "$single: syscallsPerCall $(csv_get "$WORK/tty.csv" $single syscallsPerCall) with the progress line drawn, not 1"
grep -q "case [0-9]/" "$WORK/tty.csv" && fail "the progress line reached the CSV"
# Few calls per draw, so each draw's write() would show in the count: a call of
# Sink.Pty/OneByte makes 1024 writes and takes milliseconds. The CSV keeps 6 digits
# (1024.01), so a stray write shows when there is a draw per 200 calls or more.
case=Sink.Pty/OneByte calls=300
on_terminal "$WORK/tty4.out" "$DEMO" --gtest_filter=$case --cycles 5 --repeats 60 --warmup 5 \
  --csv "$WORK/few.csv" || fail "the run failed: $(cat "$WORK/tty4.out")"
draws=$(tr '\r' '\n' <"$WORK/tty4.out" | grep -c ": repeat [0-9]*/60, " || true)
if ((draws * 200 < calls)); then
  echo "note: $draws draws over $calls calls are too few for the CSV's 6 digits to show; the count is not checked"
else
  [[ $(csv_get "$WORK/few.csv" $case syscallsPerCall) == 1024 ]] \
    || fail "$case: syscallsPerCall $(csv_get "$WORK/few.csv" $case syscallsPerCall) after $draws draws over $calls calls, not 1024"
  ok "the progress line's own writes are not counted as the cases' syscalls ($draws draws over $calls calls)"
fi

# stdout alone on the terminal, stderr to a file: nothing drawn.
on_terminal "$WORK/tty2.out" bash -c '"$0" "$@" 2>"'"$WORK/err.txt"'"' "$DEMO" "${args[@]}" || fail "the run failed"
grep -q "case [0-9]/" "$WORK/err.txt" "$WORK/tty2.out" && fail "progress drawn when stderr is no terminal: $(cat -A "$WORK/err.txt")"
grep -q $'\r' "$WORK/err.txt" && fail "a carriage return on stderr that is no terminal"
grep -q "^$many " "$WORK/tty2.out" || fail "no result on stdout: $(cat "$WORK/tty2.out")"
ok "stderr not a terminal: no progress line"

# Tracing: no progress line, so the tracers' counts stay exact.
if [[ $(id -u) -eq 0 ]]; then
  on_terminal "$WORK/tty3.out" "$DEMO" --profile libbpf --gtest_filter=$many --cycles 50 --repeats 3 \
    --artifact-root "$WORK/art" || fail "the traced run failed: $(cat "$WORK/tty3.out")"
  grep -q "case [0-9]/" "$WORK/tty3.out" && fail "progress drawn while tracing"
  [[ $(hist_total "$WORK/art/$many.libbpf-syslat.json" @syscall_lat_ns write) == 153600 ]] \
    || fail "the traced write() count is not 3 x 50 x 1024"
  ok "while tracing: no progress line, exact traced counts"
fi
