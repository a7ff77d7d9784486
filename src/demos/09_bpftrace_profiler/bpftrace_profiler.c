/* The walkthrough's cases: the same 1024 bytes to /dev/null, as 1024
 * one-byte write()s or as one write(). /dev/null does no work with the
 * data, so what is left is the fixed cost of entering and leaving the kernel. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cases.h"

enum { PAYLOAD_BYTES = 1024 };

struct devnull_sink {
    int fd;
    char payload[PAYLOAD_BYTES];
};

static enum sc_outcome open_devnull(const struct sc_case *c, void **state,
                                    struct sc_status *st)
{
    (void)c;
    struct devnull_sink *s = malloc(sizeof(*s));
    if (!s)
        return sc_fail(st, "out of memory");
    s->fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (s->fd < 0) {
        int e = errno;
        free(s);
        return sc_fail(st, "cannot open /dev/null for writing: %s", strerror(e));
    }
    /* A regular file mounted over /dev/null would take the writes, and the
     * numbers would time a file system instead of the bare system call. */
    struct stat sb;
    if (fstat(s->fd, &sb) != 0 || !S_ISCHR(sb.st_mode)) {
        close(s->fd);
        free(s);
        return sc_fail(st, "/dev/null is not a character device here (something is "
                           "mounted over it): the case would time a file, not a system call");
    }
    for (int i = 0; i < PAYLOAD_BYTES; i++)
        s->payload[i] = (char)('a' + i % 26);
    *state = s;
    return SC_OK;
}

static void close_devnull(const struct sc_case *c, void *state)
{
    (void)c;
    struct devnull_sink *s = state;
    if (!s)
        return;
    close(s->fd);
    free(s);
}

/* A short or failed write is an error, never a silently cheaper number. */
static enum sc_outcome check_write(ssize_t got, size_t want, size_t index,
                                   struct sc_status *st)
{
    if (got == (ssize_t)want)
        return SC_OK;
    if (got < 0)
        return sc_fail(st, "write() #%zu of %zu bytes to /dev/null failed: %s",
                       index, want, strerror(errno));
    return sc_fail(st, "write() #%zu to /dev/null was short: %zd of %zu bytes",
                   index, got, want);
}

static enum sc_outcome many_small_writes(const struct sc_case *c, void *state,
                                         uint64_t cycles, struct sc_status *st)
{
    (void)c;
    struct devnull_sink *s = state;
    for (uint64_t n = 0; n < cycles; n++)
        for (size_t i = 0; i < PAYLOAD_BYTES; i++) {
            ssize_t got = write(s->fd, &s->payload[i], 1);
            if (got != 1)
                return check_write(got, 1, i, st);
        }
    return SC_OK;
}

static enum sc_outcome single_batched_write(const struct sc_case *c, void *state,
                                            uint64_t cycles, struct sc_status *st)
{
    (void)c;
    struct devnull_sink *s = state;
    for (uint64_t n = 0; n < cycles; n++) {
        ssize_t got = write(s->fd, s->payload, PAYLOAD_BYTES);
        if (got != PAYLOAD_BYTES)
            return check_write(got, PAYLOAD_BYTES, 0, st);
    }
    return SC_OK;
}

const struct sc_case bpftrace_profiler_cases[] = {
    {.name = "BpftraceProfiler.ManySmallWrites", .setup = open_devnull,
     .run = many_small_writes, .teardown = close_devnull},
    {.name = "BpftraceProfiler.SingleBatchedWrite", .setup = open_devnull,
     .run = single_batched_write, .teardown = close_devnull},
    {0},
};
