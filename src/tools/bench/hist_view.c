#include "hist_view.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/units.h>

void hist_view_split_name(const char *path, char *test, size_t tlen, char *script, size_t slen)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char name[512];
    snprintf(name, sizeof(name), "%s", base);
    char *ext = strrchr(name, '.');
    if (ext && !strcmp(ext, ".json"))
        *ext = '\0';
    script[0] = '\0';
    /* Suite.Case.script: two dots before the script; a bare Suite.Case has one. */
    char *last = strrchr(name, '.');
    if (last && last != strchr(name, '.')) {
        snprintf(script, slen, "%s", last + 1);
        *last = '\0';
    }
    snprintf(test, tlen, "%s", name);
}

static const struct sc_map_entry *pick_entry(const struct sc_map *m, const char *key)
{
    if (key)
        return sc_hist_find_entry(m, key);
    const struct sc_map_entry *w = sc_hist_find_entry(m, "write");
    if (w)
        return w;
    const struct sc_map_entry *best = NULL;
    for (size_t i = 0; i < m->nentries; i++)
        if (!best || sc_hist_total(&m->entries[i]) > sc_hist_total(best))
            best = &m->entries[i];
    return best;
}

int hist_view_load(const char *path, const char *map, const char *key,
                   struct hist_view *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof(*out));
    snprintf(out->source, sizeof(out->source), "%s", path);
    hist_view_split_name(path, out->test, sizeof(out->test), out->script, sizeof(out->script));
    if (sc_hist_read_file(path, &out->set, err, errlen))
        return -1;
    const struct sc_map *m = NULL;
    if (map) {
        m = sc_hist_find(&out->set, map);
    } else {
        for (size_t i = 0; i < out->set.nmaps && !m; i++)
            if (out->set.maps[i].kind == SC_MAP_HIST)
                m = &out->set.maps[i];
    }
    if (!m || m->kind != SC_MAP_HIST) {
        snprintf(err, errlen, "%s: no histogram%s%s in the file", path, map ? " " : "", map ? map : "");
        hist_view_free(out);
        return -1;
    }
    out->entry = pick_entry(m, key);
    if (!out->entry) {
        snprintf(err, errlen, "%s: %s has no key '%s'", path, m->name, key ? key : "");
        hist_view_free(out);
        return -1;
    }
    snprintf(out->map, sizeof(out->map), "%s", m->name);
    snprintf(out->key, sizeof(out->key), "%s", out->entry->key ? out->entry->key : "");

    /* writesize.bt counts bytes; every other script counts nanoseconds. */
    out->bytes = strstr(m->name, "bytes") != NULL;
    if (out->key[0]) {
        snprintf(out->call, sizeof(out->call), "%s", out->key);
    } else {
        /* "@write_bytes" -> "write" */
        const char *name = m->name[0] == '@' ? m->name + 1 : m->name;
        size_t n = strcspn(name, "_");
        snprintf(out->call, sizeof(out->call), "%.*s", (int)n, name);
    }
    out->total = sc_hist_total(out->entry);
    out->lo = out->hi = 0;
    for (size_t i = 0; i < out->entry->nbuckets; i++) {
        const struct sc_bucket *b = &out->entry->buckets[i];
        if (!b->has_min || b->min < 1) {
            out->below_one += b->count;
            continue;
        }
        /* log2 buckets are [2^k, 2^(k+1) - 1]; an lhist bucket is not.
         * Unsigned: 2 * lo passes INT64_MAX for the bucket [2^62, 2^63). */
        int64_t lo = b->min;
        bool pow2 = (lo & (lo - 1)) == 0;
        if (!pow2 || (b->has_max && (uint64_t)b->max != 2 * (uint64_t)lo - 1)) {
            snprintf(err, errlen, "%s: %s[%s] is not a log2 histogram (bucket %lld..%lld)", path,
                     out->map, out->key, (long long)b->min, (long long)(b->has_max ? b->max : -1));
            hist_view_free(out);
            return -1;
        }
        if (!b->count)
            continue;
        /* A chart's range [lo, hi) doubles from lo: keep hi = 2 * lo
         * within int64 with room for the loop that walks it. */
        if (lo > INT64_MAX / 4) {
            snprintf(err, errlen, "%s: %s[%s] has calls at %lld or more, beyond the 2^61 a "
                     "chart can draw", path, out->map, out->key, (long long)lo);
            hist_view_free(out);
            return -1;
        }
        if (!out->hi || lo < out->lo)
            out->lo = lo;
        if (2 * lo > out->hi)
            out->hi = 2 * lo;
    }
    if (sc_hist_quantile(out->entry, 0.5, &out->median))
        out->median = -1;
    if (sc_hist_quantile(out->entry, 0.99, &out->p99))
        out->p99 = -1;
    return 0;
}

uint64_t hist_view_count(const struct hist_view *v, int64_t lo)
{
    for (size_t i = 0; i < v->entry->nbuckets; i++) {
        const struct sc_bucket *b = &v->entry->buckets[i];
        if (b->has_min && b->min == lo)
            return b->count;
    }
    return 0;
}

void hist_view_free(struct hist_view *v)
{
    sc_hist_free(&v->set);
    v->entry = NULL;
}

void hist_view_format(const struct hist_view *v, double value, char *buf, size_t len)
{
    if (!v->bytes) {
        sc_format_time_us(value / 1e3, buf, len);
        return;
    }
    /* Sizes are not spread inside a log2 bucket the way latencies are
     * (a 1024-byte write is exactly 1024), so name the bucket, not an
     * interpolated size. */
    int64_t lo = 1;
    while (lo <= INT64_MAX / 2 && (double)(lo * 2) <= value)
        lo *= 2;
    struct sc_bucket b = {.has_min = 1, .has_max = 1, .min = lo, .max = 2 * lo - 1};
    char label[64];
    sc_hist_bucket_label(&b, label, sizeof(label));
    snprintf(buf, len, "%s bytes", label);
}
