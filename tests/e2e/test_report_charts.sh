#!/usr/bin/env bash
# bench report inlines only regular PNG files inside the run folder, at most 8 MiB: a chart linked to another file, to /dev/zero, a FIFO, a huge or a non-PNG file is skipped and named, and nothing else is read.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

FIX="$SYSCOST_SOURCE_DIR/tests/fixtures/report/full"
# A small file with a PNG signature: what the signature check alone would let through.
png() { printf '\x89PNG\r\n\x1a\n%s' "$2" >"$1"; }
# bench report, bounded: /dev/zero read whole would eat memory at ~1 GB/s.
report() {
  if sanitized_build; then
    expect_status "$1" timeout 60 "$BENCH" report "$2"
  else
    expect_status "$1" bash -c 'ulimit -v 2000000; exec timeout 60 "$0" report "$1"' "$BENCH" "$2"
  fi
}

run="$WORK/run"
cp -r "$FIX" "$run"
mkdir "$run/plots"
png "$WORK/secret.png" "SECRET-OUTSIDE-THE-RUN"
ln -s "$WORK/secret.png" "$run/plots/compare.png"
ln -s /dev/zero "$run/plots/samples.png"
ln -s /etc/passwd "$run/plots/hist-syslat.png"
mkfifo "$run/plots/overhead.png"
png "$run/plots/sweep.png" "big"
truncate -s 9M "$run/plots/sweep.png"
report 0 "$run"
for chart in compare samples hist-syslat overhead sweep; do
  grep -q "^note: $run/plots/$chart.png: not inlined: " "$WORK/err" || fail "$chart: not named on stderr: $(cat "$WORK/err")"
  grep -q "^Chart \`plots/$chart.png\` not shown: " "$run/REPORT.md" || fail "$chart: not named in REPORT.md"
done
[[ $(wc -l <"$WORK/err") -eq 5 ]] || fail "stderr: $(cat "$WORK/err")"
grep -q "compare.png is a symbolic link" "$WORK/err" || fail "$(cat "$WORK/err")"
grep -q "overhead.png: not inlined: not a regular file" "$WORK/err" || fail "$(cat "$WORK/err")"
grep -q "sweep.png: not inlined: 9437184 bytes, over the 8 MiB limit" "$WORK/err" || fail "$(cat "$WORK/err")"
! grep -q 'data:image' "$run/REPORT.html" || fail "REPORT.html inlined a refused chart"
! grep -qF "$(base64 -w0 "$WORK/secret.png" | head -c 24)" "$run/REPORT.html" || fail "the outside file is in REPORT.html"
! grep -q "$(head -c 12 /etc/passwd | base64 -w0 | head -c 12)" "$run/REPORT.html" || fail "/etc/passwd is in REPORT.html"
ok "linked, special, huge and outside charts are named, skipped, and not read"

# A plots/ folder that is itself a link out of the run folder.
run2="$WORK/run2"
cp -r "$FIX" "$run2"
mkdir "$WORK/elsewhere"
png "$WORK/elsewhere/compare.png" "SECRET-OUTSIDE-THE-RUN"
ln -s "$WORK/elsewhere" "$run2/plots"
report 0 "$run2"
grep -q "plots is a symbolic link" "$WORK/err" || fail "plots/ link: $(cat "$WORK/err")"
! grep -q 'data:image' "$run2/REPORT.html" || fail "a chart behind a linked plots/ was inlined"
ok "a plots/ folder linked out of the run folder is not followed"

# A chart that is a regular file but not a PNG, and one that is: only the PNG goes in.
run3="$WORK/run3"
cp -r "$FIX" "$run3"
mkdir "$run3/plots"
echo "root:x:0:0:not a chart" >"$run3/plots/compare.png"
png "$run3/plots/samples.png" "a chart"
report 0 "$run3"
stderr_is_one_line "^note: $run3/plots/compare.png: not inlined: not a PNG file"
[[ $(grep -c 'src="data:image/png;base64,' "$run3/REPORT.html") -eq 1 ]] || fail "the PNG was not inlined"
grep -qF "$(base64 -w0 "$run3/plots/samples.png")" "$run3/REPORT.html" || fail "the PNG's bytes are not in REPORT.html"
ok "a regular file without a PNG signature is skipped; a PNG is inlined whole"

# Report files that are links are refused, not written through.
rm "$run3/REPORT.html"
ln -s /dev/null "$run3/REPORT.html"
expect_status 2 "$BENCH" report "$run3"
stderr_is_one_line "REPORT.html is a symbolic link, not a regular file"
[[ -L "$run3/REPORT.html" ]] || fail "the link was replaced"
ok "a REPORT.html that is a link is refused with one line"
