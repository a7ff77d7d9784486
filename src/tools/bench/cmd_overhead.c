/* bench overhead: the observer-effect table of `make overhead`: one case
 * untraced and under each tracer, as ns per syscall and ns each tracer adds. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/file_util.h>
#include <syscost/results.h>

#include "commands.h"
#include "md_escape.h"
#include "overhead_table.h"
#include "result_inputs.h"
#include "table.h"

/* The goal the kit sets its own tracer: at most this share of bpftrace's cost. */
#define LIBBPF_GOAL_PERCENT 60
#define LIBBPF_GOAL_SHARE (LIBBPF_GOAL_PERCENT / 100.0)
#define TEXT_OF(x) #x
#define NUMBER_TEXT(x) TEXT_OF(x)

const struct sc_cli overhead_cli = {
    .name = "bench overhead",
    .summary = "what each tracer adds per syscall",
    .about = "The observer effect: one case run untraced (profileTool none) and under\n"
             "each tracer (profileTool libbpf, bpftrace, perf-trace, strace), one file\n"
             "per run (the kit's CSV or its --json). Prints ns per syscall (the median repeat divided by\n"
             "syscallsPerCall), what each tracer adds, and whether the libbpf tracer\n"
             "stays within " NUMBER_TEXT(LIBBPF_GOAL_PERCENT) "% of what bpftrace adds.\n",
    .args = (const struct sc_arg[]){{"INPUT", 1, SC_ARGS_MANY,
                                     "a folder of runs (its *.csv files) or one run's file"},
                                    {NULL, 0, 0, NULL}},
    .examples = "bench overhead artifacts/demo-09/overhead\n"
                "bench overhead none.csv libbpf.csv bpftrace.csv --format markdown\n",
};

static const struct sc_opt_choice formats[] = {
    {"table", TABLE_TEXT, false}, {"markdown", TABLE_MARKDOWN, false},
    {"text", TABLE_TEXT, true},   {"md", TABLE_MARKDOWN, true},
    {NULL, 0, false},
};

static void print_table(const struct overhead_table *tab, enum table_format fmt)
{
    bool writes = !strcmp(tab->test, "BpftraceProfiler.ManySmallWrites");
    const char *const header[] = {"TOOL", writes ? "ns per write()" : "ns per syscall",
                                  writes ? "ns added per write()" : "ns added per syscall",
                                  "p10-p90 (ns)", "FILE"};
    static const bool right[] = {false, true, true, true, false};
    struct table t;
    if (table_init(&t, 5, header, right) != 0)
        return;
    for (size_t i = 0; i < tab->n; i++) {
        const struct overhead_row *r = &tab->rows[i];
        char per[32], added[48], spread[48];
        snprintf(per, sizeof(per), "%.1f", r->ns_per_syscall);
        if (i == 0)
            snprintf(added, sizeof(added), "-");
        else
            snprintf(added, sizeof(added), "%+.1f (%.2fx)", r->added_ns, r->ratio);
        snprintf(spread, sizeof(spread), "%.1f-%.1f", r->p10, r->p90);
        const char *row[] = {r->label, per, added, spread, sc_base_name(r->source)};
        table_add_row(&t, row);
    }
    table_print(&t, stdout, fmt, true);
    table_free(&t);
}

static const struct overhead_row *row_of(const struct overhead_table *tab, const char *tool)
{
    for (size_t i = 1; i < tab->n; i++)
        if (!strcmp(tab->rows[i].tool, tool))
            return &tab->rows[i];
    return NULL;
}

int cmd_overhead(int argc, char **argv)
{
    const char *test = NULL;
    int format = TABLE_TEXT;
    const struct sc_opt opts[] = {
        SC_OPT_STRING("case", 0, &test, "NAME",
                      "the case (default BpftraceProfiler.ManySmallWrites,\n"
                      "or the one case the files hold)"),
        SC_OPT_ENUM("format", 0, &format, formats, "table (default) or markdown"),
        SC_OPT_END(),
    };
    char **inputs = calloc((size_t)argc, sizeof(*inputs));
    int n_inputs = 0;
    if (!inputs) {
        fprintf(stderr, "error: bench overhead: out of memory\n");
        return 2;
    }
    int rc = bench_parse(&overhead_cli, opts, argc, argv, inputs, &n_inputs);
    if (rc != BENCH_GO_ON) {
        free(inputs);
        return rc;
    }
    enum table_format fmt = (enum table_format)format;

    char err[1024];
    int status = 2;
    struct result_inputs in;
    if (result_inputs_read(inputs, (size_t)n_inputs, &in, err, sizeof(err))) {
        free(inputs);
        fprintf(stderr, "error: %s\n", err);
        return 2;
    }
    struct overhead_table tab;
    if (overhead_table_build(in.sets, (const char *const *)in.paths, in.n, test, &tab, err,
                             sizeof(err)) != 0) {
        fprintf(stderr, "error: %s\n", err);
        goto cleanup;
    }
    if (fmt == TABLE_MARKDOWN) {
        fputs("Observer effect on ", stdout);
        md_put_code(stdout, tab.test, strlen(tab.test), MD_INLINE);
        fputs(" (median of the repeats):\n\n", stdout);
    } else
        printf("Observer effect on %s (median of the repeats)\n", tab.test);
    print_table(&tab, fmt);
    const struct overhead_row *lb = row_of(&tab, "libbpf"), *bt = row_of(&tab, "bpftrace");
    if (lb && bt && bt->added_ns > 0) {
        double share = lb->added_ns / bt->added_ns;
        printf("%slibbpf adds %.0f%% of what bpftrace adds (%.1f vs %.1f ns per syscall; "
               "goal: at most %.0f%%): %s\n", fmt == TABLE_MARKDOWN ? "\n" : "", share * 100,
               lb->added_ns, bt->added_ns, LIBBPF_GOAL_SHARE * 100,
               share <= LIBBPF_GOAL_SHARE ? "met" : "NOT met");
    }
    status = 0;
cleanup:
    result_inputs_free(&in);
    free(inputs);
    return status;
}
