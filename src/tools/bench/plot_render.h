/* Draws a chart a plot kind has staged (its data and titles files) with
 * gnuplot, into the same stage: NAME.png and NAME.svg (PLOT_TERM_FILES),
 * one of them, or the dumb terminal on stdout. Shared by bench plot and
 * bench fleet. */
#ifndef BENCH_PLOT_RENDER_H
#define BENCH_PLOT_RENDER_H

#include <stddef.h>

#include "plot_gnuplot.h"
#include "plot_kinds.h"
#include "plot_stage.h"

int plot_render(struct plot_stage *stage, const char *gnuplot, const char *templates,
                const struct plot_chart *c, enum plot_term term, char *err, size_t errlen);

#endif
