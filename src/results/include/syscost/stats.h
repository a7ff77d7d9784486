/* Descriptive statistics over per-repeat samples. */
#ifndef SYSCOST_STATS_H
#define SYSCOST_STATS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct sc_summary {
    size_t n;
    double min, max, mean, median, p10, p90, stddev, cv;
};

/* qsort() comparator of doubles, ascending (no NaN). */
int sc_cmp_double(const void *a, const void *b);

/* A malloc'd copy of x[0..n) in ascending order (no NaN); NULL when out of
 * memory or n is 0. */
double *sc_sorted_copy(const double *x, size_t n);

/* Percentile p in [0,100] of sorted values, linear interpolation between
 * closest ranks (the "R7" definition numpy and spreadsheets use). */
double sc_percentile_sorted(const double *sorted, size_t n, double p);

/* Summarizes n values (unsorted; not modified). stddev is the sample
 * standard deviation (n-1); cv = stddev / mean, 0 when n < 2 or mean is 0.
 * Returns -1 when n is 0 or a value allocation fails. */
int sc_summarize(const double *values, size_t n, struct sc_summary *out);

#ifdef __cplusplus
}
#endif

#endif
