/* One reporter interface; console, CSV and JSON sit behind it.
 * Context and warnings go to stderr; data goes to stdout or the file. */
#ifndef SYSCOST_REPORTER_H
#define SYSCOST_REPORTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <syscost/atomic_file.h>
#include <syscost/harness.h>
#include <syscost/results.h>

#include "env.h"
#include "options.h"

struct sc_run_info {
    const struct sc_env *env;
    const struct sc_options *opt;
    const char *executable;
    uint64_t start_ns;  /* CLOCK_MONOTONIC when the run began */
    bool interleaved;   /* the cases ran in rounds shuffled with `seed` */
    uint32_t seed;
    uint64_t processes; /* pooled, one after another */
};

/* A case's outcome. res is filled for SC_OK only; cpu_samples holds
 * res->n_samples thread-CPU us/call values, start_ns the CLOCK_MONOTONIC
 * time each of those repeats began. */
struct sc_case_report {
    const char *name;
    enum sc_outcome outcome;
    const char *message;
    const struct sc_result *res;
    const double *cpu_samples;
    const uint64_t *start_ns;
    /* The part of res->syscalls_per_call the case counted itself
     * (sc_count_syscalls); 0 when the kernel counter saw all of it. */
    double syscalls_self_counted;
};

struct sc_reporter {
    const char *name;
    int (*open)(struct sc_reporter *r, const struct sc_run_info *info,
                char *err, size_t errlen);
    int (*report)(struct sc_reporter *r, const struct sc_case_report *rep);
    /* Finishes the output; for files, the moment they appear. */
    int (*close)(struct sc_reporter *r, char *err, size_t errlen);
    void (*abort)(struct sc_reporter *r);
    void *state;
    const char *path; /* output file, for the file reporters */
};

extern const struct sc_reporter sc_console_reporter;
extern const struct sc_reporter sc_csv_reporter;
extern const struct sc_reporter sc_json_reporter;
extern const struct sc_reporter sc_env_reporter; /* env.txt, see sc_env_write_txt */

/* The file reporters (reporter_file.c), whose state is, or starts with, the
 * struct sc_atomic_file they write at r->path: open sets r->state and returns
 * it (NULL with err filled); close commits it (the file appears) and frees
 * the state; abort removes it and frees the state. */
struct sc_atomic_file *sc_reporter_file_open(struct sc_reporter *r, char *err, size_t errlen);
int sc_reporter_file_close(struct sc_reporter *r, char *err, size_t errlen);
void sc_reporter_file_abort(struct sc_reporter *r);

#endif
