/* The benchmark program's option parser with fuzzed argv: it must return 0
 * or -1, never crash or leak, and a parse it accepts must hold what the
 * runner relies on (numbers in range, a known profiler, scripts only for
 * bpftrace, two distinct output files).
 * Input: arguments separated by '\n' (argv[0] is added). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <syscost/same_file.h>

#include "options.h"

enum { MAX_ARGS = 32, MAX_INPUT = 4096 };

static void check(int cond, const char *what)
{
    if (!cond) {
        fprintf(stderr, "sc_options_parse accepted options that break: %s\n", what);
        abort();
    }
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
