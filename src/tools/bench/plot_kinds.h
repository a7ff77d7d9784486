/* The charts `bench plot` draws. Each kind reads its inputs, writes its
 * data files and its titles file (NAME.titles.dat, see plot_text.h) into
 * the stage and says which template draws them; cmd_plot runs gnuplot.
 * One function per kind, one signature. Every file name is a safe name
 * (safe_name.h): the chart's, from --name or the kind, and each data file's. */
#ifndef BENCH_PLOT_KINDS_H
#define BENCH_PLOT_KINDS_H

#include <stddef.h>
#include <stdio.h>

#include "plot_stage.h"

#define PLOT_MAX_DATAFILES 4
#define PLOT_NAME_MAX 256

struct plot_opts {
    const char *name;    /* output base name, a safe name; NULL: the kind's name */
    const char *title;   /* chart title; NULL: one made from the inputs */
    const char *syscall; /* hist: the key (NULL: write, else the busiest) */
    const char *map;     /* hist: the map (NULL: the first histogram) */
    const char *test;    /* overhead: the case */
    const char *prefix;  /* sweep: case name prefix before the byte count */
    const char *pair_base, *pair_cand; /* compare: --pair */
};

struct plot_chart {
    char name[128];       /* output base name: NAME.png, NAME.svg */
    const char *template; /* "compare.gp" */
    int width, height;    /* pixels */
    char datafiles[PLOT_MAX_DATAFILES][PLOT_NAME_MAX]; /* in the stage */
    size_t n_datafiles;
    char textfile[PLOT_NAME_MAX]; /* one row of quoted titles; see each template */
};

typedef int (*plot_kind_fn)(struct plot_stage *st, char **inputs, int n_inputs,
                            const struct plot_opts *o, struct plot_chart *out,
                            char *err, size_t errlen);

struct plot_kind {
    const char *name;
    plot_kind_fn build;
    int min_inputs, max_inputs; /* max 0: no limit */
    const char *inputs_help;
};

struct fleet;
#define FLEET_CHART_MAX_CASES 12

/* The fleet chart of runs already read (bench fleet draws it from the
 * fleet it reports on): cost per syscall per run, the run's null syscall
 * hatched at the foot of each bar. */
int plot_fleet_chart(struct plot_stage *st, const struct fleet *f, const struct plot_opts *o,
                     struct plot_chart *c, char *err, size_t errlen);

/* The rows of f that chart shows, at most max and FLEET_CHART_MAX_CASES:
 * the Syscall suite's cases every run has, else the first cases every run has. */
size_t plot_fleet_cases(const struct fleet *f, size_t *rows, size_t max);

/* The kinds, ending with a NULL name. */
extern const struct plot_kind plot_kinds[];
const struct plot_kind *plot_kind_find(const char *name);

#endif
