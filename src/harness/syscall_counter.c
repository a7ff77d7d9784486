#include "syscall_counter.h"

#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int sc_syscall_counter_read(struct sc_syscall_counter *c, struct sc_syscall_sample *s)
{
    if (c->fd < 0)
        return -1;
    char buf[512];
    /* One pread per sample: the counter's own cost stays a constant. */
    ssize_t n = pread(c->fd, buf, sizeof(buf) - 1, 0);
    if (n <= 0)
        return -1;
    buf[n] = '\0';
    const char *r = strstr(buf, "syscr: ");
    const char *w = strstr(buf, "syscw: ");
    if (!r || !w || sscanf(r, "syscr: %" SCNu64, &s->syscr) != 1 ||
        sscanf(w, "syscw: %" SCNu64, &s->syscw) != 1)
        return -1;
    return 0;
}

void sc_syscall_counter_init(struct sc_syscall_counter *c)
{
    c->own_cost = 0;
    c->fd = open("/proc/thread-self/io", O_RDONLY | O_CLOEXEC);
    struct sc_syscall_sample a, b;
    if (sc_syscall_counter_read(c, &a) || sc_syscall_counter_read(c, &b)) {
        sc_syscall_counter_close(c);
        return;
    }
    c->own_cost = (b.syscr + b.syscw) - (a.syscr + a.syscw);
}

int sc_syscall_counter_delta(const struct sc_syscall_counter *c,
                             const struct sc_syscall_sample *before,
                             const struct sc_syscall_sample *after, uint64_t *syscalls)
{
    uint64_t d = (after->syscr + after->syscw) - (before->syscr + before->syscw);
    if (d < c->own_cost)
        return -1;
    *syscalls = d - c->own_cost;
    return 0;
}

void sc_syscall_counter_close(struct sc_syscall_counter *c)
{
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
}
