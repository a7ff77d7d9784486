#include "per_syscall.h"

#include <math.h>

bool per_syscall_divides(double syscalls)
{
    return syscalls > 0;
}

double per_syscall_ns(const struct sc_result *r, double syscalls)
{
    return per_syscall_divides(syscalls) ? r->wall_median * 1e3 / syscalls
                                              : r->wall_median * 1e3;
}

const char *per_syscall_text(double syscalls)
{
    return per_syscall_divides(syscalls) ? "syscall"
           : syscalls == 0                    ? "call (no syscall)"
                                              : "call (syscalls unknown)";
}
