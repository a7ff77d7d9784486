#!/usr/bin/env bash
# Interleaved rounds: the order is recorded and replayed by --seed, sample k of every case is from round k, --no-interleave runs case after case, --processes pools fresh processes.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

CASES='BpftraceProfiler.*:Sink.DevNull/*:Sink.Pipe/OneByte'
N_CASES=5
# Few, short repeats: this checks the order of things, not their speed.
FAST=(--cycles 2 --warmup 1 --repeats 6)

rounds_of() { grep '^round ' "$1"; }

# check_rounds JSON ERR: per round, the cases' repeats began in the order the
# round line gives, and every repeat of round k began after all of round k-1.
check_rounds() {
  python3 - "$1" "$2" <<'PY' || fail "the JSON's start times do not follow the rounds: $(cat "$WORK/py.err")"
import json, re, sys
doc = json.load(open(sys.argv[1]))
orders = [line.split(": ", 1)[1].split() for line in open(sys.argv[2]) if line.startswith("round ")]
start = {}
for b in doc["benchmarks"]:
    if b["run_type"] == "iteration":
        start.setdefault(b["run_name"], {})[b["repetition_index"]] = b["start_s"]
assert orders, "no round lines"
last_of_previous = -1.0
for k, order in enumerate(orders):
    times = [start[name][k] for name in order]
    assert times == sorted(times), (k, order, times)
    assert times[0] > last_of_previous, (k, times[0], last_of_previous)
    last_of_previous = times[-1]
assert all(len(v) == len(orders) for v in start.values()), "a case has a sample per round"
PY
}

expect_status 0 "$DEMO" --gtest_filter="$CASES" "${FAST[@]}" --seed 12345 --verbose \
  --csv "$WORK/a.csv" --json "$WORK/a.json"
cp "$WORK/err" "$WORK/a.err"
grep -q '^seed 12345: 6 rounds of 5 cases, each round in a shuffled order (--seed 12345 replays them)$' \
  "$WORK/a.err" || fail "no seed line: $(cat "$WORK/a.err")"
[[ $(rounds_of "$WORK/a.err" | wc -l) -eq 6 ]] || fail "expected 6 round lines: $(cat "$WORK/a.err")"
[[ $(rounds_of "$WORK/a.err" | sort -u | wc -l) -gt 1 ]] || fail "every round had the same order"
for c in BpftraceProfiler.ManySmallWrites Sink.Pipe/OneByte; do
  [[ $(csv_get "$WORK/a.csv" "$c" seed) == 12345 ]] || fail "$c: CSV seed is not 12345"
  [[ $(csv_get "$WORK/a.csv" "$c" processes) == 1 ]] || fail "$c: CSV processes is not 1"
done
python3 -c 'import json, sys; c = json.load(open(sys.argv[1]))["context"]
assert c["interleaved"] is True and c["seed"] == 12345 and c["processes"] == 1, c' "$WORK/a.json" ||
  fail "the JSON context does not record the rounds"
ok "the seed is said on stderr and recorded in the CSV and the JSON context"

check_rounds "$WORK/a.json" "$WORK/a.err" 2>"$WORK/py.err"
ok "sample k of every case is from round k, in the round's order (JSON start times)"

expect_status 0 "$DEMO" --gtest_filter="$CASES" "${FAST[@]}" --seed 12345 --verbose
[[ $(rounds_of "$WORK/err") == $(rounds_of "$WORK/a.err") ]] || fail "--seed 12345 gave another order"
expect_status 0 "$DEMO" --gtest_filter="$CASES" "${FAST[@]}" --seed 54321 --verbose
[[ $(rounds_of "$WORK/err") != $(rounds_of "$WORK/a.err") ]] || fail "--seed 54321 gave the same order as 12345"
expect_status 0 "$DEMO" --gtest_filter="$CASES" "${FAST[@]}" --verbose
seed=$(sed -n 's/^seed \([0-9]*\): .*/\1/p' "$WORK/err")
[[ -n $seed ]] || fail "a run without --seed did not say its seed: $(cat "$WORK/err")"
cp "$WORK/err" "$WORK/random.err"
expect_status 0 "$DEMO" --gtest_filter="$CASES" "${FAST[@]}" --verbose --seed "$seed"
[[ $(rounds_of "$WORK/err") == $(rounds_of "$WORK/random.err") ]] || fail "--seed $seed did not replay the run"
ok "--seed replays the order; another seed gives another; a run without one says the one it drew"

# Exact counts survive the rounds: the kernel counter is read around each repeat.
for c in BpftraceProfiler.ManySmallWrites Sink.DevNull/OneByte Sink.Pipe/OneByte; do
  [[ $(csv_get "$WORK/a.csv" "$c" syscallsPerCall) == 1024 ]] || fail "$c: syscallsPerCall is not 1024"
done
[[ $(csv_get "$WORK/a.csv" BpftraceProfiler.SingleBatchedWrite syscallsPerCall) == 1 ]] ||
  fail "SingleBatchedWrite: syscallsPerCall is not 1"
ok "syscallsPerCall stays exact when the cases' repeats alternate"

expect_status 0 "$DEMO" --gtest_filter="$CASES" "${FAST[@]}" --no-interleave --verbose \
  --csv "$WORK/b.csv" --json "$WORK/b.json"
! grep -q '^round \|^seed ' "$WORK/err" || fail "--no-interleave still ran rounds: $(cat "$WORK/err")"
python3 - "$WORK/b.json" <<'PY' || fail "--no-interleave did not run case after case"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["context"]["interleaved"] is False and "seed" not in doc["context"]
spans = {}
for b in doc["benchmarks"]:
    if b["run_type"] == "iteration":
        lo, hi = spans.get(b["run_name"], (1e18, -1))
        spans[b["run_name"]] = (min(lo, b["start_s"]), max(hi, b["start_s"]))
ordered = [spans[name] for name in dict.fromkeys(b["run_name"] for b in doc["benchmarks"])]
assert all(a[1] < b[0] for a, b in zip(ordered, ordered[1:])), ordered
PY
[[ $(cut -d, -f1-4,14 "$WORK/a.csv") == $(cut -d, -f1-4,14 "$WORK/b.csv") ]] ||
  fail "rows differ: $(cut -d, -f1-4,14 "$WORK/a.csv") / $(cut -d, -f1-4,14 "$WORK/b.csv")"
[[ -z $(csv_get "$WORK/b.csv" BpftraceProfiler.ManySmallWrites seed) ]] || fail "--no-interleave recorded a seed"
ok "--no-interleave: case after case, the same rows, columns and counts, no seed"

expect_status 2 "$DEMO" --seed 1 --no-interleave
stderr_is_one_line "^error: $DEMO_NAME: --seed orders the cases in each round \(or the repeats of each pair, with --profile-pairs\), and --no-interleave runs"
expect_status 2 "$DEMO" --seed 1 --profile libbpf
stderr_is_one_line "^error: $DEMO_NAME: --seed orders the cases in each round \(or the repeats of each pair, with --profile-pairs\), and --profile runs"
expect_status 2 "$DEMO" --seed 4294967296
stderr_is_one_line "^error: $DEMO_NAME: --seed: '4294967296' is out of range"
expect_status 2 "$DEMO" --processes 0
stderr_is_one_line "^error: $DEMO_NAME: --processes: '0' is out of range"
expect_status 2 "$DEMO" --processes 2 --profile libbpf
stderr_is_one_line "^error: $DEMO_NAME: --processes 2: a tracer \(--profile libbpf\) watches one process"
expect_status 2 env SYSCOST_POOL_CHILD=3,1,0 "$DEMO" --quick --gtest_filter='*Single*'
stderr_is_one_line "^error: SYSCOST_POOL_CHILD is set in the environment, but this is not"
ok "contradicting flags and a stray SYSCOST_POOL_CHILD: one line, exit 2"

# Pooled: 3 fresh processes, each its own rounds; samples in process order.
expect_status 0 "$DEMO" --gtest_filter="$CASES" --cycles 2 --warmup 1 --repeats 4 --processes 3 \
  --seed 777 --verbose --csv "$WORK/p.csv" --json "$WORK/p.json"
cp "$WORK/err" "$WORK/p.err"
grep -q '^seed 777: 3 processes, one after another, each 4 rounds of 5 cases' "$WORK/p.err" ||
  fail "no pooled seed line: $(cat "$WORK/p.err")"
pids=$(sed -n 's/^process [0-9] of 3: pid \([0-9]*\), seed [0-9]*$/\1/p' "$WORK/p.err" | sort -u | wc -l)
[[ $pids -eq 3 ]] || fail "expected 3 distinct processes: $(cat "$WORK/p.err")"
grep -q '^process 1 of 3: pid [0-9]*, seed 777$' "$WORK/p.err" || fail "process 1 does not use the seed itself"
[[ $(grep -c 'clocksource' "$WORK/p.err") -eq 1 ]] || fail "the machine was described more than once: $(cat "$WORK/p.err")"
for c in BpftraceProfiler.ManySmallWrites Sink.Pipe/OneByte; do
  [[ $(csv_get "$WORK/p.csv" "$c" repeats) == 12 ]] || fail "$c: repeats is not 3 x 4"
  [[ $(csv_get "$WORK/p.csv" "$c" samples | tr ';' '\n' | wc -l) == 12 ]] || fail "$c: not 12 samples"
  [[ $(csv_get "$WORK/p.csv" "$c" processes) == 3 ]] || fail "$c: processes is not 3"
  [[ $(csv_get "$WORK/p.csv" "$c" seed) == 777 ]] || fail "$c: seed is not 777"
  [[ $(csv_get "$WORK/p.csv" "$c" syscallsPerCall) == 1024 ]] || fail "$c: syscallsPerCall is not 1024"
done
[[ $(grep -c '^BpftraceProfiler.ManySmallWrites ' "$WORK/out") -eq 1 ]] || fail "the console has not one line per case"
check_rounds "$WORK/p.json" "$WORK/p.err" 2>"$WORK/py.err"
expect_status 0 "$DEMO" --gtest_filter="$CASES" --cycles 2 --warmup 1 --repeats 4 --seed 777 --verbose
[[ $(rounds_of "$WORK/err") == $(rounds_of "$WORK/p.err" | head -4) ]] ||
  fail "process 1's rounds are not those of --seed 777 alone"
ok "--processes 3: 12 samples per case in process and round order, seed and processes recorded"

# A stop reaches the process that is measuring; nothing is written, no process is left.
echo "old contents" >"$WORK/s.csv"
"$DEMO" --gtest_filter='*ManySmallWrites*' --cycles 200000 --warmup 0 --repeats 1 --processes 2 \
  --csv "$WORK/s.csv" >"$WORK/log" 2>&1 &
parent=$!
CLEANUP_PIDS+=("$parent")
for _ in $(seq 600); do
  child=$(pgrep -P "$parent" || true)
  [[ -n $child ]] && break
  sleep 0.05
done
[[ -n $child ]] || fail "no process of the pooled run started: $(cat "$WORK/log")"
CLEANUP_PIDS+=("$child")
wait_measuring "$child" "$WORK/log"
kill -TERM "$parent"
status=0
wait "$parent" || status=$?
[[ $status -eq 143 ]] || fail "SIGTERM to a pooled run: exit $status; $(cat "$WORK/log")"
for _ in $(seq 100); do kill -0 "$child" 2>/dev/null || break; sleep 0.05; done
! kill -0 "$child" 2>/dev/null || fail "the measuring process $child outlived its parent"
[[ $(cat "$WORK/s.csv") == "old contents" ]] || fail "the old CSV was changed"
[[ -z $(find "$WORK" -name '*.tmp.*') ]] || fail "temporary files left"
grep -q "interrupted by SIGTERM" "$WORK/log" || fail "no message: $(cat "$WORK/log")"
ok "SIGTERM to a pooled run stops the measuring process too: exit 143, nothing written"

# A stop request in the rounds is seen within a chunk of calls, not after a
# repeat (seconds to minutes here) or a round.
echo "old contents" >"$WORK/s.csv"
"$DEMO" --gtest_filter='BpftraceProfiler.*:Sink.Pipe/OneByte' --cycles 20000 --warmup 1 --repeats 2 \
  --csv "$WORK/s.csv" >"$WORK/log" 2>&1 &
pid=$!
CLEANUP_PIDS+=("$pid")
wait_measuring "$pid" "$WORK/log"
sleep 0.3
kill -INT "$pid"
waited=0
while kill -0 "$pid" 2>/dev/null && [[ $(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null) != Z ]]; do
  ((waited < 100)) || { kill -9 "$pid"; fail "still running 5 s after SIGINT in the rounds"; }
  sleep 0.05
  waited=$((waited + 1))
done
status=0
wait "$pid" || status=$?
[[ $status -eq 130 ]] || fail "SIGINT in the rounds: exit $status; $(cat "$WORK/log")"
[[ $(cat "$WORK/s.csv") == "old contents" ]] || fail "SIGINT in the rounds: the old CSV was changed"
ok "SIGINT in the rounds stops the run within a chunk: exit 130, nothing written"
