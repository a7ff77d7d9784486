#!/usr/bin/env bash
# Installs, with apt only, what the container path needs and the machine lacks: a Docker
# engine and CLI, a compose command, debootstrap. Tools already present are left alone (on
# GitHub runners Docker and compose v2 come preinstalled; docker.io would conflict).
#   ci/install-container-tools.sh     install what is missing (as root), or print the command
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=ci/lib.sh
. "$here/lib.sh"

missing=()
if ! docker_answers && ! { have docker && have dockerd; }; then missing+=(docker.io); fi
if [[ -z $(compose_cmd) ]]; then missing+=(docker-compose); fi
have debootstrap || missing+=(debootstrap)
((${#missing[@]})) || exit 0

if [[ $(id -u) != 0 ]]; then
  die "missing: ${missing[*]}; install them with:  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
fi
say "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
