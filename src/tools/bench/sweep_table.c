#include "sweep_table.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_size(const void *a, const void *b)
{
    const struct sweep_row *x = a, *y = b;
    return (x->bytes_per_write > y->bytes_per_write) - (x->bytes_per_write < y->bytes_per_write);
}

static bool size_of(const char *test, const char *prefix, long *bytes)
{
    size_t plen = strlen(prefix);
    if (strncmp(test, prefix, plen) || !test[plen])
        return false;
    char *end;
    errno = 0;
    long v = strtol(test + plen, &end, 10);
    if (errno || *end || v <= 0)
        return false;
    *bytes = v;
    return true;
}

int sweep_table_build(const struct sc_result_set *set, const char *prefix,
                      struct sweep_table *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof(*out));
    out->rows = calloc(set->n + 1, sizeof(*out->rows));
    if (!out->rows) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < set->n; i++) {
        const struct sc_result *r = &set->rows[i];
        long bytes;
        if (!size_of(r->test, prefix, &bytes))
            continue;
        if (!(r->syscalls_per_call > 0)) {
            snprintf(err, errlen, "%s has no syscallsPerCall, so its payload is unknown", r->test);
            sweep_table_free(out);
            return -1;
        }
        for (size_t k = 0; k < out->n; k++)
            if (out->rows[k].bytes_per_write == bytes) {
                snprintf(err, errlen, "%s appears twice", r->test);
                sweep_table_free(out);
                return -1;
            }
        struct sweep_row *row = &out->rows[out->n++];
        row->result = r;
        row->bytes_per_write = bytes;
        row->syscalls_per_call = r->syscalls_per_call;
        row->payload_bytes = (double)bytes * r->syscalls_per_call;
        row->ns_per_byte = r->wall_median * 1e3 / row->payload_bytes;
        row->ns_per_write = r->wall_median * 1e3 / r->syscalls_per_call;
    }
    qsort(out->rows, out->n, sizeof(*out->rows), by_size);
    for (size_t k = 0; k < out->n; k++)
        out->rows[k].fixed_only_ns_per_byte =
            out->rows[0].ns_per_write / (double)out->rows[k].bytes_per_write;
    return 0;
}

void sweep_table_free(struct sweep_table *t)
{
    free(t->rows);
    memset(t, 0, sizeof(*t));
}
