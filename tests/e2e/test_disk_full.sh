#!/usr/bin/env bash
# Output that cannot be written (/dev/full, a read-only directory): a clear error, status 2, nothing lost.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

expect_status 2 "$DEMO" --quick --gtest_filter='*Single*' --csv /dev/full
grep -q "^error: cannot write /dev/full: No space left on device" "$WORK/err" || fail "$(cat "$WORK/err")"
[[ -c /dev/full ]] || fail "/dev/full is no longer a character device"
ok "--csv /dev/full: clear error, status 2, /dev/full still a device"

if [[ $(id -u) -ne 0 ]]; then
  mkdir "$WORK/ro" && echo "old" >"$WORK/ro/r.csv" && chmod 555 "$WORK/ro"
  expect_status 2 "$DEMO" --quick --gtest_filter='*Single*' --csv "$WORK/ro/r.csv"
  grep -q "cannot write $WORK/ro/r.csv: Permission denied" "$WORK/err" || fail "$(cat "$WORK/err")"
  [[ $(cat "$WORK/ro/r.csv") == old ]] || fail "old file changed"
  ok "read-only directory: clear error, old file untouched"
else
  # Root ignores permissions: a full filesystem is the honest test here.
  mkdir "$WORK/small"
  mount -t tmpfs -o size=64k tmpfs "$WORK/small" || skip "cannot mount a tmpfs for the disk-full case"
  trap 'umount "$WORK/small" 2>/dev/null; cleanup' EXIT
  echo "old" >"$WORK/small/r.csv"
  dd if=/dev/zero of="$WORK/small/fill" bs=4k 2>/dev/null || true
  expect_status 2 "$DEMO" --quick --gtest_filter='*Single*' --csv "$WORK/small/r.csv"
  grep -q "cannot write $WORK/small/r.csv: No space left on device" "$WORK/err" || fail "$(cat "$WORK/err")"
  [[ $(cat "$WORK/small/r.csv") == old ]] || fail "old file changed on a full disk"
  [[ -z $(find "$WORK/small" -name '*.tmp.*') ]] || fail "temporary file left on the full disk"
  ok "full filesystem: clear error, old file untouched, no temporary file"
fi
