/* Where one syscall's time goes, from the Syscall suite (one call per
 * iteration): the null syscall (getppid through syscall(2)) is the trip
 * into and out of the kernel, and what a syscall costs beyond it is its own
 * path (fd lookup, VFS, the driver). clock_gettime through the vDSO is the
 * call that never enters. Shared by the report and the syscall chart. */
#ifndef BENCH_SYSCALL_COST_H
#define BENCH_SYSCALL_COST_H

#include <stdbool.h>
#include <stddef.h>

#include <syscost/results.h>

#define SYSCALL_NULL_TEST "Syscall.Null"
#define SYSCALL_VDSO_TEST "Syscall.ClockGettimeVdso"
#define SYSCALL_COST_MAX_ROWS 3
/* Each median's interval is taken at 97.5%: the difference of two such
 * intervals covers the difference of the medians with at least 95%. */
#define SYSCALL_COST_MEDIAN_LEVEL 0.975

/* A median per call in ns, with its interval when the repeats allow one. */
struct syscall_cost_ns {
    double ns;
    bool has_interval;
    double lo, hi;
};

struct syscall_cost_row {
    const struct sc_result *result;
    const char *call; /* "write()" */
    const char *path; /* what the kernel does beyond the null syscall */
    struct syscall_cost_ns total;
    /* total - the null syscall; its interval (>= 95%) from both medians'. */
    struct syscall_cost_ns own;
};

struct syscall_cost {
    const struct sc_result *null_result;
    struct syscall_cost_ns null;
    const struct sc_result *vdso_result; /* NULL when the run has none */
    struct syscall_cost_ns vdso;
    /* The calls that enter the kernel, in a fixed order: clock_gettime
     * through syscall(2), read(), write(); those the run has. */
    struct syscall_cost_row rows[SYSCALL_COST_MAX_ROWS];
    size_t n;
};

/* Fills out from set. Returns false (out->n 0) when the set has no
 * Syscall.Null with a median: there is nothing to subtract. */
bool syscall_cost_build(const struct sc_result_set *set, struct syscall_cost *out);

/* The row of "write()" (or another call), NULL when absent. */
const struct syscall_cost_row *syscall_cost_find(const struct syscall_cost *c, const char *call);

#endif
