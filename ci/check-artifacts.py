#!/usr/bin/env python3
# Checks a Demo 09 artifact directory, independently of the kit's own readers: its files
# against the run folder's contract (src/tools/bench/run_layout.h, docs/ARTIFACTS.md), CSVs,
# summary, compare, the JSON report, the profiled histograms' exact counts, and plots.
# Usage: ci/check-artifacts.py DIR      Prints OK/FAIL per check; exit 1 on any FAIL, 2 on bad usage.
import csv
import json
import math
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src", "tools", "bench"))
import run_layout  # noqa: E402  (the contract, read from its header)

LAYOUT = run_layout.load()

# Files written before the seed and processes columns came have OLD_HEADER.
OLD_HEADER = ("test,cycles,repeats,warmup,wallMedian,wallP10,wallP90,wallMin,wallMax,wallMean,"
              "wallStddev,wallCV,callsPerSecond,syscallsPerCall,stable,cvThreshold,profileTool,"
              "timestamp,gitHash,hostname,platform,samples").split(",")
HEADER = OLD_HEADER + ["seed", "processes"]
# A run that wrote env.txt names it in one more column, last (docs/ARTIFACTS.md).
ENV_TXT_COLUMN = "envTxt"
# write() calls one call of each case makes (the contract's case definitions).
WRITES_PER_CALL = {"BpftraceProfiler.ManySmallWrites": 1024,
                   "BpftraceProfiler.SingleBatchedWrite": 1}
PROFILE_TOOLS = {"none", "bpftrace", "libbpf", "perf-trace", "strace"}
# The walkthrough's profiling step, used when no CSV row records the profiled run.
WALKTHROUGH_CYCLES, WALKTHROUGH_REPEATS = 500, 1
PLOT_MAGIC = {".png": b"\x89PNG\r\n\x1a\n", ".svg": b"<", ".pdf": b"%PDF"}

failures = 0


def report(ok, what):
    global failures
    print(("OK   " if ok else "FAIL ") + what)
    if not ok:
        failures += 1
    return ok


def close(a, b, rel):
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-9)


def check_row(path, line, row):
    """Internal consistency of one CSV row; returns a list of problems."""
    problems = []
    where = f"{path}:{line}"
    try:
        cycles, repeats, warmup = int(row["cycles"]), int(row["repeats"]), int(row["warmup"])
        wall = {k: float(row[k]) for k in HEADER[4:13]}
        threshold = float(row["cvThreshold"])
        samples = [float(s) for s in row["samples"].split(";")]
    except ValueError as e:
        return [f"{where}: a numeric field is not a number ({e})"]
    if cycles < 1 or repeats < 1 or warmup < 0:
        problems.append(f"{where}: cycles/repeats must be >= 1 and warmup >= 0")
    if len(samples) != repeats:
        problems.append(f"{where}: {len(samples)} samples for repeats={repeats}")
    order = ["wallMin", "wallP10", "wallMedian", "wallP90", "wallMax"]
    if any(wall[a] > wall[b] * (1 + 1e-6) for a, b in zip(order, order[1:])):
        problems.append(f"{where}: expected wallMin <= wallP10 <= wallMedian <= wallP90 <= wallMax")
    if samples and not (close(min(samples), wall["wallMin"], 1e-4) and close(max(samples), wall["wallMax"], 1e-4)):
        problems.append(f"{where}: wallMin/wallMax differ from the samples' min/max")
    if samples:
        s = sorted(samples)
        n = len(s)
        median = s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2
        if not close(median, wall["wallMedian"], 1e-3):
            problems.append(f"{where}: wallMedian {wall['wallMedian']} is not the samples' median {median:.6g}")
        mean = sum(s) / n
        if not close(mean, wall["wallMean"], 1e-3):
            problems.append(f"{where}: wallMean {wall['wallMean']} is not the samples' mean {mean:.6g}")
    if wall["wallMean"] > 0 and not close(wall["wallCV"], wall["wallStddev"] / wall["wallMean"], 1e-2):
        problems.append(f"{where}: wallCV is not wallStddev / wallMean")
    if wall["wallMedian"] > 0 and not close(wall["callsPerSecond"], 1e6 / wall["wallMedian"], 1e-2):
        problems.append(f"{where}: callsPerSecond is not 1e6 / wallMedian")
    if row["stable"] not in ("true", "false"):
        problems.append(f"{where}: stable is '{row['stable']}', expected true or false")
    elif (row["stable"] == "true") != (wall["wallCV"] <= threshold):
        problems.append(f"{where}: stable={row['stable']} disagrees with wallCV {wall['wallCV']} vs cvThreshold {threshold}")
    if row["profileTool"] not in PROFILE_TOOLS:
        problems.append(f"{where}: profileTool '{row['profileTool']}' is not one of {sorted(PROFILE_TOOLS)}")
    if row["syscallsPerCall"] != "n/a":
        expected = WRITES_PER_CALL.get(row["test"])
        try:
            got = float(row["syscallsPerCall"])
        except ValueError:
            problems.append(f"{where}: syscallsPerCall '{row['syscallsPerCall']}' is neither a number nor n/a")
        else:
            if expected is not None and got != expected:
                problems.append(f"{where}: syscallsPerCall {got:g}, the case makes exactly {expected}")
    if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", row["timestamp"]):
        problems.append(f"{where}: timestamp '{row['timestamp']}' is not ISO 8601 UTC")
    seed, processes = row.get("seed", ""), row.get("processes", "")
    if seed and not (seed.isdigit() and int(seed) < 2**32):
        problems.append(f"{where}: seed '{seed}' is not a whole number below 2^32")
    if processes and not (processes.isdigit() and int(processes) >= 1):
        problems.append(f"{where}: processes '{processes}' is not a whole number >= 1")
    elif processes and repeats % int(processes):
        problems.append(f"{where}: {repeats} repeats do not split evenly into {processes} processes")
    return problems


def read_csv(path):
    """Returns the rows of a results CSV, or None after reporting why it is unusable."""
    with open(path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header not in (HEADER, HEADER + [ENV_TXT_COLUMN], OLD_HEADER, OLD_HEADER + [ENV_TXT_COLUMN]):
            report(False, f"{path}:1: header differs from the contract's")
            return None
        rows, problems = [], []
        for line, fields in enumerate(reader, start=2):
            if len(fields) != len(header):
                problems.append(f"{path}:{line}: {len(fields)} fields, expected {len(header)}")
                continue
            row = dict(zip(header, fields))
            problems += check_row(path, line, row)
            env_txt = row.get(ENV_TXT_COLUMN)
            if env_txt is not None and not os.path.isfile(os.path.join(os.path.dirname(path), env_txt)):
                problems.append(f"{path}:{line}: envTxt '{env_txt}' names no file beside the CSV")
            rows.append(row)
    for p in problems:
        report(False, p)
    if not rows:
        report(False, f"{path}: no data rows")
        return None
    return rows if not problems else None


DEMO_CSV, SLOW_CSV, FAST_CSV = (LAYOUT.path(k) for k in ("DEMO_CSV", "SLOW_CSV", "FAST_CSV"))


def check_layout(d):
    """Every file is one the contract describes; every file it expects of this run is there.
    Privileged: the run did not skip the tracing steps; gnuplot: it drew charts; compose: it
    measured the seccomp tax (native: it said why not)."""
    conditions = {"unprivileged" if os.path.exists(os.path.join(d, LAYOUT.path("PROFILE_SKIPPED"))) else "privileged",
                  "native" if os.path.exists(os.path.join(d, LAYOUT.path("SECCOMP_SKIPPED"))) else "compose"}
    if os.path.isdir(os.path.join(d, LAYOUT.path("PLOTS_DIR"))):
        conditions.add("gnuplot")
    problems = LAYOUT.check_folder(d, conditions)
    for p in problems:
        report(False, p)
    if not problems:
        report(True, f"{d}: every file is in the run folder's contract, and every one it expects "
                     f"({', '.join(sorted(conditions))}) is here")


def check_csvs(d):
    rows_by_file = {}
    expected_cases = {DEMO_CSV: set(WRITES_PER_CALL),
                      SLOW_CSV: {"BpftraceProfiler.ManySmallWrites"},
                      FAST_CSV: {"BpftraceProfiler.SingleBatchedWrite"}}
    for name in sorted(set(expected_cases) | {f for f in os.listdir(d) if f.endswith(".csv")}):
        path = os.path.join(d, name)
        if not os.path.isfile(path):
            report(False, f"{path}: missing")
            continue
        rows = read_csv(path)
        if rows is None:
            continue
        tests = {r["test"] for r in rows}
        # demo.csv runs every case (the kit may add more); slow/fast hold exactly one.
        want = expected_cases.get(name)
        if want is not None and not (want <= tests if name == DEMO_CSV else want == tests):
            report(False, f"{path}: cases {sorted(tests)}, expected {'at least ' if name == DEMO_CSV else ''}{sorted(want)}")
            continue
        rows_by_file[name] = rows
        shown = ", ".join(sorted(tests)) if len(tests) <= 3 else f"{len(tests)} cases"
        report(True, f"{path}: {len(rows)} row(s), consistent ({shown})")
    return rows_by_file


def check_text(d, rows_by_file):
    summary = os.path.join(d, LAYOUT.path("SUMMARY_TXT"))
    if os.path.isfile(summary):
        text = open(summary).read()
        cases = [r["test"] for r in rows_by_file.get(DEMO_CSV, [])]
        missing = [c for c in cases if not re.search(re.escape(c) + r"\s+[\d.]+\s*[num]?s/call", text)]
        report(bool(cases) and not missing, f"{summary}: a per-call time for each case" +
               (f" (missing: {', '.join(missing)})" if missing else ""))
    else:
        report(False, f"{summary}: missing")
    compare = os.path.join(d, LAYOUT.path("COMPARE_TXT"))
    if os.path.isfile(compare):
        m = re.search(r"ManySmallWrites.*?([\d.]+)x faster", open(compare).read())
        # 1024 syscalls against 1: anything under 10x means the comparison is wrong.
        report(bool(m) and float(m.group(1)) >= 10, f"{compare}: batching is >= 10x faster" +
               (f" ({m.group(1)}x)" if m else " (no 'NNNx faster' row for ManySmallWrites)"))
    else:
        report(False, f"{compare}: missing")


def check_report_json(d):
    path = os.path.join(d, LAYOUT.path("DEMO_JSON"))
    if not os.path.isfile(path):
        report(False, f"{path}: missing")
        return
    try:
        doc = json.load(open(path))
        names = {b["name"] for b in doc["benchmarks"]}
        ok = set(WRITES_PER_CALL) <= names and "context" in doc
        report(ok, f"{path}: valid, context and both cases present" + ("" if ok else f" (has {sorted(names)})"))
    except (ValueError, KeyError, TypeError) as e:
        report(False, f"{path}: not the expected JSON report ({e})")


# What each profiling artifact counts, per write() the case makes:
# script -> (line type, map name, key or None for an unkeyed histogram).
PROFILE_COUNTS = {
    "syslat": ("hist", "@syscall_lat_ns", "write"),         # bpftrace: latency per write()
    "libbpf-syslat": ("hist", "@syscall_lat_ns", "write"),  # the libbpf tracer, same shape
    "syscount": ("map", "@syscalls", "write"),              # bpftrace: calls per syscall
    "writesize": ("hist", "@write_bytes", None),            # bpftrace: bytes per write()
}


def profile_count(path, kind, name, key):
    """The count that PROFILE_COUNTS names in a bpftrace -f json file, or None if absent."""
    found = None
    with open(path) as f:
        for line_no, line in enumerate(f, start=1):
            line = line.strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except ValueError as e:
                raise ValueError(f"{path}:{line_no}: not JSON ({e})")
            if obj.get("type") != kind or name not in obj.get("data", {}):
                continue
            value = obj["data"][name]
            if key is not None:
                value = value.get(key) if isinstance(value, dict) else None
            if value is None:
                continue
            found = sum(int(b["count"]) for b in value) if kind == "hist" else int(value)
    return found


def profiled_calls(case, rows_by_file):
    """cycles * repeats of the profiled run of CASE, from a CSV row that records it."""
    for rows in rows_by_file.values():
        for r in rows:
            if r["test"] == case and r["profileTool"] in ("bpftrace", "libbpf"):
                return int(r["cycles"]) * int(r["repeats"]), "its CSV row"
    return WALKTHROUGH_CYCLES * WALKTHROUGH_REPEATS, f"the walkthrough's --cycles {WALKTHROUGH_CYCLES} --repeats {WALKTHROUGH_REPEATS}"


def trace_path(case, script, key):
    """A tracer's file of CASE and SCRIPT, named as the contract's entry KEY says."""
    return LAYOUT.path(key).replace("<Suite.Case>", case).replace("<script>", script)


def check_histograms(d, rows_by_file):
    json_entry = LAYOUT.by_key["TRACE_JSON"]
    found = []
    for f in os.listdir(d):
        for script in PROFILE_COUNTS:
            suffix = trace_path("", script, "TRACE_JSON")  # ".<script>.json"
            if json_entry.regex.fullmatch(f) and f.endswith(suffix):
                found.append((f[:-len(suffix)], script, f))
    found.sort()
    syslat = [f for case, script, f in found if script == "syslat" and case in WRITES_PER_CALL]
    if not report(bool(syslat), f"{d}: bpftrace syslat histograms of the walkthrough's cases ({len(syslat)})"):
        return
    for case, script, name in found:
        if case not in WRITES_PER_CALL:
            continue
        path = os.path.join(d, name)
        kind, map_name, key = PROFILE_COUNTS[script]
        what = f"{map_name}[{key}]" if key else map_name
        try:
            got = profile_count(path, kind, map_name, key)
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            report(False, f"{path}: unreadable ({e})")
            continue
        calls, source = profiled_calls(case, rows_by_file)
        expected = calls * WRITES_PER_CALL[case]
        report(got == expected, f"{path}: {what} counts {got} write() calls, expected exactly {expected} "
               f"({calls} calls x {WRITES_PER_CALL[case]}, from {source})")
        txt = os.path.join(d, trace_path(case, script, "TRACE_TXT"))
        report(os.path.isfile(txt) and map_name in open(txt).read(), f"{txt}: the human-readable {map_name}")


def check_plots(d):
    plots = sorted(os.path.join(root, f) for root, _, files in os.walk(d)
                   for f in files if os.path.splitext(f)[1] in PLOT_MAGIC)
    for path in plots:
        with open(path, "rb") as f:
            head = f.read(16)
        magic = PLOT_MAGIC[os.path.splitext(path)[1]]
        report(head.lstrip().startswith(magic) and os.path.getsize(path) > 200, f"{path}: a non-empty plot")
    if not plots:
        print(f"SKIP {d}: no plots (none rendered in this directory)")


def check_seccomp(d):
    """The compose demo's seccomp rounds: both sides of every round, each CSV consistent, each
    side's fingerprint, and bench seccomp's verdict in seccomp.txt."""
    folder = os.path.join(d, LAYOUT.path("SECCOMP_DIR"))
    if not os.path.isdir(folder):
        skipped = os.path.join(d, LAYOUT.path("SECCOMP_SKIPPED"))
        if os.path.isfile(skipped):
            report(bool(open(skipped).read().strip()), f"{skipped}: says why the seccomp tax was not measured")
        return
    rounds = {}
    for side in ("DEFAULT", "UNCONFINED"):
        entry = LAYOUT.by_key[f"SECCOMP_{side}_CSV"]
        for name in os.listdir(folder):
            rel = os.path.join(LAYOUT.path("SECCOMP_DIR"), name)
            if LAYOUT.match(rel) is entry:
                rounds.setdefault(side, set()).add(int(name.split(".")[1]))
                read_csv(os.path.join(folder, name))
    default, unconfined = rounds.get("DEFAULT", set()), rounds.get("UNCONFINED", set())
    report(default == unconfined and len(default) >= 6,
           f"{folder}: {len(default)} rounds under the default profile, {len(unconfined)} unconfined, "
           f"paired (6 or more give a 95% interval)")
    for side in ("DEFAULT", "UNCONFINED"):
        env = os.path.join(d, LAYOUT.path(f"SECCOMP_{side}_ENV"))
        report(os.path.isfile(env), f"{env}: the {side.lower()} side's fingerprint")
    txt = os.path.join(d, LAYOUT.path("SECCOMP_TXT"))
    text = open(txt).read() if os.path.isfile(txt) else ""
    m = re.search(r"^(The container's seccomp filter adds .*|.*no seccomp tax is stated\.)$", text, re.M)
    report(bool(m), f"{txt}: " + (m.group(1) if m else "no sentence on the seccomp tax"))


def main():
    if len(sys.argv) != 2:
        print("usage: ci/check-artifacts.py DIR", file=sys.stderr)
        return 2
    d = sys.argv[1]
    if not os.path.isdir(d):
        print(f"check-artifacts: error: {d}: no such directory (run the demo first: make demo-09)", file=sys.stderr)
        return 2
    check_layout(d)
    rows_by_file = check_csvs(d)
    check_text(d, rows_by_file)
    check_report_json(d)
    check_histograms(d, rows_by_file)
    check_seccomp(d)
    check_plots(d)
    print(f"{'FAIL' if failures else 'OK'}: {d}: {failures} failed check(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
