/* bench: reads what the benchmark programs write. */
#include <stdio.h>
#include <string.h>

#include "commands.h"

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *usage;
};

static const struct command commands[] = {
    {"summary", cmd_summary, "summary FILE.csv [--sort name|median|cv|throughput] [--format table|markdown|json]"},
    {"compare", cmd_compare, "compare BASE CAND [--alpha A] [--threshold PCT] [--fail-on-regression] [--format ...] [--pair B=C]"},
    {"hist", cmd_hist, "hist FILE.json [--map NAME] [--format table|markdown]   (bpftrace/libbpf histogram table)"},
    {"overhead", cmd_overhead, "overhead DIR|FILE.csv... [--case NAME] [--format table|markdown]   (what each tracer adds)"},
    {"plot", cmd_plot, "plot KIND INPUT... [-o DIR] [--term png|svg|dumb]   (KIND: hist compare samples overhead sweep all)"},
    {"report", cmd_report, "report DIR   (REPORT.md and REPORT.html from a demo run's artifacts)"},
    {"batching", cmd_batching, "batching FILE.csv [--json DEMO.json] [--format table|markdown]"},
    {"layout", cmd_layout, "layout [--format table|markdown|tsv|shell]   (what a demo run folder holds)"},
    {NULL, NULL, NULL},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: bench COMMAND [ARGS]   (bench COMMAND --help for details)\n\ncommands:\n");
    for (const struct command *c = commands; c->name; c++)
        fprintf(f, "  %s\n", c->usage);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    for (const struct command *c = commands; c->name; c++)
        if (!strcmp(argv[1], c->name))
            return c->run(argc - 1, argv + 1);
    fprintf(stderr, "error: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
