/* bench compare: baseline against candidate, case by case. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/json_write.h>
#include <syscost/results.h>
#include <syscost/units.h>

#include "commands.h"
#include "table.h"

struct compare_opts {
    const char *base_path, *cand_path;
    double threshold; /* fraction */
    bool fail_on_regression;
    const char *format;
    const char *pair_base, *pair_cand;
};

/* The verdict on one pair of medians. Kept in one place: a statistical
 * test on the raw samples replaces it without touching the rest. */
struct verdict {
    double factor; /* base / cand: > 1 means the candidate is faster */
    bool within_noise, slower, regression;
};

static struct verdict decide(const struct sc_result *b, const struct sc_result *c,
                             double threshold)
{
    struct verdict v = {0};
    v.factor = c->wall_median > 0 ? b->wall_median / c->wall_median : INFINITY;
    double change = b->wall_median > 0 ? c->wall_median / b->wall_median - 1 : 0;
    v.within_noise = fabs(change) <= threshold;
    v.slower = !v.within_noise && change > 0;
    v.regression = v.slower;
    return v;
}

static void change_text(const struct verdict *v, const struct sc_result *b,
                        const struct sc_result *c, char *buf, size_t len)
{
    char f[32];
    if (v->within_noise) {
        snprintf(buf, len, "~");
    } else if (!v->slower) {
        sc_format_factor(v->factor, f, sizeof(f));
        snprintf(buf, len, "%s faster", f);
    } else {
        double pct = (c->wall_median / b->wall_median - 1) * 100;
        if (pct >= 100) {
            sc_format_factor(c->wall_median / b->wall_median, f, sizeof(f));
            snprintf(buf, len, "%s slower", f);
        } else {
            snprintf(buf, len, "+%.1f%% slower", pct);
        }
    }
}

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "error: bench compare: %s%s%s (see bench compare --help)\n", msg, arg ? ": " : "", arg ? arg : "");
    return 2;
}

static int parse_args(int argc, char **argv, struct compare_opts *o)
{
    *o = (struct compare_opts){.threshold = 0.05, .format = "table"};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help")) {
            printf("usage: bench compare BASE.csv CAND.csv [--threshold PCT] "
                   "[--fail-on-regression]\n"
                   "                    [--format table|markdown|json] [--pair BASE_TEST=CAND_TEST]\n\n"
                   "Joins cases by name. When each file holds one case under different\n"
                   "names (slow.csv against fast.csv), the two are paired.\n\n"
                   "exit status: 0 done, 1 a regression with --fail-on-regression, 2 bad input\n\n"
                   "example:\n  bench compare artifacts/demo-09/slow.csv artifacts/demo-09/fast.csv\n");
            return 1;
        } else if (!strcmp(a, "--fail-on-regression")) {
            o->fail_on_regression = true;
        } else if (!strcmp(a, "--threshold") || !strcmp(a, "--format") || !strcmp(a, "--pair")) {
            if (i + 1 >= argc)
                return usage_error("missing value after", a) ? -1 : -1;
            const char *v = argv[++i];
            if (!strcmp(a, "--format")) {
                o->format = v;
            } else if (!strcmp(a, "--pair")) {
                const char *eq = strchr(v, '=');
                if (!eq || eq == v || !eq[1])
                    return usage_error("--pair wants BASE_TEST=CAND_TEST, not", v), -1;
                o->pair_base = strndup(v, (size_t)(eq - v));
                o->pair_cand = eq + 1;
            } else {
                char *end;
                double pct = strtod(v, &end);
                if (end == v || *end || !(pct >= 0 && pct <= 1000))
                    return usage_error("--threshold must be a percentage in [0, 1000], not", v), -1;
                o->threshold = pct / 100;
            }
        } else if (a[0] == '-' && a[1]) {
            return usage_error("unknown flag", a), -1;
        } else if (!o->base_path) {
            o->base_path = a;
        } else if (!o->cand_path) {
            o->cand_path = a;
        } else {
            return usage_error("more than two input files", a), -1;
        }
    }
    if (!o->cand_path)
        return usage_error("needs two input files, BASE and CAND", NULL), -1;
    if (strcmp(o->format, "json") && strcmp(o->format, "table") &&
        strcmp(o->format, "markdown") && strcmp(o->format, "md"))
        return usage_error("--format must be table, markdown or json, not", o->format), -1;
    return 0;
}

struct pairing {
    long b, c; /* row indices; -1 where the case is missing on that side */
};

int cmd_compare(int argc, char **argv)
{
    struct compare_opts o;
    int prc = parse_args(argc, argv, &o);
    if (prc)
        return prc > 0 ? 0 : 2;

    struct sc_result_set base = {0}, cand = {0};
    char err[1024];
    int status = 2;
    struct pairing *pairs = NULL;
    size_t n_pairs = 0;
    if (sc_results_read_csv(o.base_path, &base, err, sizeof(err)) ||
        sc_results_read_csv(o.cand_path, &cand, err, sizeof(err))) {
        fprintf(stderr, "error: %s\n", err);
        goto out;
    }

    pairs = calloc(base.n + cand.n, sizeof(*pairs));
    if (!pairs)
        goto out;
    if (o.pair_base) {
        long b = sc_result_set_find(&base, o.pair_base);
        long c = sc_result_set_find(&cand, o.pair_cand);
        if (b < 0 || c < 0) {
            fprintf(stderr, "error: --pair: no case '%s' in %s\n",
                    b < 0 ? o.pair_base : o.pair_cand, b < 0 ? o.base_path : o.cand_path);
            goto out;
        }
        pairs[n_pairs++] = (struct pairing){b, c};
    } else if (base.n == 1 && cand.n == 1 && strcmp(base.rows[0].test, cand.rows[0].test)) {
        printf("note: each file holds one case under a different name; pairing "
               "%s (baseline) with %s (candidate)\n", base.rows[0].test, cand.rows[0].test);
        pairs[n_pairs++] = (struct pairing){0, 0};
    } else {
        for (size_t i = 0; i < base.n; i++)
            pairs[n_pairs++] = (struct pairing){(long)i, sc_result_set_find(&cand, base.rows[i].test)};
        for (size_t i = 0; i < cand.n; i++)
            if (sc_result_set_find(&base, cand.rows[i].test) < 0)
                pairs[n_pairs++] = (struct pairing){-1, (long)i};
    }

    bool json = !strcmp(o.format, "json");
    enum table_format tf = TABLE_TEXT;
    table_parse_format(json ? "table" : o.format, &tf);
    static const char *const header[] = {"Test", "Baseline", "Candidate", "Change"};
    static const bool right[] = {false, true, true, false};
    struct table t;
    table_init(&t, 4, header, right);
    size_t regressions = 0;
    if (json)
        printf("[\n");
    for (size_t i = 0; i < n_pairs; i++) {
        const struct sc_result *b = pairs[i].b >= 0 ? &base.rows[pairs[i].b] : NULL;
        const struct sc_result *c = pairs[i].c >= 0 ? &cand.rows[pairs[i].c] : NULL;
        char name[512], bt[32] = "--", ct[32] = "--", ch[64] = "--";
        if (b && c && strcmp(b->test, c->test))
            snprintf(name, sizeof(name), "%s vs %s", b->test, c->test);
        else
            snprintf(name, sizeof(name), "%s", b ? b->test : c->test);
        if (b)
            sc_format_time_us(b->wall_median, bt, sizeof(bt));
        if (c)
            sc_format_time_us(c->wall_median, ct, sizeof(ct));
        struct verdict v = {0};
        if (b && c) {
            v = decide(b, c, o.threshold);
            change_text(&v, b, c, ch, sizeof(ch));
            regressions += v.regression;
        } else {
            snprintf(ch, sizeof(ch), "only in %s", b ? "baseline" : "candidate");
        }
        if (json) {
            printf("  {\"test\": ");
            sc_json_put_string(stdout, name);
            printf(", \"baseline_us\": ");
            sc_json_put_number(stdout, b ? b->wall_median : NAN);
            printf(", \"candidate_us\": ");
            sc_json_put_number(stdout, c ? c->wall_median : NAN);
            printf(", \"change\": ");
            sc_json_put_string(stdout, ch);
            printf(", \"regression\": %s}%s\n", v.regression ? "true" : "false",
                   i + 1 < n_pairs ? "," : "");
        } else {
            const char *row[] = {name, bt, ct, ch};
            table_add_row(&t, row);
        }
    }
    if (json)
        printf("]\n");
    else
        table_print(&t, stdout, tf, true);
    table_free(&t);

    status = 0;
    if (o.fail_on_regression && regressions) {
        for (size_t i = 0; i < n_pairs; i++)
            if (pairs[i].b >= 0 && pairs[i].c >= 0 &&
                decide(&base.rows[pairs[i].b], &cand.rows[pairs[i].c], o.threshold).regression)
                fprintf(stderr, "regression: %s is slower by more than %.1f%%\n",
                        cand.rows[pairs[i].c].test, o.threshold * 100);
        status = 1;
    }
out:
    free(pairs);
    free((char *)o.pair_base);
    sc_result_set_free(&base);
    sc_result_set_free(&cand);
    return status;
}
