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
#include "md_escape.h"
#include "table.h"

const struct sc_cli hist_cli = {
    .name = "bench hist",
    .summary = "a histogram as a table, with median and p99",
    .about = "Prints each histogram of a bpftrace -f json file (or the libbpf tracer's,\n"
             "which has the same shape) as a table: bucket, count, percent, cumulative\n"
             "percent, then the estimated median and p99 (linear inside a bucket).\n"
             "Count maps (syscount.bt) print key, count and percent.\n",
    .args = (const struct sc_arg[]){{"FILE", 1, 1, "bpftrace -f json output"},
                                    {NULL, 0, 0, NULL}},
    .examples = "bench hist artifacts/demo-09/BpftraceProfiler.ManySmallWrites.syslat.json\n"
                "bench hist X.libbpf-syslat.json --map @syscall_lat_ns --format markdown\n",
};

static const struct sc_opt_choice formats[] = {
    {"table", TABLE_TEXT, false}, {"markdown", TABLE_MARKDOWN, false},
    {"text", TABLE_TEXT, true},   {"md", TABLE_MARKDOWN, true},
    {NULL, 0, false},
};

/* Histograms of nanoseconds read best as times; anything else stays a number. */
static void format_value(const struct sc_map *m, double v, char *buf, size_t len)
{
    size_t n = strlen(m->name);
    if (n > 3 && !strcmp(m->name + n - 3, "_ns"))
        sc_format_time_us(v / 1e3, buf, len);
    else
        snprintf(buf, len, "%.4g", v);
}

/* The unit the map name ends with: "@syscall_lat_ns" -> "ns". */
static const char *unit_of(const struct sc_map *m)
{
    static const char *const units[] = {"_ns", "_us", "_ms", "_bytes", NULL};
    size_t n = strlen(m->name);
    for (size_t i = 0; units[i]; i++) {
        size_t u = strlen(units[i]);
        if (n > u && !strcmp(m->name + n - u, units[i]))
            return units[i] + 1;
    }
    return NULL;
}

/* "@map[key]" above its table; map names and keys come from the file. */
static void print_heading(const struct sc_map *m, const char *key, enum table_format fmt)
{
    char *line = NULL;
    if (key ? asprintf(&line, "%s[%s]", m->name, key) < 0 : !(line = strdup(m->name)))
        return;
    if (fmt == TABLE_MARKDOWN)
        md_put_text(stdout, line, strlen(line), MD_LINE_START | MD_ALONE);
    else
        fputs(line, stdout);
    fputc('\n', stdout);
    free(line);
}

static void print_hist(const struct sc_map *m, const struct sc_map_entry *e,
                       enum table_format fmt)
{
    static const bool right[] = {false, true, true, true};
    char bucket[32];
    const char *unit = unit_of(m);
    snprintf(bucket, sizeof(bucket), unit ? "BUCKET (%s)" : "BUCKET", unit);
    const char *const header[] = {bucket, "COUNT", "PERCENT", "CUM %"};
    uint64_t total = sc_hist_total(e);
    struct table t;
    print_heading(m, e->key, fmt);
    if (table_init(&t, 4, header, right) != 0)
        return;
    uint64_t cum = 0;
    for (size_t i = 0; i < e->nbuckets; i++) {
        const struct sc_bucket *b = &e->buckets[i];
        char label[80], count[32], pct[24], cpct[24];
        cum += b->count;
        sc_hist_bucket_label(b, label, sizeof(label));
        snprintf(count, sizeof(count), "%" PRIu64, b->count);
        snprintf(pct, sizeof(pct), "%.2f%%", total ? 100.0 * (double)b->count / (double)total : 0.0);
        snprintf(cpct, sizeof(cpct), "%.2f%%", total ? 100.0 * (double)cum / (double)total : 0.0);
        const char *row[] = {label, count, pct, cpct};
        table_add_row(&t, row);
    }
    table_print(&t, stdout, fmt, true);
    table_free(&t);
    double median, p99;
    if (sc_hist_quantile(e, 0.5, &median) == 0 && sc_hist_quantile(e, 0.99, &p99) == 0) {
        char a[32], b[32];
        format_value(m, median, a, sizeof(a));
        format_value(m, p99, b, sizeof(b));
        printf("total %" PRIu64 "   median ~ %s   p99 ~ %s   (estimated from buckets)\n\n",
               total, a, b);
    } else {
        printf("total 0   (an empty histogram: no median or p99)\n\n");
    }
}

static void print_counts(const struct sc_map *m, enum table_format fmt)
{
    static const char *const header[] = {"KEY", "COUNT", "PERCENT"};
    static const bool right[] = {false, true, true};
    /* The reader refuses count maps whose sum passes 2^64 - 1. */
    uint64_t total = 0;
    for (size_t k = 0; k < m->nentries; k++)
        total += m->entries[k].value;
    struct table t;
    print_heading(m, NULL, fmt);
    if (table_init(&t, 3, header, right) != 0)
        return;
    for (size_t k = 0; k < m->nentries; k++) {
        const struct sc_map_entry *e = &m->entries[k];
        char count[32], pct[24];
        snprintf(count, sizeof(count), "%" PRIu64, e->value);
        snprintf(pct, sizeof(pct), "%.2f%%", total ? 100.0 * (double)e->value / (double)total : 0.0);
        const char *row[] = {e->key ? e->key : "(no key)", count, pct};
        table_add_row(&t, row);
    }
    table_print(&t, stdout, fmt, true);
    table_free(&t);
    printf("\n");
}

int cmd_hist(int argc, char **argv)
{
    const char *map_name = NULL;
    int format = TABLE_TEXT;
    const struct sc_opt opts[] = {
        SC_OPT_STRING("map", 0, &map_name, "NAME", "only this map (default: every map)"),
        SC_OPT_ENUM("format", 0, &format, formats, "table (default) or markdown"),
        SC_OPT_END(),
    };
    char *pos[1];
    int n_pos, rc = bench_parse(&hist_cli, opts, argc, argv, pos, &n_pos);
    if (rc != BENCH_GO_ON)
        return rc;
    const char *path = pos[0];
    enum table_format fmt = (enum table_format)format;

    struct sc_hist_set set;
    char err[512];
    if (sc_hist_read_file(path, &set, err, sizeof(err)) != 0) {
        fprintf(stderr, "error: %s\n", err);
        return 2;
    }
    size_t shown = 0;
    for (size_t i = 0; i < set.nmaps; i++) {
        const struct sc_map *m = &set.maps[i];
        if (map_name && strcmp(m->name, map_name) != 0)
            continue;
        shown++;
        if (m->kind == SC_MAP_COUNT) {
            print_counts(m, fmt);
            continue;
        }
        for (size_t k = 0; k < m->nentries; k++)
            print_hist(m, &m->entries[k], fmt);
    }
    sc_hist_free(&set);
    if (shown == 0) {
        if (map_name)
            fprintf(stderr, "error: %s: no map named %s\n", path, map_name);
        else
            fprintf(stderr, "error: %s: no histogram or count map in this file "
                            "(expected bpftrace -f json output)\n", path);
        return 2;
    }
    return 0;
}
