#!/usr/bin/env bash
# bench ab end to end with fake benchmark programs (scripts writing the kit's CSV with known samples): paired verdicts, the gate, the formats, A/A, every bad input (one line, exit 2, nothing written), and SIGINT/SIGTERM stopping both sides.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# fake SCALE [--csv FILE] [--repeats K]: cases S.A (samples 100..100+K-1 times SCALE)
# and S.B (10 us flat); FAKE_CASES=A writes S.A only; FAKE_ROUNDS_FILE logs each run's K.
fake="$WORK/fake"
cat >"$fake" <<'EOF'
#!/bin/sh
scale=$1; shift; csv=; k=5
while [ $# -gt 0 ]; do
  case $1 in --csv) csv=$2; shift 2 ;; --repeats) k=$2; shift 2 ;; *) shift ;; esac
done
[ -n "${FAKE_ROUNDS_FILE:-}" ] && echo "run --repeats $k" >>"$FAKE_ROUNDS_FILE"
[ -n "$csv" ] || exit 0
{
  echo "test,wallMedian,cvThreshold,samples"
  echo "S.A,$(awk -v f="$scale" 'BEGIN { print 102 * f }'),0.05,$(awk -v k="$k" -v f="$scale" 'BEGIN { for (i = 0; i < k; i++) printf "%s%.4f", (i ? ";" : ""), (100 + i) * f }')"
  [ "${FAKE_CASES:-}" = A ] || echo "S.B,10,0.05,10;10;10;10;10"
} >"$csv"
EOF
chmod +x "$fake"

# A constant 10% slowdown: every round's ratio is 1.1, so p = 2/2^10 exactly.
expect_status 1 "$BENCH" ab --seed 7 --rounds 10 --fail-on-regression "$fake 1" "$fake 1.1"
grep -Eq '^S\.A +100 us +111 us +\+10\.0% slower \(CI \+10\.0%\.\.\+10\.0%, p=0\.002, rounds=10\)$' "$WORK/out" \
  || fail "10% slower: $(cat "$WORK/out")"
grep -Eq '^S\.B .* ~ \(CI \+0\.0%\.\.\+0\.0%, p=1\.000, rounds=10\)$' "$WORK/out" || fail "S.B unchanged: $(cat "$WORK/out")"
grep -q '^regression: S.A is +10.0% slower' "$WORK/err" || fail "regression not named: $(cat "$WORK/err")"
grep -q 'S\.B' "$WORK/err" && fail "S.B named as a regression: $(cat "$WORK/err")"
ok "a constant 10% slowdown: +10.0% slower (CI +10.0%..+10.0%, p=0.002, rounds=10), exit 1"

expect_status 0 "$BENCH" ab --seed 7 --rounds 10 --fail-on-regression --threshold 20 "$fake 1" "$fake 1.1"
ok "the same slowdown under --threshold 20: exit 0"
expect_status 0 "$BENCH" ab --seed 7 --rounds 10 --fail-on-regression "$fake 1.1" "$fake 1"
grep -q '\-9\.1% faster (CI' "$WORK/out" || fail "faster: $(cat "$WORK/out")"
ok "the other way round: -9.1% faster, exit 0"

# The order: ABBA-balanced, replayed by --seed; each side runs rounds * runs times.
expect_status 0 "$BENCH" ab --seed 11 --rounds 6 --runs-per-round 2 --format json -o "$WORK/ab.json" "$fake 1" "$fake 1"
python3 - "$WORK/ab.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["rounds"] == 6 and d["runs_per_round"] == 2 and d["seed"] == 11, d
orders = [r["order"] for r in d["per_round"] if r["test"] == "S.A"]
assert len(orders) == 6, orders
for i in range(0, 6, 2):
    assert {orders[i], orders[i + 1]} == {"AB", "BA"}, orders
assert [c["change"].startswith("~") for c in d["cases"]] == [True, True], d["cases"]
EOF
[[ ! -s $WORK/out ]] || fail "-o FILE also printed: $(cat "$WORK/out")"
expect_status 0 "$BENCH" ab --seed 11 --rounds 6 --runs-per-round 2 --format json "$fake 1" "$fake 1"
python3 -c 'import json, sys; a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2])); assert a["per_round"] == b["per_round"]' \
  "$WORK/ab.json" "$WORK/out" || fail "--seed 11 did not replay the order"
FAKE_ROUNDS_FILE="$WORK/runs" expect_status 0 "$BENCH" ab --rounds 3 --runs-per-round 2 "$fake 1" "$fake 1"
[[ $(wc -l <"$WORK/runs") -eq 12 ]] || fail "3 rounds of 2 runs per side ran $(wc -l <"$WORK/runs") runs, not 12"
ok "ABBA-balanced pairs of rounds, replayed by --seed, rounds x runs x 2 runs"

# The defaults the help and docs/CPU_GUIDE.md state (chosen by measured power there): 90
# rounds of one run per side, --repeats 2 appended.
rm -f "$WORK/runs"
FAKE_ROUNDS_FILE="$WORK/runs" expect_status 0 "$BENCH" ab --format json "$fake 1" "$fake 1"
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert (d["rounds"], d["runs_per_round"], d["repeats_per_round"]) == (90, 1, 2), d' \
  "$WORK/out" || fail "defaults: $(head -c 300 "$WORK/out")"
[[ $(grep -c '^run --repeats 2$' "$WORK/runs") -eq 180 && $(wc -l <"$WORK/runs") -eq 180 ]] \
  || fail "the defaults ran $(wc -l <"$WORK/runs") runs ($(sort "$WORK/runs" | uniq -c | paste -sd' ')), not 180 with --repeats 2"
ok "the defaults: 90 rounds of 1 run per side, --repeats 2"

for fmt in markdown csv; do
  expect_status 0 "$BENCH" ab --seed 7 --rounds 10 --format "$fmt" "$fake 1" "$fake 1.1"
  grep -q '+10.0% slower (CI +10.0%..+10.0%, p=0.002, rounds=10)' "$WORK/out" || fail "$fmt: $(cat "$WORK/out")"
done
ok "markdown and csv carry the same verdict"

# --save: the same result in the formats the extensions name, all or none.
expect_status 0 "$BENCH" ab --seed 7 --rounds 10 --save "$WORK/s.txt" --save "$WORK/s.md" --save "$WORK/s.json" "$fake 1" "$fake 1.1"
grep -Eq '^S\.A .*\+10\.0% slower \(CI' "$WORK/s.txt" || fail "s.txt: $(cat "$WORK/s.txt")"
grep -Eq '^\| S\.A +\|' "$WORK/s.md" || fail "s.md: $(cat "$WORK/s.md")"
python3 -c 'import json, sys; assert json.load(open(sys.argv[1]))["cases"][0]["ratio"] == 1.1' "$WORK/s.json" || fail "s.json"
grep -q '+10.0% slower' "$WORK/out" || fail "--save without -o: stdout lost the table"
if command -v gnuplot >/dev/null; then
  expect_status 0 "$BENCH" plot ab "$WORK/s.json" -o "$WORK/plots"
  [[ -s $WORK/plots/ab.png && -s $WORK/plots/ab.svg ]] || fail "bench plot ab drew nothing"
  [[ $(grep -vc '^#' "$WORK/plots/ab.dat") -eq 10 ]] || fail "ab.dat: $(cat "$WORK/plots/ab.dat")"
  expect_status 2 "$BENCH" plot ab "$WORK/s.txt" -o "$WORK/plots2"
  ok "--save FILE.txt/.md/.json; bench plot ab draws the rounds from the json"
else
  ok "--save FILE.txt/.md/.json (gnuplot is not installed: bench plot ab not drawn)"
fi

# The progress line: on a terminal only, "round i/N, Ns elapsed, ETA Ns", cleared at the end.
if command -v script >/dev/null; then
  script -qec "$(printf '%q ' "$BENCH" ab --rounds 3 --runs-per-round 1 "$fake 1" "$fake 1")" /dev/null >"$WORK/tty.out" 2>&1 \
    || fail "bench ab on a terminal: $(cat "$WORK/tty.out")"
  tr '\r' '\n' <"$WORK/tty.out" >"$WORK/tty.lines"
  grep -Eq '^bench ab: round 3/3, [0-9]+s elapsed, ETA [0-9?]+s?' "$WORK/tty.lines" || fail "no progress line: $(cat -A "$WORK/tty.out" | head -c 1500)"
  expect_status 0 "$BENCH" ab --rounds 3 --runs-per-round 1 "$fake 1" "$fake 1"
  grep -q 'round' "$WORK/err" && fail "a progress line without a terminal: $(cat "$WORK/err")"
  ok "a progress line on a terminal only"
fi

# A/A: the same command against itself.
expect_status 0 "$BENCH" ab --aa 3 --rounds 6 --runs-per-round 1 --threshold 2 "$fake 1"
grep -Eq '^S\.A +3 +0 +0 ' "$WORK/out" || fail "A/A: $(cat "$WORK/out")"
grep -q 'against itself' "$WORK/out" || fail "A/A note: $(cat "$WORK/out")"
ok "--aa 3: 3 trials, no false alarm on identical samples"

# Bad input: one line, exit 2, no output file.
bad() { # bad PATTERN ARGS...: exit 2, one line matching PATTERN, -o not written
  local pattern=$1
  shift
  rm -f "$WORK/never.txt"
  expect_status 2 "$BENCH" ab --runs-per-round 1 -o "$WORK/never.txt" "$@"
  stderr_is_one_line "$pattern"
  [[ ! -e $WORK/never.txt ]] || fail "'$*' wrote the output file"
  [[ -z $(find "$WORK" -name 'never.txt.*') ]] || fail "'$*' left a temporary file"
}
bad "the candidate's command exited with status 3 in round 1; it said: broken" "$fake 1" 'echo broken >&2; exit 3'
bad "the baseline's command exited with status 1 in round 1" 'false' "$fake 1"
bad "the candidate's command wrote no CSV in round 1: is it a syscost benchmark program" "$fake 1" 'true'
bad "the candidate's command, round 1, wrote a CSV that is not the kit's" "$fake 1" 'sh -c '\''echo not,a,csv >"$2"'\'' x'
# Whichever side ran first sets the cases; the other is named.
bad "the (candidate's command in round 1 does not run case S.B, which the baseline's|baseline's command in round 1 runs case S.B, which the candidate's)" "$fake 1" "env FAKE_CASES=A $fake 1"
bad "the (baseline's command in round 1 does not run case S.B, which the candidate's|candidate's command in round 1 runs case S.B, which the baseline's)" "env FAKE_CASES=A $fake 1" "$fake 1"
bad "--rounds: '1'" --rounds 1 "$fake 1" "$fake 1"
bad "--fromat: unknown flag" --fromat json "$fake 1" "$fake 1"
bad "CANDIDATE is missing" "$fake 1"
bad "--aa takes one COMMAND" --aa 2 "$fake 1" "$fake 1"
bad "the candidate command is empty" "$fake 1" "  "
bad "--save: '.*x.pdf' does not end in .txt, .md, .json or .csv" --save "$WORK/x.pdf" "$fake 1" "$fake 1"
[[ -z $(find "${TMPDIR:-/tmp}" -maxdepth 1 -name 'bench-ab.*' -newer "$fake" 2>/dev/null) ]] \
  || fail "a temporary folder was left: $(find "${TMPDIR:-/tmp}" -maxdepth 1 -name 'bench-ab.*' -newer "$fake")"
ok "bad sides and flags: one line naming the side and round, exit 2, nothing written"

# SIGINT and SIGTERM: both sides' processes end, no output, no temporary folder.
cat >"$WORK/slow" <<EOF
#!/bin/sh
echo \$\$ >>"$WORK/pids"
sleep 60 &
echo \$! >>"$WORK/pids"
wait
EOF
chmod +x "$WORK/slow"
DEFAULTS=(env --default-signal=INT,TERM,HUP,PIPE)
for sig in INT TERM; do
  : >"$WORK/pids"
  rm -f "$WORK/partial.json"
  export TMPDIR="$WORK/tmp-$sig"
  mkdir -p "$TMPDIR"
  "${DEFAULTS[@]}" "$BENCH" ab -o "$WORK/partial.json" "$WORK/slow" "$WORK/slow" >"$WORK/log" 2>&1 &
  pid=$!
  for _ in $(seq 200); do [[ $(wc -l <"$WORK/pids") -ge 2 ]] && break; sleep 0.05; done
  [[ $(wc -l <"$WORK/pids") -ge 2 ]] || fail "SIG$sig: the side never started"
  kill -"$sig" "$pid"
  status=0
  wait "$pid" || status=$?
  [[ $status -eq $((128 + $(kill -l "$sig"))) ]] || fail "SIG$sig: exit $status; $(cat "$WORK/log")"
  while read -r p; do
    for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.05; done
    kill -0 "$p" 2>/dev/null && fail "SIG$sig: the side's process $p still runs"
  done <"$WORK/pids"
  [[ ! -e $WORK/partial.json ]] || fail "SIG$sig: the output was written"
  [[ -z $(ls -A "$TMPDIR") ]] || fail "SIG$sig: left behind: $(ls -A "$TMPDIR")"
  [[ -z $(find "$WORK" -name 'partial.json.*') ]] || fail "SIG$sig: a temporary output file was left"
  unset TMPDIR
done
ok "SIGINT/SIGTERM: exit 130/143, the side's processes ended, nothing left"
