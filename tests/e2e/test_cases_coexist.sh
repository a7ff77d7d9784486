#!/usr/bin/env bash
# All cases set up at once for the rounds: reader threads keep their own fd table, and a case failing mid-rounds is reported while the others finish.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# While the measuring thread shares its fd table, each write() pays for a
# reference on the file; so every reader thread holds a table of its own,
# with its one fd.
"$DEMO" --gtest_filter='Sink.Pipe/*:Sink.UnixSocket/OneByte:Sink.Pty/OneByte:Telemetry.Udp/Sendmmsg' \
  --cycles 20000 --warmup 1 --repeats 3 >"$WORK/log" 2>&1 &
pid=$!
CLEANUP_PIDS+=("$pid")
wait_measuring "$pid" "$WORK/log"
readers=0
for task in /proc/"$pid"/task/*; do
  tid=${task##*/}
  [[ $tid == "$pid" ]] && continue
  n=$(find "$task/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
  [[ $n -eq 1 ]] || fail "reader thread $tid sees $n fds: $(ls -l "$task/fd" 2>&1 | head -20)"
  readers=$((readers + 1))
done
kill -TERM "$pid"
wait "$pid" || true
[[ $readers -eq 5 ]] || fail "expected 5 reader threads, found $readers"
ok "5 reader threads alive at once, each with an fd table of its own fd only"

need_root "a private mount namespace (unshare -m) with a small tmpfs on /dev/shm"
command -v unshare >/dev/null || skip "unshare (util-linux) is missing"
unshare -m true 2>/dev/null || skip "unshare -m is not permitted here"
# Each Logging call writes about 60 KB: 256 KB of tmpfs fills up in the
# second round, so Logging cases fail mid-rounds while the /dev/null case,
# measured in the same rounds, completes all of them.
echo "old results" >"$WORK/r.csv"
expect_status 1 unshare -m --propagation private bash -c '
  mount -t tmpfs -o size=256k tmpfs /dev/shm || exit 97
  exec "$@"' _ "$DEMO" --gtest_filter='Logging.*:BpftraceProfiler.SingleBatchedWrite' \
  --cycles 1 --warmup 0 --repeats 10 --seed 3 --csv "$WORK/r.csv"
grep -Eq '^Logging\.Lines/[A-Za-z]+ +FAILED: .*No space left on device' "$WORK/out" ||
  fail "no FAILED line naming the full disk: $(cat "$WORK/out")"
[[ $(grep -c '' "$WORK/out") -eq 4 ]] || fail "expected one line per case: $(cat "$WORK/out")"
[[ $(csv_get "$WORK/r.csv" BpftraceProfiler.SingleBatchedWrite samples | tr ';' '\n' | wc -l) -eq 10 ]] ||
  fail "the case that did not fail lost repeats: $(cat "$WORK/r.csv")"
! grep -q "$(grep -Eo '^Logging\.Lines/[A-Za-z]+ +FAILED' "$WORK/out" | head -1 | cut -d' ' -f1)," "$WORK/r.csv" ||
  fail "a failed case has a row in the CSV"
ok "a case failing mid-rounds is FAILED with its reason; the others keep all their rounds; exit 1"
