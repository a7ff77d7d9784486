/* Paired statistics: two cases measured in the same rounds (sample k of
 * each from round k), or two builds run in alternating rounds, give one
 * ratio per round. A drift of the machine moves both halves of a pair
 * alike, so it cancels in the ratio, where it would widen or bias the
 * unpaired comparison of <syscost/significance.h>.
 *
 * Everything works on log ratios d = log(candidate / baseline), so "2x
 * slower" and "2x faster" are equally far from 0, and is distribution-free:
 *  - the Wilcoxon signed-rank test of "no difference" (d symmetric about 0),
 *    with Pratt's handling of zeros, exact for small n, ties included;
 *  - the Hodges-Lehmann estimate of the shift (the median of the Walsh
 *    averages) with its exact confidence interval, the one that inverts
 *    that test: it assumes only that d is symmetric about its centre;
 *  - the plain median of the ratios with its sign-test interval, which
 *    assumes nothing, for display next to it. */
#ifndef SYSCOST_PAIRED_H
#define SYSCOST_PAIRED_H

#include <stdbool.h>
#include <stddef.h>

#include <syscost/results.h>
#include <syscost/significance.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Up to this many differences the null distributions are counted exactly
 * (some n^3 steps, a few ms at the limit); above, normal approximations. */
#define SC_SIGNED_RANK_EXACT_MAX 200

enum sc_paired_method { SC_PAIRED_EXACT, SC_PAIRED_NORMAL };

struct sc_signed_rank {
    size_t n, n_zero;  /* differences, and how many are exactly 0 */
    double w_plus;     /* sum of the ranks of the positive differences */
    double w_mean;     /* its mean under the null: half the nonzero ranks' sum */
    double p_value;    /* two-sided */
    double min_p;      /* the smallest p any signs could give with these ranks */
    enum sc_paired_method method;
};

/* Two-sided Wilcoxon signed-rank test of d[0..n) against "symmetric about
 * 0". Zeros, Pratt's way (Pratt 1959): every |d| is ranked, zeros
 * included (tied values share their mid-rank), then the zeros' ranks are
 * left out of W+ and of its null distribution, in which each nonzero
 * difference is positive or negative with probability 1/2, its rank fixed.
 * (Wilcoxon's way, scipy's default "wilcox", drops the zeros before
 * ranking; Pratt's, scipy's "pratt", keeps what they say, that the two
 * sides agreed, in the ranks of the others.) With timings exact zeros are
 * rare: a coarse clock, or equal made-up data. p = P(|W+ - mean| >= |observed - mean|),
 * exact (conditional on the ranks) for n <= SC_SIGNED_RANK_EXACT_MAX,
 * otherwise from the normal approximation with the tie-corrected variance
 * and a continuity correction of 1/2. p = 1 when every difference is 0.
 * Returns 0, or -1 when n is 0, a value is not finite, or memory runs out. */
int sc_signed_rank_test(const double *d, size_t n, struct sc_signed_rank *out);

/* The fewest differences (none zero, none tied) that can reach p <= alpha:
 * 6 at 0.05, 8 at 0.01. */
size_t sc_signed_rank_min_n(double alpha);

struct sc_hodges_lehmann {
    size_t n;
    /* The median of the n(n+1)/2 Walsh averages (d[i] + d[j]) / 2, i <= j. */
    double estimate;
    /* Valid only when has_interval: [lower, upper] = the Walsh averages of
     * ranks lo_rank and hi_rank (1-based, ascending), covering the centre
     * with probability `confidence` >= the level asked for (exact for
     * continuous data; the closed interval only gains coverage with ties). */
    int has_interval;
    double lower, upper;
    size_t lo_rank, hi_rank;
    double confidence;
    enum sc_paired_method method;
};

/* Hodges-Lehmann estimate of the centre of d[0..n) and its confidence
 * interval at `level` (0.95), from the null distribution of the signed-rank
 * statistic for n untied values (Tukey's construction): ranks k and M+1-k
 * of the M Walsh averages, k - 1 the largest count with P(W+ <= k - 1) <=
 * (1 - level) / 2; exact for n <= SC_SIGNED_RANK_EXACT_MAX, normal above.
 * has_interval is 0 when n is too small (n < 6 at 95%). The Walsh averages
 * are never stored: their order statistics are found by counting, so any
 * n fits in memory. Returns 0, or -1 when n is 0, level is outside (0,1),
 * a value is not finite, or memory runs out. */
int sc_hodges_lehmann_ci(const double *d, size_t n, double level, struct sc_hodges_lehmann *out);

struct sc_paired_ratio {
    size_t n; /* pairs */
    /* exp(Hodges-Lehmann of the log ratios): the typical candidate/baseline
     * ratio, with its interval (has_interval, lower, upper, confidence). */
    double ratio;
    int has_interval;
    double lower, upper, confidence;
    /* The median of the per-pair ratios (for an even count, the geometric
     * mean of the middle two) and its sign-test interval (median_ci, on the
     * ratio scale), which needs no symmetry. */
    double median;
    struct sc_median_ci median_ci;
    /* The signed-rank test of "ratio 1" on the log ratios. */
    double p_value, min_p;
    size_t n_equal; /* pairs with equal times (log ratio exactly 0) */
    enum sc_paired_method method;
};

/* The paired ratio of cand[i] / base[i] over i < n, at `level`. Times
 * must be finite and > 0 (a ratio of a zero time is no number). Returns 0,
 * or -1 on such input, an empty sample, a level outside (0,1), or when
 * memory runs out. */
int sc_paired_ratio_estimate(const double *base, const double *cand, size_t n, double level,
                    struct sc_paired_ratio *out);

struct sc_paired_decision {
    struct sc_paired_ratio r; /* intervals at 1 - alpha */
    int significant;          /* p <= alpha */
    int slower;               /* significant and ratio > 1 */
    int faster;               /* significant and ratio < 1 */
    int regression;           /* slower and ratio > 1 + threshold */
    enum sc_compare_reason reason; /* SC_REASON_TOO_FEW_SAMPLES when min_p > alpha */
};

/* The paired verdict, with sc_compare_decide()'s rule on the paired
 * figures: significant at `alpha`, and a regression when also more than
 * `threshold` (a fraction) slower. The intervals are at 1 - alpha, so the
 * Hodges-Lehmann one leaves out 1 about when the test rejects. Returns 0, or -1 on input
 * sc_paired_ratio refuses, alpha outside (0,1) or a threshold that is
 * negative or not finite. */
int sc_paired_decide(const double *base, const double *cand, size_t n, double alpha,
                     double threshold, struct sc_paired_decision *out);

/* Whether two rows of one result file can be paired sample by sample:
 * both ran in the same shuffled rounds (same seed, same processes) and
 * kept the same number of samples. */
bool sc_results_same_rounds(const struct sc_result *a, const struct sc_result *b);

#ifdef __cplusplus
}
#endif

#endif
