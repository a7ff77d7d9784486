/* bench ab's sides: one run of one side's command line, its results read
 * back. A side is run as
 *     /bin/sh -c 'COMMAND --csv FILE --repeats K'
 * (FILE a file in a private temporary folder, quoted for the shell), in a
 * process group of its own, so a stop request reaches every process the
 * command started. Its output goes to a log beside FILE, shown when the
 * side fails. */
#ifndef BENCH_AB_SIDE_H
#define BENCH_AB_SIDE_H

#include <stddef.h>
#include <stdint.h>

#include <syscost/results.h>

/* The flags appended to each side's command, for the help and messages. */
#define AB_APPENDED_FLAGS "--csv FILE --repeats K"

struct ab_runner {
    char dir[512];  /* the private temporary folder */
    char csv[600];  /* dir/side.csv */
    char log[600];  /* dir/side.log */
    uint64_t repeats;
};

/* Makes the temporary folder and catches the stop signals (SIGINT,
 * SIGTERM, SIGHUP, SIGPIPE): the running side's process group is ended,
 * the folder removed, and bench dies of the signal. Returns 0, or -1 with
 * err filled. */
int ab_runner_init(struct ab_runner *r, uint64_t repeats, char *err, size_t errlen);

/* Removes the folder and restores the signals. */
void ab_runner_free(struct ab_runner *r);

/* Runs `cmd` once as the `side` ("baseline", "candidate") of round `round`
 * (1-based) and reads its CSV into set (freed first). Returns 0, or -1 with
 * err filled: the side exited non-zero or died of a signal (its last output
 * lines follow on stderr), wrote no CSV, or wrote one that is not the kit's
 * (or whose cases have no per-repeat samples). */
int ab_run_side(struct ab_runner *r, const char *cmd, const char *side, size_t round,
                struct sc_result_set *set, char *err, size_t errlen);

#endif
