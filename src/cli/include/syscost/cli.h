/* Command lines from declared tables, in the spirit of perf's OPT_* and
 * argp: a program or command lists its options (long name, optional short
 * name, kind, the value's range or choices, help text, where the value
 * goes) and its positional arguments (names and counts); one parser reads
 * argv against them, and one help generator prints them.
 *
 * What every command gets, by construction:
 *   --flag value and --flag=value (-o DIR and -oDIR for a short name);
 *   -h and --help (the caller prints sc_cli_help and exits 0);
 *   "--" ends the options; a lone "-" is an argument;
 *   one error format, one line on stderr:
 *     error: PROG: --flag: 'value' is not a whole number (see PROG --help)
 *     error: PROG: --fromat: unknown flag; did you mean --format? (see PROG --help)
 *     error: PROG: FILE is missing (see PROG --help)
 * The library needs libc only, so both the benchmark harness and bench use
 * it without either linking the other. */
#ifndef SYSCOST_CLI_H
#define SYSCOST_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

enum sc_opt_kind {
    SC_OPT_END = 0, /* the sentinel closing a table */
    SC_OPT_GROUP,   /* a heading in the help: name is its text */
    SC_OPT_HELP,    /* another spelling of --help (the harness's old --h) */
    SC_OPT_FLAG,    /* bool *value = true; takes no value */
    SC_OPT_STRING,  /* const char **value; `check` may refuse it */
    SC_OPT_COUNT,   /* uint64_t *value, a whole number in [min, max] */
    SC_OPT_REAL,    /* double *value = given * scale, given in [lo, hi] */
    SC_OPT_ENUM,    /* int *value = the choice's value */
    SC_OPT_CALL,    /* `check` takes the value itself (into opt->value) */
};

struct sc_opt_choice {
    const char *name;
    int value;
    bool alias; /* accepted, not listed ("md" for markdown) */
};

struct sc_opt;

/* Checks a STRING's value, or takes a CALL's value. Returns 0 when it is
 * fine; else fills why with what is wrong, worded to follow the value
 * ("is not a file name"), and returns -1. */
typedef int (*sc_opt_check)(const struct sc_opt *opt, const char *value, char *why,
                            size_t whylen);

struct sc_opt {
    enum sc_opt_kind kind;
    const char *name;   /* the long name without "--"; a GROUP's heading */
    char short_name;    /* 'o' for -o; 0 for none */
    void *value;
    const char *arg;    /* the value's name in help ("N", "FILE"); an ENUM's
                         * default is its choices, "table|markdown" */
    const char *help;   /* may hold '\n'; NULL hides the option from help */
    uint64_t min, max;  /* COUNT */
    double lo, hi;      /* REAL: the range of what is given */
    bool lo_open, hi_open; /* REAL: lo or hi itself is outside the range */
    double scale;       /* REAL: stored as given * scale (0 means 1) */
    const struct sc_opt_choice *choices; /* ENUM: ends with {NULL} */
    sc_opt_check check; /* STRING (optional), CALL (required) */
    bool once;          /* refused when given a second time */
    bool *given;        /* set to true when the option is on the line */
};

/* Rows of a table, fields in declaration order (C++ tests use them too). */
#define SC_OPT_GROUP(heading) {.kind = SC_OPT_GROUP, .name = (heading)}
#define SC_OPT_FLAG(long_, short_, ptr, help_)                                  \
    {.kind = SC_OPT_FLAG, .name = (long_), .short_name = (short_), .value = (ptr), \
     .help = (help_)}
#define SC_OPT_STRING(long_, short_, ptr, arg_, help_)                             \
    {.kind = SC_OPT_STRING, .name = (long_), .short_name = (short_), .value = (ptr), \
     .arg = (arg_), .help = (help_)}
#define SC_OPT_COUNT(long_, short_, ptr, min_, max_, arg_, help_)                 \
    {.kind = SC_OPT_COUNT, .name = (long_), .short_name = (short_), .value = (ptr), \
     .arg = (arg_), .help = (help_), .min = (min_), .max = (max_)}
#define SC_OPT_REAL(long_, short_, ptr, lo_, hi_, arg_, help_)                    \
    {.kind = SC_OPT_REAL, .name = (long_), .short_name = (short_), .value = (ptr), \
     .arg = (arg_), .help = (help_), .lo = (lo_), .hi = (hi_)}
#define SC_OPT_ENUM(long_, short_, ptr, choices_, help_)                          \
    {.kind = SC_OPT_ENUM, .name = (long_), .short_name = (short_), .value = (ptr), \
     .help = (help_), .choices = (choices_)}
#define SC_OPT_CALL(long_, short_, ptr, check_, arg_, help_)                      \
    {.kind = SC_OPT_CALL, .name = (long_), .short_name = (short_), .value = (ptr), \
     .arg = (arg_), .help = (help_), .check = (check_)}
#define SC_OPT_END() {.kind = SC_OPT_END}

/* A positional argument: `min` to `max` of them (max SC_ARGS_MANY: no
 * limit). Only the last of a table may take a varying count. */
#define SC_ARGS_MANY 0
struct sc_arg {
    const char *name; /* "FILE", "BASE"; NULL ends the table */
    int min, max;
    const char *help;
};

/* A table of positional arguments, its end added: SC_ARGS({"FILE", 1, 1, "help"}). */
#define SC_ARGS(...) ((const struct sc_arg[]){__VA_ARGS__, {NULL, 0, 0, NULL}})

/* What a program or command is; the options come apart (sc_cli_parse),
 * since their values point into the caller's variables. */
struct sc_cli {
    const char *name;     /* in messages and help: "bench summary", the program's base name */
    const char *title;    /* a line above the usage, or NULL */
    const char *summary;  /* one line, for a list of commands */
    const char *about;    /* paragraphs below the usage, or NULL */
    void (*more)(FILE *f); /* prints what the help lists from elsewhere (a
                            * command's table of kinds), after the arguments */
    const struct sc_arg *args; /* NULL: takes none */
    const char *examples; /* lines; "{prog}" stands for the invocation */
    const char *footer;   /* last (exit status), or NULL */
};

enum sc_cli_status { SC_CLI_OK = 0, SC_CLI_HELP = 1, SC_CLI_ERROR = 2 };

/* Reads argv[1..argc-1] against opts (ending with SC_OPT_END). Options'
 * values go where the table says; positional arguments go to pos (room for
 * the most cli->args takes; argc for SC_ARGS_MANY), their number to *n_pos
 * (pos may be NULL when the command takes none). Returns SC_CLI_HELP on -h
 * or --help (printing nothing), SC_CLI_ERROR after one error line on
 * stderr, else SC_CLI_OK. */
int sc_cli_parse(const struct sc_cli *cli, const struct sc_opt *opts, int argc, char **argv,
                 char **pos, int *n_pos);

/* The help generated from the tables: usage, about, arguments, options by
 * group, examples ("{prog}" replaced by invocation, or by cli->name when it
 * is NULL) and the footer. */
void sc_cli_help(const struct sc_cli *cli, const struct sc_opt *opts, const char *invocation,
                 FILE *f);

/* The usage line's words after the name: "BASE CAND [OPTIONS]". */
void sc_cli_synopsis(const struct sc_cli *cli, FILE *f);

/* The one error line: "error: NAME: " + the message + " (see NAME --help)".
 * Returns SC_CLI_ERROR, for `return sc_cli_error(...)`. */
int sc_cli_error(const struct sc_cli *cli, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* "error: NAME: FLAG: 'VALUE' WHY (see NAME --help)", the value shown with
 * control bytes escaped and cut at 120 bytes, so it stays one line. */
int sc_cli_bad_value(const struct sc_cli *cli, const char *flag, const char *value,
                     const char *why);

/* A value from the command line made fit for one line of a message:
 * control bytes as \xNN, cut after 120 bytes with "...". */
void sc_cli_quote(const char *s, char *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif
