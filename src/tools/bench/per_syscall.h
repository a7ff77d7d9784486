/* What one case costs per syscall, as every table that sets cases side by
 * side states it: the median per call divided by the syscalls per call,
 * or per call when the case makes none (the vDSO) or the count is unknown.
 * Shared by bench seccomp and bench fleet, so both divide the same way. */
#ifndef BENCH_PER_SYSCALL_H
#define BENCH_PER_SYSCALL_H

#include <stdbool.h>

#include <syscost/results.h>

/* ns per syscall when syscalls > 0, else ns per call. */
double per_syscall_ns(const struct sc_result *r, double syscalls);

/* True when per_syscall_ns divides by syscalls. */
bool per_syscall_divides(double syscalls);

/* "syscall", "call (no syscall)" or "call (syscalls unknown)". */
const char *per_syscall_text(double syscalls);

#endif
