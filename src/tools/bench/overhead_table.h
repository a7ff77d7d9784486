/* The observer effect in numbers: one case measured untraced and under each
 * tracer (the CSV's profileTool tells which), as ns per write() and the ns
 * each tracer adds; with a floor row (profileTool libbpf-floor: an empty
 * sys_enter/sys_exit program pair), also what each adds above the kernel's
 * own price for calling a tracer. Shared by the overhead chart and the report.
 *
 * Several rows of one tool are rounds (make overhead runs each tool once per
 * round, in a shuffled order, and appends): the k-th row of every tool is
 * round k, and what a tool adds is the median over rounds of its difference
 * to the untraced (or floor) run of the same round, so drift between rounds
 * cancels.
 *
 * A tracer run with --profile-pairs (the libbpf tracers) also holds the
 * case's NAME/detached row: the same process's untraced repeats, taken in
 * pairs with the traced ones. Then what the tracer adds is measured inside
 * each run, as the median of its pair differences (the tracer attached for
 * one repeat, detached for the next), and over rounds the median of those:
 * neither drift between processes nor the level one process lands at
 * reaches it.
 *
 * Two optional files beside the untraced run's file complete the table:
 *   bpf-stats.tsv  "TOOL<TAB>NS": the kernel's BPF run-time statistics, ns
 *                  of BPF program time per traced syscall (--bpf-stats);
 *   skipped.tsv    "TOOL<TAB>REASON": a tool that could not run here. */
#ifndef BENCH_OVERHEAD_TABLE_H
#define BENCH_OVERHEAD_TABLE_H

#include <stddef.h>

#include <syscost/results.h>

#define OVERHEAD_MAX_TOOLS 16
#define OVERHEAD_MAX_ROUNDS 64
#define OVERHEAD_FLOOR_TOOL "libbpf-floor"
#define OVERHEAD_BPF_STATS_FILE "bpf-stats.tsv"
#define OVERHEAD_SKIPPED_FILE "skipped.tsv"

struct overhead_row {
    char tool[64];      /* profileTool as written ("none", "libbpf", ...) */
    char label[64];     /* as a person reads it: "untraced", "bpftrace" */
    const char *source; /* the file the row came from */
    double ns_per_syscall; /* median ns per syscall ("per write()") */
    double p10, p90;    /* the repeats' spread, ns per syscall (over rounds: the
                           median round's p10 and p90) */
    double added_ns;    /* over the untraced row; 0 for it */
    double ratio;       /* this / untraced */
    double above_floor_ns; /* over the floor row; NAN without one */
    double floor_ratio; /* added_ns / the floor's added_ns; NAN without a floor */
    double bpf_ns;      /* BPF run time per traced syscall; NAN when not measured */
    size_t rounds;      /* rows pooled (1: one run) */
    double round_ns[OVERHEAD_MAX_ROUNDS]; /* each round's median */
    double round_p10[OVERHEAD_MAX_ROUNDS], round_p90[OVERHEAD_MAX_ROUNDS];
    /* Each round's in-process figure (--profile-pairs): the median of its
     * traced-minus-detached pair differences, ns per syscall. */
    double round_pair_ns[OVERHEAD_MAX_ROUNDS];
    size_t pair_rounds; /* rounds that had one */
    int in_process;     /* every round had one: added_ns is measured in-process */
};

struct overhead_skip {
    char tool[64];
    char reason[256];
};

struct overhead_table {
    char test[256];
    size_t n;           /* rows[0] is the untraced run; the rest cheapest first */
    struct overhead_row rows[OVERHEAD_MAX_TOOLS];
    long floor;         /* index of the floor row, -1: none */
    size_t n_skipped;
    struct overhead_skip skipped[OVERHEAD_MAX_TOOLS];
};

/* Builds the table from result sets (sources[i] names sets[i] in messages).
 * test picks the case; NULL picks BpftraceProfiler.ManySmallWrites when
 * present, else the one case the files share. Fails with a one-line err
 * when there is no untraced run, a tool has more than OVERHEAD_MAX_ROUNDS
 * rows, a row lacks syscallsPerCall, or a file beside it is malformed. */
int overhead_table_build(const struct sc_result_set *sets, const char *const *sources,
                         size_t n_sets, const char *test, struct overhead_table *out,
                         char *err, size_t errlen);

/* "+79.3 ns (+52%)" below 2x, "+2.00 us (14.1x as slow)" from there on;
 * then ", +63.0 ns above the floor" where the table has a floor row. */
/* "+256 ns (2.60x as slow)": what a row adds, and as a multiple (or a percentage under 2x). */
void overhead_change_text(const struct overhead_row *r, char *buf, size_t len);
/* "+59.8 ns above the floor", or "" for the floor itself and where no floor ran. */
void overhead_floor_text(const struct overhead_row *r, char *buf, size_t len);
/* Both, joined by ", ". */
void overhead_added_text(const struct overhead_row *r, char *buf, size_t len);
/* The labels of the rows whose added figure was measured in-process
 * (--profile-pairs), joined by ", "; "" when none was. */
void overhead_in_process_labels(const struct overhead_table *t, char *buf, size_t len);

#endif
