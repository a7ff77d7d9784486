/* bench summary: one line per case, in human units. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/results.h>
#include <syscost/units.h>

#include "commands.h"
#include "export/export.h"

enum sort_key { SORT_NONE, SORT_NAME, SORT_MEDIAN, SORT_CV, SORT_THROUGHPUT };

/* SORT_NONE and EX_TABLE are 0: zeros are the defaults. */
static struct {
    int sort; /* enum sort_key */
    int format;
} args;

static int cmp_rows(const void *a, const void *b)
{
    const struct sc_result *x = a, *y = b;
    double dx = 0, dy = 0;
    switch ((enum sort_key)args.sort) {
    case SORT_NAME: return strcmp(x->test, y->test);
    case SORT_MEDIAN: dx = x->wall_median; dy = y->wall_median; break;
    case SORT_CV: dx = x->wall_cv; dy = y->wall_cv; break;
    case SORT_THROUGHPUT: dx = -x->calls_per_second; dy = -y->calls_per_second; break;
    case SORT_NONE: return 0;
    }
    return (dx > dy) - (dx < dy);
}

/* One row per case: what people read and what tools get, cell by cell. */
static void build(const struct sc_result_set *set, struct ex_doc *doc)
{
    static const struct ex_column cols[] = {
        {"Test", "test", false, false, 0},
        {"Time", "median_us", true, false, 0},
        {"Throughput", "calls_per_second", true, false, 0},
        {"CV", "cv", true, false, 0},
        {"Syscalls", "syscalls_per_call", true, false, 0},
        {NULL, "samples", false, false, 0},
    };
    struct ex_table *t = ex_doc_table(doc, NULL, cols, sizeof(cols) / sizeof(cols[0]),
                                      EX_EVERYWHERE);
    if (!t)
        return;
    t->no_text_header = true;
    for (size_t i = 0; i < set->n; i++) {
        const struct sc_result *r = &set->rows[i];
        char tm[32], thr[32], cv[32], sys[48], tmc[40], thrc[48];
        sc_format_time_us(r->wall_median, tm, sizeof(tm));
        snprintf(tmc, sizeof(tmc), "%s/call", tm);
        double cps = SC_HAS(r, SC_COL_CALLS_PER_SECOND) ? r->calls_per_second
                                                       : 1e6 / r->wall_median;
        sc_format_count(cps, thr, sizeof(thr));
        snprintf(thrc, sizeof(thrc), "%s calls/s", thr);
        bool has_cv = SC_HAS(r, SC_COL_WALL_CV);
        if (has_cv)
            snprintf(cv, sizeof(cv), "CV %.1f%%", r->wall_cv * 100);
        else
            snprintf(cv, sizeof(cv), "CV n/a");
        if (isnan(r->syscalls_per_call))
            snprintf(sys, sizeof(sys), "n/a syscalls/call");
        else
            snprintf(sys, sizeof(sys), "%.6g syscalls/call", r->syscalls_per_call);
        EX_ROW(t, EX_EVERYWHERE, ex_text(r->test), ex_shown(ex_time(r->wall_median), tmc),
               ex_shown(ex_real(isfinite(cps) ? cps : NAN), thrc),
               ex_shown(has_cv ? ex_fraction(r->wall_cv) : ex_none(), cv),
               ex_shown(isnan(r->syscalls_per_call) ? ex_none() : ex_real(r->syscalls_per_call),
                        sys),
               ex_count(r->n_samples));
    }
}

static const struct sc_opt_choice sort_keys[] = {
    {"name", SORT_NAME, false},     {"median", SORT_MEDIAN, false},
    {"cv", SORT_CV, false},         {"throughput", SORT_THROUGHPUT, false},
    {NULL, 0, false},
};

static const struct sc_opt options[] = {
    SC_OPT_ENUM("sort", 0, &args.sort, sort_keys, "order of the lines (default: as in the file)"),
    BENCH_OPT_FORMAT(&args.format),
    SC_OPT_END(),
};

static int run(char **pos, int n_pos)
{
    (void)n_pos;
    struct sc_result_set set;
    if (bench_read_results(pos[0], &set))
        return 2;
    if (args.sort != SORT_NONE)
        qsort(set.rows, set.n, sizeof(set.rows[0]), cmp_rows);
    struct ex_doc doc;
    ex_doc_init(&doc);
    build(&set, &doc);
    int status = bench_write(&doc, args.format, "summary");
    sc_result_set_free(&set);
    return status;
}

const struct bench_command summary_command = {
    .cli = {
        .name = "bench summary",
        .summary = "one line per case: time, calls/s, CV, syscalls",
        .about = "One line per case: median time per call, calls per second, CV and\n"
                 "syscalls per call.\n",
        .args = SC_ARGS({"FILE", 1, 1, "results: the kit's CSV, its --json, or\n"
                        "google benchmark JSON"}),
        .examples = "bench summary artifacts/demo-09/demo.csv --sort median\n",
    },
    .options = options, BENCH_ARGS(args), .run = run,
};
