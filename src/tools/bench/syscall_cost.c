#include "syscall_cost.h"

#include <math.h>
#include <string.h>

#include <syscost/significance.h>

static const struct {
    const char *test, *call, *path;
} calls[SYSCALL_COST_MAX_ROWS] = {
    {"Syscall.ClockGettimeSyscall", "clock_gettime() through syscall(2)",
     "reading the clock in the kernel"},
    {"Syscall.ReadDevZero", "read()", "fd lookup, VFS, the /dev/zero driver's copy to user space"},
    {"Syscall.WriteDevNull", "write()", "fd lookup, VFS, the /dev/null driver"},
};

static const struct sc_result *find(const struct sc_result_set *set, const char *test)
{
    for (size_t i = 0; i < set->n; i++)
        if (!strcmp(set->rows[i].test, test) && isfinite(set->rows[i].wall_median))
            return &set->rows[i];
    return NULL;
}

/* The median per call in ns; its interval from the repeats' samples. */
static struct syscall_cost_ns per_call(const struct sc_result *r)
{
    struct syscall_cost_ns v = {.ns = r->wall_median * 1e3};
    struct sc_median_ci ci;
    if (r->n_samples && !sc_median_with_ci(r->samples, r->n_samples, SYSCALL_COST_MEDIAN_LEVEL, &ci) &&
        ci.has_interval) {
        v.has_interval = true;
        v.lo = ci.lower * 1e3;
        v.hi = ci.upper * 1e3;
    }
    return v;
}

bool syscall_cost_build(const struct sc_result_set *set, struct syscall_cost *out)
{
    memset(out, 0, sizeof(*out));
    if (!(out->null_result = find(set, SYSCALL_NULL_TEST)))
        return false;
    out->null = per_call(out->null_result);
    if ((out->vdso_result = find(set, SYSCALL_VDSO_TEST)))
        out->vdso = per_call(out->vdso_result);
    for (size_t k = 0; k < SYSCALL_COST_MAX_ROWS; k++) {
        const struct sc_result *r = find(set, calls[k].test);
        if (!r)
            continue;
        struct syscall_cost_row *row = &out->rows[out->n++];
        row->result = r;
        row->call = calls[k].call;
        row->path = calls[k].path;
        row->total = per_call(r);
        row->own.ns = row->total.ns - out->null.ns;
        if (row->total.has_interval && out->null.has_interval) {
            row->own.has_interval = true;
            row->own.lo = row->total.lo - out->null.hi;
            row->own.hi = row->total.hi - out->null.lo;
        }
    }
    return true;
}

const struct syscall_cost_row *syscall_cost_find(const struct syscall_cost *c, const char *call)
{
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->rows[i].call, call))
            return &c->rows[i];
    return NULL;
}
