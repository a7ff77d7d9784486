#!/usr/bin/env bash
# A stop request is seen within a chunk of calls in calibration, warmup and a long measured repeat; absurd --cycles/--warmup are refused.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# Generous on purpose: this catches a stop that waits for a whole repeat
# (minutes here), it is not a speed check.
HANG_S=5

# wait_tmp_file: the run opened its outputs (their temporary files exist), so
# it is past start-up and into its first case.
wait_tmp_file() {
  for _ in $(seq 600); do
    compgen -G "$WORK/out.csv.tmp.*" >/dev/null && return 0
    kill -0 "$1" 2>/dev/null || fail "the run ended early: $(cat "$WORK/log")"
    sleep 0.05
  done
  fail "the run never opened its outputs: $(cat "$WORK/log")"
}

# stop_within PHASE SIG ARGS...: starts a run, signals it in PHASE, and checks
# it ended within HANG_S with 128+signal and nothing left behind.
stop_within() {
  local phase=$1 sig=$2
  shift 2
  echo "old contents" >"$WORK/out.csv"
  "$DEMO" --gtest_filter='*ManySmallWrites*' --csv "$WORK/out.csv" --json "$WORK/out.json" \
    "$@" >"$WORK/log" 2>&1 &
  local pid=$! status=0
  CLEANUP_PIDS+=("$pid")
  if [[ $phase == "measured repeat" ]]; then
    wait_measuring "$pid" "$WORK/log"
  else
    wait_tmp_file "$pid"
    sleep 0.5
    grep -Eqx 'sc-[0-9a-f]{12}' "/proc/$pid/task/$pid/comm" &&
      fail "$phase: the run is measuring already, not in its $phase"
  fi
  kill -s "$sig" "$pid"
  local waited=0
  while kill -0 "$pid" 2>/dev/null && [[ $(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null) != Z ]]; do
    ((waited < HANG_S * 20)) || { kill -9 "$pid"; fail "$phase: still running ${HANG_S} s after SIG$sig"; }
    sleep 0.05
    waited=$((waited + 1))
  done
  wait "$pid" || status=$?
  [[ $status -eq $((128 + $(kill -l "$sig"))) ]] || fail "$phase SIG$sig: exit status $status; $(cat "$WORK/log")"
  [[ $(cat "$WORK/out.csv") == "old contents" ]] || fail "$phase SIG$sig: the old CSV was changed"
  [[ ! -e "$WORK/out.json" ]] || fail "$phase SIG$sig: a JSON file was left"
  leftovers=$(find "$WORK" -name '*.tmp.*')
  [[ -z $leftovers ]] || fail "$phase SIG$sig: temporary files left: $leftovers"
  ok "$phase: SIG$sig stopped the run (exit $status), nothing left behind"
}

# One repeat of 100,000 calls (1024 one-byte write()s each) lasts from ~15 s (release,
# native) to minutes (a debug build in a busy container: 3 ms a call was seen), yet stays
# under the 10 minutes a repeat may last, so it is not refused before it starts.
# Chunks sized in the warmup, and (--warmup 0) in the first repeat itself.
stop_within "measured repeat" TERM --cycles 100000 --warmup 100 --repeats 1
stop_within "measured repeat" INT --cycles 100000 --warmup 0 --repeats 1
stop_within "warmup" TERM --cycles 100000 --warmup 100000
# A one-minute repeat is calibrated from a sample of six seconds.
stop_within "calibration" INT --min-time-ms 60000

# A repeat that would last for days is refused once a call was timed, with
# the largest count that fits, instead of running until killed.
expect_status 2 timeout -k 5 60 "$DEMO" --gtest_filter='*ManySmallWrites*' --cycles 1099511627776 \
  --csv "$WORK/absurd.csv"
grep -Eq "^error: BpftraceProfiler.ManySmallWrites: --cycles 1099511627776: one repeat would take at least .* over the 10 minutes allowed: use --cycles [0-9]+ or fewer$" "$WORK/err" ||
  fail "no clear refusal of --cycles 2^40: $(cat "$WORK/err")"
[[ ! -e "$WORK/absurd.csv" ]] || fail "a refused run wrote a CSV"
expect_status 2 timeout -k 5 60 "$DEMO" --gtest_filter='*ManySmallWrites*' --cycles 1099511627776 \
  --warmup 0
grep -q -- "--cycles 1099511627776: one repeat would take at least" "$WORK/err" ||
  fail "no clear refusal of --cycles 2^40 --warmup 0: $(cat "$WORK/err")"
expect_status 2 timeout -k 5 60 "$DEMO" --gtest_filter='*ManySmallWrites*' --cycles 1 --warmup 1099511627776
grep -q -- "--warmup 1099511627776: the warmup would take at least" "$WORK/err" ||
  fail "no clear refusal of --warmup 2^40: $(cat "$WORK/err")"
ok "absurd --cycles and --warmup are refused with the largest count that fits"
