/* bench plot: turns the kit's result files into charts with gnuplot. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench_signals.h"
#include "commands.h"
#include "plot_gnuplot.h"
#include "plot_kinds.h"
#include "plot_render.h"
#include "plot_stage.h"
#include "run_dir.h"
#include "run_layout.h"
#include "safe_name.h"
#include "sweep_table.h"
#include "syscall_cost.h"

#include <syscost/results.h>
#include <syscost/results_input.h>

#define DEFAULT_OUT_DIR "artifacts/demo-09/plots"
#define MAX_CHARTS 16

static struct {
    const char *out_dir;
    int term; /* enum plot_term: PLOT_TERM_FILES (0) draws PNG and SVG */
    struct plot_opts opts;
    struct bench_pair pair;
} args;

static void list_kinds(FILE *f)
{
    fputs("\nKinds\n", f);
    for (const struct plot_kind *k = plot_kinds; k->name; k++)
        fprintf(f, "  %-9s %s\n", k->name, k->inputs_help);
    fprintf(f, "  %-9s %s\n", "all", "RUN_DIR (every chart a demo run's files allow, into RUN_DIR/plots)");
}


static const struct sc_opt_choice terms[] = {
    {"png", PLOT_TERM_PNG, false},
    {"svg", PLOT_TERM_SVG, false},
    {"dumb", PLOT_TERM_DUMB, false},
    {NULL, 0, false},
};

static int check_name(const struct sc_opt *opt, const char *v, char *why, size_t whylen)
{
    (void)opt;
    if (safe_name_check(v))
        return 0;
    snprintf(why, whylen, "is not a safe name: letters, digits, '.', '_' or '-', not "
                          "starting with '.' or '-'");
    return -1;
}

static const struct sc_opt options[] = {
    SC_OPT_STRING("out", 'o', &args.out_dir, "DIR",
                  "where the charts go (default " DEFAULT_OUT_DIR ";\n"
                  "all: RUN_DIR/plots)"),
    {.kind = SC_OPT_ENUM, .name = "term", .value = &args.term, .choices = terms,
     .help = "one format only; dumb draws on the terminal"},
    {.kind = SC_OPT_STRING, .name = "name", .value = &args.opts.name, .arg = "NAME",
     .check = check_name,
     .help = "output base name instead of KIND ([A-Za-z0-9._-], not\n"
             "starting with '.' or '-')"},
    SC_OPT_STRING("title", 0, &args.opts.title, "TEXT", "chart title"),
    SC_OPT_STRING("syscall", 0, &args.opts.syscall, "NAME",
                  "hist: which syscall's histogram (default write)"),
    SC_OPT_STRING("map", 0, &args.opts.map, "NAME", "hist: which map (default the first histogram)"),
    SC_OPT_STRING("case", 0, &args.opts.test, "TEST",
                  "overhead: which case (default BpftraceProfiler.ManySmallWrites);\n"
                  "ab: which case (default the first)"),
    SC_OPT_STRING("prefix", 0, &args.opts.prefix, "TEXT",
                  "sweep: case names before the byte count (default " SWEEP_DEFAULT_PREFIX ")"),
    {.kind = SC_OPT_CALL, .name = "pair", .value = &args.pair, .check = bench_take_pair,
     .arg = "B=C", .once = true, .help = "compare: pair these two cases"},
    SC_OPT_END(),
};

/* The kind and its inputs, as the kind wants them: 0, or 2 after the one
 * error line. */
static int check_kind(const char *kind, char **inputs, int n_inputs)
{
    if (!strcmp(kind, "all"))
        return n_inputs == 1 ? 0 : sc_cli_error(&plot_command.cli, "all takes one run directory");
    const struct plot_kind *k = plot_kind_find(kind);
    if (!k)
        return sc_cli_bad_value(&plot_command.cli, "KIND", kind,
                                "is not a kind (hist, compare, samples, overhead, sweep, syscall, fleet, ab, all)");
    if (n_inputs < k->min_inputs || (k->max_inputs && n_inputs > k->max_inputs))
        return sc_cli_error(&plot_command.cli, "%s takes %s", k->name, k->inputs_help);
    for (int i = 0; i < n_inputs; i++)
        if (access(inputs[i], R_OK) != 0) {
            fprintf(stderr, "error: %s: cannot open: %s\n", inputs[i], strerror(errno));
            return 2;
        }
    return 0;
}

/* ---- the charts of a whole run ---------------------------------------- */

struct chart_job {
    const struct plot_kind *kind;
    char *inputs[8];
    int n;
    struct plot_opts opts;
};

static bool has_sweep(const char *csv)
{
    struct sc_result_set set = {0};
    struct sweep_table tab = {0};
    char err[256];
    bool yes = !sc_results_read(csv, &set, err, sizeof(err)) &&
               !sweep_table_build(&set, SWEEP_DEFAULT_PREFIX, &tab, err, sizeof(err)) && tab.n >= 2;
    sweep_table_free(&tab);
    sc_result_set_free(&set);
    return yes;
}

static bool has_syscall_suite(const char *csv)
{
    struct sc_result_set set = {0};
    struct syscall_cost cost;
    char err[256];
    bool yes = !sc_results_read(csv, &set, err, sizeof(err)) && syscall_cost_build(&set, &cost);
    sc_result_set_free(&set);
    return yes;
}

static size_t plan_run(const struct run_dir *r, struct chart_job *jobs, size_t max)
{
    size_t n = 0;
    if (r->slow_csv[0] && r->fast_csv[0] && n < max)
        jobs[n++] = (struct chart_job){plot_kind_find("compare"), {(char *)r->slow_csv, (char *)r->fast_csv}, 2, {0}};
    if (r->demo_csv[0] && n < max)
        jobs[n++] = (struct chart_job){plot_kind_find("samples"), {(char *)r->demo_csv}, 1, {0}};
    for (size_t g = 0; g < r->n_groups && n < max; g++) {
        /* Count maps alone (syscount) are no chart; the report shows them. */
        if (!r->groups[g].n_hist)
            continue;
        struct chart_job j = {plot_kind_find("hist"), {0}, 0, {.name = r->groups[g].name}};
        for (size_t k = 0; k < r->groups[g].n && j.n < j.kind->max_inputs; k++)
            if (r->groups[g].has_hist[k])
                j.inputs[j.n++] = r->groups[g].files[k];
        jobs[n++] = j;
    }
    if (r->overhead_dir[0] && n < max)
        jobs[n++] = (struct chart_job){plot_kind_find("overhead"), {(char *)r->overhead_dir}, 1, {0}};
    if (r->demo_csv[0] && has_sweep(r->demo_csv) && n < max)
        jobs[n++] = (struct chart_job){plot_kind_find("sweep"), {(char *)r->demo_csv}, 1, {0}};
    if (r->demo_csv[0] && has_syscall_suite(r->demo_csv) && n < max)
        jobs[n++] = (struct chart_job){plot_kind_find("syscall"), {(char *)r->demo_csv}, 1, {0}};
    return n;
}

/* ---- running ----------------------------------------------------------- */

static struct plot_stage stage;

static void clean_up_from_signal(void)
{
    plot_gnuplot_kill_from_signal();
    plot_stage_abort_from_signal();
}

static int run(char **pos, int n_pos)
{
    const char *kind = pos[0];
    char **inputs = pos + 1;
    int n_inputs = n_pos - 1;
    if (check_kind(kind, inputs, n_inputs))
        return 2;
    args.opts.pair_base = args.pair.cand ? args.pair.base : NULL;
    args.opts.pair_cand = args.pair.cand;
    char gnuplot[PATH_MAX], templates[PATH_MAX], err[1024];
    int status = 2;
    struct run_dir folder = {0};
    struct chart_job jobs[MAX_CHARTS];
    size_t n_jobs = 0;
    char out_dir[PATH_MAX];
    bool each_alone = false, render_failed = false;

    if (plot_find_gnuplot(gnuplot, sizeof(gnuplot), err, sizeof(err)) ||
        plot_find_templates(templates, sizeof(templates), err, sizeof(err))) {
        fprintf(stderr, "error: %s\n", err);
        goto out;
    }
    if (!strcmp(kind, "all")) {
        if (run_dir_scan(inputs[0], &folder, err, sizeof(err))) {
            fprintf(stderr, "error: %s\n", err);
            goto out;
        }
        n_jobs = plan_run(&folder, jobs, MAX_CHARTS);
        if (!n_jobs) {
            fprintf(stderr, "error: %s: nothing to plot (no demo.csv, slow.csv + fast.csv, "
                            "histogram .json or overhead/)\n", inputs[0]);
            goto out;
        }
        if (run_layout_join(inputs[0], RUN_FILE_PLOTS_DIR, out_dir, sizeof(out_dir))) {
            fprintf(stderr, "error: %s: path too long\n", inputs[0]);
            goto out;
        }
    } else {
        jobs[0] = (struct chart_job){plot_kind_find(kind), {0}, 0, args.opts};
        n_jobs = 1;
        snprintf(out_dir, sizeof(out_dir), "%s", DEFAULT_OUT_DIR);
    }
    if (args.out_dir) {
        snprintf(out_dir, sizeof(out_dir), "%s", args.out_dir);
    } else if (!strcmp(kind, "all") && args.term != PLOT_TERM_DUMB) {
        /* RUN_DIR/plots as a link would send the charts out of the run
         * folder, which may come from elsewhere: -o says where, if wanted. */
        struct stat sb;
        if (lstat(out_dir, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
            fprintf(stderr, "error: %s is %s, not a directory: bench plot all writes only "
                            "inside the run folder (remove it, or pass -o DIR)\n",
                    out_dir, S_ISLNK(sb.st_mode) ? "a symbolic link" : "a file");
            goto out;
        }
    }

    bench_signals_catch(clean_up_from_signal);
    if (plot_stage_open(&stage, args.term == PLOT_TERM_DUMB ? NULL : out_dir, err, sizeof(err))) {
        fprintf(stderr, "error: %s\n", err);
        goto out;
    }
    /* A whole run's charts: one that cannot be drawn costs itself only. */
    each_alone = !strcmp(kind, "all");
    for (size_t j = 0; j < n_jobs; j++) {
        char **job_inputs = jobs[j].n ? jobs[j].inputs : inputs;
        int job_n = jobs[j].n ? jobs[j].n : n_inputs;
        const char *what = jobs[j].opts.name ? jobs[j].opts.name : jobs[j].kind->name;
        size_t mark = plot_stage_mark(&stage);
        struct plot_chart chart;
        if (jobs[j].kind->build(&stage, job_inputs, job_n, &jobs[j].opts, &chart, err,
                                sizeof(err))) {
            if (each_alone) {
                fprintf(stderr, "note: no %s chart: %s\n", what, err);
                plot_stage_rollback(&stage, mark);
                jobs[j].kind = NULL;
                continue;
            }
            fprintf(stderr, "error: %s\n", err);
            plot_stage_abort(&stage);
            goto out;
        }
        if (plot_render(&stage, gnuplot, templates, &chart, args.term, err, sizeof(err))) {
            if (each_alone) {
                fprintf(stderr, "warning: %s chart not drawn: %s\n", what, err);
                plot_stage_rollback(&stage, mark);
                jobs[j].kind = NULL;
                render_failed = true;
                continue;
            }
            fprintf(stderr, "error: %s\n", err);
            plot_stage_abort(&stage);
            status = 1;
            goto out;
        }
    }
    size_t drawn = 0;
    for (size_t j = 0; j < n_jobs; j++)
        drawn += jobs[j].kind != NULL;
    if (!drawn) {
        fprintf(stderr, "error: %s: no chart could be drawn from its files\n", inputs[0]);
        plot_stage_abort(&stage);
        status = render_failed ? 1 : 2;
        goto out;
    }
    if (plot_stage_commit(&stage, err, sizeof(err))) {
        fprintf(stderr, "error: %s\n", err);
        status = 1;
        goto out;
    }
    for (size_t j = 0; j < n_jobs && args.term != PLOT_TERM_DUMB; j++) {
        if (!jobs[j].kind)
            continue;
        const char *name = jobs[j].opts.name ? jobs[j].opts.name : jobs[j].kind->name;
        if (args.term != PLOT_TERM_SVG)
            printf("%s/%s.png\n", out_dir, name);
        if (args.term != PLOT_TERM_PNG)
            printf("%s/%s.svg\n", out_dir, name);
    }
    status = render_failed ? 1 : 0;
out:
    bench_signals_default();
    run_dir_free(&folder);
    return status;
}

const struct bench_command plot_command = {
    .cli = {
        .name = "bench plot",
        .summary = "charts with gnuplot",
        .about = "Writes KIND*.dat (the numbers drawn; KIND.titles.dat, its titles) and\n"
                 "KIND.png + KIND.svg into -o DIR (default " DEFAULT_OUT_DIR ");\n"
                 "--term picks one format; dumb draws on the terminal and keeps no file.\n"
                 "Needs gnuplot (gnuplot-nox).\n",
        .args = SC_ARGS({"KIND", 1, 1, "the chart (below)"},
                        {"INPUT", 1, SC_ARGS_MANY, "what the kind reads"}),
        .more = list_kinds,
        .examples = "bench plot compare artifacts/demo-09/slow.csv artifacts/demo-09/fast.csv\n"
                    "bench plot hist artifacts/demo-09/BpftraceProfiler.*.syslat.json --term dumb\n"
                    "bench plot overhead artifacts/demo-09/overhead\n"
                    "bench plot all artifacts/demo-09\n",
        .footer = "Environment: BENCH_PLOTS_DIR (templates), BENCH_GNUPLOT (the gnuplot binary)\n"
                  "\n"
                  "Exit status: 0 drawn, 1 gnuplot failed or warned, 2 bad input or no gnuplot;\n"
                  "  all draws every chart it can: a chart its files cannot make is skipped\n"
                  "  with a note, one gnuplot fails on is skipped with a warning and exit 1\n",
    },
    .options = options, BENCH_ARGS(args), .run = run,
};
