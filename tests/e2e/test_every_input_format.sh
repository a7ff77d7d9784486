#!/usr/bin/env bash
# Every command that takes results reads the kit's CSV, the kit's JSON (the benchmark program's --json) and google benchmark JSON through one reader: the same numbers come out of each.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null || fail "python3 is missing (make deps installs it)"
FIX=$SYSCOST_SOURCE_DIR/tests/fixtures/report/full

# to_json KIND CSV OUT: the CSV's rows as the kit's JSON ("kit": what the
# harness's JSON reporter writes, times in us, the run's profile_tool and
# cv_threshold in the context) or as google benchmark writes them ("gbench":
# times in ns, the syscall count as a user counter, aggregate rows after the
# repetitions, profile_tool as a custom context entry).
to_json() {
  python3 - "$@" <<'PY'
import csv, json, statistics, sys
kind, src, dst = sys.argv[1:]
rows = list(csv.DictReader(open(src)))
scale = 1.0 if kind == "kit" else 1000.0
unit = "us" if kind == "kit" else "ns"
first = rows[0]
context = {"date": first["timestamp"], "host_name": first["hostname"], "executable": "x",
           "num_cpus": 2, "platform": first["platform"], "git_hash": first["gitHash"],
           "profile_tool": first["profileTool"]}
if kind == "kit":
    context["cv_threshold"] = float(first["cvThreshold"])
benchmarks = []
for r in rows:
    samples = [float(s) for s in r["samples"].split(";")]
    extra = {"syscalls_per_call": float(r["syscallsPerCall"])}
    base = {"run_name": r["test"], "repetitions": len(samples), "threads": 1}
    for i, s in enumerate(samples):
        benchmarks.append(dict(base, name=r["test"], run_type="iteration", repetition_index=i,
                               iterations=int(r["cycles"]), real_time=s * scale,
                               cpu_time=s * scale, time_unit=unit, **extra))
    for agg, v in (("mean", statistics.mean(samples)), ("median", statistics.median(samples)),
                   ("stddev", statistics.stdev(samples))):
        benchmarks.append(dict(base, name=r["test"] + "_" + agg, run_type="aggregate",
                               aggregate_name=agg, iterations=len(samples), real_time=v * scale,
                               cpu_time=v * scale, time_unit=unit, **extra))
json.dump({"context": context, "benchmarks": benchmarks}, open(dst, "w"), indent=2)
PY
}

mkdir -p "$WORK/csv" "$WORK/kit" "$WORK/gbench"
for f in demo slow fast overhead/none overhead/libbpf overhead/bpftrace overhead/strace; do
  mkdir -p "$(dirname "$WORK/csv/$f")" "$(dirname "$WORK/kit/$f")" "$(dirname "$WORK/gbench/$f")"
  cp "$FIX/$f.csv" "$WORK/csv/$f.csv"
  to_json kit "$FIX/$f.csv" "$WORK/kit/$f.json"
  to_json gbench "$FIX/$f.csv" "$WORK/gbench/$f.json"
done

# run_each NAME ARGS...: the command on the CSV, the kit's JSON and google
# benchmark JSON ({} stands for the folder, {ext} for csv or json), its
# output in $WORK/NAME.{csv,kit,gbench}, file names made alike.
run_each() {
  local name=$1 fmt ext
  shift
  for fmt in csv kit gbench; do
    ext=json
    [[ $fmt == csv ]] && ext=csv
    local -a args=()
    local a
    for a in "$@"; do
      a=${a//\{\}/$WORK/$fmt}
      args+=("${a//\{ext\}/$ext}")
    done
    expect_status 0 "$BENCH" "${args[@]}"
    sed -e "s|$WORK/$fmt|DIR|g" -e 's/\.json\b/.csv/g' "$WORK/out" >"$WORK/$name.$fmt"
  done
  [[ -s $WORK/$name.csv ]] || fail "$name: no output"
}

# same_out NAME ARGS...: run_each, and the three say the same, byte for byte.
same_out() {
  local name=$1 fmt
  run_each "$@"
  for fmt in kit gbench; do
    diff "$WORK/$name.csv" "$WORK/$name.$fmt" >"$WORK/diff" \
      || fail "$name: the $fmt JSON gives other numbers than the CSV: $(head -20 "$WORK/diff")"
  done
}

# same_json NAME: the JSON of each format holds the same numbers; the kit
# writes 6 significant digits, so a statistic taken again from the samples
# may differ in the 5th (the CSV's CV came from the unrounded samples).
same_json() {
  python3 - "$WORK/$1".{csv,kit,gbench} <<'PY' || fail "$1: the JSON formats disagree"
import json, math, sys
docs = [json.load(open(p)) for p in sys.argv[1:]]
def walk(a, b, where):
    if isinstance(a, dict):
        assert isinstance(b, dict) and a.keys() == b.keys(), where
        for k in a: walk(a[k], b[k], where + "." + k)
    elif isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)): walk(x, y, "%s[%d]" % (where, i))
    elif isinstance(a, float) and isinstance(b, (int, float)):
        assert math.isclose(a, b, rel_tol=1e-4), "%s: %r vs %r" % (where, a, b)
    else:
        assert a == b, "%s: %r vs %r" % (where, a, b)
for d in docs[1:]: walk(docs[0], d, "$")
PY
}
# same_numbers FILE...: the files say the same words and the same numbers
# (to 1 part in 10^4: the statistics the overhead table and the charts take
# again from the samples may differ in the 5th digit), spacing aside.
same_numbers() {
  python3 - "$@" <<'PY'
import math, re, sys
num = re.compile(r"([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)")
def parts(path):
    text = re.sub(r"[ \t-]+", " ", open(path).read())
    return num.split(text)
first = parts(sys.argv[1])
for path in sys.argv[2:]:
    other = parts(path)
    assert len(first) == len(other), "%s: another shape than %s" % (path, sys.argv[1])
    for i, (a, b) in enumerate(zip(first, other)):
        if i % 2:
            assert math.isclose(float(a), float(b), rel_tol=1e-4), "%s: %s vs %s" % (path, a, b)
        else:
            assert a == b, "%s: %r vs %r" % (path, a, b)
PY
}

same_out summary summary '{}/demo.{ext}'
run_each summary-json summary '{}/demo.{ext}' --sort median --format json
same_json summary-json
same_out compare compare '{}/slow.{ext}' '{}/fast.{ext}'
same_out compare-md compare '{}/demo.{ext}' '{}/demo.{ext}' --format markdown
same_out batching batching '{}/demo.{ext}'
run_each overhead overhead '{}/overhead/none.{ext}' '{}/overhead/libbpf.{ext}' \
  '{}/overhead/bpftrace.{ext}' '{}/overhead/strace.{ext}'
same_numbers "$WORK"/overhead.{csv,kit,gbench} || fail "overhead: the formats disagree"
grep -q 'libbpf' "$WORK/overhead.gbench" || fail "overhead from JSON: $(cat "$WORK/overhead.gbench")"
ok "summary, compare, batching and overhead: the same table from CSV, the kit's JSON and google benchmark JSON"

# Before, summary read CSV only: "missing required column 'test'".
expect_status 0 "$BENCH" summary "$WORK/kit/demo.json"
grep -Eq '^BpftraceProfiler\.ManySmallWrites +138 us/call +7\.23K calls/s +CV 8\.6% +1024 syscalls/call$' \
  "$WORK/out" || fail "summary of the kit's JSON: $(cat "$WORK/out") $(cat "$WORK/err")"
ok "bench summary results.json: '$(head -1 "$WORK/out" | tr -s ' ')'"

# The benchmark program's own JSON carries what its CSV has per row and
# gbench JSON lacks: the tracer label and the CV threshold.
expect_status 0 "$DEMO" --quick --gtest_filter='BpftraceProfiler.SingleBatchedWrite' \
  --profile-tool-label lbl --cv-threshold 7 --json "$WORK/run.json" --csv "$WORK/run.csv"
python3 - "$WORK/run.json" <<'PY' || fail "context: $(head -30 "$WORK/run.json")"
import json, sys
c = json.load(open(sys.argv[1]))["context"]
assert c["profile_tool"] == "lbl" and c["cv_threshold"] == 0.07, c
PY
expect_status 2 "$BENCH" overhead "$WORK/run.json"
stderr_is_one_line "no untraced run of BpftraceProfiler.SingleBatchedWrite \(profileTool none\)"
ok "the benchmark program's --json names its profileTool and CV threshold, and bench reads them"

if ! command -v gnuplot >/dev/null; then
  ok "plot: not checked here, gnuplot is not installed (test_plots covers the charts)"
  exit 0
fi
for kind in compare samples sweep overhead; do
  for fmt in csv kit gbench; do
    ext=json
    [[ $fmt == csv ]] && ext=csv
    case $kind in
      compare) in=("$WORK/$fmt/slow.$ext" "$WORK/$fmt/fast.$ext") ;;
      overhead) in=("$WORK/$fmt"/overhead/*."$ext") ;;
      *) in=("$WORK/$fmt/demo.$ext") ;;
    esac
    expect_status 0 "$BENCH" plot "$kind" "${in[@]}" --term svg -o "$WORK/plots-$fmt"
  done
  for dat in "$WORK/plots-csv/$kind"*.dat; do
    sed -i 's/\.csv\b/.json/g' "$dat"
    same_numbers "$dat" "$WORK"/plots-{kit,gbench}/"${dat##*/}" \
      || fail "plot $kind: ${dat##*/} differs between the formats"
  done
done
ok "plot compare, samples, sweep and overhead: the same data files from each format"
