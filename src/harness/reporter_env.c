/* env.txt of a run folder (--env-txt): the machine and the build the
 * results came from, published with the other files when the run ends, so
 * an interrupted run leaves the previous one as it was. */
#include <syscost/atomic_file.h>

#include "reporter.h"

static int env_open(struct sc_reporter *r, const struct sc_run_info *info, char *err,
                    size_t errlen)
{
    struct sc_atomic_file *af = sc_reporter_file_open(r, err, errlen);
    if (!af)
        return -1;
    sc_env_write_txt(info->env, af->f); /* a write error is found at close */
    return 0;
}

static int env_report(struct sc_reporter *r, const struct sc_case_report *rep)
{
    (void)r, (void)rep;
    return 0;
}

const struct sc_reporter sc_env_reporter = {
    .name = "env",
    .open = env_open,
    .report = env_report,
    .close = sc_reporter_file_close,
    .abort = sc_reporter_file_abort,
};
