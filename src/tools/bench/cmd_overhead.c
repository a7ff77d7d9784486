/* bench overhead: the observer-effect table of `make overhead`: one case
 * untraced and under each tracer, as ns per syscall and ns each tracer adds. */
#include <glob.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <syscost/file_util.h>
#include <syscost/results.h>

#include "commands.h"
#include "md_escape.h"
#include "overhead_table.h"
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
             "each tracer (profileTool libbpf, bpftrace, perf-trace, strace), one CSV\n"
             "per run. Prints ns per syscall (the median repeat divided by\n"
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

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Expands each DIR argument to its *.csv files (sorted); files stay as given. */
static int collect_paths(char **args, int n, glob_t *g, char *err, size_t errlen)
{
    int flags = 0;
    memset(g, 0, sizeof(*g));
    for (int i = 0; i < n; i++) {
        char pattern[4096];
        bool dir = is_dir(args[i]);
        if (dir)
            snprintf(pattern, sizeof(pattern), "%s/*.csv", args[i]);
        else
            snprintf(pattern, sizeof(pattern), "%s", args[i]);
        /* GLOB_NOCHECK keeps a plain file name even when it does not exist,
         * so the CSV reader reports it. */
        int rc = glob(pattern, flags | (dir ? 0 : GLOB_NOCHECK), NULL, g);
        if (rc == GLOB_NOMATCH) {
            snprintf(err, errlen, "%s: no .csv files in this directory", args[i]);
            return -1;
        }
        if (rc != 0) {
            snprintf(err, errlen, "%s: cannot list the files", args[i]);
            return -1;
        }
        flags = GLOB_APPEND;
    }
    return 0;
}

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
    glob_t g;
    int status = 2;
    struct sc_result_set *sets = NULL;
    size_t n_read = 0;
    if (collect_paths(inputs, n_inputs, &g, err, sizeof(err)) != 0) {
        fprintf(stderr, "error: %s\n", err);
        goto cleanup;
    }
    sets = calloc(g.gl_pathc, sizeof(*sets));
    if (!sets) {
        fprintf(stderr, "error: out of memory\n");
        goto cleanup;
    }
    for (; n_read < g.gl_pathc; n_read++)
        if (sc_results_read_csv(g.gl_pathv[n_read], &sets[n_read], err, sizeof(err)) != 0) {
            fprintf(stderr, "error: %s\n", err);
            goto cleanup;
        }

    struct overhead_table tab;
    if (overhead_table_build(sets, (const char *const *)g.gl_pathv, n_read, test, &tab, err,
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
    for (size_t i = 0; i < n_read; i++)
        sc_result_set_free(&sets[i]);
    free(sets);
    globfree(&g);
    free(inputs);
    return status;
}
