#!/usr/bin/env bash
# make demo-09 measures with the release build unless PRESET is given (PRESET=native-linux-debug gives the walkthrough's paths), natively and through compose.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
command -v make >/dev/null || skip "make is not installed"

# dry MAKE-ARGS...: the commands make would run (make -n runs only the recursive make lines).
unset PRESET
dry() { env -u MAKEFLAGS -u MAKELEVEL make -s -n -C "$SYSCOST_SOURCE_DIR" "$@" 2>&1; }

for target in "demo-09-native" "demo-09 RUNNER=native"; do
  # shellcheck disable=SC2086
  out=$(dry $target)
  grep -q '^src/demos/09_bpftrace_profiler/run_demo.sh build/native-linux-release/bin artifacts/demo-09$' <<<"$out" \
    || fail "make $target does not run the demo from the release build: $out"
  grep -q 'cmake --build --preset native-linux-release' <<<"$out" || fail "make $target does not build the release preset: $out"
  grep -q 'native-linux-debug' <<<"$out" && fail "make $target touches the debug build: $out"
done
out=$(dry overhead plots report)
[[ $(grep -c 'build/native-linux-release/bin' <<<"$out") -eq 3 ]] || fail "overhead, plots, report: $out"
ok "make demo-09, overhead, plots and report use build/native-linux-release"

out=$(dry demo-09-native PRESET=native-linux-debug)
grep -q '^src/demos/09_bpftrace_profiler/run_demo.sh build/native-linux-debug/bin artifacts/demo-09$' <<<"$out" \
  || fail "PRESET=native-linux-debug on the command line: $out"
out=$(PRESET=native-linux-debug dry demo-09-native)
grep -q 'run_demo.sh build/native-linux-debug/bin' <<<"$out" || fail "PRESET=native-linux-debug in the environment: $out"
ok "PRESET=native-linux-debug make demo-09 runs the walkthrough's build/native-linux-debug"

out=$(dry test)
grep -q 'ctest --preset native-linux-debug' <<<"$out" || fail "make test no longer tests the debug preset: $out"
ok "make test still builds and tests the debug preset"

# Compose runs make demo-09-native inside the container: the same default, PRESET passed on.
if out=$(COMPOSE="docker compose" dry demo-09-compose) && grep -q 'make demo-09-native' <<<"$out"; then
  grep -Eq 'make demo-09-native ARTIFACTS=artifacts/demo-09 *$' <<<"$out" || fail "compose: $out"
  out=$(COMPOSE="docker compose" dry demo-09-compose PRESET=native-linux-debug)
  grep -q 'make demo-09-native ARTIFACTS=artifacts/demo-09 PRESET=native-linux-debug' <<<"$out" || fail "compose with PRESET: $out"
  ok "demo-09-compose: release inside the container by default, PRESET passed on"
fi
