#include "overhead_table.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/units.h>

static const char *const default_case = "BpftraceProfiler.ManySmallWrites";

static void tool_label(const char *tool, char *buf, size_t len)
{
    if (!tool || !*tool || !strcmp(tool, "none"))
        snprintf(buf, len, "untraced");
    else if (!strcmp(tool, "perf-trace"))
        snprintf(buf, len, "perf trace");
    else
        snprintf(buf, len, "%s", tool);
}

/* The case every set holds, for runs of a single case. */
static const char *shared_case(const struct sc_result_set *sets, size_t n_sets)
{
    const char *only = NULL;
    for (size_t s = 0; s < n_sets; s++)
        for (size_t i = 0; i < sets[s].n; i++) {
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
            for (size_t k = 0; k < out->n; k++)
                if (!strcmp(out->rows[k].tool, tool)) {
                    snprintf(err, errlen, "%s: %s under profileTool %s again (first in %s): "
                                          "one run per tool", sources[s], test, tool, out->rows[k].source);
                    return -1;
                }
            if (!(r->syscalls_per_call > 0)) {
                snprintf(err, errlen, "%s: %s has no syscallsPerCall, so ns per syscall is unknown",
                         sources[s], test);
                return -1;
            }
            if (out->n == OVERHEAD_MAX_TOOLS) {
                snprintf(err, errlen, "more than %d tools", OVERHEAD_MAX_TOOLS);
                return -1;
            }
            struct overhead_row *row = &out->rows[out->n];
            snprintf(row->tool, sizeof(row->tool), "%s", tool);
            tool_label(tool, row->label, sizeof(row->label));
            row->source = sources[s];
            double per = 1e3 / r->syscalls_per_call; /* us per call -> ns per syscall */
            row->ns_per_syscall = r->wall_median * per;
            row->p10 = SC_HAS(r, SC_COL_WALL_P10) ? r->wall_p10 * per : row->ns_per_syscall;
            row->p90 = SC_HAS(r, SC_COL_WALL_P90) ? r->wall_p90 * per : row->ns_per_syscall;
            if (!strcmp(tool, "none"))
                untraced = (long)out->n;
            out->n++;
        }
    }
    if (out->n == 0) {
        snprintf(err, errlen, "no row of %s in the overhead files", test);
        return -1;
    }
    if (untraced < 0) {
        snprintf(err, errlen, "no untraced run of %s (profileTool none) to measure tracers against", test);
        return -1;
    }
    struct overhead_row base = out->rows[untraced];
    out->rows[untraced] = out->rows[0];
    out->rows[0] = base;
    qsort(out->rows + 1, out->n - 1, sizeof(out->rows[0]), by_cost);
    for (size_t k = 0; k < out->n; k++) {
        out->rows[k].added_ns = out->rows[k].ns_per_syscall - base.ns_per_syscall;
        out->rows[k].ratio = base.ns_per_syscall > 0
                                 ? out->rows[k].ns_per_syscall / base.ns_per_syscall
                                 : NAN;
    }
    return 0;
}

void overhead_added_text(const struct overhead_row *r, char *buf, size_t len)
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
