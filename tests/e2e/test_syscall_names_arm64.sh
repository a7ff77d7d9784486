#!/usr/bin/env bash
# The syscall name table generator reads the numbering of the compiler it is given: with Debian's aarch64 cross compiler it writes arm64's table (write 64, getppid 173, mmap through __NR3264_mmap 222), with the host's x86_64's (write 1, getppid 110); the libbpf tracer and the cross build (make cross-arm64) print names from it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
gen=$SYSCOST_SOURCE_DIR/src/tracers/libbpf/gen_syscall_names.cmake

# entry FILE NR: the name the generated table gives syscall NR ("" if none).
entry() { sed -n "s/^ *\[$2\] = \"\([a-z0-9_]*\)\",\$/\1/p" "$1"; }
expect_entry() { # FILE NR NAME WHAT
  [[ $(entry "$1" "$2") == "$3" ]] || fail "$4: syscall $2 is '$(entry "$1" "$2")' in $1, expected $3"
}

command -v aarch64-linux-gnu-gcc >/dev/null ||
  skip "no aarch64-linux-gnu-gcc (ci/install-cross-arm64.sh installs Debian's cross compiler)"
cmake -DCC=aarch64-linux-gnu-gcc -DOUT="$WORK/arm64.c" -P "$gen" >"$WORK/gen.log" 2>&1 ||
  fail "the generator failed for aarch64-linux-gnu-gcc: $(tail -n 3 "$WORK/gen.log")"
expect_entry "$WORK/arm64.c" 64 write arm64
expect_entry "$WORK/arm64.c" 173 getppid arm64
expect_entry "$WORK/arm64.c" 222 mmap "arm64 (#define __NR_mmap __NR3264_mmap)"
expect_entry "$WORK/arm64.c" 62 lseek "arm64 (#define __NR_lseek __NR3264_lseek)"
grep -q '"syscalls"\|"arch_specific_syscall"' "$WORK/arm64.c" && fail "arm64: a count or range macro is named as a syscall"
aarch64-linux-gnu-gcc -c -o "$WORK/arm64.o" "$WORK/arm64.c" || fail "the arm64 table does not compile"
ok "aarch64-linux-gnu-gcc: write 64, getppid 173, mmap 222, lseek 62"

if [[ $(uname -m) == x86_64 ]]; then
  cmake -DCC=cc -DOUT="$WORK/host.c" -P "$gen" >"$WORK/gen.log" 2>&1 ||
    fail "the generator failed for cc: $(tail -n 3 "$WORK/gen.log")"
  expect_entry "$WORK/host.c" 1 write x86_64
  expect_entry "$WORK/host.c" 110 getppid x86_64
  expect_entry "$WORK/host.c" 9 mmap x86_64
  ok "cc (x86_64): write 1, getppid 110, mmap 9"
fi
