/* syslat (fast) kernel side: per-syscall latency of the measured thread.
 *
 * tp_btf on the raw sys_enter/sys_exit tracepoints fires for every syscall
 * of every task; measured_thread.bpf.h decides with two loads and two
 * compares, no helper, whether it is the measured thread's. Then two clock
 * reads, the only helpers on the hot path, and plain stores into this
 * object's .bss (struct syslat_results), which only that one thread ever
 * writes, and which the user side reads through mmap:
 *
 *   sys_enter: count the call (exact, whatever becomes of its latency),
 *              note its id and entry time in the one in-flight slot;
 *   sys_exit:  time since entry -> log2 slot, total; clear the slot.
 *
 * One thread is in at most one syscall at a time, so one slot serves: a
 * thread that migrates between CPUs mid-call finds its slot on any CPU
 * (the clock is the same on all of them), and no other thread can touch
 * it. exit() and exit_group() are counted and never put in flight: they
 * do not return. A call whose exit is still never seen is counted as
 * dropped when the next one enters, or stays in flight. */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "log2_slot.bpf.h"
#include "measured_thread.bpf.h"
#include "syslat.h"

/* Only a pointer to it is passed; no field is read. */
struct pt_regs;

char LICENSE[] SEC("license") = "GPL";

struct syslat_results results = {};

SEC("tp_btf/sys_enter")
int BPF_PROG(syslat_enter, struct pt_regs *regs, long id)
{
    enum measured m = enter_is_measured(regs, id);
    __u64 prev;

    if (m == NOT_MEASURED)
        return 0;
    if ((__u64)id >= SYSLAT_MAX_SYSCALLS) {
        results.out_of_range++;
        return 0;
    }
    if (results.inflight_ts_ns) {
        prev = results.inflight_id;
        if (prev < SYSLAT_MAX_SYSCALLS)
            results.stats[prev].dropped++;
        results.inflight_ts_ns = 0;
    }
    results.stats[id].count++;
    if (m == MEASURED_LAST)
        return 0;
    results.inflight_id = id;
    /* Last, so this program's own work stays out of the interval. */
    results.inflight_ts_ns = bpf_ktime_get_ns();
    return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(syslat_exit, struct pt_regs *regs, long ret)
{
    struct syslat_fast_stats *st;
    __u64 now, start, delta, id;

    if (!exit_is_measured(regs))
        return 0;
    /* First, so this program's own work stays out of the interval. */
    now = bpf_ktime_get_ns();
    start = results.inflight_ts_ns;
    /* 0: the call entered before tracing was armed (not counted). */
    if (!start)
        return 0;
    results.inflight_ts_ns = 0;
    id = results.inflight_id;
    if (id >= SYSLAT_MAX_SYSCALLS)
        return 0;
    st = &results.stats[id];
    delta = now - start;
    /* The clock is the same on every CPU (a synchronised TSC); were it
     * ever behind the entry's, no latency beats a wrong one. */
    if ((__s64)delta < 0) {
        st->dropped++;
        return 0;
    }
    st->total_ns += delta;
    st->slots[log2_slot(delta)]++;
    return 0;
}
