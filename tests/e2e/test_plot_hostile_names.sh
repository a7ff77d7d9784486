#!/usr/bin/env bash
# Hostile names: file names, test names and option values with quotes, backticks, $() and newlines never run a command through gnuplot, and the charts still draw.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

command -v gnuplot >/dev/null || skip "gnuplot is not installed (apt-get install gnuplot-nox, or make deps)"
FIX="$SYSCOST_SOURCE_DIR/tests/fixtures/report/full"
HIST="$FIX/BpftraceProfiler.ManySmallWrites.syslat.json"

# A command that ran would leave a MARK* file: backticks `cd;...` write into
# $HOME, system() into gnuplot's working directory, both inside $WORK here.
export HOME="$WORK/home" TMPDIR="$WORK/tmp"
mkdir "$HOME" "$TMPDIR"
no_command_ran() {
  local marks left
  marks=$(find "$WORK" -name 'MARK*' 2>/dev/null)
  [[ -z $marks ]] || fail "$1: a command ran through gnuplot: $marks"
  left=$(find "$WORK" -name '.bench-plot*' 2>/dev/null)
  [[ -z $left ]] || fail "$1: a staging folder was left: $left"
}
# Every file bench plot writes has a name from [A-Za-z0-9._-], not starting with '.' or '-'.
safe_names_only() {
  local bad
  bad=$(find "$1" -mindepth 1 -printf '%f\n' | grep -Ev '^[A-Za-z0-9_][A-Za-z0-9._-]*$' || true)
  [[ -z $bad ]] || fail "unsafe output names in $1: $bad"
}

# 1. bench plot all on a run folder whose file names carry the payloads.
run="$WORK/run"
mkdir "$run"
cp "$FIX/demo.csv" "$FIX/slow.csv" "$FIX/fast.csv" "$run/"
cp "$HIST" "$run/"'S.X`cd;touch MARK1`.syslat.json'
cp "$HIST" "$run/S.it's.syslat.json"
cp "$HIST" "$run/"'S.$(touch MARK2).syslat.json'
cp "$HIST" "$run/"$'S.new\nline "q" \\.syslat.json'
cp "$HIST" "$run/S.X.q'|system('touch MARK3')|'.json"
cp "$HIST" "$run/-S.X.x.json"
expect_status 0 "$BENCH" plot all "$run"
no_command_ran "bench plot all"
[[ ! -s "$WORK/err" ]] || fail "bench plot all said: $(cat "$WORK/err")"
for chart in compare samples hist-syslat hist-q_system_touch_MARK3_ hist-x sweep; do
  [[ -s "$run/plots/$chart.png" && -s "$run/plots/$chart.svg" ]] || fail "no $chart chart: $(ls "$run/plots")"
done
safe_names_only "$run/plots"
grep -qF 'S.X`cd;touch MARK1`' "$run/plots/hist-syslat.svg" || fail "the panel title lost its test name"
grep -qF "S.it's" "$run/plots/hist-syslat.svg" || fail "the quote in a test name was not drawn"
ok "bench plot all: test and script names with backticks, quotes, \$() and newlines are drawn as text"

# 2. Option values: --name is refused unless it is a plain safe name; --title is drawn as text.
expect_status 2 "$BENCH" plot compare "$run/slow.csv" "$run/fast.csv" -o "$WORK/o1" \
  --name "x'; system('touch MARK4'); y='"
stderr_is_one_line "^error: bench plot: --name: '.*' is not a safe name"
no_command_ran "--name"
[[ ! -e "$WORK/o1" ]] || fail "a refused --name left $WORK/o1"
expect_status 2 "$BENCH" plot compare "$run/slow.csv" "$run/fast.csv" -o "$WORK/o1" --name ".hidden"
expect_status 2 "$BENCH" plot compare "$run/slow.csv" "$run/fast.csv" -o "$WORK/o1" --name "-dash"
expect_status 0 "$BENCH" plot compare "$run/slow.csv" "$run/fast.csv" -o "$WORK/o2" \
  --title "t'; system('touch MARK5'); y='"' and `touch MARK6` "q" \x'
no_command_ran "--title"
grep -qF "t'; system('touch MARK5'); y=' and \`touch MARK6\`" "$WORK/o2/compare.svg" ||
  fail "--title was not drawn as given"
expect_status 0 "$BENCH" plot sweep "$run/demo.csv" -o "$WORK/o3" --prefix 'WriteSize.Bytes/' \
  --title '$(touch MARK7)'
expect_status 2 "$BENCH" plot sweep "$run/demo.csv" -o "$WORK/o3" --prefix "W'\`touch MARK8\`"
expect_status 2 "$BENCH" plot hist "$HIST" -o "$WORK/o3" --syscall "w'\`touch MARK9\`"
expect_status 2 "$BENCH" plot hist "$HIST" -o "$WORK/o3" --map "@m'\`touch MARK10\`"
expect_status 2 "$BENCH" plot overhead "$FIX/overhead" -o "$WORK/o3" --case "C'\`touch MARK11\`"
no_command_ran "--prefix, --syscall, --map, --case"
ok "--name must be a safe file name; --title, --prefix, --syscall, --map and --case are data, never code"

# 3. Input file names and test names in a CSV with quotes and backticks.
quoted="$WORK/it's \`touch MARK12\` \$(touch MARK13).csv"
cp "$run/slow.csv" "$quoted"
sed 's/^BpftraceProfiler\.ManySmallWrites,/"B.M`touch MARK14`'"'"'",/' "$run/demo.csv" >"$WORK/names.csv"
expect_status 0 "$BENCH" plot compare "$quoted" "$run/fast.csv" -o "$WORK/o4"
expect_status 0 "$BENCH" plot samples "$WORK/names.csv" "$quoted" -o "$WORK/o4"
no_command_ran "input file names"
grep -qF "baseline: it's \`touch MARK12\`" "$WORK/o4/compare.svg" || fail "the file name did not reach the key"
grep -qF "B.M\`touch MARK14\`'" "$WORK/o4/samples.svg" || fail "the test name did not reach the tics"
safe_names_only "$WORK/o4"
ok "file names and test names with quotes and backticks are drawn as text"

# 4. A templates folder whose path has a quote and a backtick still loads style.gp.
tpl="$WORK/tp'l \`touch MARK15\`"
mkdir "$tpl" && cp "$SYSCOST_SOURCE_DIR"/plots/*.gp "$tpl/"
BENCH_PLOTS_DIR="$tpl" expect_status 0 "$BENCH" plot compare "$run/slow.csv" "$run/fast.csv" -o "$WORK/o5"
no_command_ran "BENCH_PLOTS_DIR"
[[ -s "$WORK/o5/compare.png" ]] || fail "no chart with a quoted templates path"
ok "a templates path with a quote and a backtick is not code either"

# 5. A run folder whose plots/ links elsewhere: plot all refuses to write through it.
mkdir "$WORK/elsewhere" "$WORK/run2"
cp "$FIX/demo.csv" "$WORK/run2/"
ln -s "$WORK/elsewhere" "$WORK/run2/plots"
expect_status 2 "$BENCH" plot all "$WORK/run2"
stderr_is_one_line "^error: $WORK/run2/plots is a symbolic link, not a directory"
[[ -z $(ls -A "$WORK/elsewhere") ]] || fail "charts were written through the link: $(ls -A "$WORK/elsewhere")"
ok "a plots/ link out of the run folder is refused, nothing written through it"
