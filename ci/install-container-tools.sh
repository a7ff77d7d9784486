#!/usr/bin/env bash
# Installs, with Debian's packages only, what the container path needs and the machine lacks:
# a Docker engine and CLI, debootstrap, and compose v2 (ci/install-compose-v2.sh). Tools already
# present are left alone (on GitHub runners Docker and compose v2 come preinstalled; docker.io
# would conflict).
#   ci/install-container-tools.sh               install what is missing (as root), or print the command
#   ci/install-container-tools.sh --compose-v1  also docker-compose 1.29 (CI checks the files with it)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=ci/lib.sh
. "$here/lib.sh"

want_v1=0
case ${1:-} in
  "") ;;
  --compose-v1) want_v1=1 ;;
  *) die "unknown argument '$1'; usage: ci/install-container-tools.sh [--compose-v1]" ;;
esac

missing=()
if ! docker_answers && ! { have docker && have dockerd; }; then missing+=(docker.io); fi
have debootstrap || missing+=(debootstrap)
# The base images are Debian's: elsewhere (an Ubuntu runner) debootstrap checks them with this.
[[ -f /usr/share/keyrings/debian-archive-keyring.gpg ]] || missing+=(debian-archive-keyring)
# The standalone docker-compose of Debian 12 and Ubuntu 24.04 is v1.29.
if ((want_v1)) && ! have docker-compose; then missing+=(docker-compose); fi

if ((${#missing[@]})); then
  if [[ $(id -u) != 0 ]]; then
    die "missing: ${missing[*]}; install them with:  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
  fi
  say "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
"$here/install-compose-v2.sh"
