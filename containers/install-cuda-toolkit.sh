#!/usr/bin/env bash
# Makes the dev-cuda image CUDA-capable. A base that brings a CUDA toolkit (nvidia/cuda) keeps
# it; on a base without one (the local debootstrap base CI builds) this installs the
# distribution's nvidia-cuda-toolkit, with the host g++ it supports, from the components that
# carry it (Debian: non-free, plus contrib for the driver's nvidia-support; Ubuntu: multiverse),
# enabled in this image's apt sources only and on the mirrors the image's apt already uses.
#   install-cuda-toolkit.sh     env: CUDA_APT_COMPONENTS (default by distribution, see above)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=ci/lib.sh
. "$here/ci/lib.sh"
export DEBIAN_FRONTEND=noninteractive
package=nvidia-cuda-toolkit

nvcc_version() { nvcc --version | sed -n 's/.*release \([0-9.]*\),.*/\1/p'; }
if have nvcc; then
  say "cuda: the base image has CUDA $(nvcc_version) ($(command -v nvcc)); keeping it"
  exit 0
fi

# shellcheck disable=SC1091
distro=$(. /etc/os-release && echo "$ID")
case $distro in
  debian) components=${CUDA_APT_COMPONENTS:-contrib non-free} ;;
  ubuntu) components=${CUDA_APT_COMPONENTS:-multiverse} ;;
  *) die "no CUDA toolkit in the base image and no rule for '$distro': use a Debian or Ubuntu base, or an nvidia/cuda devel image" ;;
esac
suite=$(os_codename)
sources=$(suite_sources "$suite")
[[ -n $sources ]] || die "the image's apt sources name no mirror for '$suite' with a main component, so $package's component cannot be added"
# The same archives and pockets as the image's own entries, with the components $package needs.
awk -v comps="$components" '{ print "deb " $1 " " $2 " " comps }' <<<"$sources" >/etc/apt/sources.list.d/syscost-cuda.list
say "cuda: no toolkit in the base image; installing $package from $(awk '{ print $1 " " $2 }' <<<"$sources" | paste -sd, -) ($components)"
apt-get update -qq

candidate=$(apt-cache policy "$package" | awk '$1 == "Candidate:" && $2 != "(none)" { print $2 }')
[[ -n $candidate ]] || die "$package is not available from $(awk '$2 == s { print $1 }' s="$suite" <<<"$sources" | head -n1) $suite ($components): the mirror lacks that component; use a mirror that carries it, or an nvidia/cuda base (SYSCOST_CUDA_BASE_IMAGE)"
# nvcc's wrapper runs the newest g++ this CUDA release supports, the first g++ its Depends lists;
# any other alternative (an installed clang) would leave nvcc without a host compiler.
host_gxx=$(apt-cache show "$package=$candidate" | sed -n 's/^Depends: //p' | tr ',|' '\n' |
  awk '$1 ~ /^g\+\+-[0-9]+$/ { print $1; exit }')
log=$(mktemp)
if ! apt-get install -y -q --no-install-recommends "$package" ${host_gxx:+"$host_gxx"} >"$log" 2>&1; then
  reason=$(grep -m1 -E '^ .* : Depends: |^E: ' "$log" | sed 's/^ *//; s/  */ /g' || true)
  die "$package $candidate cannot be installed from ($components): ${reason:-$(tail -n1 "$log")} (on Debian the driver's nvidia-support comes from contrib)"
fi
rm -f "$log"
have nvcc || die "$package $candidate installed but nvcc is not on PATH"
say "cuda: installed $package $candidate: CUDA $(nvcc_version), host compiler ${host_gxx:-the default}"
