#include <stdio.h>

#include "commands.h"

int bench_usage_error(const char *cmd, const char *msg, const char *arg)
{
    fprintf(stderr, "error: bench %s: %s%s%s (see bench %s --help)\n", cmd, msg,
            arg ? ": " : "", arg ? arg : "", cmd);
    return 2;
}
