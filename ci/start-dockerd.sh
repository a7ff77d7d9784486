#!/usr/bin/env bash
# Starts a Docker engine when none answers and records its pid; stop-dockerd.sh stops only that one.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=ci/lib.sh
. "$here/lib.sh"

pidfile=$(dockerd_pidfile)
if docker_answers; then
  version=$(docker version --format '{{.Server.Version}}')
  if [[ -f $pidfile && $(cat "/proc/$(<"$pidfile")/comm" 2>/dev/null) == dockerd ]]; then
    say "dockerd: already running ($version, pid $(<"$pidfile"), started by the kit earlier; ci/stop-dockerd.sh stops it)"
  else
    say "dockerd: an engine already answers ($version); using it, the kit will not stop it"
  fi
  exit 0
fi
have docker || die "the docker CLI is missing: run ci/install-container-tools.sh (installs docker.io) or install Docker"
have dockerd || die "no engine answers and dockerd is missing: run ci/install-container-tools.sh, or start your engine (systemctl start docker)"
[[ $(id -u) == 0 ]] || die "no engine answers and starting dockerd needs root: start it yourself (sudo systemctl start docker)"

log=${SYSCOST_DOCKERD_LOG:-/tmp/syscost-dockerd.log}
# Why no iptables and no bridge: CI VMs here have no usable netfilter, and the kit needs no
# container network: images build with host networking and the services run with none.
read -r -a args <<<"${SYSCOST_DOCKERD_ARGS:---iptables=false --bridge=none}"

say "dockerd: none answers; starting dockerd ${args[*]} (log: $log)"
# setsid: the engine must outlive this script and not get make's Ctrl-C.
setsid dockerd "${args[@]}" >"$log" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$pidfile"

for _ in $(seq 1 60); do
  if docker_answers; then
    say "dockerd: started (pid $pid, version $(docker version --format '{{.Server.Version}}')); ci/stop-dockerd.sh stops it"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    rm -f "$pidfile"
    tail -n 20 "$log" >&2 || true
    die "dockerd exited during start-up; its log is $log"
  fi
  sleep 1
done
die "dockerd (pid $pid) did not answer within 60 s; its log is $log (stop it with ci/stop-dockerd.sh)"
