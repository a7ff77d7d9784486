/* bench fleet: several run folders (hosts, kernels, containers) side by
 * side, each host's costs also in units of its own null syscall, and the
 * fingerprint differences that explain the gaps (fleet.h). Writes
 * fleet.md, fleet.html and the chart into OUT_DIR, published together
 * through one stage (plot_stage.h), and prints the tables. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/units.h>

#include "bench_signals.h"
#include "commands.h"
#include "fleet.h"
#include "plot_gnuplot.h"
#include "plot_kinds.h"
#include "plot_render.h"
#include "plot_stage.h"
#include "report_chart.h"
#include "report_doc.h"
#include "per_syscall.h"

#define DEFAULT_OUT_DIR "artifacts/fleet"
#define MAX_COLS (2 + 3 * FLEET_MAX_RUNS)

static struct {
    const char *out_dir;
    int format;
} args;

static const struct sc_opt options[] = {
    SC_OPT_STRING("out", 'o', &args.out_dir, "DIR",
                  "where fleet.md, fleet.html and fleet.png/.svg go\n"
                  "(default " DEFAULT_OUT_DIR ")"),
    BENCH_OPT_FORMAT(&args.format),
    SC_OPT_END(),
};

/* The columns name the runs, so they are made per call and outlive the tables. */
static struct ex_column case_cols[MAX_COLS], diff_cols[MAX_COLS];
static char col_text[2 * MAX_COLS][FLEET_LABEL_MAX + 16];

static size_t make_case_cols(const struct fleet *f)
{
    size_t n = 0, t = 0;
    case_cols[n++] = (struct ex_column){"CASE", "test", false, true, 0};
    case_cols[n++] = (struct ex_column){"PER", "per", false, false, 0};
    for (size_t i = 0; i < f->n_runs; i++)
        case_cols[n++] = (struct ex_column){f->runs[i].label, NULL, true, false, 0};
    for (size_t i = 0; i < f->n_runs; i++) {
        snprintf(col_text[t], sizeof(col_text[t]), "%s.ns", f->runs[i].label);
        case_cols[n++] = (struct ex_column){NULL, col_text[t++], false, false, 0};
        snprintf(col_text[t], sizeof(col_text[t]), "%s.null_ratio", f->runs[i].label);
        case_cols[n++] = (struct ex_column){NULL, col_text[t++], false, false, 0};
    }
    return n;
}

static size_t make_diff_cols(const struct fleet *f)
{
    size_t n = 0;
    diff_cols[n++] = (struct ex_column){"FINGERPRINT", "key", false, true, 0};
    diff_cols[n++] = (struct ex_column){"CHANGES COST", "changes_cost", false, false, 0};
    for (size_t i = 0; i < f->n_runs; i++)
        diff_cols[n++] = (struct ex_column){f->runs[i].label, f->runs[i].label, false, false, 0};
    return n;
}

/* "152 ns (1.92x null)", "152 ns", or "-" where the run lacks the case. */
static void cell_text(const struct fleet_cell *c, char *buf, size_t len)
{
    if (!c->present) {
        snprintf(buf, len, "-");
        return;
    }
    char v[32], x[32];
    sc_format_time_us(c->ns / 1e3, v, sizeof(v));
    fleet_ratio_text(c->null_ratio, x, sizeof(x));
    if (isfinite(c->null_ratio))
        snprintf(buf, len, "%s (%s null)", v, x);
    else
        snprintf(buf, len, "%s", v);
}

static void fill_cases(struct ex_table *t, const struct fleet *f)
{
    size_t n_cols = t->n_cols;
    struct ex_cell *cells = calloc(n_cols, sizeof(*cells));
    char (*shown)[64] = calloc(f->n_runs, sizeof(*shown));
    if (!cells || !shown) {
        t->oom = true;
        free(cells);
        free(shown);
        return;
    }
    for (size_t j = 0; j < f->n_rows; j++) {
        const struct fleet_row *row = &f->rows[j];
        size_t k = 0;
        double syscalls = NAN;
        for (size_t i = 0; i < f->n_runs && isnan(syscalls); i++)
            if (row->cells[i].present)
                syscalls = row->cells[i].syscalls;
        cells[k++] = ex_text(row->test);
        cells[k++] = ex_text(per_syscall_text(syscalls));
        for (size_t i = 0; i < f->n_runs; i++) {
            cell_text(&row->cells[i], shown[i], sizeof(shown[i]));
            cells[k++] = ex_text(shown[i]);
        }
        for (size_t i = 0; i < f->n_runs; i++) {
            const struct fleet_cell *c = &row->cells[i];
            cells[k++] = c->present ? ex_real(c->ns) : ex_none();
            cells[k++] = isfinite(c->null_ratio) ? ex_real(c->null_ratio) : ex_none();
        }
        ex_table_add(t, EX_EVERYWHERE, cells, k);
    }
    free(cells);
    free(shown);
}

static void fill_diffs(struct ex_table *t, const struct fleet *f)
{
    struct ex_cell cells[MAX_COLS];
    for (size_t d = 0; d < f->n_diffs; d++) {
        const struct fleet_diff *x = &f->diffs[d];
        size_t k = 0;
        cells[k++] = ex_text(x->key);
        cells[k++] = ex_shown(ex_bool(x->explains), x->explains ? "may" : "");
        for (size_t i = 0; i < f->n_runs; i++)
            cells[k++] = !f->runs[i].has_env ? ex_text("(no env.txt)")
                         : x->values[i]      ? ex_text(x->values[i])
                                             : ex_text("(not recorded)");
        ex_table_add(t, EX_EVERYWHERE, cells, k);
    }
}

/* ---- the findings, in words ---------------------------------------------- */

/* The case whose raw cost differs most between the runs, and how much of
 * that is left in null-syscall units: the gap the kernel entry explains.
 * False when some run cannot be normalised or no case is in all runs. */
static bool widest_gap(const struct fleet *f, size_t *row_out, double *raw, double *norm)
{
    /* The Syscall suite's cases when the runs have them: one syscall each,
     * steady; the rest (pipes, ptys, sockets) wander between runs. */
    size_t chart[FLEET_CHART_MAX_CASES],
        n_chart = plot_fleet_cases(f, chart, FLEET_CHART_MAX_CASES);
    bool found = false;
    for (size_t k = 0; k < n_chart; k++) {
        size_t j = chart[k];
        const struct fleet_row *row = &f->rows[j];
        if (!strcmp(row->test, FLEET_NULL_CASE))
            continue;
        double lo = INFINITY, hi = 0, rlo = INFINITY, rhi = 0;
        bool ok = true;
        for (size_t i = 0; i < f->n_runs; i++) {
            const struct fleet_cell *c = &row->cells[i];
            if (!isfinite(c->null_ratio) || !(c->ns > 0)) {
                ok = false;
                break;
            }
            lo = fmin(lo, c->ns), hi = fmax(hi, c->ns);
            rlo = fmin(rlo, c->null_ratio), rhi = fmax(rhi, c->null_ratio);
        }
        if (ok && (!found || hi / lo > *raw)) {
            found = true;
            *row_out = j;
            *raw = hi / lo;
            *norm = rhi / rlo;
        }
    }
    return found;
}

/* How much of a gap of raw (in ns) the null syscall explains, when norm is
 * what is left in its units. */
static const char *gap_words(double raw, double norm)
{
    double explained = raw > 1 ? (raw - norm) / (raw - 1) : 0;
    return explained >= 0.75 ? "most of the gap is the cost of entering and leaving the kernel"
           : explained >= 0.25 ? "part of the gap is the cost of entering and leaving the kernel"
                               : "the gap is in the syscall's own path, not in entering the kernel";
}

static void warn_runs(const struct fleet *f, FILE *to)
{
    for (size_t i = 0; i < f->n_runs; i++) {
        const struct fleet_run *r = &f->runs[i];
        if (!isfinite(r->null_ns))
            fprintf(to, "warning: %s: no %s case: its costs cannot be normalised by its own null "
                        "syscall; its raw costs are compared\n", r->dir, FLEET_NULL_CASE);
        if (!r->has_env)
            fprintf(to, "warning: %s: no env.txt: its fingerprint is unknown and left out of the "
                        "differences\n", r->dir);
    }
}

/* The report: fleet.md and fleet.html. */
static void build_report(const struct fleet *f, struct doc *doc, const char *png_dir,
                         bool have_chart)
{
    doc_heading(doc, 1, "Fleet: %zu runs side by side", f->n_runs);
    doc_para(doc, "Each case's cost per syscall on each run (per call where a case makes no "
                  "syscall), and in brackets the same cost in multiples of that run's own null "
                  "syscall (`%s`): dividing by it cancels how fast each machine enters and leaves "
                  "the kernel, so what differs after it is the syscall's own path.",
             FLEET_NULL_CASE);
    doc_heading(doc, 2, "Runs");
    for (size_t i = 0; i < f->n_runs; i++) {
        const struct fleet_run *r = &f->runs[i];
        char null_text[32];
        sc_format_time_us(r->null_ns / 1e3, null_text, sizeof(null_text));
        if (isfinite(r->null_ns))
            doc_item(doc, "**%s**: `%s`, null syscall %s%s", r->label, r->dir, null_text,
                     r->has_env ? "" : "; no env.txt (fingerprint unknown)");
        else
            doc_item(doc, "**%s**: `%s`, no `%s` case: not normalised, raw costs compared%s",
                     r->label, r->dir, FLEET_NULL_CASE,
                     r->has_env ? "" : "; no env.txt (fingerprint unknown)");
    }
    size_t j;
    double raw, norm;
    if (widest_gap(f, &j, &raw, &norm))
        doc_para(doc, "The widest gap is `%s`: %.2fx between the runs in ns, %.2fx in units of "
                      "each run's null syscall: %s.",
                 f->rows[j].test, raw, norm, gap_words(raw, norm));
    doc_heading(doc, 2, "Cases");
    doc_para(doc, "Runs made minutes apart on one machine drift (up to about 17%% on a VM): a gap that "
                  "small, with no fingerprint difference beside it, is noise.");
    struct ex_table t;
    ex_table_init(&t, "cases", case_cols, make_case_cols(f));
    fill_cases(&t, f);
    doc_table(doc, &t);
    if (f->n_common < f->n_rows)
        doc_para(doc, "%zu of the %zu cases are in only some of the runs: '-' where a run lacks "
                      "one. Cases in only one run are left out.",
                 f->n_rows - f->n_common, f->n_rows);
    if (have_chart) {
        unsigned char *data = NULL;
        size_t size = 0;
        const char *mime = NULL;
        char why[256];
        if (report_chart_load(png_dir, "fleet.png", &data, &size, &mime, why, sizeof(why)) ==
            REPORT_CHART_OK)
            doc_image(doc, "fleet.png",
                      "cost per syscall on each run, the run's null syscall hatched", mime, data,
                      size);
    }
    doc_heading(doc, 2, "Fingerprint differences");
    size_t with_env = 0;
    for (size_t i = 0; i < f->n_runs; i++)
        with_env += f->runs[i].has_env;
    if (with_env < 2) {
        doc_para(doc, "Fewer than two runs have an env.txt: no fingerprints to compare.");
    } else if (!f->n_diffs) {
        doc_para(doc, "The runs' env.txt fingerprints are the same line for line: the gaps are "
                      "not explained by what env.txt records (compare within one run: a VM "
                      "drifts between runs).");
    } else {
        doc_para(doc, "The env.txt lines whose values differ, those that change what a syscall "
                      "costs (mitigations, seccomp, hypervisor, steal, CPU, kernel) first; its "
                      "`warning` lines are left out, they restate these in sentences.");
        struct ex_table d;
        ex_table_init(&d, "fingerprints", diff_cols, make_diff_cols(f));
        fill_diffs(&d, f);
        doc_table(doc, &d);
    }
}

/* What bench fleet prints: the same tables, in --format. */
static void build_output(const struct fleet *f, struct ex_doc *doc)
{
    ex_meta(doc, "runs", ex_count(f->n_runs));
    ex_line(doc, EX_HUMAN, "Fleet: %zu runs; cost per syscall, in brackets in multiples of the "
                           "run's own null syscall (%s)", f->n_runs, FLEET_NULL_CASE);
    ex_blank(doc);
    struct ex_table *t = ex_doc_table(doc, "cases", case_cols, make_case_cols(f), EX_EVERYWHERE);
    if (t)
        fill_cases(t, f);
    size_t j;
    double raw, norm;
    if (widest_gap(f, &j, &raw, &norm)) {
        ex_blank(doc);
        ex_line(doc, EX_HUMAN, "widest gap: %s, %.2fx in ns, %.2fx in null-syscall units: %s",
                f->rows[j].test, raw, norm, gap_words(raw, norm));
    }
    if (f->n_diffs) {
        ex_blank(doc);
        t = ex_doc_table(doc, "fingerprints", diff_cols, make_diff_cols(f), EX_EVERYWHERE);
        if (t)
            fill_diffs(t, f);
    }
}

/* ---- writing ------------------------------------------------------------- */

static struct plot_stage stage;

static void clean_up_from_signal(void)
{
    plot_gnuplot_kill_from_signal();
    plot_stage_abort_from_signal();
}

static int write_doc(const struct doc *doc, const char *name, bool html, char *err, size_t errlen)
{
    FILE *f = plot_stage_create(&stage, name, err, errlen);
    if (!f)
        return -1;
    int bad = html ? doc_write_html(doc, f, "syscost fleet", err, errlen)
                   : doc_write_markdown(doc, f);
    bad |= ferror(f) | fclose(f);
    if (bad && !html)
        snprintf(err, errlen, "%s: write error", name);
    else if (bad && !err[0])
        snprintf(err, errlen, "%s: write error", name);
    return bad ? -1 : 0;
}

/* The chart into the stage; false with a warning when it cannot be drawn. */
static bool draw_chart(const struct fleet *f)
{
    char gnuplot[4096], templates[4096], err[1024];
    struct plot_chart chart;
    struct plot_opts opts = {0};
    size_t mark = plot_stage_mark(&stage);
    if (plot_find_gnuplot(gnuplot, sizeof(gnuplot), err, sizeof(err)) ||
        plot_find_templates(templates, sizeof(templates), err, sizeof(err)) ||
        plot_fleet_chart(&stage, f, &opts, &chart, err, sizeof(err)) ||
        plot_render(&stage, gnuplot, templates, &chart, PLOT_TERM_FILES, err, sizeof(err))) {
        fprintf(stderr, "warning: no fleet chart: %s\n", err);
        plot_stage_rollback(&stage, mark);
        return false;
    }
    return true;
}

static int run(char **pos, int n_pos)
{
    const char *out_dir = args.out_dir ? args.out_dir : DEFAULT_OUT_DIR;
    struct fleet f;
    char err[1400] = "";
    int status = 2;
    if (fleet_read(pos, (size_t)n_pos, stderr, &f, err, sizeof(err))) {
        fprintf(stderr, "error: bench fleet: %s\n", err);
        fleet_free(&f);
        return 2;
    }
    warn_runs(&f, stderr);
    if (f.n_common == 0)
        fprintf(stderr, "warning: no case is in every run: the chart needs one; the table shows "
                        "the cases two or more runs share\n");

    bench_signals_catch(clean_up_from_signal);
    if (plot_stage_open(&stage, out_dir, err, sizeof(err))) {
        fprintf(stderr, "error: %s\n", err);
        goto out;
    }
    bool have_chart = f.n_common && draw_chart(&f);
    struct doc doc = {0};
    build_report(&f, &doc, stage.dir, have_chart);
    err[0] = '\0';
    if (doc.oom || write_doc(&doc, "fleet.md", false, err, sizeof(err)) ||
        write_doc(&doc, "fleet.html", true, err, sizeof(err)) ||
        plot_stage_commit(&stage, err, sizeof(err))) {
        fprintf(stderr, "error: bench fleet: %s\n", err[0] ? err : "out of memory");
        plot_stage_abort(&stage);
        doc_free(&doc);
        goto out;
    }
    doc_free(&doc);
    struct ex_doc out;
    ex_doc_init(&out);
    build_output(&f, &out);
    status = bench_write(&out, args.format, "fleet");
    fprintf(stderr, "wrote %s/fleet.md, %s/fleet.html%s\n", out_dir, out_dir,
            have_chart ? ", fleet.png, fleet.svg" : " (no chart)");
    if (!status && f.n_common && !have_chart)
        status = 1;
out:
    bench_signals_default();
    fleet_free(&f);
    return status;
}

const struct bench_command fleet_command = {
    .cli = {
        .name = "bench fleet",
        .summary = "several run folders side by side, normalised by each one's null syscall",
        .about = "Reads two or more run folders (make demo-09 on other hosts, kernels,\n"
                 "containers), aligns their cases by name and states each case's cost per\n"
                 "syscall on each run, and in multiples of that run's own null syscall\n"
                 "(Syscall.Null): what is left after dividing by it is the syscall's own\n"
                 "path, not how fast the machine enters the kernel. Then it lists the env.txt\n"
                 "fingerprint lines that differ (mitigations, seccomp, hypervisor, steal\n"
                 "first). Writes fleet.md, fleet.html and the chart fleet.png/.svg into\n"
                 "OUT_DIR, all or nothing, and prints the tables. A folder that is not a run\n"
                 "is left out with a warning; a run without Syscall.Null is compared raw.\n",
        .args = SC_ARGS({"RUN_DIR", 2, FLEET_MAX_RUNS, "run folders, 2 to 16"}),
        .examples = "bench fleet artifacts/demo-09-native artifacts/demo-09\n"
                    "bench fleet -o artifacts/fleet runs/*/demo-09 --format json\n",
        .footer = "Exit status: 0 written, 1 written without the chart (gnuplot failed),\n"
                  "2 bad input: fewer than two runs, or no case in two of them\n",
    },
    .options = options, BENCH_ARGS(args), .run = run,
};
