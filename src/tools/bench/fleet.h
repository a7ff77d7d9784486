/* One view across machines: several run folders (other hosts, kernels,
 * containers) set side by side. Each run's cases are aligned by name; each
 * cost is per syscall (syscall_cost.h) and is also stated in units of that
 * run's own null syscall (FLEET_NULL_CASE), which cancels how fast the
 * machine enters and leaves the kernel and leaves what the syscall itself
 * does there; the runs' env.txt fingerprints are compared key by key, the
 * keys that explain a gap in cost (mitigations, seccomp, hypervisor, steal)
 * first. Read by bench fleet and its chart (plot kind fleet). */
#ifndef BENCH_FLEET_H
#define BENCH_FLEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <syscost/results.h>

#include "env_txt.h"
#include "syscall_cost.h"

#define FLEET_NULL_CASE SYSCALL_NULL_TEST
#define FLEET_MAX_RUNS 16
#define FLEET_LABEL_MAX 64
/* env.txt's `warning` lines are not compared: they restate other lines. */
#define FLEET_SKIPPED_KEY "warning"

struct fleet_run {
    char dir[4096];
    char label[FLEET_LABEL_MAX]; /* the folder's name as a safe name (safe_name.h),
                                  * longer when two runs share it */
    struct sc_result_set set;    /* its demo.csv */
    bool has_env;
    struct env_txt env;
    double null_ns;              /* its null syscall, NAN when it has none */
};

struct fleet_cell {
    bool present;
    double ns;          /* per syscall, or per call when the case makes none */
    double syscalls;    /* per call, as the run counted them */
    double null_ratio;  /* ns / the run's null syscall; NAN when it has none */
};

struct fleet_row {
    char *test;
    size_t n_present;
    struct fleet_cell *cells; /* one per run, in the runs' order */
};

/* A fingerprint key whose value is not the same in every run. */
struct fleet_diff {
    char *key;
    bool explains;  /* one of the keys that change a syscall's cost */
    char **values;  /* one per run; NULL: the run has no such line */
};

struct fleet {
    struct fleet_run *runs; /* owned */
    size_t n_runs;
    /* Cases in two runs or more: the null syscall first, then the Syscall
     * suite, then the rest, each group in the first run's order. */
    struct fleet_row *rows;
    size_t n_rows;
    size_t n_common;        /* rows in every run */
    struct fleet_diff *diffs;
    size_t n_diffs;
};

/* Reads one run folder: its demo.csv (required: without it the folder is
 * not a run), its env.txt when there is one. Fails with a one-line err. */
int fleet_run_read(const char *dir, struct fleet_run *out, char *err, size_t errlen);
void fleet_run_free(struct fleet_run *r);

/* Takes runs[0..n) (malloc'ed) over and aligns them: rows, each run's null
 * syscall and the ratios, the fingerprint differences, and labels that
 * tell the runs apart. Fails (-1, err) when out of memory or when no case
 * is in two of the runs; fleet_free(out) frees everything either way. */
int fleet_build(struct fleet_run *runs, size_t n, struct fleet *out, char *err, size_t errlen);

/* Reads dirs[0..n) and builds the fleet. A folder that cannot be read is
 * left out with one "warning: ..." line on notes (NULL: silent); fails
 * (-1, err) when fewer than two runs are left, or as fleet_build. */
int fleet_read(char *const *dirs, size_t n, FILE *notes, struct fleet *out, char *err,
               size_t errlen);
void fleet_free(struct fleet *f);

/* Index of the row named test, or -1. */
long fleet_find(const struct fleet *f, const char *test);

/* A multiple of the null syscall as people read it: "1.34x", "22.6x", "2503x". */
void fleet_ratio_text(double ratio, char *buf, size_t len);

/* The runs that have no null syscall, as "a, b" (empty when none). */
void fleet_unnormalised(const struct fleet *f, char *buf, size_t len);

#endif
