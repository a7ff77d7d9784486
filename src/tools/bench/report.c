#include "report.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <syscost/atomic_file.h>
#include <syscost/file_util.h>
#include <syscost/hist.h>
#include <syscost/input_error.h>
#include <syscost/results.h>
#include <syscost/results_input.h>
#include <syscost/units.h>

#include "batching_pairs.h"
#include "bench_signals.h"
#include "compare.h"
#include "compare_pairs.h"
#include "env_txt.h"
#include "hist_view.h"
#include "report_chart.h"
#include "report_seccomp.h"
#include "result_inputs.h"
#include "run_dir.h"
#include "run_layout.h"
#include "sweep_table.h"
#include "syscall_cost.h"
#include "export/export.h"

static void fmt_us(double us, char *buf, size_t len)
{
    sc_format_time_us(us, buf, len);
}

static void fmt_ns(double ns, char *buf, size_t len)
{
    sc_format_time_us(ns / 1e3, buf, len);
}

static void fmt_syscalls(double v, char *buf, size_t len)
{
    if (isnan(v))
        snprintf(buf, len, "n/a");
    else if (v == floor(v) && fabs(v) < 1e15)
        snprintf(buf, len, "%.0f", v);
    else
        snprintf(buf, len, "%.3g", v);
}

/* fmt_ns for a difference, which may come out below zero. */
static void fmt_signed_ns(double ns, char *buf, size_t len)
{
    char abs_text[24]; /* "123 ms": a time is a few characters */
    fmt_ns(fabs(ns), abs_text, sizeof(abs_text));
    snprintf(buf, len, "%s%s", ns < 0 ? "-" : "", abs_text);
}

static const char *plural(double n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* ---- environment ------------------------------------------------------ */

/* Adds env.txt's lines to t; sets *have_kernel when a key is "kernel". */
static int read_env_txt(const char *path, struct ex_table *t, bool *have_kernel, char *err,
                        size_t errlen)
{
    struct env_txt env;
    if (env_txt_read(path, &env, err, errlen))
        return -1;
    for (size_t i = 0; i < env.n; i++) {
        const char *row[] = {env.entries[i].key, env.entries[i].value};
        ex_table_add_texts(t, row);
        *have_kernel |= !strcmp(env.entries[i].key, "kernel");
    }
    env_txt_free(&env);
    return 0;
}

static int env_section(struct doc *doc, const struct run_dir *run, const struct sc_result_set *any,
                       char *err, size_t errlen)
{
    doc_heading(doc, 2, "Environment");
    static const struct ex_column cols[] = {{"Item", NULL, false, false, 0},
                                            {"Value", NULL, false, false, 0}};
    struct ex_table t;
    ex_table_init(&t, NULL, cols, 2);
    bool have_kernel = false;
    if (run->env_txt[0] && read_env_txt(run->env_txt, &t, &have_kernel, err, errlen)) {
        ex_table_free(&t);
        return -1;
    }
    /* The CSV always says where it ran, whatever env.txt holds. */
    if (any && any->n) {
        const struct sc_result *r = &any->rows[0];
        if (!have_kernel && r->platform && *r->platform) {
            const char *row[] = {"platform", r->platform};
            ex_table_add_texts(&t, row);
        }
        const char *rows[][2] = {{"host", r->hostname}, {"run at", r->timestamp},
                                 {"git", r->git_hash}};
        for (size_t i = 0; i < 3; i++)
            if (rows[i][1] && *rows[i][1]) {
                const char *row[] = {rows[i][0], rows[i][1]};
                ex_table_add_texts(&t, row);
            }
    }
    if (!run->env_txt[0])
        doc_para(doc, "This run wrote no `env.txt`, so the CPU model, clocksource, container or "
                      "native, and tool versions are not recorded; what the CSV says:");
    if (t.n_rows > 0)
        doc_table(doc, &t);
    else
        ex_table_free(&t);
    return 0;
}

/* ---- tables ------------------------------------------------------------ */

static void summary_section(struct doc *doc, const char *path, const struct sc_result_set *set)
{
    doc_heading(doc, 2, "Summary");
    doc_para(doc, "Every case of `%s`: time per call is the median of the repeats; p10 and p90 "
                  "show their spread.", sc_base_name(path));
    static const struct ex_column cols[] = {
        {"Case", NULL, false, true, 0},         {"Median/call", NULL, true, false, 0},
        {"p10", NULL, true, false, 0},          {"p90", NULL, true, false, 0},
        {"CV", NULL, true, false, 0},           {"Calls/s", NULL, true, false, 0},
        {"Syscalls/call", NULL, true, false, 0}, {"Stable", NULL, false, false, 0},
    };
    struct ex_table t;
    ex_table_init(&t, NULL, cols, 8);
    for (size_t i = 0; i < set->n; i++) {
        const struct sc_result *r = &set->rows[i];
        char med[32], p10[32], p90[32], cv[32], cps[32], sys[32];
        fmt_us(r->wall_median, med, sizeof(med));
        fmt_us(r->wall_p10, p10, sizeof(p10));
        fmt_us(r->wall_p90, p90, sizeof(p90));
        snprintf(cv, sizeof(cv), "%.1f%%", r->wall_cv * 100);
        sc_format_count(r->calls_per_second, cps, sizeof(cps));
        fmt_syscalls(r->syscalls_per_call, sys, sizeof(sys));
        const char *row[] = {r->test, med, p10, p90, cv, cps, sys,
                             SC_HAS(r, SC_COL_STABLE) ? (r->stable ? "yes" : "no (CV above threshold)") : "n/a"};
        ex_table_add_texts(&t, row);
    }
    doc_table(doc, &t);
}

static int compare_section(struct doc *doc, const struct run_dir *run, struct report_findings *fd,
                           char *err, size_t errlen)
{
    struct sc_result_set base = {0}, cand = {0};
    struct compare_pair *pairs = NULL;
    struct compare_result verdicts = {0};
    size_t n = 0;
    int rc = -1;
    if (sc_results_read(run->slow_csv, &base, err, errlen) ||
        sc_results_read(run->fast_csv, &cand, err, errlen) ||
        compare_pairs_build(&base, &cand, NULL, NULL, &pairs, &n, err, errlen))
        goto out;
    /* The same verdicts bench compare prints, from the raw samples; paired
     * too when the two files are cases of one run (the demo splits its
     * pooled run of the pair): the same seed and the same timestamp. */
    bool one_run = n > 0;
    for (size_t i = 0; i < n; i++) {
        const struct sc_result *b = pairs[i].base, *c = pairs[i].cand;
        one_run = one_run && b && c && b->has_seed && c->has_seed && b->timestamp &&
                  c->timestamp && !strcmp(b->timestamp, c->timestamp);
    }
    if (compare_build(pairs, n, false, one_run, COMPARE_DEFAULT_ALPHA, COMPARE_DEFAULT_THRESHOLD,
                      &verdicts)) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    doc_heading(doc, 2, "Baseline against candidate");
    doc_para(doc, "`%s` (baseline) against `%s` (candidate), medians per call, as `bench compare` "
                  "prints them.", sc_base_name(run->slow_csv), sc_base_name(run->fast_csv));
    static const struct ex_column cols[] = {
        {"Test", NULL, false, false, 0},     {"Baseline", NULL, true, false, 0},
        {"Candidate", NULL, true, false, 0}, {"Change", NULL, false, false, 0},
        {"Paired (per round)", NULL, false, false, 0},
    };
    struct ex_table t;
    ex_table_init(&t, NULL, cols, verdicts.n_paired ? 5 : 4);
    for (size_t i = 0; i < n; i++) {
        char bt[32] = "--", ct[32] = "--", change[128], paired[200] = "--";
        if (pairs[i].base)
            fmt_us(pairs[i].base->wall_median, bt, sizeof(bt));
        if (pairs[i].cand)
            fmt_us(pairs[i].cand->wall_median, ct, sizeof(ct));
        compare_change_text(&verdicts.rows[i], change, sizeof(change));
        if (verdicts.rows[i].paired)
            compare_paired_text(&verdicts.rows[i].pd, "rounds", paired, sizeof(paired));
        const char *row[] = {pairs[i].name, bt, ct, change, paired};
        ex_table_add_texts(&t, row);
    }
    doc_table(doc, &t);
    if (verdicts.n_paired)
        doc_para(doc, "Paired (per round): both cases ran in the same rounds of the same "
                      "processes, so each round gives one ratio; the Hodges-Lehmann estimate "
                      "of those ratios with its 95%% interval, which the machine's drift "
                      "between rounds does not move.");
    /* The finding: the first complete pair (the walkthrough has exactly one). */
    for (size_t i = 0; i < n && !fd->have_batching; i++) {
        const struct compare_pair *p = &pairs[i];
        if (!p->base || !p->cand || !(p->cand->wall_median > 0))
            continue;
        fd->have_batching = true;
        snprintf(fd->slow_test, sizeof(fd->slow_test), "%s", p->base->test);
        snprintf(fd->fast_test, sizeof(fd->fast_test), "%s", p->cand->test);
        fd->slow_us = p->base->wall_median;
        fd->fast_us = p->cand->wall_median;
        fd->slow_syscalls = p->base->syscalls_per_call;
        fd->fast_syscalls = p->cand->syscalls_per_call;
        fd->batch_factor = p->factor;
        fd->ns_per_syscall = fd->slow_syscalls > 0 ? fd->slow_us * 1e3 / fd->slow_syscalls : NAN;
        fd->fast_ns_per_syscall = fd->fast_syscalls > 0 ? fd->fast_us * 1e3 / fd->fast_syscalls : NAN;
    }
    rc = 0;
out:
    compare_result_free(&verdicts);
    free(pairs);
    sc_result_set_free(&base);
    sc_result_set_free(&cand);
    return rc;
}

/* The set as bpftrace prints it, as a malloc'ed string; NULL when out of
 * memory. */
static char *hist_text(const struct sc_hist_set *set)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem)
        return NULL;
    sc_hist_write_text(mem, set);
    if (fclose(mem) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

/* A tracer file with count maps only (syscount.bt, run_dir's has_hist
 * false): shown as the tracer prints it. */
static int count_maps_section(struct doc *doc, const char *path, char *err, size_t errlen)
{
    struct sc_hist_set set;
    if (sc_hist_read_file(path, &set, err, errlen))
        return -1;
    char *text = hist_text(&set);
    if (!text) {
        sc_hist_free(&set);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    char test[256], script[64];
    hist_view_split_name(path, test, sizeof(test), script, sizeof(script));
    doc_heading(doc, 3, "%s (%s: calls per syscall)", test, script[0] ? script : "counts");
    doc_code(doc, text);
    doc_para(doc, "From `%s`.", sc_base_name(path));
    free(text);
    sc_hist_free(&set);
    return 0;
}

static int histogram_section(struct doc *doc, const struct run_dir *run, struct report_findings *fd,
                             char *err, size_t errlen)
{
    doc_heading(doc, 2, "Syscall latency histograms");
    if (!run->n_groups) {
        doc_para(doc, "No histogram in this run: profiling was skipped (it needs root, or "
                      "CAP_BPF and CAP_PERFMON), so there are no `<Suite.Case>.<script>.json` files.");
        return 0;
    }
    doc_para(doc, "Time each call spent in the kernel, traced only while the measured repeats "
                  "ran, in log2 buckets of nanoseconds (the tracer's own output).");
    for (size_t g = 0; g < run->n_groups; g++) {
        for (size_t i = 0; i < run->groups[g].n; i++) {
            if (!run->groups[g].has_hist[i]) {
                if (count_maps_section(doc, run->groups[g].files[i], err, errlen))
                    return -1;
                continue;
            }
            struct hist_view v;
            if (hist_view_load(run->groups[g].files[i], NULL, NULL, &v, err, errlen))
                return -1;
            /* Just the chosen entry, rendered the way bpftrace prints it. */
            struct sc_map one_map = {.name = v.map, .kind = SC_MAP_HIST,
                                     .entries = (struct sc_map_entry *)v.entry, .nentries = 1};
            struct sc_hist_set one = {.maps = &one_map, .nmaps = 1};
            char *text = hist_text(&one);
            if (!text) {
                hist_view_free(&v);
                snprintf(err, errlen, "out of memory");
                return -1;
            }
            char calls[32], med[32] = "n/a", p99[32] = "n/a";
            sc_format_grouped(v.total, calls, sizeof(calls));
            if (v.median >= 0)
                hist_view_format(&v, v.median, med, sizeof(med));
            if (v.p99 >= 0)
                hist_view_format(&v, v.p99, p99, sizeof(p99));
            doc_heading(doc, 3, "%s (%s%s%s)", v.test, v.script[0] ? v.script : "histogram",
                        run->groups[g].subdir[0] ? ", " : "", run->groups[g].subdir);
            doc_code(doc, text);
            doc_para(doc, "%s `%s()` calls; estimated median %s, p99 %s. From `%s%s%s`.", calls,
                     v.call, med, p99, run->groups[g].subdir, run->groups[g].subdir[0] ? "/" : "",
                     sc_base_name(v.source));
            free(text);
            fd->n_histograms++;
            bool slow_case = fd->have_batching ? !strcmp(v.test, fd->slow_test)
                                               : run_dir_is_canonical(v.test) == 1;
            if (slow_case && !v.bytes && !fd->have_write_hist && !run->groups[g].subdir[0]) {
                fd->have_write_hist = true;
                fd->hist_median_ns = v.median;
                fd->hist_p99_ns = v.p99;
                fd->hist_calls = v.total;
                snprintf(fd->hist_script, sizeof(fd->hist_script), "%s", v.script);
            }
            hist_view_free(&v);
        }
    }
    return 0;
}

static int overhead_section(struct doc *doc, const struct run_dir *run, struct report_findings *fd,
                            char *err, size_t errlen)
{
    doc_heading(doc, 2, "Observer effect");
    if (!run->overhead_dir[0]) {
        doc_para(doc, "This run has no `overhead/` results (`make overhead` writes them), so what "
                      "each tracer adds was not measured.");
        return 0;
    }
    struct result_inputs in;
    char *dir = (char *)run->overhead_dir;
    if (result_inputs_read(&dir, 1, &in, err, errlen))
        return -1;
    int rc = -1;
    if (overhead_table_build(in.sets, (const char *const *)in.paths, in.n, NULL, &fd->overhead,
                             err, errlen))
        goto out;
    fd->have_overhead = true;
    fd->libbpf_row = fd->bpftrace_row = -1;
    for (size_t i = 0; i < fd->overhead.n; i++) {
        if (!strcmp(fd->overhead.rows[i].tool, "libbpf"))
            fd->libbpf_row = (long)i;
        if (!strcmp(fd->overhead.rows[i].tool, "bpftrace"))
            fd->bpftrace_row = (long)i;
    }
    doc_para(doc, "`%s` measured untraced and under each tracer (one CSV per tool and round, "
                  "told apart by `profileTool`); time per syscall is the median per call divided "
                  "by the syscalls per call, and what a tool adds is the median of its per-round "
                  "differences to the untraced run.", fd->overhead.test);
    char paired[512];
    overhead_in_process_labels(&fd->overhead, paired, sizeof(paired));
    if (paired[0])
        doc_para(doc, "%s ran with `--profile-pairs`: inside each of their runs the tracer was "
                      "attached for one repeat and detached for the other of each pair, so "
                      "what they add is the median of those in-process differences (then over "
                      "rounds), free of the level each process lands at.", paired);
    if (fd->overhead.floor >= 0)
        doc_para(doc, "The floor is an empty `sys_enter`/`sys_exit` program pair: what any "
                      "syscall tracer adds here before doing anything.");
    static const struct ex_column cols[] = {
        {"Tool", NULL, false, false, 0},       {"Per syscall", NULL, true, false, 0},
        {"p10 to p90", NULL, true, false, 0},  {"Added per syscall", NULL, true, false, 0},
        {"File", NULL, false, true, 0},
    };
    struct ex_table t;
    ex_table_init(&t, NULL, cols, 5);
    for (size_t i = 0; i < fd->overhead.n; i++) {
        const struct overhead_row *r = &fd->overhead.rows[i];
        char per[32], p10[32], p90[32], spread[80], added[64], file[300];
        fmt_ns(r->ns_per_syscall, per, sizeof(per));
        fmt_ns(r->p10, p10, sizeof(p10));
        fmt_ns(r->p90, p90, sizeof(p90));
        snprintf(spread, sizeof(spread), "%s to %s", p10, p90);
        if (i == 0)
            snprintf(added, sizeof(added), "(baseline)");
        else
            overhead_added_text(r, added, sizeof(added));
        snprintf(file, sizeof(file), "overhead/%s", sc_base_name(r->source));
        const char *row[] = {r->label, per, spread, added, file};
        ex_table_add_texts(&t, row);
    }
    doc_table(doc, &t);
    rc = 0;
out:
    result_inputs_free(&in);
    return rc;
}

static void sweep_section(struct doc *doc, const char *demo_csv, const struct sc_result_set *set,
                          struct report_findings *fd)
{
    struct sweep_table tab;
    char err[256];
    if (sweep_table_build(set, SWEEP_DEFAULT_PREFIX, &tab, err, sizeof(err)) || tab.n < 2) {
        sweep_table_free(&tab);
        return;
    }
    fd->n_sweep = tab.n;
    char payload[32];
    sc_format_bytes(tab.rows[0].payload_bytes, payload, sizeof(payload));
    doc_heading(doc, 2, "Bytes per write()");
    doc_para(doc, "The same %s written N bytes per `write()` (`%sN` in `%s`): the cost per byte "
                  "falls as one syscall's fixed cost is spread over more bytes.",
             payload, SWEEP_DEFAULT_PREFIX, sc_base_name(demo_csv));
    static const struct ex_column cols[] = {
        {"Bytes/write", NULL, true, false, 0}, {"Syscalls/call", NULL, true, false, 0},
        {"Median/call", NULL, true, false, 0}, {"Per write()", NULL, true, false, 0},
        {"Per byte", NULL, true, false, 0},
    };
    struct ex_table t;
    ex_table_init(&t, NULL, cols, 5);
    for (size_t i = 0; i < tab.n; i++) {
        const struct sweep_row *r = &tab.rows[i];
        char bytes[32], sys[32], med[32], per_write[32], per_byte[32];
        snprintf(bytes, sizeof(bytes), "%ld", r->bytes_per_write);
        fmt_syscalls(r->syscalls_per_call, sys, sizeof(sys));
        fmt_us(r->result->wall_median, med, sizeof(med));
        fmt_ns(r->ns_per_write, per_write, sizeof(per_write));
        if (r->ns_per_byte >= 1)
            fmt_ns(r->ns_per_byte, per_byte, sizeof(per_byte));
        else
            snprintf(per_byte, sizeof(per_byte), "%.3g ns", r->ns_per_byte);
        const char *row[] = {bytes, sys, med, per_write, per_byte};
        ex_table_add_texts(&t, row);
    }
    doc_table(doc, &t);
    sweep_table_free(&tab);
}

/* Each case beside its batched form, paired by name as `bench batching` does. */
static void batching_section(struct doc *doc, const char *demo_csv, const struct sc_result_set *set)
{
    const char **names = calloc(set->n + 1, sizeof(*names));
    struct batching_pair *pairs = NULL;
    size_t n = 0;
    if (!names)
        return;
    for (size_t i = 0; i < set->n; i++)
        names[i] = set->rows[i].test;
    if (batching_pair_names(names, set->n, &pairs, &n) || !n) {
        free(names);
        free(pairs);
        return;
    }
    doc_heading(doc, 2, "Batching, case by case");
    doc_para(doc, "Each case of `%s` beside its batched form (paired by name, as `bench batching` "
                  "does); the factor is how many times longer the unbatched form takes.",
             sc_base_name(demo_csv));
    static const struct ex_column cols[] = {
        {"Case", NULL, false, true, 0},          {"Syscalls/call", NULL, true, false, 0},
        {"Median/call", NULL, true, false, 0},   {"Batched form", NULL, false, true, 0},
        {"Syscalls/call", NULL, true, false, 0}, {"Median/call", NULL, true, false, 0},
        {"Factor", NULL, true, false, 0},
    };
    struct ex_table t;
    ex_table_init(&t, NULL, cols, 7);
    for (size_t i = 0; i < n; i++) {
        const struct sc_result *u = &set->rows[pairs[i].unbatched];
        const struct sc_result *b = &set->rows[pairs[i].batched];
        char us[32], usys[32], bs[32], bsys[32], fac[32];
        fmt_us(u->wall_median, us, sizeof(us));
        fmt_us(b->wall_median, bs, sizeof(bs));
        fmt_syscalls(u->syscalls_per_call, usys, sizeof(usys));
        fmt_syscalls(b->syscalls_per_call, bsys, sizeof(bsys));
        sc_format_factor(b->wall_median > 0 ? u->wall_median / b->wall_median : NAN, fac,
                         sizeof(fac));
        const char *row[] = {u->test, usys, us, b->test, bsys, bs, fac};
        ex_table_add_texts(&t, row);
    }
    doc_table(doc, &t);
    free(names);
    free(pairs);
}

/* ---- where a syscall's time goes --------------------------------------- */

static void fmt_interval(const struct syscall_cost_ns *v, char *buf, size_t len)
{
    char lo[32], hi[32];
    if (!v->has_interval) {
        snprintf(buf, len, "n/a (too few repeats)");
        return;
    }
    fmt_signed_ns(v->lo, lo, sizeof(lo));
    fmt_signed_ns(v->hi, hi, sizeof(hi));
    snprintf(buf, len, "%s to %s", lo, hi);
}

/* The Syscall suite's calls less the null syscall; the numbers the
 * conclusion's decomposition sentence states go into fd. */
static void syscall_section(struct doc *doc, const char *demo_csv, const struct sc_result_set *set,
                            struct report_findings *fd)
{
    struct syscall_cost c;
    if (!syscall_cost_build(set, &c))
        return;
    struct report_decomposition *dc = &fd->decomposition;
    dc->have = true;
    dc->null_ns = c.null.ns;
    dc->vdso_ns = c.vdso_result ? c.vdso.ns : NAN;
    dc->vdso_syscalls = c.vdso_result ? c.vdso_result->syscalls_per_call : NAN;
    const struct syscall_cost_row *forced = syscall_cost_find(&c, "clock_gettime() through syscall(2)");
    dc->forced_ns = forced ? forced->total.ns : NAN;
    /* The sentence is about write() when the run has it, else the first call. */
    const struct syscall_cost_row *main_row = syscall_cost_find(&c, "write()");
    if (!main_row && c.n)
        main_row = &c.rows[c.n - 1];
    if (main_row) {
        snprintf(dc->call, sizeof(dc->call), "%s", main_row->call);
        snprintf(dc->path, sizeof(dc->path), "%s", main_row->path);
        dc->total_ns = main_row->total.ns;
        dc->own = main_row->own;
    }

    char null_text[32];
    fmt_ns(c.null.ns, null_text, sizeof(null_text));
    doc_heading(doc, 2, "Where a syscall's time goes");
    doc_para(doc, "The `Syscall` cases of `%s`, one call per iteration. `%s` (`getppid()` through "
                  "`syscall(2)`, which no libc caches) does almost nothing in the kernel: its %s is "
                  "the trip into and out of it. What a call costs beyond that is its own path. "
                  "The interval of each difference (at least 95%%) comes from both medians' 97.5%% "
                  "intervals over the repeats.",
             sc_base_name(demo_csv), SYSCALL_NULL_TEST, null_text);
    static const struct ex_column cols[] = {
        {"Call", NULL, false, false, 0},          {"Case", NULL, false, true, 0},
        {"Syscalls/call", NULL, true, false, 0},  {"Median/call", NULL, true, false, 0},
        {"Into and out of the kernel", NULL, true, false, 0},
        {"Own path", NULL, true, false, 0},       {"Own path, 95% CI", NULL, true, false, 0},
    };
    struct ex_table t;
    ex_table_init(&t, NULL, cols, 7);
    {
        char sys[32];
        fmt_syscalls(c.null_result->syscalls_per_call, sys, sizeof(sys));
        const char *row[] = {"getppid() through syscall(2)", c.null_result->test, sys, null_text,
                             null_text, "-", "-"};
        ex_table_add_texts(&t, row);
    }
    for (size_t i = 0; i < c.n; i++) {
        const struct syscall_cost_row *r = &c.rows[i];
        char sys[32], med[32], own[32], ci[80];
        fmt_syscalls(r->result->syscalls_per_call, sys, sizeof(sys));
        fmt_ns(r->total.ns, med, sizeof(med));
        fmt_signed_ns(r->own.ns, own, sizeof(own));
        fmt_interval(&r->own, ci, sizeof(ci));
        const char *row[] = {r->call, r->result->test, sys, med, null_text, own, ci};
        ex_table_add_texts(&t, row);
    }
    if (c.vdso_result) {
        char sys[32], med[32];
        fmt_syscalls(c.vdso_result->syscalls_per_call, sys, sizeof(sys));
        fmt_ns(c.vdso.ns, med, sizeof(med));
        bool enters = c.vdso_result->syscalls_per_call > 0;
        const char *row[] = {"clock_gettime() through the vDSO", c.vdso_result->test, sys, med,
                             enters ? "(falls back: enters)" : "none", "-", "-"};
        ex_table_add_texts(&t, row);
    }
    doc_table(doc, &t);
}

/* The charts bench plot all draws, in reading order. */
static void plots_section(struct doc *doc, const struct run_dir *run, struct report_findings *fd)
{
    struct {
        const char *name, *alt;
    } charts[16] = {
        {"compare", "Baseline against candidate, time per call (log scale)"},
        {"samples", "Every repeat of every case, as deviation from its median"},
    };
    size_t n = 2;
    char hist_names[8][160], hist_alts[8][200];
    for (size_t g = 0; g < run->n_groups && g < 8; g++) {
        if (!run->groups[g].n_hist)
            continue; /* counts alone: bench plot all draws no chart of them */
        snprintf(hist_names[g], sizeof(hist_names[g]), "%s", run->groups[g].name);
        snprintf(hist_alts[g], sizeof(hist_alts[g]), "Syscall latency histograms (%s%s%s)",
                 run->groups[g].script, run->groups[g].subdir[0] ? ", " : "", run->groups[g].subdir);
        charts[n].name = hist_names[g];
        charts[n++].alt = hist_alts[g];
    }
    charts[n].name = "overhead";
    charts[n++].alt = "Observer effect: time per syscall untraced and under each tracer";
    charts[n].name = "sweep";
    charts[n++].alt = "Cost per byte and per call against bytes per write()";
    charts[n].name = "syscall";
    charts[n++].alt = "Each syscall's time: the trip into and out of the kernel, and its own path";

    doc_heading(doc, 2, "Charts");
    size_t refused = 0;
    for (size_t i = 0; i < n; i++) {
        char rel[256], why[256];
        snprintf(rel, sizeof(rel), "%s%s.png", run_layout_files[RUN_FILE_PLOTS_DIR].path,
                 charts[i].name);
        unsigned char *data;
        size_t size;
        const char *mime;
        switch (report_chart_load(run->dir, rel, &data, &size, &mime, why, sizeof(why))) {
        case REPORT_CHART_OK:
            doc_image(doc, rel, charts[i].alt, mime, data, size);
            fd->n_plots++;
            break;
        case REPORT_CHART_ABSENT:
            break;
        case REPORT_CHART_NO_MEMORY:
            doc->oom = true;
            break;
        case REPORT_CHART_REFUSED:
            /* Said where the chart would have been, and on stderr. */
            fprintf(stderr, "note: %s/%s: not inlined: %s\n", run->dir, rel, why);
            doc_para(doc, "Chart `%s` not shown: %s.", rel, why);
            refused++;
            break;
        }
    }
    if (!fd->n_plots && !refused)
        doc_para(doc, "No charts in `plots/`: `make plots` (or `bench plot all %s`) draws them; "
                      "it needs gnuplot.", run->dir);
}

/* "Of write()'s N ns, about X ns is the trip into and out of the kernel
 * (the null syscall) and Y ns is write()'s own path (...); the vDSO answers
 * clock_gettime in Z ns without entering the kernel." Markup lives in the
 * formats only (arguments are literal text), so the vDSO's clause is one of
 * three format tails, each taking two strings. */
#define VDSO_NONE "%s%s."
#define VDSO_ANSWERS "; the vDSO answers `clock_gettime` in **%s** without entering the kernel%s."
#define VDSO_FALLS_BACK "; the vDSO does not answer `clock_gettime` here (the clocksource has no " \
                        "vDSO mode): each call enters the kernel, **%s**%s."
#define WITH_VDSO(k, head) \
    ((k) == 0 ? head VDSO_NONE : (k) == 1 ? head VDSO_ANSWERS : head VDSO_FALLS_BACK)

static void decomposition_item(struct doc *doc, const struct report_decomposition *dc)
{
    if (!dc->have)
        return;
    char null_text[32], z[32] = "", forced[64] = "";
    fmt_ns(dc->null_ns, null_text, sizeof(null_text));
    int k = 0;
    if (isfinite(dc->vdso_ns)) {
        k = dc->vdso_syscalls > 0 ? 2 : 1;
        fmt_ns(dc->vdso_ns, z, sizeof(z));
        if (isfinite(dc->forced_ns)) {
            char f[32];
            fmt_ns(dc->forced_ns, f, sizeof(f));
            snprintf(forced, sizeof(forced), " (through syscall(2): %s)", f);
        }
    }
    if (!dc->call[0]) {
        doc_item(doc, WITH_VDSO(k, "The null syscall (`getppid()` through `syscall(2)`) costs "
                                   "**%s** here: the trip into and out of the kernel"),
                 null_text, z, forced);
        return;
    }
    char total[32], own[32], ci[80] = "";
    fmt_ns(dc->total_ns, total, sizeof(total));
    fmt_signed_ns(dc->own.ns, own, sizeof(own));
    if (dc->own.has_interval) {
        char lo[32], hi[32];
        fmt_signed_ns(dc->own.lo, lo, sizeof(lo));
        fmt_signed_ns(dc->own.hi, hi, sizeof(hi));
        snprintf(ci, sizeof(ci), " (95%% CI %s to %s)", lo, hi);
    }
    if (dc->own.has_interval && dc->own.lo <= 0)
        doc_item(doc, WITH_VDSO(k, "Of `%s`'s **%s**, about **%s** is the trip into and out of the "
                                   "kernel (the null syscall); what is left, %s%s, cannot be told "
                                   "from zero in this run"),
                 dc->call, total, null_text, own, ci, z, forced);
    else
        doc_item(doc, WITH_VDSO(k, "Of `%s`'s **%s**, about **%s** is the trip into and out of the "
                                   "kernel (the null syscall) and **%s**%s is `%s`'s own path (%s)"),
                 dc->call, total, null_text, own, ci, dc->call, dc->path, z, forced);
}

static void conclusion(struct doc *doc, const struct report_findings *fd)
{
    doc_heading(doc, 2, "Conclusion");
    if (fd->have_batching) {
        char slow[32], fast[32], factor[32];
        fmt_us(fd->slow_us, slow, sizeof(slow));
        fmt_us(fd->fast_us, fast, sizeof(fast));
        sc_format_factor(fd->batch_factor, factor, sizeof(factor));
        if (fd->slow_syscalls > 0 && fd->fast_syscalls > 0) {
            char fs[32], ss[32];
            fmt_syscalls(fd->fast_syscalls, fs, sizeof(fs));
            fmt_syscalls(fd->slow_syscalls, ss, sizeof(ss));
            doc_item(doc, "One call of `%s` (%s %s) beats one call of `%s` (%s %s) **%s**: %s "
                          "against %s per call.",
                     fd->fast_test, fs, plural(fd->fast_syscalls, "syscall", "syscalls"),
                     fd->slow_test, ss, plural(fd->slow_syscalls, "syscall", "syscalls"), factor,
                     fast, slow);
        }
        else
            doc_item(doc, "`%s` is **%s** faster than `%s`: %s against %s per call.", fd->fast_test,
                     factor, fd->slow_test, fast, slow);
        if (isfinite(fd->ns_per_syscall)) {
            char one[32];
            fmt_ns(fd->ns_per_syscall, one, sizeof(one));
            char ss[32];
            fmt_syscalls(fd->slow_syscalls, ss, sizeof(ss));
            doc_item(doc, "One syscall of `%s` costs about **%s** here: %s per call divided by "
                          "its %s syscalls.", fd->slow_test, one, slow, ss);
            if (isfinite(fd->fast_ns_per_syscall)) {
                char big[32];
                double ratio = fd->fast_ns_per_syscall / fd->ns_per_syscall;
                fmt_ns(fd->fast_ns_per_syscall, big, sizeof(big));
                /* Only a ratio near 1 shows the cost is per call; say what the numbers say. */
                if (ratio < 2)
                    doc_item(doc, "One syscall of `%s` costs %s, %.2fx that: the price is paid "
                                  "per call, not per byte.", fd->fast_test, big, ratio);
                else
                    doc_item(doc, "One syscall of `%s` costs %s, %.2fx that: here the bytes "
                                  "themselves cost more than the call.", fd->fast_test, big, ratio);
            }
        }
    } else {
        doc_item(doc, "This run has no `slow.csv` and `fast.csv` pair, so the batching factor "
                      "was not measured.");
    }
    decomposition_item(doc, &fd->decomposition);
    if (fd->have_write_hist) {
        char med[32] = "n/a", p99[32] = "n/a", calls[32];
        if (fd->hist_median_ns >= 0)
            fmt_ns(fd->hist_median_ns, med, sizeof(med));
        if (fd->hist_p99_ns >= 0)
            fmt_ns(fd->hist_p99_ns, p99, sizeof(p99));
        sc_format_grouped(fd->hist_calls, calls, sizeof(calls));
        doc_item(doc, "Traced in the kernel by %s, the median `write()` took about %s (p99 %s) "
                      "over %s calls.", fd->hist_script[0] ? fd->hist_script : "the tracer", med,
                 p99, calls);
    } else if (!fd->n_histograms) {
        doc_item(doc, "Profiling was skipped in this run: no syscall latency histograms.");
    }
    if (fd->have_overhead) {
        for (size_t i = 1; i < fd->overhead.n; i++) {
            const struct overhead_row *r = &fd->overhead.rows[i];
            char added[64];
            overhead_added_text(r, added, sizeof(added));
            doc_item(doc, "Tracing with %s added %s per syscall.", r->label, added);
        }
        if (fd->libbpf_row > 0 && fd->bpftrace_row > 0) {
            double a = fd->overhead.rows[fd->libbpf_row].added_ns;
            double b = fd->overhead.rows[fd->bpftrace_row].added_ns;
            if (b > 0)
                doc_item(doc, "The in-process libbpf tracer adds %.0f%% of what bpftrace adds "
                              "(the kit's goal: at most 60%%).", a / b * 100);
        }
    } else {
        doc_item(doc, "What tracing adds was not measured in this run (no `overhead/`).");
    }
    if (fd->seccomp_sentence[0])
        doc_item(doc, "%s", fd->seccomp_sentence);
}

int report_build(const char *dir, struct doc *doc, struct report_findings *fd, char *err,
                 size_t errlen)
{
    memset(fd, 0, sizeof(*fd));
    fd->libbpf_row = fd->bpftrace_row = -1;
    memset(doc, 0, sizeof(*doc));
    struct run_dir run;
    if (run_dir_scan(dir, &run, err, errlen))
        return -1;
    struct doc body = {0};
    struct sc_result_set demo = {0};
    int rc = -1;
    if (!run.demo_csv[0] && !(run.slow_csv[0] && run.fast_csv[0])) {
        snprintf(err, errlen, "%s: no demo.csv and no slow.csv + fast.csv: not a demo run directory", dir);
        goto out;
    }
    if (run.demo_csv[0] && sc_results_read(run.demo_csv, &demo, err, errlen))
        goto out;
    if (run.demo_csv[0])
        summary_section(&body, run.demo_csv, &demo);
    if (run.slow_csv[0] && run.fast_csv[0] && compare_section(&body, &run, fd, err, errlen))
        goto out;
    if (histogram_section(&body, &run, fd, err, errlen) ||
        overhead_section(&body, &run, fd, err, errlen) ||
        report_seccomp_section(&body, &run, fd->seccomp_sentence, sizeof(fd->seccomp_sentence),
                               err, errlen))
        goto out;
    if (run.demo_csv[0]) {
        syscall_section(&body, run.demo_csv, &demo, fd);
        batching_section(&body, run.demo_csv, &demo);
        sweep_section(&body, run.demo_csv, &demo, fd);
    }
    plots_section(&body, &run, fd);

    struct sc_result_set slow = {0};
    const struct sc_result_set *any = demo.n ? &demo : NULL;
    if (!any && run.slow_csv[0] && !sc_results_read(run.slow_csv, &slow, err, errlen))
        any = &slow;

    doc_heading(doc, 1, "Demo 09: what a write() syscall costs");
    doc_para(doc, "Written by `bench report` from the files of this run's folder alone: the "
                  "numbers below are this run's.");
    conclusion(doc, fd);
    rc = env_section(doc, &run, any, err, errlen);
    sc_result_set_free(&slow);
    if (rc)
        goto out;
    doc_append(doc, &body);
    if (doc->oom) {
        snprintf(err, errlen, "out of memory");
        rc = -1;
    }
out:
    doc_free(&body);
    sc_result_set_free(&demo);
    run_dir_free(&run);
    if (rc)
        doc_free(doc);
    return rc;
}

/* ---- publishing REPORT.md and REPORT.html as a pair -------------------- */

/* A report file that is there already must be a regular file: the run
 * folder may come from elsewhere, and a REPORT.html linked to a device
 * would be written into it. */
static int check_target(const char *path, char *err, size_t errlen)
{
    struct stat sb;
    if (lstat(path, &sb) != 0) {
        if (errno == ENOENT)
            return 0;
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    if (S_ISREG(sb.st_mode))
        return 0;
    snprintf(err, errlen, "%s is %s, not a regular file: remove it (bench report replaces "
                          "only regular files)",
             path, S_ISLNK(sb.st_mode) ? "a symbolic link" : S_ISDIR(sb.st_mode) ? "a directory"
                                                                                 : "a special file");
    return -1;
}

static int report_path(const char *dir, int i, char *path, size_t len, char *err, size_t errlen)
{
    if (!run_layout_join(dir, i ? RUN_FILE_REPORT_HTML : RUN_FILE_REPORT_MD, path, len))
        return 0;
    snprintf(err, errlen, "%s: path too long", dir);
    return -1;
}

/* The temporary files are the atomic files' own: a signal removes them
 * (bench_signals.h). */
static int open_pair(const char *dir, struct sc_atomic_file af[2], char *err, size_t errlen)
{
    for (int i = 0; i < 2; i++) {
        char path[PATH_MAX];
        if (report_path(dir, i, path, sizeof(path), err, errlen) ||
            sc_atomic_open(&af[i], path, err, errlen))
            return -1;
    }
    return 0;
}

/* Both files complete and on disk, ready for rename: what sc_atomic_commit
 * does before its rename, done for both first, so the two renames follow
 * each other with nothing slow in between. */
static int flush_pair(struct sc_atomic_file af[2], char *err, size_t errlen)
{
    for (int i = 0; i < 2; i++)
        if (ferror(af[i].f) || fflush(af[i].f) != 0 ||
            (af[i].tmp_path && fsync(fileno(af[i].f)) != 0 && errno != EINVAL)) {
            snprintf(err, errlen, "cannot write %s: %s (the previous report, if any, is untouched)",
                     af[i].path, strerror(errno ? errno : EIO));
            return -1;
        }
    return 0;
}

int report_write(const char *dir, struct report_findings *fd, char *err, size_t errlen)
{
    for (int i = 0; i < 2; i++) {
        char path[PATH_MAX];
        if (report_path(dir, i, path, sizeof(path), err, errlen) || check_target(path, err, errlen))
            return -1;
    }
    struct doc doc;
    if (report_build(dir, &doc, fd, err, errlen))
        return -1;
    struct sc_atomic_file af[2];
    memset(af, 0, sizeof(af));
    int rc = -1;
    bench_signals_catch(NULL);
    if (open_pair(dir, af, err, errlen))
        goto out;
    if (doc_write_markdown(&doc, af[0].f)) {
        snprintf(err, errlen, "%s: write error", af[0].path);
        goto out;
    }
    if (doc_write_html(&doc, af[1].f, "Demo 09 report", err, errlen) || flush_pair(af, err, errlen))
        goto out;
    /* Published together: a signal now waits until both are renamed. What
     * is left is a crash (power loss, SIGKILL) between the two renames,
     * which leaves the new REPORT.md beside the old REPORT.html; and a
     * rename of REPORT.html failing after REPORT.md's succeeded, which is
     * reported as an error. */
    sigset_t saved;
    bench_signals_hold(&saved);
    rc = sc_atomic_commit(&af[0], err, errlen);
    if (!rc)
        rc = sc_atomic_commit(&af[1], err, errlen);
    bench_signals_release(&saved);
out:
    for (int i = 0; i < 2; i++)
        if (af[i].f)
            sc_atomic_abort(&af[i]);
    bench_signals_default();
    doc_free(&doc);
    return rc;
}
