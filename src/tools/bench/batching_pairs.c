#include "batching_pairs.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Length of the group part ("Suite.Group"), or 0 when the name has none. */
static size_t group_len(const char *name)
{
    const char *slash = strrchr(name, '/');
    if (!slash || slash[1] == '\0')
        return 0;
    const char *dot = memchr(name, '.', (size_t)(slash - name));
    if (!dot || dot == name || dot + 1 == slash)
        return 0;
    return (size_t)(slash - name);
}

static bool same_group(const char *a, size_t alen, const char *b)
{
    return group_len(b) == alen && !strncmp(a, b, alen);
}

static bool is_number(const char *s, unsigned long long *v)
{
    if (!*s)
        return false;
    for (const char *p = s; *p; p++)
        if (!isdigit((unsigned char)*p))
            return false;
    *v = strtoull(s, NULL, 10);
    return true;
}

static bool is_one_at_a_time(const char *variant)
{
    return !strncmp(variant, "One", 3) &&
           (variant[3] == '\0' || isupper((unsigned char)variant[3]));
}

static int push(struct batching_pair **pairs, size_t *n, size_t *cap, size_t u, size_t b)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        struct batching_pair *p = realloc(*pairs, nc * sizeof(*p));
        if (!p)
            return -1;
        *pairs = p;
        *cap = nc;
    }
    (*pairs)[(*n)++] = (struct batching_pair){.unbatched = u, .batched = b};
    return 0;
}

int batching_pair_names(const char *const *names, size_t n, struct batching_pair **pairs,
                        size_t *n_pairs)
{
    size_t cap = 0;
    *pairs = NULL;
    *n_pairs = 0;
    for (size_t g = 0; g < n; g++) {
        size_t glen = group_len(names[g]);
        if (!glen)
            continue;
        bool first = true; /* handle each group at its first member only */
        for (size_t k = 0; k < g && first; k++)
            if (same_group(names[g], glen, names[k]))
                first = false;
        if (!first)
            continue;

        size_t members = 0, ones = 0, one = 0, largest = 0;
        bool numeric = true;
        unsigned long long max = 0;
        for (size_t k = g; k < n; k++) {
            if (!same_group(names[g], glen, names[k]))
                continue;
            const char *variant = names[k] + glen + 1;
            unsigned long long v;
            if (is_number(variant, &v)) {
                if (members == 0 || v > max) {
                    max = v;
                    largest = k;
                }
            } else {
                numeric = false;
            }
            if (is_one_at_a_time(variant)) {
                ones++;
                one = k;
            }
            members++;
        }
        if (members < 2 || (!numeric && ones != 1))
            continue;
        size_t ref = numeric ? largest : one;
        for (size_t k = g; k < n; k++) {
            if (k == ref || !same_group(names[g], glen, names[k]))
                continue;
            if (numeric ? push(pairs, n_pairs, &cap, k, ref) : push(pairs, n_pairs, &cap, ref, k)) {
                free(*pairs);
                *pairs = NULL;
                *n_pairs = 0;
                return -1;
            }
        }
    }
    return 0;
}
