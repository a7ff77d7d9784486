/* bench compare: the statistics of each paired case, and what to warn about. */
#include "compare.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/stats.h>

int compare_say(char ***list, size_t *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0)
        return -1;
    char *s = malloc((size_t)len + 1);
    char **grown = s ? realloc(*list, (*n + 1) * sizeof(**list)) : NULL;
    if (!grown) {
        free(s);
        return -1;
    }
    *list = grown;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)len + 1, fmt, ap);
    va_end(ap);
    (*list)[(*n)++] = s;
    return 0;
}

#define WARN(out, ...) compare_say(&(out)->warnings, &(out)->n_warnings, __VA_ARGS__)
#define OUT_OF_MEMORY(out) (snprintf((out)->error, sizeof((out)->error), "out of memory"), -1)

static int fill_side(struct compare_result *out, const char *name, const char *which,
                     const struct sc_result *r, struct compare_side *s)
{
    memset(s, 0, sizeof(*s));
    s->res = r;
    if (!r)
        return 0;
    s->has_samples = r->n_samples > 0;
    /* Without a samples column the median is all there is: one sample. */
    s->samples = s->has_samples ? r->samples : &r->wall_median;
    s->n = s->has_samples ? r->n_samples : 1;
    size_t bad = sc_first_bad_time(s->samples, s->n);
    if (bad < s->n) {
        snprintf(out->error, sizeof(out->error),
                 "%.100s: the %s's %s %zu is %g, not a time (a finite number >= 0)", name,
                 which, s->has_samples ? "sample" : "median", bad + 1, s->samples[bad]);
        return -1;
    }
    if (sc_median_with_ci(s->samples, s->n, COMPARE_CI_LEVEL, &s->centre))
        return OUT_OF_MEMORY(out);
    if (s->n >= 2) {
        struct sc_summary sum;
        if (sc_summarize(s->samples, s->n, &sum))
            return OUT_OF_MEMORY(out);
        s->cv = sum.cv;
        s->cv_known = true;
    } else if (SC_HAS(r, SC_COL_WALL_CV)) {
        s->cv = r->wall_cv;
        s->cv_known = true;
    }
    s->cv_threshold = SC_HAS(r, SC_COL_CV_THRESHOLD) && r->cv_threshold > 0
                          ? r->cv_threshold
                          : COMPARE_DEFAULT_CV_THRESHOLD;
    return 0;
}

static bool noisy(const struct compare_side *s)
{
    return s->res && s->cv_known && s->cv > s->cv_threshold;
}

static int warn_side(struct compare_result *out, const char *name, const char *which,
                     const struct compare_side *s)
{
    if (s->res && !s->has_samples)
        return WARN(out, "%s: the %s file has no per-repeat samples (no 'samples' column), "
                         "so its median counts as a single sample", name, which);
    return 0;
}

static int warn_row(struct compare_result *out, const struct compare_row *row)
{
    if (warn_side(out, row->name, "baseline", &row->base) ||
        warn_side(out, row->name, "candidate", &row->cand))
        return -1;
    const struct compare_side *b = &row->base, *c = &row->cand;
    if (noisy(b) || noisy(c)) {
        char bt[64] = "", ct[64] = "";
        if (noisy(b))
            snprintf(bt, sizeof(bt), "%.1f%% in the baseline (threshold %.1f%%)", b->cv * 100,
                     b->cv_threshold * 100);
        if (noisy(c))
            snprintf(ct, sizeof(ct), "%.1f%% in the candidate (threshold %.1f%%)", c->cv * 100,
                     c->cv_threshold * 100);
        if (WARN(out, "%s: CV %s%s%s", row->name, bt, *bt && *ct ? ", " : "", ct))
            return -1;
        out->n_noisy++;
    }
    const struct sc_compare_decision *d = &row->d;
    if (row->decided && d->reason == SC_REASON_TOO_FEW_SAMPLES) {
        size_t need = sc_mwu_min_n(out->alpha);
        if (WARN(out, "%s: %zu+%zu samples cannot reach significance at alpha %g (the "
                      "smallest possible p is %.3f); run at least %zu repeats on each side "
                      "(--repeats %zu)",
                 row->name, d->n1, d->n2, out->alpha, d->min_p, need, need))
            return -1;
    }
    return 0;
}

/* One line for every median shown as ±?, instead of one per case. */
static int warn_missing_intervals(struct compare_result *out)
{
    size_t fewest = 0;
    for (size_t i = 0; i < out->n_rows; i++) {
        const struct compare_side *sides[] = {&out->rows[i].base, &out->rows[i].cand};
        for (size_t k = 0; k < 2; k++)
            if (sides[k]->res && sides[k]->has_samples && !sides[k]->centre.has_interval &&
                (!fewest || sides[k]->n < fewest))
                fewest = sides[k]->n;
    }
    if (!fewest)
        return 0;
    size_t need = sc_median_ci_min_n(COMPARE_CI_LEVEL);
    return WARN(out, "±? marks a median from too few samples (here as few as %zu) for a "
                     "%.0f%% confidence interval; it needs at least %zu (--repeats %zu)",
                fewest, COMPARE_CI_LEVEL * 100, need, need);
}

static int warn_different_sets(struct compare_result *out, const struct compare_pair *pairs,
                               size_t n_pairs)
{
    size_t only_base = 0, only_cand = 0, len = 1;
    for (size_t i = 0; i < n_pairs; i++) {
        only_base += !pairs[i].cand;
        only_cand += !pairs[i].base;
        if (!pairs[i].base || !pairs[i].cand)
            len += strlen(pairs[i].name) + 2;
    }
    if (!only_base && !only_cand)
        return 0;
    /* Names are listed in full: a renamed case must be easy to spot. */
    char *b = calloc(len, 1), *c = calloc(len, 1);
    int rc = -1;
    if (b && c) {
        for (size_t i = 0; i < n_pairs; i++) {
            char *list = !pairs[i].cand ? b : !pairs[i].base ? c : NULL;
            if (list)
                strcat(strcat(list, *list ? ", " : ""), pairs[i].name);
        }
        rc = WARN(out, "the two files hold different sets of cases (%s%s%s%s%s); %zu compared",
                  only_base ? "only in the baseline: " : "", b, only_base && only_cand ? "; " : "",
                  only_cand ? "only in the candidate: " : "", c, n_pairs - only_base - only_cand);
    }
    free(b);
    free(c);
    return rc;
}

static void geomean(struct compare_result *out)
{
    double log_b = 0, log_c = 0;
    size_t n = 0;
    for (size_t i = 0; i < out->n_rows; i++) {
        const struct compare_row *row = &out->rows[i];
        if (!row->decided || !(row->d.base_median > 0) || !(row->d.cand_median > 0))
            continue;
        log_b += log(row->d.base_median);
        log_c += log(row->d.cand_median);
        n++;
    }
    if (n < 2)
        return; /* a mean of one case is that case */
    out->geomean_n = n;
    out->geomean_base = exp(log_b / (double)n);
    out->geomean_cand = exp(log_c / (double)n);
}

int compare_build(const struct compare_pair *pairs, size_t n_pairs, bool by_name, bool one_file,
                  double alpha, double threshold, struct compare_result *out)
{
    memset(out, 0, sizeof(*out));
    out->alpha = alpha;
    out->threshold = threshold;
    out->rows = calloc(n_pairs ? n_pairs : 1, sizeof(*out->rows));
    if (!out->rows)
        return OUT_OF_MEMORY(out);
    if (by_name && warn_different_sets(out, pairs, n_pairs))
        return OUT_OF_MEMORY(out);
    for (size_t i = 0; i < n_pairs; i++) {
        struct compare_row *row = &out->rows[out->n_rows++];
        row->name = pairs[i].name;
        if (fill_side(out, row->name, "baseline", pairs[i].base, &row->base) ||
            fill_side(out, row->name, "candidate", pairs[i].cand, &row->cand))
            return -1;
        if (pairs[i].base && pairs[i].cand) {
            /* The samples were checked above, so only memory can fail here. */
            if (sc_compare_decide(row->base.samples, row->base.n, row->cand.samples,
                                  row->cand.n, alpha, threshold, &row->d)) {
                snprintf(out->error, sizeof(out->error), "%.100s: no verdict (out of memory, "
                         "or alpha %g / threshold %g out of range)", row->name, alpha, threshold);
                return -1;
            }
            row->decided = true;
            out->n_regressions += row->d.regression;
            if (one_file && sc_results_same_rounds(pairs[i].base, pairs[i].cand) &&
                row->base.has_samples && row->cand.has_samples) {
                /* Zero times give no ratio: such a pair stays unpaired. */
                row->paired = sc_paired_decide(row->base.samples, row->cand.samples,
                                               row->base.n, alpha, threshold, &row->pd) == 0;
                out->n_paired += row->paired;
            }
        }
        if (warn_row(out, row))
            return OUT_OF_MEMORY(out);
    }
    if (out->n_noisy &&
        WARN(out, "a CV above its threshold means a noisy run (a busy or unsteady machine): "
                  "it can hide a real change, and a change between noisy runs can be the "
                  "machine's rather than the code's; rerun both on a quiet machine"))
        return OUT_OF_MEMORY(out);
    if (warn_missing_intervals(out))
        return OUT_OF_MEMORY(out);
    geomean(out);
    return 0;
}

static void free_list(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

void compare_result_free(struct compare_result *r)
{
    free(r->rows);
    free_list(r->notes, r->n_notes);
    free_list(r->warnings, r->n_warnings);
    memset(r, 0, sizeof(*r));
}
