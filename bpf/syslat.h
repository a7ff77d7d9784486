/* Types shared by the syslat tracer's kernel side (syslat.bpf.c) and user
 * side (src/tracers/libbpf/syslat.c). Fixed-width kernel types only, so
 * both compilers agree on every offset. */
#ifndef SYSCOST_SYSLAT_H
#define SYSCOST_SYSLAT_H

#include <linux/types.h>

/* Syscall ids at or above this are not recorded (x86_64 has ~470). */
#define SYSLAT_MAX_SYSCALLS 1024
/* log2 latency slots in bpftrace's hist() layout: slot 1 holds 0 ns,
 * slot k >= 2 holds [2^(k-2), 2^(k-1)) ns. Equals SC_LOG2_SLOTS. */
#define SYSLAT_SLOTS 66

/* Read-only configuration, set by the user side before load so the
 * verifier sees constants. */
struct syslat_config {
    __u64 pidns_dev;  /* st_dev and st_ino of /proc/self/ns/pid: the pid */
    __u64 pidns_ino;  /* namespace tgid below is counted in */
    __u32 tgid;       /* the process to trace; 0 traces any process */
    __u32 reserved;
    __u64 comm[2];    /* thread name to trace, NUL padded; all zero: any */
};

/* Per syscall id, aggregated in the kernel. */
struct syslat_stats {
    __u64 count;
    __u64 total_ns;
    __u64 slots[SYSLAT_SLOTS];
};

/* Per thread, from sys_enter to sys_exit. */
struct syslat_start {
    __u64 ts_ns;      /* 0: no syscall in flight */
    __u64 id;
};

#endif
