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

/* ---- syslat_fast.bpf.c (latency) and syscount.bpf.c (counts only) ----
 * Both trace one thread: the measured one. They read the same rodata
 * (struct syslat_config cfg, set before load), keep struct syslat_control
 * as their whole .data section and their results as their whole .bss
 * section. libbpf creates both maps BPF_F_MMAPABLE: the user side mmap()s
 * them and uses plain loads and stores, no syscall. */

/* Read on every syscall of every task while attached, written rarely, so
 * it is a section (a map, a page) apart from the results written on every
 * traced call. */
struct syslat_control {
    /* Written by the user side: 1 while the measured repeats run. */
    __u32 armed;
    /* Written by BPF: the measured thread made a prctl() or an execve(),
     * which may have renamed it; its name is checked again on its next
     * syscall. */
    __u32 recheck;
    /* Written by BPF: the measured thread, learned on the first armed
     * syscall of a thread whose name is cfg.comm and whose tgid in cfg's
     * namespace is cfg.tgid; 0 until then and after it calls exit(). Only
     * that thread is traced. target_regs is the address of its saved user
     * registers (the tracepoints' regs argument: the top of its kernel
     * stack, its own while it lives), which the hot path compares for free;
     * target is its pid_tgid in the initial PID namespace, for the record.
     * The user side zeroes the block (disarmed) to reuse a loaded object. */
    __u64 target_regs;
    __u64 target;
    __u64 reserved[5];
};

/* syscount.bpf.c's .bss: calls entered by the measured thread. */
struct syscount_results {
    __u64 counts[SYSLAT_MAX_SYSCALLS];
    __u64 out_of_range;   /* ids outside [0, SYSLAT_MAX_SYSCALLS) */
};

/* Per syscall id. Entered calls are counted at sys_enter, so the counts
 * are exact whatever happens to a latency: at any time
 * count == sum(slots) + dropped, plus 1 for the id of a call in flight
 * (exit() and exit_group(), which never return, are only counted). */
struct syslat_fast_stats {
    __u64 count;          /* calls entered */
    __u64 dropped;        /* entered, but no latency recorded (never seen to exit) */
    __u64 total_ns;       /* sum of the recorded latencies */
    __u64 slots[SYSLAT_SLOTS];
};

/* syslat_fast.bpf.c's .bss. One thread is traced and it is in at most one
 * syscall at a time, so its start time needs one slot, which only that
 * thread writes: no per-CPU slot, no migration to undo, no atomics. */
struct syslat_results {
    __u64 inflight_ts_ns; /* entry time of the call in flight; 0: none */
    __u64 inflight_id;
    __u64 out_of_range;   /* ids outside [0, SYSLAT_MAX_SYSCALLS) */
    __u64 reserved;
    struct syslat_fast_stats stats[SYSLAT_MAX_SYSCALLS];
};

#endif
