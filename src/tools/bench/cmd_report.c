/* bench report: REPORT.md and REPORT.html from one demo run's files. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "report.h"
#include "run_layout.h"

static void help(FILE *f)
{
    fprintf(f, "usage: bench report DIR\n\n"
               "Writes DIR/REPORT.md and DIR/REPORT.html (self-contained, charts inlined)\n"
               "from the files a demo run left in DIR: demo.csv, slow.csv, fast.csv,\n"
               "env.txt, <Suite.Case>.<script>.json histograms, overhead/*.csv and\n"
               "plots/*.png. Parts the run lacks are said to be missing.\n\n"
               "exit status: 0 written, 2 bad input\n\n"
               "example:\n  bench plot all artifacts/demo-09 && bench report artifacts/demo-09\n");
}

int cmd_report(int argc, char **argv)
{
    const char *dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            help(stdout);
            return 0;
        }
        if (argv[i][0] == '-' && argv[i][1])
            return bench_usage_error("report", "unknown flag", argv[i]);
        if (dir) {
            fprintf(stderr, "error: bench report: takes one directory, got another: %s\n", argv[i]);
            return 2;
        }
        dir = argv[i];
    }
    if (!dir)
        return bench_usage_error("report", "needs the run directory", NULL);
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
