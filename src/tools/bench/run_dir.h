/* The files one demo run leaves in its artifact directory, found by the
 * names run_layout.h gives them (each optional here):
 *   demo.csv slow.csv fast.csv env.txt
 *   <Suite.Case>.<script>.json            tracer maps, also in overhead/
 *   overhead/ *.csv                       the observer-effect runs
 * Shared by `bench plot all` and `bench report`, so both read one layout. */
#ifndef BENCH_RUN_DIR_H
#define BENCH_RUN_DIR_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

struct run_hist_group {
    char name[128];  /* chart name, a safe name: "hist-syslat", "hist-syslat-overhead" */
    char script[64];
    char subdir[64]; /* "" for the run's top directory */
    char **files;    /* sorted, the walkthrough's two cases first */
    bool *has_hist;  /* per file: it holds a histogram map; a file of counts
                      * alone (syscount's) has nothing to chart */
    size_t n;
    size_t n_hist;   /* files with has_hist */
};

struct run_dir {
    char dir[PATH_MAX];
    char demo_csv[PATH_MAX], slow_csv[PATH_MAX], fast_csv[PATH_MAX], env_txt[PATH_MAX];
    char overhead_dir[PATH_MAX]; /* "" when overhead/ holds no CSV */
    struct run_hist_group *groups;
    size_t n_groups;
};

/* Fails only when dir is not a readable directory (or out of memory). */
int run_dir_scan(const char *dir, struct run_dir *out, char *err, size_t errlen);
void run_dir_free(struct run_dir *r);

/* True when the two canonical cases of the walkthrough are named here. */
int run_dir_is_canonical(const char *test);

#endif
