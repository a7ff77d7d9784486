/* A pooled run's process sends its results to the parent (see pool.h). */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pool.h"

static int pool_open(struct sc_reporter *r, const struct sc_run_info *info, char *err,
                     size_t errlen)
{
    (void)info;
    FILE *f = fdopen(SC_POOL_FD, "w");
    if (!f) {
        snprintf(err, errlen, "a pooled run's process cannot write to fd %d: %s", SC_POOL_FD,
                 strerror(errno));
        return -1;
    }
    r->state = f;
    return 0;
}

static void put_number(FILE *f, double v)
{
    if (isnan(v))
        fputs(" nan", f);
    else
        fprintf(f, " %a", v);
}

static int pool_report(struct sc_reporter *r, const struct sc_case_report *rep)
{
    FILE *f = r->state;
    fprintf(f, "case\t%s\n", rep->name);
    const struct sc_result *res = rep->outcome == SC_OK ? rep->res : NULL;
    fprintf(f, "result %d %" PRIu64 " %" PRIu64 " %zu", (int)rep->outcome,
            res ? res->cycles : 0, res ? res->warmup : 0, res ? res->n_samples : 0);
    put_number(f, res ? res->syscalls_per_call : NAN);
    put_number(f, res ? rep->syscalls_self_counted : NAN);
    for (size_t i = 0; res && i < res->n_samples; i++)
        put_number(f, res->samples[i]);
    for (size_t i = 0; res && i < res->n_samples; i++)
        put_number(f, rep->cpu_samples[i]);
    for (size_t i = 0; res && i < res->n_samples; i++)
        fprintf(f, " %" PRIu64, rep->start_ns[i]);
    fputs("\nmessage\t", f);
    for (const char *m = rep->message ? rep->message : ""; *m; m++)
        fputc(*m == '\n' || *m == '\r' ? ' ' : *m, f);
    fputc('\n', f);
    return ferror(f) ? -1 : 0;
}

static int pool_close(struct sc_reporter *r, char *err, size_t errlen)
{
    FILE *f = r->state;
    r->state = NULL;
    fputs("end\n", f);
    int bad = ferror(f);
    if (fclose(f) != 0 || bad) {
        snprintf(err, errlen, "a pooled run's process could not send its results: %s",
                 strerror(errno));
        return -1;
    }
    return 0;
}

static void pool_abort(struct sc_reporter *r)
{
    if (r->state)
        fclose(r->state);
    r->state = NULL;
}

const struct sc_reporter sc_pool_reporter = {
    .name = "pool",
    .open = pool_open,
    .report = pool_report,
    .close = pool_close,
    .abort = pool_abort,
};
