/* One syscall's latency histogram out of a tracer's json file, with the
 * numbers a chart and the report show: calls, estimated median and p99,
 * and the log2 buckets on a range several histograms can share. */
#ifndef BENCH_HIST_VIEW_H
#define BENCH_HIST_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <syscost/hist.h>

struct hist_view {
    char source[4096];      /* the json file */
    char test[256];         /* "BpftraceProfiler.ManySmallWrites" (from the file name) */
    char script[64];        /* "syslat" (from the file name), "" when not in it */
    char map[64];           /* "@syscall_lat_ns" */
    char key[64];           /* "write" */
    struct sc_hist_set set; /* owns the entry below */
    const struct sc_map_entry *entry;
    uint64_t total;         /* every call, shown or not */
    uint64_t below_one;     /* calls in the 0 and negative buckets (no log2 place) */
    double median, p99;     /* estimates in the map's unit; -1 when empty */
    bool bytes;             /* the map counts bytes (writesize's @write_bytes), not ns */
    char call[64];          /* the syscall: the key, else the map's name ("write") */
    int64_t lo, hi;         /* log2 range of the counted buckets: [lo, hi) */
};

/* Reads `path` and picks the map (NULL: the first histogram map) and key
 * (NULL: "write" when present, else the key with most calls). Buckets must
 * be log2 (bpftrace hist()). err: "path: what is wrong". */
int hist_view_load(const char *path, const char *map, const char *key,
                   struct hist_view *out, char *err, size_t errlen);
void hist_view_free(struct hist_view *v);

/* A value in the map's unit: "431 ns", "1.02 us", or for sizes the log2
 * bucket holding it, "[1K, 2K) bytes". */
void hist_view_format(const struct hist_view *v, double value, char *buf, size_t len);

/* Calls in the log2 bucket [lo, 2*lo). */
uint64_t hist_view_count(const struct hist_view *v, int64_t lo);

/* Splits "Suite.Case.script.json" into test and script. */
void hist_view_split_name(const char *path, char *test, size_t tlen, char *script, size_t slen);

#endif
