#!/usr/bin/env bash
# Installs, with Debian's packages only, what `make cross-arm64` and `make test-arm64` need and the
# machine lacks: the aarch64 cross compilers, qemu-user (runs arm64 programs on this CPU), and the
# arm64 builds of the libraries the kit links (libbpf, libelf, zlib, liburing, googletest) through
# Debian multiarch (dpkg --add-architecture arm64). The host's own packages stay as they are: a
# Multi-Arch: same library is installed beside its native twin, at the same version.
#   ci/install-cross-arm64.sh           install what is missing (as root), or print the command
#   ci/install-cross-arm64.sh --check   exit 0 if everything is there, 1 (saying what is missing) if not
# Debian only: its mirrors carry every architecture. An Ubuntu machine keeps arm64 in a separate
# archive that its apt sources do not list, so there the script stops and says so.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=ci/lib.sh
. "$here/lib.sh"

check_only=0
case ${1:-} in
  "") ;;
  --check) check_only=1 ;;
  *) die "unknown argument '$1'; usage: ci/install-cross-arm64.sh [--check]" ;;
esac

native=(gcc-aarch64-linux-gnu g++-aarch64-linux-gnu qemu-user)
# The libraries of ci/install-deps.sh's list that the kit links, in their arm64 builds.
# libstdc++6:arm64: the C++ programs (unit tests, ptests) load it under qemu; the cross compiler's
# libstdc++6-arm64-cross sits in /usr/aarch64-linux-gnu, beside a loader the multiarch one is not.
arm64=(libbpf-dev:arm64 libelf-dev:arm64 zlib1g-dev:arm64 liburing-dev:arm64 libgtest-dev:arm64 libstdc++6:arm64)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
missing=()
for p in "${native[@]}" "${arm64[@]}"; do installed "$p" || missing+=("$p"); done
((${#missing[@]})) || exit 0
((!check_only)) || { say "missing for the arm64 build: ${missing[*]} (ci/install-cross-arm64.sh installs them)"; exit 1; }

# shellcheck disable=SC1091
os_id=$(. /etc/os-release && echo "${ID:-}")
[[ $os_id == debian ]] ||
  die "the arm64 cross build installs arm64 libraries from Debian's multiarch archive; this machine is '${os_id:-unknown}', not Debian: run it in a Debian 12 container (ci/make-base-image.sh bookworm), or on an arm64 machine run the kit natively"
if [[ $(id -u) != 0 ]]; then
  dpkg --print-foreign-architectures | grep -qx arm64 || say "first:  sudo dpkg --add-architecture arm64"
  die "missing: ${missing[*]}; install them with:  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}"
fi

export DEBIAN_FRONTEND=noninteractive
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  say "adding the arm64 architecture to dpkg (multiarch)"
  dpkg --add-architecture arm64
fi
say "installing: ${missing[*]}"
log=$(mktemp "${TMPDIR:-/tmp}/syscost-cross-arm64.XXXXXX")
trap 'rm -f "$log"' EXIT
apt-get update -qq >"$log" 2>&1 ||
  die "apt-get update failed: $(grep -m1 -E '^(E|W):' "$log" || tail -n1 "$log")"
# A native library newer than its arm64 twin (a backport, a local build) makes apt refuse the
# pair; apt's own line says which.
apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$log" 2>&1 ||
  die "apt-get install failed: $(grep -m1 -E '^E:|unmet dependencies|but it is not' "$log" || tail -n1 "$log")"
say "arm64 cross build: $(aarch64-linux-gnu-gcc --version | head -n1); $(qemu-aarch64 --version | head -n1)"
