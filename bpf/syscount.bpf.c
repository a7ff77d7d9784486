/* syscount kernel side: how many times the measured thread made each
 * syscall, counted at sys_enter. No exit program and no clock: one program
 * instead of a pair, so this count-only mode adds less to a syscall than
 * even the empty pair (floor.bpf.c) does.
 * The filter is measured_thread.bpf.h's; the counts are plain increments
 * in this object's .bss (struct syscount_results), which only the measured
 * thread writes and the user side reads through mmap. */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "measured_thread.bpf.h"
#include "syslat.h"

/* Only a pointer to it is passed; no field is read. */
struct pt_regs;

char LICENSE[] SEC("license") = "GPL";

struct syscount_results results = {};

SEC("tp_btf/sys_enter")
int BPF_PROG(syscount_enter, struct pt_regs *regs, long id)
{
    if (enter_is_measured(regs, id) == NOT_MEASURED)
        return 0;
    if ((__u64)id < SYSLAT_MAX_SYSCALLS)
        results.counts[id]++;
    else
        results.out_of_range++;
    return 0;
}
