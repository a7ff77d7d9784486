/* The option parser with fuzzed argv, twice: the benchmark program's
 * options (sc_options_parse) must return 0 or -1, never crash or leak, and
 * a parse it accepts must hold what the runner relies on (numbers in range,
 * a known profiler, scripts only for bpftrace, two distinct output files);
 * and sc_cli_parse on a table of every kind of option and argument must
 * return one of its three statuses and, when it accepts, leave every value
 * inside what the table declares.
 * Input: arguments separated by '\n' (argv[0] is added). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <syscost/cli.h>
#include <syscost/same_file.h>

#include "options.h"

enum { MAX_ARGS = 32, MAX_INPUT = 4096 };

static void check(int cond, const char *what)
{
    if (!cond) {
        fprintf(stderr, "the parser accepted options that break: %s\n", what);
        abort();
    }
}

static int check_even(const struct sc_opt *opt, const char *v, char *why, size_t whylen)
{
    (void)opt;
    if (strlen(v) % 2 == 0)
        return 0;
    snprintf(why, whylen, "has an odd length");
    return -1;
}

static int take_upper(const struct sc_opt *opt, const char *v, char *why, size_t whylen)
{
    if (!*v || strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != strlen(v)) {
        snprintf(why, whylen, "is not upper case");
        return -1;
    }
    *(const char **)opt->value = v;
    return 0;
}

/* Every kind of option and a varying count of arguments, named like the
 * benchmark program's so the dictionary serves both. */
static void generic_table(int argc, char **argv)
{
    static const struct sc_opt_choice choices[] = {
        {"none", 1, false}, {"bpftrace", 2, false}, {"bt", 2, true}, {NULL, 0, false}};
    static const struct sc_arg args[] = {
        {"FIRST", 1, 1, NULL}, {"REST", 0, SC_ARGS_MANY, NULL}, {NULL, 0, 0, NULL}};
    const struct sc_cli cli = {.name = "fuzz", .args = args};
    bool quick = false, repeats_given = false;
    const char *csv = NULL, *upper = NULL;
    uint64_t cycles = 7;
    double ms = 1;
    int profile = 0;
    const struct sc_opt opts[] = {
        SC_OPT_FLAG("quick", 'q', &quick, "flag"),
        {.kind = SC_OPT_STRING, .name = "csv", .short_name = 'o', .value = &csv,
         .check = check_even, .help = "string"},
        {.kind = SC_OPT_COUNT, .name = "cycles", .value = &cycles, .min = 3, .max = 1000,
         .once = true, .given = &repeats_given, .help = "count"},
        {.kind = SC_OPT_REAL, .name = "min-time-ms", .value = &ms, .lo = 0, .hi = 10,
         .lo_open = true, .scale = 2, .help = "real"},
        SC_OPT_ENUM("profile", 'p', &profile, choices, "enum"),
        SC_OPT_CALL("bpf", 0, &upper, take_upper, "X", "call"),
        SC_OPT_END(),
    };
    char *pos[MAX_ARGS + 2];
    int n_pos = -1;
    int rc = sc_cli_parse(&cli, opts, argc, argv, pos, &n_pos);
    check(rc == SC_CLI_OK || rc == SC_CLI_HELP || rc == SC_CLI_ERROR, "an unknown status");
    if (rc != SC_CLI_OK)
        return;
    check(n_pos >= 1 && n_pos < argc, "an argument count outside [1, argc)");
    for (int i = 0; i < n_pos; i++) {
        bool from_argv = false;
        for (int k = 1; k < argc; k++)
            from_argv |= pos[i] == argv[k];
        check(from_argv, "an argument that is not one of argv");
    }
    check(cycles == 7 || (cycles >= 3 && cycles <= 1000), "a count out of its range");
    check(cycles == 7 || repeats_given, "a count set but not marked given");
    check(ms == 1 || (ms > 0 && ms <= 20), "a real out of its range (times its scale)");
    check(profile == 0 || profile == 1 || profile == 2, "an enum value not among the choices");
    check(!csv || strlen(csv) % 2 == 0, "a string its check refused");
    check(!upper || (*upper && strspn(upper, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == strlen(upper)),
          "a value its callback refused");
    (void)quick;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_INPUT)
        return 0;
    char *buf = malloc(size + 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';

    char *argv[MAX_ARGS + 2];
    int argc = 0;
    argv[argc++] = "bench";
    for (char *p = buf; argc < MAX_ARGS + 1;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        if (*p || nl)
            argv[argc++] = p;
        if (!nl)
            break;
        p = nl + 1;
    }
    argv[argc] = NULL;

    generic_table(argc, argv);

    struct sc_options o;
    int rc = sc_options_parse(argc, argv, &o);
    check(rc == 0 || rc == -1, "a status other than 0 and -1");
    if (rc == 0) {
        check(o.repeats >= 1 && o.repeats <= 100000, "--repeats out of range");
        check(o.cycles <= (UINT64_C(1) << 40), "--cycles over 2^40");
        check(o.warmup >= -1 && o.warmup <= (INT64_C(1) << 40), "--warmup out of range");
        check(o.min_time_ms >= 0.01 && o.min_time_ms <= 60000, "--min-time-ms out of range");
        check(o.cv_threshold > 0 && o.cv_threshold <= 10, "--cv-threshold out of range");
        check(!strcmp(o.profile, "none") || !strcmp(o.profile, "bpftrace") ||
                  !strcmp(o.profile, "libbpf"),
              "an unknown profiler");
        check(!strcmp(o.profile, "bpftrace") || !strcmp(o.bpf_scripts, "syslat"),
              "--bpf without --profile bpftrace");
        struct stat st;
        int device = o.csv_path && stat(o.csv_path, &st) == 0 && S_ISCHR(st.st_mode);
        check(!o.csv_path || !o.json_path || device || !sc_same_file(o.csv_path, o.json_path),
              "--csv and --json naming one file that is not a device");
        check(!o.csv_path || *o.csv_path, "an empty --csv");
        check(!o.json_path || *o.json_path, "an empty --json");
    }
    free(buf);
    return 0;
}
