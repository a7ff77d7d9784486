/* env.txt of a run folder (--env-txt): the machine and the build the
 * results came from, written when the run ends (the steal time during the
 * run is known only then) and published with the other files, so an
 * interrupted run leaves the previous one as it was. */
#include <stdlib.h>

#include <syscost/atomic_file.h>

#include "reporter.h"

struct env_state {
    struct sc_atomic_file af; /* first: see sc_reporter_file_close */
    const struct sc_run_info *info;
};

static int env_open(struct sc_reporter *r, const struct sc_run_info *info, char *err,
                    size_t errlen)
{
    struct env_state *es = calloc(1, sizeof(*es));
    if (!es || sc_atomic_open(&es->af, r->path, err, errlen)) {
        free(es);
        return -1;
    }
    es->info = info;
    r->state = es;
    return 0;
}

static int env_report(struct sc_reporter *r, const struct sc_case_report *rep)
{
    (void)r, (void)rep;
    return 0;
}

static int env_close(struct sc_reporter *r, char *err, size_t errlen)
{
    struct env_state *es = r->state;
    sc_env_write_txt(es->info->env, es->af.f); /* a write error is found at commit */
    return sc_reporter_file_close(r, err, errlen);
}

const struct sc_reporter sc_env_reporter = {
    .name = "env",
    .open = env_open,
    .report = env_report,
    .close = env_close,
    .abort = sc_reporter_file_abort,
};
