#!/usr/bin/env bash
# bench fleet on fixture run folders: cases aligned and normalised by each run's null syscall, the fingerprint lines that differ, fleet.md/.html/.png written whole; a folder that is not a run, runs with no case in common, a run without a null syscall and a missing fingerprint each get one clear line, exit 2 only where nothing can be compared.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
command -v gnuplot >/dev/null || skip "gnuplot is needed for the fleet chart"

# run DIR NULL_NS WRITE_NS [env lines...]: a run folder with the Syscall suite
# (NULL_NS 0: no Syscall.Null) and the walkthrough's 1024 one-byte writes.
run() {
  local dir=$1 null=$2 write=$3
  shift 3
  mkdir -p "$dir"
  {
    echo "test,wallMedian,syscallsPerCall"
    [[ $null == 0 ]] || echo "Syscall.Null,$(awk -v n="$null" 'BEGIN { print n / 1e3 }'),1"
    echo "Syscall.ClockGettimeVdso,0.020,0"
    echo "Syscall.WriteDevNull,$(awk -v n="$write" 'BEGIN { print n / 1e3 }'),1"
    echo "BpftraceProfiler.ManySmallWrites,$(awk -v n="$write" 'BEGIN { print n * 1024 / 1e3 }'),1024"
  } >"$dir/demo.csv"
  if (($#)); then printf '%s\n' "$@" >"$dir/env.txt"; fi
}

run "$WORK/native" 80 140 "kernel: 6.18" "seccomp: 0 (disabled)" "vulnerabilities spectre_v2: Mitigation: Retpolines"
run "$WORK/compose" 120 200 "kernel: 6.18" "seccomp: 2 (filter)" "vulnerabilities spectre_v2: Mitigation: Retpolines"
run "$WORK/unconfined" 84 150 "kernel: 6.18" "seccomp: 0 (disabled)" "vulnerabilities spectre_v2: Mitigation: Retpolines"

# 1. Three runs: aligned, normalised, the seccomp line listed; every file written.
out=$WORK/fleet
expect_status 0 "$BENCH" fleet -o "$out" "$WORK/native" "$WORK/compose" "$WORK/unconfined"
grep -Eq "^Syscall\.WriteDevNull +syscall +140 ns \(1\.75x null\) +200 ns \(1\.67x null\) +150 ns \(1\.79x null\)$" "$WORK/out" \
  || fail "the write is not normalised by each run's own null syscall: $(cat "$WORK/out")"
grep -Eq "^BpftraceProfiler\.ManySmallWrites +syscall +140 ns \(1\.75x null\)" "$WORK/out" \
  || fail "a case of 1024 syscalls is not per syscall: $(cat "$WORK/out")"
grep -q "^widest gap: Syscall.WriteDevNull, 1.43x in ns, 1.07x in null-syscall units: most of the gap is the cost of entering and leaving the kernel$" "$WORK/out" \
  || fail "the widest gap is not put down to the kernel entry: $(cat "$WORK/out")"
grep -Eq "^seccomp +may +0 \(disabled\) +2 \(filter\) +0 \(disabled\)$" "$WORK/out" \
  || fail "the seccomp difference is not listed: $(cat "$WORK/out")"
grep -q "vulnerabilities" "$WORK/out" && fail "a line that is the same everywhere is listed as a difference: $(cat "$WORK/out")"
if grep -v "^wrote " "$WORK/err" | grep -q .; then fail "warnings on good runs: $(cat "$WORK/err")"; fi
for f in fleet.md fleet.html fleet.png fleet.svg; do [[ -s $out/$f ]] || fail "$f not written"; done
[[ $(find "$out" -name '.*' | wc -l) -eq 0 ]] || fail "a staging folder is left: $(ls -a "$out")"
head -c 8 "$out/fleet.png" | od -An -c | grep -q "P   N   G" || fail "fleet.png is not a PNG"
grep -q 'src="data:image/png;base64,' "$out/fleet.html" || fail "fleet.html does not inline the chart"
grep -q '^| `Syscall.Null` ' "$out/fleet.md" || fail "fleet.md has no cases table: $(cat "$out/fleet.md")"
grep -q "^- \*\*compose\*\*: \`$WORK/compose\`, null syscall 120 ns$" "$out/fleet.md" || fail "fleet.md does not name the runs: $(cat "$out/fleet.md")"
ok "three runs aligned and normalised by their own null syscall; fleet.md, fleet.html, fleet.png and fleet.svg"

expect_status 0 "$BENCH" fleet -o "$out" --format json "$WORK/native" "$WORK/compose"
python3 - "$WORK/out" <<'PY' || fail "the JSON does not carry the ratios: $(cat "$WORK/out")"
import json, sys
d = json.load(open(sys.argv[1]))
w = next(c for c in d["cases"] if c["test"] == "Syscall.WriteDevNull")
assert abs(w["native"]["ns"] - 140) < 1e-6 and abs(w["compose"]["null_ratio"] - 200 / 120) < 1e-4, w
assert d["fingerprints"][0]["key"] == "seccomp" and d["fingerprints"][0]["changes_cost"] is True, d["fingerprints"]
PY
ok "--format json: ns and null_ratio per run, the fingerprint differences"

# 2. A folder that is not a run: one line, the others compared.
mkdir -p "$WORK/not-a-run"
expect_status 0 "$BENCH" fleet -o "$out" "$WORK/native" "$WORK/not-a-run" "$WORK/compose"
grep -c "^warning: " "$WORK/err" | grep -qx 1 || fail "not one warning: $(cat "$WORK/err")"
grep -q "^warning: $WORK/not-a-run: not a run folder: it has no demo.csv (make demo-09 writes one); left out$" "$WORK/err" \
  || fail "the folder that is not a run is not named: $(cat "$WORK/err")"
ok "a folder that is not a run: one warning, the other runs compared"

# With one run left nothing can be compared: exit 2, one line, nothing written.
expect_status 2 "$BENCH" fleet -o "$WORK/nothing" "$WORK/native" "$WORK/not-a-run"
grep -v "^warning: " "$WORK/err" >"$WORK/err2"; mv "$WORK/err2" "$WORK/err"
stderr_is_one_line "^error: bench fleet: 1 of the 2 folders is a run: bench fleet needs two or more$"
[[ ! -e $WORK/nothing ]] || fail "an output folder was made for nothing: $(ls -a "$WORK/nothing")"
ok "one run left: exit 2 with one line, nothing written"

# 3. Two runs with no case in common.
mkdir -p "$WORK/other"
printf 'test,wallMedian,syscallsPerCall\nSomething.Else,1,1\n' >"$WORK/other/demo.csv"
expect_status 2 "$BENCH" fleet -o "$WORK/nothing" "$WORK/native" "$WORK/other"
stderr_is_one_line "^error: bench fleet: no case is in two of the runs: nothing to set side by side \(are they runs of the same demo\?\)$"
[[ ! -e $WORK/nothing ]] || fail "an output folder was made for nothing"
ok "no case in common: exit 2 with one line"

# 4. A run without a null syscall, and one without a fingerprint: said, still compared raw.
run "$WORK/no-null" 0 150 "kernel: 6.18" "seccomp: 0 (disabled)"
run "$WORK/no-env" 90 160
expect_status 0 "$BENCH" fleet -o "$out" "$WORK/native" "$WORK/no-null" "$WORK/no-env"
grep -q "^warning: $WORK/no-null: no Syscall.Null case: its costs cannot be normalised by its own null syscall; its raw costs are compared$" "$WORK/err" \
  || fail "the run without a null syscall is not said: $(cat "$WORK/err")"
grep -q "^warning: $WORK/no-env: no env.txt: its fingerprint is unknown and left out of the differences$" "$WORK/err" \
  || fail "the missing fingerprint is not said: $(cat "$WORK/err")"
[[ $(grep -c "^warning: " "$WORK/err") -eq 2 ]] || fail "not one line each: $(cat "$WORK/err")"
grep -Eq "^Syscall\.WriteDevNull +syscall +140 ns \(1\.75x null\) +150 ns +160 ns \(1\.78x null\)$" "$WORK/out" \
  || fail "the raw cost of the run without a null syscall is not compared: $(cat "$WORK/out")"
grep -q "Not normalised (no Syscall.Null): no-null" "$out/fleet.titles.dat" || fail "the chart does not say which run is raw"
ok "no null syscall: compared raw and said so; no env.txt: said so"

# 5. Names from the files reach Markdown, HTML and gnuplot as data.
mkdir -p "$WORK/evil"
for d in native compose; do
  cp "$WORK/$d/demo.csv" "$WORK/evil/$d.csv"
  printf '"Syscall.Evil""|<b>`x` $(id)",0.5,1\n' >>"$WORK/evil/$d.csv"
  mkdir -p "$WORK/evil/$d\`\$(touch $WORK/pwned)"
  cp "$WORK/evil/$d.csv" "$WORK/evil/$d\`\$(touch $WORK/pwned)/demo.csv"
done
expect_status 0 "$BENCH" fleet -o "$WORK/evil-out" "$WORK/evil/native\`\$(touch $WORK/pwned)" "$WORK/evil/compose\`\$(touch $WORK/pwned)"
[[ ! -e $WORK/pwned ]] || fail "a folder name ran as code"
grep -q '&lt;b&gt;' "$WORK/evil-out/fleet.html" || fail "a case name is not escaped in fleet.html"
grep -q '<b>' "$WORK/evil-out/fleet.html" && fail "a case name reached fleet.html as markup"
[[ -s $WORK/evil-out/fleet.png ]] || fail "the chart was not drawn with a hostile case name: $(cat "$WORK/err")"
ok "hostile case and folder names: escaped in HTML, data to gnuplot, nothing run"
