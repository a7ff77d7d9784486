/* Median confidence intervals, the Mann-Whitney U test and the compare verdict. */
#include <syscost/significance.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/stats.h>

static int has_nan(const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (isnan(x[i]))
            return 1;
    return 0;
}

double sc_miss_allowed(double level)
{
    return (1.0 - level) * (1.0 + 1e-12);
}

int sc_median_with_ci(const double *x, size_t n, double level, struct sc_median_ci *out)
{
    if (n == 0 || !(level > 0.0 && level < 1.0) || has_nan(x, n))
        return -1;
    double *s = sc_sorted_copy(x, n);
    if (!s)
        return -1;

    memset(out, 0, sizeof *out);
    out->median = sc_percentile_sorted(s, n, 50.0);

    /* [x(k), x(n+1-k)] misses the true median only when at most k-1
     * samples fall on one side of it: probability 2 * P(B <= k-1) with
     * B ~ Binomial(n, 1/2). Take the largest k (narrowest interval) whose
     * coverage still reaches the level. The pmf is stepped in log space
     * because 0.5^n underflows long before n gets large. */
    const double miss_allowed = sc_miss_allowed(level);
    double log_pmf = -(double)n * log(2.0);
    double cdf = 0.0;
    size_t accepted = 0; /* terms P(B=0) .. P(B=k-1) that fit: k */
    while (accepted < n / 2) {
        double next = cdf + exp(log_pmf);
        if (2.0 * next > miss_allowed)
            break;
        cdf = next;
        log_pmf += log((double)(n - accepted)) - log((double)(accepted + 1));
        accepted++;
    }
    if (accepted > 0) {
        size_t k = accepted;
        out->has_interval = 1;
        out->lo_rank = k;
        out->hi_rank = n + 1 - k;
        out->lower = s[k - 1];
        out->upper = s[n - k];
        out->confidence = 1.0 - 2.0 * cdf;
    }
    free(s);
    return 0;
}

size_t sc_median_ci_min_n(double level)
{
    /* The widest interval, [min, max], misses with probability 2 / 2^n. */
    size_t n = 1;
    while (n < 2000 && 2.0 * pow(0.5, (double)n) > sc_miss_allowed(level))
        n++;
    return n;
}

struct pooled {
    double v;
    int in_x;
};

static int cmp_pooled(const void *a, const void *b)
{
    return sc_cmp_double(&((const struct pooled *)a)->v, &((const struct pooled *)b)->v);
}

/* Pooled, sorted sample with doubled mid-ranks (integers, so the exact
 * distribution is counted without rounding) and tie-group boundaries. */
struct ranking {
    size_t n;
    struct pooled *p;
    long *rank2;        /* twice the mid-rank of p[i] */
    long rank2_sum_x;   /* twice the rank sum of sample x */
    double tie_term;    /* sum over tie groups of t^3 - t */
};

static int rank_pooled(const double *x, size_t nx, const double *y, size_t ny,
                       struct ranking *r)
{
    r->n = nx + ny;
    r->p = malloc(r->n * sizeof *r->p);
    r->rank2 = malloc(r->n * sizeof *r->rank2);
    if (!r->p || !r->rank2) {
        free(r->p);
        free(r->rank2);
        return -1;
    }
    for (size_t i = 0; i < nx; i++)
        r->p[i] = (struct pooled){ x[i], 1 };
    for (size_t i = 0; i < ny; i++)
        r->p[nx + i] = (struct pooled){ y[i], 0 };
    qsort(r->p, r->n, sizeof *r->p, cmp_pooled);

    r->rank2_sum_x = 0;
    r->tie_term = 0.0;
    for (size_t i = 0; i < r->n;) {
        size_t j = i;
        while (j + 1 < r->n && r->p[j + 1].v == r->p[i].v)
            j++;
        /* positions i..j (0-based) share mid-rank ((i+1) + (j+1)) / 2 */
        long twice_mid = (long)(i + j + 2);
        double t = (double)(j - i + 1);
        r->tie_term += t * t * t - t;
        for (size_t m = i; m <= j; m++) {
            r->rank2[m] = twice_mid;
            if (r->p[m].in_x)
                r->rank2_sum_x += twice_mid;
        }
        i = j + 1;
    }
    return 0;
}

static void ranking_free(struct ranking *r)
{
    free(r->p);
    free(r->rank2);
}

/* Exact two-sided p: counts, for every subset of k pooled values, its
 * doubled rank sum s (dynamic programming over tie groups: choosing m of a
 * group of t tied values adds m * rank in C(t, m) ways). Then sums the
 * subsets at least as far from the mean k(N+1) as the observed one.
 * k is the smaller sample: |U - mean| is the same seen from either side. */
static int exact_p(const struct ranking *r, size_t k, long s_obs, double *p)
{
    const size_t n = r->n;
    long s_max = 0;
    for (size_t i = 0; i < k; i++)
        s_max += r->rank2[n - 1 - i];
    const size_t width = (size_t)s_max + 1;
    double *f = calloc((k + 1) * width, sizeof *f);
    if (!f)
        return -1;
    f[0] = 1.0; /* the empty subset, sum 0 */

    long reach = 0; /* largest sum reachable with what has been processed */
    for (size_t i = 0; i < n;) {
        size_t t = 1;
        while (i + t < n && r->rank2[i + t] == r->rank2[i])
            t++;
        const long d = r->rank2[i];
        reach = reach + (long)t * d < s_max ? reach + (long)t * d : s_max;
        /* Descending j reads rows j-m (m >= 1) before they are updated. */
        for (size_t j = k; j >= 1; j--) {
            double *row = f + j * width;
            for (long s = reach; s >= 0; s--) {
                double add = 0.0, choose = 1.0;
                for (size_t m = 1; m <= t && m <= j; m++) {
                    choose = choose * (double)(t - m + 1) / (double)m;
                    long from = s - (long)m * d;
                    if (from < 0)
                        break;
                    add += choose * f[(j - m) * width + (size_t)from];
                }
                row[s] += add;
            }
        }
        i += t;
    }

    const long centre2 = (long)k * (long)(n + 1);
    const long dev_obs = labs(s_obs - centre2);
    const double *row = f + k * width;
    double total = 0.0, extreme = 0.0;
    for (long s = 0; s <= s_max; s++) {
        total += row[s];
        if (labs(s - centre2) >= dev_obs)
            extreme += row[s];
    }
    free(f);
    *p = extreme / total;
    return 0;
}

/* Normal approximation to U with the tie-corrected variance and a
 * continuity correction of 1/2 towards the mean. */
static double normal_p(double u, double nx, double ny, double tie_term)
{
    const double n = nx + ny;
    const double mean = nx * ny / 2.0;
    const double var = nx * ny / 12.0 * ((n + 1.0) - tie_term / (n * (n - 1.0)));
    const double dev = fabs(u - mean) - 0.5;
    if (!(var > 0.0) || dev <= 0.0)
        return 1.0;
    const double p = erfc(dev / sqrt(var) / sqrt(2.0));
    return p < 1.0 ? p : 1.0;
}

int sc_mwu_test(const double *x, size_t nx, const double *y, size_t ny,
                struct sc_mwu_result *out)
{
    if (nx == 0 || ny == 0 || has_nan(x, nx) || has_nan(y, ny))
        return -1;
    struct ranking r;
    if (rank_pooled(x, nx, y, ny, &r) != 0)
        return -1;

    const long u2 = r.rank2_sum_x - (long)nx * (long)(nx + 1);
    out->u = (double)u2 / 2.0;
    int rc = 0;
    if (r.p[0].v == r.p[r.n - 1].v) {
        /* Every split gives the same U: no evidence of any difference. */
        out->method = nx <= SC_MWU_EXACT_MAX && ny <= SC_MWU_EXACT_MAX ? SC_MWU_EXACT
                                                                       : SC_MWU_NORMAL;
        out->p_value = 1.0;
    } else if (nx <= SC_MWU_EXACT_MAX && ny <= SC_MWU_EXACT_MAX) {
        out->method = SC_MWU_EXACT;
        long s_obs = r.rank2_sum_x;
        size_t k = nx;
        if (ny < nx) {
            long total2 = (long)r.n * (long)(r.n + 1);
            s_obs = total2 - r.rank2_sum_x;
            k = ny;
        }
        rc = exact_p(&r, k, s_obs, &out->p_value);
        if (rc == 0 && out->p_value > 1.0)
            out->p_value = 1.0; /* rounding in the sums, never more */
    } else {
        out->method = SC_MWU_NORMAL;
        out->p_value = normal_p(out->u, (double)nx, (double)ny, r.tie_term);
    }
    ranking_free(&r);
    return rc;
}

double sc_mwu_min_p(size_t nx, size_t ny)
{
    if (nx == 0 || ny == 0)
        return 1.0;
    if (nx <= SC_MWU_EXACT_MAX && ny <= SC_MWU_EXACT_MAX) {
        /* The two complete separations are the only splits that extreme. */
        size_t n = nx + ny, k = nx < ny ? nx : ny;
        double splits = 1.0;
        for (size_t i = 1; i <= k; i++)
            splits = splits * (double)(n - k + i) / (double)i;
        double p = 2.0 / splits;
        return p < 1.0 ? p : 1.0;
    }
    return normal_p(0.0, (double)nx, (double)ny, 0.0);
}

size_t sc_mwu_min_n(double alpha)
{
    size_t n = 1;
    while (n < 2000 && sc_mwu_min_p(n, n) > alpha)
        n++;
    return n;
}

size_t sc_first_bad_time(const double *x, size_t n)
{
    size_t i = 0;
    while (i < n && isfinite(x[i]) && x[i] >= 0)
        i++;
    return i;
}

int sc_compare_decide(const double *base, size_t n1, const double *cand, size_t n2,
                      double alpha, double threshold, struct sc_compare_decision *out)
{
    /* The one place a verdict is made: NaN compares false with everything,
     * so a NaN that got this far would read as "no change" and pass the
     * gate. Such input is refused here instead, whatever the caller. */
    if (!(alpha > 0.0 && alpha < 1.0) || !(threshold >= 0.0) || !isfinite(threshold))
        return -1;
    if (sc_first_bad_time(base, n1) < n1 || sc_first_bad_time(cand, n2) < n2)
        return -1;
    struct sc_mwu_result mwu;
    if (sc_mwu_test(base, n1, cand, n2, &mwu) != 0)
        return -1;
    struct sc_median_ci b, c;
    if (sc_median_with_ci(base, n1, 0.95, &b) != 0 || sc_median_with_ci(cand, n2, 0.95, &c) != 0)
        return -1;

    memset(out, 0, sizeof *out);
    out->p_value = mwu.p_value;
    out->n1 = n1;
    out->n2 = n2;
    out->base_median = b.median;
    out->cand_median = c.median;
    if (b.median != 0.0)
        out->ratio = c.median / b.median;
    else
        out->ratio = c.median > 0.0 ? INFINITY : 1.0;
    out->min_p = sc_mwu_min_p(n1, n2);
    /* Finite times give finite medians and a p in [0, 1]; the ratio is
     * +inf only for a zero baseline or an overflow, and then means slower. */
    if (!isfinite(out->base_median) || !isfinite(out->cand_median) || isnan(out->ratio) ||
        !(out->p_value >= 0.0 && out->p_value <= 1.0))
        return -1;
    out->significant = out->p_value <= alpha;
    out->slower = out->significant && out->ratio > 1.0;
    out->faster = out->significant && out->ratio < 1.0;
    out->regression = out->slower && out->ratio > 1.0 + threshold;
    if (!out->significant && out->min_p > alpha)
        out->reason = SC_REASON_TOO_FEW_SAMPLES;
    return 0;
}
