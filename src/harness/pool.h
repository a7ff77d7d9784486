/* Pooled runs (--processes N): the program runs itself N times, one fresh
 * process after another, and pools each case's samples.
 *
 * One process is one draw of the machine's state: on a VM the cost of a
 * system call wanders by 10-20% over a second or so, and a process samples
 * whichever stretch it ran in (docs/CPU_GUIDE.md, "One process is one
 * sample"). Several short processes spread a figure over several stretches.
 *
 * Each process gets the program's own argv and, in its environment,
 * SC_POOL_ENV: where to send its results (a pipe on fd SC_POOL_FD) and its
 * seed. It then measures as usual but reports only through that pipe; the
 * first process writes nothing else, the parent writes the outputs. */
#ifndef SYSCOST_POOL_H
#define SYSCOST_POOL_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <syscost/harness.h>

#include "reporter.h"

#define SC_POOL_ENV "SYSCOST_POOL_CHILD"
#define SC_POOL_FD 3

/* What a process of a pooled run learns from SC_POOL_ENV. */
struct sc_pool_child {
    uint32_t seed;
    uint64_t index; /* 0-based */
};

/* 1 with *child filled when this process is one of a pooled run's, 0 when
 * it is not; -1 (after one line on stderr) when SC_POOL_ENV is set but is
 * not what a pooled run sets. */
int sc_pool_child_get(struct sc_pool_child *child);

/* The reporter such a process sends every case's outcome through, on
 * SC_POOL_FD, as three lines per case (numbers in C's %a, exact):
 *   case<TAB>NAME
 *   result OUTCOME CYCLES WARMUP N SYSCALLS SELF WALL*N CPU*N START*N
 *   message<TAB>TEXT
 * OUTCOME is 0, 1 or 2 (enum sc_outcome); CYCLES and the rest are 0 and
 * nan unless it is 0. The stream ends with the line "end". */
extern const struct sc_reporter sc_pool_reporter;

/* One case, pooled over the processes: samples in process order (the
 * first process's repeats, then the second's, ...). */
struct sc_pooled_case {
    enum sc_outcome outcome; /* SC_FAIL when any process failed it, else SC_SKIP
                              * when any skipped it */
    char message[256];
    uint64_t cycles, warmup; /* per repeat, averaged over the processes */
    size_t n;
    double *wall_us, *cpu_us;
    uint64_t *start_ns;
    double syscalls_per_call;     /* NAN when a process could not count */
    double syscalls_self_counted; /* per call, included in syscalls_per_call */
};

struct sc_pool_plan {
    char **argv; /* the program's own, given unchanged to each process */
    const struct sc_case *const *cases; /* the selected cases, in order */
    size_t n_cases;
    uint64_t processes;
    uint32_t seed;
    const volatile sig_atomic_t *stop; /* a stop request is passed on */
    bool verbose;
};

/* Runs the processes one after another and fills out[0..n_cases).
 * Returns 0; or -1 when a process failed in a way no case's outcome
 * explains (it said why, or one "error:" line was printed here) or when a
 * stop was requested. out is freed with sc_pooled_cases_free either way. */
int sc_pool_run(const struct sc_pool_plan *plan, struct sc_pooled_case *out);

void sc_pooled_cases_free(struct sc_pooled_case *cases, size_t n);

#endif
