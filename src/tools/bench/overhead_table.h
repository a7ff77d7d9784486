/* The observer effect in numbers: one case measured untraced and under each
 * tracer (the CSV's profileTool tells which), as ns per write() and the ns
 * each tracer adds. Shared by the overhead chart and the report. */
#ifndef BENCH_OVERHEAD_TABLE_H
#define BENCH_OVERHEAD_TABLE_H

#include <stddef.h>

#include <syscost/results.h>

#define OVERHEAD_MAX_TOOLS 16

struct overhead_row {
    char tool[64];      /* profileTool as written ("none", "libbpf", ...) */
    char label[64];     /* as a person reads it: "untraced", "bpftrace" */
    const char *source; /* the file the row came from */
    double ns_per_syscall; /* median ns per syscall ("per write()") */
    double p10, p90;    /* the repeats' spread, ns per syscall */
    double added_ns;    /* over the untraced row; 0 for it */
    double ratio;       /* this / untraced */
};

struct overhead_table {
    char test[256];
    size_t n;           /* rows[0] is the untraced run; the rest cheapest first */
    struct overhead_row rows[OVERHEAD_MAX_TOOLS];
};

/* Builds the table from result sets (sources[i] names sets[i] in messages).
 * test picks the case; NULL picks BpftraceProfiler.ManySmallWrites when
 * present, else the one case the files share. Fails with a one-line err
 * when there is no untraced run, a tool appears twice, or a row lacks
 * syscallsPerCall. */
int overhead_table_build(const struct sc_result_set *sets, const char *const *sources,
                         size_t n_sets, const char *test, struct overhead_table *out,
                         char *err, size_t errlen);

/* "+79.3 ns (+52%)" below 2x, "+2.00 us (14.1x as slow)" from there on. */
void overhead_added_text(const struct overhead_row *r, char *buf, size_t len);

#endif
