/* The bytes-per-write sweep: cases named PREFIX/N (WriteSize.Bytes/16)
 * write the same payload N bytes per write(). From each row: ns per byte
 * and ns per write() call. Shared by the sweep chart and the report. */
#ifndef BENCH_SWEEP_TABLE_H
#define BENCH_SWEEP_TABLE_H

#include <stddef.h>

#include <syscost/results.h>

#define SWEEP_DEFAULT_PREFIX "WriteSize.Bytes/"

struct sweep_row {
    const struct sc_result *result;
    long bytes_per_write;
    double syscalls_per_call;
    double payload_bytes;   /* bytes_per_write * syscalls_per_call */
    double ns_per_byte, ns_per_write;
    double fixed_only_ns_per_byte; /* the smallest write's cost / N */
};

struct sweep_table {
    struct sweep_row *rows; /* by bytes_per_write, ascending */
    size_t n;
};

/* Collects the rows named prefix + N. Returns 0 with n == 0 when there is
 * none; -1 with err when one lacks syscallsPerCall or N appears twice. */
int sweep_table_build(const struct sc_result_set *set, const char *prefix,
                      struct sweep_table *out, char *err, size_t errlen);
void sweep_table_free(struct sweep_table *t);

#endif
