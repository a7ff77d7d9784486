/* Running gnuplot on a template: finding both, and treating anything
 * gnuplot says on stderr as a failure, so a chart that warns never ships. */
#ifndef BENCH_PLOT_GNUPLOT_H
#define BENCH_PLOT_GNUPLOT_H

#include <stddef.h>

/* Finds `gnuplot` on PATH (env BENCH_GNUPLOT names another binary).
 * Returns -1 with a one-line err saying how to install it. */
int plot_find_gnuplot(char *path, size_t len, char *err, size_t errlen);

/* Finds the templates: env BENCH_PLOTS_DIR, else share/syscost/plots beside
 * the binary, installed (bin/../share) or in the build tree (bin/tools/../../share). */
int plot_find_templates(char *dir, size_t len, char *err, size_t errlen);

/* Runs `gnuplot -e SETUP TEMPLATE` with cwd = work_dir, stdin from /dev/null
 * and stdout inherited (the dumb terminal draws there). Fails when gnuplot
 * exits non-zero or writes anything to stderr; err then quotes its first line. */
int plot_run_gnuplot(const char *gnuplot, const char *work_dir, const char *setup,
                     const char *template_path, char *err, size_t errlen);

/* Kills a gnuplot still running, from a signal handler. */
void plot_gnuplot_kill_from_signal(void);

#endif
