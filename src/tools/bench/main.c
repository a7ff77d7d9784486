/* bench: reads what the benchmark programs write. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

/* "summary" of "bench summary". */
static const char *name_of(const struct bench_command *c)
{
    return c->cli.name + strlen("bench ");
}

static void usage(FILE *f)
{
    fprintf(f, "usage: bench COMMAND [ARGS]   (bench COMMAND --help for details)\n\ncommands:\n");
    for (const struct bench_command *const *c = bench_commands; *c; c++) {
        char *line = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&line, &len);
        if (!m)
            return;
        fprintf(m, "%s ", name_of(*c));
        sc_cli_synopsis(&(*c)->cli, m);
        if (fclose(m) == 0)
            fprintf(f, "  %-30s %s\n", line, (*c)->cli.summary);
        free(line);
    }
}

static const struct bench_command *find(const char *name)
{
    for (const struct bench_command *const *c = bench_commands; *c; c++)
        if (!strcmp(name, name_of(*c)))
            return *c;
    return NULL;
}

static int unknown(const char *name)
{
    char shown[512];
    sc_cli_quote(name, shown, sizeof(shown));
    fprintf(stderr, "error: bench: unknown command '%s': one of", shown);
    for (const struct bench_command *const *c = bench_commands; *c; c++)
        fprintf(stderr, "%s %s", c == bench_commands ? "" : ",", name_of(*c));
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
        const struct bench_command *c = find(argv[2]);
        return c ? bench_run(c, 2, (char *[]){argv[2], "--help", NULL}) : unknown(argv[2]);
    }
    if (!strcmp(first, "--help") || !strcmp(first, "-h") || !strcmp(first, "help")) {
        usage(stdout);
        return 0;
    }
    const struct bench_command *c = find(first);
    return c ? bench_run(c, argc - 1, argv + 1) : unknown(first);
}
