/* The result files a command reads, however they were named on its line:
 * each FILE as given, in any format sc_results_read knows (the kit's CSV,
 * its --json, google benchmark JSON), and each DIR as the *.csv files in
 * it, sorted by name, a symbolic link among them left out with a note (a
 * folder of runs may come from elsewhere). One reader for summary,
 * compare, overhead, batching, the charts and the report, so each takes
 * what the others take. */
#ifndef BENCH_RESULT_INPUTS_H
#define BENCH_RESULT_INPUTS_H

#include <stddef.h>

#include <syscost/results.h>

/* The most .csv files one directory may give (a run folder's overhead/
 * holds one per tracer). */
#define RESULT_INPUTS_MAX_PER_DIR 64

struct result_inputs {
    char **paths;               /* the files read, in order */
    struct sc_result_set *sets; /* sets[i] read from paths[i] */
    size_t n;
};

/* Reads every input. Fails with a one-line err ("FILE:LINE:COL: ..." from
 * the reader, or "DIR: no .csv file in the directory") and nothing kept. */
int result_inputs_read(char *const *args, size_t n_args, struct result_inputs *out, char *err,
                       size_t errlen);

void result_inputs_free(struct result_inputs *in);

#endif
