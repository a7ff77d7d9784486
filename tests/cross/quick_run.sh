#!/usr/bin/env bash
# The cross build's --quick run under an emulator (qemu-user), for correctness only: it exits 0, every case runs or says why it skips, the walkthrough pair counts exactly 1024 and 1 syscalls per call, each case counts the same syscalls per call as the native build (when one is given), the JSON has one row per repeat, and the cross-built bench reads the CSV. It prints no timing: emulated times say nothing about the target's CPU.
# Usage: tests/cross/quick_run.sh BUILD_DIR [NATIVE_BIN_DIR]
#   BUILD_DIR       the cross build (build/cross-linux-arm64); results go to BUILD_DIR/qemu-quick-run
#   NATIVE_BIN_DIR  a native build's bin/ (build/native-linux-debug/bin) to compare the counts with
#   env: SYSCOST_EMULATOR (default qemu-aarch64)
set -euo pipefail
name=${0##*/}
fail() { printf '%s: FAIL: %s\n' "$name" "$*" >&2; exit 1; }
(($# == 1 || $# == 2)) || { echo "usage: $0 BUILD_DIR [NATIVE_BIN_DIR]" >&2; exit 2; }
build=$1
native=${2:-}
read -r -a emulator <<<"${SYSCOST_EMULATOR:-qemu-aarch64}"
demo=$build/bin/ptests/BenchDemo_09_BpftraceProfiler
bench=$build/bin/tools/bench
[[ -x $demo && -x $bench ]] || { echo "$name: error: $demo or $bench is missing: run make cross-arm64" >&2; exit 2; }
command -v "${emulator[0]}" >/dev/null || { echo "$name: error: ${emulator[0]} not found: run ci/install-cross-arm64.sh" >&2; exit 2; }

out=$build/qemu-quick-run
rm -rf "$out"
mkdir -p "$out"
csv=$out/quick.csv
echo "Files of an arm64 build run under ${emulator[*]}, for correctness only. Every time in them is the emulator's on this CPU, not an arm64 CPU's: never quote one as a cost." >"$out/NOT-COSTS.txt"
echo "$name: ${emulator[*]} $demo --quick (correctness only: emulated timings mean nothing, none is shown)"
"${emulator[@]}" "$demo" --quick --csv "$csv" --json "$out/quick.json" >"$out/console.txt" 2>"$out/stderr.txt" ||
  fail "the quick run exited $?: $(tail -n 3 "$out/stderr.txt")"

# test -> syscallsPerCall, from the kit's CSV (no quoted fields in these columns).
counts() {
  awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next } { print $(col["test"]), $(col["syscallsPerCall"]) }' "$1"
}
counts "$csv" >"$out/counts.txt"
grep ' SKIPPED: ' "$out/console.txt" >"$out/skipped.txt" || true
ran=$(wc -l <"$out/counts.txt")
skipped=$(wc -l <"$out/skipped.txt")
((ran > 0)) || fail "the CSV has no case"
listed=$("${emulator[@]}" "$demo" --gtest_list_tests | grep -c .)
((ran + skipped == listed)) || fail "$listed cases listed, but $ran ran and $skipped skipped"

count_of() { awk -v t="$1" '$1 == t { print $2 }' "$out/counts.txt"; }
[[ $(count_of BpftraceProfiler.ManySmallWrites) == 1024 ]] || fail "ManySmallWrites: $(count_of BpftraceProfiler.ManySmallWrites) syscalls per call, not 1024"
[[ $(count_of BpftraceProfiler.SingleBatchedWrite) == 1 ]] || fail "SingleBatchedWrite: $(count_of BpftraceProfiler.SingleBatchedWrite) syscalls per call, not 1"

if [[ -n $native ]]; then
  "$native/ptests/BenchDemo_09_BpftraceProfiler" --quick --csv "$out/native.csv" >/dev/null 2>"$out/native-stderr.txt" ||
    fail "the native quick run ($native) failed: $(tail -n 2 "$out/native-stderr.txt")"
  counts "$out/native.csv" >"$out/native-counts.txt"
  # Compared as whole syscalls: a case's rare extra call (the log file truncated past its size limit,
  # Logging.Lines) adds a fraction that depends on the iteration count, which timing sets.
  # The vDSO case counts 0 where the platform answers clock_gettime in user space and 1 where it
  # falls back to the syscall, as qemu-user does when it maps no vDSO for its guest: 0 or 1 here.
  vdso=Syscall.ClockGettimeVdso
  [[ -z $(count_of $vdso) || $(count_of $vdso) == 0 || $(count_of $vdso) == 1 ]] ||
    fail "$vdso: $(count_of $vdso) syscalls per call, not 0 (a vDSO) or 1 (none)"
  differ=$(join <(sort "$out/counts.txt") <(sort "$out/native-counts.txt") |
    awk -v vdso=$vdso '{ a = sprintf("%.0f", $2); b = sprintf("%.0f", $3) } a != b && $1 != vdso { print $1 " " $2 " (native " $3 ")" }')
  [[ -z $differ ]] || fail "syscalls per call differ from the native build's: $differ"
  compared=$(join <(sort "$out/counts.txt") <(sort "$out/native-counts.txt") | wc -l)
  vdso_note=$([[ $(count_of $vdso) == 1 ]] && echo "; $vdso falls back to the syscall here (the emulator maps no vDSO)")
  only_native=$(join -v 2 <(sort "$out/counts.txt") <(sort "$out/native-counts.txt") | awk '{ print $1 }' | paste -sd' ')
fi

python3 - "$out/quick.json" "$csv" <<'PY' || fail "quick.json does not hold one iteration row per repeat of each case"
import csv, json, sys
doc = json.load(open(sys.argv[1]))
for row in csv.DictReader(open(sys.argv[2])):
    it = [b for b in doc["benchmarks"] if b["run_name"] == row["test"] and b["run_type"] == "iteration"]
    assert len(it) == int(row["repeats"]), (row["test"], len(it), row["repeats"])
PY
"${emulator[@]}" "$bench" summary "$csv" >"$out/summary.txt" 2>"$out/summary-stderr.txt" ||
  fail "the cross-built bench cannot summarise the CSV: $(head -n 2 "$out/summary-stderr.txt")"
while read -r t _; do
  grep -qF "$t " "$out/summary.txt" || fail "bench summary has no line for $t"
done <"$out/counts.txt"

# BPF tracing cannot be checked here: qemu-user does not emulate bpf(2), and the host's bpftrace
# would see qemu's own x86_64 syscalls, not an arm64 kernel's. Said, not hidden: the libbpf
# tracer must fail cleanly (one error line per case, exit 0 or 1, no hang), or, should a later
# qemu pass bpf(2) through, it is reported as loaded.
bpf_skip=""
if "${emulator[@]}" "$demo" --quick --profile libbpf --gtest_filter='BpftraceProfiler.SingleBatchedWrite' \
    --csv "$out/libbpf.csv" >"$out/libbpf-console.txt" 2>"$out/libbpf-stderr.txt" &&
    ! grep -q '^error: ' "$out/libbpf-stderr.txt"; then
  bpf_skip="libbpf tracer: loaded under ${emulator[0]} (not expected; its numbers are still the emulator's)"
else
  why=$(grep -m1 '^error: ' "$out/libbpf-stderr.txt" | sed 's/.*: //') || true
  [[ -n $why ]] || fail "--profile libbpf under ${emulator[0]} failed without saying why: $(tail -n 2 "$out/libbpf-stderr.txt")"
  bpf_skip="skipped: BPF tracing (--profile libbpf, --profile bpftrace): ${emulator[0]} does not emulate bpf(2) ($why) and the host's bpftrace would trace the emulator's x86_64 syscalls; run make demo-09 on an arm64 machine (the workflow's ubuntu-24.04-arm job)"
fi

printf '%-44s %s\n' CASE "SYSCALLS/CALL"
while read -r t n; do printf '%-44s %s\n' "$t" "$n"; done <"$out/counts.txt"
# io_uring's own skip line names the usual causes (seccomp, a sysctl); under qemu-user it is the emulator.
sed 's/^/skipped: /; s/  */ /g; /io_uring_setup: Function not implemented/s/$/; here: qemu-user does not emulate io_uring/' "$out/skipped.txt"
echo "$bpf_skip"
echo "$name: $ran cases ran, $skipped skipped; syscall counts as expected (ManySmallWrites 1024, SingleBatchedWrite 1)"
if [[ -n $native ]]; then
  echo "$name: all $compared cases that ran on both count the same whole syscalls per call as the native build${only_native:+ (ran natively only: $only_native)}${vdso_note}"
else
  echo "$name: no native build given: compared the walkthrough pair only"
fi
echo "$name: the cross-built bench summarised the CSV; timings left out on purpose (the emulator's, not an arm64 CPU's): $out"
