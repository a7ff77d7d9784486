#!/usr/bin/env bash
# Prints the toolchain the kit builds and traces with, one "tool: version" line each: on this
# machine, or with SERVICE names inside each of those compose services' images, each under a
# heading. CI keeps the output (artifacts/ci/toolchains.txt): the versions each suite passed with.
#   ci/toolchain-versions.sh [SERVICE...]     env: COMPOSE (default: as the Makefile picks)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=ci/lib.sh
. "$here/lib.sh"

if (($#)); then
  read -r -a compose <<<"${COMPOSE:-$(compose_cmd)}"
  ((${#compose[@]})) || die "neither 'docker compose' nor 'docker-compose' found: run ci/install-container-tools.sh"
  for service in "$@"; do
    echo "== $service"
    "${compose[@]}" -f "$here/../compose.yaml" run --rm -T "$service" ci/toolchain-versions.sh </dev/null ||
      die "could not run ci/toolchain-versions.sh in $service (built? make compose-build SERVICE=$service)"
    echo
  done
  exit 0
fi

first_line() { "$@" 2>&1 | head -n 1 || true; }
# shellcheck disable=SC1091
echo "os: $(. /etc/os-release && echo "$PRETTY_NAME")"
echo "kernel: $(uname -r)"
for tool in gcc clang cmake bpftrace gnuplot; do
  if have "$tool"; then echo "$tool: $(first_line "$tool" --version)"; else echo "$tool: not installed"; fi
done
# This architecture's package: a cross one (libbpf-dev:arm64) beside it would print both versions.
echo "libbpf: $(dpkg-query -W -f='${Version}' "libbpf-dev:$(dpkg --print-architecture 2>/dev/null)" 2>/dev/null || echo 'not installed')"
echo "googletest: $(dpkg-query -W -f='${Version}' googletest 2>/dev/null || echo 'not installed')"
if have nvcc; then echo "nvcc: $(nvcc --version | grep -m1 'release')"; else echo "nvcc: not installed"; fi
if have docker; then
  echo "docker engine: $(docker version --format '{{.Server.Version}}' 2>/dev/null || echo 'none answers')"
  echo "compose v2: $(docker compose version 2>/dev/null || echo 'not installed')"
fi
if have docker-compose; then echo "docker-compose: $(docker-compose version --short 2>/dev/null)"; fi
