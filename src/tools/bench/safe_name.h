/* File names made from untrusted text (test names, script names, file names
 * found in an artifact folder): only [A-Za-z0-9._-], never starting with '.'
 * or '-', never empty. Every name bench plot writes or hands to gnuplot is
 * one of these, so none can carry a quote, a backtick, '$', '@', a space, a
 * newline or a path. */
#ifndef BENCH_SAFE_NAME_H
#define BENCH_SAFE_NAME_H

#include <stdbool.h>
#include <stddef.h>

/* Writes the safe form of `in` into out (len >= 2): each run of other bytes
 * becomes one '_', and a leading '.' or '-' becomes '_'. Truncates to fit. */
void safe_name_make(const char *in, char *out, size_t len);

/* True when s is already a safe name. */
bool safe_name_check(const char *s);

#endif
