#!/usr/bin/env bash
# Validates the compose files, alone and with the GPU, test and seccomp-unconfined overrides, with compose v2 (`docker compose`)
# and with v1 (docker-compose 1.29), since the kit accepts both: the file must stay readable by
# the older one (no top-level name:, no version:). Fails when either command is missing.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=ci/lib.sh
. "$here/lib.sh"
cd "$here/.."

{ have docker && docker compose version; } >/dev/null 2>&1 || die "compose v2 is missing: run ci/install-container-tools.sh"
have docker-compose || die "docker-compose (v1) is missing: run ci/install-container-tools.sh --compose-v1"
v1=$(docker-compose version --short 2>/dev/null) || die "docker-compose does not run: $(docker-compose version 2>&1 | tail -n1)"
[[ $v1 == 1.* ]] || say "compose files: note: docker-compose is $v1, not v1"

status=0
for files in "compose.yaml" "compose.yaml compose.gpu.yaml" "compose.yaml compose.test.yaml" \
  "compose.yaml compose.seccomp-unconfined.yaml"; do
  read -r -a names <<<"$files"
  args=()
  for f in "${names[@]}"; do args+=(-f "$f"); done
  for cmd in "docker compose" docker-compose; do
    read -r -a c <<<"$cmd"
    if out=$("${c[@]}" "${args[@]}" config -q 2>&1); then
      say "compose files: $cmd accepts ${names[*]}"
    else
      say "compose files: $cmd rejects ${names[*]}: $out"
      status=1
    fi
  done
done
say "compose files: checked with $(docker compose version --short) and docker-compose $v1"
exit "$status"
