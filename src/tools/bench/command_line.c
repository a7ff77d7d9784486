/* What every bench command does the same way: read its command line, read
 * a results file, write its document, take --pair. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <syscost/results_input.h>

#include "commands.h"

const struct bench_command *const bench_commands[] = {
    &summary_command, &compare_command, &hist_command, &overhead_command,
    &plot_command,    &report_command,  &batching_command, &seccomp_command,
    &fleet_command,   &ab_command,
    &layout_command,  NULL,
};

int bench_run(const struct bench_command *c, int argc, char **argv)
{
    if (c->defaults)
        memcpy(c->args, c->defaults, c->args_size);
    else if (c->args)
        memset(c->args, 0, c->args_size);
    char **pos = calloc((size_t)argc + 1, sizeof(*pos));
    if (!pos) {
        fprintf(stderr, "error: %s: out of memory\n", c->cli.name);
        return 2;
    }
    int n_pos = 0, rc = sc_cli_parse(&c->cli, c->options, argc, argv, pos, &n_pos);
    if (rc == SC_CLI_HELP)
        sc_cli_help(&c->cli, c->options, NULL, stdout);
    rc = rc == SC_CLI_OK ? c->run(pos, n_pos) : rc == SC_CLI_HELP ? 0 : 2;
    free(pos);
    return rc;
}

int bench_read_results(const char *path, struct sc_result_set *set)
{
    char err[1024];
    if (sc_results_read(path, set, err, sizeof(err)) == 0)
        return 0;
    fprintf(stderr, "error: %s\n", err);
    return 2;
}

int bench_write(struct ex_doc *doc, int format, const char *cmd)
{
    int rc = ex_write(doc, (enum ex_format)format, stdout, stderr);
    ex_doc_free(doc);
    if (rc == 0)
        return 0;
    fprintf(stderr, "error: bench %s: out of memory or cannot write the output\n", cmd);
    return 2;
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
    if ((size_t)(eq - v) >= sizeof(p->base)) {
        snprintf(why, whylen, "names a case longer than %zu bytes", sizeof(p->base) - 1);
        return -1;
    }
    snprintf(p->base, sizeof(p->base), "%.*s", (int)(eq - v), v);
    p->cand = eq + 1;
    return 0;
}
