#!/usr/bin/env bash
# The whole CI run behind `make ci`: installs what a fresh machine lacks, runs the tests, runs
# Demo 09 natively and in compose (dev image on a locally built base, no registry), checks both
# demos' artifacts, and prints each step's time. Needs root (bpftrace, dockerd, debootstrap).
#   env: CI_FUZZ_SECONDS (default 60) per fuzz target, when `make fuzz` exists
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. ci/lib.sh

[[ $(id -u) == 0 ]] || die "make ci needs root: bpftrace, dockerd and debootstrap do (sudo -E make ci)"

native_out=artifacts/demo-09-native
compose_out=artifacts/demo-09
log_dir=artifacts/ci
mkdir -p "$log_dir"
timings=$log_dir/timings.txt
: >"$timings"
ci_start=$SECONDS

started_engine=0
finish() {
  local status=$?
  # Stop the engine only if this run started it; the built images stay for the next run.
  if ((started_engine)); then ci/stop-dockerd.sh || status=1; fi
  printf '%-34s %6s\n' TOTAL "$((SECONDS - ci_start)) s" >>"$timings"
  say ""
  say "== ci: step times"
  cat "$timings" >&2
  local passed failed
  passed=$(grep -c ' OK$' "$timings" || true)
  failed=$(grep -c ' FAIL (' "$timings" || true)
  ((status == 0 || failed > 0)) || failed=1 # a failure outside any step (e.g. stopping dockerd)
  echo "steps: $passed passed, $failed failed"
  exit "$status"
}
trap finish EXIT

# step NAME COMMAND...: runs one step, recording its time and status in $timings.
step() {
  local name=$1 start=$SECONDS status=0
  shift
  say ""
  say "== ci: $name: $*"
  "$@" || status=$?
  printf '%-34s %6s %s\n' "$name" "$((SECONDS - start)) s" "$( ((status == 0)) && echo OK || echo "FAIL ($status)")" >>"$timings"
  return "$status"
}

# Targets that other parts of the kit add (sanitizers, fuzzing) run once they exist.
has_target() { make help 2>/dev/null | awk '{ print $1 }' | grep -x -- "$1" >/dev/null; }

step "install packages" make deps
step "install container tools" ci/install-container-tools.sh
step "mount tracefs" ci/ensure-tracefs.sh
step "unit + e2e tests" make test
if has_target test-asan; then step "tests under ASan+UBSan" make test-asan; else say "SKIP test-asan: no such make target yet"; fi

rm -rf "$native_out" "$compose_out"
step "demo-09 native" make demo-09 RUNNER=native ARTIFACTS="$native_out"
step "check native artifacts" ci/check-artifacts.py "$native_out"

docker_answers || started_engine=1
step "start dockerd" ci/start-dockerd.sh
suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
base_image=syscost/base:$suite
step "base image ($base_image)" ci/make-base-image.sh "$base_image"
step "compose-build (dev-cuda, dev)" make compose-build SERVICE="dev-cuda dev" BASE_IMAGE="$base_image"
step "compose-debug" make compose-debug
step "demo-09 compose" make demo-09 RUNNER=compose ARTIFACTS="$compose_out"
step "check compose artifacts" ci/check-artifacts.py "$compose_out"

if has_target fuzz; then step "fuzz" make fuzz FUZZ_SECONDS="${CI_FUZZ_SECONDS:-60}"; else say "SKIP fuzz: no such make target yet"; fi
