/* Drawing one chart a plot kind has staged: gnuplot once per terminal. */
#include "plot_render.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

int plot_render(struct plot_stage *stage, const char *gnuplot, const char *templates,
                const struct plot_chart *c, enum plot_term term, char *err, size_t errlen)
{
    enum plot_term terms[2];
    int n = 0;
    if (term == PLOT_TERM_FILES) {
        terms[n++] = PLOT_TERM_PNG;
        terms[n++] = PLOT_TERM_SVG;
    } else {
        terms[n++] = term;
    }
    char template_path[PATH_MAX];
    if (snprintf(template_path, sizeof(template_path), "%s/%s", templates, c->template) >=
        (int)sizeof(template_path)) {
        snprintf(err, errlen, "%.200s...: template path too long", templates);
        return -1;
    }
    const char *cols = getenv("COLUMNS");
    int columns = cols ? atoi(cols) : 0;
    const char *datafiles[PLOT_MAX_DATAFILES];
    for (size_t i = 0; i < c->n_datafiles; i++)
        datafiles[i] = c->datafiles[i];
    for (int i = 0; i < n; i++) {
        if (terms[i] != PLOT_TERM_DUMB) {
            char out[256], full[PATH_MAX];
            snprintf(out, sizeof(out), "%s.%s", c->name, terms[i] == PLOT_TERM_PNG ? "png" : "svg");
            if (plot_stage_path(stage, out, full, sizeof(full), err, errlen))
                return -1;
        } else {
            printf("%s\n", c->name);
            fflush(stdout);
        }
        char *setup = plot_gnuplot_setup(terms[i], c->width, c->height,
                                         columns >= 60 && columns <= 400 ? columns : 120, c->name,
                                         datafiles, c->n_datafiles,
                                         c->textfile[0] ? c->textfile : NULL, err, errlen);
        if (!setup)
            return -1;
        int rc = plot_run_gnuplot(gnuplot, templates, stage->dir, setup, template_path, err, errlen);
        free(setup);
        if (rc)
            return -1;
    }
    return 0;
}
