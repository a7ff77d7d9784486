#!/usr/bin/env bash
# Markdown from hostile names: a test, file, map or env name with a newline, '|', raw HTML, backticks or a link keeps every bench markdown table and heading whole (report, summary, compare, batching, overhead, hist).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

FIX="$SYSCOST_SOURCE_DIR/tests/fixtures/report/full"
CHECK=(python3 "$SYSCOST_SOURCE_DIR/tests/e2e/md_check.py")
# Every planted name starts with Evil and ends with Owned; md_check.py
# fails a line with Owned but no Evil (the name was split over lines).
H='Evil|Name <script>alert(1)</script> `x` *y* [l](u) $m$ # Owned'
HN=$'Evil\n# Owned'
md_ok() { # md_ok WHAT FILE
  "${CHECK[@]}" "$2" Evil Owned >"$WORK/check" || fail "$1: $(cat "$WORK/check")"
}

# A run folder whose case names, file names and env.txt carry the payloads.
run="$WORK/run"
cp -r "$FIX" "$run"
for f in "$run"/*.csv "$run"/overhead/*.csv; do
  sed -i "s/^BpftraceProfiler\.ManySmallWrites,/${H//\//\\/},/" "$f"
done
printf 'note: a | b <b>bold</b> `c` [l](u) Evil Owned\n' >>"$run/env.txt"
mv "$run/BpftraceProfiler.ManySmallWrites.syslat.json" "$run/S.$HN|<i>.syslat.json"
expect_status 0 "$BENCH" report "$run"
md_ok "REPORT.md" "$run/REPORT.md"
grep -qF 'Evil\|Name \<script>alert(1)\</script>' "$run/REPORT.md" || fail "the name is missing from REPORT.md"
grep -qF '### S.Evil \# Owned\|\<i> (syslat)' "$run/REPORT.md" || fail "the histogram heading: $(grep -n Owned "$run/REPORT.md")"
! grep -q '<script>' "$run/REPORT.html" || fail "REPORT.html holds raw HTML from a name"
grep -qF 'Evil|Name &lt;script&gt;alert(1)&lt;/script&gt;' "$run/REPORT.html" || fail "the name is missing from REPORT.html"
ok "bench report: hostile case, file and env names keep REPORT.md's tables and headings whole"

expect_status 0 "$BENCH" summary "$run/demo.csv" --format markdown
md_ok "summary" "$WORK/out"
expect_status 0 "$BENCH" compare "$run/slow.csv" "$run/fast.csv" --format markdown
md_ok "compare" "$WORK/out"
expect_status 0 "$BENCH" overhead "$run/overhead" --case "$H" --format markdown
md_ok "overhead" "$WORK/out"
grep -q '^Observer effect on `' "$WORK/out" || fail "overhead: $(head -2 "$WORK/out")"
ok "summary, compare and overhead markdown keep their tables whole"

# Google benchmark JSON allows any name, newlines included.
python3 - "$WORK" "$HN" <<'PY'
import json, sys
work, hn = sys.argv[1], sys.argv[2]
def bench(name, t):
    return [{"name": name, "run_name": name, "run_type": "iteration", "repetitions": 3,
             "repetition_index": i, "iterations": 100, "real_time": t * (1 + i / 100),
             "cpu_time": t, "time_unit": "us"} for i in range(3)]
rows = bench(hn + "|x.G/OneByte", 100) + bench(hn + "|x.G/Batched", 1) + bench(hn + " <b>alone</b>", 5)
json.dump({"benchmarks": rows}, open(f"{work}/gb.json", "w"))
PY
expect_status 0 "$BENCH" batching "$WORK/gb.json" --format markdown
md_ok "batching" "$WORK/out"
grep -q 'Not paired' "$WORK/out" || fail "batching: no unpaired line: $(cat "$WORK/out")"
expect_status 0 "$BENCH" compare "$WORK/gb.json" "$WORK/gb.json" --format markdown
md_ok "compare (JSON names)" "$WORK/out"
ok "batching and compare markdown with newlines and '|' in google benchmark names"

# bpftrace json: map names and keys are the file's too.
python3 - "$FIX/BpftraceProfiler.ManySmallWrites.syslat.json" "$WORK/h.json" "$HN" <<'PY'
import sys
src, dst, hn = sys.argv[1:]
text = open(src).read().replace('"write"', '"' + (hn + ' | <u>x</u>').replace("\n", "\\n") + '"')
open(dst, "w").write(text)
PY
expect_status 0 "$BENCH" hist "$WORK/h.json" --format markdown
md_ok "hist" "$WORK/out"
grep -q 'Evil' "$WORK/out" || fail "hist: the key is missing: $(head -3 "$WORK/out")"
ok "hist markdown with a map key holding a newline, '|' and HTML"
