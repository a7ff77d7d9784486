#include "syscall_cost.h"

#include <math.h>

bool syscall_cost_per_syscall(double syscalls)
{
    return syscalls > 0;
}

double syscall_cost_ns(const struct sc_result *r, double syscalls)
{
    return syscall_cost_per_syscall(syscalls) ? r->wall_median * 1e3 / syscalls
                                              : r->wall_median * 1e3;
}

const char *syscall_cost_per_text(double syscalls)
{
    return syscall_cost_per_syscall(syscalls) ? "syscall"
           : syscalls == 0                    ? "call (no syscall)"
                                              : "call (syscalls unknown)";
}
