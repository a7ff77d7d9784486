#include "options.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

static int bad(const char *flag, const char *value, const char *why)
{
    fprintf(stderr, "error: %s: '%s' %s (see --help)\n", flag, value, why);
    return -1;
}

static int parse_count(const char *flag, const char *v, uint64_t min,
                       uint64_t max, uint64_t *out)
{
    char *end;
    if (*v < '0' || *v > '9')
        return bad(flag, v, "is not a whole number");
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    if (*end)
        return bad(flag, v, "is not a whole number");
    if (errno == ERANGE || n < min || n > max) {
        char why[96];
        snprintf(why, sizeof(why), "is out of range [%" PRIu64 ", %" PRIu64 "]", min, max);
        return bad(flag, v, why);
    }
    *out = n;
    return 0;
}

static int parse_real(const char *flag, const char *v, double min, double max,
                      double *out)
{
    char *end;
    errno = 0;
    double d = strtod(v, &end);
    if (end == v || *end || errno == ERANGE || !(d >= min && d <= max)) {
        char why[96];
        snprintf(why, sizeof(why), "is not a number in [%g, %g]", min, max);
        return bad(flag, v, why);
    }
    *out = d;
    return 0;
}

/* Two outputs written to one file lose one of them; a character device
 * (a terminal, /dev/null) takes both whole, so it may be named twice. */
static int outputs_collide(const char *a, const char *b)
{
    struct stat st;
    if (stat(a, &st) == 0 && S_ISCHR(st.st_mode))
        return 0;
    return sc_same_file(a, b);
}

/* A script named twice would trace twice and write one artifact over the
 * other: "syslat,syscount,syslat" is refused naming the script. */
static int check_no_repeat(const char *list)
{
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        for (const char *q = p + n; *q == ',';) {
            q++;
            size_t m = strcspn(q, ",");
            if (m == n && !strncmp(p, q, n)) {
                fprintf(stderr, "error: --bpf: '%s' names the script '%.*s' twice "
                                "(see --help)\n", list, (int)n, p);
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

/* Flags that take a value accept "--flag value" and "--flag=value". */
static const char *const valued[] = {
    "--gtest_filter", "--cycles", "--repeats", "--warmup", "--csv", "--json",
    "--profile", "--bpf", "--bpf-scripts", "--artifact-root", "--min-time-ms",
    "--cv-threshold", "--profile-tool-label", "--seed", "--processes", NULL,
};

int sc_options_parse(int argc, char **argv, struct sc_options *o)
{
    *o = defaults;
    bool repeats_set = false, min_time_set = false;
    const char *bpf_flag = NULL; /* --bpf or --bpf-scripts, when given */
    const char *env_dir = getenv("BENCH_BPF_SCRIPTS");
    if (env_dir && *env_dir)
        o->bpf_dir = env_dir;

    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        char flag[64];
        const char *value = NULL;
        const char *eq = strchr(arg, '=');
        if (strncmp(arg, "--", 2) != 0) {
            fprintf(stderr, "error: unexpected argument '%s' (flags start with --; see --help)\n", arg);
            return -1;
        }
        size_t flen = eq ? (size_t)(eq - arg) : strlen(arg);
        if (flen >= sizeof(flag)) {
            fprintf(stderr, "error: unknown flag '%.40s...' (see --help)\n", arg);
            return -1;
        }
        memcpy(flag, arg, flen);
        flag[flen] = '\0';

        bool takes_value = false;
        for (int k = 0; valued[k]; k++)
            takes_value |= !strcmp(flag, valued[k]);
        if (takes_value) {
            if (eq) {
                value = eq + 1;
            } else if (i + 1 < argc) {
                value = argv[++i];
            } else {
                fprintf(stderr, "error: %s needs a value (see --help)\n", flag);
                return -1;
            }
        } else if (eq) {
            fprintf(stderr, "error: %s takes no value (see --help)\n", flag);
            return -1;
        }

        if (!strcmp(flag, "--help") || !strcmp(flag, "--h")) {
            o->help = true;
        } else if (!strcmp(flag, "--gtest_list_tests")) {
            o->list = true;
        } else if (!strcmp(flag, "--quick")) {
            o->quick = true;
        } else if (!strcmp(flag, "--verbose")) {
            o->verbose = true;
        } else if (!strcmp(flag, "--no-interleave")) {
            o->no_interleave = true;
        } else if (!strcmp(flag, "--seed")) {
            uint64_t seed;
            if (parse_count(flag, value, 0, UINT32_MAX, &seed))
                return -1;
            o->seed = (uint32_t)seed;
            o->seed_set = true;
        } else if (!strcmp(flag, "--processes")) {
            if (parse_count(flag, value, 1, 1000, &o->processes))
                return -1;
        } else if (!strcmp(flag, "--gtest_filter")) {
            o->filter = value;
        } else if (!strcmp(flag, "--cycles")) {
            if (parse_count(flag, value, 1, UINT64_C(1) << 40, &o->cycles))
                return -1;
        } else if (!strcmp(flag, "--repeats")) {
            if (parse_count(flag, value, 1, 100000, &o->repeats))
                return -1;
            repeats_set = true;
        } else if (!strcmp(flag, "--warmup")) {
            uint64_t w;
            if (parse_count(flag, value, 0, UINT64_C(1) << 40, &w))
                return -1;
            o->warmup = (int64_t)w;
        } else if (!strcmp(flag, "--min-time-ms")) {
            if (parse_real(flag, value, 0.01, 60000, &o->min_time_ms))
                return -1;
            min_time_set = true;
        } else if (!strcmp(flag, "--cv-threshold")) {
            double pct;
            if (parse_real(flag, value, 0.01, 1000, &pct))
                return -1;
            o->cv_threshold = pct / 100.0;
        } else if (!strcmp(flag, "--csv")) {
            if (!*value)
                return bad(flag, value, "is not a file name");
            o->csv_path = value;
        } else if (!strcmp(flag, "--json")) {
            if (!*value)
                return bad(flag, value, "is not a file name");
            o->json_path = value;
        } else if (!strcmp(flag, "--profile")) {
            if (strcmp(value, "none") && strcmp(value, "bpftrace") && strcmp(value, "libbpf"))
                return bad(flag, value, "is not one of none, bpftrace, libbpf");
            o->profile = value;
        } else if (!strcmp(flag, "--bpf")) {
            if (!*value || strspn(value, "abcdefghijklmnopqrstuvwxyz0123456789_,") != strlen(value) ||
                strstr(value, ",,") || value[0] == ',' || value[strlen(value) - 1] == ',')
                return bad(flag, value, "is not a comma-separated list of script names (e.g. syslat,syscount)");
            if (check_no_repeat(value))
                return -1;
            o->bpf_scripts = value;
            bpf_flag = "--bpf";
        } else if (!strcmp(flag, "--bpf-scripts")) {
            if (!*value)
                return bad(flag, value, "is not a directory");
            o->bpf_dir = value;
            bpf_flag = "--bpf-scripts";
        } else if (!strcmp(flag, "--artifact-root")) {
            if (!*value)
                return bad(flag, value, "is not a directory");
            o->artifact_root = value;
        } else if (!strcmp(flag, "--profile-tool-label")) {
            if (!*value || strpbrk(value, ",\"\n"))
                return bad(flag, value, "is not a plain label");
            o->profile_tool_label = value;
        } else {
            fprintf(stderr, "error: unknown flag '%s' (see --help)\n", flag);
            return -1;
        }
    }
    if (bpf_flag && strcmp(o->profile, "bpftrace")) {
        fprintf(stderr, "error: %s: only --profile bpftrace runs .bt scripts, and this run "
                        "has --profile %s (add --profile bpftrace, or drop %s)\n",
                bpf_flag, o->profile, bpf_flag);
        return -1;
    }
    if (o->seed_set && (o->no_interleave || strcmp(o->profile, "none"))) {
        fprintf(stderr, "error: --seed orders the cases in each round, and %s runs the cases "
                        "one after another (drop --seed, or %s)\n",
                o->no_interleave ? "--no-interleave" : "--profile",
                o->no_interleave ? "--no-interleave" : "--profile");
        return -1;
    }
    if (o->processes > 1 && strcmp(o->profile, "none")) {
        fprintf(stderr, "error: --processes %" PRIu64 ": a tracer (--profile %s) watches one "
                        "process, so a traced run is one process (drop --processes)\n",
                o->processes, o->profile);
        return -1;
    }
    if (o->csv_path && o->json_path && outputs_collide(o->csv_path, o->json_path)) {
        fprintf(stderr, "error: --csv %s and --json %s are the same file: one would replace "
                        "the other (name two files)\n", o->csv_path, o->json_path);
        return -1;
    }
    if (o->quick) {
        if (!repeats_set)
            o->repeats = 6; /* the fewest that give a 95% median interval */
        if (!min_time_set)
            o->min_time_ms = 8;
    }
    return 0;
}

void sc_options_print_help(const char *prog, const char *title)
{
    printf("%s\n\n", title);
    printf("Usage: %s [FLAGS]\n\n", prog);
    printf(
        "Selection\n"
        "  --gtest_filter=POS[:POS...][-NEG[:NEG...]]  cases to run; * and ? are wildcards\n"
        "  --gtest_list_tests        list the cases and exit\n"
        "Measurement\n"
        "  --cycles N                calls per timed repeat (default: calibrated so a\n"
        "                            repeat lasts --min-time-ms; at most 10 minutes)\n"
        "  --repeats N               timed repeats, one sample each (default 10)\n"
        "  --warmup N                untimed calls before measuring (default: one repeat;\n"
        "                            at most 10 minutes)\n"
        "  --min-time-ms MS          target length of one repeat (default 40)\n"
        "  --cv-threshold PCT        a case is 'stable' when its CV is at most PCT (default 5)\n"
        "  --quick                   6 repeats of about 8 ms: the whole program in seconds\n"
        "Rounds and processes\n"
        "  --seed N                  order of the cases in each round (0-4294967295; default:\n"
        "                            drawn at random, printed and recorded: it replays a run)\n"
        "  --no-interleave           measure case after case instead of in rounds (each round\n"
        "                            runs one repeat of every selected case, shuffled)\n"
        "  --processes N             run N fresh processes of this program one after another\n"
        "                            and pool their samples (default 1): one process is one\n"
        "                            draw of the machine's state, so figures worth comparing\n"
        "                            come from several\n"
        "Output\n"
        "  --csv FILE                one row per case, written atomically\n"
        "  --json FILE               google benchmark JSON layout (per-repeat rows + aggregates)\n"
        "  --profile-tool-label L    value of the CSV's profileTool column (default: --profile)\n"
        "Profiling (needs root or CAP_BPF+CAP_PERFMON)\n"
        "  --profile none|bpftrace|libbpf   trace the measured repeats only (case after\n"
        "                            case: a tracer attaches once per case)\n"
        "  --bpf NAME[,NAME...]      bpftrace scripts from the scripts folder (default syslat)\n"
        "  --bpf-scripts DIR         where the .bt scripts are (env BENCH_BPF_SCRIPTS)\n"
        "  --artifact-root DIR       where traces go (default artifacts/)\n"
        "  --verbose                 say more (libbpf messages, calibration)\n"
        "\nExamples\n"
        "  %s --quick --csv /tmp/demo.csv\n"
        "  %s --gtest_filter='*ManySmallWrites*' --cycles 500 --repeats 1\n"
        "  sudo %s --profile bpftrace --bpf syslat --gtest_filter='*ManySmallWrites*' \\\n"
        "      --cycles 500 --repeats 1\n"
        "  %s --gtest_filter='BpftraceProfiler.*-*Single*' --json /tmp/demo.json\n"
        "  %s --gtest_filter='BpftraceProfiler.*' --processes 5 --repeats 6 --csv /tmp/pooled.csv\n"
        "\nExit status: 0 all cases passed, 1 a case failed, 2 bad usage or environment,\n"
        "128+N stopped by signal N (130 SIGINT, 143 SIGTERM, 129 SIGHUP, 141 SIGPIPE);\n"
        "nothing is written then, and earlier output files stay as they were.\n",
        prog, prog, prog, prog, prog);
}
