#!/usr/bin/env bash
# Makes `docker compose` (v2) work, with Debian's packages only, when it does not yet: the
# release's own package where it is v2 (Debian 13's docker-compose, Ubuntu's docker-compose-v2),
# else Debian 13's docker-compose package read from the mirror this machine's apt sources use
# for its own release, through a private apt state (the machine's sources stay as they are),
# its plugin copied into the docker CLI plugin folder.
#   ci/install-compose-v2.sh     env: COMPOSE_V2_SUITE (default trixie), MIRROR (default: read
#                                from apt sources), DOCKER_PLUGIN_DIR (default /usr/local/lib/docker/cli-plugins)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=ci/lib.sh
. "$here/lib.sh"

have docker || die "the docker CLI is missing: run ci/install-container-tools.sh first"
if docker compose version >/dev/null 2>&1; then
  say "compose v2: $(docker compose version) already works"
  exit 0
fi
suite=${COMPOSE_V2_SUITE:-trixie}
plugin_dir=${DOCKER_PLUGIN_DIR:-/usr/local/lib/docker/cli-plugins}
[[ $(id -u) == 0 ]] || die "docker compose (v2) is missing; install it as root: sudo ci/install-compose-v2.sh (Debian 13's docker-compose package into $plugin_dir)"
export DEBIAN_FRONTEND=noninteractive

candidate() { apt-cache policy "$1" 2>/dev/null | awk '$1 == "Candidate:" && $2 != "(none)" { print $2 }'; }
own=$(candidate docker-compose-v2)
if [[ -n $own ]]; then
  say "compose v2: installing docker-compose-v2 $own (this release's package)"
  apt-get install -y -qq --no-install-recommends docker-compose-v2 >/dev/null
elif own=$(candidate docker-compose) && [[ -n $own ]] && dpkg --compare-versions "$own" ge 2; then
  say "compose v2: installing docker-compose $own (this release's package)"
  apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
else
  codename=$(os_codename)
  mirror=${MIRROR:-$(apt_mirror "$codename")}
  [[ -n $mirror ]] || die "no apt source in /etc/apt lists this machine's release '${codename:-unknown}': set MIRROR=<Debian archive URL> to fetch $suite's docker-compose from"
  keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  [[ -f $keyring ]] || die "$keyring is missing, so $suite's packages cannot be verified: apt-get install debian-archive-keyring"

  work=$(mktemp -d "${TMPDIR:-/var/tmp}/syscost-compose.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work"/lists/partial "$work"/cache/archives/partial "$work"/parts "$work"/root
  printf 'deb [signed-by=%s] %s %s main\n' "$keyring" "$mirror" "$suite" >"$work/sources.list"
  # A private list, state and cache: nothing of $suite reaches the machine's own apt.
  private=(-o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=$work/parts"
    -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o "APT::Sandbox::User=root")
  say "compose v2: fetching docker-compose from $mirror $suite main (Debian's v2 package)"
  apt-get "${private[@]}" -qq update >"$work/apt.log" 2>&1 ||
    die "could not read $suite's package lists from $mirror: $(grep -m1 -E '^(E|W):' "$work/apt.log" || tail -n1 "$work/apt.log")"
  (cd "$work" && apt-get "${private[@]}" -qq download docker-compose >>"$work/apt.log" 2>&1) ||
    die "could not download docker-compose from $mirror $suite: $(grep -m1 -E '^(E|W):' "$work/apt.log" || tail -n1 "$work/apt.log")"
  deb=$(find "$work" -maxdepth 1 -name 'docker-compose_*.deb' -print -quit)
  version=$(dpkg-deb -f "$deb" Version)
  dpkg --compare-versions "$version" ge 2 || die "$suite's docker-compose is $version, not v2: set COMPOSE_V2_SUITE to a release that ships v2"
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work/root" ./usr/libexec/docker/cli-plugins/docker-compose ||
    die "$deb has no usr/libexec/docker/cli-plugins/docker-compose"
  install -D -m 0755 "$work/root/usr/libexec/docker/cli-plugins/docker-compose" "$plugin_dir/docker-compose"
  say "compose v2: installed $suite's docker-compose $version as $plugin_dir/docker-compose"
fi
docker compose version >/dev/null 2>&1 || die "docker compose still does not work after the install; check 'docker compose version'"
say "compose v2: $(docker compose version)"
