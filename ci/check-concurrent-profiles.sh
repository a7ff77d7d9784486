#!/usr/bin/env bash
# Two exact-count profiled runs at once on one host: one inside the compose dev container (its
# own PID namespace, where bpftrace cannot filter by the kit's pid) and one native, while a busy
# unprofiled run measures on each side. Each must count exactly its own 512,000 write()s: a
# tracer that also matched the other runs' measuring threads would count more.
# Needs root, a Docker engine, the dev image and both debug builds (make debug; make compose-debug).
#   ci/check-concurrent-profiles.sh        env: SERVICE (default dev-cuda, as make compose-debug)
# Exit 0 when both counts are exact, 1 when one is not or a run failed, 2 when something is missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=ci/lib.sh
. ci/lib.sh

service=${SERVICE:-dev-cuda}
[[ $(id -u) == 0 ]] || die "needs root, as bpftrace does (sudo -E $0)"
compose=$(compose_cmd)
[[ -n $compose ]] || die "neither 'docker compose' nor 'docker-compose' found: run ci/install-container-tools.sh"
docker_answers || die "no Docker engine answers: start one (ci/start-dockerd.sh)"
bin=build/native-linux-debug/bin
[[ -x $bin/ptests/BenchDemo_09_BpftraceProfiler && -x $bin/tools/bench ]] ||
  die "$bin has no benchmark program or bench: run 'make debug' first"
ci/ensure-tracefs.sh

# The e2e helpers: wait_measuring, count_of, hist_total, ok/fail, and a cleanup trap that
# kills CLEANUP_PIDS. The container runs its own build of the same sources (make compose-debug).
export SYSCOST_BIN=$PWD/$bin
# shellcheck source=tests/e2e/lib.sh
. tests/e2e/lib.sh
TEST_NAME=check-concurrent-profiles
demo_rel=$bin/ptests/BenchDemo_09_BpftraceProfiler
busy_container=syscost-busy-$$
trap 'docker rm -f "$busy_container" >/dev/null 2>&1 || true; cleanup' EXIT

out=artifacts/ci/concurrent-profiles
rm -rf "$out"
mkdir -p "$out"
CASE=BpftraceProfiler.ManySmallWrites
WANT=512000
exact=(--gtest_filter="$CASE" --cycles 500 --repeats 1 --warmup 100 --profile bpftrace
  --bpf "syscount,writesize")
busy=(--gtest_filter="$CASE" --cycles 200 --repeats 100000)
# $compose is one or two words ("docker compose"): split on purpose.
in_container() { $compose -f compose.yaml run --rm -T "$@"; }
measuring_threads() { pgrep -c -w -x 'sc-[0-9a-f]{12}' || true; }

"$DEMO" "${busy[@]}" >"$out/busy-native.log" 2>&1 &
CLEANUP_PIDS+=("$!")
wait_measuring "$!" "$out/busy-native.log"
in_container --name "$busy_container" "$service" "$demo_rel" "${busy[@]}" \
  >"$out/busy-container.log" 2>&1 &
CLEANUP_PIDS+=("$!")
for _ in $(seq 600); do # the container may take a while to start
  (($(measuring_threads) >= 2)) && break
  sleep 0.5
done
(($(measuring_threads) >= 2)) || fail "the container's busy run never measured: $(tail -n 5 "$out/busy-container.log")"

"$DEMO" "${exact[@]}" --artifact-root "$out/native" >"$out/native.log" 2>&1 &
native=$!
in_container "$service" "$demo_rel" "${exact[@]}" --artifact-root "$out/container" \
  >"$out/container.log" 2>&1 &
container=$!
CLEANUP_PIDS+=("$native" "$container")
wait "$native" || fail "the native profiled run failed: $(tail -n 5 "$out/native.log")"
wait "$container" || fail "the container's profiled run failed: $(tail -n 5 "$out/container.log")"

for side in native container; do
  n=$(count_of "$out/$side/$CASE.syscount.json" @syscalls write)
  [[ $n == "$WANT" ]] || fail "$side: syscount counted $n write() calls, expected $WANT"
  n=$(hist_total "$out/$side/$CASE.writesize.json" @write_bytes)
  [[ $n == "$WANT" ]] || fail "$side: writesize counted $n write() calls, expected $WANT"
done
ok "container ($service) and native profiled runs, each beside a busy run, counted exactly $WANT write() calls each"
