#include <syscost/stats.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

int sc_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double *sc_sorted_copy(const double *x, size_t n)
{
    double *s = n ? malloc(n * sizeof(*s)) : NULL;
    if (!s)
        return NULL;
    memcpy(s, x, n * sizeof(*s));
    qsort(s, n, sizeof(*s), sc_cmp_double);
    return s;
}

double sc_percentile_sorted(const double *sorted, size_t n, double p)
{
    if (n == 0)
        return NAN;
    if (p <= 0)
        return sorted[0];
    if (p >= 100)
        return sorted[n - 1];
    double rank = p / 100.0 * (double)(n - 1);
    size_t lo = (size_t)rank;
    double frac = rank - (double)lo;
    if (lo + 1 >= n)
        return sorted[n - 1];
    return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

int sc_summarize(const double *values, size_t n, struct sc_summary *out)
{
    memset(out, 0, sizeof(*out));
    if (n == 0)
        return -1;
    double *sorted = sc_sorted_copy(values, n);
    if (!sorted)
        return -1;

    /* Sums run over values scaled into (-2, 2), so that finite values near
     * DBL_MAX give a finite mean and (for values of one sign, as times are)
     * a finite standard deviation instead of overflowing to infinity. The
     * scale is a power of two: dividing by it is exact, so ordinary values
     * give the same results, bit for bit, as unscaled sums. */
    double largest = fmax(fabs(sorted[0]), fabs(sorted[n - 1]));
    double scale = 1;
    if (isfinite(largest) && largest > 0) {
        int e;
        frexp(largest, &e);
        scale = ldexp(1.0, e - 1);
    }
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += sorted[i] / scale;
    double mean_s = sum / (double)n;
    double ss = 0;
    for (size_t i = 0; i < n; i++)
        ss += (sorted[i] / scale - mean_s) * (sorted[i] / scale - mean_s);
    double mean = mean_s * scale;

    out->n = n;
    out->min = sorted[0];
    out->max = sorted[n - 1];
    out->mean = mean;
    out->median = sc_percentile_sorted(sorted, n, 50);
    out->p10 = sc_percentile_sorted(sorted, n, 10);
    out->p90 = sc_percentile_sorted(sorted, n, 90);
    out->stddev = n > 1 ? sqrt(ss / (double)(n - 1)) * scale : 0;
    out->cv = (n > 1 && mean_s != 0) ? sqrt(ss / (double)(n - 1)) / mean_s : 0;
    free(sorted);
    return 0;
}
