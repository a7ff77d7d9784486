/* Pairs each case with its batched form by name alone, so bench batching
 * needs no list of cases. Names are Suite.Group/Variant; within a group:
 *  - all variants numbers (a size sweep, e.g. WriteSize.Bytes/16): the
 *    largest size is the batched form of every other variant;
 *  - otherwise the one variant named One... (OneByte, OneFlushPerLine: "One"
 *    then an upper-case letter or the end) is the one-at-a-time form, and
 *    every other variant is a batched form of it.
 * Names without '/', groups of one case, and groups with no or several
 * One... variants are left unpaired. */
#ifndef BENCH_BATCHING_PAIRS_H
#define BENCH_BATCHING_PAIRS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct batching_pair {
    size_t unbatched, batched; /* indexes into the names */
};

/* Fills *pairs (malloc'd; free it) with *n_pairs pairs, grouped by the
 * order in which groups first appear, then in file order. Returns 0, or -1
 * when out of memory. */
int batching_pair_names(const char *const *names, size_t n, struct batching_pair **pairs,
                        size_t *n_pairs);

#ifdef __cplusplus
}
#endif

#endif
