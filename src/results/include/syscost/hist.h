/* Histograms and count maps as bpftrace prints them.
 *
 * The model is map name -> key -> buckets (hist/lhist) or value (count map).
 * It reads bpftrace's newline-delimited `-f json` output, writes the same
 * JSON (so the libbpf tracer's files look like bpftrace's), renders
 * bpftrace's text histogram, and estimates quantiles from buckets.
 *
 * Bucket shapes, as bpftrace emits them:
 *   {"min": 512, "max": 1023, "count": 128}  values in [min, max]
 *   {"max": -1, "count": 3}                   underflow: no min, values <= max
 *   {"min": 100, "count": 2}                  overflow (lhist): no max, >= min
 *   []                                        a histogram with no buckets
 *
 * What the reader accepts is what bpftrace can print, so that every sum,
 * share and quantile computed from it holds:
 *  - counts are whole numbers in [0, 2^64 - 1] (bpftrace's counters are
 *    u64), and the counts of one histogram or one count map add up to at
 *    most 2^64 - 1;
 *  - buckets come in ascending order without overlap (bpftrace prints them
 *    by index, smallest first; the order is not free, so a file that breaks
 *    it is refused rather than sorted), the open-below bucket only first and
 *    the open-above bucket only last;
 *  - bounds are not negative, but for the max of the open-below bucket,
 *    which is -1 for hist() (values below 0) and min - 1 for lhist();
 *    bpftrace 0.17 allows no lhist() below 0.
 *  - bpftrace 0.17 labels hist()'s last bucket, which holds every value from
 *    2^31 on, as {"min": -2147483648, "max": 0} (a 32-bit overflow in its
 *    label code); the reader takes that bucket for what it holds: [2^31, ...).
 * Anything else is refused with the file, line, column and the entry. */
#ifndef SYSCOST_HIST_H
#define SYSCOST_HIST_H

#include <stdint.h>
#include <stdio.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum sc_map_kind { SC_MAP_HIST, SC_MAP_COUNT };

struct sc_bucket {
    int has_min, has_max;
    int64_t min, max; /* inclusive bounds, when present */
    uint64_t count;
};

struct sc_map_entry {
    char *key;        /* NULL for a map without keys (@x = hist(...)) */
    struct sc_bucket *buckets;
    size_t nbuckets;
    uint64_t value;   /* count maps: a count, as bpftrace's count() keeps it */
};

struct sc_map {
    char *name;       /* with the '@', as bpftrace prints it */
    enum sc_map_kind kind;
    struct sc_map_entry *entries;
    size_t nentries;
};

struct sc_hist_set {
    struct sc_map *maps;
    size_t nmaps;
};

/* Number of log2 slots kept by tracers: slot 0 holds negative values,
 * slot 1 the value 0, slot k >= 2 values in [2^(k-2), 2^(k-1)). This is
 * bpftrace's hist() layout, so both tracers print identical buckets. */
#define SC_LOG2_SLOTS 66

/* Reads bpftrace `-f json` text (one object per line; lines other than
 * "hist" and "map" are ignored). `name` is used in messages. On error fills
 * err with "name:line:col: what" and returns -1; out is then empty. */
int sc_hist_read_buf(const char *buf, size_t len, const char *name,
                     struct sc_hist_set *out, char *err, size_t errlen);
int sc_hist_read_file(const char *path, struct sc_hist_set *out, char *err,
                      size_t errlen);

void sc_hist_free(struct sc_hist_set *set);

/* Building, for tracers that aggregate themselves. Each returns NULL (or -1)
 * only when out of memory, but for sc_hist_set_log2, which also refuses
 * slots whose counts add up past 2^64 - 1. Adding a map name twice returns
 * the first.
 * Pointers returned stay valid only until the next add to the same set
 * (maps) or map (entries): the arrays grow by realloc. */
struct sc_map *sc_hist_add_map(struct sc_hist_set *set, const char *name,
                               enum sc_map_kind kind);
struct sc_map_entry *sc_hist_add_entry(struct sc_map *map, const char *key);
int sc_hist_add_bucket(struct sc_map_entry *e, const struct sc_bucket *b);
/* Fills e from SC_LOG2_SLOTS log2 slots, trimming empty slots at both ends
 * the way bpftrace does. The last slot, [2^63, 2^64), has no signed bound:
 * when it is used, it is merged with the one before into [2^62, ...). */
int sc_hist_set_log2(struct sc_map_entry *e, const uint64_t *slots);

const struct sc_map *sc_hist_find(const struct sc_hist_set *set, const char *name);
const struct sc_map_entry *sc_hist_find_entry(const struct sc_map *map,
                                              const char *key);
/* The sum of an entry's bucket counts. What the reader accepts and what
 * sc_hist_set_log2 builds never exceeds 2^64 - 1; an entry built by hand
 * that does saturates at UINT64_MAX rather than wrapping. */
uint64_t sc_hist_total(const struct sc_map_entry *e);

/* The same, checked: -1 when the counts add up past 2^64 - 1. */
int sc_hist_sum(const struct sc_map_entry *e, uint64_t *out);

/* Estimated q-quantile (0 < q <= 1) of an entry's buckets, interpolating
 * linearly inside the bucket; open buckets use their one bound.
 * Returns -1 when the entry has no counts. */
int sc_hist_quantile(const struct sc_map_entry *e, double q, double *out);

/* Writes the set as bpftrace `-f json` lines: one line per map. */
void sc_hist_write_json(FILE *out, const struct sc_hist_set *set);

/* Renders the set the way bpftrace prints maps at exit:
 * "@name[key]: " then "[lo, hi)   count |@@@@   |" rows. */
void sc_hist_write_text(FILE *out, const struct sc_hist_set *set);

/* bpftrace's bucket label: "[1K, 2K)", "[0]", "(..., 0)", "[100, ...)". */
void sc_hist_bucket_label(const struct sc_bucket *b, char *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif
