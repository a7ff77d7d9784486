/* bench summary: one line per case, in human units. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/json_write.h>
#include <syscost/results.h>
#include <syscost/results_input.h>
#include <syscost/units.h>

#include "commands.h"
#include "table.h"

enum sort_key { SORT_NONE, SORT_NAME, SORT_MEDIAN, SORT_CV, SORT_THROUGHPUT };

static enum sort_key sort_key;

static int cmp_rows(const void *a, const void *b)
{
    const struct sc_result *x = a, *y = b;
    double dx = 0, dy = 0;
    switch (sort_key) {
    case SORT_NAME: return strcmp(x->test, y->test);
    case SORT_MEDIAN: dx = x->wall_median; dy = y->wall_median; break;
    case SORT_CV: dx = x->wall_cv; dy = y->wall_cv; break;
    case SORT_THROUGHPUT: dx = -x->calls_per_second; dy = -y->calls_per_second; break;
    case SORT_NONE: return 0;
    }
    return (dx > dy) - (dx < dy);
}

static void print_json(const struct sc_result_set *set)
{
    printf("[\n");
    for (size_t i = 0; i < set->n; i++) {
        const struct sc_result *r = &set->rows[i];
        printf("  {\"test\": ");
        sc_json_put_string(stdout, r->test);
        printf(", \"median_us\": ");
        sc_json_put_number(stdout, r->wall_median);
        printf(", \"calls_per_second\": ");
        sc_json_put_number(stdout, SC_HAS(r, SC_COL_CALLS_PER_SECOND)
                                       ? r->calls_per_second
                                       : (r->wall_median > 0 ? 1e6 / r->wall_median : NAN));
        printf(", \"cv\": ");
        sc_json_put_number(stdout, SC_HAS(r, SC_COL_WALL_CV) ? r->wall_cv : NAN);
        printf(", \"syscalls_per_call\": ");
        sc_json_put_number(stdout, r->syscalls_per_call);
        printf(", \"samples\": %zu}%s\n", r->n_samples, i + 1 < set->n ? "," : "");
    }
    printf("]\n");
}

const struct sc_cli summary_cli = {
    .name = "bench summary",
    .summary = "one line per case: time, calls/s, CV, syscalls",
    .about = "One line per case: median time per call, calls per second, CV and\n"
             "syscalls per call.\n",
    .args = (const struct sc_arg[]){{"FILE", 1, 1, "results: the kit's CSV, its --json, or\n"
                                                   "google benchmark JSON"},
                                    {NULL, 0, 0, NULL}},
    .examples = "bench summary artifacts/demo-09/demo.csv --sort median\n",
};

static const struct sc_opt_choice sort_keys[] = {
    {"name", SORT_NAME, false},     {"median", SORT_MEDIAN, false},
    {"cv", SORT_CV, false},         {"throughput", SORT_THROUGHPUT, false},
    {NULL, 0, false},
};

enum { FORMAT_TABLE, FORMAT_MARKDOWN, FORMAT_JSON };
static const struct sc_opt_choice formats[] = {
    {"table", FORMAT_TABLE, false}, {"markdown", FORMAT_MARKDOWN, false},
    {"json", FORMAT_JSON, false},   {"text", FORMAT_TABLE, true},
    {"md", FORMAT_MARKDOWN, true},  {NULL, 0, false},
};

int cmd_summary(int argc, char **argv)
{
    int sort = SORT_NONE, format = FORMAT_TABLE;
    const struct sc_opt opts[] = {
        SC_OPT_ENUM("sort", 0, &sort, sort_keys, "order of the lines (default: as in the file)"),
        SC_OPT_ENUM("format", 0, &format, formats, "table (default), markdown or json"),
        SC_OPT_END(),
    };
    char *pos[1];
    int n_pos, rc = bench_parse(&summary_cli, opts, argc, argv, pos, &n_pos);
    if (rc != BENCH_GO_ON)
        return rc;
    const char *path = pos[0];
    sort_key = (enum sort_key)sort;
    bool json = format == FORMAT_JSON;
    enum table_format tf = format == FORMAT_MARKDOWN ? TABLE_MARKDOWN : TABLE_TEXT;

    struct sc_result_set set;
    char err[1024];
    if (sc_results_read(path, &set, err, sizeof(err))) {
        fprintf(stderr, "error: %s\n", err);
        return 2;
    }
    if (sort_key != SORT_NONE)
        qsort(set.rows, set.n, sizeof(set.rows[0]), cmp_rows);

    if (json) {
        print_json(&set);
        sc_result_set_free(&set);
        return 0;
    }
    static const char *const header[] = {"Test", "Time", "Throughput", "CV", "Syscalls"};
    static const bool right[] = {false, true, true, true, true};
    struct table t;
    table_init(&t, 5, header, right);
    for (size_t i = 0; i < set.n; i++) {
        const struct sc_result *r = &set.rows[i];
        char tm[32], thr[32], cv[32], sys[48], tmc[40], thrc[48];
        sc_format_time_us(r->wall_median, tm, sizeof(tm));
        snprintf(tmc, sizeof(tmc), "%s/call", tm);
        double cps = SC_HAS(r, SC_COL_CALLS_PER_SECOND) ? r->calls_per_second
                                                       : 1e6 / r->wall_median;
        sc_format_count(cps, thr, sizeof(thr));
        snprintf(thrc, sizeof(thrc), "%s calls/s", thr);
        if (SC_HAS(r, SC_COL_WALL_CV))
            snprintf(cv, sizeof(cv), "CV %.1f%%", r->wall_cv * 100);
        else
            snprintf(cv, sizeof(cv), "CV n/a");
        if (isnan(r->syscalls_per_call))
            snprintf(sys, sizeof(sys), "n/a syscalls/call");
        else
            snprintf(sys, sizeof(sys), "%.6g syscalls/call", r->syscalls_per_call);
        const char *row[] = {r->test, tmc, thrc, cv, sys};
        table_add_row(&t, row);
    }
    table_print(&t, stdout, tf, tf == TABLE_MARKDOWN);
    table_free(&t);
    sc_result_set_free(&set);
    return 0;
}
