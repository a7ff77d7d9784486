#!/usr/bin/env bash
# Charts: every template renders its fixture data without a gnuplot warning, and bench plot/report work end to end.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PLOTS="$SYSCOST_SOURCE_DIR/plots"
FIX="$SYSCOST_SOURCE_DIR/tests/fixtures"
command -v gnuplot >/dev/null || skip "gnuplot is not installed (apt-get install gnuplot-nox, or make deps)"

# png_ok FILE MIN_W MIN_H: PNG signature, width and height from IHDR, and a size
# between 8 KiB (an empty chart is smaller) and 2 MiB.
png_ok() {
  local f=$1 sig w h bytes
  [[ -s $f ]] || fail "$f is missing or empty"
  sig=$(head -c 8 "$f" | od -An -tx1 | tr -d ' \n')
  [[ $sig == 89504e470d0a1a0a ]] || fail "$f is not a PNG (signature $sig)"
  w=$((16#$(od -An -tx1 -j16 -N4 "$f" | tr -d ' \n')))
  h=$((16#$(od -An -tx1 -j20 -N4 "$f" | tr -d ' \n')))
  ((w >= $2 && h >= $3 && w <= 4000 && h <= 3000)) || fail "$f is ${w}x${h}"
  bytes=$(stat -c %s "$f")
  ((bytes > 8192 && bytes < 2097152)) || fail "$f is $bytes bytes"
}

# render TEMPLATE OUT VARS: gnuplot straight on a template and fixture data.
render() {
  local template=$1 out=$2 vars=$3 rc=0
  (cd "$FIX/plots" && gnuplot -e "set loadpath '$PLOTS'; set terminal pngcairo size 1000,540 font 'Sans,10' noenhanced; set output '$WORK/$out.png'; $vars" "$PLOTS/$template") \
    >"$WORK/out" 2>"$WORK/err" || rc=$?
  [[ $rc -eq 0 ]] || fail "$template on $out exited $rc: $(head -c 600 "$WORK/err")"
  [[ ! -s "$WORK/err" ]] || fail "$template on $out warned: $(head -c 600 "$WORK/err")"
  png_ok "$WORK/$out.png" 1000 540
}

render hist.gp hist "datafiles='hist.ManySmallWrites.dat hist.SingleBatchedWrite.dat'; textfile='hist.titles.dat'"
render hist.gp hist-one "datafiles='hist.SingleBatchedWrite.dat'; textfile='hist.titles.dat'"
render compare.gp compare "datafile='compare.dat'; textfile='compare.titles.dat'"
render compare.gp compare-many "datafile='compare-many.dat'; textfile='compare.titles.dat'"
render samples.gp samples "datafile='samples.dat'; textfile='chart.titles.dat'"
render overhead.gp overhead-log "datafile='overhead.dat'; textfile='chart.titles.dat'"
render overhead.gp overhead-linear "datafile='overhead-linear.dat'; textfile='chart.titles.dat'"
render sweep.gp sweep "datafile='sweep.dat'; textfile='chart.titles.dat'"
ok "each template renders its fixture data: exit 0, nothing on stderr, a PNG of sane size"

expect_status 2 gnuplot -e "set loadpath '$PLOTS'; set terminal dumb" "$PLOTS/compare.gp"
grep -q "compare.gp: pass datafile and textfile" "$WORK/err" || fail "template without inputs: $(cat "$WORK/err")"
ok "a template run without its inputs says which to pass"

# bench plot all + bench report on a whole fixture run.
cp -r "$FIX/report/full" "$WORK/run"
expect_status 0 "$BENCH" plot all "$WORK/run"
[[ ! -s "$WORK/err" ]] || fail "bench plot all said: $(cat "$WORK/err")"
for chart in compare samples hist-syslat overhead sweep; do
  png_ok "$WORK/run/plots/$chart.png" 760 480
  grep -q '<svg' "$WORK/run/plots/$chart.svg" || fail "$chart.svg is not SVG"
done
grep -q '^"BpftraceProfiler.ManySmallWrites vs BpftraceProfiler.SingleBatchedWrite" 139 0.185 "751x faster"' \
  "$WORK/run/plots/compare.dat" || fail "compare.dat: $(cat "$WORK/run/plots/compare.dat")"
[[ -z $(find "$WORK/run/plots" -name '.bench-plot*') ]] || fail "a staging directory was left behind"
ok "bench plot all draws compare, samples, hist, overhead and sweep as PNG and SVG"

expect_status 0 "$BENCH" report "$WORK/run"
grep -q '\*\*751x\*\*' "$WORK/run/REPORT.md" || fail "REPORT.md has no batching factor"
[[ $(grep -c 'src="data:image/png;base64,' "$WORK/run/REPORT.html") -eq 5 ]] || fail "REPORT.html does not inline the 5 charts"
! grep -q 'src="plots/' "$WORK/run/REPORT.html" || fail "REPORT.html links a chart instead of inlining it"
ok "bench report writes REPORT.md and a self-contained REPORT.html"

expect_status 0 "$BENCH" plot compare "$WORK/run/slow.csv" "$WORK/run/fast.csv" --term dumb -o "$WORK/dumb"
grep -q '751x faster' "$WORK/out" || fail "--term dumb drew no chart: $(head -20 "$WORK/out")"
[[ ! -e "$WORK/dumb" ]] || fail "--term dumb left files in $WORK/dumb"
ok "--term dumb draws on the terminal and keeps no file"

# No gnuplot: one line, exit 2, nothing written.
PATH=/nonexistent expect_status 2 "$BENCH" plot samples "$WORK/run/demo.csv" -o "$WORK/none"
stderr_is_one_line "^error: gnuplot is not installed: install gnuplot-nox"
[[ ! -e "$WORK/none" ]] || fail "output directory created without gnuplot"
ok "without gnuplot: one line, exit 2, no files"

# A template that warns fails the run, and no partial file stays.
mkdir "$WORK/tpl" && cp "$PLOTS"/*.gp "$WORK/tpl/"
echo 'print "a warning"' >>"$WORK/tpl/samples.gp"
BENCH_PLOTS_DIR="$WORK/tpl" expect_status 1 "$BENCH" plot samples "$WORK/run/demo.csv" -o "$WORK/warned"
stderr_is_one_line "^error: gnuplot on samples.gp: a warning"
[[ ! -e "$WORK/warned" ]] || fail "files left after a gnuplot warning: $(ls -A "$WORK/warned")"
ok "a gnuplot warning is an error and leaves no partial files"

# In plot all, the chart gnuplot fails on is skipped; the others are drawn.
BENCH_PLOTS_DIR="$WORK/tpl" expect_status 1 "$BENCH" plot all "$WORK/run" -o "$WORK/warned"
stderr_is_one_line "^warning: samples chart not drawn: gnuplot on samples.gp: a warning"
for chart in compare hist-syslat overhead sweep; do
  [[ -s "$WORK/warned/$chart.png" ]] || fail "$chart was lost with samples: $(ls -A "$WORK/warned")"
done
[[ -z $(find "$WORK/warned" -name 'samples*' -o -name '.bench-plot*') ]] ||
  fail "the failed chart left files: $(ls -A "$WORK/warned")"
ok "plot all: the chart gnuplot fails on is skipped with a warning (exit 1), the others are kept"

printf 'test,wallMedian\nA,abc\n' >"$WORK/bad.csv"
expect_status 2 "$BENCH" plot samples "$WORK/bad.csv" -o "$WORK/bad"
stderr_is_one_line "^error: $WORK/bad.csv:2:3: column 'wallMedian'"
expect_status 2 "$BENCH" plot hist "$WORK/bad.csv" -o "$WORK/bad"
stderr_is_one_line "^error: $WORK/bad.csv:1:1"
expect_status 2 "$BENCH" plot pie "$WORK/bad.csv"
stderr_is_one_line "^error: bench plot: KIND: 'pie' is not a kind"
expect_status 2 "$BENCH" report "$WORK/nowhere"
stderr_is_one_line "^error: $WORK/nowhere: no such directory"
[[ ! -e "$WORK/bad" ]] || fail "files left after bad input"
ok "bad input: one line naming the file and place, exit 2, no files"
