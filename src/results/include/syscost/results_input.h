/* Result files in either format the kit reads: its own CSV and google
 * benchmark's JSON (which the kit's own --json also writes), both as
 * sc_result rows. */
#ifndef SYSCOST_RESULTS_INPUT_H
#define SYSCOST_RESULTS_INPUT_H

#include <stddef.h>

#include <syscost/results.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Reads either format, chosen by content (JSON starts with '{' or '['),
 * so a file's name does not matter. The file is read once, through
 * sc_read_file (regular files only, up to SC_READ_MAX_BYTES). On bad input
 * returns -1 and fills err with "FILE:LINE:COL: what is wrong" (or
 * "FILE: ..." without a place). */
int sc_results_read(const char *path, struct sc_result_set *out, char *err, size_t errlen);

/* google benchmark JSON, len bytes at data (`name` stands for the file in
 * messages): each benchmark's per-repetition rows ("run_type": "iteration",
 * grouped by "run_name") become its samples, in microseconds. A benchmark
 * with aggregate rows only gets its median (else mean) as a single sample.
 * Rows with "error_occurred" are skipped with a note. Every number kept,
 * and every statistic derived from them, is finite: a value that is not
 * once converted to microseconds (1e305 s) is refused, naming the row. */
int sc_results_read_gbench_json_buf(const char *data, size_t len, const char *name,
                                    struct sc_result_set *out, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif
