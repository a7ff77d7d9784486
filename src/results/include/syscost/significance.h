/* Statistics behind `bench compare`: is a change real or noise?
 *
 * Everything here is distribution-free, because benchmark samples are
 * skewed (a long right tail of preempted repeats) and rarely normal:
 *  - the centre is the median, with a confidence interval taken from the
 *    order statistics (binomial with p = 0.5);
 *  - the test is the two-sided Mann-Whitney U (Wilcoxon rank-sum) test,
 *    exact for small samples and ties, normal approximation above;
 *  - sc_compare_decide() is the single place where "faster / slower / no
 *    change / regression" is decided, so a better rule replaces one function. */
#ifndef SYSCOST_SIGNIFICANCE_H
#define SYSCOST_SIGNIFICANCE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Both samples at most this size: the exact null distribution is used. */
#define SC_MWU_EXACT_MAX 50

struct sc_median_ci {
    double median;
    /* Valid only when has_interval: [lower, upper] = [x(lo_rank), x(hi_rank)]
     * of the sorted sample (ranks 1-based), covering the true median with
     * probability `confidence` >= the level asked for. */
    int has_interval;
    double lower, upper;
    size_t lo_rank, hi_rank;
    double confidence;
};

/* Median of x[0..n) and its distribution-free confidence interval at
 * `level` (0.95 for 95%). has_interval is 0 when n is too small for any
 * pair of order statistics to reach that level (n < 6 at 95%).
 * Returns 0, or -1 when n == 0, level is outside (0,1) or a value is NaN. */
int sc_median_with_ci(const double *x, size_t n, double level, struct sc_median_ci *out);

/* What an interval at `level` may miss: 1 - level, with a hair of tolerance
 * so that a coverage meeting the level exactly (0.9375 for n = 5) counts. */
double sc_miss_allowed(double level);

/* The smallest sample that has an interval at `level` (6 at 0.95). */
size_t sc_median_ci_min_n(double level);

enum sc_mwu_method { SC_MWU_EXACT, SC_MWU_NORMAL };

struct sc_mwu_result {
    double u;       /* U of the first sample: pairs x > y, plus half the ties */
    double p_value; /* two-sided */
    enum sc_mwu_method method;
};

/* Two-sided Mann-Whitney U test of x[0..nx) against y[0..ny).
 * p is P(|U - nx*ny/2| >= |u_obs - nx*ny/2|) under the null hypothesis that
 * every split of the pooled values into groups of nx and ny is equally
 * likely (ties get mid-ranks). It is computed exactly when both samples
 * have at most SC_MWU_EXACT_MAX values, otherwise from the normal
 * approximation with tie and continuity corrections. p = 1 when every
 * value is equal. Returns 0, or -1 when a sample is empty, a value is NaN,
 * or memory runs out. */
int sc_mwu_test(const double *x, size_t nx, const double *y, size_t ny,
                struct sc_mwu_result *out);

/* The smallest two-sided p the test can give for samples of nx and ny
 * distinct values (complete separation). When it exceeds alpha no data of
 * that size can be significant: 0.1 for 3+3, 2/70 for 4+4. */
double sc_mwu_min_p(size_t nx, size_t ny);

/* The smallest n for which n against n samples can reach p <= alpha
 * (4 at 0.05, 5 at 0.01): the repeats to ask for. */
size_t sc_mwu_min_n(double alpha);

enum sc_compare_reason {
    SC_REASON_NONE = 0,        /* the verdict follows from the data */
    SC_REASON_TOO_FEW_SAMPLES, /* p > alpha, and min p for n1+n2 > alpha too */
};

struct sc_compare_decision {
    double p_value;
    size_t n1, n2;
    double base_median, cand_median;
    double ratio;      /* cand_median / base_median; > 1 means slower */
    double min_p;      /* sc_mwu_min_p(n1, n2) */
    int significant;   /* p <= alpha */
    int slower;        /* significant and ratio > 1 */
    int faster;        /* significant and ratio < 1 */
    int regression;    /* slower and ratio > 1 + threshold */
    enum sc_compare_reason reason;
};

/* The index of the first value of x[0..n) that is not a time (finite and
 * >= 0), or n when all are. */
size_t sc_first_bad_time(const double *x, size_t n);

/* The verdict for one case: baseline samples base[0..n1) against candidate
 * samples cand[0..n2) (times: smaller is better). `alpha` is the
 * significance level (0.05), `threshold` the slowdown a regression must
 * exceed, as a fraction (0.05 = 5%). When the base median is 0 the ratio
 * is +inf for a slower candidate and 1 for an equal one.
 * Returns 0, or -1 on invalid input (empty sample, a time that is NaN,
 * infinite or negative, alpha outside (0,1), a negative or infinite
 * threshold): no verdict is ever made from a value that is not a number,
 * so NaN cannot pass as "no change". */
int sc_compare_decide(const double *base, size_t n1, const double *cand, size_t n2,
                      double alpha, double threshold, struct sc_compare_decision *out);

#ifdef __cplusplus
}
#endif

#endif
