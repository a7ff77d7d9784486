#!/usr/bin/env bash
# bench plot and bench report on SIGINT, SIGTERM, SIGHUP and SIGPIPE: no temporary file or staging folder is left, the previous outputs stay, and REPORT.md/REPORT.html are published as a pair or not at all.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

command -v gnuplot >/dev/null || skip "gnuplot is not installed (apt-get install gnuplot-nox, or make deps)"
command -v strace >/dev/null || skip "strace is not installed (it pauses bench report at a chosen syscall)"
FIX="$SYSCOST_SOURCE_DIR/tests/fixtures/report/full"
run="$WORK/run"
cp -r "$FIX" "$run"
expect_status 0 "$BENCH" plot all "$run"
expect_status 0 "$BENCH" report "$run"
snapshot() { (cd "$run" && find . -type f | sort | xargs md5sum); }
no_leftovers() {
  local left
  left=$(find "$WORK" -name '*.tmp.*' -o -name '.bench-plot*')
  [[ -z $left ]] || fail "$1: left behind: $left"
}
# wait_for FILE PATTERN PID: until FILE has a line matching PATTERN (30 s at most).
wait_for() {
  for _ in $(seq 600); do
    grep -q -- "$2" "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || fail "the run ended before '$2': $(tail -5 "$1")"
    sleep 0.05
  done
  fail "never saw '$2' in $1"
}
# A background job of a script starts with SIGINT ignored, and bench keeps
# an inherited SIG_IGN (as nohup expects for SIGHUP): give it the defaults.
DEFAULTS=(env --default-signal=INT,TERM,HUP,PIPE)
expect_signal() { # expect_signal STATUS SIG WHAT
  [[ $1 -eq $((128 + $(kill -l "$2"))) ]] || fail "$3: exit $1, expected death by SIG$2; $(cat "$WORK/log")"
}

# bench plot: a gnuplot that draws, then hangs; the signal comes while bench waits for it.
printf '%s\n' '#!/usr/bin/env bash' \
  "echo \$\$ >'$WORK/gnuplot.pid'" \
  'gnuplot "$@" || exit' \
  "touch '$WORK/drawn'" \
  'exec sleep 60' >"$WORK/slow-gnuplot"
chmod +x "$WORK/slow-gnuplot"
before=$(snapshot)
for sig in INT TERM HUP PIPE; do
  rm -f "$WORK/drawn"
  BENCH_GNUPLOT="$WORK/slow-gnuplot" "${DEFAULTS[@]}" "$BENCH" plot all "$run" >"$WORK/log" 2>&1 &
  pid=$!
  CLEANUP_PIDS+=("$pid")
  for _ in $(seq 600); do [[ -e "$WORK/drawn" ]] && break; sleep 0.05; done
  [[ -e "$WORK/drawn" ]] || fail "SIG$sig: gnuplot never ran: $(cat "$WORK/log")"
  kill -s "$sig" "$pid"
  status=0
  wait "$pid" || status=$?
  expect_signal "$status" "$sig" "bench plot"
  ! kill -0 "$(cat "$WORK/gnuplot.pid")" 2>/dev/null || fail "bench plot, SIG$sig: gnuplot still runs"
  no_leftovers "bench plot, SIG$sig"
  [[ $(snapshot) == "$before" ]] || fail "bench plot, SIG$sig: the previous charts changed"
  ok "bench plot, SIG$sig: exit $status, gnuplot killed, no staging folder, previous charts intact"
done

# bench report, paused by strace at the first fsync (both files written,
# none published) or at the first rename (publishing has begun).
pause() { # pause SYSCALLS: bench report under strace, each SYSCALL delayed 3 s
  "${NO_LSAN[@]}" strace -f -qq -e signal=none -o "$WORK/trace" -e trace="$1" \
    -e inject="$1":delay_enter=3000000 "${DEFAULTS[@]}" "$BENCH" report "$run" >"$WORK/log" 2>&1 &
  spid=$!
  CLEANUP_PIDS+=("$spid")
}
tracee() { tr -d ' ' <"/proc/$spid/task/$spid/children"; }
printf 'marker: old\n' >>"$run/env.txt"
expect_status 0 "$BENCH" report "$run"
for sig in INT TERM HUP PIPE; do
  sed -i 's/^marker: old$/marker: new/' "$run/env.txt"
  old=$(md5sum "$run/REPORT.md" "$run/REPORT.html")
  pause fsync
  wait_for "$WORK/trace" 'fsync(' "$spid"
  kill -s "$sig" "$(tracee)"
  status=0
  wait "$spid" || status=$?
  expect_signal "$status" "$sig" "bench report while writing"
  no_leftovers "bench report, SIG$sig while writing"
  [[ $(md5sum "$run/REPORT.md" "$run/REPORT.html") == "$old" ]] ||
    fail "bench report, SIG$sig while writing: the previous pair changed"
  ok "bench report, SIG$sig while writing: exit $status, previous REPORT.md and REPORT.html intact, no temporary file"

  pause rename,renameat,renameat2
  wait_for "$WORK/trace" 'REPORT.md.tmp' "$spid"
  kill -s "$sig" "$(tracee)"
  status=0
  wait "$spid" || status=$?
  expect_signal "$status" "$sig" "bench report while publishing"
  no_leftovers "bench report, SIG$sig while publishing"
  grep -q 'marker.*new' "$run/REPORT.md" && grep -q 'marker.*new' "$run/REPORT.html" ||
    fail "bench report, SIG$sig while publishing: not both files are new"
  ok "bench report, SIG$sig while publishing: exit $status, both files new (the signal waited for the pair), no temporary file"
  sed -i 's/^marker: new$/marker: old/' "$run/env.txt"
  expect_status 0 "$BENCH" report "$run"
done

# A report that cannot be written (a read-only folder) leaves the previous pair.
old=$(md5sum "$run/REPORT.md" "$run/REPORT.html")
if [[ $(id -u) -ne 0 ]]; then
  chmod a-w "$run"
  expect_status 2 "$BENCH" report "$run"
  chmod u+w "$run"
  no_leftovers "bench report in a read-only folder"
  [[ $(md5sum "$run/REPORT.md" "$run/REPORT.html") == "$old" ]] || fail "a failed report changed the previous pair"
  ok "a report that cannot be written leaves the previous pair"
fi
