/* The filter of syslat_fast.bpf.c and syscount.bpf.c: is a measurement
 * armed, and is the current task the measured thread?
 *
 * Defines the object's read-only configuration (cfg, set before load) and
 * its control block (control, the whole .data section, which the user side
 * maps and writes with plain stores; see struct syslat_control).
 *
 * The harness names its measuring thread (cfg.comm) only while the measured
 * repeats run, and that name is the gate. Reading the name costs a helper
 * call and the namespace-aware tgid check another, on every syscall of every
 * task; so they run once, on the first armed syscall of the thread, which
 * then becomes the target. From then on a task is the target when the
 * tracepoint's regs argument, the address of its saved user registers at
 * the top of its own kernel stack, is the target's: one compare, no helper.
 * No other live task has that address; the target gives it up only by
 * ending, and its exit() and exit_group() forget it first.
 * A prctl() may rename the target (the harness restores the old name with
 * one as measuring ends) and an execve() does: its next syscall checks the
 * name again. (Comparing and storing a kernel address needs CAP_PERFMON or
 * CAP_SYS_ADMIN, which loading a tracing program needs anyway.) */
#ifndef SYSCOST_MEASURED_THREAD_BPF_H
#define SYSCOST_MEASURED_THREAD_BPF_H

#include <asm/unistd.h>
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#include "syslat.h"

#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))

const volatile struct syslat_config cfg = {};
struct syslat_control control SEC(".data") = {};

enum measured {
    NOT_MEASURED = 0,
    MEASURED,
    MEASURED_LAST,  /* exit() or exit_group(): counted, never returns */
};

static __always_inline int comm_matches(void)
{
    union {
        char c[16];
        __u64 q[2];
    } comm;

    if (!cfg.comm[0])
        return 1;
    bpf_get_current_comm(comm.c, sizeof(comm.c));
    return comm.q[0] == cfg.comm[0] && comm.q[1] == cfg.comm[1];
}

/* The tgid as seen in the user side's PID namespace, so the check holds
 * in a container, where the user side cannot know its root-namespace pid. */
static __always_inline int process_matches(void)
{
    struct bpf_pidns_info ns = {};

    if (!cfg.tgid)
        return 1;
    if (bpf_get_ns_current_pid_tgid(cfg.pidns_dev, cfg.pidns_ino, &ns, sizeof(ns)))
        return 0;
    return ns.tgid == cfg.tgid;
}

/* For sys_enter (regs, id): whether this syscall is the measured thread's
 * while a measurement is armed. */
static __always_inline enum measured enter_is_measured(const void *regs, long id)
{
    __u64 self = (__u64)regs;

    if (!READ_ONCE(control.armed))
        return NOT_MEASURED;
    if (self != READ_ONCE(control.target_regs)) {
        if (READ_ONCE(control.target_regs) || !comm_matches() || !process_matches())
            return NOT_MEASURED;
        /* Two threads bearing the name: the first one is traced. */
        if (__sync_val_compare_and_swap(&control.target_regs, 0, self) != 0)
            return NOT_MEASURED;
        WRITE_ONCE(control.target, bpf_get_current_pid_tgid());
        WRITE_ONCE(control.recheck, 0);
    } else if (READ_ONCE(control.recheck)) {
        if (!comm_matches())
            return NOT_MEASURED;
        WRITE_ONCE(control.recheck, 0);
    }
    switch (id) {
    case __NR_prctl:
    case __NR_execve:
    case __NR_execveat:
        WRITE_ONCE(control.recheck, 1);
        break;
    case __NR_exit:
    case __NR_exit_group:
        WRITE_ONCE(control.target, 0);
        WRITE_ONCE(control.target_regs, 0);
        return MEASURED_LAST;
    }
    return MEASURED;
}

/* For sys_exit (regs): whether the current task is the measured thread. */
static __always_inline int exit_is_measured(const void *regs)
{
    return (__u64)regs == READ_ONCE(control.target_regs);
}

#endif
