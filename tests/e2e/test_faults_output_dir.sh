#!/usr/bin/env bash
# Output directory missing, partly there, read-only, or a directory given as the file: one clear error, exit 2, before any case runs, nothing lost.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

RUN=("$DEMO" --quick --gtest_filter='*SingleBatchedWrite*')

# error_line_is PATTERN: stderr holds exactly one "error:" line and it matches
# (the environment warnings printed before it are not about the output).
error_line_is() {
  local n
  n=$(grep -c '^error:' "$WORK/err" || true)
  [[ $n -eq 1 ]] || fail "expected one error line on stderr, got $n: $(cat "$WORK/err")"
  grep -Eq -- "$1" "$WORK/err" || fail "stderr '$(grep '^error:' "$WORK/err")' does not match /$1/"
}

# no_case_ran: the refusal came before measuring (no result line on stdout).
no_case_ran() {
  ! grep -q 'SingleBatchedWrite' "$WORK/out" || fail "$1: a case ran before the output was refused: $(cat "$WORK/out")"
}

mkdir -p "$WORK/part"
expect_status 2 "${RUN[@]}" --csv "$WORK/part/missing/sub/r.csv"
error_line_is "^error: cannot write $WORK/part/missing/sub/r.csv: directory $WORK/part/missing/sub does not exist$"
no_case_ran "missing directory"
[[ ! -e $WORK/part/missing ]] || fail "a directory was created for --csv"
ok "--csv in a partly existing path: '$(grep '^error:' "$WORK/err")'"

expect_status 2 "${RUN[@]}" --csv "$WORK/part/r.csv" --json "$WORK/nope/r.json"
error_line_is "^error: cannot write $WORK/nope/r.json: directory $WORK/nope does not exist$"
[[ -z $(ls -A "$WORK/part") ]] || fail "--json refused but the CSV side left files: $(ls -A "$WORK/part")"
ok "--json in a missing directory: '$(grep '^error:' "$WORK/err")', no CSV or temporary file left"

expect_status 2 "${RUN[@]}" --csv "$WORK/part"
error_line_is "^error: $WORK/part: is a directory, not a file$"
ok "--csv naming a directory: '$(grep '^error:' "$WORK/err")'"

mkdir "$WORK/ro"
echo "old results" >"$WORK/ro/r.csv"
if [[ $(id -u) -eq 0 ]]; then
  # Root writes through permission bits: a read-only bind mount in a private
  # mount namespace is a directory root cannot write either.
  if unshare -m true 2>/dev/null; then
    expect_status 2 unshare -m --propagation private bash -c \
      'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" || exit 97; shift; exec "$@"' \
      _ "$WORK/ro" "${RUN[@]}" --csv "$WORK/ro/r.csv"
    error_line_is "^error: cannot write $WORK/ro/r.csv: Read-only file system$"
    no_case_ran "read-only mount"
    [[ $(cat "$WORK/ro/r.csv") == "old results" ]] || fail "read-only mount: old file changed"
    ok "read-only mount: '$(grep '^error:' "$WORK/err")', old file untouched"
  else
    echo "SKIP part: unshare -m is not permitted here (read-only mount case)"
  fi
  if command -v setpriv >/dev/null && setpriv --reuid=nobody --regid=nogroup --clear-groups true 2>/dev/null &&
     setpriv --reuid=nobody --regid=nogroup --clear-groups test -x "$DEMO"; then
    chmod 555 "$WORK/ro"
    chmod 755 "$WORK"
    expect_status 2 setpriv --reuid=nobody --regid=nogroup --clear-groups "${RUN[@]}" --csv "$WORK/ro/r.csv"
    error_line_is "^error: cannot write $WORK/ro/r.csv: Permission denied$"
    no_case_ran "read-only directory"
    [[ $(cat "$WORK/ro/r.csv") == "old results" ]] || fail "read-only directory: old file changed"
    ok "read-only directory (as nobody): '$(grep '^error:' "$WORK/err")', old file untouched"
  else
    echo "SKIP part: cannot run the program as nobody (setpriv missing or the build tree unreadable to nobody)"
  fi
else
  chmod 555 "$WORK/ro"
  expect_status 2 "${RUN[@]}" --csv "$WORK/ro/r.csv"
  error_line_is "^error: cannot write $WORK/ro/r.csv: Permission denied$"
  no_case_ran "read-only directory"
  [[ $(cat "$WORK/ro/r.csv") == "old results" ]] || fail "read-only directory: old file changed"
  ok "read-only directory: '$(grep '^error:' "$WORK/err")', old file untouched"
fi
chmod 755 "$WORK/ro"
