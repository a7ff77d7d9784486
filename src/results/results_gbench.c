/* google benchmark JSON -> sc_result rows, one per benchmark, with the
 * per-repetition times as samples. */
#include <syscost/results_input.h>

#include <float.h>
#include <stdbool.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/input_error.h>
#include <syscost/json.h>
#include <syscost/name_index.h>
#include <syscost/stats.h>

/* One benchmark as it is gathered from its rows. */
struct group {
    char *name;
    const struct sc_json *first_row; /* where messages about it point */
    double *samples;
    size_t n, cap;
    uint64_t iterations;
    double syscalls_per_call; /* NAN unless the kit wrote it */
    double agg_median, agg_mean; /* NAN unless an aggregate row had it */
};

struct gbench_reader {
    const char *path;
    char *err;
    size_t errlen;
    struct group *groups;
    size_t n_groups, cap_groups;
    struct sc_name_index by_name; /* group name -> index in groups */
};

static int fail_at(struct gbench_reader *rd, const struct sc_json *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail_at(struct gbench_reader *rd, const struct sc_json *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sc_input_verror(rd->err, rd->errlen, rd->path, at ? (size_t)at->line : 0,
                    at ? (size_t)at->col : 0, fmt, ap);
    va_end(ap);
    return -1;
}

static struct group *find_or_add(struct gbench_reader *rd, const char *name,
                                 const struct sc_json *row)
{
    long known = sc_name_index_find(&rd->by_name, name);
    if (known >= 0)
        return &rd->groups[known];
    if (rd->n_groups == rd->cap_groups) {
        size_t cap = rd->cap_groups ? rd->cap_groups * 2 : 8;
        struct group *g = realloc(rd->groups, cap * sizeof(*g));
        if (!g)
            return NULL;
        rd->groups = g;
        rd->cap_groups = cap;
    }
    struct group *g = &rd->groups[rd->n_groups];
    *g = (struct group){.first_row = row, .syscalls_per_call = NAN, .agg_median = NAN,
                        .agg_mean = NAN};
    g->name = strdup(name);
    if (!g->name)
        return NULL;
    if (sc_name_index_add(&rd->by_name, g->name, rd->n_groups, NULL) != 0) {
        free(g->name);
        return NULL;
    }
    rd->n_groups++;
    return g;
}

static int push_sample(struct group *g, double us)
{
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 16;
        double *s = realloc(g->samples, cap * sizeof(*s));
        if (!s)
            return -1;
        g->samples = s;
        g->cap = cap;
    }
    g->samples[g->n++] = us;
    return 0;
}

static const char *opt_string(const struct sc_json *obj, const char *key)
{
    const struct sc_json *v = sc_json_get(obj, key);
    return v && v->type == SC_JSON_STRING ? v->string : NULL;
}

/* google benchmark's default unit is nanoseconds. */
static int unit_to_us(struct gbench_reader *rd, const struct sc_json *row, size_t idx,
                      double *scale)
{
    const struct sc_json *u = sc_json_get(row, "time_unit");
    if (!u) {
        *scale = 1e-3;
        return 0;
    }
    static const struct {
        const char *name;
        double scale;
    } units[] = {{"ns", 1e-3}, {"us", 1.0}, {"ms", 1e3}, {"s", 1e6}};
    if (u->type == SC_JSON_STRING)
        for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
            if (!strcmp(u->string, units[i].name)) {
                *scale = units[i].scale;
                return 0;
            }
    return fail_at(rd, u, "benchmarks[%zu]: \"time_unit\" must be \"ns\", \"us\", \"ms\" or \"s\"",
                   idx);
}

static int read_row(struct gbench_reader *rd, const struct sc_json *row, size_t idx)
{
    if (row->type != SC_JSON_OBJECT)
        return fail_at(rd, row, "benchmarks[%zu]: expected an object, found %s", idx,
                       sc_json_type_name(row->type));
    const char *name = opt_string(row, "name");
    if (!name || !*name)
        return fail_at(rd, row, "benchmarks[%zu]: missing \"name\"", idx);
    const struct sc_json *failed = sc_json_get(row, "error_occurred");
    if (failed && failed->type == SC_JSON_BOOL && failed->boolean) {
        const char *why = opt_string(row, "error_message");
        char note[512];
        sc_input_error(note, sizeof(note), rd->path, (size_t)row->line, (size_t)row->col,
                       "note: skipping %s, which failed: %s", name, why ? why : "no message");
        fprintf(stderr, "%s\n", note);
        return 0;
    }
    const char *run_name = opt_string(row, "run_name");
    const char *run_type = opt_string(row, "run_type");
    const char *aggregate = opt_string(row, "aggregate_name");
    int is_aggregate = run_type && !strcmp(run_type, "aggregate");
    if (is_aggregate && (!aggregate || (strcmp(aggregate, "median") && strcmp(aggregate, "mean"))))
        return 0; /* stddev, cv, BigO, RMS: not a time per iteration */

    const struct sc_json *t = sc_json_get(row, "real_time");
    if (!t)
        return fail_at(rd, row, "benchmarks[%zu] (%s): missing \"real_time\"", idx, name);
    if (t->type != SC_JSON_NUMBER || t->number < 0)
        return fail_at(rd, t, "benchmarks[%zu] (%s): \"real_time\" must be a number >= 0", idx,
                       name);
    double scale = 1.0;
    if (unit_to_us(rd, row, idx, &scale))
        return -1;
    /* Checked after scaling: 1e305 s is a finite number of seconds but not
     * of microseconds, and an infinite sample would make the median NaN. */
    double us = t->number * scale;
    if (!isfinite(t->number))
        return fail_at(rd, t, "benchmarks[%zu] (%s): \"real_time\" is too large: more than "
                              "%.2g, the largest number there is", idx, name, DBL_MAX);
    if (!isfinite(us)) {
        const char *unit = opt_string(row, "time_unit");
        return fail_at(rd, t, "benchmarks[%zu] (%s): \"real_time\" %.3g %s is too large: "
                              "more than %.2g microseconds",
                       idx, name, t->number, unit ? unit : "ns", DBL_MAX);
    }

    /* An empty run_name would make a nameless case (found by fuzzing). */
    struct group *g = find_or_add(rd, run_name && *run_name ? run_name : name, row);
    if (!g)
        return fail_at(rd, NULL, "out of memory");
    if (is_aggregate) {
        if (!strcmp(aggregate, "median"))
            g->agg_median = us;
        else
            g->agg_mean = us;
        return 0;
    }
    const struct sc_json *it = sc_json_get(row, "iterations");
    if (it && it->type == SC_JSON_NUMBER && it->is_unsigned && it->uinteger > 0)
        g->iterations = it->uinteger;
    const struct sc_json *sys = sc_json_get(row, "syscalls_per_call");
    if (sys && sys->type == SC_JSON_NUMBER) {
        if (!isfinite(sys->number) || sys->number < 0)
            return fail_at(rd, sys, "benchmarks[%zu] (%s): \"syscalls_per_call\" must be a "
                                    "finite number >= 0", idx, name);
        g->syscalls_per_call = sys->number;
    }
    return push_sample(g, us) ? fail_at(rd, NULL, "out of memory") : 0;
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* The first statistic of a row that is not a finite number, or NULL. */
static const char *nonfinite_statistic(const struct sc_result *r)
{
    const struct {
        const char *name;
        double v;
    } stats[] = {
        {"median", r->wall_median},  {"p10", r->wall_p10},   {"p90", r->wall_p90},
        {"min", r->wall_min},        {"max", r->wall_max},   {"mean", r->wall_mean},
        {"stddev", r->wall_stddev},  {"CV", r->wall_cv},
        {"calls per second", r->calls_per_second},
    };
    for (size_t i = 0; i < sizeof(stats) / sizeof(stats[0]); i++)
        if (!isfinite(stats[i].v))
            return stats[i].name;
    return NULL;
}

/* The kit's own context keys: how the samples were taken (see struct
 * sc_result). Other writers have none of them, and nothing is assumed then. */
static void read_rounds(const struct sc_json *context, struct sc_result *r)
{
    const struct sc_json *interleaved = sc_json_get(context, "interleaved");
    const struct sc_json *seed = sc_json_get(context, "seed");
    const struct sc_json *processes = sc_json_get(context, "processes");
    if (interleaved && interleaved->type == SC_JSON_BOOL && interleaved->boolean && seed &&
        seed->type == SC_JSON_NUMBER && seed->is_unsigned && seed->uinteger <= UINT32_MAX) {
        r->has_seed = true;
        r->seed = (uint32_t)seed->uinteger;
        r->present |= 1u << SC_COL_SEED;
    }
    if (processes && processes->type == SC_JSON_NUMBER && processes->is_unsigned &&
        processes->uinteger > 0) {
        r->processes = processes->uinteger;
        r->present |= 1u << SC_COL_PROCESSES;
    }
}

/* Moves one gathered benchmark into a result row, as the CSV reader would
 * have filled it. Returns -1 when out of memory. */
static int group_to_result(struct group *g, const struct sc_json *context, struct sc_result *r)
{
    memset(r, 0, sizeof(*r));
    r->syscalls_per_call = g->syscalls_per_call;
    const int from_aggregate = g->n == 0;
    if (from_aggregate) {
        double only = !isnan(g->agg_median) ? g->agg_median : g->agg_mean;
        if (push_sample(g, only))
            return -1;
    }
    struct sc_summary s;
    if (sc_summarize(g->samples, g->n, &s))
        return -1;
    r->test = g->name;
    g->name = NULL;
    r->samples = g->samples;
    r->n_samples = g->n;
    g->samples = NULL;
    r->cycles = g->iterations;
    r->repeats = r->n_samples;
    sc_result_fill_stats(r, &s);
    r->hostname = dup_or_null(opt_string(context, "host_name"));
    r->timestamp = dup_or_null(opt_string(context, "date"));
    r->git_hash = dup_or_null(opt_string(context, "git_hash"));
    r->platform = dup_or_null(opt_string(context, "platform"));
    /* The kit's JSON says what its CSV says per row: the tracer and the
     * CV threshold of the run. */
    r->profile_tool = dup_or_null(opt_string(context, "profile_tool"));
    const struct sc_json *cvt = sc_json_get(context, "cv_threshold");
    bool has_cvt = cvt && cvt->type == SC_JSON_NUMBER && isfinite(cvt->number) && cvt->number > 0;
    r->present = 1u << SC_COL_TEST | 1u << SC_COL_REPEATS | 1u << SC_COL_WALL_MEDIAN |
                 1u << SC_COL_WALL_P10 | 1u << SC_COL_WALL_P90 | 1u << SC_COL_WALL_MIN |
                 1u << SC_COL_WALL_MAX | 1u << SC_COL_WALL_MEAN | 1u << SC_COL_WALL_STDDEV |
                 1u << SC_COL_WALL_CV | 1u << SC_COL_CALLS_PER_SECOND;
    if (g->iterations)
        r->present |= 1u << SC_COL_CYCLES;
    if (!isnan(r->syscalls_per_call))
        r->present |= 1u << SC_COL_SYSCALLS_PER_CALL;
    if (!from_aggregate)
        r->present |= 1u << SC_COL_SAMPLES;
    if (r->hostname)
        r->present |= 1u << SC_COL_HOSTNAME;
    if (r->timestamp)
        r->present |= 1u << SC_COL_TIMESTAMP;
    if (r->git_hash)
        r->present |= 1u << SC_COL_GIT_HASH;
    if (r->platform)
        r->present |= 1u << SC_COL_PLATFORM;
    if (r->profile_tool)
        r->present |= 1u << SC_COL_PROFILE_TOOL;
    if (has_cvt) {
        r->cv_threshold = cvt->number;
        r->stable = r->wall_cv <= r->cv_threshold;
        r->present |= 1u << SC_COL_CV_THRESHOLD | 1u << SC_COL_STABLE;
    }
    read_rounds(context, r);
    return 0;
}

int sc_results_read_gbench_json_buf(const char *data, size_t len, const char *path,
                                    struct sc_result_set *out, char *err, size_t errlen)
{
    struct gbench_reader rd = {.path = path, .err = err, .errlen = errlen};
    memset(out, 0, sizeof(*out));
    struct sc_json_error jerr;
    struct sc_json *root = sc_json_parse(data, len, &jerr);
    if (!root) {
        return sc_input_error(err, errlen, path, (size_t)jerr.line, (size_t)jerr.col, "%s",
                              jerr.msg);
    }
    int rc = -1;
    if (root->type != SC_JSON_OBJECT) {
        fail_at(&rd, root, "expected an object at the root, found %s (google benchmark JSON "
                           "is an object with a \"benchmarks\" array)",
                sc_json_type_name(root->type));
        goto out;
    }
    const struct sc_json *list = sc_json_get(root, "benchmarks");
    if (!list || list->type != SC_JSON_ARRAY) {
        fail_at(&rd, list ? list : root,
                "expected google benchmark JSON: an object with a \"benchmarks\" array");
        goto out;
    }
    for (size_t i = 0; i < list->count; i++)
        if (read_row(&rd, list->items[i], i))
            goto out;
    if (rd.n_groups == 0) {
        fail_at(&rd, list, "no benchmark results in \"benchmarks\"");
        goto out;
    }
    out->rows = calloc(rd.n_groups, sizeof(*out->rows));
    if (!out->rows) {
        fail_at(&rd, NULL, "out of memory");
        goto out;
    }
    const struct sc_json *context = sc_json_get(root, "context");
    for (size_t i = 0; i < rd.n_groups; i++) {
        const struct sc_json *at = rd.groups[i].first_row;
        if (group_to_result(&rd.groups[i], context, &out->rows[i])) {
            fail_at(&rd, NULL, "out of memory");
            goto out;
        }
        out->n++;
        /* The decision downstream must never see NaN or infinity, so a
         * statistic derived from finite samples is checked too (1e6 / a
         * median of 1e-320 us is no finite number of calls per second). */
        const struct sc_result *r = &out->rows[i];
        const char *bad = nonfinite_statistic(r);
        if (bad) {
            fail_at(&rd, at, "benchmark %s: its %s is not a finite number (median %.3g us): "
                             "the times are out of range", r->test, bad, r->wall_median);
            goto out;
        }
    }
    rc = 0;
out:
    for (size_t i = 0; i < rd.n_groups; i++) {
        free(rd.groups[i].name);
        free(rd.groups[i].samples);
    }
    free(rd.groups);
    sc_name_index_free(&rd.by_name);
    sc_json_free(root);
    if (rc)
        sc_result_set_free(out);
    return rc;
}
