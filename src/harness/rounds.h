/* The order of the cases in each round: a seeded generator, so that
 * --seed N replays a run's order exactly. */
#ifndef SYSCOST_ROUNDS_H
#define SYSCOST_ROUNDS_H

#include <stddef.h>
#include <stdint.h>

/* splitmix64: tiny, fast, and every seed (0 included) gives a good stream. */
struct sc_rng {
    uint64_t state;
};

void sc_rng_seed(struct sc_rng *r, uint64_t seed);
uint64_t sc_rng_next(struct sc_rng *r);

/* Uniform in [0, n), without modulo bias; n > 0. */
uint64_t sc_rng_below(struct sc_rng *r, uint64_t n);

/* Puts 0..n-1 into order[] in a uniformly random order (Fisher-Yates). */
void sc_round_order(struct sc_rng *r, size_t *order, size_t n);

/* Fills buf with len random bytes from the kernel, or, where getrandom()
 * cannot answer at once, from the clock and the pid. */
void sc_random_bytes(void *buf, size_t len);

/* A seed for a run that was given none. */
uint32_t sc_random_seed(void);

/* The seed of process `index` (0-based) of a pooled run with seed `seed`:
 * process 0 uses the seed itself, so `--seed N` alone replays it; the others
 * get their own streams, all fixed by `seed`. */
uint32_t sc_process_seed(uint32_t seed, uint64_t index);

#endif
