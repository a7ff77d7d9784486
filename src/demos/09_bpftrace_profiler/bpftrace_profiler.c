/* The walkthrough's cases: the same 1024 bytes to /dev/null, as 1024
 * one-byte write()s or as one write(). /dev/null does no work with the
 * data, so what is left is the fixed cost of entering and leaving the kernel. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "cases.h"
#include "devnull.h"

enum { PAYLOAD_BYTES = 1024 };

static enum sc_outcome open_devnull(const struct sc_case *c, void **state,
                                    struct sc_status *st)
{
    (void)c;
    return devnull_sink_open(PAYLOAD_BYTES, state, st);
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
     .run = many_small_writes, .teardown = devnull_sink_teardown},
    {.name = "BpftraceProfiler.SingleBatchedWrite", .setup = open_devnull,
     .run = single_batched_write, .teardown = devnull_sink_teardown},
    {0},
};
