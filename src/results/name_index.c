/* Open addressing with linear probing, kept at most half full. The hash
 * starts from a random seed per index, so names crafted to collide (the
 * names come from files) cannot make the lookups quadratic again. */
#include <syscost/name_index.h>

#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

static uint64_t fnv1a(uint64_t seed, const char *s)
{
    uint64_t h = UINT64_C(14695981039346656037) ^ seed;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= UINT64_C(1099511628211);
    }
    /* Mix the high bits down: the slot is taken from the low ones. */
    h ^= h >> 32;
    return h;
}

static uint64_t new_seed(const void *salt)
{
    uint64_t seed;
    if (getrandom(&seed, sizeof(seed), GRND_NONBLOCK) == (ssize_t)sizeof(seed))
        return seed;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 32) ^ (uint64_t)(uintptr_t)salt;
}

/* The slot holding `name`, or the empty slot where it would go. */
static struct sc_name_slot *probe(struct sc_name_slot *slots, size_t cap, const char *name,
                                  uint64_t hash)
{
    size_t i = (size_t)hash & (cap - 1);
    while (slots[i].name && (slots[i].hash != hash || strcmp(slots[i].name, name) != 0))
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

static int grow(struct sc_name_index *ix)
{
    if (!ix->cap)
        ix->seed = new_seed(ix);
    size_t cap = ix->cap ? ix->cap * 2 : 64;
    struct sc_name_slot *slots = calloc(cap, sizeof(*slots));
    if (!slots)
        return -1;
    for (size_t i = 0; i < ix->cap; i++)
        if (ix->slots[i].name)
            *probe(slots, cap, ix->slots[i].name, ix->slots[i].hash) = ix->slots[i];
    free(ix->slots);
    ix->slots = slots;
    ix->cap = cap;
    return 0;
}

int sc_name_index_add(struct sc_name_index *ix, const char *name, size_t value,
                      size_t *existing)
{
    if ((ix->n + 1) * 2 > ix->cap && grow(ix) != 0)
        return -1;
    uint64_t hash = fnv1a(ix->seed, name);
    struct sc_name_slot *s = probe(ix->slots, ix->cap, name, hash);
    if (s->name) {
        if (existing)
            *existing = s->value;
        return 1;
    }
    *s = (struct sc_name_slot){.name = name, .hash = hash, .value = value};
    ix->n++;
    return 0;
}

long sc_name_index_find(const struct sc_name_index *ix, const char *name)
{
    if (!ix->cap)
        return -1;
    const struct sc_name_slot *s = probe(ix->slots, ix->cap, name, fnv1a(ix->seed, name));
    return s->name ? (long)s->value : -1;
}

void sc_name_index_free(struct sc_name_index *ix)
{
    free(ix->slots);
    ix->slots = NULL;
    ix->cap = ix->n = 0;
}
