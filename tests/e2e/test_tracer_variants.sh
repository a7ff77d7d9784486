#!/usr/bin/env bash
# The fast tracers' kernel side (bpf/syslat_fast.bpf.c, bpf/syscount.bpf.c) count exactly and never time a migrated call wrongly; the check catches a design that does (root only).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
need_root "the rig loads BPF programs"
command -v "${CLANG:-clang}" >/dev/null || skip "no clang to compile the BPF programs"
pkg-config --exists libbpf || skip "no libbpf (libbpf-dev)"

RIG_SRC="$SYSCOST_SOURCE_DIR/tools/tracer-variants"
OUT="$WORK/rig"
targets=("$OUT/tracer-variants")
for obj in syslat_fast syscount floor ladder-percpu-bss ladder-percpu-bss-noclear; do
  targets+=("$OUT/$obj.bpf.o")
done
make -s -C "$RIG_SRC" OUT="$OUT" "${targets[@]}" >"$WORK/build.log" 2>&1 \
  || fail "building the rig failed: $(tail -n 5 "$WORK/build.log")"
RIG="$OUT/tracer-variants"
o() { echo "$1=$OUT/$1.bpf.o"; }

# Exact counts (the name gate, one thread, the armed flag) and, on two CPUs,
# read() calls that return on another CPU than they entered on.
expect_status 0 "$RIG" check "$(o syslat_fast)" "$(o syscount)" "$(o ladder-percpu-bss)"
! grep -q '^FAIL' "$WORK/out" || fail "a check failed: $(grep '^FAIL' "$WORK/out")"
[[ $(grep -c '^OK' "$WORK/out") -ge 8 ]] || fail "too few checks passed: $(cat "$WORK/out")"
ok "syslat_fast, syscount and the per-CPU-slot design count exactly and time every call right"

if grep -q '^SKIP.*migration' "$WORK/out"; then
  echo "SKIP $TEST_NAME: the migration half (this process may run on one CPU only)"
else
  # Per-CPU start slots without clearing a migrated thread's stale slot give
  # latencies longer than the calls: the check must see it.
  expect_status 1 "$RIG" check "$(o ladder-percpu-bss-noclear)"
  grep -q '^FAIL ladder-percpu-bss-noclear: migration: latencies within' "$WORK/out" \
    || fail "the check missed the stale per-CPU slots' wrong latencies: $(cat "$WORK/out")"
  ok "the migration check catches per-CPU slots that are not cleared"
fi

# The measurement path: rows, exact counts, the summary; nothing left loaded.
expect_status 0 "$RIG" measure --rounds 2 --writes 2000 --warmup 100 none \
  "$(o floor)" "$(o syslat_fast)" "$(o syscount)"
cp "$WORK/out" "$WORK/rows.csv"
[[ $(grep -c ',exact$' "$WORK/rows.csv") -eq 4 ]] || fail "syslat_fast and syscount did not count exactly: $(cat "$WORK/rows.csv")"
expect_status 0 "$RIG" summary "$WORK/rows.csv"
grep -Eq '^syslat_fast +[0-9.]+ ' "$WORK/out" || fail "no syslat_fast row in the summary: $(cat "$WORK/out")"
# The kernel frees a program shortly after its last holder exits (RCU).
left_loaded() { bpftool prog show 2>/dev/null | grep -E 'name (floor_enter|floor_exit|syscount_enter|ladder_enter|ladder_exit) '; }
if command -v bpftool >/dev/null; then
  for _ in $(seq 50); do left_loaded >/dev/null || break; sleep 0.1; done
  ! left_loaded >"$WORK/left" || fail "a program stayed loaded: $(cat "$WORK/left")"
fi
expect_status 2 "$RIG" measure none "bad=$WORK/missing.bpf.o"
stderr_is_one_line "^error: bad: cannot open $WORK/missing.bpf.o: "
ok "measure rows, summary, nothing left loaded, one line for a missing object"
