/* Names to positions in constant time: the result readers' duplicate
 * check and bench compare's pairing look up every case among all the others,
 * which a linear search makes quadratic (80,000 cases took 8 s). */
#ifndef SYSCOST_NAME_INDEX_H
#define SYSCOST_NAME_INDEX_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct sc_name_slot {
    const char *name; /* NULL: empty slot */
    uint64_t hash;
    size_t value;
};

/* Zero-initialise before use ({0}). The index does not copy names: each
 * must stay valid, unchanged, as long as the index is used. */
struct sc_name_index {
    struct sc_name_slot *slots;
    size_t cap, n;
    uint64_t seed; /* of the hash, drawn when the first name is added */
};

/* Adds `name` with `value`. Returns 0 when added, 1 when the name was
 * there already (then *existing, if not NULL, is its value and nothing
 * changes), -1 when out of memory. */
int sc_name_index_add(struct sc_name_index *ix, const char *name, size_t value,
                      size_t *existing);

/* The value of `name`, or -1 when it is not there. */
long sc_name_index_find(const struct sc_name_index *ix, const char *name);

void sc_name_index_free(struct sc_name_index *ix);

#ifdef __cplusplus
}
#endif

#endif
