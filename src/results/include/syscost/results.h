/* One measured case: the row of the kit's CSV, in memory.
 * The harness writes these; bench reads them back. */
#ifndef SYSCOST_RESULTS_H
#define SYSCOST_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Column names, in file order. The names up to cvThreshold (but for
 * syscallsPerCall) are the benchmark framework's this walkthrough came from.
 * seed and processes came last, after samples, so readers that take the
 * columns by position up to samples still read them. */
#define SC_CSV_HEADER                                                          \
    "test,cycles,repeats,warmup,wallMedian,wallP10,wallP90,wallMin,wallMax,"   \
    "wallMean,wallStddev,wallCV,callsPerSecond,syscallsPerCall,stable,"        \
    "cvThreshold,profileTool,timestamp,gitHash,hostname,platform,samples,"     \
    "seed,processes"
/* A file whose run also wrote an env.txt (the machine's fingerprint) has
 * one more column, last, naming it: its path relative to the CSV's folder
 * ("env.txt" in a run folder), or absolute when it is elsewhere. A file
 * without one has exactly SC_CSV_HEADER. */
#define SC_CSV_HEADER_ENV_TXT SC_CSV_HEADER ",envTxt"

struct sc_result {
    char *test;
    uint64_t cycles, repeats, warmup;
    /* Microseconds per call. */
    double wall_median, wall_p10, wall_p90, wall_min, wall_max, wall_mean,
        wall_stddev;
    double wall_cv; /* fraction */
    double calls_per_second;
    double syscalls_per_call; /* NAN when unknown ("n/a") */
    bool stable;
    double cv_threshold; /* fraction */
    char *profile_tool, *timestamp, *git_hash, *hostname, *platform;
    double *samples; /* us per call, one per repeat */
    size_t n_samples;
    /* How the samples were taken. has_seed: the case ran in rounds with the
     * other cases of its file that have a seed, one repeat of each per round
     * in an order shuffled with `seed`, so sample k of each is from round k
     * and they can be paired. processes: how many processes' rounds were
     * pooled, one after another (samples 0..r-1 from the first of them, and
     * so on); 0 when the file does not say. */
    bool has_seed;
    uint32_t seed;
    uint64_t processes;
    char *env_txt; /* the run's env.txt (envTxt); NULL when it wrote none */
    /* The optional columns the file had; see enum sc_column. */
    uint32_t present;
};

/* A traced run with --profile-pairs reports its untraced repeats, taken in
 * pairs with the traced ones in the same process (sample k of each from
 * pair k), as a second row named after the case with this suffix. */
#define SC_DETACHED_SUFFIX "/detached"

enum sc_column {
    SC_COL_TEST, SC_COL_CYCLES, SC_COL_REPEATS, SC_COL_WARMUP,
    SC_COL_WALL_MEDIAN, SC_COL_WALL_P10, SC_COL_WALL_P90, SC_COL_WALL_MIN,
    SC_COL_WALL_MAX, SC_COL_WALL_MEAN, SC_COL_WALL_STDDEV, SC_COL_WALL_CV,
    SC_COL_CALLS_PER_SECOND, SC_COL_SYSCALLS_PER_CALL, SC_COL_STABLE,
    SC_COL_CV_THRESHOLD, SC_COL_PROFILE_TOOL, SC_COL_TIMESTAMP,
    SC_COL_GIT_HASH, SC_COL_HOSTNAME, SC_COL_PLATFORM, SC_COL_SAMPLES,
    SC_COL_SEED, SC_COL_PROCESSES, SC_COL_ENV_TXT,
    SC_COL_COUNT
};

#define SC_HAS(r, col) (((r)->present >> (col)) & 1u)

struct sc_result_set {
    struct sc_result *rows;
    size_t n;
};

/* Longest line the reader accepts, so a corrupt file cannot exhaust memory. */
#define SC_CSV_MAX_LINE (1u << 20)

/* Writes one text field, quoted only when it needs it (RFC 4180); NULL is
 * written as an empty field. */
void sc_csv_put_field(FILE *f, const char *s);

/* Writes the header: SC_CSV_HEADER, or SC_CSV_HEADER_ENV_TXT. */
int sc_results_write_csv_header(FILE *f, bool env_txt);

/* Writes one data row, with the envTxt field when r->env_txt is set (the
 * header must say so). Returns -1 on a stdio error. */
int sc_results_write_csv_row(FILE *f, const struct sc_result *r);

/* Writes the header and one row per result; the envTxt column when any
 * row has one. Returns -1 on a stdio error. */
int sc_results_write_csv(FILE *f, const struct sc_result *rows, size_t n);

/* Reads a CSV written by the kit (or by the framework it descends from).
 * Extra columns are ignored with a note on stderr; optional columns may be
 * missing; test and wallMedian are required. On bad input returns -1 and
 * fills err with "FILE:LINE:COL: what is wrong". */
int sc_results_read_csv(const char *path, struct sc_result_set *out,
                        char *err, size_t errlen);

/* The same, on len bytes in memory (need not be NUL-terminated); `name`
 * stands for the file in messages. */
int sc_results_read_csv_buf(const char *data, size_t len, const char *name,
                            struct sc_result_set *out, char *err, size_t errlen);

struct sc_summary;

/* Sets the wall* statistics and callsPerSecond from a summary of the
 * samples (us per call); the other fields are left as they are. */
void sc_result_fill_stats(struct sc_result *r, const struct sc_summary *s);

void sc_result_free(struct sc_result *r);
void sc_result_set_free(struct sc_result_set *set);

/* Index of the row named `test`, or -1. */
long sc_result_set_find(const struct sc_result_set *set, const char *test);

#ifdef __cplusplus
}
#endif

#endif
