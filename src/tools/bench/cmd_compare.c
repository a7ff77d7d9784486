/* bench compare: baseline against candidate, case by case.
 * This file reads the options and the two files; compare_pairs.c pairs
 * their cases, compare_build.c decides each pair, compare_doc.c makes the output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/results.h>
#include <syscost/results_input.h>
#include <syscost/same_file.h>

#include "commands.h"
#include "compare.h"

static struct compare_args {
    double threshold; /* fraction */
    double alpha;
    bool fail_on_regression;
    int format; /* enum ex_format */
    struct bench_pair pair;
} args;
static const struct compare_args defaults = {.threshold = COMPARE_DEFAULT_THRESHOLD,
                                             .alpha = COMPARE_DEFAULT_ALPHA,
                                             .format = EX_TABLE};

static const struct sc_opt options[] = {
    {.kind = SC_OPT_REAL, .name = "alpha", .value = &args.alpha, .lo = 0, .hi = 1,
     .lo_open = true, .hi_open = true, .arg = "A", .help = "significance level (default 0.05)"},
    {.kind = SC_OPT_REAL, .name = "threshold", .value = &args.threshold, .lo = 0, .hi = 1000,
     .scale = 0.01, .arg = "PCT", .help = "slowdown that counts as a regression (default 5)"},
    SC_OPT_FLAG("fail-on-regression", 0, &args.fail_on_regression,
                "exit 1 when a case is significantly slower AND slower\n"
                "by more than the threshold; each such case is named"),
    SC_OPT_ENUM("format", 0, &args.format, ex_format_choices,
                "table (default), markdown (pull-request comments),\njson or csv"),
    {.kind = SC_OPT_CALL, .name = "pair", .value = &args.pair, .check = bench_take_pair,
     .arg = "B=C", .once = true, .help = "compare case B of BASE with case C of CAND only"},
    SC_OPT_END(),
};

/* The line above the table when cases were not simply joined by name;
 * returns whether they were. */
static bool pairing_note(const struct compare_pair *pairs, size_t n_pairs, char *note,
                         size_t len)
{
    note[0] = '\0';
    if (args.pair.cand) {
        snprintf(note, len, "--pair: comparing %s (baseline) with %s (candidate) only",
                 args.pair.base, args.pair.cand);
        return false;
    }
    for (size_t i = 0; i < n_pairs; i++)
        if (pairs[i].base && pairs[i].cand && strcmp(pairs[i].base->test, pairs[i].cand->test)) {
            snprintf(note, len,
                     "each file holds one case under a different name; pairing %s (baseline) "
                     "with %s (candidate)",
                     pairs[i].base->test, pairs[i].cand->test);
            return false;
        }
    return true;
}

static void name_regressions(const struct compare_result *r)
{
    for (size_t i = 0; i < r->n_rows; i++) {
        const struct compare_row *row = &r->rows[i];
        if (!row->decided || !row->d.regression)
            continue;
        char ch[128];
        compare_change_text(row, ch, sizeof(ch));
        fprintf(stderr, "regression: %s is %s, more than the %.1f%% threshold\n", row->name, ch,
                r->threshold * 100);
    }
}

static int run(char **pos, int n_pos)
{
    /* One file: two of its cases, which --pair names, against each other. */
    bool one_file = n_pos == 1 || sc_same_file(pos[0], pos[1]);
    if (n_pos == 1 && !args.pair.cand)
        return sc_cli_error(&compare_command.cli,
                            "one file needs --pair BASE_TEST=CAND_TEST (which two of its cases)");
    if (n_pos == 1)
        pos[1] = pos[0];

    struct sc_result_set base = {0}, cand = {0};
    struct compare_result res = {0};
    struct compare_pair *pairs = NULL;
    char err[1024];
    int status = 2;
    if (sc_results_read(pos[0], &base, err, sizeof(err)) ||
        sc_results_read(pos[1], &cand, err, sizeof(err))) {
        fprintf(stderr, "error: %s\n", err);
        goto out;
    }
    size_t n_pairs;
    if (compare_pairs_build(&base, &cand, args.pair.cand ? args.pair.base : NULL, args.pair.cand, &pairs, &n_pairs,
                            err, sizeof(err))) {
        fprintf(stderr, "error: %s\n", err);
        goto out;
    }
    char note[1024];
    bool by_name = pairing_note(pairs, n_pairs, note, sizeof(note));
    if (compare_build(pairs, n_pairs, by_name, one_file, args.alpha, args.threshold, &res)) {
        fprintf(stderr, "error: bench compare: %s\n", res.error);
        goto out;
    }
    if (note[0] && compare_say(&res.notes, &res.n_notes, "%s", note)) {
        fprintf(stderr, "error: bench compare: out of memory\n");
        goto out;
    }
    if (compare_print(&res, (enum ex_format)args.format, stdout, stderr)) {
        fprintf(stderr, "error: bench compare: out of memory or cannot write the output\n");
        goto out;
    }
    status = 0;
    if (args.fail_on_regression && res.n_regressions) {
        name_regressions(&res);
        status = 1;
    }
out:
    compare_result_free(&res);
    free(pairs);
    sc_result_set_free(&base);
    sc_result_set_free(&cand);
    return status;
}

const struct bench_command compare_command = {
    .cli = {
        .name = "bench compare",
        .summary = "baseline against candidate, with significance",
        .about =
            "BASE and CAND are the kit's CSV files or google benchmark JSON files (the\n"
            "benchmark program's --json, or any google benchmark --benchmark_out); each\n"
            "repeat is one sample. Cases are joined by name; when each file holds one case\n"
            "under different names (slow.csv against fast.csv), the two are paired.\n"
            "\n"
            "Baseline and Candidate show the median with its 95% confidence interval\n"
            "(\"95.1 us ±1.2%\"; ±? when there are too few samples for one). Change is \"~\"\n"
            "when the two-sided Mann-Whitney U test gives p > alpha, else the change of the\n"
            "median (\"1041x faster\", \"+12.3% slower\"), each with (p=... n=BASE+CAND).\n"
            "\n"
            "Given one file (or the same file twice) and --pair, two cases of one run are\n"
            "compared; when they ran in the same rounds (the harness's default), sample k of\n"
            "each is from round k, and a column Paired (per round) adds the verdict on the\n"
            "per-round ratios: their Hodges-Lehmann estimate with its distribution-free\n"
            "interval (exact for up to 200 rounds) and the Wilcoxon signed-rank p. Drift\n"
            "between rounds moves both cases of a round alike and cancels there.\n",
        .args = SC_ARGS({"BASE", 1, 1, "the baseline's results"},
                        {"CAND", 0, 1, "the candidate's results (default: BASE, with --pair)"}),
        .examples = "bench compare artifacts/demo-09/slow.csv artifacts/demo-09/fast.csv\n"
                    "bench compare main.csv branch.csv --fail-on-regression --threshold 3\n"
                    "bench compare main.json branch.json --format markdown > comment.md\n"
                    "bench compare artifacts/demo-09/demo.csv \\\n"
                    "    --pair BpftraceProfiler.ManySmallWrites=BpftraceProfiler.SingleBatchedWrite\n",
        .footer = "Exit status: 0 done, 1 a regression with --fail-on-regression, 2 bad input\n",
    },
    .options = options, .defaults = &defaults, BENCH_ARGS(args), .run = run,
};
