/* A staging directory for one `bench plot` run: data files and images are
 * written there and moved into the output directory only when every chart
 * rendered, so a failed or interrupted run leaves no partial files. */
#ifndef BENCH_PLOT_STAGE_H
#define BENCH_PLOT_STAGE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define PLOT_STAGE_MAX_FILES 64

struct plot_stage {
    char dir[PATH_MAX];     /* the staging directory */
    char out_dir[PATH_MAX]; /* where commit() moves the files; "" keeps none */
    bool made_out_dir;      /* abort() removes it again when still empty */
    char *files[PLOT_STAGE_MAX_FILES]; /* names inside dir */
    size_t n_files;
};

/* Creates a hidden staging directory inside out_dir (created when missing),
 * or, with out_dir NULL, a temporary one whose files commit() discards
 * (for charts drawn on the terminal). */
int plot_stage_open(struct plot_stage *st, const char *out_dir, char *err, size_t errlen);

/* Registers `name` as a file of this run and returns its full path in buf. */
int plot_stage_path(struct plot_stage *st, const char *name, char *buf, size_t len,
                    char *err, size_t errlen);

/* Opens a registered file for writing. */
FILE *plot_stage_create(struct plot_stage *st, const char *name, char *err, size_t errlen);

/* The files registered so far, for plot_stage_rollback. */
size_t plot_stage_mark(const struct plot_stage *st);

/* Removes the files registered after `mark`: one chart's, when it cannot
 * be drawn, so the others are still committed. */
void plot_stage_rollback(struct plot_stage *st, size_t mark);

/* Moves every registered file into out_dir and removes the staging directory. */
int plot_stage_commit(struct plot_stage *st, char *err, size_t errlen);

/* Removes the staged files and the staging directory. Safe to call twice. */
void plot_stage_abort(struct plot_stage *st);

/* Removes the stage that is open, from a signal handler (unlink and rmdir
 * only, which are async-signal-safe). */
void plot_stage_abort_from_signal(void);

#endif
