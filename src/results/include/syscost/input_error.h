/* The one format of a message about a place in an input file, for every
 * reader of the kit (CSV, JSON, histograms, env.txt):
 *   "FILE:LINE:COL: what"   both known
 *   "FILE:LINE: what"       the column unknown (0)
 *   "FILE: what"            the line unknown too (0): the file as a whole
 * Editors and terminals jump to FILE:LINE:COL. */
#ifndef SYSCOST_INPUT_ERROR_H
#define SYSCOST_INPUT_ERROR_H

#include <stdarg.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Fills err with the message and returns -1, for `return sc_input_error(...)`. */
int sc_input_error(char *err, size_t errlen, const char *file, size_t line, size_t col,
                   const char *fmt, ...) __attribute__((format(printf, 6, 7)));

int sc_input_verror(char *err, size_t errlen, const char *file, size_t line, size_t col,
                    const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));

#ifdef __cplusplus
}
#endif

#endif
