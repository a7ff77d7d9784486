/* bench ab's model: what the rounds measured, and the verdicts made of it.
 * cmd_ab.c runs the rounds (ab_side.c runs one side once); ab_doc.c
 * decides each case and makes the documents. */
#ifndef BENCH_AB_H
#define BENCH_AB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <syscost/paired.h>

#include "export/export.h"

/* One case over the rounds. Each round runs each side `runs` times (one
 * process each, one draw of the machine's layout); a run's figure is the
 * median of its samples, a round's the median of its runs' figures. */
struct ab_case {
    char *name;
    double *base_runs, *cand_runs; /* [rounds * runs] */
    double *base, *cand;           /* [rounds] */
    struct sc_paired_decision pd;
    bool decided;
};

struct ab_data {
    const char *base_cmd, *cand_cmd;
    size_t rounds, runs;
    uint64_t repeats;
    uint64_t seed;
    double alpha, threshold;
    bool *cand_first; /* [rounds]: the candidate ran first in that round */
    const char *first_side; /* whose first run set the cases: "baseline", "candidate" */
    struct ab_case *cases;
    size_t n_cases;
    size_t n_regressions;
};

/* The median of x[0..n); NaN when out of memory. */
double ab_median(const double *x, size_t n);

/* Decides every case (sc_paired_decide on the per-round figures). Returns
 * 0, or -1 when out of memory or a figure is not a time > 0 (named in err). */
int ab_decide(struct ab_data *d, char *err, size_t errlen);

/* The verdicts as a document: the commands, one row per case with
 * "x% slower (CI lo..hi, p=..., rounds=N)" or "~ (...)", and, for json,
 * every round's figures. */
void ab_document(const struct ab_data *d, struct ex_doc *doc);

/* A/A calibration: the same command against itself, `trials` times. */
struct ab_noise_case {
    const char *name;
    size_t trials, alarms, significant;
    double *half_width; /* [trials]: half the CI's width, log scale */
};

struct ab_noise {
    const char *cmd;
    size_t trials, rounds, runs;
    uint64_t repeats, seed;
    double alpha, threshold;
    struct ab_noise_case *cases;
    size_t n_cases;
};

/* The smallest slowdown (a fraction) that rounds like these flag in about
 * 80% of trials, from the intervals' typical half-width: the test must
 * reject (shift >= (z(1-alpha/2) + z(0.8)) se) and the estimate clear the
 * threshold (shift >= log(1 + threshold) + z(0.8) se), se the half-width
 * over z(1-alpha/2). */
double ab_min_detectable(const struct ab_noise_case *c, double alpha, double threshold);

void ab_noise_document(const struct ab_noise *n, struct ex_doc *doc);

#endif
