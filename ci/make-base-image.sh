#!/usr/bin/env bash
# Builds a minimal Debian base image from the machine's own apt mirror (debootstrap + docker
# import), so the dev images build where no container registry is reachable. Skips an existing tag.
# Usage: ci/make-base-image.sh [SUITE [TAG]]
#   SUITE  bookworm (Debian 12) or trixie (Debian 13); default: this machine's release
#   TAG    default syscost/base:SUITE
#   env: MIRROR (default: the mirror the machine's apt sources use for SUITE, or for the
#        machine's own release), FORCE=1 rebuilds an existing tag (replaced only once built).
# Any failure (unknown suite, unreachable mirror, full disk) is one line, and no tag is left
# pointing at a half-made image.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=ci/lib.sh
. "$here/lib.sh"

# The releases the kit's dev images are tested on.
suites=(bookworm trixie)
usage="usage: ci/make-base-image.sh [SUITE [TAG]] with SUITE one of: ${suites[*]}"
(($# <= 2)) || die "too many arguments; $usage"
suite=${1:-$(os_codename)}
[[ -n $suite ]] || die "/etc/os-release has no VERSION_CODENAME, so name the suite; $usage"
[[ " ${suites[*]} " == *" $suite "* ]] || die "unknown suite '$suite'; $usage"
tag=${2:-syscost/base:$suite}
[[ $tag =~ ^[a-z0-9][a-z0-9._/-]*(:[A-Za-z0-9_][A-Za-z0-9._-]*)?$ ]] || die "'$tag' is not a valid image tag (name[:tag], lower case)"

docker_answers || die "no Docker engine answers: run ci/start-dockerd.sh first"
if [[ ${FORCE:-0} != 1 ]] && docker image inspect "$tag" >/dev/null 2>&1; then
  say "base image: $tag exists; skipping (FORCE=1 rebuilds it)"
  exit 0
fi
have debootstrap || die "debootstrap is missing: run ci/install-container-tools.sh"
[[ $(id -u) == 0 ]] || die "debootstrap needs root: sudo ci/make-base-image.sh $suite"

# The image keeps the machine's mirrors for this suite and its -updates/-security pockets,
# so apt inside the image reaches the same mirrors the machine itself uses.
image_sources=$(suite_sources "$suite")
MIRROR=${MIRROR:-$(awk -v s="$suite" '$2 == s { print $1; exit }' <<<"$image_sources")}
mirror_arg=("$MIRROR")
if [[ -z $MIRROR ]]; then
  # shellcheck disable=SC1091
  [[ $(. /etc/os-release && echo "${ID:-}") != debian ]] ||
    die "no apt source in /etc/apt names a Debian mirror for '$suite' or for this machine's release; set MIRROR=<Debian archive URL>"
  # Not a Debian machine (an Ubuntu CI runner): debootstrap's own default Debian mirror.
  MIRROR="debootstrap's default mirror"
  mirror_arg=()
fi
if [[ -z $image_sources ]] && ((${#mirror_arg[@]})); then image_sources="$MIRROR $suite main"; fi
components=$(awk -v s="$suite" '$2 == s { $1 = $2 = ""; gsub(/^ +| +$/, ""); gsub(/ +/, ","); print; exit }' <<<"$image_sources")

log_keep=${TMPDIR:-/var/tmp}/syscost-base-$suite.log
work=$(mktemp -d "${TMPDIR:-/var/tmp}/syscost-rootfs.XXXXXX") || die "cannot create a work folder in ${TMPDIR:-/var/tmp}"
rootfs=$work/rootfs
log=$work/build.log
cleanup() {
  # debootstrap can leave proc/sys mounted in the target on failure: unmount before deleting.
  if [[ -d $rootfs ]]; then
    { findmnt -rn -o TARGET | grep -F "$rootfs/" | sort -r || true; } |
      while read -r m; do umount -l "$m" || true; done
  fi
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT
# fail WHAT: one line, with the most telling message of the step that failed (a full disk first,
# then apt's first error, else the last line); the log is kept for reading.
fail() {
  local logs reason
  logs=$(cat "$log" "$rootfs/debootstrap/debootstrap.log" 2>/dev/null || true)
  reason=$(grep -i -m1 'no space left' <<<"$logs" || grep -m1 -E '^(E: |Error)' <<<"$logs" || tail -n1 <<<"$logs" || true)
  reason=$(head -n1 <<<"$reason" | cut -c1-200)
  cp "$log" "$log_keep" 2>/dev/null && reason+="${reason:+; }full log: $log_keep"
  die "$1${reason:+: $reason}"
}

say "base image: debootstrap --variant=minbase $suite from $MIRROR (components: ${components:-main})"
start=$SECONDS
debootstrap --variant=minbase --components="${components:-main}" "$suite" "$rootfs" "${mirror_arg[@]}" >"$log" 2>&1 ||
  fail "debootstrap of $suite from $MIRROR failed (a mirror it cannot reach, or a full disk?)"
say "base image: debootstrap took $((SECONDS - start)) s"
# With debootstrap's default mirror, the image keeps the source debootstrap wrote.
((${#mirror_arg[@]})) || image_sources=$(suite_sources "$suite" "$rootfs/etc/apt" "$suite")

{
  awk '{ print "deb " $0 }' <<<"$image_sources" >"$rootfs/etc/apt/sources.list" &&
    rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/debootstrap &&
    : >"$rootfs/etc/resolv.conf" # a container gets resolv.conf, hosts and hostname from the engine
} 2>>"$log" || fail "could not finish the $suite root file system in $rootfs"

# Import without a tag, then tag: a cut-short stream (full disk) must never carry the tag.
start=$SECONDS
: >"$log" # from here on the log holds only the import's messages
id=$(tar --numeric-owner --xattrs -C "$rootfs" -c . 2>>"$log" |
  docker import --change 'CMD ["/bin/bash"]' --change 'ENV LANG=C.UTF-8' \
    --message "debootstrap $suite minbase from the build machine's apt mirror" - 2>>"$log") || {
  [[ -z ${id:-} ]] || docker image rm "$id" >/dev/null 2>&1 || true
  fail "docker import of the $suite root file system failed"
}
docker tag "$id" "$tag" 2>>"$log" || { docker image rm "$id" >/dev/null 2>&1 || true; fail "could not tag $id as $tag"; }
say "base image: imported $tag in $((SECONDS - start)) s ($(docker image inspect --format '{{.Size}}' "$tag" | awk '{ printf "%.0f MB", $1 / 1e6 }'))"
