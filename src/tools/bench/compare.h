/* bench compare's model: the rows it decided, and the words it has to say.
 * cmd_compare.c reads the files, compare_pairs.c pairs their cases,
 * compare_build.c fills this in (statistics and warnings), and
 * compare_doc.c makes it a document for the exporters. */
#ifndef BENCH_COMPARE_H
#define BENCH_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <syscost/paired.h>
#include <syscost/results.h>
#include <syscost/significance.h>

#include "compare_pairs.h"
#include "export/export.h"

/* The confidence level of the ±% beside each median. */
#define COMPARE_CI_LEVEL 0.95
/* bench compare's defaults, which the report and the compare chart use too. */
#define COMPARE_DEFAULT_ALPHA 0.05
#define COMPARE_DEFAULT_THRESHOLD 0.05
/* The CV threshold when a file does not give one (the harness default). */
#define COMPARE_DEFAULT_CV_THRESHOLD 0.05

/* One case in one file. */
struct compare_side {
    const struct sc_result *res; /* NULL: not in this file */
    const double *samples;       /* the samples column, or the median alone */
    size_t n;
    bool has_samples;            /* false: only wallMedian was there */
    struct sc_median_ci centre;
    double cv;                   /* from the samples, else the wallCV column */
    bool cv_known;
    double cv_threshold;
};

struct compare_row {
    const char *name; /* "A", or "A vs B" when paired across names */
    struct compare_side base, cand;
    bool decided; /* both sides present: d is valid */
    struct sc_compare_decision d;
    /* Both sides are cases of one file that ran in the same rounds: pd is
     * the per-round (paired) verdict on sample k of each, round by round,
     * which the machine's drift between rounds does not move. */
    bool paired;
    struct sc_paired_decision pd;
};

struct compare_result {
    double alpha, threshold;
    struct compare_row *rows;
    size_t n_rows;
    /* Geometric means of the medians over the decided rows (n >= 2). */
    size_t geomean_n;
    double geomean_base, geomean_cand;
    char **notes; /* said before the table: how cases were paired */
    size_t n_notes;
    char **warnings; /* said after it, in words */
    size_t n_warnings;
    size_t n_regressions;
    size_t n_paired; /* rows with a paired verdict */
    size_t n_noisy; /* rows with a CV above its threshold on either side */
    char error[256]; /* why compare_build failed */
};

/* Adds a printf-formatted line to a list of notes or warnings. */
int compare_say(char ***list, size_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Decides every pair (from compare_pairs_build) and gathers the warnings. `by_name` says the
 * cases were joined by name, so cases on one side only mean the sets differ.
 * The rows point into pairs and the result sets: keep them until the end.
 * Returns -1, saying why in out->error, when out of memory or on a sample
 * that is not a time (NaN, infinite, negative): such a case gets no verdict
 * at all rather than one that reads as "no change". */
/* `one_file`: both sides come from the same file, so cases that ran in the
 * same rounds (sc_results_same_rounds) also get the paired verdict. */
int compare_build(const struct compare_pair *pairs, size_t n_pairs, bool by_name, bool one_file,
                  double alpha, double threshold, struct compare_result *out);
void compare_result_free(struct compare_result *r);

/* "1041x faster (p=0.001 n=10+10)", "~ (p=0.43 n=10+10)". */
void compare_change_text(const struct compare_row *row, char *buf, size_t len);

/* A paired verdict (per-round ratios): "+5.1% slower (CI +3.2%..+7.0%,
 * p=0.002, rounds=10)", "1003x faster (CI 990x..1017x, p=1.9e-06,
 * rounds=30)", or "~ (CI -1.0%..+2.1%, p=0.43, rounds=10)". The interval
 * is the Hodges-Lehmann one at 1 - alpha; `what` names the pairs
 * ("rounds"). */
void compare_paired_text(const struct sc_paired_decision *pd, const char *what, char *buf,
                         size_t len);

/* The verdict alone, for charts: "1041x faster", "+12.3% slower", "~"
 * (no significant change) or "only in baseline". */
void compare_verdict_text(const struct compare_row *row, char *buf, size_t len);

/* The result as a document (export/export.h): notes, one row per case
 * (and the geometric means), warnings; alpha, threshold and the counts
 * for the machine formats. */
void compare_document(const struct compare_result *r, struct ex_doc *doc);

/* compare_document written in fmt: the data to out, and, where the format
 * keeps data alone (json, csv), the notes and warnings to msgs. Returns -1
 * when out of memory or out fails. */
int compare_print(const struct compare_result *r, enum ex_format fmt, FILE *out, FILE *msgs);

#endif
