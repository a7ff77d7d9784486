/* bench overhead: the observer-effect table of `make overhead`: one case
 * untraced and under each tracer, as ns per syscall and ns each tracer adds. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/file_util.h>
#include <syscost/results.h>

#include "commands.h"
#include "export/export.h"
#include "overhead_table.h"
#include "result_inputs.h"

/* The goal the kit sets its own tracer: at most this share of bpftrace's cost. */
#define LIBBPF_GOAL_PERCENT 60
#define LIBBPF_GOAL_SHARE (LIBBPF_GOAL_PERCENT / 100.0)
#define TEXT_OF(x) #x
#define NUMBER_TEXT(x) TEXT_OF(x)


enum { N_COLUMNS = 16 };

static void fmt_or_dash(char *buf, size_t len, const char *fmt, double v)
{
    if (isfinite(v))
        snprintf(buf, len, fmt, v);
    else
        snprintf(buf, len, "-");
}

static const struct overhead_row *row_of(const struct overhead_table *tab, const char *tool)
{
    for (size_t i = 1; i < tab->n; i++)
        if (!strcmp(tab->rows[i].tool, tool))
            return &tab->rows[i];
    return NULL;
}

/* The kernel's own figure beside the wall clock's: BPF run time above the
 * floor's (which is mostly the statistics' own clock reads). */
static void bpf_line(const struct overhead_table *tab, struct ex_doc *doc)
{
    const struct overhead_row *fl = tab->floor >= 0 ? &tab->rows[tab->floor] : NULL;
    if (!fl || !isfinite(fl->bpf_ns))
        return;
    for (size_t i = 1; i < tab->n; i++) {
        const struct overhead_row *r = &tab->rows[i];
        if (r == fl || !isfinite(r->bpf_ns))
            continue;
        ex_line(doc, EX_HUMAN, "%s: BPF statistics say %+.1f ns per syscall above the floor's "
                               "programs; the wall clock says %+.1f ns", r->label,
                r->bpf_ns - fl->bpf_ns, r->above_floor_ns);
    }
}

/* Which rows' added figure was measured inside each run (--profile-pairs). */
static void in_process_line(const struct overhead_table *tab, struct ex_doc *doc)
{
    char names[512];
    overhead_in_process_labels(tab, names, sizeof(names));
    if (names[0])
        ex_line(doc, EX_HUMAN, "%s: added measured inside each run, the tracer attached for one "
                               "repeat and detached for the other of each pair (median of the "
                               "pair differences)", names);
}

/* The heading, one row per tool, and whether libbpf keeps to its goal. */
static void build(const struct overhead_table *tab, struct ex_doc *doc, struct ex_column *cols)
{
    bool writes = !strcmp(tab->test, "BpftraceProfiler.ManySmallWrites");
    const struct ex_column columns[] = {
        {"TOOL", "label", false, false, 0},
        {NULL, "tool", false, false, 0},
        {writes ? "ns per write()" : "ns per syscall", "ns_per_syscall", true, false, 0},
        {writes ? "ns added per write()" : "ns added per syscall", NULL, true, false, 0},
        {NULL, "added_ns", false, false, 0},
        {NULL, "ratio", false, false, 0},
        {"above floor", "above_floor_ns", true, false, 0},
        {"x floor", "floor_ratio", true, false, 0},
        {"BPF ns/syscall", "bpf_ns", true, false, 0},
        {"rounds", "rounds", true, false, 0},
        {"p10-p90 (ns)", NULL, true, false, 0},
        {NULL, "p10_ns", false, false, 0},
        {NULL, "p90_ns", false, false, 0},
        {"FILE", "file", false, false, 0},
        {NULL, "skipped", false, false, 0},
        {NULL, "in_process", false, false, 0},
    };
    _Static_assert(sizeof(columns) / sizeof(columns[0]) == N_COLUMNS, "N_COLUMNS is off");
    memcpy(cols, columns, sizeof(columns));
    ex_meta(doc, "test", ex_text(tab->test));
    ex_line(doc, EX_HUMAN, "Observer effect on `%s` (median of the repeats%s)", tab->test,
            tab->n && tab->rows[0].rounds > 1 ? "; added: median of the per-round differences"
                                              : "");
    struct ex_table *t = ex_doc_table(doc, "tools", cols, N_COLUMNS, EX_EVERYWHERE);
    if (!t)
        return;
    for (size_t i = 0; i < tab->n; i++) {
        const struct overhead_row *r = &tab->rows[i];
        char per[32], added[48], spread[48], above[32], xfloor[32], bpf[32], rounds[16];
        snprintf(per, sizeof(per), "%.1f", r->ns_per_syscall);
        if (i == 0)
            snprintf(added, sizeof(added), "-");
        else
            snprintf(added, sizeof(added), "%+.1f (%.2fx)", r->added_ns, r->ratio);
        fmt_or_dash(above, sizeof(above), "%+.1f", (long)i == tab->floor ? NAN : r->above_floor_ns);
        fmt_or_dash(xfloor, sizeof(xfloor), "%.2f", r->floor_ratio);
        fmt_or_dash(bpf, sizeof(bpf), "%.1f", r->bpf_ns);
        snprintf(rounds, sizeof(rounds), "%zu", r->rounds);
        snprintf(spread, sizeof(spread), "%.1f-%.1f", r->p10, r->p90);
        EX_ROW(t, EX_EVERYWHERE, ex_text(r->label), ex_text(r->tool),
               ex_shown(ex_real(r->ns_per_syscall), per), ex_text(added),
               ex_real(r->added_ns), ex_ratio(r->ratio),
               ex_shown(isfinite(r->above_floor_ns) ? ex_real(r->above_floor_ns) : ex_none(), above),
               ex_shown(isfinite(r->floor_ratio) ? ex_ratio(r->floor_ratio) : ex_none(), xfloor),
               ex_shown(isfinite(r->bpf_ns) ? ex_real(r->bpf_ns) : ex_none(), bpf),
               ex_shown(ex_count(r->rounds), rounds), ex_text(spread), ex_real(r->p10),
               ex_real(r->p90), ex_text(sc_base_name(r->source)), ex_none(),
               ex_bool(r->in_process));
    }
    for (size_t i = 0; i < tab->n_skipped; i++) {
        const struct overhead_skip *s = &tab->skipped[i];
        char why[300];
        snprintf(why, sizeof(why), "skipped: %s", s->reason);
        EX_ROW(t, EX_EVERYWHERE, ex_text(s->tool), ex_text(s->tool), ex_shown(ex_none(), "-"),
               ex_text(why), ex_none(), ex_none(), ex_shown(ex_none(), "-"),
               ex_shown(ex_none(), "-"), ex_shown(ex_none(), "-"), ex_shown(ex_count(0), "0"),
               ex_text("-"), ex_none(), ex_none(), ex_text("-"), ex_text(s->reason), ex_none());
    }
    in_process_line(tab, doc);
    bpf_line(tab, doc);
    const struct overhead_row *lb = row_of(tab, "libbpf"), *bt = row_of(tab, "bpftrace");
    bool judged = lb && bt && bt->added_ns > 0;
    double share = judged ? lb->added_ns / bt->added_ns : NAN;
    ex_meta(doc, "libbpf_share_of_bpftrace", judged ? ex_real(share) : ex_none());
    ex_meta(doc, "goal_share", ex_real(LIBBPF_GOAL_SHARE));
    ex_meta(doc, "goal_met", judged ? ex_bool(share <= LIBBPF_GOAL_SHARE) : ex_none());
    if (judged)
        ex_line(doc, EX_HUMAN, "libbpf adds %.0f%% of what bpftrace adds (%.1f vs %.1f ns per "
                               "syscall; goal: at most %.0f%%): %s",
                share * 100, lb->added_ns, bt->added_ns, LIBBPF_GOAL_SHARE * 100,
                share <= LIBBPF_GOAL_SHARE ? "met" : "NOT met");
}

static struct {
    const char *test; /* --case */
    int format;
} args;

static const struct sc_opt options[] = {
    SC_OPT_STRING("case", 0, &args.test, "NAME",
                  "the case (default BpftraceProfiler.ManySmallWrites,\n"
                  "or the one case the files hold)"),
    BENCH_OPT_FORMAT(&args.format),
    SC_OPT_END(),
};

static int run(char **inputs, int n_inputs)
{
    char err[1024];
    struct result_inputs in;
    if (result_inputs_read(inputs, (size_t)n_inputs, &in, err, sizeof(err))) {
        fprintf(stderr, "error: %s\n", err);
        return 2;
    }
    int status = 2;
    struct overhead_table tab;
    if (overhead_table_build(in.sets, (const char *const *)in.paths, in.n, args.test, &tab, err,
                             sizeof(err)) != 0) {
        fprintf(stderr, "error: %s\n", err);
    } else {
        struct ex_column cols[N_COLUMNS];
        struct ex_doc doc;
        ex_doc_init(&doc);
        build(&tab, &doc, cols);
        status = bench_write(&doc, args.format, "overhead");
    }
    result_inputs_free(&in);
    return status;
}

const struct bench_command overhead_command = {
    .cli = {
        .name = "bench overhead",
        .summary = "what each tracer adds per syscall",
        .about = "The observer effect: one case run untraced (profileTool none) and under\n"
                 "each tracer (profileTool libbpf, bpftrace, perf-trace, strace), one file\n"
                 "per run (the kit's CSV or its --json), or several rows per tool: rounds.\n"
                 "Prints ns per syscall (the median repeat divided by syscallsPerCall; over\n"
                 "rounds, the median round), what each tracer adds (over rounds, the median\n"
                 "of the per-round differences to the untraced run; for a tool whose file\n"
                 "also holds NAME/detached, its untraced repeats from --profile-pairs, the\n"
                 "median of each run's pair differences), and, with a floor row\n"
                 "(profileTool libbpf-floor: an empty sys_enter/sys_exit program pair),\n"
                 "what each adds above the floor and as a multiple of it. Beside the\n"
                 "untraced run's file, bpf-stats.tsv (TOOL<TAB>ns of BPF run time per\n"
                 "syscall) adds the kernel's own figure, and skipped.tsv (TOOL<TAB>REASON)\n"
                 "a row for each tool that could not run. Says whether the libbpf tracer\n"
                 "stays within " NUMBER_TEXT(LIBBPF_GOAL_PERCENT) "% of what bpftrace adds.\n",
        .args = SC_ARGS({"INPUT", 1, SC_ARGS_MANY,
                        "a folder of runs (its *.csv files) or one run's file"}),
        .examples = "bench overhead artifacts/demo-09/overhead\n"
                    "bench overhead none.csv libbpf.csv bpftrace.csv --format markdown\n",
    },
    .options = options, BENCH_ARGS(args), .run = run,
};
