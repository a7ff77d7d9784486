/* The bytes-per-write sweep: one call writes the same 64 KiB to /dev/null,
 * cut into write()s of .arg bytes each, so the cost per byte can be plotted
 * against the write size. From 64 KiB / 1 = 65536 syscalls down to one. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "cases.h"
#include "devnull.h"

enum { TOTAL_BYTES = 64 * 1024 };

static enum sc_outcome sweep_setup(const struct sc_case *c, void **state, struct sc_status *st)
{
    if (c->arg <= 0 || TOTAL_BYTES % c->arg)
        return sc_fail(st, "%s: %ld bytes per write does not divide %d", c->name, c->arg,
                       TOTAL_BYTES);
    return devnull_sink_open(TOTAL_BYTES, state, st);
}

static enum sc_outcome sweep_run(const struct sc_case *c, void *state, uint64_t cycles,
                                 struct sc_status *st)
{
    struct devnull_sink *s = state;
    const size_t chunk = (size_t)c->arg;
    for (uint64_t n = 0; n < cycles; n++)
        for (size_t off = 0; off < TOTAL_BYTES; off += chunk) {
            ssize_t got = write(s->fd, s->payload + off, chunk);
            if (got != (ssize_t)chunk)
                return got < 0 ? sc_fail(st, "write() of %zu bytes to /dev/null: %s", chunk,
                                         strerror(errno))
                               : sc_fail(st, "write() to /dev/null was short: %zd of %zu bytes",
                                         got, chunk);
        }
    return SC_OK;
}

#define SWEEP(n)                                                                   \
    {.name = "WriteSize.Bytes/" #n, .arg = n, .setup = sweep_setup, .run = sweep_run, \
     .teardown = devnull_sink_teardown}

const struct sc_case write_size_cases[] = {
    SWEEP(1), SWEEP(4), SWEEP(16), SWEEP(64), SWEEP(256),
    SWEEP(1024), SWEEP(4096), SWEEP(16384), SWEEP(65536),
    {0},
};
