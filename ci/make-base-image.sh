#!/usr/bin/env bash
# Builds a minimal base image from the machine's own apt mirror (debootstrap + docker import),
# so the dev images build where no container registry is reachable. Skips an existing tag.
# Usage: ci/make-base-image.sh [TAG]   env: SUITE (default: this machine's codename),
#        MIRROR (default: read from apt sources), FORCE=1 rebuilds an existing tag.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=ci/lib.sh
. "$here/lib.sh"

# shellcheck disable=SC1091
suite=${SUITE:-$(. /etc/os-release && echo "${VERSION_CODENAME:-}")}
[[ -n $suite ]] || die "/etc/os-release has no VERSION_CODENAME; set SUITE=bookworm (or another debootstrap suite)"
tag=${1:-${SYSCOST_BASE_IMAGE:-syscost/base:$suite}}

docker_answers || die "no Docker engine answers: run ci/start-dockerd.sh first"
if [[ ${FORCE:-0} != 1 ]] && docker image inspect "$tag" >/dev/null 2>&1; then
  say "base image: $tag exists; skipping (FORCE=1 rebuilds it)"
  exit 0
fi
have debootstrap || die "debootstrap is missing: run ci/install-container-tools.sh"
[[ $(id -u) == 0 ]] || die "debootstrap needs root"

sources=$("$here/apt-sources.sh")
if [[ -z ${MIRROR:-} ]]; then
  MIRROR=$(awk -v s="$suite" '$2 == s { print $1; exit }' <<<"$sources")
  [[ -n $MIRROR ]] || die "no apt source in /etc/apt lists suite '$suite'; set MIRROR=<archive URL> or SUITE=<a listed suite>"
fi
# The image keeps the machine's entries for this suite and its -updates/-security pockets,
# so apt inside the image reaches the same mirrors the machine itself uses.
image_sources=$(awk -v s="$suite" '$2 == s || index($2, s "-") == 1 { print "deb " $0 }' <<<"$sources")
[[ -n $image_sources ]] || image_sources="deb $MIRROR $suite main"
components=$(awk -v s="$suite" '$2 == s { $1 = $2 = ""; gsub(/^ +| +$/, ""); gsub(/ +/, ","); print; exit }' <<<"$sources")

work=$(mktemp -d "${TMPDIR:-/var/tmp}/syscost-rootfs.XXXXXX")
rootfs=$work/rootfs
cleanup() {
  # debootstrap can leave proc/sys mounted in the target on failure: unmount before deleting.
  if [[ -d $rootfs ]]; then
    { findmnt -rn -o TARGET | grep -F "$rootfs/" | sort -r || true; } |
      while read -r m; do umount -l "$m" || true; done
  fi
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT

say "base image: debootstrap --variant=minbase $suite from $MIRROR (components: ${components:-main})"
start=$SECONDS
if ! debootstrap --variant=minbase --components="${components:-main}" "$suite" "$rootfs" "$MIRROR" >"$work/debootstrap.log" 2>&1; then
  tail -n 30 "$work/debootstrap.log" >&2
  [[ -f $rootfs/debootstrap/debootstrap.log ]] && tail -n 30 "$rootfs/debootstrap/debootstrap.log" >&2
  die "debootstrap of $suite from $MIRROR failed (log above)"
fi
say "base image: debootstrap took $((SECONDS - start)) s"

printf '%s\n' "$image_sources" >"$rootfs/etc/apt/sources.list"
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/debootstrap
# A container gets /etc/hostname, /etc/hosts and /etc/resolv.conf from the engine.
: >"$rootfs/etc/resolv.conf"

start=$SECONDS
tar --numeric-owner --xattrs -C "$rootfs" -c . |
  docker import --change 'CMD ["/bin/bash"]' --change 'ENV LANG=C.UTF-8' \
    --message "debootstrap $suite minbase from the build machine's apt mirror" - "$tag" >/dev/null
say "base image: imported $tag in $((SECONDS - start)) s ($(docker image inspect --format '{{.Size}}' "$tag" | awk '{ printf "%.0f MB", $1 / 1e6 }'))"
