/* bench ab: two command lines, run in alternating rounds, compared pair by
 * pair. This file reads the options and runs the rounds (ab_side.c runs
 * one side once); ab_doc.c decides and words the result. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include <syscost/atomic_file.h>
#include <syscost/name_index.h>
#include <syscost/results.h>
#include <syscost/stats.h>
#include <syscost/units.h>

#include "ab.h"
#include "ab_side.h"
#include "commands.h"
#include "compare.h"

/* --save FILE, up to four: each written in the format its extension names. */
#define AB_MAX_SAVES 4
struct ab_saves {
    const char *path[AB_MAX_SAVES];
    int format[AB_MAX_SAVES];
    size_t n;
};

static struct ab_args {
    uint64_t rounds, runs, repeats, seed, aa;
    struct ab_saves saves;
    bool seed_given;
    double threshold, alpha;
    bool fail_on_regression;
    int format;
    const char *output;
} args;
/* Defaults: many short, paired rounds. On a 2-vCPU VM a process's level varies
 * by ~4% and a repeat's by ~7% more, so information per second is highest with
 * one run of each side per round and two repeats a run (~0.13 s a process); 90
 * rounds take ~24 s for one case and narrow the interval to about +-1% (docs/
 * CPU_GUIDE.md, "bench ab": 10 rounds of 4 runs of 5 repeats saw +-2.5%). */
static const struct ab_args defaults = {.rounds = 90, .runs = 1, .repeats = 2,
                                        .threshold = COMPARE_DEFAULT_THRESHOLD,
                                        .alpha = COMPARE_DEFAULT_ALPHA, .format = EX_TABLE};

static int take_save(const struct sc_opt *opt, const char *v, char *why, size_t whylen)
{
    struct ab_saves *s = opt->value;
    static const struct { const char *ext; int format; } exts[] = {
        {".txt", EX_TABLE}, {".md", EX_MARKDOWN}, {".json", EX_JSON}, {".csv", EX_CSV}};
    if (s->n == AB_MAX_SAVES) {
        snprintf(why, whylen, "is one more than the %d --save files bench ab writes",
                 AB_MAX_SAVES);
        return -1;
    }
    const char *dot = strrchr(v, '.');
    for (size_t i = 0; dot && i < sizeof(exts) / sizeof(exts[0]); i++)
        if (!strcmp(dot, exts[i].ext)) {
            s->path[s->n] = v;
            s->format[s->n++] = exts[i].format;
            return 0;
        }
    snprintf(why, whylen, "does not end in .txt, .md, .json or .csv (the format it is saved in)");
    return -1;
}

static const struct sc_opt options[] = {
    SC_OPT_COUNT("rounds", 0, &args.rounds, 2, 100000, "N",
                 "rounds; each runs both commands once, in a balanced\n"
                 "random order (default 90)"),
    SC_OPT_COUNT("runs-per-round", 0, &args.runs, 1, 10000, "P",
                 "runs (processes) of each side per round, alternating\n"
                 "ABBA (default 1): a round's figure is the median of\n"
                 "their medians; in the same time, more rounds of one\n"
                 "run each decide better"),
    SC_OPT_COUNT("repeats-per-round", 0, &args.repeats, 1, 1000000, "K",
                 "timed repeats of each run (--repeats K; default 2):\n"
                 "a run's figure is their median"),
    {.kind = SC_OPT_REAL, .name = "threshold", .value = &args.threshold, .lo = 0, .hi = 1000,
     .scale = 0.01, .arg = "PCT", .help = "slowdown that counts as a regression (default 5)"},
    {.kind = SC_OPT_REAL, .name = "alpha", .value = &args.alpha, .lo = 0, .hi = 1,
     .lo_open = true, .hi_open = true, .arg = "A", .help = "significance level (default 0.05)"},
    SC_OPT_FLAG("fail-on-regression", 0, &args.fail_on_regression,
                "exit 1 when a case is significantly slower AND slower\n"
                "by more than the threshold; each such case is named"),
    BENCH_OPT_FORMAT(&args.format),
    SC_OPT_STRING("output", 'o', &args.output, "FILE",
                  "write the result to FILE (atomically) instead of stdout"),
    {.kind = SC_OPT_COUNT, .name = "seed", .value = &args.seed, .max = UINT32_MAX,
     .arg = "N", .given = &args.seed_given,
     .help = "the order of the sides in the rounds (default: drawn,\nand printed: it replays a run)"},
    SC_OPT_CALL("save", 0, &args.saves, take_save, "FILE",
                "also write the result to FILE (atomically), in the\n"
                "format its extension names: .txt, .md, .json or .csv;\n"
                "up to four"),
    SC_OPT_COUNT("aa", 0, &args.aa, 1, 100000, "TRIALS",
                 "A/A calibration: run the one COMMAND against itself\n"
                 "TRIALS times and report the false alarms at --threshold\n"
                 "and the smallest slowdown these rounds detect"),
    SC_OPT_END(),
};

/* splitmix64: a small seeded generator, enough to shuffle sides. */
static uint64_t next_random(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* ABBA-balanced: each pair of rounds runs AB once and BA once, which of
 * the two first drawn at random; an odd last round draws its order alone.
 * So each side runs first equally often, and a drift within a pair of
 * rounds moves both sides alike. */
static void draw_orders(bool *cand_first, size_t rounds, uint64_t *rng)
{
    for (size_t k = 0; k < rounds; k += 2) {
        bool first = next_random(rng) & 1;
        cand_first[k] = first;
        if (k + 1 < rounds)
            cand_first[k + 1] = !first;
    }
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The progress line: on stderr when it is a terminal, redrawn in place. */
static struct {
    bool on;
    double start;
    size_t done, total; /* runs of a side */
    char what[64];      /* "trial 3/20, " for A/A */
} progress;

static void progress_draw(size_t round, size_t rounds)
{
    if (!progress.on)
        return;
    double el = now_s() - progress.start;
    double eta = progress.done ? el / (double)progress.done * (double)(progress.total - progress.done)
                               : NAN;
    char e[32] = "?", t[32];
    if (isfinite(eta))
        snprintf(e, sizeof(e), "%.0fs", eta);
    snprintf(t, sizeof(t), "%.0fs", el);
    fprintf(stderr, "\rbench ab: %sround %zu/%zu, %s elapsed, ETA %s\033[K", progress.what, round,
            rounds, t, e);
    fflush(stderr);
}

static void progress_clear(void)
{
    if (progress.on) {
        fprintf(stderr, "\r\033[K");
        fflush(stderr);
    }
}

static void data_free(struct ab_data *d)
{
    for (size_t i = 0; i < d->n_cases; i++) {
        free(d->cases[i].name);
        free(d->cases[i].base);
        free(d->cases[i].cand);
        free(d->cases[i].base_runs);
        free(d->cases[i].cand_runs);
    }
    free(d->cases);
    free(d->cand_first);
    memset(d, 0, sizeof(*d));
}

/* The cases of the first run: every later run must select the same. */
static int take_cases(struct ab_data *d, const struct sc_result_set *set)
{
    d->cases = calloc(set->n, sizeof(*d->cases));
    if (!d->cases)
        return -1;
    for (size_t i = 0; i < set->n; i++) {
        struct ab_case *c = &d->cases[d->n_cases++];
        c->name = strdup(set->rows[i].test);
        c->base = calloc(d->rounds, sizeof(double));
        c->cand = calloc(d->rounds, sizeof(double));
        c->base_runs = calloc(d->rounds * d->runs, sizeof(double));
        c->cand_runs = calloc(d->rounds * d->runs, sizeof(double));
        if (!c->name || !c->base || !c->cand || !c->base_runs || !c->cand_runs)
            return -1;
    }
    return 0;
}

/* Stores one run's figures (each case's median) as run `at` (round k) of
 * `side`; -1 with err filled when its cases are not the first run's. */
static int store(struct ab_data *d, const struct sc_result_set *set, bool cand, const char *side,
                 size_t k, size_t at_run, char *err, size_t errlen)
{
    for (size_t i = 0; i < d->n_cases; i++) {
        long at = sc_result_set_find(set, d->cases[i].name);
        if (at < 0) {
            snprintf(err, errlen,
                     "the %s's command in round %zu does not run case %s, which the %s's "
                     "first run did: both commands must select the same cases",
                     side, k + 1, d->cases[i].name, d->first_side);
            return -1;
        }
        const struct sc_result *r = &set->rows[at];
        double m = ab_median(r->samples, r->n_samples);
        if (isnan(m)) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        (cand ? d->cases[i].cand_runs : d->cases[i].base_runs)[at_run] = m;
    }
    if (set->n != d->n_cases) {
        for (size_t j = 0; j < set->n; j++) {
            bool known = false;
            for (size_t i = 0; i < d->n_cases && !known; i++)
                known = !strcmp(set->rows[j].test, d->cases[i].name);
            if (!known) {
                snprintf(err, errlen,
                         "the %s's command in round %zu runs case %s, which the %s's "
                         "first run did not: both commands must select the same cases",
                         side, k + 1, set->rows[j].test, d->first_side);
                return -1;
            }
        }
    }
    return 0;
}

/* One trial: `rounds` rounds of both commands into d. Returns 0 or -1 (err). */
static int run_rounds(struct ab_runner *run, struct ab_data *d, uint64_t *rng, char *err,
                      size_t errlen)
{
    d->cand_first = calloc(d->rounds, sizeof(bool));
    if (!d->cand_first) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    draw_orders(d->cand_first, d->rounds, rng);
    struct sc_result_set set = {0};
    int rc = -1;
    for (size_t k = 0; k < d->rounds; k++) {
        /* Within a round the pairs alternate too: AB BA AB ... or BA AB BA ... */
        for (size_t p = 0; p < d->runs; p++)
            for (int j = 0; j < 2; j++) {
                bool cand = (j == 0) == (d->cand_first[k] ^ (p & 1));
                const char *side = cand ? "candidate" : "baseline";
                progress_draw(k + 1, d->rounds);
                if (ab_run_side(run, cand ? d->cand_cmd : d->base_cmd, side, k + 1, &set, err,
                                errlen))
                    goto out;
                progress.done++;
                if (!d->cases)
                    d->first_side = side;
                if (!d->cases && take_cases(d, &set)) {
                    snprintf(err, errlen, "out of memory");
                    goto out;
                }
                if (store(d, &set, cand, side, k, k * d->runs + p, err, errlen))
                    goto out;
            }
        for (size_t i = 0; i < d->n_cases; i++) {
            struct ab_case *c = &d->cases[i];
            c->base[k] = ab_median(c->base_runs + k * d->runs, d->runs);
            c->cand[k] = ab_median(c->cand_runs + k * d->runs, d->runs);
        }
    }
    rc = 0;
out:
    sc_result_set_free(&set);
    return rc;
}

static int fail(const char *err)
{
    progress_clear();
    fprintf(stderr, "error: bench ab: %s\n", err);
    return 2;
}

/* The outputs: -o FILE or stdout (af[0]), then each --save file. */
struct ab_outputs {
    struct sc_atomic_file af[1 + AB_MAX_SAVES];
};

static int open_outputs(struct ab_outputs *o, char *err, size_t errlen)
{
    memset(o, 0, sizeof(*o));
    if (args.output && sc_atomic_open(&o->af[0], args.output, err, errlen))
        return -1;
    for (size_t i = 0; i < args.saves.n; i++)
        if (sc_atomic_open(&o->af[1 + i], args.saves.path[i], err, errlen))
            return -1;
    return 0;
}

static void abort_outputs(struct ab_outputs *o)
{
    for (size_t i = 0; i < 1 + AB_MAX_SAVES; i++)
        sc_atomic_abort(&o->af[i]); /* nothing when committed or never opened */
}

/* The document to every output; the files appear together or not at all. */
static int write_doc(struct ex_doc *doc, struct ab_outputs *o)
{
    char err[1024];
    int rc = 0;
    /* The notes and warnings are said once, with the main output; a saved
     * json or csv keeps its own (json) or none (csv). */
    FILE *quiet = args.saves.n ? fopen("/dev/null", "w") : NULL;
    if (args.saves.n && !quiet)
        rc = -1;
    for (size_t i = 0; i < args.saves.n && !rc; i++)
        rc = ex_write(doc, (enum ex_format)args.saves.format[i], o->af[1 + i].f, quiet);
    if (quiet)
        fclose(quiet);
    if (!rc && o->af[0].f)
        rc = ex_write(doc, (enum ex_format)args.format, o->af[0].f, stderr);
    if (rc) {
        ex_doc_free(doc);
        return fail("out of memory or cannot write the output");
    }
    for (size_t i = 0; i < 1 + args.saves.n; i++)
        if (o->af[i].f && sc_atomic_commit(&o->af[i], err, sizeof(err))) {
            ex_doc_free(doc);
            return fail(err);
        }
    if (!args.output)
        return bench_write(doc, args.format, "ab");
    ex_doc_free(doc);
    return 0;
}

static int run_ab(struct ab_runner *run, char **pos, uint64_t *rng, struct ab_outputs *af)
{
    struct ab_data d = {.base_cmd = pos[0], .cand_cmd = pos[1], .rounds = args.rounds,
                        .runs = args.runs, .repeats = args.repeats, .seed = args.seed, .alpha = args.alpha,
                        .threshold = args.threshold};
    char err[1400];
    int status = 2;
    progress.total = 2 * d.rounds * d.runs;
    if (run_rounds(run, &d, rng, err, sizeof(err)) || ab_decide(&d, err, sizeof(err))) {
        status = fail(err);
        goto out;
    }
    progress_clear();
    struct ex_doc doc;
    ex_doc_init(&doc);
    ab_document(&d, &doc);
    status = write_doc(&doc, af);
    if (status == 0 && args.fail_on_regression && d.n_regressions) {
        for (size_t i = 0; i < d.n_cases; i++)
            if (d.cases[i].pd.regression) {
                char ch[200];
                compare_paired_text(&d.cases[i].pd, "rounds", ch, sizeof(ch));
                fprintf(stderr, "regression: %s is %s, more than the %.1f%% threshold\n",
                        d.cases[i].name, ch, d.threshold * 100);
            }
        status = 1;
    }
out:
    data_free(&d);
    return status;
}

static void noise_free(struct ab_noise *n)
{
    for (size_t i = 0; i < n->n_cases; i++)
        free(n->cases[i].half_width);
    free(n->cases);
}

static int run_aa(struct ab_runner *run, char **pos, uint64_t *rng, struct ab_outputs *af)
{
    struct ab_noise n = {.cmd = pos[0], .trials = args.aa, .rounds = args.rounds,
                         .runs = args.runs, .repeats = args.repeats, .seed = args.seed, .alpha = args.alpha,
                         .threshold = args.threshold};
    struct ab_data d = {0};
    char err[1400];
    int status = 2;
    char **names = NULL;
    progress.total = 2 * n.rounds * n.runs * n.trials;
    for (size_t t = 0; t < n.trials; t++) {
        snprintf(progress.what, sizeof(progress.what), "trial %zu/%zu, ", t + 1, n.trials);
        d = (struct ab_data){.base_cmd = pos[0], .cand_cmd = pos[0], .rounds = n.rounds,
                             .runs = n.runs, .repeats = n.repeats, .seed = n.seed, .alpha = n.alpha,
                             .threshold = n.threshold};
        if (run_rounds(run, &d, rng, err, sizeof(err)) || ab_decide(&d, err, sizeof(err))) {
            status = fail(err);
            goto out;
        }
        if (!n.cases) {
            n.cases = calloc(d.n_cases, sizeof(*n.cases));
            names = calloc(d.n_cases, sizeof(*names));
            if (!n.cases || !names) {
                status = fail("out of memory");
                goto out;
            }
            n.n_cases = d.n_cases;
            for (size_t i = 0; i < d.n_cases; i++) {
                names[i] = d.cases[i].name;
                d.cases[i].name = NULL; /* kept for the document */
                n.cases[i].name = names[i];
                n.cases[i].half_width = calloc(n.trials, sizeof(double));
                if (!n.cases[i].half_width) {
                    status = fail("out of memory");
                    goto out;
                }
            }
        } else {
            for (size_t i = 0; i < d.n_cases; i++)
                free(d.cases[i].name), d.cases[i].name = NULL;
        }
        for (size_t i = 0; i < n.n_cases && i < d.n_cases; i++) {
            struct ab_noise_case *c = &n.cases[i];
            const struct sc_paired_decision *pd = &d.cases[i].pd;
            c->alarms += pd->regression;
            c->significant += pd->significant;
            c->half_width[c->trials++] =
                pd->r.has_interval ? (log(pd->r.upper) - log(pd->r.lower)) / 2 : NAN;
        }
        data_free(&d);
    }
    progress_clear();
    struct ex_doc doc;
    ex_doc_init(&doc);
    ab_noise_document(&n, &doc);
    status = write_doc(&doc, af);
out:
    data_free(&d);
    if (names)
        for (size_t i = 0; i < n.n_cases; i++)
            free(names[i]);
    free(names);
    noise_free(&n);
    return status;
}

static int run(char **pos, int n_pos)
{
    if (args.aa && n_pos != 1)
        return sc_cli_error(&ab_command.cli, "--aa takes one COMMAND (run against itself)");
    if (!args.aa && n_pos != 2)
        return sc_cli_error(&ab_command.cli,
                            "CANDIDATE is missing: give two command lines (or --aa TRIALS and one)");
    for (int i = 0; i < n_pos; i++)
        if (!pos[i][strspn(pos[i], " \t")])
            return sc_cli_error(&ab_command.cli, "the %s command is empty",
                                i ? "candidate" : "baseline");
    if (!args.seed_given) {
        uint32_t s;
        if (getrandom(&s, sizeof(s), 0) != sizeof(s))
            s = (uint32_t)time(NULL) ^ (uint32_t)getpid();
        args.seed = s;
    }
    uint64_t rng = args.seed;
    char err[1024];
    struct ab_outputs af;
    /* A bad -o or --save is said now, not after the rounds. */
    if (open_outputs(&af, err, sizeof(err))) {
        abort_outputs(&af);
        return fail(err);
    }
    struct ab_runner runner;
    if (ab_runner_init(&runner, args.repeats, err, sizeof(err))) {
        abort_outputs(&af);
        return fail(err);
    }
    progress.on = isatty(2);
    progress.start = now_s();
    int status = args.aa ? run_aa(&runner, pos, &rng, &af) : run_ab(&runner, pos, &rng, &af);
    abort_outputs(&af);
    ab_runner_free(&runner);
    return status;
}

const struct bench_command ab_command = {
    .cli = {
        .name = "bench ab",
        .summary = "two command lines in alternating rounds, paired verdict",
        .about =
            "Runs two syscost benchmark programs (two builds, or two settings) in\n"
            "alternating rounds and compares them round by round. Each side is a command\n"
            "line run with /bin/sh -c, to which bench ab appends\n"
            "    " AB_APPENDED_FLAGS "\n"
            "(FILE in a private temporary folder, K from --repeats-per-round): so\n"
            "'env VAR=x ./bin --gtest_filter=X' works, and the command must not give\n"
            "--csv or --repeats itself. Each round runs each side P times\n"
            "(--runs-per-round) in pairs alternating ABBA, the first pair's order drawn\n"
            "at random and balanced over each two rounds; a run's figure for a case is\n"
            "the median of its K repeats, a round's the median of its P runs' figures.\n"
            "One process is one draw of the machine's memory layout, so a verdict needs\n"
            "many: the defaults (90 rounds of 1 run of 2 repeats, about 25 s for one\n"
            "case of 40 ms repeats) put the most processes into the time, which\n"
            "narrowed the interval most on a drifting VM (docs/CPU_GUIDE.md).\n"
            "\n"
            "The verdict is paired: the per-round log ratios candidate/baseline, their\n"
            "Hodges-Lehmann estimate with its exact distribution-free interval at\n"
            "1 - alpha, and the Wilcoxon signed-rank test. A drift of the machine moves\n"
            "both runs of a round alike and cancels in the ratio. Each case reads\n"
            "\"+5.1% slower (CI +3.2%..+7.0%, p=0.002, rounds=10)\", or \"~ (...)\" when\n"
            "p > alpha. A regression is significant AND more than --threshold slower.\n"
            "\n"
            "With --aa TRIALS, the one COMMAND runs against itself TRIALS times: the\n"
            "false alarms it reports are what --fail-on-regression would cry on no\n"
            "change, and the smallest detectable slowdown says what the rounds can see.\n"
            "Pick --threshold above the CI half-width it reports and --rounds so that\n"
            "the detectable slowdown is below the change you care about.\n"
            "\n"
            "A side that exits non-zero, writes no CSV or selects other cases than the\n"
            "baseline's first run stops bench ab with one error line (exit 2) naming the\n"
            "side and round. SIGINT and SIGTERM stop the running side's processes too.\n",
        .args = SC_ARGS({"BASELINE", 1, 1, "the baseline's command line (one shell word)"},
                        {"CANDIDATE", 0, 1, "the candidate's command line"}),
        .examples =
            "bench ab 'old/BenchDemo_09_BpftraceProfiler --gtest_filter=*ManySmallWrites*' \\\n"
            "         'new/BenchDemo_09_BpftraceProfiler --gtest_filter=*ManySmallWrites*'\n"
            "bench ab --fail-on-regression --threshold 2 'env LD_PRELOAD= ./demo' "
            "'env LD_PRELOAD=./shim.so ./demo'\n"
            "bench ab --aa 20 --threshold 2 './demo --gtest_filter=*ManySmallWrites*'\n",
        .footer = "Exit status: 0 done, 1 a regression with --fail-on-regression, 2 bad input\n"
                  "or a side that failed, 130/143 stopped by SIGINT/SIGTERM\n",
    },
    .options = options, .defaults = &defaults, BENCH_ARGS(args), .run = run,
};
