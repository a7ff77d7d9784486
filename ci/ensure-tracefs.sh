#!/usr/bin/env bash
# Makes sure tracefs is mounted at /sys/kernel/tracing: bpftrace and the libbpf tracer need it,
# natively and in the containers (which bind-mount the host's). Mounts it when run as root.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=ci/lib.sh
. "$here/lib.sh"

tracefs=/sys/kernel/tracing
if [[ -e $tracefs/events ]]; then
  exit 0
fi
[[ -d $tracefs ]] || die "$tracefs does not exist: this kernel lacks tracefs (CONFIG_TRACING), so bpftrace cannot attach tracepoints"
[[ $(id -u) == 0 ]] || die "tracefs is not mounted at $tracefs: run  sudo mount -t tracefs nodev $tracefs"
mount -t tracefs nodev "$tracefs" || die "mount -t tracefs nodev $tracefs failed (see above)"
say "tracefs: mounted at $tracefs"
