/* Where a syscall's cost goes: one call per iteration of
 *   - the null syscall, getppid() through syscall(2): the kernel does almost
 *     nothing but enter and leave, and no libc caches it;
 *   - clock_gettime(CLOCK_MONOTONIC) as libc calls it, through the vDSO, in
 *     user space; and the same call forced into the kernel with syscall(2);
 *   - a 1-byte read() from /dev/zero and a 1-byte write() to /dev/null.
 * Subtracting the null syscall from the others leaves each one's own path
 * (bench report does, with the medians' intervals). /proc/thread-self/io
 * counts read() and write() only, so the other cases count their syscalls
 * themselves; the vDSO case counts one per call only where the vDSO falls
 * back to the syscall, which a probe finds out before it runs. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "cases.h"
#include "devnull.h"
#include "vdso_probe.h"

static enum sc_outcome null_syscall(const struct sc_case *c, void *state, uint64_t cycles,
                                    struct sc_status *st)
{
    (void)c, (void)state, (void)st;
    for (uint64_t n = 0; n < cycles; n++)
        syscall(SYS_getppid);
    sc_count_syscalls(cycles);
    return SC_OK;
}

/* The vDSO case's state: whether its calls enter the kernel. */
struct vdso_case {
    uint64_t syscalls_per_call; /* 0 where the vDSO answers, 1 where it falls back */
};

static enum sc_outcome vdso_setup(const struct sc_case *c, void **state, struct sc_status *st)
{
    char why[160];
    enum vdso_answer a = vdso_probe_clock_gettime(CLOCK_MONOTONIC, why, sizeof(why));
    if (a == VDSO_UNKNOWN)
        return sc_skip(st, "cannot tell whether the vDSO answers clock_gettime here (%s): "
                           "not measured rather than claimed to make no syscall", why);
    struct vdso_case *v = malloc(sizeof(*v));
    if (!v)
        return sc_fail(st, "out of memory");
    v->syscalls_per_call = a == VDSO_ANSWERS ? 0 : 1;
    static int said;
    if (v->syscalls_per_call && !said++)
        fprintf(stderr, "note: %s: %s; each call is counted as the syscall it makes\n", c->name,
                why);
    *state = v;
    return SC_OK;
}

static void vdso_teardown(const struct sc_case *c, void *state)
{
    (void)c;
    free(state);
}

static enum sc_outcome clock_gettime_vdso(const struct sc_case *c, void *state, uint64_t cycles,
                                          struct sc_status *st)
{
    (void)c;
    const struct vdso_case *v = state;
    struct timespec ts;
    for (uint64_t n = 0; n < cycles; n++)
        if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
            return sc_fail(st, "clock_gettime(CLOCK_MONOTONIC): %s", strerror(errno));
    sc_count_syscalls(cycles * v->syscalls_per_call);
    return SC_OK;
}

static enum sc_outcome clock_gettime_syscall(const struct sc_case *c, void *state,
                                             uint64_t cycles, struct sc_status *st)
{
    (void)c, (void)state;
    struct timespec ts;
    for (uint64_t n = 0; n < cycles; n++)
        if (syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts) != 0)
            return sc_fail(st, "syscall(SYS_clock_gettime, CLOCK_MONOTONIC): %s",
                           strerror(errno));
    sc_count_syscalls(cycles);
    return SC_OK;
}

/* /dev/zero is character device 1:5 on Linux; anything else (a file
 * mounted over it) would time a file system, not the driver. */
static enum sc_outcome open_dev_zero(const struct sc_case *c, void **state, struct sc_status *st)
{
    (void)c;
    int fd = open("/dev/zero", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return sc_fail(st, "cannot open /dev/zero for reading: %s", strerror(errno));
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISCHR(sb.st_mode) || major(sb.st_rdev) != 1 ||
        minor(sb.st_rdev) != 5) {
        close(fd);
        return sc_fail(st, "/dev/zero is not the character device 1:5 here: the case would "
                           "time something else than the driver");
    }
    int *state_fd = malloc(sizeof(*state_fd));
    if (!state_fd) {
        close(fd);
        return sc_fail(st, "out of memory");
    }
    *state_fd = fd;
    *state = state_fd;
    return SC_OK;
}

static void close_dev_zero(const struct sc_case *c, void *state)
{
    (void)c;
    int *fd = state;
    if (!fd)
        return;
    close(*fd);
    free(fd);
}

static enum sc_outcome read_dev_zero(const struct sc_case *c, void *state, uint64_t cycles,
                                     struct sc_status *st)
{
    (void)c;
    const int fd = *(int *)state;
    char byte;
    for (uint64_t n = 0; n < cycles; n++) {
        ssize_t got = read(fd, &byte, 1);
        if (got != 1)
            return sc_fail(st, "read() of 1 byte from /dev/zero: %s",
                           got < 0 ? strerror(errno) : "end of file");
    }
    return SC_OK;
}

static enum sc_outcome open_dev_null(const struct sc_case *c, void **state, struct sc_status *st)
{
    (void)c;
    return devnull_sink_open(1, state, st);
}

static enum sc_outcome write_dev_null(const struct sc_case *c, void *state, uint64_t cycles,
                                      struct sc_status *st)
{
    (void)c;
    const struct devnull_sink *s = state;
    for (uint64_t n = 0; n < cycles; n++) {
        ssize_t got = write(s->fd, s->payload, 1);
        if (got != 1)
            return sc_fail(st, "write() of 1 byte to /dev/null: %s",
                           got < 0 ? strerror(errno) : "short write");
    }
    return SC_OK;
}

const struct sc_case syscall_cases[] = {
    {.name = "Syscall.Null", .run = null_syscall},
    {.name = "Syscall.ClockGettimeVdso", .setup = vdso_setup, .run = clock_gettime_vdso,
     .teardown = vdso_teardown},
    {.name = "Syscall.ClockGettimeSyscall", .run = clock_gettime_syscall},
    {.name = "Syscall.ReadDevZero", .setup = open_dev_zero, .run = read_dev_zero,
     .teardown = close_dev_zero},
    {.name = "Syscall.WriteDevNull", .setup = open_dev_null, .run = write_dev_null,
     .teardown = devnull_sink_teardown},
    {0},
};
