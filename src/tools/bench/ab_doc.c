/* bench ab: the verdict of each case, and its words. */
#include "ab.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/stats.h>

#include "compare.h"

int ab_decide(struct ab_data *d, char *err, size_t errlen)
{
    d->n_regressions = 0;
    for (size_t i = 0; i < d->n_cases; i++) {
        struct ab_case *c = &d->cases[i];
        for (size_t k = 0; k < d->rounds; k++)
            if (!(c->base[k] > 0 && isfinite(c->base[k]) && c->cand[k] > 0 &&
                  isfinite(c->cand[k]))) {
                snprintf(err, errlen,
                         "%s: round %zu gave %g (baseline) and %g (candidate): a paired ratio "
                         "needs times > 0",
                         c->name, k + 1, c->base[k], c->cand[k]);
                return -1;
            }
        if (sc_paired_decide(c->base, c->cand, d->rounds, d->alpha, d->threshold, &c->pd)) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        c->decided = true;
        d->n_regressions += c->pd.regression;
    }
    return 0;
}

double ab_median(const double *x, size_t n)
{
    double *s = sc_sorted_copy(x, n);
    if (!s)
        return NAN;
    double m = sc_percentile_sorted(s, n, 50);
    free(s);
    return m;
}

/* The settings a run was made with, for the machine formats. */
static void put_settings(struct ex_doc *doc, size_t rounds, size_t runs, uint64_t repeats,
                         uint64_t seed, double alpha, double threshold)
{
    ex_meta(doc, "rounds", ex_count(rounds));
    ex_meta(doc, "runs_per_round", ex_count(runs));
    ex_meta(doc, "repeats_per_round", ex_count(repeats));
    ex_meta(doc, "seed", ex_count(seed));
    ex_meta(doc, "alpha", ex_real(alpha));
    ex_meta(doc, "threshold", ex_real(threshold));
}

static const struct ex_column case_cols[] = {
    {"Test", "test", false, false, 0},
    {"Baseline", "baseline_us", true, false, 0},
    {"Candidate", "candidate_us", true, false, 0},
    {"Change (paired, per round)", "change", false, false, 0},
    {NULL, "ratio", false, false, EX_MACHINE},
    {NULL, "ci_low", false, false, EX_MACHINE},
    {NULL, "ci_high", false, false, EX_MACHINE},
    {NULL, "ci_level", false, false, EX_MACHINE},
    {NULL, "p_value", false, false, EX_MACHINE},
    {NULL, "rounds", false, false, EX_MACHINE},
    {NULL, "significant", false, false, EX_MACHINE},
    {NULL, "regression", false, false, EX_MACHINE},
};

static const struct ex_column round_cols[] = {
    {NULL, "test", false, false, 0},        {NULL, "round", false, false, 0},
    {NULL, "order", false, false, 0},       {NULL, "baseline_us", false, false, 0},
    {NULL, "candidate_us", false, false, 0}, {NULL, "ratio", false, false, 0},
};

void ab_document(const struct ab_data *d, struct ex_doc *doc)
{
    ex_note(doc, "baseline: `%s`", d->base_cmd);
    ex_note(doc, "candidate: `%s`", d->cand_cmd);
    ex_note(doc,
            "%zu rounds of %zu run%s per side (ABBA-balanced order, seed %llu), %llu repeats "
            "a run; Baseline and Candidate are the medians of the rounds' figures",
            d->rounds, d->runs, d->runs == 1 ? "" : "s", (unsigned long long)d->seed,
            (unsigned long long)d->repeats);
    ex_meta(doc, "baseline_command", ex_text(d->base_cmd));
    ex_meta(doc, "candidate_command", ex_text(d->cand_cmd));
    put_settings(doc, d->rounds, d->runs, d->repeats, d->seed, d->alpha, d->threshold);
    ex_meta(doc, "regressions", ex_count(d->n_regressions));
    struct ex_table *t = ex_doc_table(doc, "cases", case_cols,
                                      sizeof(case_cols) / sizeof(case_cols[0]), EX_EVERYWHERE);
    for (size_t i = 0; t && i < d->n_cases; i++) {
        const struct ab_case *c = &d->cases[i];
        const struct sc_paired_ratio *r = &c->pd.r;
        char ch[200];
        compare_paired_text(&c->pd, "rounds", ch, sizeof(ch));
        EX_ROW(t, EX_EVERYWHERE, ex_text(c->name), ex_time(ab_median(c->base, d->rounds)),
               ex_time(ab_median(c->cand, d->rounds)), ex_text(ch), ex_ratio(r->ratio),
               ex_ratio(r->has_interval ? r->lower : NAN),
               ex_ratio(r->has_interval ? r->upper : NAN),
               ex_real(r->has_interval ? r->confidence : NAN), ex_pvalue(r->p_value),
               ex_count(r->n), ex_bool(c->pd.significant), ex_bool(c->pd.regression));
    }
    struct ex_table *rt = ex_doc_table(doc, "per_round", round_cols,
                                       sizeof(round_cols) / sizeof(round_cols[0]), EX_IN_JSON);
    for (size_t i = 0; rt && i < d->n_cases; i++)
        for (size_t k = 0; k < d->rounds; k++) {
            const struct ab_case *c = &d->cases[i];
            EX_ROW(rt, EX_IN_JSON, ex_text(c->name), ex_count(k + 1),
                   ex_text(d->cand_first[k] ? "BA" : "AB"), ex_time(c->base[k]),
                   ex_time(c->cand[k]), ex_ratio(c->cand[k] / c->base[k]));
        }
    for (size_t i = 0; i < d->n_cases; i++) {
        const struct ab_case *c = &d->cases[i];
        if (c->pd.reason == SC_REASON_TOO_FEW_SAMPLES && c->pd.r.n_equal < c->pd.r.n)
            ex_warning(doc,
                       "%s: %zu rounds cannot reach significance at alpha %g (the smallest "
                       "possible p is %.3f); run at least %zu (--rounds %zu)",
                       c->name, d->rounds, d->alpha, c->pd.r.min_p,
                       sc_signed_rank_min_n(d->alpha), sc_signed_rank_min_n(d->alpha));
    }
}

/* z with P(Z > z) = p for a standard normal, by bisection on erfc. */
static double z_upper(double p)
{
    double lo = -10, hi = 10;
    for (int i = 0; i < 100; i++) {
        double mid = (lo + hi) / 2;
        if (0.5 * erfc(mid / sqrt(2.0)) > p)
            lo = mid;
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}

double ab_min_detectable(const struct ab_noise_case *c, double alpha, double threshold)
{
    double h = ab_median(c->half_width, c->trials);
    if (!isfinite(h))
        return NAN;
    double za = z_upper(alpha / 2), zb = z_upper(0.2), se = h / za;
    double test = (za + zb) * se, gate = log1p(threshold) + zb * se;
    return expm1(test > gate ? test : gate);
}

static const struct ex_column noise_cols[] = {
    {"Test", "test", false, false, 0},
    {"Trials", "trials", true, false, 0},
    {"False alarms", "false_alarms", true, false, 0},
    {"Significant", "significant", true, false, 0},
    {"CI half-width", "ci_half_width", true, false, 0},
    {"Min. detectable", "min_detectable", true, false, 0},
};

void ab_noise_document(const struct ab_noise *n, struct ex_doc *doc)
{
    ex_note(doc, "A/A: `%s` against itself", n->cmd);
    ex_note(doc,
            "%zu trials of %zu rounds of %zu run%s, %llu repeats a run, seed %llu; a false alarm is a "
            "trial that --fail-on-regression would fail (significant at alpha %g and more "
            "than %.1f%% slower)",
            n->trials, n->rounds, n->runs, n->runs == 1 ? "" : "s", (unsigned long long)n->repeats,
            (unsigned long long)n->seed,
            n->alpha, n->threshold * 100);
    ex_meta(doc, "command", ex_text(n->cmd));
    ex_meta(doc, "trials", ex_count(n->trials));
    put_settings(doc, n->rounds, n->runs, n->repeats, n->seed, n->alpha, n->threshold);
    struct ex_table *t = ex_doc_table(doc, "cases", noise_cols,
                                      sizeof(noise_cols) / sizeof(noise_cols[0]), EX_EVERYWHERE);
    for (size_t i = 0; t && i < n->n_cases; i++) {
        const struct ab_noise_case *c = &n->cases[i];
        double h = ab_median(c->half_width, c->trials);
        double mde = ab_min_detectable(c, n->alpha, n->threshold);
        char hw[32], md[32];
        snprintf(hw, sizeof(hw), "±%.1f%%", expm1(h) * 100);
        snprintf(md, sizeof(md), "%.1f%%", mde * 100);
        EX_ROW(t, EX_EVERYWHERE, ex_text(c->name), ex_count(c->trials), ex_count(c->alarms),
               ex_count(c->significant), ex_shown(ex_fraction(expm1(h)), hw),
               ex_shown(ex_fraction(mde), md));
    }
    ex_note(doc,
            "CI half-width: the median over trials, half the width of the %.0f%% interval of "
            "the ratio. Min. detectable: the smallest slowdown these rounds flag in about 4 "
            "trials of 5 at this threshold; a threshold below the half-width cries wolf, "
            "more rounds narrow it (about as 1/sqrt(rounds))",
            (1 - n->alpha) * 100);
}
