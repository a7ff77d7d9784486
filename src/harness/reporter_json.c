/* google benchmark's JSON layout, so tools made for it (compare.py,
 * benchstat converters, dashboards) read the kit's results. */
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/atomic_file.h>
#include <syscost/json_write.h>
#include <syscost/stats.h>

#include "reporter.h"

struct json_state {
    struct sc_atomic_file af; /* first: see sc_reporter_file_close */
    const struct sc_run_info *info;
    /* The benchmark rows, kept until close: the context comes first in the
     * file and holds what only the run's end knows (its steal time). */
    FILE *body;
    char *body_text;
    size_t body_len;
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
    js->info = info;
    if (!(js->body = open_memstream(&js->body_text, &js->body_len))) {
        sc_atomic_abort(&js->af);
        free(js);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    r->state = js;
    js->start_ns = info->start_ns;
    return 0;
}

/* "key": "text", in an object being written; first says whether a comma
 * goes before it. */
static void put_pair(FILE *f, const char *indent, const char *key, const char *value, bool first)
{
    fprintf(f, "%s\n%s", first ? "" : ",", indent);
    sc_json_put_string(f, key);
    fputs(": ", f);
    sc_json_put_string(f, value);
}

static void put_count(FILE *f, const char *indent, const char *key, double v, bool known)
{
    fprintf(f, ",\n%s\"%s\": ", indent, key);
    if (known)
        sc_json_put_number(f, v);
    else
        fputs("null", f);
}

/* The machine's fingerprint, the keys of env.txt's lines (docs/ARTIFACTS.md). */
static void write_fingerprint(FILE *f, const struct sc_env *e)
{
    const struct sc_fingerprint *fp = &e->fp;
    static const char in[] = "      ", in2[] = "        ";
    fputs(",\n    \"fingerprint\": {", f);
    put_pair(f, in, "cpu", e->cpu_model[0] ? e->cpu_model : SC_FP_UNKNOWN, true);
    put_pair(f, in, "microcode", fp->microcode, false);
    put_pair(f, in, "hypervisor", fp->hypervisor, false);
    fprintf(f, ",\n%s\"vulnerabilities\": ", in);
    if (!fp->vulns_known) {
        fputs("null", f);
    } else {
        fputc('{', f);
        for (size_t i = 0; i < fp->n_vulns; i++)
            put_pair(f, in2, fp->vulns[i].name, fp->vulns[i].line, i == 0);
        fprintf(f, "%s}", fp->n_vulns ? "\n      " : "");
    }
    fprintf(f, ",\n%s\"cmdline\": {", in);
    for (int k = 0; k < SC_FP_CMDLINE_KEYS; k++)
        put_pair(f, in2, sc_fp_cmdline_keys[k], fp->cmdline[k], k == 0);
    fprintf(f, "\n%s}", in);
    put_pair(f, in, "clocksource", e->clocksource[0] ? e->clocksource : SC_FP_UNKNOWN, false);
    put_count(f, in, "seccomp", fp->seccomp_mode, fp->seccomp_mode >= 0);
    put_count(f, in, "seccomp_filters", fp->seccomp_filters, fp->seccomp_filters >= 0);
    put_pair(f, in, "cgroup_cpu_limit", fp->cgroup_cpu_limit, false);
    put_count(f, in, "cgroup_cpus", fp->cgroup_cpus, fp->cgroup_cpus > 0);
    double ms, percent;
    sc_fp_steal(&fp->start, &fp->end, fp->ticks_per_second, &ms, &percent);
    put_count(f, in, "steal_ms", ms, ms >= 0);
    put_count(f, in, "steal_percent", percent, percent >= 0);
    fputs("\n    }", f);
}

static void write_context(FILE *f, const struct sc_run_info *info)
{
    const struct sc_env *e = info->env;
    const struct sc_options *o = info->opt;
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
    write_fingerprint(f, e);
    /* The kit's own: how the samples were taken (see struct sc_result). */
    fprintf(f, ",\n    \"interleaved\": %s", info->interleaved ? "true" : "false");
    if (info->interleaved)
        fprintf(f, ",\n    \"seed\": %" PRIu32, info->seed);
    fprintf(f, ",\n    \"processes\": %" PRIu64, info->processes);
    fputs("\n  },\n  \"benchmarks\": [", f);
}

static void begin_row(struct json_state *js, const char *name, const char *run_name,
                      const char *run_type, uint64_t repeats)
{
    FILE *f = js->body;
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
    FILE *f = js->body;
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
    FILE *f = js->body;
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

/* The rows kept so far, as one string (js->body closed); -1 out of memory. */
static int take_body(struct json_state *js)
{
    int bad = ferror(js->body) | fclose(js->body);
    js->body = NULL;
    return bad ? -1 : 0;
}

static int json_close(struct sc_reporter *r, char *err, size_t errlen)
{
    struct json_state *js = r->state;
    FILE *f = js->af.f;
    if (take_body(js)) {
        free(js->body_text);
        sc_reporter_file_abort(r);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    write_context(f, js->info);
    fwrite(js->body_text, 1, js->body_len, f);
    free(js->body_text);
    fputs(js->rows ? "\n  ]\n}\n" : "]\n}\n", f);
    return sc_reporter_file_close(r, err, errlen);
}

static void json_abort(struct sc_reporter *r)
{
    struct json_state *js = r->state;
    if (js && js->body) {
        fclose(js->body);
        free(js->body_text);
    }
    sc_reporter_file_abort(r);
}

const struct sc_reporter sc_json_reporter = {
    .name = "json",
    .open = json_open,
    .report = json_report,
    .close = json_close,
    .abort = json_abort,
};
