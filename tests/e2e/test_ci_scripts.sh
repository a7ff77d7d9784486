#!/usr/bin/env bash
# CI scripts without an engine: the base-image script refuses an unknown suite, a bad tag or extra arguments with one line and exit 2 before touching anything, and a failed debootstrap or import (mirror unreachable, disk full) is one error line with no tag made; other releases' sources come from the machine's mirrors.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SRC=$SYSCOST_SOURCE_DIR
MAKE_BASE=$SRC/ci/make-base-image.sh

# Stand-ins on PATH: a docker that answers and logs every call, and a debootstrap whose outcome
# each case picks, so the script's own logic runs without an engine or a mirror.
fake=$WORK/fake-bin
mkdir -p "$fake"
cat >"$fake/docker" <<'FAKE'
#!/bin/bash
echo "docker $*" >>"$FAKE_LOG"
case "$1 ${2:-}" in
  "version "*) echo 99.0 ;;
  "image inspect") exit 1 ;; # no such image yet
  "import "*) cat >/dev/null; [[ $FAKE_IMPORT == ok ]] || { echo "write /var/lib/docker/tmp: no space left on device" >&2; exit 1; }; echo sha256:feed ;;
esac
FAKE
cat >"$fake/debootstrap" <<'FAKE'
#!/bin/bash
echo "debootstrap $*" >>"$FAKE_LOG"
target=${@: -2:1}
case $FAKE_DEBOOTSTRAP in
  ok) mkdir -p "$target/etc/apt" "$target/var/lib/apt/lists" && echo hello >"$target/etc/hostname" ;;
  unreachable) echo "E: Failed getting release file ${@: -1}/dists/trixie/Release"; exit 1 ;;
  full) mkdir -p "$target"; echo "tar: ./usr/bin/perl: Cannot write: No space left on device"; exit 1 ;;
esac
FAKE
chmod +x "$fake/docker" "$fake/debootstrap"
export FAKE_LOG=$WORK/calls FAKE_IMPORT=ok FAKE_DEBOOTSTRAP=ok TMPDIR=$WORK/tmp
mkdir -p "$TMPDIR"
run_base() { : >"$FAKE_LOG"; PATH="$fake:$PATH" expect_status "$@"; }

# Bad input: one line, exit 2, and neither docker nor debootstrap was run.
for args in "bogus" "syscost/base:bookworm" "bookworm Bad:Tag" "bookworm syscost/base:x extra"; do
  read -r -a a <<<"$args"
  run_base 2 "$MAKE_BASE" "${a[@]}"
  stderr_is_one_line '^make-base-image\.sh: error: .+'
  [[ ! -s $FAKE_LOG ]] || fail "'$args' ran $(head -n1 "$FAKE_LOG") before refusing the arguments"
done
grep -q "unknown suite 'syscost/base:bookworm'; usage: ci/make-base-image.sh \[SUITE \[TAG\]\] with SUITE one of: bookworm trixie" <(
  PATH="$fake:$PATH" "$MAKE_BASE" syscost/base:bookworm 2>&1) || fail "the unknown-suite line does not name the suites"
ok "unknown suite, bad tag, extra argument: one line, exit 2, nothing run"

if [[ $(id -u) -ne 0 ]]; then
  ok "(the fault cases below need root: the script refuses debootstrap without it)"
  exit 0
fi

# error_line: the one "error:" line; the lines before it are progress.
error_line() {
  [[ $(grep -c 'error:' "$WORK/err") -eq 1 ]] || fail "expected one error line, got: $(cat "$WORK/err")"
  grep 'error:' "$WORK/err"
}
# no_tag WHAT: neither a `docker tag` nor an import that names the tag itself.
no_tag() {
  ! grep -E '^docker (tag|import .* syscost/base:e2e$)' "$FAKE_LOG" || fail "$1: the tag was set (calls above)"
}
no_leftovers() { [[ -z $(find "$TMPDIR" -mindepth 1 -name 'syscost-rootfs.*') ]] || fail "$1: the root file system was left in $TMPDIR"; }

FAKE_DEBOOTSTRAP=unreachable run_base 2 env MIRROR=http://127.0.0.1:9/debian "$MAKE_BASE" trixie syscost/base:e2e
line=$(error_line)
[[ $line == *"debootstrap of trixie from http://127.0.0.1:9/debian failed"*"E: Failed getting release file"*"full log: $TMPDIR/syscost-base-trixie.log" ]] ||
  fail "unreachable mirror: $line"
[[ -s $TMPDIR/syscost-base-trixie.log ]] || fail "the debootstrap log was not kept"
no_tag "unreachable mirror"; no_leftovers "unreachable mirror"
ok "unreachable mirror: one error line naming the mirror and debootstrap's reason, the log kept, no tag"

FAKE_DEBOOTSTRAP=full run_base 2 env MIRROR=http://mirror.invalid/debian "$MAKE_BASE" bookworm syscost/base:e2e
[[ $(error_line) == *"No space left on device"* ]] || fail "disk full in debootstrap: $(cat "$WORK/err")"
no_tag "disk full in debootstrap"; no_leftovers "disk full in debootstrap"
ok "disk full during debootstrap: one error line saying so, no tag"

FAKE_IMPORT=full run_base 2 env MIRROR=http://mirror.invalid/debian "$MAKE_BASE" bookworm syscost/base:e2e
[[ $(error_line) == *"docker import of the bookworm root file system failed"*"no space left on device"* ]] ||
  fail "disk full in import: $(cat "$WORK/err")"
no_tag "disk full in import"; no_leftovers "disk full in import"
ok "disk full during docker import: one error line, no tag"

run_base 0 env MIRROR=http://mirror.invalid/debian "$MAKE_BASE" bookworm syscost/base:e2e
grep -qx 'docker tag sha256:feed syscost/base:e2e' "$FAKE_LOG" || fail "a good import was not tagged: $(cat "$FAKE_LOG")"
ok "a good build imports untagged, then tags"

# Another release's sources: the machine's Debian mirrors with the release renamed; a vendor's
# repository (no main component) is left out. Both apt source formats.
apt=$WORK/apt
mkdir -p "$apt/sources.list.d"
cat >"$apt/sources.list" <<'LIST'
deb http://mirror.example/debian bookworm main contrib
deb [arch=amd64] http://mirror.example/debian bookworm-updates main
deb https://vendor.example/apt bookworm stable
LIST
cat >"$apt/sources.list.d/debian.sources" <<'LIST'
Types: deb
URIs: http://security.example/debian-security
Suites: bookworm-security
Components: main
LIST
got=$(source "$SRC/ci/lib.sh" && suite_sources trixie "$apt" bookworm)
want=$'http://mirror.example/debian trixie main contrib\nhttp://mirror.example/debian trixie-updates main\nhttp://security.example/debian-security trixie-security main'
[[ $got == "$want" ]] || fail "trixie from bookworm's sources: got '$got', want '$want'"
got=$(source "$SRC/ci/lib.sh" && apt_mirror bookworm "$apt" bookworm)
[[ $got == http://mirror.example/debian ]] || fail "bookworm's own mirror: got '$got'"
got=$(source "$SRC/ci/lib.sh" && suite_sources trixie "$apt" noble)
[[ -z $got ]] || fail "no Debian mirror for the host's release: expected nothing, got '$got'"
ok "another release comes from the machine's Debian mirrors (both source formats), vendors left out"

expect_status 2 "$SRC/ci/install-container-tools.sh" --bogus
stderr_is_one_line "^install-container-tools\.sh: error: unknown argument '--bogus'"
ok "install-container-tools.sh refuses an unknown argument with one line"
