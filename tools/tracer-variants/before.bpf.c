/* The libbpf tracer's kernel side before the fast design (bpf/syslat_fast.bpf.c),
 * kept for tracer-variants to price it: per-syscall latency of one process's
 * measured threads.
 *
 * tp_btf on the raw sys_enter/sys_exit tracepoints needs no tracefs and
 * fires for every syscall of every task, so the filter runs first and is
 * cheap: the thread name (two 8-byte compares), then the namespace-aware
 * tgid. The start time lives in task-local storage, which costs far less
 * than a hash map keyed by tid. Results are aggregated here: a log2
 * histogram, a count and a total per syscall id. */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "log2_slot.bpf.h"
#include "syslat.h"

/* Only pointers to these are passed around; no field is read. */
struct pt_regs;
struct task_struct;

char LICENSE[] SEC("license") = "GPL";

const volatile struct syslat_config cfg = {};

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, SYSLAT_MAX_SYSCALLS);
    __type(key, __u32);
    __type(value, struct syslat_stats);
} stats SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_TASK_STORAGE);
    __uint(map_flags, BPF_F_NO_PREALLOC);
    __type(key, int);
    __type(value, struct syslat_start);
} starts SEC(".maps");

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

static __always_inline int process_matches(void)
{
    struct bpf_pidns_info ns = {};

    if (!cfg.tgid)
        return 1;
    if (bpf_get_ns_current_pid_tgid(cfg.pidns_dev, cfg.pidns_ino, &ns, sizeof(ns)))
        return 0;
    return ns.tgid == cfg.tgid;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(syslat_enter, struct pt_regs *regs, long id)
{
    struct syslat_start *s;

    if (!comm_matches() || !process_matches())
        return 0;
    if (id < 0 || id >= SYSLAT_MAX_SYSCALLS)
        return 0;
    s = bpf_task_storage_get(&starts, bpf_get_current_task_btf(), 0,
                             BPF_LOCAL_STORAGE_GET_F_CREATE);
    if (!s)
        return 0;
    s->id = id;
    s->ts_ns = bpf_ktime_get_ns();
    return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(syslat_exit, struct pt_regs *regs, long ret)
{
    struct syslat_start *s;
    struct syslat_stats *st;
    __u64 now, delta;
    __u32 id, slot;

    /* Tasks that never entered a traced syscall have no storage: this
     * lookup is the cheap filter for the rest of the system. */
    s = bpf_task_storage_get(&starts, bpf_get_current_task_btf(), 0, 0);
    if (!s || !s->ts_ns)
        return 0;
    now = bpf_ktime_get_ns();
    delta = now - s->ts_ns;
    id = (__u32)s->id;
    s->ts_ns = 0;
    /* The thread renamed itself during this syscall: measuring ended. */
    if (!comm_matches())
        return 0;
    st = bpf_map_lookup_elem(&stats, &id);
    if (!st)
        return 0;
    slot = log2_slot(delta);
    if (slot >= SYSLAT_SLOTS)
        slot = SYSLAT_SLOTS - 1;
    __sync_fetch_and_add(&st->count, 1);
    __sync_fetch_and_add(&st->total_ns, delta);
    __sync_fetch_and_add(&st->slots[slot], 1);
    return 0;
}
