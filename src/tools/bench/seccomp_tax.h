/* The container's seccomp tax: what the engine's default seccomp filter adds
 * to each syscall. The compose demo runs the Syscall suite in rounds, each
 * round one run under the default profile and one with seccomp=unconfined,
 * back to back (which side goes first alternates), every other setting the
 * same. The machine drifts between rounds (up to ~17% on a VM), much less
 * within one, so each round's difference cancels the drift:
 *   d_i = default_i - unconfined_i   (ns per syscall, the runs' medians)
 * and the tax is the median of the d_i with its distribution-free 95%
 * interval (the sign test's order statistics: sc_median_with_ci), which
 * needs 6 rounds or more. An interval that holds 0 is no tax: the report
 * says so instead of printing a number.
 *
 * Files (run_layout.h): seccomp/default.<n>.csv, seccomp/unconfined.<n>.csv,
 * and each side's env.txt, whose `seccomp` line proves which side ran under
 * a filter. Shared by bench seccomp and bench report. */
#ifndef BENCH_SECCOMP_TAX_H
#define BENCH_SECCOMP_TAX_H

#include <stdbool.h>
#include <stddef.h>

#include <syscost/results.h>

#include "env_txt.h"
#include "syscall_cost.h"

#define SECCOMP_TAX_LEVEL 0.95
#define SECCOMP_MAX_ROUNDS 64
/* The null syscall: the tax of the trip into the kernel alone. */
#define SECCOMP_TAX_HEADLINE_CASE SYSCALL_NULL_TEST

enum seccomp_side { SECCOMP_DEFAULT, SECCOMP_UNCONFINED };

/* The rounds of one seccomp/ folder, paired by their number. */
struct seccomp_rounds {
    char dir[4096];
    size_t n;                            /* rounds with both sides */
    long number[SECCOMP_MAX_ROUNDS];     /* round i's <n> */
    struct sc_result_set sets[2][SECCOMP_MAX_ROUNDS]; /* [side][round] */
    size_t n_unpaired;                   /* files whose other side is missing */
    bool have_env[2];
    struct env_txt env[2];
};

/* Reads dir's rounds (files that are links are left out with a note, as in
 * every run folder). Fails with a one-line err when a file cannot be read,
 * or when no round has both sides. */
int seccomp_rounds_read(const char *dir, struct seccomp_rounds *out, char *err, size_t errlen);
void seccomp_rounds_free(struct seccomp_rounds *r);

enum seccomp_verdict {
    SECCOMP_ADDS,        /* the interval lies above 0 */
    SECCOMP_NO_TAX,      /* it holds 0: not distinguishable from zero */
    SECCOMP_FASTER,      /* it lies below 0: the filtered side ran faster */
    SECCOMP_TOO_FEW,     /* fewer rounds than an interval at the level needs */
};

struct seccomp_tax_row {
    char test[256];
    double syscalls;      /* per call; 0: no syscall (the vDSO), NAN unknown */
    bool per_syscall;     /* the ns below are per syscall (else per call) */
    size_t rounds;        /* rounds with the case on both sides */
    double default_ns, unconfined_ns; /* medians over the rounds */
    double tax_ns;        /* median of the paired differences */
    bool has_interval;
    double lo_ns, hi_ns, confidence;
    enum seccomp_verdict verdict;
};

struct seccomp_tax {
    struct seccomp_tax_row *rows; /* in the first default round's order */
    size_t n;
    size_t rounds;
    size_t min_rounds;            /* for an interval at SECCOMP_TAX_LEVEL */
};

/* Pairs def[i] with unc[i] (i < n_rounds), case by case. A case missing
 * from a side in some round is paired in the others. Returns -1 with err
 * when out of memory or when a time is not a time. */
int seccomp_tax_build(const struct sc_result_set *def, const struct sc_result_set *unc,
                      size_t n_rounds, struct seccomp_tax *out, char *err, size_t errlen);
void seccomp_tax_free(struct seccomp_tax *t);

/* The row the report's sentence is about: SECCOMP_TAX_HEADLINE_CASE, else
 * the first row measured per syscall; NULL when none is. */
const struct seccomp_tax_row *seccomp_tax_headline(const struct seccomp_tax *t);

/* What the two fingerprints say about the sides. */
enum seccomp_proof {
    SECCOMP_PROVEN,       /* default: a filter (mode 2), unconfined: none (mode 0) */
    SECCOMP_UNRECORDED,   /* an env.txt, or its seccomp line, is missing */
    SECCOMP_CONTRADICTED, /* the lines say otherwise: not the filter's cost */
};

/* The verdict on the sides, and one clause saying it ("default: 2 (filter),
 * 1 filter; unconfined: 0 (disabled)"). */
enum seccomp_proof seccomp_rounds_proof(const struct seccomp_rounds *r, char *why, size_t whylen);

/* "+12.3 ns (95% CI 10.1..14.0 ns)": a row's tax with its interval. */
void seccomp_tax_interval_text(const struct seccomp_tax_row *row, char *buf, size_t len);

/* The row's verdict in a few words: "adds", "not distinguishable from zero". */
const char *seccomp_verdict_text(const struct seccomp_tax_row *row);

/* A row in people's words, as every table of it shows it. */
struct seccomp_row_text {
    const char *per;     /* "syscall", "call (no syscall)", "call (syscalls unknown)" */
    char def[32], unc[32]; /* "81.2 ns" */
    char added[96];      /* seccomp_tax_interval_text */
    const char *verdict; /* seccomp_verdict_text */
};
void seccomp_tax_row_text(const struct seccomp_tax_row *row, struct seccomp_row_text *out);

/* The one sentence bench seccomp and the report state, plain text: "The
 * container's seccomp filter adds N ns per syscall (95% CI a..b), measured
 * on Syscall.Null over R paired rounds: ..."; when the interval holds 0 it
 * says so instead of a number; when the fingerprints contradict the sides,
 * or the rounds are too few, it states no tax and says why. */
void seccomp_tax_sentence(const struct seccomp_tax *t, enum seccomp_proof proof, const char *why,
                          char *buf, size_t len);

#endif
