/* The demo report: REPORT.md and REPORT.html written from one run's
 * artifact directory alone (see run_dir.h for its layout). Every number in
 * it comes from those files; nothing is written by hand per run.
 *
 * env.txt, when the run wrote one, is "key: value" lines (kernel, cpu,
 * clocksource, runner, tool versions...), shown in the order given;
 * lines starting with '#' are comments. */
#ifndef BENCH_REPORT_H
#define BENCH_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "overhead_table.h"
#include "report_doc.h"
#include "syscall_cost.h"

/* The decomposition sentence's numbers (the Syscall suite), ns per call. */
struct report_decomposition {
    bool have;               /* the run has Syscall.Null */
    double null_ns;
    char call[64];           /* "write()"; "" when no call besides the null syscall */
    char path[128];          /* what its own path is */
    double total_ns;
    struct syscall_cost_ns own; /* total - null, with its interval */
    double vdso_ns, vdso_syscalls; /* NAN without Syscall.ClockGettimeVdso */
    double forced_ns;        /* clock_gettime through syscall(2); NAN without */
};

/* The numbers the conclusion states, kept apart so tests can check them. */
struct report_findings {
    bool have_batching;      /* slow.csv against fast.csv */
    char slow_test[256], fast_test[256];
    double slow_us, fast_us; /* medians, us per call */
    double slow_syscalls, fast_syscalls; /* per call; NAN when unknown */
    double batch_factor;     /* slow_us / fast_us */
    double ns_per_syscall;   /* slow_us / slow_syscalls, in ns */
    double fast_ns_per_syscall;

    bool have_overhead;
    struct overhead_table overhead;
    long libbpf_row, bpftrace_row; /* rows of overhead, -1 when absent */

    size_t n_histograms;     /* histogram files drawn into the report */
    bool have_write_hist;    /* of the slow case: */
    double hist_median_ns, hist_p99_ns;
    unsigned long long hist_calls;
    char hist_script[64]; /* the tracer script behind hist_* ("syslat", "libbpf-syslat") */

    char seccomp_sentence[1024]; /* the seccomp tax, or why it was not measured */

    struct report_decomposition decomposition;
    size_t n_sweep;          /* bytes-per-write rows */
    size_t n_plots;
};

/* Builds the document for run directory dir. Fails (-1, err one line) only
 * on unreadable or malformed files; missing parts are said in the report. */
int report_build(const char *dir, struct doc *doc, struct report_findings *found,
                 char *err, size_t errlen);

/* Builds and writes dir/REPORT.md and dir/REPORT.html, published as a pair:
 * both are written whole to temporary files first, then renamed one right
 * after the other with SIGINT, SIGTERM, SIGHUP and SIGPIPE held back. A
 * failure or one of those signals before the renames leaves the previous
 * pair and no temporary file. Charts: see report_chart.h. */
int report_write(const char *dir, struct report_findings *found, char *err, size_t errlen);

#endif
