/* Counts this thread's read- and write-family syscalls from
 * /proc/thread-self/io (syscr + syscw). It needs no privileges, unlike a
 * tracer, so every run can say how many syscalls one call made. */
#ifndef SYSCOST_SYSCALL_COUNTER_H
#define SYSCOST_SYSCALL_COUNTER_H

#include <stdint.h>

struct sc_syscall_counter {
    int fd;            /* -1 when the file is missing */
    uint64_t own_cost; /* syscalls a read of the file itself adds */
};

struct sc_syscall_sample {
    uint64_t syscr, syscw;
};

void sc_syscall_counter_init(struct sc_syscall_counter *c);
int sc_syscall_counter_read(struct sc_syscall_counter *c, struct sc_syscall_sample *s);
/* Syscalls made between two samples, the counter's own read removed:
 * 0 with *syscalls set, or -1 when the two samples make no sense. */
int sc_syscall_counter_delta(const struct sc_syscall_counter *c,
                             const struct sc_syscall_sample *before,
                             const struct sc_syscall_sample *after, uint64_t *syscalls);
void sc_syscall_counter_close(struct sc_syscall_counter *c);

#endif
