/* bench's commands. Each declares what it is (its sc_cli: usage, arguments,
 * examples), its options (a table whose values point into its own args,
 * reset to its defaults before each parse, as libbpf-tools keep `env`)
 * and what it runs; bench_run parses every command the same way, so -h,
 * --help, --flag=value and the one error line hold for all by construction.
 * A command returns the exit status: 0 ok, 1 a regression or a failed
 * check, 2 bad usage or input. */
#ifndef BENCH_COMMANDS_H
#define BENCH_COMMANDS_H

#include <stddef.h>

#include <syscost/cli.h>
#include <syscost/results.h>

#include "export/export.h"

struct bench_command {
    struct sc_cli cli;
    const struct sc_opt *options; /* ends with SC_OPT_END() */
    void *args;                   /* where the options' values go; NULL: none */
    const void *defaults;         /* copied over args before parsing; NULL: zeros */
    size_t args_size;
    /* The positional arguments, as many as cli.args allows. */
    int (*run)(char **pos, int n_pos);
};

/* .args and .args_size of a command, from its struct. */
#define BENCH_ARGS(args_) .args = &(args_), .args_size = sizeof(args_)

extern const struct bench_command summary_command, compare_command, hist_command,
    overhead_command, plot_command, report_command, batching_command, layout_command,
    seccomp_command, fleet_command, ab_command;

/* Every command, in the order bench --help lists them; NULL ends it. */
extern const struct bench_command *const bench_commands[];

/* Runs a command on its argv (argv[0] its name): -h and --help print the
 * help on stdout (0), a bad line gets one error line (2). */
int bench_run(const struct bench_command *c, int argc, char **argv);

/* --format, the same in every command that prints results. */
#define BENCH_OPT_FORMAT(ptr) SC_OPT_ENUM("format", 0, (ptr), ex_format_choices, EX_FORMAT_HELP)

/* Reads one result file in any format (sc_results_read). Returns 0, or 2
 * after the one error line. */
int bench_read_results(const char *path, struct sc_result_set *set);

/* Writes the document in the format asked for, then frees it. Returns 0,
 * or 2 after "error: bench CMD: ..." when out of memory or stdout fails. */
int bench_write(struct ex_doc *doc, int format, const char *cmd);

/* --pair B=C, for an SC_OPT_CALL whose value is a struct bench_pair. */
struct bench_pair {
    char base[1024];  /* "" when not given */
    const char *cand; /* NULL when not given */
};
int bench_take_pair(const struct sc_opt *opt, const char *v, char *why, size_t whylen);

#endif
