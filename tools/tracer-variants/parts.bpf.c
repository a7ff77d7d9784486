/* One piece of the libbpf tracer's work at a time, on top of an empty
 * sys_enter/sys_exit pair (bpf/floor.bpf.c), to price each piece alone.
 * Built once per piece with -DPART=<name> (see the Makefile). Each piece
 * runs on every syscall of every task, unfiltered, as it would on the
 * measured thread's path; results go to a sink so none is optimised away. */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "syslat.h"

struct pt_regs;
struct task_struct;

char LICENSE[] SEC("license") = "GPL";

#define PART_ARMED 1    /* load a flag from .data and branch */
#define PART_PIDTGID 2  /* bpf_get_current_pid_tgid() and a compare */
#define PART_COMM 3     /* bpf_get_current_comm() and two 8-byte compares */
#define PART_PIDNS 4    /* bpf_get_ns_current_pid_tgid() and a compare (entry only) */
#define PART_TASK 5     /* task storage: get with create at entry, get at exit */
#define PART_CLOCK 6    /* bpf_ktime_get_ns() at entry and at exit */
#define PART_ATOMIC 7   /* array map lookup and three atomic adds (exit only) */
#define PART_PLAIN 8    /* array map lookup and three plain adds (exit only) */
#define PART_BSS 9      /* three plain adds into .bss, no lookup (exit only) */
#define PART_PERCPU 10  /* per-CPU array lookup and three plain adds (exit only) */

#ifndef PART
#error "build with -DPART=PART_<name>"
#endif

const volatile struct syslat_config cfg = {};
struct syslat_control control SEC(".data") = {};
__u64 sink;

#if PART == PART_TASK
struct {
    __uint(type, BPF_MAP_TYPE_TASK_STORAGE);
    __uint(map_flags, BPF_F_NO_PREALLOC);
    __type(key, int);
    __type(value, struct syslat_start);
} starts SEC(".maps");
#elif PART == PART_ATOMIC || PART == PART_PLAIN || PART == PART_PERCPU
struct {
#if PART == PART_PERCPU
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
#else
    __uint(type, BPF_MAP_TYPE_ARRAY);
#endif
    __uint(max_entries, SYSLAT_MAX_SYSCALLS);
    __type(key, __u32);
    __type(value, struct syslat_stats);
} stats SEC(".maps");
#elif PART == PART_BSS
struct syslat_stats bss_stats[SYSLAT_MAX_SYSCALLS];
#endif

#if PART == PART_COMM
static __always_inline void comm_piece(void)
{
    union {
        char c[16];
        __u64 q[2];
    } comm;

    bpf_get_current_comm(comm.c, sizeof(comm.c));
    if (comm.q[0] == cfg.comm[0] && comm.q[1] == cfg.comm[1])
        sink++;
}
#endif

#if PART >= PART_ATOMIC
static __always_inline void update_piece(__u32 id, __u64 delta, __u32 slot)
{
#if PART == PART_BSS
    struct syslat_stats *st = &bss_stats[id & (SYSLAT_MAX_SYSCALLS - 1)];
#else
    struct syslat_stats *st = bpf_map_lookup_elem(&stats, &id);

    if (!st)
        return;
#endif
#if PART == PART_ATOMIC
    __sync_fetch_and_add(&st->count, 1);
    __sync_fetch_and_add(&st->total_ns, delta);
    __sync_fetch_and_add(&st->slots[slot], 1);
#else
    st->count++;
    st->total_ns += delta;
    st->slots[slot]++;
#endif
}
#endif

SEC("tp_btf/sys_enter")
int BPF_PROG(part_enter, struct pt_regs *regs, long id)
{
#if PART == PART_ARMED
    if (!*(volatile __u32 *)&control.armed)
        return 0;
    sink++;
#elif PART == PART_PIDTGID
    if (bpf_get_current_pid_tgid() == *(volatile __u64 *)&control.target)
        sink++;
#elif PART == PART_COMM
    comm_piece();
#elif PART == PART_PIDNS
    struct bpf_pidns_info ns = {};

    if (!bpf_get_ns_current_pid_tgid(cfg.pidns_dev, cfg.pidns_ino, &ns, sizeof(ns)) &&
        ns.tgid == cfg.tgid)
        sink++;
#elif PART == PART_TASK
    struct syslat_start *s = bpf_task_storage_get(&starts, bpf_get_current_task_btf(), 0,
                                                  BPF_LOCAL_STORAGE_GET_F_CREATE);
    if (s)
        s->ts_ns = 1;
#elif PART == PART_CLOCK
    sink = bpf_ktime_get_ns();
#endif
    return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(part_exit, struct pt_regs *regs, long ret)
{
#if PART == PART_ARMED
    if (!*(volatile __u32 *)&control.armed)
        return 0;
    sink++;
#elif PART == PART_PIDTGID
    if (bpf_get_current_pid_tgid() == *(volatile __u64 *)&control.target)
        sink++;
#elif PART == PART_COMM
    comm_piece();
#elif PART == PART_TASK
    struct syslat_start *s = bpf_task_storage_get(&starts, bpf_get_current_task_btf(), 0, 0);
    if (s)
        s->ts_ns = 0;
#elif PART == PART_CLOCK
    sink = bpf_ktime_get_ns() - sink;
#elif PART == PART_ATOMIC || PART == PART_PLAIN || PART == PART_BSS || PART == PART_PERCPU
    /* Syscall 1 (write on x86-64), a 300 ns latency: the slot a write lands in. */
    update_piece(1, 300, 10);
#endif
    return 0;
}
