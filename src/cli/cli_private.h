/* What the parser and the help generator share. */
#ifndef SYSCOST_CLI_PRIVATE_H
#define SYSCOST_CLI_PRIVATE_H

#include <stddef.h>

#include <syscost/cli.h>

/* "FILE", "BASE CAND", "KIND INPUT...", "[DIR]": the arguments by name. */
void cli_arg_names(const struct sc_arg *args, char *buf, size_t len);

#endif
