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
#include "export/export.h"


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

/* Syscalls per call, and how many of them the case counted itself. */
static struct ex_cell syscalls_cell(const struct sc_result *r, double self, char *buf,
                                    size_t len)
{
    if (isnan(r->syscalls_per_call))
        return ex_shown(ex_none(), "n/a");
    if (self > 0 && self >= r->syscalls_per_call)
        snprintf(buf, len, "%.6g (self-counted)", r->syscalls_per_call);
    else if (self > 0)
        snprintf(buf, len, "%.6g (%.3g self-counted)", r->syscalls_per_call, self);
    else
        snprintf(buf, len, "%.6g", r->syscalls_per_call);
    return ex_shown(ex_real(r->syscalls_per_call), buf);
}

static struct ex_cell us_cell(double us, char *buf, size_t len)
{
    snprintf(buf, len, us >= 100 ? "%.0f" : us >= 10 ? "%.1f" : us >= 1 ? "%.2f" : "%.3f", us);
    return ex_shown(ex_time(us), buf);
}

static struct ex_cell factor_cell(double f, char *buf, size_t len)
{
    if (!isfinite(f))
        return ex_shown(ex_none(), "n/a");
    snprintf(buf, len, f >= 100 ? "%.0fx" : f >= 10 ? "%.1fx" : "%.2fx", f);
    return ex_shown(ex_ratio(f), buf);
}

static struct ex_cell self_cell(double self)
{
    return self > 0 ? ex_real(self) : ex_none();
}

static const struct ex_column columns[] = {
    {"Case", "case", false, false, 0},
    {"Syscalls/call", "syscalls_per_call", true, false, 0},
    {NULL, "self_counted_per_call", false, false, 0},
    {"us/call", "us_per_call", true, false, 0},
    {"Batched form", "batched", false, false, 0},
    {"Syscalls/call", "batched_syscalls_per_call", true, false, 0},
    {NULL, "batched_self_counted_per_call", false, false, 0},
    {"us/call", "batched_us_per_call", true, false, 0},
    {"Factor", "factor", true, false, 0},
};

static const struct ex_column unpaired_columns[] = {{NULL, "test", false, false, 0}};

static void build(const struct sc_result_set *set, const struct batching_pair *pairs,
                  size_t n_pairs, const struct self_counts *sc, struct ex_doc *doc)
{
    struct ex_table *t = ex_doc_table(doc, "pairs", columns, sizeof(columns) / sizeof(columns[0]),
                                      EX_EVERYWHERE);
    if (!t)
        return;
    for (size_t i = 0; i < n_pairs; i++) {
        const struct sc_result *u = &set->rows[pairs[i].unbatched];
        const struct sc_result *b = &set->rows[pairs[i].batched];
        double u_self = self_counted(sc, u->test), b_self = self_counted(sc, b->test);
        char us_sys[64], us_t[32], b_sys[64], b_t[32], fac[32];
        EX_ROW(t, EX_EVERYWHERE, ex_text(u->test), syscalls_cell(u, u_self, us_sys, sizeof(us_sys)),
               self_cell(u_self), us_cell(u->wall_median, us_t, sizeof(us_t)), ex_text(b->test),
               syscalls_cell(b, b_self, b_sys, sizeof(b_sys)), self_cell(b_self),
               us_cell(b->wall_median, b_t, sizeof(b_t)),
               factor_cell(b->wall_median > 0 ? u->wall_median / b->wall_median : NAN, fac,
                           sizeof(fac)));
    }
    /* The cases the table leaves out, named, so a renamed case is noticed. */
    struct ex_table *left = ex_doc_table(doc, "unpaired", unpaired_columns, 1, EX_IN_JSON);
    char *names = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&names, &len);
    for (size_t i = 0; left && m && i < set->n; i++) {
        bool paired = false;
        for (size_t k = 0; k < n_pairs && !paired; k++)
            paired = pairs[k].unbatched == i || pairs[k].batched == i;
        if (paired)
            continue;
        EX_ROW(left, EX_EVERYWHERE, ex_text(set->rows[i].test));
        fprintf(m, "%s%s", ftell(m) > 0 ? ", " : "", set->rows[i].test);
    }
    if (!m || fclose(m)) {
        doc->oom = true;
    } else if (names[0]) {
        ex_blank(doc);
        ex_line(doc, EX_HUMAN, "Not paired (no Suite.Group/Variant batched form): %s", names);
    }
    free(names);
}

static struct {
    const char *json_path; /* DEMO.json */
    int format;
} args;

static const struct sc_opt options[] = {
    SC_OPT_STRING("json", 0, &args.json_path, "DEMO.json",
                  "the same run's --json: labels syscall counts the cases\n"
                  "counted themselves (sendto, sendmmsg, io_uring_enter...,\n"
                  "which /proc/thread-self/io cannot see)"),
    BENCH_OPT_FORMAT(&args.format),
    SC_OPT_END(),
};

static int run(char **pos, int n_pos)
{
    (void)n_pos;
    const char *path = pos[0], *json_path = args.json_path;
    struct sc_result_set set;
    if (bench_read_results(path, &set))
        return 2;
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
    } else {
        struct ex_doc doc;
        ex_doc_init(&doc);
        build(&set, pairs, n_pairs, &sc, &doc);
        status = bench_write(&doc, args.format, "batching");
    }
    free(pairs);
    free(names);
    sc_json_free(sc.doc);
    sc_result_set_free(&set);
    return status;
}

const struct bench_command batching_command = {
    .cli = {
        .name = "bench batching",
        .summary = "each case beside its batched form",
        .about = "Cases pair by name, Suite.Group/Variant: in a group the variant named\n"
                 "One... (OneByte, OneFlushPerLine) is the one-at-a-time form and every other\n"
                 "variant a batched form of it; in a group of numbers (WriteSize.Bytes/16) the\n"
                 "largest is the batched form of the others. Factor = us/call of the case\n"
                 "divided by us/call of its batched form.\n",
        .args = SC_ARGS({"FILE", 1, 1, "the benchmark program's CSV (or its --json)"}),
        .examples = "bench batching artifacts/demo-09/demo.csv --json artifacts/demo-09/demo.json\n",
    },
    .options = options, BENCH_ARGS(args), .run = run,
};
