#include "overhead_table.h"

#include <errno.h>
#include <stdbool.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/file_util.h>
#include <syscost/input_error.h>
#include <syscost/paired.h>
#include <syscost/stats.h>
#include <syscost/units.h>
#include <unistd.h>

static const char *const default_case = "BpftraceProfiler.ManySmallWrites";

static void tool_label(const char *tool, char *buf, size_t len)
{
    if (!tool || !*tool || !strcmp(tool, "none"))
        snprintf(buf, len, "untraced");
    else if (!strcmp(tool, OVERHEAD_FLOOR_TOOL))
        snprintf(buf, len, "floor");
    else if (!strcmp(tool, "perf-trace"))
        snprintf(buf, len, "perf trace");
    else
        snprintf(buf, len, "%s", tool);
}

static bool is_detached_row(const char *test)
{
    size_t n = strlen(test), m = strlen(SC_DETACHED_SUFFIX);
    return n > m && !strcmp(test + n - m, SC_DETACHED_SUFFIX);
}

/* The case every set holds, for runs of a single case (a traced run's
 * NAME/detached row is part of its case). */
static const char *shared_case(const struct sc_result_set *sets, size_t n_sets)
{
    const char *only = NULL;
    for (size_t s = 0; s < n_sets; s++)
        for (size_t i = 0; i < sets[s].n; i++) {
            if (is_detached_row(sets[s].rows[i].test))
                continue;
            if (!only)
                only = sets[s].rows[i].test;
            else if (strcmp(only, sets[s].rows[i].test))
                return NULL;
        }
    return only;
}

static int by_cost(const void *a, const void *b)
{
    const struct overhead_row *x = a, *y = b;
    return (x->ns_per_syscall > y->ns_per_syscall) -
           (x->ns_per_syscall < y->ns_per_syscall);
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median_of(const double *v, size_t n)
{
    double sorted[OVERHEAD_MAX_ROUNDS];
    if (n == 0)
        return NAN;
    memcpy(sorted, v, n * sizeof(*v));
    qsort(sorted, n, sizeof(*sorted), by_value);
    return sc_percentile_sorted(sorted, n, 50);
}

/* The median of the traced-minus-detached pair differences of one run
 * (--profile-pairs), ns per syscall; NAN when the set has no NAME/detached
 * row paired with `traced`. */
static double in_process_added(const struct sc_result_set *set, const struct sc_result *traced,
                               double per)
{
    char name[512];
    if (snprintf(name, sizeof(name), "%s" SC_DETACHED_SUFFIX, traced->test) >= (int)sizeof(name))
        return NAN;
    long at = sc_result_set_find(set, name);
    if (at < 0)
        return NAN;
    const struct sc_result *off = &set->rows[at];
    size_t n = traced->n_samples;
    if (n == 0 || off->n_samples != n || !sc_results_same_rounds(traced, off))
        return NAN;
    double *d = malloc(n * sizeof(*d));
    if (!d)
        return NAN;
    for (size_t k = 0; k < n; k++)
        d[k] = (traced->samples[k] - off->samples[k]) * per;
    qsort(d, n, sizeof(*d), by_value);
    double m = sc_percentile_sorted(d, n, 50);
    free(d);
    return m;
}

/* What row adds over ref: the median of the per-round differences when
 * both ran the same rounds (drift between rounds cancels), else the
 * difference of the medians. */
static double paired_difference(const struct overhead_row *row, const struct overhead_row *ref)
{
    if (row->rounds != ref->rounds || row->rounds < 2)
        return row->ns_per_syscall - ref->ns_per_syscall;
    double d[OVERHEAD_MAX_ROUNDS];
    for (size_t i = 0; i < row->rounds; i++)
        d[i] = row->round_ns[i] - ref->round_ns[i];
    return median_of(d, row->rounds);
}

/* Reads DIR/NAME's "TOOL<TAB>VALUE" lines into fn(table, tool, value);
 * no such file: nothing to add. */
static int read_tsv(struct overhead_table *t, const char *dir, const char *name,
                    int (*fn)(struct overhead_table *, const char *, const char *,
                              const char *, size_t, char *, size_t),
                    char *err, size_t errlen)
{
    char path[4200], *data = NULL;
    size_t len = 0;
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    if (access(path, F_OK) != 0)
        return 0;
    if (sc_read_input_max(path, 1 << 20, &data, &len, err, errlen) != 0)
        return -1;
    int rc = 0;
    size_t line = 0;
    for (size_t at = 0; at < len && rc == 0;) {
        const char *nl = memchr(data + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - data) : len;
        char buf[512];
        line++;
        if (end - at >= sizeof(buf)) {
            rc = sc_input_error(err, errlen, path, line, 1, "line longer than %zu bytes",
                                sizeof(buf) - 1);
            break;
        }
        memcpy(buf, data + at, end - at);
        buf[end - at] = '\0';
        at = end + 1;
        if (!buf[0])
            continue;
        char *tab = strchr(buf, '\t');
        if (!tab || tab == buf || !tab[1]) {
            rc = sc_input_error(err, errlen, path, line, 1, "expected TOOL<TAB>VALUE");
            break;
        }
        *tab = '\0';
        rc = fn(t, buf, tab + 1, path, line, err, errlen);
    }
    free(data);
    return rc;
}

/* What row adds over the untraced run: measured in-process when every
 * round was paired so, else across processes (paired_difference). */
static double added_over_untraced(const struct overhead_row *row, const struct overhead_row *untraced)
{
    if (row->in_process)
        return median_of(row->round_pair_ns, row->rounds);
    return paired_difference(row, untraced);
}

/* What row adds above the floor: with both measured in-process, the median
 * over rounds of the difference of their in-process figures. */
static double added_over_floor(const struct overhead_row *row, const struct overhead_row *floor)
{
    if (!row->in_process || !floor->in_process)
        return paired_difference(row, floor);
    if (row->rounds != floor->rounds || row->rounds < 2)
        return median_of(row->round_pair_ns, row->rounds) -
               median_of(floor->round_pair_ns, floor->rounds);
    double d[OVERHEAD_MAX_ROUNDS];
    for (size_t i = 0; i < row->rounds; i++)
        d[i] = row->round_pair_ns[i] - floor->round_pair_ns[i];
    return median_of(d, row->rounds);
}

static int put_bpf_stat(struct overhead_table *t, const char *tool, const char *value,
                        const char *path, size_t line, char *err, size_t errlen)
{
    char *end;
    errno = 0;
    double ns = strtod(value, &end);
    if (errno || *end || !(ns >= 0) || !isfinite(ns))
        return sc_input_error(err, errlen, path, line, 1, "'%s' is not a number of ns", value);
    for (size_t k = 0; k < t->n; k++)
        if (!strcmp(t->rows[k].tool, tool))
            t->rows[k].bpf_ns = ns;
    return 0;
}

static int put_skipped(struct overhead_table *t, const char *tool, const char *reason,
                       const char *path, size_t line, char *err, size_t errlen)
{
    if (t->n_skipped == OVERHEAD_MAX_TOOLS)
        return sc_input_error(err, errlen, path, line, 1, "more than %d tools",
                              OVERHEAD_MAX_TOOLS);
    struct overhead_skip *s = &t->skipped[t->n_skipped];
    if (strlen(tool) >= sizeof(s->tool))
        return sc_input_error(err, errlen, path, line, 1, "a tool name over %zu characters",
                              sizeof(s->tool) - 1);
    t->n_skipped++;
    memcpy(s->tool, tool, strlen(tool) + 1);
    snprintf(s->reason, sizeof(s->reason), "%s", reason);
    return 0;
}

static int read_bpf_stats(struct overhead_table *t, const char *dir, char *err, size_t errlen)
{
    return read_tsv(t, dir, OVERHEAD_BPF_STATS_FILE, put_bpf_stat, err, errlen);
}

static int read_skipped(struct overhead_table *t, const char *dir, char *err, size_t errlen)
{
    return read_tsv(t, dir, OVERHEAD_SKIPPED_FILE, put_skipped, err, errlen);
}

int overhead_table_build(const struct sc_result_set *sets, const char *const *sources,
                         size_t n_sets, const char *test, struct overhead_table *out,
                         char *err, size_t errlen)
{
    memset(out, 0, sizeof(*out));
    if (!test) {
        bool have_default = false;
        for (size_t s = 0; s < n_sets; s++)
            have_default |= sc_result_set_find(&sets[s], default_case) >= 0;
        test = have_default ? default_case : shared_case(sets, n_sets);
        if (!test) {
            snprintf(err, errlen, "the files hold several cases and no %s: name one with --case",
                     default_case);
            return -1;
        }
    }
    snprintf(out->test, sizeof(out->test), "%s", test);

    long untraced = -1;
    for (size_t s = 0; s < n_sets; s++) {
        for (size_t i = 0; i < sets[s].n; i++) {
            const struct sc_result *r = &sets[s].rows[i];
            if (strcmp(r->test, test))
                continue;
            const char *tool = r->profile_tool && *r->profile_tool ? r->profile_tool : "none";
            if (!(r->syscalls_per_call > 0)) {
                snprintf(err, errlen, "%s: %s has no syscallsPerCall, so ns per syscall is unknown",
                         sources[s], test);
                return -1;
            }
            double per = 1e3 / r->syscalls_per_call; /* us per call -> ns per syscall */
            double ns = r->wall_median * per;
            struct overhead_row *row = NULL;
            for (size_t k = 0; k < out->n; k++)
                if (!strcmp(out->rows[k].tool, tool))
                    row = &out->rows[k];
            if (!row) {
                if (out->n == OVERHEAD_MAX_TOOLS) {
                    snprintf(err, errlen, "more than %d tools", OVERHEAD_MAX_TOOLS);
                    return -1;
                }
                row = &out->rows[out->n++];
                snprintf(row->tool, sizeof(row->tool), "%s", tool);
                tool_label(tool, row->label, sizeof(row->label));
                row->source = sources[s];
            } else if (row->rounds == OVERHEAD_MAX_ROUNDS) {
                snprintf(err, errlen, "%s: %s under profileTool %s more than %d times: at most "
                                      "%d rounds", sources[s], test, tool, OVERHEAD_MAX_ROUNDS,
                         OVERHEAD_MAX_ROUNDS);
                return -1;
            }
            row->round_p10[row->rounds] = SC_HAS(r, SC_COL_WALL_P10) ? r->wall_p10 * per : ns;
            row->round_p90[row->rounds] = SC_HAS(r, SC_COL_WALL_P90) ? r->wall_p90 * per : ns;
            double pair = strcmp(tool, "none") ? in_process_added(&sets[s], r, per) : NAN;
            if (isfinite(pair))
                row->round_pair_ns[row->pair_rounds++] = pair;
            row->round_ns[row->rounds++] = ns;
        }
    }
    if (out->n == 0) {
        snprintf(err, errlen, "no row of %s in the overhead files", test);
        return -1;
    }
    for (size_t k = 0; k < out->n; k++) {
        struct overhead_row *row = &out->rows[k];
        row->ns_per_syscall = median_of(row->round_ns, row->rounds);
        row->p10 = median_of(row->round_p10, row->rounds);
        row->p90 = median_of(row->round_p90, row->rounds);
        row->bpf_ns = NAN;
        /* Rounds without a pair would not line up with those with one. */
        row->in_process = row->pair_rounds == row->rounds;
        if (!strcmp(row->tool, "none"))
            untraced = (long)k;
    }
    if (untraced < 0) {
        snprintf(err, errlen, "no untraced run of %s (profileTool none) to measure tracers against", test);
        return -1;
    }
    struct overhead_row base = out->rows[untraced];
    out->rows[untraced] = out->rows[0];
    out->rows[0] = base;
    qsort(out->rows + 1, out->n - 1, sizeof(out->rows[0]), by_cost);
    out->floor = -1;
    for (size_t k = 0; k < out->n; k++)
        if (!strcmp(out->rows[k].tool, OVERHEAD_FLOOR_TOOL))
            out->floor = (long)k;
    const struct overhead_row *floor = out->floor >= 0 ? &out->rows[out->floor] : NULL;
    for (size_t k = 0; k < out->n; k++) {
        struct overhead_row *row = &out->rows[k];
        row->added_ns = k ? added_over_untraced(row, &out->rows[0]) : 0;
        row->ratio = base.ns_per_syscall > 0 ? row->ns_per_syscall / base.ns_per_syscall : NAN;
        row->above_floor_ns = floor && k ? added_over_floor(row, floor) : NAN;
    }
    for (size_t k = 1; k < out->n; k++)
        out->rows[k].floor_ratio = floor && floor->added_ns > 0
                                       ? out->rows[k].added_ns / floor->added_ns : NAN;
    if (out->n)
        out->rows[0].floor_ratio = NAN;
    /* The files beside the untraced run's (make overhead writes them). */
    char dir[4096];
    const char *slash = strrchr(base.source, '/');
    int dlen = slash ? (int)(slash - base.source) : 1;
    snprintf(dir, sizeof(dir), "%.*s", dlen, slash ? base.source : ".");
    if (read_bpf_stats(out, dir, err, errlen) != 0 || read_skipped(out, dir, err, errlen) != 0)
        return -1;
    return 0;
}

void overhead_change_text(const struct overhead_row *r, char *buf, size_t len)
{
    char t[32];
    sc_format_time_us(fabs(r->added_ns) / 1e3, t, sizeof(t));
    const char *sign = r->added_ns < 0 ? "-" : "+";
    if (r->ratio >= 2) {
        char f[32];
        sc_format_factor(r->ratio, f, sizeof(f));
        snprintf(buf, len, "%s%s (%s as slow)", sign, t, f);
    } else {
        snprintf(buf, len, "%s%s (%+.0f%%)", sign, t, (r->ratio - 1) * 100);
    }
}

void overhead_floor_text(const struct overhead_row *r, char *buf, size_t len)
{
    buf[0] = '\0';
    if (!isfinite(r->above_floor_ns) || !strcmp(r->tool, OVERHEAD_FLOOR_TOOL))
        return;
    char t[32];
    sc_format_time_us(fabs(r->above_floor_ns) / 1e3, t, sizeof(t));
    snprintf(buf, len, "%s%s %s the floor", r->above_floor_ns < 0 ? "" : "+", t,
             r->above_floor_ns < 0 ? "below" : "above");
}

void overhead_added_text(const struct overhead_row *r, char *buf, size_t len)
{
    char change[96], floor[96];
    overhead_change_text(r, change, sizeof(change));
    overhead_floor_text(r, floor, sizeof(floor));
    snprintf(buf, len, "%s%s%s", change, floor[0] ? ", " : "", floor);
}

void overhead_in_process_labels(const struct overhead_table *t, char *buf, size_t len)
{
    size_t at = 0;
    buf[0] = '\0';
    for (size_t i = 1; i < t->n && at < len; i++)
        if (t->rows[i].in_process)
            at += (size_t)snprintf(buf + at, len - at, "%s%s", at ? ", " : "", t->rows[i].label);
}
