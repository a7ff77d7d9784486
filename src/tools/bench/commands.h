/* bench subcommands: each takes the arguments after its name and returns
 * the exit status (0 ok, 1 regression or failed check, 2 bad usage/input).
 * Each declares its command line (syscost/cli.h): what it is, here, and
 * its options, in its own file. */
#ifndef BENCH_COMMANDS_H
#define BENCH_COMMANDS_H

#include <syscost/cli.h>

int cmd_summary(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_batching(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_hist(int argc, char **argv);
int cmd_overhead(int argc, char **argv);
int cmd_report(int argc, char **argv);

extern const struct sc_cli summary_cli, compare_cli, batching_cli, plot_cli, hist_cli,
    overhead_cli, report_cli;

/* What bench_parse returns when the command goes on. */
#define BENCH_GO_ON (-1)

/* Parses a command's line (sc_cli_parse). Returns BENCH_GO_ON, or the exit
 * status to return at once: 0 after printing the help on stdout, 2 after
 * the one error line. */
int bench_parse(const struct sc_cli *cli, const struct sc_opt *opts, int argc, char **argv,
                char **pos, int *n_pos);

/* --pair B=C, for an SC_OPT_CALL whose value is a struct bench_pair (the
 * caller frees base). */
struct bench_pair {
    char *base;
    const char *cand;
};
int bench_take_pair(const struct sc_opt *opt, const char *v, char *why, size_t whylen);

#endif
