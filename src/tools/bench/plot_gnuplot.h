/* Running gnuplot on a template: finding both, and treating anything
 * gnuplot says on stderr as a failure, so a chart that warns never ships. */
#ifndef BENCH_PLOT_GNUPLOT_H
#define BENCH_PLOT_GNUPLOT_H

#include <stddef.h>

enum plot_term { PLOT_TERM_FILES, PLOT_TERM_PNG, PLOT_TERM_SVG, PLOT_TERM_DUMB };

/* Finds `gnuplot` on PATH (env BENCH_GNUPLOT names another binary).
 * Returns -1 with a one-line err saying how to install it. */
int plot_find_gnuplot(char *path, size_t len, char *err, size_t errlen);

/* Finds the templates: env BENCH_PLOTS_DIR, else share/syscost/plots beside
 * the binary, installed (bin/../share) or in the build tree (bin/tools/../../share).
 * The path comes back absolute (gnuplot runs in another directory) and
 * without ':' (it goes into GNUPLOT_LIB, a ':'-separated list). */
int plot_find_templates(char *dir, size_t len, char *err, size_t errlen);

/* The `gnuplot -e` line for one chart and terminal (PNG, SVG or dumb, with
 * `columns` its width): terminal, output file NAME.png/NAME.svg, and the
 * template's inputs datafile (the first), datafiles (all, space-separated)
 * and textfile. The names are the only text in it that is not the kit's
 * own, so each must pass safe_name_check: NULL with err when one does not
 * (or when out of memory). Malloc'ed. */
char *plot_gnuplot_setup(enum plot_term term, int width, int height, int columns,
                         const char *name, const char *const *datafiles, size_t n_datafiles,
                         const char *textfile, char *err, size_t errlen);

/* Runs `gnuplot -e SETUP TEMPLATE` with cwd = work_dir, stdin from /dev/null,
 * stdout inherited (the dumb terminal draws there) and GNUPLOT_LIB = the
 * templates directory (data, not code: that is how `load 'style.gp'` finds
 * it). Fails when gnuplot exits non-zero or writes anything to stderr; err
 * then quotes its first line. */
int plot_run_gnuplot(const char *gnuplot, const char *templates, const char *work_dir,
                     const char *setup, const char *template_path, char *err, size_t errlen);

/* Kills a gnuplot still running and waits for it, from a signal handler, so
 * it writes nothing after the handler cleans up. */
void plot_gnuplot_kill_from_signal(void);

#endif
