/* How text reaches gnuplot: never as code, only as a double-quoted field of
 * a data file, which gnuplot reads with strcol() and draws as it is. Data
 * files run no backticks and expand no macros; what is left to avoid is what
 * the field syntax itself gives meaning to, so a field holds none of:
 *   '"'  (it would end the field)          -> '\''
 *   '\\' (gnuplot reads \n, \ooo in fields) -> '/'
 *   control bytes, newlines included        -> ' '
 *   bytes that are not valid UTF-8          -> '?' (pango would warn)
 * Titles and axis labels go the same way, in NAME.titles.dat, so the
 * `gnuplot -e` line carries nothing but kit-made safe file names. */
#ifndef BENCH_PLOT_TEXT_H
#define BENCH_PLOT_TEXT_H

#include <stddef.h>
#include <stdio.h>

/* Writes s as one quoted data field. */
void plot_text_put(FILE *f, const char *s);

/* Writes texts[0..n) as quoted fields, a space apart, and ends the line. */
void plot_text_row(FILE *f, const char *const *texts, size_t n);

/* Writes a "# ..." comment line (format and arguments as printf), with the
 * same replacements, so a newline in a name cannot end the comment. */
void plot_text_comment(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
