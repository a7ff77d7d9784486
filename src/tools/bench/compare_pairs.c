#include "compare_pairs.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/units.h>

static void describe(struct compare_pair *p, double threshold)
{
    const struct sc_result *b = p->base, *c = p->cand;
    if (b && c && strcmp(b->test, c->test))
        snprintf(p->name, sizeof(p->name), "%s vs %s", b->test, c->test);
    else
        snprintf(p->name, sizeof(p->name), "%s", b ? b->test : c->test);
    if (!b || !c) {
        p->factor = NAN;
        snprintf(p->change, sizeof(p->change), "only in %s", b ? "baseline" : "candidate");
        return;
    }
    p->factor = c->wall_median > 0 ? b->wall_median / c->wall_median : INFINITY;
    double change = b->wall_median > 0 ? c->wall_median / b->wall_median - 1 : 0;
    char f[32];
    if (fabs(change) <= threshold) {
        snprintf(p->change, sizeof(p->change), "~");
    } else if (change < 0) {
        sc_format_factor(p->factor, f, sizeof(f));
        snprintf(p->change, sizeof(p->change), "%s faster", f);
    } else if (change >= 1) {
        sc_format_factor(c->wall_median / b->wall_median, f, sizeof(f));
        snprintf(p->change, sizeof(p->change), "%s slower", f);
    } else {
        snprintf(p->change, sizeof(p->change), "+%.1f%% slower", change * 100);
    }
}

int compare_pairs_build(const struct sc_result_set *base, const struct sc_result_set *cand,
                        const char *pair_base, const char *pair_cand, double threshold,
                        struct compare_pair **out, size_t *n, char *err, size_t errlen)
{
    *out = NULL;
    *n = 0;
    struct compare_pair *pairs = calloc(base->n + cand->n + 1, sizeof(*pairs));
    if (!pairs) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    size_t k = 0;
    if (pair_base) {
        long b = sc_result_set_find(base, pair_base);
        long c = sc_result_set_find(cand, pair_cand);
        if (b < 0 || c < 0) {
            snprintf(err, errlen, "--pair: no case '%s' in the %s",
                     b < 0 ? pair_base : pair_cand, b < 0 ? "baseline" : "candidate");
            free(pairs);
            return -1;
        }
        pairs[k++] = (struct compare_pair){.base = &base->rows[b], .cand = &cand->rows[c]};
    } else if (base->n == 1 && cand->n == 1 && strcmp(base->rows[0].test, cand->rows[0].test)) {
        pairs[k++] = (struct compare_pair){.base = &base->rows[0], .cand = &cand->rows[0]};
    } else {
        for (size_t i = 0; i < base->n; i++) {
            long c = sc_result_set_find(cand, base->rows[i].test);
            pairs[k++] = (struct compare_pair){.base = &base->rows[i],
                                               .cand = c >= 0 ? &cand->rows[c] : NULL};
        }
        for (size_t i = 0; i < cand->n; i++)
            if (sc_result_set_find(base, cand->rows[i].test) < 0)
                pairs[k++] = (struct compare_pair){.cand = &cand->rows[i]};
    }
    for (size_t i = 0; i < k; i++)
        describe(&pairs[i], threshold);
    *out = pairs;
    *n = k;
    return 0;
}
