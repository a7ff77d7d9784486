/* bench batching: each case beside its batched form (paired by name, see
 * batching_pairs.h) with syscalls/call, us/call and how many times longer
 * the unbatched form takes. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/input_error.h>
#include <syscost/json.h>
#include <syscost/results.h>
#include <syscost/results_input.h>

#include "batching_pairs.h"
#include "commands.h"
#include "md_escape.h"
#include "table.h"

const struct sc_cli batching_cli = {
    .name = "bench batching",
    .summary = "each case beside its batched form",
    .about = "Cases pair by name, Suite.Group/Variant: in a group the variant named\n"
             "One... (OneByte, OneFlushPerLine) is the one-at-a-time form and every other\n"
             "variant a batched form of it; in a group of numbers (WriteSize.Bytes/16) the\n"
             "largest is the batched form of the others. Factor = us/call of the case\n"
             "divided by us/call of its batched form.\n",
    .args = (const struct sc_arg[]){{"FILE", 1, 1, "the benchmark program's CSV (or its --json)"},
                                    {NULL, 0, 0, NULL}},
    .examples = "bench batching artifacts/demo-09/demo.csv --json artifacts/demo-09/demo.json\n",
};

static const struct sc_opt_choice formats[] = {
    {"table", TABLE_TEXT, false}, {"markdown", TABLE_MARKDOWN, false},
    {"text", TABLE_TEXT, true},   {"md", TABLE_MARKDOWN, true},
    {NULL, 0, false},
};

/* Self-counted syscalls per call by case, from the JSON's iteration rows. */
struct self_counts {
    struct sc_json *doc;
};

static int load_self_counts(const char *path, struct self_counts *sc)
{
    struct sc_json_error e;
    char err[512];
    sc->doc = sc_json_parse_file(path, &e);
    if (!sc->doc) {
        sc_input_error(err, sizeof(err), path, (size_t)e.line, (size_t)e.col, "%s", e.msg);
        fprintf(stderr, "error: %s\n", err);
        return -1;
    }
    const struct sc_json *b = sc_json_get(sc->doc, "benchmarks");
    if (!b || b->type != SC_JSON_ARRAY) {
        sc_input_error(err, sizeof(err), path, (size_t)sc->doc->line, (size_t)sc->doc->col,
                       "no \"benchmarks\" array: is this the benchmark program's --json?");
        fprintf(stderr, "error: %s\n", err);
        sc_json_free(sc->doc);
        sc->doc = NULL;
        return -1;
    }
    return 0;
}

static double self_counted(const struct self_counts *sc, const char *test)
{
    if (!sc->doc)
        return 0;
    const struct sc_json *b = sc_json_get(sc->doc, "benchmarks");
    for (size_t i = 0; i < b->count; i++) {
        const struct sc_json *row = b->items[i];
        const struct sc_json *name = sc_json_get(row, "run_name");
        const struct sc_json *v = sc_json_get(row, "syscalls_self_counted_per_call");
        if (name && name->type == SC_JSON_STRING && !strcmp(name->string, test) && v &&
            v->type == SC_JSON_NUMBER)
            return v->number;
    }
    return 0;
}

static void format_syscalls(const struct sc_result *r, const struct self_counts *sc, char *buf,
                            size_t len)
{
    double self = self_counted(sc, r->test);
    if (isnan(r->syscalls_per_call))
        snprintf(buf, len, "n/a");
    else if (self > 0 && self >= r->syscalls_per_call)
        snprintf(buf, len, "%.6g (self-counted)", r->syscalls_per_call);
    else if (self > 0)
        snprintf(buf, len, "%.6g (%.3g self-counted)", r->syscalls_per_call, self);
    else
        snprintf(buf, len, "%.6g", r->syscalls_per_call);
}

static void format_us(double us, char *buf, size_t len)
{
    snprintf(buf, len, us >= 100 ? "%.0f" : us >= 10 ? "%.1f" : us >= 1 ? "%.2f" : "%.3f", us);
}

static void format_factor(double f, char *buf, size_t len)
{
    if (!isfinite(f))
        snprintf(buf, len, "n/a");
    else
        snprintf(buf, len, f >= 100 ? "%.0fx" : f >= 10 ? "%.1fx" : "%.2fx", f);
}

static int print_table(const struct sc_result_set *set, const struct batching_pair *pairs,
                       size_t n_pairs, const struct self_counts *sc, enum table_format tf)
{
    static const char *const header[] = {"Case", "Syscalls/call", "us/call", "Batched form",
                                         "Syscalls/call", "us/call", "Factor"};
    static const bool right[] = {false, true, true, false, true, true, true};
    struct table t;
    if (table_init(&t, 7, header, right))
        return -1;
    for (size_t i = 0; i < n_pairs; i++) {
        const struct sc_result *u = &set->rows[pairs[i].unbatched];
        const struct sc_result *b = &set->rows[pairs[i].batched];
        char us_sys[64], us_t[32], b_sys[64], b_t[32], fac[32];
        format_syscalls(u, sc, us_sys, sizeof(us_sys));
        format_syscalls(b, sc, b_sys, sizeof(b_sys));
        format_us(u->wall_median, us_t, sizeof(us_t));
        format_us(b->wall_median, b_t, sizeof(b_t));
        format_factor(b->wall_median > 0 ? u->wall_median / b->wall_median : NAN, fac,
                      sizeof(fac));
        const char *row[] = {u->test, us_sys, us_t, b->test, b_sys, b_t, fac};
        if (table_add_row(&t, row)) {
            table_free(&t);
            return -1;
        }
    }
    table_print(&t, stdout, tf, true);
    table_free(&t);
    return 0;
}

/* Names the cases the table leaves out, so a renamed case is noticed. */
static void print_unpaired(const struct sc_result_set *set, const struct batching_pair *pairs,
                           size_t n_pairs, enum table_format tf)
{
    bool any = false;
    for (size_t i = 0; i < set->n; i++) {
        bool paired = false;
        for (size_t k = 0; k < n_pairs && !paired; k++)
            paired = pairs[k].unbatched == i || pairs[k].batched == i;
        if (paired)
            continue;
        const char *test = set->rows[i].test;
        fputs(any ? ", " : "\nNot paired (no Suite.Group/Variant batched form): ", stdout);
        if (tf == TABLE_MARKDOWN)
            md_put_text(stdout, test, strlen(test), MD_INLINE);
        else
            fputs(test, stdout);
        any = true;
    }
    if (any)
        printf("\n");
}

int cmd_batching(int argc, char **argv)
{
    const char *json_path = NULL;
    int format = TABLE_TEXT;
    const struct sc_opt opts[] = {
        SC_OPT_STRING("json", 0, &json_path, "DEMO.json",
                      "the same run's --json: labels syscall counts the cases\n"
                      "counted themselves (sendto, sendmmsg, io_uring_enter...,\n"
                      "which /proc/thread-self/io cannot see)"),
        SC_OPT_ENUM("format", 0, &format, formats, "table (default) or markdown"),
        SC_OPT_END(),
    };
    char *pos[1];
    int n_pos, rc = bench_parse(&batching_cli, opts, argc, argv, pos, &n_pos);
    if (rc != BENCH_GO_ON)
        return rc;
    const char *path = pos[0];
    enum table_format tf = (enum table_format)format;

    struct sc_result_set set;
    char err[1024];
    if (sc_results_read(path, &set, err, sizeof(err))) {
        fprintf(stderr, "error: %s\n", err);
        return 2;
    }
    struct self_counts sc = {0};
    if (json_path && load_self_counts(json_path, &sc)) {
        sc_result_set_free(&set);
        return 2;
    }
    int status = 0;
    const char **names = malloc((set.n ? set.n : 1) * sizeof(*names));
    struct batching_pair *pairs = NULL;
    size_t n_pairs = 0;
    if (!names) {
        status = 2;
    } else {
        for (size_t i = 0; i < set.n; i++)
            names[i] = set.rows[i].test;
        if (batching_pair_names(names, set.n, &pairs, &n_pairs))
            status = 2;
    }
    if (status) {
        fprintf(stderr, "error: bench batching: out of memory\n");
    } else if (n_pairs == 0) {
        fprintf(stderr, "error: %s: no case has a batched form (names pair as "
                        "Suite.Group/OneByte with Suite.Group/Batched, or as a numeric sweep)\n",
                path);
        status = 2;
    } else if (print_table(&set, pairs, n_pairs, &sc, tf)) {
        fprintf(stderr, "error: bench batching: out of memory\n");
        status = 2;
    } else {
        print_unpaired(&set, pairs, n_pairs, tf);
    }
    free(pairs);
    free(names);
    sc_json_free(sc.doc);
    sc_result_set_free(&set);
    return status;
}
