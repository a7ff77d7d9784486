#include "compare_pairs.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/name_index.h>
#include <syscost/units.h>

static void describe(struct compare_pair *p)
{
    const struct sc_result *b = p->base, *c = p->cand;
    if (b && c && strcmp(b->test, c->test))
        snprintf(p->name, sizeof(p->name), "%s vs %s", b->test, c->test);
    else
        snprintf(p->name, sizeof(p->name), "%s", b ? b->test : c->test);
    if (!b || !c)
        p->factor = NAN;
    else
        p->factor = c->wall_median > 0 ? b->wall_median / c->wall_median : INFINITY;
}

int compare_pairs_build(const struct sc_result_set *base, const struct sc_result_set *cand,
                        const char *pair_base, const char *pair_cand,
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
        /* Indexed, so that joining many cases by name stays linear. The
         * readers refuse duplicate names, so each name has one row. */
        struct sc_name_index in_base = {0}, in_cand = {0};
        int oom = 0;
        for (size_t i = 0; i < base->n && !oom; i++)
            oom = sc_name_index_add(&in_base, base->rows[i].test, i, NULL) < 0;
        for (size_t i = 0; i < cand->n && !oom; i++)
            oom = sc_name_index_add(&in_cand, cand->rows[i].test, i, NULL) < 0;
        for (size_t i = 0; i < base->n && !oom; i++) {
            long c = sc_name_index_find(&in_cand, base->rows[i].test);
            pairs[k++] = (struct compare_pair){.base = &base->rows[i],
                                               .cand = c >= 0 ? &cand->rows[c] : NULL};
        }
        for (size_t i = 0; i < cand->n && !oom; i++)
            if (sc_name_index_find(&in_base, cand->rows[i].test) < 0)
                pairs[k++] = (struct compare_pair){.cand = &cand->rows[i]};
        sc_name_index_free(&in_base);
        sc_name_index_free(&in_cand);
        if (oom) {
            snprintf(err, errlen, "out of memory");
            free(pairs);
            return -1;
        }
    }
    for (size_t i = 0; i < k; i++)
        describe(&pairs[i]);
    *out = pairs;
    *n = k;
    return 0;
}
