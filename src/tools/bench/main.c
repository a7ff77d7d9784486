/* bench: reads what the benchmark programs write. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const struct sc_cli *cli;
};

static const struct command commands[] = {
    {"summary", cmd_summary, &summary_cli},
    {"compare", cmd_compare, &compare_cli},
    {"hist", cmd_hist, &hist_cli},
    {"overhead", cmd_overhead, &overhead_cli},
    {"plot", cmd_plot, &plot_cli},
    {"report", cmd_report, &report_cli},
    {"batching", cmd_batching, &batching_cli},
    {NULL, NULL, NULL},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: bench COMMAND [ARGS]   (bench COMMAND --help for details)\n\ncommands:\n");
    for (const struct command *c = commands; c->name; c++) {
        char *line = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&line, &len);
        if (!m)
            return;
        fprintf(m, "%s ", c->name);
        sc_cli_synopsis(c->cli, m);
        if (fclose(m) == 0)
            fprintf(f, "  %-30s %s\n", line, c->cli->summary);
        free(line);
    }
}

static const struct command *find(const char *name)
{
    for (const struct command *c = commands; c->name; c++)
        if (!strcmp(name, c->name))
            return c;
    return NULL;
}

static int unknown(const char *name)
{
    char shown[512];
    sc_cli_quote(name, shown, sizeof(shown));
    fprintf(stderr, "error: bench: unknown command '%s': one of", shown);
    for (const struct command *c = commands; c->name; c++)
        fprintf(stderr, "%s %s", c == commands ? "" : ",", c->name);
    fprintf(stderr, " (see bench --help)\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *first = argv[1];
    if (!strcmp(first, "help") && argc > 2) {
        /* "bench help CMD" is "bench CMD --help". */
        const struct command *c = find(argv[2]);
        return c ? c->run(2, (char *[]){argv[2], "--help", NULL}) : unknown(argv[2]);
    }
    if (!strcmp(first, "--help") || !strcmp(first, "-h") || !strcmp(first, "help")) {
        usage(stdout);
        return 0;
    }
    const struct command *c = find(first);
    return c ? c->run(argc - 1, argv + 1) : unknown(first);
}
