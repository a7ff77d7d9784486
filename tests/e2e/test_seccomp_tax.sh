#!/usr/bin/env bash
# bench seccomp and the report's seccomp part on fixture rounds: a clear tax is stated with its 95% interval, a tax that cannot be told from zero is said to be so without a number, fingerprints that contradict the sides state none, and bad folders get one line.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# rounds DIR N ADDED_NS JITTER_NS: N rounds of the Syscall suite's null syscall and vDSO call.
# The machine drifts by up to +-30% between rounds; the default side pays ADDED_NS more
# per syscall, give or take JITTER_NS (alternating in sign).
rounds() {
  mkdir -p "$1"
  python3 - "$@" <<'PY'
import math, sys
d, n, added, jitter = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
for i in range(n):
    drift = 1 + 0.3 * math.sin(i * 1.7)
    j = (1 if i % 2 else -1) * jitter * (i % 3) / 2
    for side, extra in (("default", added + j), ("unconfined", 0.0)):
        with open(f"{d}/{side}.{i + 1}.csv", "w") as f:
            f.write("test,wallMedian,syscallsPerCall\n")
            f.write(f"Syscall.Null,{(80 * drift + extra) / 1e3:.6f},1\n")
            f.write(f"Syscall.ClockGettimeVdso,{20 * drift / 1e3:.6f},0\n")
PY
  printf 'kernel: 6.18\nseccomp: 2 (filter)\nseccomp filters: 1\n' >"$1/default.env.txt"
  printf 'kernel: 6.18\nseccomp: 0 (disabled)\nseccomp filters: 0\n' >"$1/unconfined.env.txt"
}

# 1. A clear tax: 12 ns on an 80 ns null syscall, under a drift of +-30% between rounds.
rounds "$WORK/tax" 12 12 1
expect_status 0 "$BENCH" seccomp "$WORK/tax"
grep -Eq "^The container's seccomp filter adds 12\.[0-9] ns per syscall \(95% CI 1[12]\.[0-9]+\.\.1[23]\.[0-9]+ ns\), measured on Syscall\.Null over 12 paired rounds" "$WORK/out" \
  || fail "no tax sentence with its interval: $(cat "$WORK/out")"
grep -q "^fingerprints: default: seccomp 2 (filter), seccomp filters 1; unconfined: seccomp 0 (disabled), seccomp filters 0$" "$WORK/out" \
  || fail "the fingerprints are not shown: $(cat "$WORK/out")"
grep -Eq "^Syscall\.ClockGettimeVdso +call \(no syscall\) .* not distinguishable from zero$" "$WORK/out" \
  || fail "the vDSO call (no syscall) is not shown as untouched by the filter: $(cat "$WORK/out")"
[[ ! -s $WORK/err ]] || fail "bench seccomp said something on stderr: $(cat "$WORK/err")"
ok "a clear tax: 12 ns per syscall with its 95% interval, the drift between rounds cancelled"

expect_status 0 "$BENCH" seccomp "$WORK/tax" --format json
python3 - "$WORK/out" <<'PY' || fail "the JSON does not carry the tax: $(cat "$WORK/out")"
import json, sys
d = json.load(open(sys.argv[1]))
null = next(c for c in d["cases"] if c["test"] == "Syscall.Null")
assert d["proven"] is True and d["rounds"] == 12, d
assert abs(null["added_ns"] - 12) < 1 and 0 < null["ci_low_ns"] <= null["added_ns"] <= null["ci_high_ns"], null
assert null["verdict"] == "adds", null
PY
ok "--format json: the tax, its interval and the proof as values"

# 2. No tax: the two sides differ by +-3 ns of noise, around 0.
rounds "$WORK/none" 12 0 3
expect_status 0 "$BENCH" seccomp "$WORK/none"
grep -q "^The container's seccomp filter adds no cost distinguishable from zero per syscall: on Syscall.Null the 95% interval of the difference, .* holds 0 (12 paired rounds)\.$" "$WORK/out" \
  || fail "a tax of zero is not said to be so: $(cat "$WORK/out")"
grep -Eq "filter adds -?[0-9]" "$WORK/out" && fail "a tax indistinguishable from zero was printed as a number: $(cat "$WORK/out")"
ok "no tax: said to be indistinguishable from zero, not printed as a number"

# 3. The fingerprints must show which side ran under the filter.
printf 'seccomp: 2 (filter)\nseccomp filters: 1\n' >"$WORK/tax/unconfined.env.txt"
expect_status 0 "$BENCH" seccomp "$WORK/tax"
grep -q "do not show a filter on the default side and none on the unconfined side .*: no seccomp tax is stated\.$" "$WORK/out" \
  || fail "contradicting fingerprints still gave a tax: $(cat "$WORK/out")"
grep -q "^warning: the fingerprints contradict the sides' names" "$WORK/out" || fail "no warning: $(cat "$WORK/out")"
rm "$WORK/tax/unconfined.env.txt"
expect_status 0 "$BENCH" seccomp "$WORK/tax"
grep -q "Which side ran under a filter is not recorded (the unconfined side's env.txt is missing)\.$" "$WORK/out" \
  || fail "a missing fingerprint is not said: $(cat "$WORK/out")"
ok "fingerprints that contradict the sides state no tax; a missing one is said"

# 4. Too few rounds for an interval, and bad folders.
rounds "$WORK/few" 4 12 1
expect_status 0 "$BENCH" seccomp "$WORK/few"
grep -q "^4 paired rounds are too few for a 95% interval (at least 6): no seccomp tax is stated\.$" "$WORK/out" \
  || fail "too few rounds: $(cat "$WORK/out")"
mkdir "$WORK/empty"
expect_status 2 "$BENCH" seccomp "$WORK/empty"
stderr_is_one_line "^error: .*/empty: no round with both sides \(default.<n>.csv and unconfined.<n>.csv of one n\)$"
expect_status 2 "$BENCH" seccomp "$WORK/missing"
stderr_is_one_line "^error: .*/missing: cannot read the folder: No such file or directory$"
rounds "$WORK/linked" 6 12 1
ln -sf /etc/passwd "$WORK/linked/default.7.csv"
printf 'test,wallMedian\nSyscall.Null,0.08\n' >"$WORK/linked/unconfined.7.csv"
expect_status 0 "$BENCH" seccomp "$WORK/linked"
grep -q "default.7.csv is a symbolic link: left out" "$WORK/err" || fail "a link was not left out: $(cat "$WORK/err")"
grep -q "unconfined.7.csv: round 7 has no default side: left out" "$WORK/err" || fail "the half round was not named: $(cat "$WORK/err")"
grep -q "over 6 paired rounds" "$WORK/out" || fail "not 6 rounds: $(cat "$WORK/out")"
printf 'test,wallMedian\nSyscall.Null,oops\n' >"$WORK/linked/default.7.csv.new"
rm "$WORK/linked/default.7.csv" && mv "$WORK/linked/default.7.csv.new" "$WORK/linked/default.7.csv"
expect_status 2 "$BENCH" seccomp "$WORK/linked"
stderr_is_one_line "default\.7\.csv:2:"
ok "too few rounds state no tax; an empty or missing folder, a bad round: one line, exit 2; a link or a half round: left out with a note"

# 5. In a run folder: bench seccomp takes the folder, the report states the sentence.
run=$WORK/run
mkdir -p "$run/seccomp"
rounds "$run/seccomp" 12 12 1
printf 'test,wallMedian,syscallsPerCall,samples\nSyscall.Null,0.08,1,0.08;0.081;0.079\n' >"$run/demo.csv"
expect_status 0 "$BENCH" seccomp "$run"
grep -q "adds 12\.[0-9] ns per syscall" "$WORK/out" || fail "a run folder is not read through its seccomp/: $(cat "$WORK/out")"
expect_status 0 "$BENCH" report "$run"
grep -q "^- The container's seccomp filter adds 12\.[0-9] ns per syscall (95% CI " "$run/REPORT.md" \
  || fail "the report's conclusion has no tax: $(grep -n seccomp "$run/REPORT.md")"
grep -q "^## The container's seccomp tax$" "$run/REPORT.md" || fail "no seccomp section in REPORT.md"
grep -q "The container's seccomp filter adds 12\.[0-9] ns per syscall" "$run/REPORT.html" || fail "REPORT.html has no tax"
rm -r "$run/seccomp"
echo "this run started no containers: the reason" >"$run/seccomp-skipped.txt"
expect_status 0 "$BENCH" report "$run"
grep -q "^- The container's seccomp tax was not measured: this run started no containers: the reason\.$" "$run/REPORT.md" \
  || fail "the report does not say why the tax was not measured: $(grep -n seccomp "$run/REPORT.md")"
ok "bench seccomp reads a run folder's seccomp/; the report states the tax, or why it was not measured"
