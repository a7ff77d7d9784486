#include <syscost/hist.h>
#include <syscost/file_util.h>
#include <syscost/input_error.h>
#include <syscost/json.h>
#include <syscost/json_write.h>

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- building ---------------------------------------------------------- */

static void free_entry(struct sc_map_entry *e)
{
    free(e->key);
    free(e->buckets);
}

static void free_map(struct sc_map *m)
{
    for (size_t i = 0; i < m->nentries; i++)
        free_entry(&m->entries[i]);
    free(m->entries);
    free(m->name);
}

void sc_hist_free(struct sc_hist_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->nmaps; i++)
        free_map(&set->maps[i]);
    free(set->maps);
    set->maps = NULL;
    set->nmaps = 0;
}

struct sc_map *sc_hist_add_map(struct sc_hist_set *set, const char *name,
                               enum sc_map_kind kind)
{
    for (size_t i = 0; i < set->nmaps; i++)
        if (strcmp(set->maps[i].name, name) == 0)
            return &set->maps[i];
    struct sc_map *maps = realloc(set->maps, (set->nmaps + 1) * sizeof(*maps));
    if (!maps)
        return NULL;
    set->maps = maps;
    struct sc_map *m = &maps[set->nmaps];
    memset(m, 0, sizeof(*m));
    m->name = strdup(name);
    if (!m->name)
        return NULL;
    m->kind = kind;
    set->nmaps++;
    return m;
}

struct sc_map_entry *sc_hist_add_entry(struct sc_map *map, const char *key)
{
    struct sc_map_entry *es = realloc(map->entries, (map->nentries + 1) * sizeof(*es));
    if (!es)
        return NULL;
    map->entries = es;
    struct sc_map_entry *e = &es[map->nentries];
    memset(e, 0, sizeof(*e));
    if (key) {
        e->key = strdup(key);
        if (!e->key)
            return NULL;
    }
    map->nentries++;
    return e;
}

int sc_hist_add_bucket(struct sc_map_entry *e, const struct sc_bucket *b)
{
    struct sc_bucket *bs = realloc(e->buckets, (e->nbuckets + 1) * sizeof(*bs));
    if (!bs)
        return -1;
    e->buckets = bs;
    bs[e->nbuckets++] = *b;
    return 0;
}

int sc_hist_set_log2(struct sc_map_entry *e, const uint64_t *slots)
{
    int first = -1, last = -1;
    uint64_t total = 0;
    for (int k = 0; k < SC_LOG2_SLOTS; k++)
        if (slots[k]) {
            if (__builtin_add_overflow(total, slots[k], &total))
                return -1;
            if (first < 0)
                first = k;
            last = k;
        }
    if (first < 0)
        return 0;
    for (int k = first; k <= last; k++) {
        struct sc_bucket b = {.count = slots[k]};
        if (k == 0) {
            b.has_max = 1;
            b.max = -1;
        } else if (k == 1) {
            b.has_min = b.has_max = 1;
        } else if (k < 64 || (k == 64 && last < 65)) {
            b.has_min = b.has_max = 1;
            b.min = (int64_t)(UINT64_C(1) << (k - 2));
            b.max = (int64_t)((UINT64_C(1) << (k - 1)) - 1);
        } else {
            /* [2^63, 2^64) has no signed bound: with [2^62, 2^63) it
             * becomes the open bucket [2^62, ...) (the sum cannot wrap:
             * the total above did not). */
            b.has_min = 1;
            b.min = INT64_C(1) << 62;
            b.count = slots[64] + slots[65];
            k = last;
        }
        if (sc_hist_add_bucket(e, &b) != 0)
            return -1;
    }
    return 0;
}

/* ---- queries ----------------------------------------------------------- */

const struct sc_map *sc_hist_find(const struct sc_hist_set *set, const char *name)
{
    for (size_t i = 0; i < set->nmaps; i++)
        if (strcmp(set->maps[i].name, name) == 0)
            return &set->maps[i];
    return NULL;
}

const struct sc_map_entry *sc_hist_find_entry(const struct sc_map *map, const char *key)
{
    for (size_t i = 0; i < map->nentries; i++) {
        const char *k = map->entries[i].key;
        if ((!k && !key) || (k && key && strcmp(k, key) == 0))
            return &map->entries[i];
    }
    return NULL;
}

int sc_hist_sum(const struct sc_map_entry *e, uint64_t *out)
{
    uint64_t n = 0;
    for (size_t i = 0; i < e->nbuckets; i++)
        if (__builtin_add_overflow(n, e->buckets[i].count, &n))
            return -1;
    *out = n;
    return 0;
}

uint64_t sc_hist_total(const struct sc_map_entry *e)
{
    uint64_t n;
    return sc_hist_sum(e, &n) == 0 ? n : UINT64_MAX;
}

int sc_hist_quantile(const struct sc_map_entry *e, double q, double *out)
{
    uint64_t total = sc_hist_total(e);
    if (total == 0)
        return -1;
    /* The running count stays exact (a u64, which the total bounds): summed
     * as doubles, counts near 2^64 round, and the last bucket could end
     * below q * total. */
    double rank = q * (double)total;
    uint64_t cum_n = 0;
    for (size_t i = 0; i < e->nbuckets; i++) {
        const struct sc_bucket *b = &e->buckets[i];
        if (b->count == 0)
            continue;
        double cum = (double)cum_n;
        cum_n += b->count;
        if ((double)cum_n >= rank || cum_n == total) {
            if (!b->has_min) {
                *out = (double)b->max;
            } else if (!b->has_max || b->min == b->max) {
                *out = (double)b->min;
            } else {
                /* [min, max] holds integers, so the bucket spans max+1-min. */
                double lo = (double)b->min, hi = (double)b->max + 1.0;
                double frac = (rank - cum) / (double)b->count;
                if (frac < 0)
                    frac = 0;
                if (frac > 1)
                    frac = 1;
                *out = lo + (hi - lo) * frac;
            }
            return 0;
        }
    }
    return -1;
}

/* ---- reading ----------------------------------------------------------- */

struct reader {
    const char *name;
    int line;
    char *err;
    size_t errlen;
};

static int fail(struct reader *r, int col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(struct reader *r, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sc_input_verror(r->err, r->errlen, r->name, (size_t)r->line, col > 0 ? (size_t)col : 0,
                    fmt, ap);
    va_end(ap);
    return -1;
}

/* A count: a whole number in [0, 2^64 - 1], bpftrace's u64 counters. */
/* fail, naming the map entry the problem is in: "..., in @map[key]". */
static int fail_in(struct reader *r, int col, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail_in(struct reader *r, int col, const char *where, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return fail(r, col, "%s, in %s", msg, where);
}

/* A count: a whole number in [0, 2^64 - 1], bpftrace's u64 counters.
 * `what` names the value ("\"count\"", or the entry of a count map). */
static int read_count(struct reader *r, const struct sc_json *v, const char *what,
                      const char *where, uint64_t *out)
{
    if (v->type == SC_JSON_NUMBER && v->is_unsigned) {
        *out = v->uinteger;
        return 0;
    }
    if (v->type != SC_JSON_NUMBER)
        return fail_in(r, v->col, where, "%s must be a count (a whole number >= 0), found %s",
                       what, sc_json_type_name(v->type));
    if (!v->integral)
        return fail_in(r, v->col, where, "%s must be a count (a whole number >= 0), found a "
                       "fraction (%.6g)", what, v->number);
    if (v->number < 0)
        return fail_in(r, v->col, where, "%s is negative (%.20g): a count is never below 0",
                       what, v->number);
    return fail_in(r, v->col, where, "%s is larger than 2^64 - 1 (%.4g), the largest count "
                   "bpftrace keeps", what, v->number);
}

/* A bucket bound: a whole number that fits a signed 64-bit integer. */
static int read_bound(struct reader *r, const struct sc_json *v, const char *what,
                      const char *where, int64_t *out)
{
    if (v->type != SC_JSON_NUMBER || !v->integral)
        return fail_in(r, v->col, where, "%s must be an integer, found %s", what,
                       v->type == SC_JSON_NUMBER ? "a fraction" : sc_json_type_name(v->type));
    if (!v->is_integer)
        return fail_in(r, v->col, where, "%s %.4g does not fit a signed 64-bit integer", what,
                       v->number);
    *out = v->integer;
    return 0;
}

/* bpftrace 0.17's label for hist()'s last bucket, values from 2^31 on:
 * its label code computes the bounds in 32 bits. */
static int is_bpftrace_017_top_bucket(const struct sc_bucket *b, const struct sc_bucket *prev)
{
    return b->has_min && b->has_max && b->min == INT32_MIN && b->max == 0 &&
           (!prev || (prev->has_max && prev->max == INT32_MAX));
}

/* "@map[key]" or "@map", for messages. */
static void entry_name(const char *map, const char *key, char *buf, size_t len)
{
    if (key)
        snprintf(buf, len, "%.60s[%.60s]", map, key);
    else
        snprintf(buf, len, "%.60s", map);
}

/* One bucket, read and checked against the one before it. */
static int read_bucket(struct reader *r, const struct sc_json *jb, const char *where,
                       const struct sc_bucket *prev, int last, struct sc_bucket *b)
{
    if (jb->type != SC_JSON_OBJECT)
        return fail_in(r, jb->col, where, "a bucket must be an object, found %s",
                       sc_json_type_name(jb->type));
    memset(b, 0, sizeof(*b));
    const struct sc_json *jmin = sc_json_get(jb, "min");
    const struct sc_json *jmax = sc_json_get(jb, "max");
    const struct sc_json *jcount = sc_json_get(jb, "count");
    if (!jcount)
        return fail_in(r, jb->col, where, "bucket has no \"count\"");
    if (read_count(r, jcount, "\"count\"", where, &b->count) != 0)
        return -1;
    if (jmin) {
        if (read_bound(r, jmin, "\"min\"", where, &b->min) != 0)
            return -1;
        b->has_min = 1;
    }
    if (jmax) {
        if (read_bound(r, jmax, "\"max\"", where, &b->max) != 0)
            return -1;
        b->has_max = 1;
    }
    if (!jmin && !jmax)
        return fail_in(r, jb->col, where, "bucket has neither \"min\" nor \"max\"");
    if (last && is_bpftrace_017_top_bucket(b, prev)) {
        b->min = (int64_t)INT32_MAX + 1;
        b->has_max = 0;
        b->max = 0;
        return 0;
    }
    if (jmin && jmax && b->max < b->min)
        return fail_in(r, jb->col, where, "bucket \"max\" %" PRId64 " is below \"min\" %" PRId64,
                       b->max, b->min);
    if (jmin && b->min < 0)
        return fail_in(r, jmin->col, where, "bucket \"min\" %" PRId64 " is negative: bpftrace's "
                       "buckets start at 0 (values below go to the bucket {\"max\": -1})",
                       b->min);
    if (!jmin && b->max < -1)
        return fail_in(r, jmax->col, where, "the open bucket's \"max\" %" PRId64 " is below -1: "
                       "bpftrace's buckets start at 0", b->max);
    if (!jmin && prev)
        return fail_in(r, jb->col, where, "a bucket without \"min\" (values up to %" PRId64 ") "
                       "can only come first", b->max);
    if (prev && !prev->has_max)
        return fail_in(r, jb->col, where, "a bucket follows the open bucket [%" PRId64 ", ...), "
                       "which can only come last", prev->min);
    if (prev && b->min <= prev->max)
        return fail_in(r, jb->col, where, "buckets out of order: \"min\" %" PRId64 " is not above "
                       "the previous bucket's \"max\" %" PRId64 " (bpftrace lists buckets "
                       "smallest first)", b->min, prev->max);
    return 0;
}

static int read_buckets(struct reader *r, const struct sc_json *arr, const char *map,
                        struct sc_map_entry *e)
{
    char where[128];
    entry_name(map, e->key, where, sizeof(where));
    if (arr->type != SC_JSON_ARRAY)
        return fail_in(r, arr->col, where, "a histogram must be an array of buckets, found %s",
                       sc_json_type_name(arr->type));
    uint64_t total = 0;
    for (size_t i = 0; i < arr->count; i++) {
        const struct sc_json *jb = arr->items[i];
        struct sc_bucket b;
        const struct sc_bucket *prev = e->nbuckets ? &e->buckets[e->nbuckets - 1] : NULL;
        if (read_bucket(r, jb, where, prev, i + 1 == arr->count, &b) != 0)
            return -1;
        if (__builtin_add_overflow(total, b.count, &total))
            return fail_in(r, jb->col, where, "the counts add up to more than 2^64 - 1, "
                           "more than bpftrace can count");
        if (sc_hist_add_bucket(e, &b) != 0)
            return fail(r, jb->col, "out of memory");
    }
    return 0;
}

/* A later print of the same map replaces the earlier one: bpftrace prints
 * a map again on print() or interval probes, and the last print is newest. */
static struct sc_map *fresh_map(struct reader *r, struct sc_hist_set *set,
                                const char *name, enum sc_map_kind kind, int col)
{
    for (size_t i = 0; i < set->nmaps; i++)
        if (strcmp(set->maps[i].name, name) == 0) {
            free_map(&set->maps[i]);
            memmove(&set->maps[i], &set->maps[i + 1],
                    (set->nmaps - i - 1) * sizeof(set->maps[0]));
            set->nmaps--;
            break;
        }
    struct sc_map *m = sc_hist_add_map(set, name, kind);
    if (!m)
        fail(r, col, "out of memory");
    return m;
}

static int read_hist_line(struct reader *r, const struct sc_json *data,
                          struct sc_hist_set *set)
{
    for (size_t i = 0; i < data->count; i++) {
        const struct sc_json *v = data->items[i];
        struct sc_map *m = fresh_map(r, set, data->keys[i], SC_MAP_HIST, v->col);
        if (!m)
            return -1;
        if (v->type == SC_JSON_ARRAY) {
            struct sc_map_entry *e = sc_hist_add_entry(m, NULL);
            if (!e)
                return fail(r, v->col, "out of memory");
            if (read_buckets(r, v, m->name, e) != 0)
                return -1;
        } else if (v->type == SC_JSON_OBJECT) {
            for (size_t k = 0; k < v->count; k++) {
                struct sc_map_entry *e = sc_hist_add_entry(m, v->keys[k]);
                if (!e)
                    return fail(r, v->col, "out of memory");
                if (read_buckets(r, v->items[k], m->name, e) != 0)
                    return -1;
            }
        } else {
            return fail(r, v->col, "histogram %s must be an array or an object, found %s",
                        data->keys[i], sc_json_type_name(v->type));
        }
    }
    return 0;
}

/* One value of a count map; its sum with the others must not wrap. */
static int add_count(struct reader *r, struct sc_map *m, const char *key,
                     const struct sc_json *v, uint64_t *total)
{
    char where[128];
    entry_name(m->name, key, where, sizeof(where));
    uint64_t count = 0;
    if (read_count(r, v, "the value", where, &count) != 0)
        return -1;
    if (__builtin_add_overflow(*total, count, total))
        return fail_in(r, v->col, m->name, "the counts add up to more than 2^64 - 1, more "
                       "than bpftrace can count");
    struct sc_map_entry *e = sc_hist_add_entry(m, key);
    if (!e)
        return fail(r, v->col, "out of memory");
    e->value = count;
    return 0;
}

/* Count maps (count()) hold counts: a number is read as one, and refused
 * when it cannot be one (negative, a fraction, past 2^64 - 1) rather than
 * dropped. Values that are not numbers (strings, tuples, stats objects)
 * belong to scripts this reader does not summarize. */
static int read_map_line(struct reader *r, const struct sc_json *data,
                         struct sc_hist_set *set)
{
    for (size_t i = 0; i < data->count; i++) {
        const struct sc_json *v = data->items[i];
        uint64_t total = 0;
        if (v->type == SC_JSON_NUMBER) {
            struct sc_map *m = fresh_map(r, set, data->keys[i], SC_MAP_COUNT, v->col);
            if (!m || add_count(r, m, NULL, v, &total) != 0)
                return -1;
        } else if (v->type == SC_JSON_OBJECT) {
            struct sc_map *m = fresh_map(r, set, data->keys[i], SC_MAP_COUNT, v->col);
            if (!m)
                return -1;
            for (size_t k = 0; k < v->count; k++)
                if (v->items[k]->type == SC_JSON_NUMBER &&
                    add_count(r, m, v->keys[k], v->items[k], &total) != 0)
                    return -1;
        }
    }
    return 0;
}

static int read_line(struct reader *r, const char *text, size_t len,
                     struct sc_hist_set *set)
{
    struct sc_json_error jerr;
    struct sc_json *root = sc_json_parse(text, len, &jerr);
    if (!root)
        return fail(r, jerr.col, "%s", jerr.msg);
    int rc = 0;
    const struct sc_json *type = sc_json_get(root, "type");
    const struct sc_json *data = sc_json_get(root, "data");
    if (root->type != SC_JSON_OBJECT) {
        rc = fail(r, root->col, "expected one JSON object per line, found %s",
                  sc_json_type_name(root->type));
    } else if (!type || type->type != SC_JSON_STRING) {
        rc = fail(r, root->col, "object has no \"type\" string (not bpftrace -f json output?)");
    } else if (strcmp(type->string, "hist") == 0 || strcmp(type->string, "map") == 0) {
        if (!data || data->type != SC_JSON_OBJECT)
            rc = fail(r, data ? data->col : root->col,
                      "\"%s\" line needs a \"data\" object", type->string);
        else if (type->string[0] == 'h')
            rc = read_hist_line(r, data, set);
        else
            rc = read_map_line(r, data, set);
    }
    sc_json_free(root);
    return rc;
}

int sc_hist_read_buf(const char *buf, size_t len, const char *name,
                     struct sc_hist_set *out, char *err, size_t errlen)
{
    struct reader r = {.name = name, .line = 0, .err = err, .errlen = errlen};
    memset(out, 0, sizeof(*out));
    const char *p = buf, *end = buf + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        r.line++;
        const char *q = p;
        while (q < eol && (*q == ' ' || *q == '\t' || *q == '\r'))
            q++;
        /* bpftrace leaves empty lines where a printf or a cleared map was. */
        if (q < eol && read_line(&r, p, (size_t)(eol - p), out) != 0) {
            sc_hist_free(out);
            return -1;
        }
        p = nl ? nl + 1 : end;
    }
    return 0;
}

int sc_hist_read_file(const char *path, struct sc_hist_set *out, char *err,
                      size_t errlen)
{
    memset(out, 0, sizeof(*out));
    char *buf = NULL;
    size_t len = 0;
    if (sc_read_input(path, &buf, &len, err, errlen) != 0)
        return -1;
    int rc = sc_hist_read_buf(buf, len, path, out, err, errlen);
    free(buf);
    return rc;
}

/* ---- writing ----------------------------------------------------------- */

static void write_buckets(FILE *out, const struct sc_map_entry *e)
{
    fputc('[', out);
    for (size_t i = 0; i < e->nbuckets; i++) {
        const struct sc_bucket *b = &e->buckets[i];
        fputs(i ? ", {" : "{", out);
        if (b->has_min)
            fprintf(out, "\"min\": %" PRId64 ", ", b->min);
        if (b->has_max)
            fprintf(out, "\"max\": %" PRId64 ", ", b->max);
        fprintf(out, "\"count\": %" PRIu64 "}", b->count);
    }
    fputc(']', out);
}

void sc_hist_write_json(FILE *out, const struct sc_hist_set *set)
{
    for (size_t i = 0; i < set->nmaps; i++) {
        const struct sc_map *m = &set->maps[i];
        int hist = m->kind == SC_MAP_HIST;
        fprintf(out, "{\"type\": \"%s\", \"data\": {", hist ? "hist" : "map");
        sc_json_put_string(out, m->name);
        fputs(": ", out);
        if (m->nentries == 1 && !m->entries[0].key) {
            if (hist)
                write_buckets(out, &m->entries[0]);
            else
                fprintf(out, "%" PRIu64, m->entries[0].value);
        } else {
            fputc('{', out);
            for (size_t k = 0; k < m->nentries; k++) {
                const struct sc_map_entry *e = &m->entries[k];
                if (k)
                    fputs(", ", out);
                sc_json_put_string(out, e->key ? e->key : "");
                fputs(": ", out);
                if (hist)
                    write_buckets(out, e);
                else
                    fprintf(out, "%" PRIu64, e->value);
            }
            fputc('}', out);
        }
        fputs("}}\n", out);
    }
}

/* ---- text -------------------------------------------------------------- */

/* bpftrace's number label: exact multiples of 1024^n get a K/M/G/T suffix. */
static void size_label(int64_t n, char *buf, size_t len)
{
    static const char suffix[] = "KMGTPE";
    int s = -1;
    while (n != 0 && n % 1024 == 0 && s < 5) {
        n /= 1024;
        s++;
    }
    if (s >= 0)
        snprintf(buf, len, "%" PRId64 "%c", n, suffix[s]);
    else
        snprintf(buf, len, "%" PRId64, n);
}

/* The exclusive upper bound max + 1; for max = INT64_MAX that is 2^63, which
 * no int64 holds (found by fuzzing: the sum overflowed). */
static void upper_label(int64_t max, char *buf, size_t len)
{
    if (max == INT64_MAX)
        snprintf(buf, len, "8E");
    else
        size_label(max + 1, buf, len);
}

void sc_hist_bucket_label(const struct sc_bucket *b, char *buf, size_t len)
{
    char lo[32], hi[32];
    if (!b->has_min) {
        upper_label(b->max, hi, sizeof(hi));
        snprintf(buf, len, "(..., %s)", hi);
    } else if (!b->has_max) {
        size_label(b->min, lo, sizeof(lo));
        snprintf(buf, len, "[%s, ...)", lo);
    } else if (b->min == b->max) {
        size_label(b->min, lo, sizeof(lo));
        snprintf(buf, len, "[%s]", lo);
    } else {
        size_label(b->min, lo, sizeof(lo));
        upper_label(b->max, hi, sizeof(hi));
        snprintf(buf, len, "[%s, %s)", lo, hi);
    }
}

static void write_heading(FILE *out, const struct sc_map *m, const struct sc_map_entry *e)
{
    if (e->key)
        fprintf(out, "%s[%s]: ", m->name, e->key);
    else
        fprintf(out, "%s: ", m->name);
}

static void write_hist_rows(FILE *out, const struct sc_map_entry *e)
{
    enum { BAR_WIDTH = 52 };
    uint64_t max = 0;
    for (size_t i = 0; i < e->nbuckets; i++)
        if (e->buckets[i].count > max)
            max = e->buckets[i].count;
    for (size_t i = 0; i < e->nbuckets; i++) {
        char label[80], bar[BAR_WIDTH + 1];
        sc_hist_bucket_label(&e->buckets[i], label, sizeof(label));
        /* float, as bpftrace computes it, so bars match its output. */
        int w = max ? (int)((float)e->buckets[i].count / (float)max * BAR_WIDTH) : 0;
        memset(bar, '@', (size_t)w);
        memset(bar + w, ' ', (size_t)(BAR_WIDTH - w));
        bar[BAR_WIDTH] = '\0';
        fprintf(out, "%-16s%8" PRIu64 " |%s|\n", label, e->buckets[i].count, bar);
    }
}

struct order {
    const struct sc_map_entry *e;
    size_t index;
    uint64_t weight;
};

static int by_weight(const void *a, const void *b)
{
    const struct order *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight < y->weight ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* bpftrace lists a map's keys smallest first, so the largest is nearest
 * the prompt when the output ends. */
void sc_hist_write_text(FILE *out, const struct sc_hist_set *set)
{
    for (size_t i = 0; i < set->nmaps; i++) {
        const struct sc_map *m = &set->maps[i];
        struct order *ord = calloc(m->nentries ? m->nentries : 1, sizeof(*ord));
        if (!ord)
            return;
        for (size_t k = 0; k < m->nentries; k++) {
            const struct sc_map_entry *e = &m->entries[k];
            ord[k] = (struct order){e, k,
                                    m->kind == SC_MAP_HIST ? sc_hist_total(e) : e->value};
        }
        qsort(ord, m->nentries, sizeof(*ord), by_weight);
        for (size_t k = 0; k < m->nentries; k++) {
            write_heading(out, m, ord[k].e);
            if (m->kind == SC_MAP_HIST) {
                fputc('\n', out);
                write_hist_rows(out, ord[k].e);
                fputc('\n', out);
            } else {
                fprintf(out, "%" PRIu64 "\n", ord[k].e->value);
            }
        }
        free(ord);
    }
}
