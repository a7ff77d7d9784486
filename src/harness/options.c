#include "options.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <syscost/cli.h>
#include <syscost/file_util.h>
#include <syscost/same_file.h>

static const struct sc_options defaults = {
    .repeats = 10, /* ten samples: enough for bench compare to reach p < 0.05 */
    .warmup = -1,
    .min_time_ms = 40,
    .cv_threshold = 0.05,
    .profile = "none",
    .bpf_scripts = "syslat",
    .artifact_root = "artifacts",
    .processes = 1,
};

/* Two outputs written to one file lose one of them; a character device
 * (a terminal, /dev/null) takes both whole, so it may be named twice. */
static int outputs_collide(const char *a, const char *b)
{
    struct stat st;
    if (stat(a, &st) == 0 && S_ISCHR(st.st_mode))
        return 0;
    return sc_same_file(a, b);
}

/* --bpf: script names, none of them twice: "syslat,syscount,syslat" would
 * trace twice and write one artifact over the other. */
static int check_scripts(const struct sc_opt *opt, const char *list, char *why, size_t whylen)
{
    (void)opt;
    size_t len = strlen(list);
    if (!len || strspn(list, "abcdefghijklmnopqrstuvwxyz0123456789_,") != len ||
        strstr(list, ",,") || list[0] == ',' || list[len - 1] == ',') {
        snprintf(why, whylen, "is not a comma-separated list of script names "
                              "(e.g. syslat,syscount)");
        return -1;
    }
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        for (const char *q = p + n; *q == ',';) {
            q++;
            size_t m = strcspn(q, ",");
            if (m == n && !strncmp(p, q, n)) {
                snprintf(why, whylen, "names the script '%.*s' twice", (int)n, p);
                return -1;
            }
            q += m;
        }
        p += n;
        if (*p == ',')
            p++;
    }
    return 0;
}

static int check_file_name(const struct sc_opt *opt, const char *v, char *why, size_t whylen)
{
    (void)opt;
    return *v ? 0 : (snprintf(why, whylen, "is not a file name"), -1);
}

static int check_directory(const struct sc_opt *opt, const char *v, char *why, size_t whylen)
{
    (void)opt;
    return *v ? 0 : (snprintf(why, whylen, "is not a directory"), -1);
}

/* The label lands in a CSV column unquoted. */
static int check_label(const struct sc_opt *opt, const char *v, char *why, size_t whylen)
{
    (void)opt;
    return *v && !strpbrk(v, ",\"\n") ? 0 : (snprintf(why, whylen, "is not a plain label"), -1);
}

enum { PROFILE_NONE, PROFILE_BPFTRACE, PROFILE_LIBBPF, PROFILE_LIBBPF_COUNT, PROFILE_LIBBPF_FLOOR };
static const char *const profile_names[] = {"none", "bpftrace", "libbpf", "libbpf-count",
                                            "libbpf-floor"};
static const struct sc_opt_choice profiles[] = {
    {"none", PROFILE_NONE, false},
    {"bpftrace", PROFILE_BPFTRACE, false},
    {"libbpf", PROFILE_LIBBPF, false},
    {"libbpf-count", PROFILE_LIBBPF_COUNT, false},
    {"libbpf-floor", PROFILE_LIBBPF_FLOOR, false},
    {NULL, 0, false},
};

/* Where parsing keeps what the options struct has no field for. */
struct parse_state {
    bool repeats_set, min_time_set, warmup_set, bpf_set, bpf_dir_set;
    uint64_t warmup;
    int profile;
    uint64_t seed;
};

#define MAX_OPTIONS 32

/* The benchmark program's options. Adding one is one line here. */
static void declare(struct sc_options *o, struct parse_state *st, struct sc_opt out[MAX_OPTIONS])
{
    const struct sc_opt table[] = {
        SC_OPT_GROUP("Selection"),
        SC_OPT_STRING("gtest_filter", 0, &o->filter, "POS[:POS...][-NEG[:NEG...]]",
                      "cases to run; * and ? are wildcards"),
        SC_OPT_FLAG("gtest_list_tests", 0, &o->list, "list the cases and exit"),
        SC_OPT_GROUP("Measurement"),
        SC_OPT_COUNT("cycles", 0, &o->cycles, 1, UINT64_C(1) << 40, "N",
                     "calls per timed repeat (default: calibrated so a\n"
                     "repeat lasts --min-time-ms; at most 10 minutes)"),
        {.kind = SC_OPT_COUNT, .name = "repeats", .value = &o->repeats, .min = 1, .max = 100000,
         .arg = "N", .help = "timed repeats, one sample each (default 10)",
         .given = &st->repeats_set},
        {.kind = SC_OPT_COUNT, .name = "warmup", .value = &st->warmup, .min = 0,
         .max = UINT64_C(1) << 40, .arg = "N", .given = &st->warmup_set,
         .help = "untimed calls before measuring (default: one repeat;\n"
                 "at most 10 minutes)"},
        {.kind = SC_OPT_REAL, .name = "min-time-ms", .value = &o->min_time_ms, .lo = 0.01,
         .hi = 60000, .arg = "MS", .help = "target length of one repeat (default 40)",
         .given = &st->min_time_set},
        {.kind = SC_OPT_REAL, .name = "cv-threshold", .value = &o->cv_threshold, .lo = 0.01,
         .hi = 1000, .scale = 0.01, .arg = "PCT",
         .help = "a case is 'stable' when its CV is at most PCT (default 5)"},
        SC_OPT_FLAG("quick", 0, &o->quick, "6 repeats of about 8 ms: the whole program in seconds"),
        SC_OPT_GROUP("Rounds and processes"),
        {.kind = SC_OPT_COUNT, .name = "seed", .value = &st->seed, .min = 0, .max = UINT32_MAX,
         .arg = "N", .given = &o->seed_set,
         .help = "order of the cases in each round (default: drawn at\n"
                 "random, printed and recorded: it replays a run)"},
        SC_OPT_FLAG("no-interleave", 0, &o->no_interleave,
                    "measure case after case instead of in rounds (each round\n"
                    "runs one repeat of every selected case, shuffled)"),
        SC_OPT_COUNT("processes", 0, &o->processes, 1, 1000, "N",
                     "run N fresh processes of this program one after another\n"
                     "and pool their samples (default 1): one process is one\n"
                     "draw of the machine's state, so figures worth comparing\n"
                     "come from several"),
        SC_OPT_GROUP("Output"),
        {.kind = SC_OPT_STRING, .name = "csv", .value = &o->csv_path, .arg = "FILE",
         .check = check_file_name, .help = "one row per case, written atomically"},
        {.kind = SC_OPT_STRING, .name = "json", .value = &o->json_path, .arg = "FILE",
         .check = check_file_name,
         .help = "google benchmark JSON layout (per-repeat rows + aggregates)"},
        {.kind = SC_OPT_STRING, .name = "env-txt", .value = &o->env_txt_path, .arg = "FILE",
         .check = check_file_name,
         .help = "the machine, build and warnings as 'key: value' lines\n"
                 "(a run folder's env.txt), written atomically"},
        {.kind = SC_OPT_STRING, .name = "profile-tool-label", .value = &o->profile_tool_label,
         .arg = "L", .check = check_label,
         .help = "value of the CSV's profileTool column (default: --profile)"},
        SC_OPT_GROUP("Profiling (needs root or CAP_BPF+CAP_PERFMON)"),
        SC_OPT_ENUM("profile", 0, &st->profile, profiles,
                    "trace the measured repeats only: bpftrace runs --bpf\n"
                    "scripts; libbpf: per-syscall latency and counts of the\n"
                    "measuring thread, in-process; libbpf-count: counts\n"
                    "only; libbpf-floor: an empty sys_enter/sys_exit pair,\n"
                    "the least any syscall tracer adds here (case after\n"
                    "case: a tracer attaches once per case)"),
        {.kind = SC_OPT_FLAG, .name = "profile-pairs", .value = &o->profile_pairs,
         .help = "with a libbpf tracer: --repeats pairs of repeats, the\n"
                 "tracer attached for one and detached for the other\n"
                 "(order drawn per pair from --seed), so the untraced\n"
                 "figure comes from the same process and minutes; the\n"
                 "untraced repeats are the case's row NAME/detached"},
        {.kind = SC_OPT_FLAG, .name = "bpf-stats", .value = &o->bpf_stats,
         .help = "with a libbpf tracer: the kernel's BPF run-time\n"
                 "statistics on while it runs; its programs' run time\n"
                 "and runs join the artifacts"},
        {.kind = SC_OPT_STRING, .name = "bpf", .value = &o->bpf_scripts, .arg = "NAME[,NAME...]",
         .check = check_scripts, .given = &st->bpf_set,
         .help = "bpftrace scripts from the scripts folder (default syslat)"},
        {.kind = SC_OPT_STRING, .name = "bpf-scripts", .value = &o->bpf_dir, .arg = "DIR",
         .check = check_directory, .given = &st->bpf_dir_set,
         .help = "where the .bt scripts are (env BENCH_BPF_SCRIPTS)"},
        {.kind = SC_OPT_STRING, .name = "artifact-root", .value = &o->artifact_root,
         .arg = "DIR", .check = check_directory, .help = "where traces go (default artifacts/)"},
        SC_OPT_GROUP("Other"),
        SC_OPT_FLAG("verbose", 0, &o->verbose, "say more (libbpf messages, calibration)"),
        /* The spelling -h had before it was taken; kept, not shown. */
        {.kind = SC_OPT_HELP, .name = "h"},
        SC_OPT_END(),
    };
    _Static_assert(sizeof(table) / sizeof(table[0]) <= MAX_OPTIONS, "raise MAX_OPTIONS");
    memcpy(out, table, sizeof(table));
}

static const char examples[] =
    "{prog} --quick --csv /tmp/demo.csv\n"
    "{prog} --gtest_filter='*ManySmallWrites*' --cycles 500 --repeats 1\n"
    "sudo {prog} --profile bpftrace --bpf syslat --gtest_filter='*ManySmallWrites*' \\\n"
    "    --cycles 500 --repeats 1\n"
    "{prog} --gtest_filter='BpftraceProfiler.*-*Single*' --json /tmp/demo.json\n"
    "{prog} --gtest_filter='BpftraceProfiler.*' --processes 5 --repeats 6 --csv /tmp/pooled.csv\n";

static struct sc_cli describe(const char *prog, const char *title)
{
    return (struct sc_cli){
        .name = sc_base_name(prog),
        .title = title,
        .examples = examples,
        .footer = "Exit status: 0 all cases passed, 1 a case failed, 2 bad usage or environment,\n"
                  "128+N stopped by signal N (130 SIGINT, 143 SIGTERM, 129 SIGHUP, 141 SIGPIPE);\n"
                  "nothing is written then, and earlier output files stay as they were.\n",
    };
}

int sc_options_parse(int argc, char **argv, struct sc_options *o)
{
    *o = defaults;
    const char *env_dir = getenv("BENCH_BPF_SCRIPTS");
    if (env_dir && *env_dir)
        o->bpf_dir = env_dir;
    struct parse_state st = {.profile = PROFILE_NONE};
    struct sc_opt opts[MAX_OPTIONS];
    declare(o, &st, opts);
    const struct sc_cli cli = describe(argc > 0 ? argv[0] : "bench", NULL);

    int rc = sc_cli_parse(&cli, opts, argc, argv, NULL, NULL);
    if (rc == SC_CLI_HELP) { /* nothing else half-read: the defaults and help */
        *o = defaults;
        o->help = true;
        return 0;
    }
    if (rc != SC_CLI_OK)
        return -1;
    o->profile = profile_names[st.profile];
    o->seed = (uint32_t)st.seed;
    if (st.warmup_set)
        o->warmup = (int64_t)st.warmup;
    if (o->profile_pairs && st.profile == PROFILE_NONE) {
        sc_cli_error(&cli, "--profile-pairs: pairs traced and untraced repeats of a tracer, "
                           "and this run has no --profile: add --profile libbpf, libbpf-count "
                           "or libbpf-floor");
        return -1;
    }
    if (o->seed_set && (o->no_interleave || (st.profile != PROFILE_NONE && !o->profile_pairs))) {
        const char *why = o->no_interleave ? "--no-interleave" : "--profile";
        sc_cli_error(&cli, "--seed orders the cases in each round (or the repeats of each "
                           "pair, with --profile-pairs), and %s runs the cases one after "
                           "another: drop --seed, or %s", why, why);
        return -1;
    }
    if (o->processes > 1 && st.profile != PROFILE_NONE) {
        sc_cli_error(&cli, "--processes %" PRIu64 ": a tracer (--profile %s) watches one "
                           "process, so a traced run is one process: drop --processes",
                     o->processes, o->profile);
        return -1;
    }
    const char *bpf_flag = st.bpf_set ? "--bpf" : st.bpf_dir_set ? "--bpf-scripts" : NULL;
    if (bpf_flag && st.profile != PROFILE_BPFTRACE) {
        sc_cli_error(&cli, "%s: only --profile bpftrace runs .bt scripts, and this run has "
                           "--profile %s: add --profile bpftrace, or drop %s",
                     bpf_flag, o->profile, bpf_flag);
        return -1;
    }
    if (o->bpf_stats && st.profile != PROFILE_LIBBPF && st.profile != PROFILE_LIBBPF_COUNT &&
        st.profile != PROFILE_LIBBPF_FLOOR) {
        sc_cli_error(&cli, "--bpf-stats: only the libbpf tracers report BPF run-time "
                           "statistics, and this run has --profile %s: add --profile libbpf, "
                           "libbpf-count or libbpf-floor, or drop --bpf-stats", o->profile);
        return -1;
    }
    const struct {
        const char *flag, *path;
    } outputs[] = {{"--csv", o->csv_path}, {"--json", o->json_path}, {"--env-txt", o->env_txt_path}};
    for (size_t i = 0; i < 3; i++)
        for (size_t k = i + 1; k < 3; k++)
            if (outputs[i].path && outputs[k].path &&
                outputs_collide(outputs[i].path, outputs[k].path)) {
                char a[512], b[512];
                sc_cli_quote(outputs[i].path, a, sizeof(a));
                sc_cli_quote(outputs[k].path, b, sizeof(b));
                sc_cli_error(&cli, "%s %s and %s %s are the same file: one would replace the "
                                   "other; name two files", outputs[i].flag, a, outputs[k].flag, b);
                return -1;
            }
    if (o->quick) {
        if (!st.repeats_set)
            o->repeats = 6; /* the fewest that give a 95% median interval */
        if (!st.min_time_set)
            o->min_time_ms = 8;
    }
    return 0;
}

void sc_options_print_help(const char *prog, const char *title)
{
    struct sc_options o = defaults;
    struct parse_state st = {0};
    struct sc_opt opts[MAX_OPTIONS];
    declare(&o, &st, opts);
    const struct sc_cli cli = describe(prog, title);
    sc_cli_help(&cli, opts, prog, stdout);
}
