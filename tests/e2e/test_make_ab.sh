#!/usr/bin/env bash
# make ab's script refuses a BASELINE that is not a commit, or looks like an option, with one line and exit 2, before building anything; make ab without BASELINE says what to give.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
command -v git >/dev/null || skip "git is not installed"
git -C "$SYSCOST_SOURCE_DIR" rev-parse --git-dir >/dev/null 2>&1 || skip "the source is not a git checkout"

cd "$SYSCOST_SOURCE_DIR"
expect_status 2 src/tools/ab/ab.sh ab "$SYSCOST_BIN" 'no such ref' "$WORK/ab"
stderr_is_one_line "^error: make ab: BASELINE 'no such ref' is not a commit here"
expect_status 2 src/tools/ab/ab.sh ab "$SYSCOST_BIN" --upload-pack=x "$WORK/ab"
stderr_is_one_line "^error: make ab: BASELINE '--upload-pack=x' starts with '-'"
[[ ! -e $WORK/ab ]] || fail "a refused BASELINE wrote $WORK/ab"
ok "a BASELINE that is no commit, or an option: one line, exit 2, nothing written"

expect_status 2 src/tools/ab/ab.sh frob "$SYSCOST_BIN"
stderr_is_one_line "^error: ab.sh: unknown mode 'frob'"
ok "an unknown mode: one line, exit 2"
