#!/usr/bin/env bash
# /dev/null unusable (read-only, or a regular file mounted over it): the cases FAIL naming /dev/null, exit 1, old CSV kept.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

need_root "a private mount namespace (unshare -m) to cover /dev/null"
command -v unshare >/dev/null || skip "unshare (util-linux) is missing"
unshare -m true 2>/dev/null || skip "unshare -m is not permitted here"

echo "not a device" >"$WORK/bogus"
CASES='BpftraceProfiler.*'

# run_covered MOUNT_OPTS: the benchmark with $WORK/bogus bind-mounted over
# /dev/null in a mount namespace of its own (the host's /dev/null is not touched).
run_covered() {
  local remount=$1
  echo "old results" >"$WORK/r.csv"
  expect_status 1 unshare -m --propagation private bash -c '
    mount --bind "$1" /dev/null || exit 97
    if [[ $2 == ro ]]; then mount -o remount,bind,ro /dev/null || exit 97; fi
    shift 2
    exec "$@"' _ "$WORK/bogus" "$remount" \
    "$DEMO" --quick --gtest_filter="$CASES" --csv "$WORK/r.csv"
  [[ $(cat "$WORK/r.csv") == "old results" ]] || fail "$remount: the old CSV was replaced: $(cat "$WORK/r.csv")"
  [[ -z $(find "$WORK" -name '*.tmp.*') ]] || fail "$remount: temporary file left"
  grep -q "no result file was written" "$WORK/err" || fail "$remount: no note that nothing was written: $(cat "$WORK/err")"
}

run_covered ro
for c in ManySmallWrites SingleBatchedWrite; do
  grep -Eq "BpftraceProfiler\.$c +FAILED: cannot open /dev/null for writing: Read-only file system" "$WORK/out" ||
    fail "read-only /dev/null: no clear FAILED line for $c: $(cat "$WORK/out")"
done
ok "read-only /dev/null: both cases FAILED naming /dev/null, exit 1, old CSV untouched"

run_covered rw
for c in ManySmallWrites SingleBatchedWrite; do
  grep -Eq "BpftraceProfiler\.$c +FAILED: /dev/null is not a character device" "$WORK/out" ||
    fail "regular file over /dev/null: no clear FAILED line for $c: $(cat "$WORK/out")"
done
[[ $(cat "$WORK/bogus") == "not a device" ]] || fail "the cases wrote into the file mounted over /dev/null"
ok "regular file over /dev/null: both cases FAILED naming /dev/null, nothing timed into the file"

[[ -c /dev/null ]] || fail "the host's /dev/null is no longer a character device"
ok "the host's /dev/null is untouched"
