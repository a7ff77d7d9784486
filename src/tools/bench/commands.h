/* bench subcommands: each takes the arguments after its name and returns
 * the exit status (0 ok, 1 regression or failed check, 2 bad usage/input). */
#ifndef BENCH_COMMANDS_H
#define BENCH_COMMANDS_H

int cmd_summary(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_batching(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_hist(int argc, char **argv);
int cmd_overhead(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_layout(int argc, char **argv);

/* A bad flag or value: one line on stderr,
 * "error: bench CMD: MSG: ARG (see bench CMD --help)". Returns 2, the exit status. */
int bench_usage_error(const char *cmd, const char *msg, const char *arg);

#endif
