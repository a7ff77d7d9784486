#include "plot_kinds.h"

#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/file_util.h>
#include <syscost/json.h>
#include <syscost/results.h>
#include <syscost/results_input.h>
#include <syscost/stats.h>
#include <syscost/units.h>

#include "compare.h"
#include "compare_pairs.h"
#include "fleet.h"
#include "hist_view.h"
#include "overhead_table.h"
#include "plot_text.h"
#include "result_inputs.h"
#include "safe_name.h"
#include "sweep_table.h"
#include "per_syscall.h"
#include "syscall_cost.h"

#define HIST_MAX_PANELS 4

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static int begin_chart(struct plot_chart *c, const struct plot_opts *o, const char *kind,
                       const char *template, char *err, size_t errlen)
{
    memset(c, 0, sizeof(*c));
    snprintf(c->name, sizeof(c->name), "%s", o->name ? o->name : kind);
    c->template = template;
    if (!safe_name_check(c->name)) {
        snprintf(err, errlen, "chart name '%s' is not a safe file name", c->name);
        return -1;
    }
    return 0;
}

/* Opens the data file NAME.dat, or NAME.PART.dat with part made safe. */
static FILE *add_datafile(struct plot_stage *st, struct plot_chart *c, const char *part,
                          char *err, size_t errlen)
{
    if (c->n_datafiles == PLOT_MAX_DATAFILES) {
        snprintf(err, errlen, "%s: more than %d data files", c->name, PLOT_MAX_DATAFILES);
        return NULL;
    }
    /* Built aside, then copied: fname and c->name share the struct, which
     * snprintf's restrict-qualified destination may not alias. */
    char built[PLOT_NAME_MAX];
    if (part) {
        char safe[PLOT_NAME_MAX - sizeof(c->name) - 8];
        safe_name_make(part, safe, sizeof(safe));
        snprintf(built, sizeof(built), "%s.%s.dat", c->name, safe);
    } else {
        snprintf(built, sizeof(built), "%s.dat", c->name);
    }
    char *fname = c->datafiles[c->n_datafiles];
    memcpy(fname, built, sizeof(built));
    FILE *f = plot_stage_create(st, fname, err, errlen);
    if (f)
        c->n_datafiles++;
    return f;
}

/* Closes *dat (which is NULL afterwards, so the error path closes nothing
 * twice) and says whether everything reached the file. */
static int close_datafile(FILE **dat, const struct plot_chart *c, char *err, size_t errlen)
{
    int bad = ferror(*dat) | fclose(*dat);
    *dat = NULL;
    if (bad) {
        snprintf(err, errlen, "cannot write the data file of %s", c->name);
        return -1;
    }
    return 0;
}

/* The chart's title: --title when given, else the kind's own, from fmt. */
static void chart_title(char *buf, size_t len, const struct plot_opts *o, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void chart_title(char *buf, size_t len, const struct plot_opts *o, const char *fmt, ...)
{
    if (o->title) {
        snprintf(buf, len, "%s", o->title);
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, len, fmt, ap);
    va_end(ap);
}

/* NAME.titles.dat: the chart's texts as one row of quoted fields, in the
 * order its template reads them. */
static int write_titles(struct plot_stage *st, struct plot_chart *c, const char *const *texts,
                        size_t n, char *err, size_t errlen)
{
    snprintf(c->textfile, sizeof(c->textfile), "%s.titles.dat", c->name);
    FILE *f = plot_stage_create(st, c->textfile, err, errlen);
    if (!f)
        return -1;
    fprintf(f, "# titles and labels of %s.png, read by plots/%s\n", c->name, c->template);
    plot_text_row(f, texts, n);
    return close_datafile(&f, c, err, errlen);
}

/* ---- hist: latency histograms side by side ---------------------------- */

static int build_hist(struct plot_stage *st, char **inputs, int n, const struct plot_opts *o,
                      struct plot_chart *c, char *err, size_t errlen)
{
    struct hist_view views[HIST_MAX_PANELS];
    int loaded = 0, rc = -1;
    for (; loaded < n; loaded++)
        if (hist_view_load(inputs[loaded], o->map, o->syscall, &views[loaded], err, errlen))
            goto out;
    int64_t lo = 0, hi = 0;
    for (int i = 0; i < n; i++) {
        if (!views[i].hi)
            continue;
        if (!hi || views[i].lo < lo)
            lo = views[i].lo;
        if (views[i].hi > hi)
            hi = views[i].hi;
    }
    if (!hi) {
        snprintf(err, errlen, "%s: the histogram has no calls to draw", inputs[0]);
        goto out;
    }
    if (begin_chart(c, o, "hist", "hist.gp", err, errlen))
        goto out;
    int buckets = 0;
    for (int64_t b = lo; b < hi; b *= 2)
        buckets++;

    for (int i = 0; i < n; i++) {
        char part[300];
        snprintf(part, sizeof(part), "%d.%s", i + 1, views[i].test);
        FILE *dat = add_datafile(st, c, part, err, errlen);
        if (!dat)
            goto out;
        const struct hist_view *v = &views[i];
        plot_text_comment(dat, "%s %s[%s] from %s: log2 buckets [lo, hi) in ns", v->test, v->map,
                          v->key, sc_base_name(v->source));
        fprintf(dat, "# lo_ns hi_ns count percent \"count label\"\n");
        for (int64_t b = lo; b < hi; b *= 2) {
            uint64_t count = hist_view_count(v, b);
            char label[32] = "";
            if (count >= 1000)
                sc_format_count((double)count, label, sizeof(label));
            else if (count)
                snprintf(label, sizeof(label), "%llu", (unsigned long long)count);
            fprintf(dat, "%lld %lld %llu %.6f ", (long long)b, (long long)(2 * b),
                    (unsigned long long)count, v->total ? 100.0 * (double)count / (double)v->total : 0.0);
            const char *row[] = {label};
            plot_text_row(dat, row, 1);
        }
        if (close_datafile(&dat, c, err, errlen))
            goto out;
    }
    /* hist.gp's titles: chart title, x label, then name and numbers per panel. */
    char title[512], xlabel[128], stats[HIST_MAX_PANELS][200];
    const char *texts[2 + 2 * HIST_MAX_PANELS];
    size_t n_texts = 0;
    chart_title(title, sizeof(title), o, "%s per %s() call%s%s, log2 buckets",
                views[0].bytes ? "bytes" : "latency", views[0].call,
                views[0].script[0] ? " traced by " : "", views[0].script);
    if (views[0].bytes)
        snprintf(xlabel, sizeof(xlabel), "bytes per %s() call (log2 buckets)", views[0].call);
    else
        snprintf(xlabel, sizeof(xlabel), "%s() latency, ns (log2 buckets)", views[0].call);
    texts[n_texts++] = title;
    texts[n_texts++] = xlabel;
    for (int i = 0; i < n; i++) {
        const struct hist_view *v = &views[i];
        char calls[32], med[32] = "n/a", p99[32] = "n/a", hidden[64] = "";
        sc_format_grouped(v->total, calls, sizeof(calls));
        if (v->median >= 0)
            hist_view_format(v, v->median, med, sizeof(med));
        if (v->p99 >= 0)
            hist_view_format(v, v->p99, p99, sizeof(p99));
        if (v->below_one)
            snprintf(hidden, sizeof(hidden), ", %llu below 1 %s not drawn",
                     (unsigned long long)v->below_one, v->bytes ? "byte" : "ns");
        snprintf(stats[i], sizeof(stats[i]), "%s calls, median %s, p99 %s%s", calls, med, p99,
                 hidden);
        texts[n_texts++] = v->test;
        texts[n_texts++] = stats[i];
    }
    if (write_titles(st, c, texts, n_texts, err, errlen))
        goto out;
    c->width = clamp(n * (buckets * 46 > 540 ? buckets * 46 : 540) + 40, 600, 2400);
    c->height = 500;
    rc = 0;
out:
    for (int i = 0; i < loaded; i++)
        hist_view_free(&views[i]);
    return rc;
}

/* ---- compare: baseline vs candidate per case --------------------------- */

/* "Sink.Pipe/OneByte vs Sink.Pipe/Batched" -> "Sink.Pipe: OneByte vs Batched",
 * so tic labels stay short enough to sit side by side. */
static void short_pair_name(const struct compare_pair *p, char *buf, size_t len)
{
    const char *b = p->base->test, *c = p->cand->test;
    const char *bs = strrchr(b, '/'), *cs = strrchr(c, '/');
    if (strcmp(b, c) && bs && cs && bs - b == cs - c && !strncmp(b, c, (size_t)(bs - b)))
        snprintf(buf, len, "%.*s: %s vs %s", (int)(bs - b), b, bs + 1, cs + 1);
    else
        snprintf(buf, len, "%s", p->name);
}

static int build_compare(struct plot_stage *st, char **inputs, int n, const struct plot_opts *o,
                         struct plot_chart *c, char *err, size_t errlen)
{
    (void)n;
    struct sc_result_set base = {0}, cand = {0};
    struct compare_pair *pairs = NULL;
    struct compare_result verdicts = {0};
    size_t n_pairs = 0;
    FILE *dat = NULL;
    int rc = -1;
    if (sc_results_read(inputs[0], &base, err, errlen) || sc_results_read(inputs[1], &cand, err, errlen))
        goto out;
    if (compare_pairs_build(&base, &cand, o->pair_base, o->pair_cand, &pairs, &n_pairs, err,
                            errlen))
        goto out;
    /* The bars carry bench compare's verdict, from the raw samples. */
    if (compare_build(pairs, n_pairs, false, false, COMPARE_DEFAULT_ALPHA, COMPARE_DEFAULT_THRESHOLD,
                      &verdicts)) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    size_t drawn = 0;
    for (size_t i = 0; i < n_pairs; i++) {
        if (!pairs[i].base || !pairs[i].cand) {
            fprintf(stderr, "note: %s is only in the %s: not drawn\n", pairs[i].name,
                    pairs[i].base ? "baseline" : "candidate");
            continue;
        }
        if (!(pairs[i].base->wall_median > 0) || !(pairs[i].cand->wall_median > 0)) {
            snprintf(err, errlen, "%s: a median of 0 cannot go on a log axis", pairs[i].name);
            goto out;
        }
        drawn++;
    }
    if (!drawn) {
        snprintf(err, errlen, "%s and %s share no case to compare", inputs[0], inputs[1]);
        goto out;
    }
    if (begin_chart(c, o, "compare", "compare.gp", err, errlen) ||
        !(dat = add_datafile(st, c, NULL, err, errlen)))
        goto out;
    plot_text_comment(dat, "baseline %s vs candidate %s, microseconds per call (medians)",
                      sc_base_name(inputs[0]), sc_base_name(inputs[1]));
    fprintf(dat, "# \"case\" baseline_us candidate_us \"change\" \"baseline\" \"candidate\"\n");
    for (size_t i = 0; i < n_pairs; i++) {
        const struct compare_pair *p = &pairs[i];
        if (!p->base || !p->cand)
            continue;
        char bt[32], ct[32], label[300];
        sc_format_time_us(p->base->wall_median, bt, sizeof(bt));
        sc_format_time_us(p->cand->wall_median, ct, sizeof(ct));
        short_pair_name(p, label, sizeof(label));
        plot_text_put(dat, label);
        fprintf(dat, " %.9g %.9g ", p->base->wall_median, p->cand->wall_median);
        char verdict[64];
        compare_verdict_text(&verdicts.rows[i], verdict, sizeof(verdict));
        const char *row[] = {strcmp(verdict, "~") ? verdict : "no significant change", bt, ct};
        plot_text_row(dat, row, 3);
    }
    if (close_datafile(&dat, c, err, errlen))
        goto out;
    /* compare.gp's titles: chart, baseline key, candidate key. */
    char title[512], base_title[300], cand_title[300];
    chart_title(title, sizeof(title), o, "Time per call, median of the repeats: %s against %s",
                sc_base_name(inputs[0]), sc_base_name(inputs[1]));
    snprintf(base_title, sizeof(base_title), "baseline: %s", sc_base_name(inputs[0]));
    snprintf(cand_title, sizeof(cand_title), "candidate: %s", sc_base_name(inputs[1]));
    const char *texts[] = {title, base_title, cand_title};
    if (write_titles(st, c, texts, 3, err, errlen))
        goto out;
    c->width = clamp(200 * (int)drawn + 200, 760, 2000);
    c->height = 540;
    rc = 0;
out:
    if (dat)
        fclose(dat);
    compare_result_free(&verdicts);
    free(pairs);
    sc_result_set_free(&base);
    sc_result_set_free(&cand);
    return rc;
}

/* ---- samples: every repeat of every case ------------------------------- */

/* "Suite." when every test has it, so tic labels can drop it. */
static size_t common_suite(const struct sc_result_set *sets, int n, char *suite, size_t len)
{
    suite[0] = '\0';
    size_t plen = 0;
    for (int s = 0; s < n; s++)
        for (size_t i = 0; i < sets[s].n; i++) {
            const char *t = sets[s].rows[i].test;
            const char *dot = strchr(t, '.');
            if (!dot)
                return 0;
            size_t l = (size_t)(dot - t) + 1;
            if (!plen) {
                plen = l < len ? l : 0;
                if (plen)
                    memcpy(suite, t, plen), suite[plen] = '\0';
            } else if (l != plen || strncmp(t, suite, plen)) {
                suite[0] = '\0';
                return 0;
            }
        }
    return plen;
}

static int build_samples(struct plot_stage *st, char **inputs, int n, const struct plot_opts *o,
                         struct plot_chart *c, char *err, size_t errlen)
{
    struct sc_result_set *sets = calloc((size_t)n, sizeof(*sets));
    FILE *dat = NULL;
    int rc = -1, read = 0;
    if (!sets) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (; read < n; read++)
        if (sc_results_read(inputs[read], &sets[read], err, errlen))
            goto out;
    size_t cases = 0;
    for (int s = 0; s < n; s++)
        for (size_t i = 0; i < sets[s].n; i++) {
            if (!sets[s].rows[i].n_samples) {
                snprintf(err, errlen, "%s: %s has no samples column to draw", inputs[s],
                         sets[s].rows[i].test);
                goto out;
            }
            cases++;
        }
    if (!cases) {
        snprintf(err, errlen, "%s holds no case", inputs[0]);
        goto out;
    }
    char suite[128];
    size_t strip = common_suite(sets, n, suite, sizeof(suite));
    if (begin_chart(c, o, "samples", "samples.gp", err, errlen) ||
        !(dat = add_datafile(st, c, NULL, err, errlen)))
        goto out;
    fprintf(dat, "# every repeat, as deviation from its case's median; one block per case\n");
    fprintf(dat, "# case_index us_per_call deviation_pct \"case\" \"median and CV\"\n");
    size_t idx = 0;
    for (int s = 0; s < n; s++)
        for (size_t i = 0; i < sets[s].n; i++, idx++) {
            const struct sc_result *r = &sets[s].rows[i];
            struct sc_summary sum;
            if (sc_summarize(r->samples, r->n_samples, &sum)) {
                snprintf(err, errlen, "out of memory");
                goto out;
            }
            char name[600], med[32], info[96];
            if (n > 1)
                snprintf(name, sizeof(name), "%s: %s", sc_base_name(inputs[s]), r->test + strip);
            else
                snprintf(name, sizeof(name), "%s", r->test + strip);
            sc_format_time_us(sum.median, med, sizeof(med));
            snprintf(info, sizeof(info), "median %s, CV %.1f%%, %zu repeat%s", med, sum.cv * 100,
                     r->n_samples, r->n_samples == 1 ? "" : "s");
            if (idx)
                fputs("\n\n", dat);
            for (size_t k = 0; k < r->n_samples; k++) {
                double dev = sum.median > 0 ? (r->samples[k] / sum.median - 1) * 100 : 0;
                fprintf(dat, "%zu %.9g %.6f ", idx, r->samples[k], dev);
                const char *row[] = {name, info};
                plot_text_row(dat, row, 2);
            }
        }
    if (close_datafile(&dat, c, err, errlen))
        goto out;
    char t[512];
    if (o->title) {
        snprintf(t, sizeof(t), "%s", o->title);
    } else {
        int k = snprintf(t, sizeof(t), "Noise across repeats: ");
        for (int s = 0; s < n && k < (int)sizeof(t); s++)
            k += snprintf(t + k, sizeof(t) - (size_t)k, "%s%s", s ? ", " : "", sc_base_name(inputs[s]));
        if (strip && k < (int)sizeof(t))
            snprintf(t + k, sizeof(t) - (size_t)k, " (suite %.*s)", (int)strip - 1, suite);
    }
    const char *texts[] = {t};
    if (write_titles(st, c, texts, 1, err, errlen))
        goto out;
    c->width = clamp(170 * (int)cases + 160, 760, 2400);
    c->height = cases > 4 ? 640 : 540; /* slanted names take height */
    rc = 0;
out:
    if (dat)
        fclose(dat);
    for (int s = 0; s < read; s++)
        sc_result_set_free(&sets[s]);
    free(sets);
    return rc;
}

/* ---- overhead: the observer effect ------------------------------------- */

static int build_overhead(struct plot_stage *st, char **inputs, int n, const struct plot_opts *o,
                          struct plot_chart *c, char *err, size_t errlen)
{
    struct result_inputs in;
    FILE *dat = NULL;
    int rc = -1;
    if (result_inputs_read(inputs, (size_t)n, &in, err, errlen))
        return -1;
    struct overhead_table tab;
    if (overhead_table_build(in.sets, (const char *const *)in.paths, in.n, o->test, &tab, err,
                             errlen))
        goto out;
    if (tab.n < 2)
        fprintf(stderr, "note: only the untraced run of %s is there: no tracer to compare\n", tab.test);
    if (begin_chart(c, o, "overhead", "overhead.gp", err, errlen) ||
        !(dat = add_datafile(st, c, NULL, err, errlen)))
        goto out;
    plot_text_comment(dat, "observer effect on %s: ns per syscall, untraced first", tab.test);
    fprintf(dat, "# \"tool\" ns_per_syscall p10_ns p90_ns added_ns \"value\" \"added\" \"floor\"\n");
    for (size_t i = 0; i < tab.n; i++) {
        const struct overhead_row *r = &tab.rows[i];
        char value[32], added[96], floor[96] = "";
        sc_format_time_us(r->ns_per_syscall / 1e3, value, sizeof(value));
        if (i == 0) {
            snprintf(added, sizeof(added), "baseline");
        } else {
            /* Two lines: one line of both ran into the next bar's. */
            overhead_change_text(r, added, sizeof(added));
            overhead_floor_text(r, floor, sizeof(floor));
        }
        plot_text_put(dat, r->label);
        fprintf(dat, " %.9g %.9g %.9g %.9g ", r->ns_per_syscall, r->p10, r->p90, r->added_ns);
        const char *row[] = {value, added, floor};
        plot_text_row(dat, row, 3);
    }
    if (close_datafile(&dat, c, err, errlen))
        goto out;
    char t[512];
    chart_title(t, sizeof(t), o, "What tracing adds per syscall (%s)", tab.test);
    const char *texts[] = {t};
    if (write_titles(st, c, texts, 1, err, errlen))
        goto out;
    c->width = clamp(170 * (int)tab.n + 200, 900, 1800);
    c->height = 540;
    rc = 0;
out:
    if (dat)
        fclose(dat);
    result_inputs_free(&in);
    return rc;
}

/* ---- sweep: bytes per write ------------------------------------------- */

static int build_sweep(struct plot_stage *st, char **inputs, int n, const struct plot_opts *o,
                       struct plot_chart *c, char *err, size_t errlen)
{
    (void)n;
    struct sc_result_set set = {0};
    struct sweep_table tab = {0};
    FILE *dat = NULL;
    int rc = -1;
    const char *prefix = o->prefix ? o->prefix : SWEEP_DEFAULT_PREFIX;
    if (sc_results_read(inputs[0], &set, err, errlen) ||
        sweep_table_build(&set, prefix, &tab, err, errlen))
        goto out;
    if (tab.n < 2) {
        snprintf(err, errlen, "%s: %s cases named %sN: a sweep needs two or more", inputs[0],
                 tab.n ? "only one of the" : "no", prefix);
        goto out;
    }
    if (begin_chart(c, o, "sweep", "sweep.gp", err, errlen) ||
        !(dat = add_datafile(st, c, NULL, err, errlen)))
        goto out;
    plot_text_comment(dat, "%sN from %s: the same payload written N bytes per write()", prefix,
                      sc_base_name(inputs[0]));
    fprintf(dat, "# bytes_per_write ns_per_byte ns_per_write fixed_cost_only_ns_per_byte \"case\"\n");
    for (size_t i = 0; i < tab.n; i++) {
        const struct sweep_row *r = &tab.rows[i];
        fprintf(dat, "%ld %.9g %.9g %.9g ", r->bytes_per_write, r->ns_per_byte, r->ns_per_write,
                r->fixed_only_ns_per_byte);
        const char *row[] = {r->result->test};
        plot_text_row(dat, row, 1);
    }
    if (close_datafile(&dat, c, err, errlen))
        goto out;
    char t[512], payload[32];
    sc_format_bytes(tab.rows[0].payload_bytes, payload, sizeof(payload));
    chart_title(t, sizeof(t), o, "The same %s written N bytes per write(): cost per byte and per call",
                payload);
    const char *texts[] = {t};
    if (write_titles(st, c, texts, 1, err, errlen))
        goto out;
    c->width = 980;
    c->height = 560;
    rc = 0;
out:
    if (dat)
        fclose(dat);
    sweep_table_free(&tab);
    sc_result_set_free(&set);
    return rc;
}

/* ---- fleet: one view across machines ------------------------------------ */

size_t plot_fleet_cases(const struct fleet *f, size_t *rows, size_t max)
{
    size_t n = 0;
    for (int suite_only = 1; suite_only >= 0 && !n; suite_only--)
        for (size_t j = 0; j < f->n_rows && n < max && n < FLEET_CHART_MAX_CASES; j++)
            if (f->rows[j].n_present == f->n_runs &&
                (!suite_only || !strncmp(f->rows[j].test, "Syscall.", 8)))
                rows[n++] = j;
    return n;
}

int plot_fleet_chart(struct plot_stage *st, const struct fleet *f, const struct plot_opts *o,
                     struct plot_chart *c, char *err, size_t errlen)
{
    size_t rows[FLEET_CHART_MAX_CASES];
    size_t n = plot_fleet_cases(f, rows, FLEET_CHART_MAX_CASES);
    if (!n) {
        snprintf(err, errlen, "no case is in every run: nothing to chart");
        return -1;
    }
    FILE *dat = NULL;
    if (begin_chart(c, o, "fleet", "fleet.gp", err, errlen) ||
        !(dat = add_datafile(st, c, NULL, err, errlen)))
        return -1;
    plot_text_comment(dat, "cost per syscall (per call where a case makes none) on each of %zu runs",
                      f->n_runs);
    fprintf(dat, "# x case_index run_index ns null_part_ns \"case\" \"value\" \"null multiple\"\n");
    double gap = 1.0 / ((double)f->n_runs + 1.5);
    for (size_t k = 0; k < n; k++) {
        const struct fleet_row *row = &f->rows[rows[k]];
        for (size_t i = 0; i < f->n_runs; i++) {
            const struct fleet_cell *cell = &row->cells[i];
            double null_ns = f->runs[i].null_ns;
            double part = isfinite(null_ns) && per_syscall_divides(cell->syscalls)
                              ? (null_ns < cell->ns ? null_ns : cell->ns)
                              : NAN;
            char value[32], ratio[48] = "", times[32];
            sc_format_time_us(cell->ns / 1e3, value, sizeof(value));
            fleet_ratio_text(cell->null_ratio, times, sizeof(times));
            if (isfinite(cell->null_ratio))
                snprintf(ratio, sizeof(ratio), "%s null", times);
            double x = (double)k + ((double)i - ((double)f->n_runs - 1) / 2) * gap;
            fprintf(dat, "%.6f %zu %zu %.9g %.9g ", x, k, i + 1, cell->ns, part);
            /* A case that never enters the kernel has no null syscall's
             * share: the tic says why its bar has no hatching. */
            char tic[300];
            snprintf(tic, sizeof(tic), "%s%s", row->test,
                     row->cells[0].syscalls == 0 ? " (no syscall)" : "");
            const char *texts[] = {tic, value, ratio};
            plot_text_row(dat, texts, 3);
        }
    }
    if (close_datafile(&dat, c, err, errlen))
        return -1;
    char t[512], unnormalised[512];
    fleet_unnormalised(f, unnormalised, sizeof(unnormalised));
    chart_title(t, sizeof(t), o, "Cost per syscall on %zu runs, each with its own null syscall's share",
                f->n_runs);
    char note[768];
    if (unnormalised[0])
        snprintf(note, sizeof(note), "hatched: the run's null syscall (%s), the trip into and out of "
                                     "the kernel; below each value: multiples of it. Not normalised "
                                     "(no %s): %s", FLEET_NULL_CASE, FLEET_NULL_CASE, unnormalised);
    else
        snprintf(note, sizeof(note), "hatched: the run's null syscall (%s), the trip into and out of "
                                     "the kernel; below each value: multiples of it", FLEET_NULL_CASE);
    /* The template reads: title, x note, the null part's key, then one
     * title per run. */
    const char *texts[3 + FLEET_MAX_RUNS] = {t, note, "null syscall (the run's own)"};
    for (size_t i = 0; i < f->n_runs; i++)
        texts[3 + i] = f->runs[i].label;
    if (write_titles(st, c, texts, 3 + f->n_runs, err, errlen))
        return -1;
    c->width = clamp((int)n * (70 * (int)f->n_runs + 90) + 260, 900, 1800);
    c->height = 600;
    return 0;
}

static int build_fleet(struct plot_stage *st, char **inputs, int n, const struct plot_opts *o,
                       struct plot_chart *c, char *err, size_t errlen)
{
    struct fleet f;
    int rc = fleet_read(inputs, (size_t)n, stderr, &f, err, errlen) ? -1
             : plot_fleet_chart(st, &f, o, c, err, errlen);
    fleet_free(&f);
    return rc;
}

/* ---- syscall: where a syscall's time goes ------------------------------ */

static void syscall_bar(FILE *dat, const char *label, double kernel_ns, double own_ns,
                        const char *value, const char *own_label)
{
    plot_text_put(dat, label);
    fprintf(dat, " %.9g %.9g ", kernel_ns, own_ns);
    const char *row[] = {value, own_label};
    plot_text_row(dat, row, 2);
}

static int build_syscall(struct plot_stage *st, char **inputs, int n, const struct plot_opts *o,
                         struct plot_chart *c, char *err, size_t errlen)
{
    (void)n;
    struct sc_result_set set = {0};
    FILE *dat = NULL;
    int rc = -1;
    if (sc_results_read(inputs[0], &set, err, errlen))
        goto out;
    struct syscall_cost cost;
    if (!syscall_cost_build(&set, &cost)) {
        snprintf(err, errlen, "%s: no %s case: nothing to split a syscall's cost by", inputs[0],
                 SYSCALL_NULL_TEST);
        goto out;
    }
    if (begin_chart(c, o, "syscall", "syscall.gp", err, errlen) ||
        !(dat = add_datafile(st, c, NULL, err, errlen)))
        goto out;
    plot_text_comment(dat, "the Syscall cases of %s: ns per call, the null syscall's share first",
                      sc_base_name(inputs[0]));
    fprintf(dat, "# \"call\" kernel_entry_exit_ns own_path_ns \"value\" \"own path\"\n");
    char value[32], own[48];
    double null_ns = cost.null.ns;
    sc_format_time_us(null_ns / 1e3, value, sizeof(value));
    syscall_bar(dat, "getppid() (the null syscall)", null_ns, 0, value, "");
    for (size_t i = 0; i < cost.n; i++) {
        const struct syscall_cost_row *r = &cost.rows[i];
        char mag[32];
        sc_format_time_us(r->total.ns / 1e3, value, sizeof(value));
        sc_format_time_us(fabs(r->own.ns) / 1e3, mag, sizeof(mag));
        snprintf(own, sizeof(own), "own %s%s", r->own.ns < 0 ? "-" : "+", mag);
        /* A call cheaper than the null syscall (noise) draws as the null syscall alone. */
        syscall_bar(dat, r->call, r->own.ns < 0 ? r->total.ns : null_ns,
                    r->own.ns > 0 ? r->own.ns : 0, value, own);
    }
    if (cost.vdso_result) {
        bool enters = cost.vdso_result->syscalls_per_call > 0;
        sc_format_time_us(cost.vdso.ns / 1e3, value, sizeof(value));
        syscall_bar(dat, "clock_gettime() through the vDSO", enters ? cost.vdso.ns : 0,
                    enters ? 0 : cost.vdso.ns, value, enters ? "falls back to the syscall" :
                                                               "no kernel entry");
    }
    if (close_datafile(&dat, c, err, errlen))
        goto out;
    char t[512];
    chart_title(t, sizeof(t), o, "Where a syscall's time goes: the trip into and out of the kernel, "
                                 "and the rest");
    const char *texts[] = {t, "into and out of the kernel (the null syscall)",
                           "the call's own path (in user space for the vDSO)"};
    if (write_titles(st, c, texts, 3, err, errlen))
        goto out;
    c->width = clamp(190 * (int)(cost.n + 2) + 200, 900, 1600);
    c->height = 560;
    rc = 0;
out:
    if (dat)
        fclose(dat);
    sc_result_set_free(&set);
    return rc;
}

/* ---- ab: bench ab's per-round ratios and the interval ----------------- */

/* A number member of a JSON object, or NaN. */
static double json_num(const struct sc_json *o, const char *key)
{
    const struct sc_json *v = sc_json_get(o, key);
    return v && v->type == SC_JSON_NUMBER ? v->number : NAN;
}

static const char *json_str(const struct sc_json *o, const char *key)
{
    const struct sc_json *v = sc_json_get(o, key);
    return v && v->type == SC_JSON_STRING ? v->string : NULL;
}

static int build_ab(struct plot_stage *st, char **inputs, int n, const struct plot_opts *o,
                    struct plot_chart *c, char *err, size_t errlen)
{
    (void)n;
    struct sc_json_error je;
    struct sc_json *doc = sc_json_parse_file(inputs[0], &je);
    FILE *dat = NULL;
    int rc = -1;
    if (!doc) {
        snprintf(err, errlen, "%s:%d:%d: %s", inputs[0], je.line, je.col, je.msg);
        return -1;
    }
    const struct sc_json *cases = sc_json_get(doc, "cases"), *rounds = sc_json_get(doc, "per_round");
    if (doc->type != SC_JSON_OBJECT || !cases || cases->type != SC_JSON_ARRAY || !cases->count ||
        !rounds || rounds->type != SC_JSON_ARRAY) {
        snprintf(err, errlen, "%s: not bench ab's json (bench ab --format json): no cases and "
                 "per_round", inputs[0]);
        goto out;
    }
    /* The case --case names, else the first. */
    const struct sc_json *cs = NULL;
    for (size_t i = 0; i < cases->count && !cs; i++) {
        const char *t = json_str(cases->items[i], "test");
        if (t && (!o->test || !strcmp(t, o->test)))
            cs = cases->items[i];
    }
    if (!cs) {
        snprintf(err, errlen, "%s: no case '%s'", inputs[0], o->test ? o->test : "");
        goto out;
    }
    const char *test = json_str(cs, "test"), *change = json_str(cs, "change");
    double est = json_num(cs, "ratio"), lo = json_num(cs, "ci_low"), hi = json_num(cs, "ci_high");
    if (!isfinite(est)) {
        snprintf(err, errlen, "%s: %s has no ratio", inputs[0], test);
        goto out;
    }
    if (begin_chart(c, o, "ab", "ab.gp", err, errlen) ||
        !(dat = add_datafile(st, c, NULL, err, errlen)))
        goto out;
    plot_text_comment(dat, "bench ab, %s: per-round change and the paired estimate", test);
    fprintf(dat, "# round change_pct ci_low_pct ci_high_pct estimate_pct\n");
    size_t drawn = 0;
    for (size_t i = 0; i < rounds->count; i++) {
        const struct sc_json *r = rounds->items[i];
        const char *t = json_str(r, "test");
        double k = json_num(r, "round"), ratio = json_num(r, "ratio");
        if (!t || strcmp(t, test) || !isfinite(k) || !isfinite(ratio))
            continue;
        /* No interval (too few rounds): the band collapses onto the estimate. */
        fprintf(dat, "%.0f %.9g %.9g %.9g %.9g\n", k, (ratio - 1) * 100,
                ((isfinite(lo) ? lo : est) - 1) * 100, ((isfinite(hi) ? hi : est) - 1) * 100,
                (est - 1) * 100);
        drawn++;
    }
    if (close_datafile(&dat, c, err, errlen))
        goto out;
    if (!drawn) {
        snprintf(err, errlen, "%s: no rounds of %s", inputs[0], test);
        goto out;
    }
    char t[512], band[256];
    chart_title(t, sizeof(t), o, "bench ab: %s, candidate against baseline per round", test);
    snprintf(band, sizeof(band), "paired estimate and its interval: %s", change ? change : "");
    const char *texts[] = {t, band};
    if (write_titles(st, c, texts, 2, err, errlen))
        goto out;
    c->width = clamp(40 * (int)drawn + 300, 960, 1600);
    c->height = 480;
    rc = 0;
out:
    if (dat)
        fclose(dat);
    sc_json_free(doc);
    return rc;
}

const struct plot_kind plot_kinds[] = {
    {"hist", build_hist, 1, HIST_MAX_PANELS, "CASE.SCRIPT.json... (1 to 4, one panel each)"},
    {"compare", build_compare, 2, 2, "BASE CAND (results: the kit's CSV or JSON, google benchmark JSON)"},
    {"samples", build_samples, 1, 0, "RESULTS..."},
    {"overhead", build_overhead, 1, 0, "RESULTS|DIR... (one run per profileTool; DIR: its *.csv)"},
    {"sweep", build_sweep, 1, 1, "RESULTS (cases WriteSize.Bytes/N)"},
    {"fleet", build_fleet, 2, FLEET_MAX_RUNS, "RUN_DIR... (2 to 16 run folders; bench fleet writes its report too)"},
    {"syscall", build_syscall, 1, 1, "RESULTS (cases Syscall.*: the null syscall and the others)"},
    {"ab", build_ab, 1, 1, "AB.json (bench ab --format json; --case picks the case)"},
    {NULL, NULL, 0, 0, NULL},
};

const struct plot_kind *plot_kind_find(const char *name)
{
    for (const struct plot_kind *k = plot_kinds; k->name; k++)
        if (!strcmp(k->name, name))
            return k;
    return NULL;
}
