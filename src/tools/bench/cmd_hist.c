/* bench hist: a bpftrace or libbpf json histogram as a table, with the
 * estimated median and p99 that a bar chart does not show. */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/hist.h>
#include <syscost/units.h>

#include "commands.h"
#include "export/export.h"


/* Histograms of nanoseconds read best as times; anything else stays a number. */
static void format_value(const struct sc_map *m, double v, char *buf, size_t len)
{
    size_t n = strlen(m->name);
    if (n > 3 && !strcmp(m->name + n - 3, "_ns"))
        sc_format_time_us(v / 1e3, buf, len);
    else
        snprintf(buf, len, "%.4g", v);
}

/* The bucket column's title, with the unit the map name ends with:
 * "@syscall_lat_ns" -> "BUCKET (ns)". */
static const char *bucket_title(const struct sc_map *m)
{
    static const struct {
        const char *suffix, *title;
    } units[] = {{"_ns", "BUCKET (ns)"}, {"_us", "BUCKET (us)"}, {"_ms", "BUCKET (ms)"},
                 {"_bytes", "BUCKET (bytes)"}};
    size_t n = strlen(m->name);
    for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
        size_t u = strlen(units[i].suffix);
        if (n > u && !strcmp(m->name + n - u, units[i].suffix))
            return units[i].title;
    }
    return "BUCKET";
}

static const struct ex_column hist_columns[] = {
    {NULL, "bucket", false, false, 0}, /* titled with the map's unit: hist_table */
    {NULL, "bucket_min", false, false, 0},
    {NULL, "bucket_max", false, false, 0},
    {"COUNT", "count", true, false, 0},
    {"PERCENT", "percent", true, false, 0},
    {"CUM %", "cum_percent", true, false, 0},
};

#define N_HIST_COLUMNS (sizeof(hist_columns) / sizeof(hist_columns[0]))

static const struct ex_column count_columns[] = {
    {"KEY", "key", false, false, 0},
    {"COUNT", "count", true, false, 0},
    {"PERCENT", "percent", true, false, 0},
};

static struct ex_cell percent(uint64_t part, uint64_t total, char *buf, size_t len)
{
    double pct = total ? 100.0 * (double)part / (double)total : 0.0;
    snprintf(buf, len, "%.2f%%", pct);
    return ex_shown(ex_real(pct), buf);
}

static struct ex_cell bound(int has, int64_t v)
{
    return has ? ex_real((double)v) : ex_none();
}

/* One histogram: "@map[key]" above it (names and keys come from the file),
 * its buckets, and the estimated median and p99 below. */
static void hist_table(struct ex_doc *doc, const struct sc_map *m, const struct sc_map_entry *e,
                       struct ex_column *cols)
{
    memcpy(cols, hist_columns, sizeof(hist_columns));
    cols[0].title = bucket_title(m);
    if (e->key)
        ex_line(doc, EX_HUMAN, "%s[%s]", m->name, e->key);
    else
        ex_line(doc, EX_HUMAN, "%s", m->name);
    struct ex_table *t = ex_doc_table(doc, "maps", cols, N_HIST_COLUMNS, EX_EVERYWHERE);
    if (!t)
        return;
    uint64_t total = sc_hist_total(e), cum = 0;
    ex_table_field(t, "map", ex_text(m->name), EX_EVERYWHERE);
    ex_table_field(t, "key", ex_text(e->key), EX_EVERYWHERE);
    for (size_t i = 0; i < e->nbuckets; i++) {
        const struct sc_bucket *b = &e->buckets[i];
        char label[80], pct[24], cpct[24];
        cum += b->count;
        sc_hist_bucket_label(b, label, sizeof(label));
        EX_ROW(t, EX_EVERYWHERE, ex_text(label), bound(b->has_min, b->min),
               bound(b->has_max, b->max), ex_count(b->count),
               percent(b->count, total, pct, sizeof(pct)), percent(cum, total, cpct, sizeof(cpct)));
    }
    ex_table_field(t, "total", ex_count(total), EX_IN_JSON);
    double median, p99;
    if (sc_hist_quantile(e, 0.5, &median) == 0 && sc_hist_quantile(e, 0.99, &p99) == 0) {
        char a[32], b[32];
        format_value(m, median, a, sizeof(a));
        format_value(m, p99, b, sizeof(b));
        ex_table_field(t, "median", ex_real(median), EX_IN_JSON);
        ex_table_field(t, "p99", ex_real(p99), EX_IN_JSON);
        ex_line(doc, EX_HUMAN, "total %" PRIu64 "   median ~ %s   p99 ~ %s   (estimated from buckets)",
                total, a, b);
    } else {
        ex_line(doc, EX_HUMAN, "total 0   (an empty histogram: no median or p99)");
    }
    ex_blank(doc);
}

/* A count map (syscount.bt): key, count and share. */
static void count_table(struct ex_doc *doc, const struct sc_map *m)
{
    /* The reader refuses count maps whose sum passes 2^64 - 1. */
    uint64_t total = 0;
    for (size_t k = 0; k < m->nentries; k++)
        total += m->entries[k].value;
    ex_line(doc, EX_HUMAN, "%s", m->name);
    struct ex_table *t = ex_doc_table(doc, "maps", count_columns,
                                      sizeof(count_columns) / sizeof(count_columns[0]),
                                      EX_EVERYWHERE);
    if (!t)
        return;
    ex_table_field(t, "map", ex_text(m->name), EX_EVERYWHERE);
    ex_table_field(t, "total", ex_count(total), EX_IN_JSON);
    for (size_t k = 0; k < m->nentries; k++) {
        const struct sc_map_entry *e = &m->entries[k];
        char pct[24];
        EX_ROW(t, EX_EVERYWHERE, ex_shown(ex_text(e->key), e->key ? NULL : "(no key)"),
               ex_count(e->value), percent(e->value, total, pct, sizeof(pct)));
    }
    ex_blank(doc);
}

static struct {
    const char *map_name;
    int format;
} args;

static const struct sc_opt options[] = {
    SC_OPT_STRING("map", 0, &args.map_name, "NAME", "only this map (default: every map)"),
    BENCH_OPT_FORMAT(&args.format),
    SC_OPT_END(),
};

static int run(char **pos, int n_pos)
{
    (void)n_pos;
    const char *path = pos[0], *map_name = args.map_name;
    struct sc_hist_set set;
    char err[512];
    if (sc_hist_read_file(path, &set, err, sizeof(err)) != 0) {
        fprintf(stderr, "error: %s\n", err);
        return 2;
    }
    size_t shown = 0, n_entries = 0;
    for (size_t i = 0; i < set.nmaps; i++)
        if (set.maps[i].kind != SC_MAP_COUNT)
            n_entries += set.maps[i].nentries;
    /* Each histogram's table names its unit in its own header. */
    struct ex_column *cols = calloc(n_entries ? n_entries : 1, sizeof(hist_columns));
    if (!cols) {
        sc_hist_free(&set);
        fprintf(stderr, "error: bench hist: out of memory\n");
        return 2;
    }
    struct ex_doc doc;
    ex_doc_init(&doc);
    for (size_t i = 0, h = 0; i < set.nmaps; i++) {
        const struct sc_map *m = &set.maps[i];
        if (map_name && strcmp(m->name, map_name) != 0)
            continue;
        shown++;
        if (m->kind == SC_MAP_COUNT) {
            count_table(&doc, m);
            continue;
        }
        for (size_t k = 0; k < m->nentries; k++, h++)
            hist_table(&doc, m, &m->entries[k], &cols[h * N_HIST_COLUMNS]);
    }
    int status = shown ? bench_write(&doc, args.format, "hist") : (ex_doc_free(&doc), 0);
    free(cols);
    sc_hist_free(&set);
    if (shown == 0) {
        if (map_name)
            fprintf(stderr, "error: %s: no map named %s\n", path, map_name);
        else
            fprintf(stderr, "error: %s: no histogram or count map in this file "
                            "(expected bpftrace -f json output)\n", path);
        return 2;
    }
    return status;
}

const struct bench_command hist_command = {
    .cli = {
        .name = "bench hist",
        .summary = "a histogram as a table, with median and p99",
        .about = "Prints each histogram of a bpftrace -f json file (or the libbpf tracer's,\n"
                 "which has the same shape) as a table: bucket, count, percent, cumulative\n"
                 "percent, then the estimated median and p99 (linear inside a bucket).\n"
                 "Count maps (syscount.bt) print key, count and percent.\n",
        .args = SC_ARGS({"FILE", 1, 1, "bpftrace -f json output"}),
        .examples = "bench hist artifacts/demo-09/BpftraceProfiler.ManySmallWrites.syslat.json\n"
                    "bench hist X.libbpf-syslat.json --map @syscall_lat_ns --format markdown\n",
    },
    .options = options, BENCH_ARGS(args), .run = run,
};
