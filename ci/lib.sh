# shellcheck shell=bash
# Helpers shared by the ci/ scripts (sourced, never run): messages, failures, engine probes.

say() { printf '%s\n' "$*" >&2; }

# Exit status 2 is the kit's "bad input or environment" status; the message says what to do.
die() { printf '%s: error: %s\n' "${0##*/}" "$*" >&2; exit 2; }

have() { command -v "$1" >/dev/null 2>&1; }

# A Docker engine "answers" when the CLI can reach a server; a bounded wait keeps a
# wedged socket from hanging CI.
docker_answers() {
  have docker && timeout 20 docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}

# Prints the compose command to use: v2 plugin first (what most users have), then the
# standalone v1.29 that Debian 12 ships. Empty output means neither is installed.
compose_cmd() {
  if have docker && docker compose version >/dev/null 2>&1; then
    echo "docker compose"
  elif have docker-compose; then
    echo "docker-compose"
  fi
}

# Where start-dockerd.sh records the engine it started, so stop-dockerd.sh stops only that.
dockerd_pidfile() { echo "${SYSCOST_DOCKERD_PIDFILE:-/run/syscost-dockerd.pid}"; }
