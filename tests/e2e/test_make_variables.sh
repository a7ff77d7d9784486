#!/usr/bin/env bash
# Every target make help lists expands without an undefined variable: a renamed variable
# (BIN once became DEMO_BIN) left `make cuda-smoke` looking for /cuda/cuda_smoke.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
command -v make >/dev/null || skip "make is not installed"

cd "$SYSCOST_SOURCE_DIR"
mapfile -t targets < <(awk -F: '/^[a-zA-Z0-9_.-]+:.*## /{print $1}' Makefile)
((${#targets[@]} > 20)) || fail "found only ${#targets[@]} documented targets in the Makefile"
bad=""
for target in "${targets[@]}"; do
  # -n prints the commands; only recursive make lines would run, and they get -n too.
  out=$(env -u MAKEFLAGS -u MAKELEVEL COMPOSE="docker compose" \
        make -s -n --warn-undefined-variables "$target" 2>&1 || true)
  if grep -q "undefined variable" <<<"$out"; then
    bad+="$target: $(grep "undefined variable" <<<"$out" | sort -u | tr '\n' ' ')"$'\n'
  fi
done
[[ -z $bad ]] || fail "targets that read an undefined variable:"$'\n'"$bad"
ok "all ${#targets[@]} documented targets expand with every variable defined"

out=$(env -u MAKEFLAGS -u MAKELEVEL make -s -n cuda-smoke 2>&1)
grep -q '\[\[ -x build/native-linux-debug/bin/cuda/cuda_smoke \]\]' <<<"$out" \
  || fail "make cuda-smoke does not look in the debug build's bin: $out"
ok "make cuda-smoke runs build/native-linux-debug/bin/cuda/cuda_smoke"
