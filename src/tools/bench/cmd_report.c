/* bench report: REPORT.md and REPORT.html from one demo run's files. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "report.h"
#include "run_layout.h"

/* No options: its one argument says everything. */
static const struct sc_opt options[] = {SC_OPT_END()};

static int run(char **pos, int n_pos)
{
    (void)n_pos;
    const char *dir = pos[0];
    struct report_findings found;
    char err[1024];
    if (report_write(dir, &found, err, sizeof(err))) {
        fprintf(stderr, "error: %s\n", err);
        return 2;
    }
    printf("%s/%s\n%s/%s\n", dir, run_layout_files[RUN_FILE_REPORT_MD].path, dir,
           run_layout_files[RUN_FILE_REPORT_HTML].path);
    return 0;
}

const struct bench_command report_command = {
    .cli = {
        .name = "bench report",
        .summary = "REPORT.md and REPORT.html of a demo run",
        .about = "Writes DIR/REPORT.md and DIR/REPORT.html (self-contained, charts inlined)\n"
                 "from the files a demo run left in DIR: demo.csv, slow.csv, fast.csv,\n"
                 "env.txt, <Suite.Case>.<script>.json histograms, overhead/*.csv and\n"
                 "plots/*.png. Parts the run lacks are said to be missing.\n",
        .args = SC_ARGS({"DIR", 1, 1, "a demo run's artifact folder"}),
        .examples = "bench plot all artifacts/demo-09 && bench report artifacts/demo-09\n",
        .footer = "Exit status: 0 written, 2 bad input\n",
    },
    .options = options, .run = run,
};
