#!/usr/bin/env bash
# The run folder's contract: docs/ARTIFACTS.md, run_layout.h (read by bench layout and run_layout.py) agree, and a real quick demo run folder holds exactly what they describe.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SRC=$SYSCOST_SOURCE_DIR
command -v python3 >/dev/null || fail "python3 is missing (make deps installs it)"

# 1. Three readings of the contract, one answer: the header as C compiled it
# (bench layout), as Python reads it (run_layout.py), and docs/ARTIFACTS.md's tables.
"$BENCH" layout --format tsv >"$WORK/bench.tsv"
"$BENCH" layout --format shell >"$WORK/layout.sh"
python3 "$SRC/src/tools/bench/run_layout.py" >"$WORK/python.tsv"
diff -u "$WORK/bench.tsv" "$WORK/python.tsv" >"$WORK/diff" \
  || fail "bench layout and run_layout.py read run_layout.h differently: $(cat "$WORK/diff")"
cat >"$WORK/check_page.py" <<'PY'
import re, sys
src, tsv, page = sys.argv[1:4]
sys.path.insert(0, src + "/src/tools/bench")
import run_layout

def cells(line):
    # A markdown table row split on unescaped '|', code spans and escapes undone.
    parts = re.split(r"(?<!\\)\|", line.strip())[1:-1]
    return [re.sub(r"\\(.)", r"\1", p.strip().strip("`")) for p in parts]

def table(lines, header):
    for i, line in enumerate(lines):
        if line.startswith("|") and cells(line) == header:
            rows = []
            for row in lines[i + 2:]:
                if not row.startswith("|"):
                    break
                rows.append(tuple(cells(row)))
            return rows
    sys.exit(f"{page}: no table with the columns {' | '.join(header)}")

lines = open(page, encoding="utf-8").read().splitlines()
want = [tuple(l.split("\t")) for l in open(tsv).read().splitlines()]
got = [(step, path, when, writer, what)
       for path, step, when, writer, what in table(lines, ["File", "Step", "When", "Written by", "What"])]
problems = [f"  the contract has: {' | '.join(w)}" for w in want if w not in got]
problems += [f"  the page has:     {' | '.join(g)}" for g in got if g not in want]
if not problems and [g[1] for g in got] != [w[1] for w in want]:
    problems.append("  the files are in another order than in run_layout.h")
steps = [(k.lower(), t) for k, t in run_layout.load().steps]
if table(lines, ["Step", "Title"]) != steps:
    problems.append(f"  the steps table differs from run_layout.h's: {steps}")
if problems:
    sys.exit(f"{page}:\n" + "\n".join(problems) + "\n(bench layout --format markdown prints the files table)")
PY
python3 "$WORK/check_page.py" "$SRC" "$WORK/bench.tsv" "$SRC/docs/ARTIFACTS.md" >"$WORK/doc.out" 2>&1 \
  || fail "docs/ARTIFACTS.md differs from the contract: $(cat "$WORK/doc.out")"
ok "docs/ARTIFACTS.md, bench layout and run_layout.py describe the same $(wc -l <"$WORK/bench.tsv") files and steps"

# The check itself must catch a page that drifted, in a row or in the steps.
sed 's/^| `compare.txt` /| `comparison.txt` /' "$SRC/docs/ARTIFACTS.md" >"$WORK/drifted.md"
grep -q '`comparison.txt`' "$WORK/drifted.md" || fail "the drift check's edit did not apply"
python3 "$WORK/check_page.py" "$SRC" "$WORK/bench.tsv" "$WORK/drifted.md" >"$WORK/doc.out" 2>&1 \
  && fail "a page naming comparison.txt passed"
grep -q 'the contract has: compare | compare.txt' "$WORK/doc.out" || fail "the drift was not named: $(cat "$WORK/doc.out")"
sed 's/^| overhead | Observer/| overhead | The observer/' "$SRC/docs/ARTIFACTS.md" >"$WORK/drifted.md"
python3 "$WORK/check_page.py" "$SRC" "$WORK/bench.tsv" "$WORK/drifted.md" >"$WORK/doc.out" 2>&1 \
  && fail "a page with another step title passed"
ok "a drifted page is refused, naming the row"

# 2. A real run folder: run_demo.sh --quick, with stderr a terminal (script gives it a pty).
command -v script >/dev/null || skip "script (util-linux) is needed for a terminal"
command -v gnuplot >/dev/null || skip "gnuplot is needed for the charts of the run"
run=$WORK/art/demo-09
# strace and perf trace run the program under ptrace, where LeakSanitizer cannot work.
"${NO_LSAN[@]}" script -qec "$(printf '%q ' "$SRC/src/demos/09_bpftrace_profiler/run_demo.sh" --quick "$SYSCOST_BIN" "$run")" \
  /dev/null >"$WORK/demo.out" 2>&1 || fail "run_demo.sh --quick failed: $(tail -n 30 "$WORK/demo.out")"
tr -d '\r' <"$WORK/demo.out" >"$WORK/demo.txt"
[[ -d $run ]] || fail "no run folder: $(tail -n 20 "$WORK/demo.txt")"

conditions=(gnuplot)
if [[ $(id -u) -eq 0 ]]; then
  conditions+=(privileged)
  perf trace -s -o /dev/null -- true >/dev/null 2>&1 && conditions+=(perf)
  command -v strace >/dev/null && conditions+=(strace)
else
  conditions+=(unprivileged)
fi
python3 - "$SRC" "$run" "${conditions[@]}" >"$WORK/check.out" 2>&1 <<'PY' || fail "the run folder breaks the contract:"$'\n'"$(cat "$WORK/check.out")"
import sys
sys.path.insert(0, sys.argv[1] + "/src/tools/bench")
import run_layout
problems = run_layout.load().check_folder(sys.argv[2], set(sys.argv[3:]))
print("\n".join(problems))
sys.exit(1 if problems else 0)
PY
ok "a quick run folder holds exactly the contract's files (${conditions[*]})"

# env.txt: every line it had when the shell wrote it, now the program's and the script's.
for key in kernel cpu cores clocksource governor runner 'container markers' build compiler bpftrace libbpf gnuplot user; do
  grep -q "^$key: ." "$run/env.txt" || fail "env.txt has no '$key:' line: $(cat "$run/env.txt")"
done
grep -Eq '^build: (Debug|Release|RelWithDebInfo|MinSizeRel), git ' "$run/env.txt" || fail "env.txt: build line: $(grep ^build "$run/env.txt")"
grep -qx "user: $(id -un) (uid $(id -u))" "$run/env.txt" || fail "env.txt: user line: $(grep ^user "$run/env.txt")"
awk '/^warning:/ { w = 1; next } w { exit 1 }' "$run/env.txt" || fail "env.txt: a line after the warnings: $(cat "$run/env.txt")"
ok "env.txt has every key, the warnings last"

"${NO_LSAN[@]}" python3 "$SRC/ci/check-artifacts.py" "$run" >"$WORK/ci.out" 2>&1 \
  || fail "ci/check-artifacts.py refuses the run folder: $(grep -v '^OK' "$WORK/ci.out")"
ok "ci/check-artifacts.py passes the run folder"

# The demo's progress on a terminal, and no note about charting a count-only file.
for i in 1 2 3 4 5 6; do
  grep -Eq "^demo-09: step $i/6 \([a-z]+\), [0-9]+m[0-9]{2}s elapsed" "$WORK/demo.txt" \
    || fail "no progress line for step $i/6 on the terminal: $(grep demo-09: "$WORK/demo.txt")"
done
grep -q "^demo-09: done in " "$WORK/demo.txt" || fail "no closing progress line"
grep -Eq "case 1/[0-9]+ [^ ]+: warming up, [0-9]+s elapsed" "$WORK/demo.txt" \
  || fail "step 1 showed no progress line of the benchmark program on the terminal"
grep -q "no hist" "$WORK/demo.txt" && fail "the demo still tries to chart a file of counts: $(grep 'no hist' "$WORK/demo.txt")"
ok "on a terminal: step i/6 and the program's progress line; no chart attempt for count-only files"
grep -q '\.staging\.' "$WORK/demo.txt" && fail "the demo names its staging folder, gone once it ends: $(grep '\.staging\.' "$WORK/demo.txt" | head -3)"
grep -q "^$run/plots/compare.png$" "$WORK/demo.txt" || fail "the charts are not named where they are published"
ok "the demo names files where they are published, never in its staging folder"
