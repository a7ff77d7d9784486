/* bench's command lines: summary, compare, hist, overhead and batching with
 * fuzzed argv on small fixture files, through bench_run (plot and report are left out: they
 * write files and run gnuplot wherever an argument points). A command must return a status (never exit()), leak
 * nothing, and keep to the documented statuses 0, 1 and 2.
 * Input: one byte choosing the command (0 summary, 1 compare, 2 hist,
 * 3 overhead, 4 batching), then arguments separated by '\n'.
 * The arguments @A, @B, @G, @H and @M stand for a two-case kit CSV, a
 * one-case kit CSV, a google benchmark JSON file, a bpftrace json histogram
 * and a file that does not exist. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"

enum { MAX_ARGS = 32, MAX_INPUT = 4096 };

static char dir[] = "/tmp/syscost-fuzz-bench.XXXXXX";
static char path_a[128], path_b[128], path_g[128], path_h[128], path_m[128];

static const char csv_a[] =
    "test,cycles,repeats,warmup,wallMedian,wallP10,wallP90,wallMin,wallMax,wallMean,"
    "wallStddev,wallCV,callsPerSecond,syscallsPerCall,stable,cvThreshold,profileTool,"
    "timestamp,gitHash,hostname,platform,samples\n"
    "BpftraceProfiler.ManySmallWrites,500,3,500,95.1,94.8,96,94.8,96,95.3,0.6,0.0063,"
    "10515,1024,true,0.05,none,2025-01-01T00:00:00Z,abc,host,Linux,95.1;94.8;96\n"
    "BpftraceProfiler.SingleBatchedWrite,50000,3,50000,0.0913,0.0911,0.0915,0.0911,"
    "0.0915,0.0913,0.0002,0.0022,1.095e+07,1,true,0.05,none,2025-01-01T00:00:00Z,abc,"
    "host,Linux,0.0913;0.0911;0.0915\n";

static const char csv_b[] =
    "test,wallMedian,samples\n"
    "Other.Case,0.1,0.1;0.11;0.09;0.1;0.1\n";

static const char json_g[] =
    "{\"context\": {\"date\": \"2025-01-01\", \"executable\": \"x\"},\n"
    " \"benchmarks\": [\n"
    "  {\"name\": \"BpftraceProfiler.ManySmallWrites\", \"run_name\": "
    "\"BpftraceProfiler.ManySmallWrites\", \"run_type\": \"iteration\", \"repetitions\": 2, "
    "\"repetition_index\": 0, \"iterations\": 100, \"real_time\": 90.5, \"cpu_time\": 90.1, "
    "\"time_unit\": \"us\"},\n"
    "  {\"name\": \"BpftraceProfiler.ManySmallWrites\", \"run_name\": "
    "\"BpftraceProfiler.ManySmallWrites\", \"run_type\": \"iteration\", \"repetitions\": 2, "
    "\"repetition_index\": 1, \"iterations\": 100, \"real_time\": 91.5, \"cpu_time\": 91.0, "
    "\"time_unit\": \"us\"}\n"
    " ]}\n";

static const char json_h[] =
    "{\"type\": \"attached_probes\", \"data\": {\"probes\": 3}}\n"
    "{\"type\": \"hist\", \"data\": {\"@syscall_lat_ns\": {\"write\": ["
    "{\"min\": 128, \"max\": 255, \"count\": 1549}, {\"min\": 256, \"max\": 511, "
    "\"count\": 3534}, {\"min\": 4096, \"max\": 8191, \"count\": 5}], \"close\": "
    "[{\"max\": -1, \"count\": 1}, {\"min\": 0, \"max\": 0, \"count\": 2}]}}}\n"
    "{\"type\": \"map\", \"data\": {\"@syscalls\": {\"write\": 5088, \"close\": 3}}}\n";

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        perror(path);
        abort();
    }
}

static void remove_fixtures(void)
{
    unlink(path_a);
    unlink(path_b);
    unlink(path_g);
    unlink(path_h);
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        abort();
    }
    snprintf(path_a, sizeof(path_a), "%s/a.csv", dir);
    snprintf(path_b, sizeof(path_b), "%s/b.csv", dir);
    snprintf(path_g, sizeof(path_g), "%s/g.json", dir);
    snprintf(path_h, sizeof(path_h), "%s/BpftraceProfiler.ManySmallWrites.syslat.json", dir);
    snprintf(path_m, sizeof(path_m), "%s/missing.csv", dir);
    write_file(path_a, csv_a);
    write_file(path_b, csv_b);
    write_file(path_g, json_g);
    write_file(path_h, json_h);
    atexit(remove_fixtures);
    /* Tables and help text would flood the fuzzer's output. */
    if (!freopen("/dev/null", "w", stdout))
        abort();
    return 0;
}

static char *substitute(char *arg)
{
    if (!strcmp(arg, "@A")) return path_a;
    if (!strcmp(arg, "@B")) return path_b;
    if (!strcmp(arg, "@G")) return path_g;
    if (!strcmp(arg, "@H")) return path_h;
    if (!strcmp(arg, "@M")) return path_m;
    return arg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > MAX_INPUT)
        return 0;
    static const char *const names[] = {"summary", "compare", "hist", "overhead", "batching"};
    static const struct bench_command *const commands[] = {
        &summary_command, &compare_command, &hist_command, &overhead_command, &batching_command};
    int which = data[0] % 5;
    char *buf = malloc(size);
    if (!buf)
        return 0;
    memcpy(buf, data + 1, size - 1);
    buf[size - 1] = '\0';

    /* argv as main() would see it: argv[0] is the command's name, every
     * string NUL-terminated, argv[argc] NULL. */
    char *argv[MAX_ARGS + 2];
    int argc = 0;
    argv[argc++] = (char *)names[which];
    char *p = buf;
    while (argc < MAX_ARGS + 1) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        if (*p || nl)
            argv[argc++] = substitute(p);
        if (!nl)
            break;
        p = nl + 1;
    }
    argv[argc] = NULL;

    int status = bench_run(commands[which], argc, argv);
    fflush(stdout);
    if (status < 0 || status > 2) {
        fprintf(stderr, "bench %s returned %d, outside 0..2\n", names[which], status);
        abort();
    }
    free(buf);
    return 0;
}
