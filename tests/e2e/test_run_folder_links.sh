#!/usr/bin/env bash
# A run folder's files are read only from inside it: env.txt, demo.csv, a histogram or an overhead/ CSV that is a symbolic link (out of the folder or not) is left out with one note line, and nothing it points at reaches the report or the charts.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

FIX=$SYSCOST_SOURCE_DIR/tests/fixtures/report/full
run=$WORK/run out=$WORK/outside
cp -r "$FIX" "$run"
mkdir -p "$out"
# What lies outside: results and a histogram that would show in the report.
sed 's/BpftraceProfiler\.ManySmallWrites/Outside.Secret/' "$FIX/demo.csv" >"$out/demo.csv"
sed 's/BpftraceProfiler\.ManySmallWrites/Outside.Secret/' "$FIX/overhead/libbpf.csv" >"$out/libbpf.csv"
sed 's/write/OutsideKey/' "$FIX/BpftraceProfiler.ManySmallWrites.syslat.json" >"$out/hist.json"
ln -sf "$out/demo.csv" "$run/demo.csv"
ln -sf "$out/libbpf.csv" "$run/overhead/libbpf.csv"
ln -s "$out/hist.json" "$run/Outside.Secret.syslat.json"
# A link that stays inside the folder is left out too: links are not followed at all.
printf 'kernel: INSIDE-LINK-TARGET\n' >"$run/env-real.txt"
ln -sf env-real.txt "$run/env.txt"

notes_ok() { # notes_ok FILE NAME...: one note line for each link, nothing else
  local name
  for name in "$@"; do
    [[ $(grep -c "^note: $run/$name is a symbolic link: left out" "$WORK/err") -eq 1 ]] \
      || fail "no single note for $name: $(cat "$WORK/err")"
  done
}

expect_status 0 "$BENCH" report "$run"
notes_ok env.txt demo.csv Outside.Secret.syslat.json overhead/libbpf.csv
grep -q "INSIDE-LINK\|Outside" "$run/REPORT.md" "$run/REPORT.html" \
  && fail "the report shows what a link points at: $(grep -h "INSIDE-LINK\|Outside" "$run/REPORT.md" | head -3)"
grep -q 'This run wrote no `env.txt`' "$run/REPORT.md" || fail "env.txt not said to be missing"
grep -q '| bpftrace ' "$run/REPORT.md" || fail "the overhead table lost the files that are no links"
ok "bench report: four links (three out of the folder, one inside) left out, one note each, nothing of theirs in REPORT.md or REPORT.html"

command -v gnuplot >/dev/null || skip "gnuplot is not installed: bench plot all not checked (report checked above)"
expect_status 0 "$BENCH" plot all "$run" --term svg
notes_ok demo.csv Outside.Secret.syslat.json overhead/libbpf.csv
grep -rq "Outside" "$run/plots" && fail "a chart shows what a link points at"
[[ ! -e $run/plots/samples.svg ]] || fail "samples chart drawn from the linked demo.csv"
ok "bench plot all: the same links left out, one note each, no chart from them"
