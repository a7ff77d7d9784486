/* floor: the kernel's own price for a syscall tracer.
 *
 * An empty program on each of the raw sys_enter and sys_exit tracepoints
 * (tp_btf, like the kit's tracers). Attaching them turns on the syscall
 * tracing work for every task and calls both programs on every syscall;
 * they do nothing, so what a syscall costs more with them attached is the
 * least any sys_enter/sys_exit tracer can add on this kernel. A tracer's
 * own work is what it adds above this. */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

/* Only a pointer to it is passed; no field is read. */
struct pt_regs;

char LICENSE[] SEC("license") = "GPL";

SEC("tp_btf/sys_enter")
int BPF_PROG(floor_enter, struct pt_regs *regs, long id)
{
    return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(floor_exit, struct pt_regs *regs, long ret)
{
    return 0;
}
