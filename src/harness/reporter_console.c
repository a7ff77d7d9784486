#include <math.h>
#include <stdio.h>

#include <syscost/units.h>

#include "reporter.h"

static int console_open(struct sc_reporter *r, const struct sc_run_info *info,
                        char *err, size_t errlen)
{
    (void)r, (void)err, (void)errlen;
    const struct sc_env *e = info->env;
    fprintf(stderr, "%s, %d CPU%s, %s, clocksource %s\n",
            e->cpu_model[0] ? e->cpu_model : "unknown CPU", e->num_cpus,
            e->num_cpus == 1 ? "" : "s", e->platform,
            e->clocksource[0] ? e->clocksource : "unknown");
    sc_env_warn(e, stderr);
    return 0;
}

static int console_report(struct sc_reporter *r, const struct sc_case_report *rep)
{
    (void)r;
    if (rep->outcome == SC_FAIL) {
        printf("%-40s FAILED: %s\n", rep->name, rep->message);
        fflush(stdout);
        return 0;
    }
    if (rep->outcome == SC_SKIP) {
        printf("%-40s SKIPPED: %s\n", rep->name, rep->message);
        fflush(stdout);
        return 0;
    }
    const struct sc_result *res = rep->res;
    char t[32], rate[32], sys[64];
    sc_format_time_us(res->wall_median, t, sizeof(t));
    sc_format_count(res->calls_per_second, rate, sizeof(rate));
    if (isnan(res->syscalls_per_call))
        snprintf(sys, sizeof(sys), "n/a");
    else if (rep->syscalls_self_counted > 0)
        snprintf(sys, sizeof(sys), "%.6g (%.6g self-counted)", res->syscalls_per_call,
                 rep->syscalls_self_counted);
    else
        snprintf(sys, sizeof(sys), "%.6g", res->syscalls_per_call);
    printf("%-40s %10s/call %9s calls/s   CV %5.1f%%%s   %s syscalls/call\n",
           res->test, t, rate, res->wall_cv * 100, res->stable ? " " : "!", sys);
    fflush(stdout);
    return 0;
}

static int console_close(struct sc_reporter *r, char *err, size_t errlen)
{
    (void)r, (void)err, (void)errlen;
    return 0;
}

static void console_abort(struct sc_reporter *r)
{
    (void)r;
}

const struct sc_reporter sc_console_reporter = {
    .name = "console",
    .open = console_open,
    .report = console_report,
    .close = console_close,
    .abort = console_abort,
};
