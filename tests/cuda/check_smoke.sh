#!/usr/bin/env bash
# CUDA smoke program: nvcc built device code into it, and it reports what is there: without a GPU one "no CUDA device present" line naming the runtime nvcc linked and exit 77; with one the device and a checked kernel run, exit 0.
set -euo pipefail
source "$(dirname "$0")/../e2e/lib.sh"

smoke=${1:?usage: check_smoke.sh CUDA_SMOKE_BINARY}
[[ -x $smoke ]] || fail "$smoke is not an executable: the build should have made it"
: "${SYSCOST_CUDA_VERSION:?the CUDA version CMake found must be set (ctest sets it)}"
runtime=$(awk -F. '{ print $1 "." $2 }' <<<"$SYSCOST_CUDA_VERSION")

# Device code in the binary shows that nvcc compiled the kernel, not only host code.
# (readelf's output goes to a file first: grep -q quitting early would fail the pipe.)
readelf -SW "$smoke" >"$WORK/sections" || fail "readelf cannot read $smoke"
grep -q '\.nv_fatbin' "$WORK/sections" || fail "$smoke has no .nv_fatbin section: no device code was built in"

status=0
"$smoke" >"$WORK/out" 2>"$WORK/err" || status=$?
# What the machine has decides the expected outcome, independently of the program: the NVIDIA
# driver creates /dev/nvidia0.. for each GPU it drives (and passes them into a GPU container).
gpus=$(compgen -G '/dev/nvidia[0-9]*' || true)
if [[ -z $gpus ]]; then
  [[ $status -eq 77 ]] || fail "no /dev/nvidia[0-9]* here, so expected exit 77 (no device), got $status; stdout: $(cat "$WORK/out"); stderr: $(cat "$WORK/err")"
  [[ ! -s $WORK/err ]] || fail "expected nothing on stderr, got: $(cat "$WORK/err")"
  [[ $(wc -l <"$WORK/out") -eq 1 ]] || fail "expected one line, got: $(cat "$WORK/out")"
  grep -Eq "^cuda-smoke: no CUDA device present \(CUDA runtime ${runtime//./\\.}; .+\)$" "$WORK/out" ||
    fail "expected 'cuda-smoke: no CUDA device present (CUDA runtime $runtime; <why>)', got: $(cat "$WORK/out")"
  ok "built with CUDA $SYSCOST_CUDA_VERSION, device code inside; no GPU here: $(cat "$WORK/out")"
else
  [[ $status -eq 0 ]] || fail "GPUs here (${gpus//$'\n'/ }), so expected exit 0, got $status; stderr: $(cat "$WORK/err")"
  grep -Eq "^cuda-smoke: device 0 of [0-9]+: .+; CUDA runtime ${runtime//./\\.}, driver [0-9]+\.[0-9]+$" "$WORK/out" ||
    fail "expected the device line, got: $(cat "$WORK/out")"
  grep -q '^cuda-smoke: kernel ran on device 0: 1024 values checked$' "$WORK/out" || fail "the kernel run was not reported: $(cat "$WORK/out")"
  ok "$(head -n1 "$WORK/out")"
fi
