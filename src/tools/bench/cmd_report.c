/* bench report: REPORT.md and REPORT.html from one demo run's files. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "report.h"

const struct sc_cli report_cli = {
    .name = "bench report",
    .summary = "REPORT.md and REPORT.html of a demo run",
    .about = "Writes DIR/REPORT.md and DIR/REPORT.html (self-contained, charts inlined)\n"
             "from the files a demo run left in DIR: demo.csv, slow.csv, fast.csv,\n"
             "env.txt, <Suite.Case>.<script>.json histograms, overhead/*.csv and\n"
             "plots/*.png. Parts the run lacks are said to be missing.\n",
    .args = (const struct sc_arg[]){{"DIR", 1, 1, "a demo run's artifact folder"},
                                    {NULL, 0, 0, NULL}},
    .examples = "bench plot all artifacts/demo-09 && bench report artifacts/demo-09\n",
    .footer = "Exit status: 0 written, 2 bad input\n",
};

int cmd_report(int argc, char **argv)
{
    const struct sc_opt opts[] = {SC_OPT_END()};
    char *pos[1];
    int n_pos, rc = bench_parse(&report_cli, opts, argc, argv, pos, &n_pos);
    if (rc != BENCH_GO_ON)
        return rc;
    const char *dir = pos[0];
    struct report_findings found;
    char err[1024];
    if (report_write(dir, &found, err, sizeof(err))) {
        fprintf(stderr, "error: %s\n", err);
        return 2;
    }
    printf("%s/REPORT.md\n%s/REPORT.html\n", dir, dir);
    return 0;
}
