/* The median table of measurement rows (see summary.c). */
#ifndef TRACER_VARIANTS_SUMMARY_H
#define TRACER_VARIANTS_SUMMARY_H

#include <stddef.h>
#include <stdio.h>

/* Reads measure.h's CSV rows from in, prints the table (markdown: a
 * markdown table) to out. One line in err on bad input. */
int summary_print(FILE *in, FILE *out, int markdown, char *err, size_t errlen);

#endif
