#include <syscost/atomic_file.h>

#include "reporter.h"

static int csv_open(struct sc_reporter *r, const struct sc_run_info *info,
                    char *err, size_t errlen)
{
    (void)info;
    struct sc_atomic_file *af = sc_reporter_file_open(r, err, errlen);
    if (!af)
        return -1;
    /* Header now, rows as cases finish: an empty result set still reads. */
    return sc_results_write_csv(af->f, NULL, 0);
}

static int csv_report(struct sc_reporter *r, const struct sc_case_report *rep)
{
    struct sc_atomic_file *af = r->state;
    if (rep->outcome != SC_OK)
        return 0;
    return sc_results_write_csv_row(af->f, rep->res);
}

const struct sc_reporter sc_csv_reporter = {
    .name = "csv",
    .open = csv_open,
    .report = csv_report,
    .close = sc_reporter_file_close,
    .abort = sc_reporter_file_abort,
};
