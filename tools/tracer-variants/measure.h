/* Timing tracer variants against each other, interleaved (see measure.c). */
#ifndef TRACER_VARIANTS_MEASURE_H
#define TRACER_VARIANTS_MEASURE_H

#include <stdint.h>
#include <stdio.h>

#include "variant.h"

/* One row per measurement; rows of one group were measured one right after
 * another (see measure.c). bpf_* are zero unless BPF stats are on:
 * bpf_ns_per_write sums every program's run time, bpf_runs_per_write
 * their runs (about 2 per write() for a pair, plus other tasks' syscalls);
 * prog1/prog2_ns_per_run are each program's own average. */
#define MEASURE_CSV_HEADER \
    "round,group,variant,writes,ns_per_write,bpf_ns_per_write,bpf_runs_per_write," \
    "prog1_ns_per_run,prog2_ns_per_run,counted"

struct measure_opts {
    uint64_t writes;   /* timed write()s per measurement */
    uint64_t warmup;   /* untimed write()s before them, traced */
    int rounds;
    int first_round;   /* number of the first round in the CSV */
    int header;        /* print the CSV header first */
    const char *comm;  /* the measured thread's name while measuring */
};

int measure_run(struct variant *vs, int n, const struct measure_opts *o, FILE *out, char *err,
                size_t errlen);

#endif
