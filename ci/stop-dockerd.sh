#!/usr/bin/env bash
# Stops the Docker engine only if start-dockerd.sh started it; an engine someone else runs is left alone.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=ci/lib.sh
. "$here/lib.sh"

pidfile=$(dockerd_pidfile)
if [[ ! -f $pidfile ]]; then
  say "dockerd: not started by the kit ($pidfile absent); leaving any engine alone"
  exit 0
fi
pid=$(<"$pidfile")
[[ $pid =~ ^[0-9]+$ ]] || die "$pidfile: expected a pid, found '$pid'; remove the file if no kit-started dockerd runs"

# A stale file after a reboot may name a pid now used by something else: check the name.
if [[ $(cat "/proc/$pid/comm" 2>/dev/null) != dockerd ]]; then
  say "dockerd: pid $pid from $pidfile is not running dockerd any more; removing the stale file"
  rm -f "$pidfile"
  exit 0
fi

say "dockerd: stopping pid $pid (started by ci/start-dockerd.sh)"
kill -TERM "$pid"
for _ in $(seq 1 30); do
  if ! kill -0 "$pid" 2>/dev/null; then
    rm -f "$pidfile"
    say "dockerd: stopped"
    exit 0
  fi
  sleep 1
done
die "dockerd pid $pid still runs 30 s after SIGTERM; see ${SYSCOST_DOCKERD_LOG:-/tmp/syscost-dockerd.log}"
