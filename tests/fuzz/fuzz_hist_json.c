/* The bpftrace `-f json` histogram reader on arbitrary bytes. What it
 * accepts must hold what bpftrace can print (buckets ascending, bounds not
 * negative, counts that add up without wrapping), render as text, give
 * ordered quantiles, and come back unchanged through the JSON writer (the
 * libbpf tracer writes with it, bench reads). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/hist.h>

static FILE *sink;

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_hist_json: invariant broken: %s\n", what);
        abort();
    }
}

static int same_key(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void check_same(const struct sc_hist_set *a, const struct sc_hist_set *b)
{
    check(a->nmaps == b->nmaps, "map count changed in a round trip");
    for (size_t i = 0; i < a->nmaps; i++) {
        const struct sc_map *ma = &a->maps[i], *mb = &b->maps[i];
        check(strcmp(ma->name, mb->name) == 0, "map name changed");
        check(ma->kind == mb->kind, "map kind changed");
        check(ma->nentries == mb->nentries, "entry count changed");
        for (size_t k = 0; k < ma->nentries; k++) {
            const struct sc_map_entry *ea = &ma->entries[k], *eb = &mb->entries[k];
            check(same_key(ea->key, eb->key), "entry key changed");
            check(ea->value == eb->value, "count value changed");
            check(ea->nbuckets == eb->nbuckets, "bucket count changed");
            for (size_t j = 0; j < ea->nbuckets; j++)
                check(memcmp(&ea->buckets[j], &eb->buckets[j], sizeof(ea->buckets[j])) == 0,
                      "bucket changed");
        }
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    sink = fopen("/dev/null", "w");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sc_hist_set set;
    char err[512];
    err[0] = '\0';
    if (sc_hist_read_buf((const char *)data, size, "fuzz.json", &set, err, sizeof(err))) {
        check(err[0] != '\0', "rejected without a message");
        check(set.nmaps == 0, "rejected but maps kept");
        return 0;
    }

    sc_hist_write_text(sink, &set);
    for (size_t i = 0; i < set.nmaps; i++)
        for (size_t k = 0; k < set.maps[i].nentries; k++) {
            const struct sc_map_entry *e = &set.maps[i].entries[k];
            char label[128];
            uint64_t sum;
            check(sc_hist_sum(e, &sum) == 0, "bucket counts add up past 2^64 - 1");
            for (size_t j = 0; j < e->nbuckets; j++) {
                const struct sc_bucket *b = &e->buckets[j];
                sc_hist_bucket_label(b, label, sizeof(label));
                check(b->has_min || b->has_max, "a bucket without bounds");
                check(!b->has_min || b->min >= 0, "a negative min");
                check(!b->has_max || b->max >= -1, "a max below -1");
                check(b->has_min || j == 0, "an open-below bucket after the first");
                check(b->has_max || j + 1 == e->nbuckets, "an open-above bucket before the last");
                check(j == 0 || b->min > e->buckets[j - 1].max, "buckets out of order");
            }
            double p50, p99, p100;
            if (sc_hist_quantile(e, 0.5, &p50) == 0) {
                check(sc_hist_quantile(e, 0.99, &p99) == 0, "p99 missing");
                check(sc_hist_quantile(e, 1.0, &p100) == 0, "p100 missing");
                check(!isnan(p50) && !isnan(p99) && !isnan(p100), "NaN quantile");
                check(p50 <= p99 && p99 <= p100, "quantiles out of order");
            }
        }
    for (size_t i = 0; i < set.nmaps; i++)
        if (set.maps[i].kind == SC_MAP_COUNT) {
            uint64_t sum = 0;
            for (size_t k = 0; k < set.maps[i].nentries; k++)
                check(!__builtin_add_overflow(sum, set.maps[i].entries[k].value, &sum),
                      "count map values add up past 2^64 - 1");
        }

    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    check(mem != NULL, "open_memstream");
    sc_hist_write_json(mem, &set);
    fclose(mem);
    struct sc_hist_set again;
    if (sc_hist_read_buf(text, len, "rewritten.json", &again, err, sizeof(err))) {
        fprintf(stderr, "re-read of the writer's output failed: %s\n--- written:\n%s\n",
                err, text);
        abort();
    }
    check_same(&set, &again);
    sc_hist_free(&again);
    free(text);
    sc_hist_free(&set);
    return 0;
}
