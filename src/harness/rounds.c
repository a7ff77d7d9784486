#include "rounds.h"

#include <sys/random.h>
#include <time.h>
#include <unistd.h>

void sc_rng_seed(struct sc_rng *r, uint64_t seed)
{
    r->state = seed;
}

uint64_t sc_rng_next(struct sc_rng *r)
{
    uint64_t z = (r->state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

uint64_t sc_rng_below(struct sc_rng *r, uint64_t n)
{
    /* Rejects the top partial block of 2^64 so every residue is equally likely. */
    uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do
        x = sc_rng_next(r);
    while (x >= limit);
    return x % n;
}

void sc_round_order(struct sc_rng *r, size_t *order, size_t n)
{
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)sc_rng_below(r, i);
        size_t t = order[i - 1];
        order[i - 1] = order[j];
        order[j] = t;
    }
}

void sc_random_bytes(void *buf, size_t len)
{
    unsigned char *b = buf;
    if (getrandom(b, len, GRND_NONBLOCK) == (ssize_t)len)
        return;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct sc_rng r;
    sc_rng_seed(&r, ((uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec) ^
                        ((uint64_t)getpid() << 24));
    for (size_t i = 0; i < len; i++)
        b[i] = (unsigned char)sc_rng_next(&r);
}

uint32_t sc_random_seed(void)
{
    uint32_t s;
    sc_random_bytes(&s, sizeof(s));
    return s;
}

uint32_t sc_process_seed(uint32_t seed, uint64_t index)
{
    if (index == 0)
        return seed;
    struct sc_rng r;
    sc_rng_seed(&r, ((uint64_t)seed << 32) ^ index);
    return (uint32_t)(sc_rng_next(&r) >> 32);
}
