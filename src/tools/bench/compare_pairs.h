/* Which baseline row meets which candidate row, for bench compare, the
 * compare chart and the report: cases join by name; when each file holds one
 * case under different names (slow.csv against fast.csv) the two are paired.
 * Whether a pair changed is compare_build's verdict (compare.h), not this. */
#ifndef BENCH_COMPARE_PAIRS_H
#define BENCH_COMPARE_PAIRS_H

#include <stdbool.h>
#include <stddef.h>

#include <syscost/results.h>

struct compare_pair {
    const struct sc_result *base, *cand; /* NULL where a side is missing */
    char name[256];                      /* "A" or "A vs B" */
    double factor;                       /* base / cand median; > 1: candidate faster */
};

/* Pairs the rows. With pair_base/pair_cand set, pairs just those two
 * (-1 and err filled when either is missing). *out is malloc'ed. */
int compare_pairs_build(const struct sc_result_set *base, const struct sc_result_set *cand,
                        const char *pair_base, const char *pair_cand,
                        struct compare_pair **out, size_t *n, char *err, size_t errlen);

#endif
