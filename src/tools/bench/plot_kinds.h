/* The charts `bench plot` draws. Each kind reads its inputs, writes its
 * data files into the stage and says which template draws them with which
 * titles; cmd_plot runs gnuplot. One function per kind, one signature. */
#ifndef BENCH_PLOT_KINDS_H
#define BENCH_PLOT_KINDS_H

#include <stddef.h>

#include "plot_stage.h"

struct plot_opts {
    const char *name;    /* output base name; NULL: the kind's name */
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
    char *vars;           /* gnuplot assignments for the template (malloc'ed) */
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

/* The kinds, ending with a NULL name. */
extern const struct plot_kind plot_kinds[];
const struct plot_kind *plot_kind_find(const char *name);

void plot_chart_free(struct plot_chart *c);

/* Writes s as a gnuplot single-quoted string (quotes doubled). */
void plot_put_gp_string(FILE *f, const char *s);

#endif
