#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

int bench_parse(const struct sc_cli *cli, const struct sc_opt *opts, int argc, char **argv,
                char **pos, int *n_pos)
{
    int rc = sc_cli_parse(cli, opts, argc, argv, pos, n_pos);
    if (rc == SC_CLI_HELP) {
        sc_cli_help(cli, opts, NULL, stdout);
        return 0;
    }
    return rc == SC_CLI_OK ? BENCH_GO_ON : 2;
}

/* --pair B=C: two case names, neither empty. */
int bench_take_pair(const struct sc_opt *opt, const char *v, char *why, size_t whylen)
{
    struct bench_pair *p = opt->value;
    const char *eq = strchr(v, '=');
    if (!eq || eq == v || !eq[1]) {
        snprintf(why, whylen, "is not BASE_TEST=CAND_TEST");
        return -1;
    }
    char *base = strndup(v, (size_t)(eq - v));
    if (!base) {
        snprintf(why, whylen, "cannot be kept: out of memory");
        return -1;
    }
    free(p->base);
    p->base = base;
    p->cand = eq + 1;
    return 0;
}
