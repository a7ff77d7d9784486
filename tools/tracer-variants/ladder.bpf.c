/* The steps from the old tracer (before.bpf.c) to the fast one
 * (bpf/syslat_fast.bpf.c), one change per step, built with -D knobs (see
 * the Makefile). Every step checks the name and namespace only to learn the
 * measured thread, like the fast tracer, and, like the old one (before.bpf.c), counts at exit.
 *
 *   FILTER_PIDTGID  the learned thread is its pid_tgid, compared with
 *                   bpf_get_current_pid_tgid() at entry and exit (default)
 *   FILTER_REGS     the learned thread is its regs address, compared for
 *                   free (bpf/measured_thread.bpf.h, the fast tracer's)
 *
 *   START_TASK    the entry time in task-local storage (the old tracer's)
 *   START_GLOBAL  one in-flight slot in .bss (the fast tracer's)
 *   START_PERCPU  a per-CPU slot {pid_tgid, ts, id}, which would serve
 *                 several traced threads: a thread that migrated mid-call
 *                 finds another thread's slot or none at exit, drops that
 *                 latency and clears its own stale slot on the other CPUs
 *                 (-DCLEAR_STALE=0 leaves it: tracer-variants check then
 *                 shows the wrong latencies that follow)
 *
 *   UPDATE_ATOMIC array map of per-syscall structs, atomic adds (the old tracer's)
 *   UPDATE_PLAIN  the same map, plain adds
 *   UPDATE_BSS    struct syslat_results in .bss (the fast tracer's layout,
 *                 so tracer-variants check reads it), plain adds
 *   UPDATE_PERCPU per-CPU array map, plain adds */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "log2_slot.bpf.h"
#include "measured_thread.bpf.h"
#include "syslat.h"

struct pt_regs;
struct task_struct;

char LICENSE[] SEC("license") = "GPL";

#define START_TASK 1
#define START_GLOBAL 2
#define START_PERCPU 3
#define UPDATE_ATOMIC 1
#define UPDATE_PLAIN 2
#define UPDATE_BSS 3
#define UPDATE_PERCPU 4

#define FILTER_PIDTGID 1
#define FILTER_REGS 2

#if !defined(START) || !defined(UPDATE)
#error "build with -DSTART=START_<kind> -DUPDATE=UPDATE_<kind> [-DFILTER=FILTER_<kind>]"
#endif
#ifndef FILTER
#define FILTER FILTER_PIDTGID
#endif

#if FILTER == FILTER_PIDTGID
/* measured_thread.bpf.h's filter with the thread's pid_tgid for identity. */
static __always_inline int lab_enter_is_measured(long id)
{
    __u64 self;

    if (!READ_ONCE(control.armed))
        return 0;
    self = bpf_get_current_pid_tgid();
    if (self != READ_ONCE(control.target)) {
        if (READ_ONCE(control.target) || !comm_matches() || !process_matches())
            return 0;
        if (__sync_val_compare_and_swap(&control.target, 0, self) != 0)
            return 0;
    } else if (READ_ONCE(control.recheck)) {
        if (!comm_matches())
            return 0;
        WRITE_ONCE(control.recheck, 0);
    }
    if (id == __NR_prctl)
        WRITE_ONCE(control.recheck, 1);
    return 1;
}
#define ENTER_IS_MEASURED(regs, id) lab_enter_is_measured(id)
#define EXIT_IS_MEASURED(regs) (bpf_get_current_pid_tgid() == READ_ONCE(control.target))
#else
#define ENTER_IS_MEASURED(regs, id) (enter_is_measured(regs, id) == MEASURED)
#define EXIT_IS_MEASURED(regs) exit_is_measured(regs)
#endif

/* Where a start lives: struct syslat_start {ts_ns, id} plus, per CPU, the
 * thread it belongs to. */
struct percpu_start {
    __u64 pid_tgid;
    __u64 ts_ns;
    __u64 id;
};

#if UPDATE == UPDATE_BSS
struct syslat_results results;
#else
struct {
#if UPDATE == UPDATE_PERCPU
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
#else
    __uint(type, BPF_MAP_TYPE_ARRAY);
#endif
    __uint(max_entries, SYSLAT_MAX_SYSCALLS);
    __type(key, __u32);
    __type(value, struct syslat_stats);
} stats SEC(".maps");
#endif

#if START == START_TASK
struct {
    __uint(type, BPF_MAP_TYPE_TASK_STORAGE);
    __uint(map_flags, BPF_F_NO_PREALLOC);
    __type(key, int);
    __type(value, struct syslat_start);
} starts SEC(".maps");
#elif START == START_GLOBAL && UPDATE == UPDATE_BSS
#define INFLIGHT_TS results.inflight_ts_ns
#define INFLIGHT_ID results.inflight_id
#elif START == START_GLOBAL
struct syslat_start inflight;
#define INFLIGHT_TS inflight.ts_ns
#define INFLIGHT_ID inflight.id
#else
struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct percpu_start);
} starts SEC(".maps");
/* Enough for this kit's machines; a slot on a higher CPU stays stale
 * harmlessly only if the thread never runs there again. */
#define SCAN_CPUS 256
#ifndef CLEAR_STALE
#define CLEAR_STALE 1
#endif
#endif

static __always_inline void record(__u32 id, __u64 delta)
{
    __u32 slot = log2_slot(delta);
#if UPDATE == UPDATE_BSS
    struct syslat_fast_stats *st = &results.stats[id];
#else
    struct syslat_stats *st = bpf_map_lookup_elem(&stats, &id);

    if (!st)
        return;
#endif
    if (slot >= SYSLAT_SLOTS)
        slot = SYSLAT_SLOTS - 1;
#if UPDATE == UPDATE_ATOMIC
    __sync_fetch_and_add(&st->count, 1);
    __sync_fetch_and_add(&st->total_ns, delta);
    __sync_fetch_and_add(&st->slots[slot], 1);
#else
    st->count++;
    st->total_ns += delta;
    st->slots[slot]++;
#endif
}

#if START == START_PERCPU && CLEAR_STALE
/* A call whose latency is lost: still counted, where the layout can say so. */
static __always_inline void drop(__u64 id)
{
#if UPDATE == UPDATE_BSS
    if (id < SYSLAT_MAX_SYSCALLS) {
        results.stats[id].count++;
        results.stats[id].dropped++;
    }
#endif
}
#endif

#if START == START_PERCPU && CLEAR_STALE
/* The thread's call entered on another CPU: its slot there is stale and
 * must never be matched by a later exit on that CPU. */
static __always_inline void clear_stale(__u64 self)
{
    struct percpu_start *s;
    __u32 zero = 0;

    for (__u32 cpu = 0; cpu < SCAN_CPUS; cpu++) {
        s = bpf_map_lookup_percpu_elem(&starts, &zero, cpu);
        if (!s)
            break;
        /* Only this thread writes its own id into a slot, and it runs
         * here, so a slot holding it now is stale; another thread's
         * entry written meanwhile must survive, hence the exchange. */
        if (s->pid_tgid == self &&
            __sync_val_compare_and_swap(&s->pid_tgid, self, 0) == self)
            drop(s->id);
    }
}
#endif

SEC("tp_btf/sys_enter")
int BPF_PROG(ladder_enter, struct pt_regs *regs, long id)
{
    if (!ENTER_IS_MEASURED(regs, id))
        return 0;
    if ((__u64)id >= SYSLAT_MAX_SYSCALLS)
        return 0;
#if START == START_TASK
    struct syslat_start *s = bpf_task_storage_get(&starts, bpf_get_current_task_btf(), 0,
                                                  BPF_LOCAL_STORAGE_GET_F_CREATE);
    if (!s)
        return 0;
    s->id = id;
    s->ts_ns = bpf_ktime_get_ns();
#elif START == START_GLOBAL
    INFLIGHT_ID = id;
    INFLIGHT_TS = bpf_ktime_get_ns();
#else
    __u32 zero = 0;
    struct percpu_start *s = bpf_map_lookup_elem(&starts, &zero);

    if (!s)
        return 0;
    s->pid_tgid = bpf_get_current_pid_tgid();
    s->id = id;
    s->ts_ns = bpf_ktime_get_ns();
#endif
    return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(ladder_exit, struct pt_regs *regs, long ret)
{
    __u64 now, start, id;

    if (!EXIT_IS_MEASURED(regs))
        return 0;
    now = bpf_ktime_get_ns();
#if START == START_TASK
    struct syslat_start *s = bpf_task_storage_get(&starts, bpf_get_current_task_btf(), 0, 0);

    if (!s || !s->ts_ns)
        return 0;
    start = s->ts_ns;
    id = s->id;
    s->ts_ns = 0;
#elif START == START_GLOBAL
    start = INFLIGHT_TS;
    if (!start)
        return 0;
    id = INFLIGHT_ID;
    INFLIGHT_TS = 0;
#else
    __u64 self = bpf_get_current_pid_tgid();
    __u32 zero = 0;
    struct percpu_start *s = bpf_map_lookup_elem(&starts, &zero);

    if (!s)
        return 0;
    if (s->pid_tgid != self) {
#if CLEAR_STALE
        clear_stale(self);
#endif
        return 0;
    }
    start = s->ts_ns;
    id = s->id;
    s->pid_tgid = 0;
#endif
    if (id >= SYSLAT_MAX_SYSCALLS || now < start)
        return 0;
    record(id, now - start);
    return 0;
}
