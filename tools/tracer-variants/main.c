/* tracer-variants: what each design of the kit's libbpf tracer adds to a
 * syscall, against the kernel's own floor, and whether the fast designs
 * count exactly. See usage() and run.sh. */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "measure.h"
#include "summary.h"
#include "variant.h"

#define MAX_VARIANTS 32

static int verbose;

static void usage(FILE *f)
{
    fprintf(f,
        "usage: tracer-variants measure [OPTIONS] LABEL=OBJECT...\n"
        "       tracer-variants check [--verbose] LABEL=OBJECT...\n"
        "       tracer-variants summary [--markdown] [CSV]\n"
        "\n"
        "measure  interleaved rounds: each round attaches each variant in turn, names the\n"
        "         thread like the kit (sc-<12 hex>), times one-byte write()s to /dev/null,\n"
        "         detaches; one CSV row per measurement on stdout. LABEL=none attaches\n"
        "         nothing; summary needs \"none\" and \"floor\" (floor.bpf.o) in the rounds.\n"
        "  --writes N       timed write()s per measurement, at least 1000 (default 200000);\n"
        "                   the row has the median of 14 chunks' ns per write()\n"
        "  --warmup N       traced, untimed write()s before them (default 20000)\n"
        "  --rounds N       rounds (default 5)\n"
        "  --first-round N  number of the first round (to add rows to an earlier run's)\n"
        "  --no-header      no CSV header line\n"
        "  --comm NAME      the measured thread's name (default: a new sc-<12 hex>)\n"
        "  --stats          BPF run-time statistics on while measuring (bpf_enable_stats)\n"
        "  --bpftrace PATH  the bpftrace that runs LABEL=SCRIPT.bt variants (default bpftrace),\n"
        "                   as the kit does: bpftrace SCRIPT PID NAME, measured once attached\n"
        "check    exact counts, the thread filter, the armed flag, and latencies of a\n"
        "         thread moved to another CPU inside read(), for objects laid out like\n"
        "         syslat_fast.bpf.o or syscount.bpf.o; exit 1 when a check fails\n"
        "summary  medians over rounds: ns per write(), added over none, x floor, above floor\n"
        "\n"
        "EXAMPLES\n"
        "  taskset -c 1 tracer-variants measure --rounds 5 none floor=floor.bpf.o \\\n"
        "      fast=syslat_fast.bpf.o >rows.csv && tracer-variants summary rows.csv\n"
        "  tracer-variants check fast=syslat_fast.bpf.o count=syscount.bpf.o\n"
        "  tools/tracer-variants/run.sh   (every variant, bpftrace too, under the CPU lock)\n");
}

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
    if (level != LIBBPF_WARN && !verbose)
        return 0;
    return vfprintf(stderr, fmt, ap);
}

static int bad_usage(const char *fmt, const char *arg)
{
    fprintf(stderr, "error: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (tracer-variants --help shows the usage)\n");
    return 2;
}

static int parse_count(const char *opt, const char *s, long min, long *out)
{
    char *end;
    errno = 0;
    long v = s ? strtol(s, &end, 10) : 0;
    if (!s || errno || *end || v < min) {
        fprintf(stderr, "error: %s wants a whole number of at least %ld, not '%s'\n", opt, min,
                s ? s : "");
        return -1;
    }
    *out = v;
    return 0;
}

static int load_all(struct variant *vs, int argc, char **argv, int first,
                    const struct variant_target *t)
{
    char err[512];
    int n = 0;

    for (int i = first; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        const char *label = argv[i], *path = "none";
        if (eq) {
            *eq = '\0';
            path = eq + 1;
        } else if (strcmp(argv[i], "none")) {
            fprintf(stderr, "error: %s: expected LABEL=OBJECT (or none)\n", argv[i]);
            return -1;
        }
        if (n == MAX_VARIANTS) {
            fprintf(stderr, "error: more than %d variants\n", MAX_VARIANTS);
            return -1;
        }
        if (variant_load(&vs[n], label, path, t, err, sizeof(err)) != 0) {
            fprintf(stderr, "error: %s\n", err);
            variant_close(&vs[n]);
            return -1;
        }
        n++;
    }
    if (n == 0)
        fprintf(stderr, "error: no variant given (tracer-variants --help shows the usage)\n");
    return n ? n : -1;
}

static int cmd_measure(int argc, char **argv)
{
    static struct variant vs[MAX_VARIANTS];
    struct measure_opts o = {.writes = 200000, .warmup = 20000, .rounds = 5, .header = 1};
    struct variant_target t;
    int stats = 0, i, n, stats_fd = -1, rc = 1;
    char err[512];
    long v;

    variant_make_comm(t.comm);
    t.bpftrace = "bpftrace";
    for (i = 2; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--writes") || !strcmp(a, "--warmup") || !strcmp(a, "--rounds") ||
            !strcmp(a, "--first-round")) {
            long min = !strcmp(a, "--writes") ? 1000 : !strcmp(a, "--rounds") ? 1 : 0;
            if (parse_count(a, argv[i + 1], min, &v) != 0)
                return 2;
            i++;
            if (!strcmp(a, "--writes"))
                o.writes = (uint64_t)v;
            else if (!strcmp(a, "--warmup"))
                o.warmup = (uint64_t)v;
            else if (!strcmp(a, "--rounds"))
                o.rounds = (int)v;
            else
                o.first_round = (int)v;
        } else if (!strcmp(a, "--comm")) {
            if (!argv[i + 1] || strlen(argv[i + 1]) > 15 || !argv[i + 1][0])
                return bad_usage("--comm wants a thread name of 1 to 15 characters, not '%s'",
                                 argv[i + 1] ? argv[i + 1] : "");
            snprintf(t.comm, sizeof(t.comm), "%s", argv[++i]);
        } else if (!strcmp(a, "--bpftrace")) {
            if (!argv[i + 1])
                return bad_usage("--bpftrace wants a path%s", "");
            t.bpftrace = argv[++i];
        } else if (!strcmp(a, "--no-header")) {
            o.header = 0;
        } else if (!strcmp(a, "--stats")) {
            stats = 1;
        } else if (!strcmp(a, "--verbose")) {
            verbose = 1;
        } else {
            return bad_usage("measure: unknown option %s", a);
        }
    }
    o.comm = t.comm;
    n = load_all(vs, argc, argv, i, &t);
    if (n < 0)
        return 2;
    if (stats) {
        stats_fd = bpf_enable_stats(BPF_STATS_RUN_TIME);
        if (stats_fd < 0) {
            fprintf(stderr, "error: cannot turn on BPF run-time statistics: %s\n",
                    strerror(errno));
            goto cleanup;
        }
    }
    if (measure_run(vs, n, &o, stdout, err, sizeof(err)) != 0) {
        fprintf(stderr, "error: %s\n", err);
        goto cleanup;
    }
    rc = 0;
cleanup:
    if (stats_fd >= 0)
        close(stats_fd);  /* statistics go off with the last holder */
    for (int k = 0; k < n; k++)
        variant_close(&vs[k]);
    return rc;
}

static int cmd_check(int argc, char **argv)
{
    static struct variant vs[MAX_VARIANTS];
    struct variant_target t;
    int i = 2, n, failed;

    if (i < argc && !strcmp(argv[i], "--verbose")) {
        verbose = 1;
        i++;
    }
    variant_make_comm(t.comm);
    t.bpftrace = "bpftrace";
    n = load_all(vs, argc, argv, i, &t);
    if (n < 0)
        return 2;
    failed = check_run(vs, n, t.comm, stdout);
    for (int k = 0; k < n; k++)
        variant_close(&vs[k]);
    return failed ? 1 : 0;
}

static int cmd_summary(int argc, char **argv)
{
    int markdown = 0, i = 2, rc;
    FILE *in = stdin;
    char err[512];

    if (i < argc && !strcmp(argv[i], "--markdown")) {
        markdown = 1;
        i++;
    }
    if (i < argc) {
        in = fopen(argv[i], "r");
        if (!in) {
            fprintf(stderr, "error: cannot read %s: %s\n", argv[i], strerror(errno));
            return 2;
        }
    }
    rc = summary_print(in, stdout, markdown, err, sizeof(err));
    if (in != stdin)
        fclose(in);
    if (rc != 0) {
        fprintf(stderr, "error: %s: %s\n", i < argc ? argv[i] : "stdin", err);
        return 2;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    libbpf_set_print(libbpf_print);
    if (!strcmp(argv[1], "summary"))
        return cmd_summary(argc, argv);
    if (strcmp(argv[1], "measure") && strcmp(argv[1], "check"))
        return bad_usage("unknown command '%s'", argv[1]);
    if (geteuid() != 0) {
        fprintf(stderr, "error: %s loads BPF programs: run it as root (sudo)\n", argv[1]);
        return 2;
    }
    return !strcmp(argv[1], "measure") ? cmd_measure(argc, argv) : cmd_check(argc, argv);
}
