/* bench compare: baseline against candidate, case by case.
 * This file reads the options and the two files; compare_pairs.c pairs
 * their cases, compare_build.c decides each pair, compare_report.c prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/results.h>
#include <syscost/results_input.h>

#include "commands.h"
#include "compare.h"

struct compare_opts {
    const char *base_path, *cand_path;
    double threshold; /* fraction */
    double alpha;
    bool fail_on_regression;
    enum compare_format format;
    char *pair_base;
    const char *pair_cand;
};

static const char usage_text[] =
    "usage: bench compare BASE CAND [--alpha A] [--threshold PCT] [--fail-on-regression]\n"
    "                     [--format table|markdown|json|csv] [--pair BASE_TEST=CAND_TEST]\n";

static const char help_text[] =
    "\n"
    "BASE and CAND are the kit's CSV files or google benchmark JSON files (the\n"
    "benchmark program's --json, or any google benchmark --benchmark_out); each\n"
    "repeat is one sample. Cases are joined by name; when each file holds one case\n"
    "under different names (slow.csv against fast.csv), the two are paired.\n"
    "\n"
    "Baseline and Candidate show the median with its 95% confidence interval\n"
    "(\"95.1 us ±1.2%\"; ±? when there are too few samples for one). Change is \"~\"\n"
    "when the two-sided Mann-Whitney U test gives p > alpha, else the change of the\n"
    "median (\"1041x faster\", \"+12.3% slower\"), each with (p=... n=BASE+CAND).\n"
    "\n"
    "  --alpha A              significance level, 0 < A < 1 (default 0.05)\n"
    "  --threshold PCT        slowdown that counts as a regression (default 5)\n"
    "  --fail-on-regression   exit 1 when a case is significantly slower AND slower\n"
    "                         by more than the threshold; each such case is named\n"
    "  --format F             table (default), markdown (pull-request comments),\n"
    "                         json or csv\n"
    "  --pair B=C             compare case B of BASE with case C of CAND only\n"
    "\n"
    "exit status: 0 done, 1 a regression with --fail-on-regression, 2 bad input\n"
    "\n"
    "examples:\n"
    "  bench compare artifacts/demo-09/slow.csv artifacts/demo-09/fast.csv\n"
    "  bench compare main.csv branch.csv --fail-on-regression --threshold 3\n"
    "  bench compare main.json branch.json --format markdown > comment.md\n";

/* Returns 0 to go on, 1 when --help was shown, 2 on a usage error. */
static int parse_args(int argc, char **argv, struct compare_opts *o)
{
    *o = (struct compare_opts){.threshold = COMPARE_DEFAULT_THRESHOLD,
                               .alpha = COMPARE_DEFAULT_ALPHA,
                               .format = COMPARE_TABLE};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help")) {
            printf("%s%s", usage_text, help_text);
            return 1;
        } else if (!strcmp(a, "--fail-on-regression")) {
            o->fail_on_regression = true;
        } else if (!strcmp(a, "--threshold") || !strcmp(a, "--format") || !strcmp(a, "--pair") ||
                   !strcmp(a, "--alpha")) {
            if (i + 1 >= argc)
                return bench_usage_error("compare", "missing value after", a);
            const char *v = argv[++i];
            char *end;
            if (!strcmp(a, "--format")) {
                if (compare_parse_format(v, &o->format))
                    return bench_usage_error("compare", "--format must be table, markdown, json or csv, not", v);
            } else if (!strcmp(a, "--pair")) {
                const char *eq = strchr(v, '=');
                if (!eq || eq == v || !eq[1])
                    return bench_usage_error("compare", "--pair wants BASE_TEST=CAND_TEST, not", v);
                if (o->pair_base)
                    return bench_usage_error("compare", "--pair given twice", v);
                o->pair_base = strndup(v, (size_t)(eq - v));
                o->pair_cand = eq + 1;
                if (!o->pair_base)
                    return bench_usage_error("compare", "out of memory", NULL);
            } else if (!strcmp(a, "--alpha")) {
                double alpha = strtod(v, &end);
                if (end == v || *end || !(alpha > 0 && alpha < 1))
                    return bench_usage_error("compare", "--alpha must be a number between 0 and 1, not", v);
                o->alpha = alpha;
            } else {
                double pct = strtod(v, &end);
                if (end == v || *end || !(pct >= 0 && pct <= 1000))
                    return bench_usage_error("compare", "--threshold must be a percentage in [0, 1000], not", v);
                o->threshold = pct / 100;
            }
        } else if (a[0] == '-' && a[1]) {
            return bench_usage_error("compare", "unknown flag", a);
        } else if (!o->base_path) {
            o->base_path = a;
        } else if (!o->cand_path) {
            o->cand_path = a;
        } else {
            return bench_usage_error("compare", "more than two input files", a);
        }
    }
    if (!o->cand_path)
        return bench_usage_error("compare", "needs two input files, BASE and CAND", NULL);
    return 0;
}

/* The line above the table when cases were not simply joined by name;
 * returns whether they were. */
static bool pairing_note(const struct compare_opts *o, const struct compare_pair *pairs,
                         size_t n_pairs, char *note, size_t len)
{
    note[0] = '\0';
    if (o->pair_base) {
        snprintf(note, len, "--pair: comparing %s (baseline) with %s (candidate) only",
                 o->pair_base, o->pair_cand);
        return false;
    }
    for (size_t i = 0; i < n_pairs; i++)
        if (pairs[i].base && pairs[i].cand && strcmp(pairs[i].base->test, pairs[i].cand->test)) {
            snprintf(note, len,
                     "each file holds one case under a different name; pairing %s (baseline) "
                     "with %s (candidate)",
                     pairs[i].base->test, pairs[i].cand->test);
            return false;
        }
    return true;
}

static void name_regressions(const struct compare_result *r)
{
    for (size_t i = 0; i < r->n_rows; i++) {
        const struct compare_row *row = &r->rows[i];
        if (!row->decided || !row->d.regression)
            continue;
        char ch[128];
        compare_change_text(row, ch, sizeof(ch));
        fprintf(stderr, "regression: %s is %s, more than the %.1f%% threshold\n", row->name, ch,
                r->threshold * 100);
    }
}

int cmd_compare(int argc, char **argv)
{
    struct compare_opts o;
    int prc = parse_args(argc, argv, &o);
    if (prc) {
        free(o.pair_base);
        return prc == 1 ? 0 : prc;
    }

    struct sc_result_set base = {0}, cand = {0};
    struct compare_result res = {0};
    struct compare_pair *pairs = NULL;
    char err[1024];
    int status = 2;
    if (sc_results_read(o.base_path, &base, err, sizeof(err)) ||
        sc_results_read(o.cand_path, &cand, err, sizeof(err))) {
        fprintf(stderr, "error: %s\n", err);
        goto out;
    }
    size_t n_pairs;
    if (compare_pairs_build(&base, &cand, o.pair_base, o.pair_cand, &pairs, &n_pairs,
                            err, sizeof(err))) {
        fprintf(stderr, "error: %s\n", err);
        goto out;
    }
    char note[1024];
    bool by_name = pairing_note(&o, pairs, n_pairs, note, sizeof(note));
    if (compare_build(pairs, n_pairs, by_name, o.alpha, o.threshold, &res)) {
        fprintf(stderr, "error: bench compare: %s\n", res.error);
        goto out;
    }
    if (note[0] && compare_say(&res.notes, &res.n_notes, "%s", note)) {
        fprintf(stderr, "error: bench compare: out of memory\n");
        goto out;
    }
    compare_print(&res, o.format, stdout, stderr);
    status = 0;
    if (o.fail_on_regression && res.n_regressions) {
        name_regressions(&res);
        status = 1;
    }
out:
    compare_result_free(&res);
    free(pairs);
    free(o.pair_base);
    sc_result_set_free(&base);
    sc_result_set_free(&cand);
    return status;
}
