/* The Wilcoxon signed-rank test, the Hodges-Lehmann estimate and interval,
 * and the paired ratio and verdict built on them (see paired.h). */
#include <syscost/paired.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/stats.h>

static int all_finite(const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]))
            return 0;
    return 1;
}

/* P(Z >= z) for a standard normal Z. */
static double upper_tail(double z)
{
    return 0.5 * erfc(z / sqrt(2.0));
}

/* z with P(Z >= z) = q, 0 < q < 1, by bisection: only a few calls per
 * verdict, so plainness wins over speed. */
static double upper_quantile(double q)
{
    double lo = -40.0, hi = 40.0;
    for (int i = 0; i < 200; i++) {
        double mid = (lo + hi) / 2;
        if (upper_tail(mid) > q)
            lo = mid;
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}

/* ---- the signed-rank test ------------------------------------------- */

struct abs_rank {
    double a;  /* |d| */
    int sign;  /* -1, 0, 1 */
};

static int cmp_abs_rank(const void *x, const void *y)
{
    return sc_cmp_double(&((const struct abs_rank *)x)->a, &((const struct abs_rank *)y)->a);
}

int sc_signed_rank_test(const double *d, size_t n, struct sc_signed_rank *out)
{
    if (n == 0 || !all_finite(d, n))
        return -1;
    struct abs_rank *v = malloc(n * sizeof(*v));
    long *rank2 = malloc(n * sizeof(*rank2)); /* twice the mid-rank: an integer */
    if (!v || !rank2) {
        free(v);
        free(rank2);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        v[i] = (struct abs_rank){fabs(d[i]), (d[i] > 0) - (d[i] < 0)};
    qsort(v, n, sizeof(*v), cmp_abs_rank);

    memset(out, 0, sizeof(*out));
    out->n = n;
    long w2 = 0, total2 = 0; /* doubled W+ and doubled sum of the nonzero ranks */
    double var4 = 0.0;       /* 4 * variance of W+: the sum of squared nonzero ranks */
    size_t nonzero = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 1 < n && v[j + 1].a == v[i].a)
            j++;
        long twice_mid = (long)(i + j + 2);
        for (size_t m = i; m <= j; m++) {
            rank2[m] = twice_mid;
            if (v[m].sign == 0) {
                out->n_zero++;
                continue;
            }
            nonzero++;
            total2 += twice_mid;
            var4 += (double)twice_mid * (double)twice_mid / 4.0;
            if (v[m].sign > 0)
                w2 += twice_mid;
        }
        i = j + 1;
    }
    out->w_plus = (double)w2 / 2.0;
    out->w_mean = (double)total2 / 4.0;
    /* All positive or all negative are the only sign patterns that extreme. */
    out->min_p = nonzero ? fmin(1.0, 2.0 * pow(0.5, (double)nonzero)) : 1.0;
    out->method = n <= SC_SIGNED_RANK_EXACT_MAX ? SC_PAIRED_EXACT : SC_PAIRED_NORMAL;
    int rc = 0;
    if (nonzero == 0) {
        out->p_value = 1.0;
    } else if (out->method == SC_PAIRED_EXACT) {
        /* f[s]: probability that the doubled W+ is s, over the nonzero
         * differences seen so far, each sign equally likely. */
        double *f = calloc((size_t)total2 + 1, sizeof(*f));
        if (!f) {
            rc = -1;
        } else {
            f[0] = 1.0;
            long reach = 0;
            for (size_t m = 0; m < n; m++) {
                if (v[m].sign == 0)
                    continue;
                const long r = rank2[m];
                reach += r;
                for (long s = reach; s >= 0; s--)
                    f[s] = 0.5 * (f[s] + (s >= r ? f[s - r] : 0.0));
            }
            /* |2 W2 - total2| compares distances from the mean in integers. */
            const long dev_obs = labs(2 * w2 - total2);
            double p = 0.0;
            for (long s = 0; s <= total2; s++)
                if (labs(2 * s - total2) >= dev_obs)
                    p += f[s];
            out->p_value = p < 1.0 ? p : 1.0;
            free(f);
        }
    } else {
        double dev = fabs(out->w_plus - out->w_mean) - 0.5;
        out->p_value = dev <= 0.0 ? 1.0 : fmin(1.0, 2.0 * upper_tail(dev / sqrt(var4 / 4.0)));
    }
    free(v);
    free(rank2);
    return rc;
}

size_t sc_signed_rank_min_n(double alpha)
{
    size_t n = 1;
    while (n < 2000 && 2.0 * pow(0.5, (double)n) > alpha)
        n++;
    return n;
}

/* ---- Hodges-Lehmann ------------------------------------------------- */

/* How many Walsh sums d[i] + d[j] (i <= j, d ascending) are <= x. The sum
 * is computed as written: floating-point addition is monotone in each
 * argument, so for a growing i the last j that fits only moves left. */
static uint64_t walsh_count_le(const double *d, size_t n, double x)
{
    uint64_t count = 0;
    size_t j = n; /* one past the last j that fits for the current i */
    for (size_t i = 0; i < n; i++) {
        while (j > i && d[i] + d[j - 1] > x)
            j--;
        if (j <= i)
            break;
        count += j - i;
    }
    return count;
}

/* Doubles as unsigned integers in the same order (NaN excluded). */
static uint64_t order_key(double x)
{
    uint64_t u;
    memcpy(&u, &x, sizeof(u));
    return u >> 63 ? ~u : u | (UINT64_C(1) << 63);
}

static double from_order_key(uint64_t k)
{
    uint64_t u = k >> 63 ? k & ~(UINT64_C(1) << 63) : ~k;
    double x;
    memcpy(&x, &u, sizeof(x));
    return x;
}

/* The k-th smallest (1-based) Walsh sum of ascending d: the smallest double
 * x with at least k sums <= x, which is a sum itself, found by bisecting
 * the doubles in order (64 steps at most). */
static double walsh_sum_at(const double *d, size_t n, uint64_t k)
{
    uint64_t lo = order_key(d[0] + d[0]), hi = order_key(d[n - 1] + d[n - 1]);
    while (lo < hi) {
        uint64_t mid = lo + (hi - lo) / 2;
        if (walsh_count_le(d, n, from_order_key(mid)) >= k)
            hi = mid;
        else
            lo = mid + 1;
    }
    return from_order_key(lo);
}

/* The largest c with P(T <= c) <= alpha/2, T the signed-rank statistic of
 * n untied values (ranks 1..n, each sign equally likely); -1 when even
 * P(T = 0) = 2^-n is larger. Sets *coverage to 1 - 2 P(T <= c). */
static int exact_lower_count(size_t n, double level, long *c, double *coverage)
{
    const long m = (long)(n * (n + 1) / 2);
    double *f = calloc((size_t)m + 1, sizeof(*f));
    if (!f)
        return -1;
    f[0] = 1.0;
    long reach = 0;
    for (long r = 1; r <= (long)n; r++) {
        reach += r;
        for (long s = reach; s >= 0; s--)
            f[s] = 0.5 * (f[s] + (s >= r ? f[s - r] : 0.0));
    }
    const double miss_allowed = sc_miss_allowed(level);
    double cdf = 0.0;
    *c = -1;
    for (long s = 0; s <= m / 2; s++) {
        if (2.0 * (cdf + f[s]) > miss_allowed)
            break;
        cdf += f[s];
        *c = s;
    }
    *coverage = 1.0 - 2.0 * cdf;
    free(f);
    return 0;
}

/* The same from the normal approximation (with continuity correction). */
static void normal_lower_count(size_t n, double level, long *c, double *coverage)
{
    const double nn = (double)n;
    const double mean = nn * (nn + 1) / 4.0;
    const double sd = sqrt(nn * (nn + 1) * (2 * nn + 1) / 24.0);
    const double z = upper_quantile((1.0 - level) / 2.0);
    *c = (long)floor(mean - 0.5 - z * sd);
    if (*c < 0)
        *c = -1;
    *coverage = 1.0 - 2.0 * upper_tail((mean - ((double)*c + 0.5)) / sd);
}

int sc_hodges_lehmann_ci(const double *d, size_t n, double level, struct sc_hodges_lehmann *out)
{
    if (n == 0 || !(level > 0.0 && level < 1.0) || !all_finite(d, n))
        return -1;
    double *s = sc_sorted_copy(d, n);
    if (!s)
        return -1;

    memset(out, 0, sizeof(*out));
    out->n = n;
    const uint64_t m = (uint64_t)n * (n + 1) / 2;
    if (m % 2)
        out->estimate = walsh_sum_at(s, n, (m + 1) / 2) / 2.0;
    else
        out->estimate = (walsh_sum_at(s, n, m / 2) + walsh_sum_at(s, n, m / 2 + 1)) / 4.0;

    long c;
    double coverage;
    out->method = n <= SC_SIGNED_RANK_EXACT_MAX ? SC_PAIRED_EXACT : SC_PAIRED_NORMAL;
    if (out->method == SC_PAIRED_EXACT) {
        if (exact_lower_count(n, level, &c, &coverage) != 0) {
            free(s);
            return -1;
        }
    } else {
        normal_lower_count(n, level, &c, &coverage);
    }
    if (c >= 0) {
        out->has_interval = 1;
        out->lo_rank = (size_t)c + 1;
        out->hi_rank = (size_t)(m - (uint64_t)c);
        out->lower = walsh_sum_at(s, n, out->lo_rank) / 2.0;
        out->upper = walsh_sum_at(s, n, out->hi_rank) / 2.0;
        out->confidence = coverage;
    }
    free(s);
    return 0;
}

/* ---- ratios and the verdict ----------------------------------------- */

int sc_paired_ratio_estimate(const double *base, const double *cand, size_t n, double level,
                    struct sc_paired_ratio *out)
{
    if (n == 0 || !(level > 0.0 && level < 1.0))
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!(isfinite(base[i]) && base[i] > 0.0 && isfinite(cand[i]) && cand[i] > 0.0))
            return -1;
    double *d = malloc(n * sizeof(*d));
    if (!d)
        return -1;
    memset(out, 0, sizeof(*out));
    out->n = n;
    for (size_t i = 0; i < n; i++) {
        d[i] = log(cand[i]) - log(base[i]);
        out->n_equal += cand[i] == base[i];
    }
    struct sc_hodges_lehmann hl;
    struct sc_signed_rank sr;
    struct sc_median_ci mc;
    int rc = -1;
    if (sc_hodges_lehmann_ci(d, n, level, &hl) || sc_signed_rank_test(d, n, &sr) ||
        sc_median_with_ci(d, n, level, &mc))
        goto out;
    out->ratio = exp(hl.estimate);
    out->has_interval = hl.has_interval;
    if (hl.has_interval) {
        out->lower = exp(hl.lower);
        out->upper = exp(hl.upper);
        out->confidence = hl.confidence;
    }
    out->median = exp(mc.median);
    out->median_ci = mc;
    out->median_ci.median = out->median;
    if (mc.has_interval) {
        out->median_ci.lower = exp(mc.lower);
        out->median_ci.upper = exp(mc.upper);
    }
    out->p_value = sr.p_value;
    out->min_p = sr.min_p;
    out->method = sr.method;
    rc = 0;
out:
    free(d);
    return rc;
}

int sc_paired_decide(const double *base, const double *cand, size_t n, double alpha,
                     double threshold, struct sc_paired_decision *out)
{
    if (!(alpha > 0.0 && alpha < 1.0) || !(threshold >= 0.0) || !isfinite(threshold))
        return -1;
    memset(out, 0, sizeof(*out));
    if (sc_paired_ratio_estimate(base, cand, n, 1.0 - alpha, &out->r) != 0)
        return -1;
    out->significant = out->r.p_value <= alpha;
    out->slower = out->significant && out->r.ratio > 1.0;
    out->faster = out->significant && out->r.ratio < 1.0;
    out->regression = out->slower && out->r.ratio > 1.0 + threshold;
    if (!out->significant && out->r.min_p > alpha)
        out->reason = SC_REASON_TOO_FEW_SAMPLES;
    return 0;
}

bool sc_results_same_rounds(const struct sc_result *a, const struct sc_result *b)
{
    return a->has_seed && b->has_seed && a->seed == b->seed && a->processes == b->processes &&
           a->n_samples == b->n_samples && a->n_samples > 0;
}
