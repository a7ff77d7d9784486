/* google benchmark's JSON layout, so tools made for it (compare.py,
 * benchstat converters, dashboards) read the kit's results. */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/atomic_file.h>
#include <syscost/json_write.h>
#include <syscost/stats.h>

#include "reporter.h"

struct json_state {
    struct sc_atomic_file af; /* first: see sc_reporter_file_close */
    size_t rows; /* benchmark objects written, for commas */
    int family;
    uint64_t start_ns; /* the run's start, for each repeat's start_s */
};

static int json_open(struct sc_reporter *r, const struct sc_run_info *info,
                     char *err, size_t errlen)
{
    struct json_state *js = calloc(1, sizeof(*js));
    if (!js || sc_atomic_open(&js->af, r->path, err, errlen)) {
        free(js);
        return -1;
    }
    r->state = js;
    js->start_ns = info->start_ns;
    const struct sc_env *e = info->env;
    const struct sc_options *o = info->opt;
    FILE *f = js->af.f;
    fputs("{\n  \"context\": {", f);
    const struct {
        const char *key, *value;
    } head[] = {{"date", e->timestamp}, {"host_name", e->hostname},
                {"executable", info->executable}},
      tail[] = {{"library_build_type", !strcmp(e->build_type, "Debug") ? "debug" : "release"},
                {"library_version", "syscost"}, {"platform", e->platform},
                {"git_hash", e->git_hash}, {"clocksource", e->clocksource},
                /* What the CSV has per row, so bench reads either alike. */
                {"profile_tool", o->profile_tool_label ? o->profile_tool_label : o->profile}};
    for (size_t i = 0; i < sizeof(head) / sizeof(head[0]); i++) {
        fprintf(f, "\n    \"%s\": ", head[i].key);
        sc_json_put_string(f, head[i].value);
        fputc(',', f);
    }
    fprintf(f, "\n    \"num_cpus\": %d,\n    \"mhz_per_cpu\": %.0f,\n", e->num_cpus, e->mhz);
    fprintf(f, "    \"cpu_scaling_enabled\": %s,\n",
            e->governor[0] && strcmp(e->governor, "performance") ? "true" : "false");
    fputs("    \"caches\": [],\n", f);
    fprintf(f, "    \"load_avg\": [%.2f, %.2f, %.2f]", e->load_avg[0], e->load_avg[1],
            e->load_avg[2]);
    for (size_t i = 0; i < sizeof(tail) / sizeof(tail[0]); i++) {
        fprintf(f, ",\n    \"%s\": ", tail[i].key);
        sc_json_put_string(f, tail[i].value);
    }
    fprintf(f, ",\n    \"cv_threshold\": %.6g", o->cv_threshold);
    /* The kit's own: how the samples were taken (see struct sc_result). */
    fprintf(f, ",\n    \"interleaved\": %s", info->interleaved ? "true" : "false");
    if (info->interleaved)
        fprintf(f, ",\n    \"seed\": %" PRIu32, info->seed);
    fprintf(f, ",\n    \"processes\": %" PRIu64, info->processes);
    fputs("\n  },\n  \"benchmarks\": [", f);
    return ferror(f) ? -1 : 0;
}

static void begin_row(struct json_state *js, const char *name, const char *run_name,
                      const char *run_type, uint64_t repeats)
{
    FILE *f = js->af.f;
    fputs(js->rows++ ? ",\n    {\n" : "\n    {\n", f);
    fputs("      \"name\": ", f);
    sc_json_put_string(f, name);
    fprintf(f, ",\n      \"family_index\": %d,\n      \"per_family_instance_index\": 0,\n",
            js->family);
    fputs("      \"run_name\": ", f);
    sc_json_put_string(f, run_name);
    fprintf(f, ",\n      \"run_type\": \"%s\",\n      \"repetitions\": %llu,\n",
            run_type, (unsigned long long)repeats);
    fputs("      \"threads\": 1,\n", f);
}

static void end_row(struct json_state *js, const struct sc_case_report *rep,
                    double real, double cpu, const char *unit)
{
    const struct sc_result *res = rep->res;
    FILE *f = js->af.f;
    fprintf(f, "      \"real_time\": %.6g,\n      \"cpu_time\": %.6g,\n", real, cpu);
    fprintf(f, "      \"time_unit\": \"%s\"", unit);
    if (!isnan(res->syscalls_per_call))
        fprintf(f, ",\n      \"syscalls_per_call\": %.6g", res->syscalls_per_call);
    if (!isnan(res->syscalls_per_call) && rep->syscalls_self_counted > 0)
        fprintf(f, ",\n      \"syscalls_self_counted_per_call\": %.6g",
                rep->syscalls_self_counted);
    fputs("\n    }", f);
}

static int json_report(struct sc_reporter *r, const struct sc_case_report *rep)
{
    struct json_state *js = r->state;
    if (rep->outcome != SC_OK)
        return 0;
    const struct sc_result *res = rep->res;
    FILE *f = js->af.f;
    for (size_t i = 0; i < res->n_samples; i++) {
        begin_row(js, res->test, res->test, "iteration", res->repeats);
        fprintf(f, "      \"repetition_index\": %zu,\n      \"iterations\": %llu,\n",
                i, (unsigned long long)res->cycles);
        /* When the repeat began, in seconds from the run's start: shows the
         * rounds, and drift over a run. */
        if (rep->start_ns)
            fprintf(f, "      \"start_s\": %.6f,\n",
                    (double)(int64_t)(rep->start_ns[i] - js->start_ns) / 1e9);
        end_row(js, rep, res->samples[i], rep->cpu_samples[i], "us");
    }
    struct sc_summary cpu;
    if (sc_summarize(rep->cpu_samples, res->n_samples, &cpu))
        return -1;
    const struct {
        const char *agg;
        double real, cpu;
        const char *unit;
    } aggs[] = {
        {"mean", res->wall_mean, cpu.mean, "time"},
        {"median", res->wall_median, cpu.median, "time"},
        {"stddev", res->wall_stddev, cpu.stddev, "time"},
        {"cv", res->wall_cv, cpu.cv, "percentage"},
    };
    for (size_t k = 0; k < sizeof(aggs) / sizeof(aggs[0]); k++) {
        char name[512];
        snprintf(name, sizeof(name), "%s_%s", res->test, aggs[k].agg);
        begin_row(js, name, res->test, "aggregate", res->repeats);
        fprintf(f, "      \"aggregate_name\": \"%s\",\n      \"aggregate_unit\": \"%s\",\n",
                aggs[k].agg, aggs[k].unit);
        fprintf(f, "      \"iterations\": %llu,\n", (unsigned long long)res->n_samples);
        end_row(js, rep, aggs[k].real, aggs[k].cpu, "us");
    }
    js->family++;
    return ferror(f) ? -1 : 0;
}

static int json_close(struct sc_reporter *r, char *err, size_t errlen)
{
    struct json_state *js = r->state;
    fputs(js->rows ? "\n  ]\n}\n" : "]\n}\n", js->af.f);
    return sc_reporter_file_close(r, err, errlen);
}

const struct sc_reporter sc_json_reporter = {
    .name = "json",
    .open = json_open,
    .report = json_report,
    .close = json_close,
    .abort = sc_reporter_file_abort,
};
