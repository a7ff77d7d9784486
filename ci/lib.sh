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

# The machine's release codename (bookworm, trixie...); empty when /etc/os-release has none.
os_codename() {
  # shellcheck disable=SC1091
  (. /etc/os-release && echo "${VERSION_CODENAME:-}")
}

# suite_sources SUITE [APT_DIR [HOST_SUITE]]: "URI SUITE COMPONENT..." lines for SUITE and its
# -updates and -security pockets, read from the apt sources in APT_DIR (default /etc/apt): the
# entries that list SUITE, or else those of the host's own release HOST_SUITE (default: this
# machine's) with the release renamed, so another release comes from the same mirrors. Only
# archives with a "main" component count: a vendor's repository is no Debian mirror.
# The kit reads mirrors this way instead of naming one.
suite_sources() {
  local suite=$1 apt_dir=${2:-/etc/apt} host=${3:-} sources
  [[ -n $host ]] || host=$(os_codename)
  sources=$("$(dirname "${BASH_SOURCE[0]}")/apt-sources.sh" "$apt_dir" | awk '{ for (i = 3; i <= NF; i++) if ($i == "main") { print; next } }')
  # shellcheck disable=SC2016 # an awk program: awk expands it
  local pockets='$2 == from || index($2, from "-") == 1'
  if awk -v from="$suite" "$pockets { found = 1 } END { exit !found }" <<<"$sources"; then
    awk -v from="$suite" "$pockets" <<<"$sources"
  elif [[ -n $host ]]; then
    awk -v from="$host" -v to="$suite" "$pockets { \$2 = to substr(\$2, length(from) + 1); print }" <<<"$sources"
  fi
}

# apt_mirror SUITE [APT_DIR [HOST_SUITE]]: the archive URI for SUITE itself from suite_sources,
# empty if the apt sources name no Debian mirror.
apt_mirror() {
  suite_sources "$@" | awk -v s="$1" '$2 == s { print $1; exit }'
}

# Where start-dockerd.sh records the engine it started, so stop-dockerd.sh stops only that.
dockerd_pidfile() { echo "${SYSCOST_DOCKERD_PIDFILE:-/run/syscost-dockerd.pid}"; }
