/* Writing JSON text: the one place that knows how strings are escaped. */
#ifndef SYSCOST_JSON_WRITE_H
#define SYSCOST_JSON_WRITE_H

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Writes s as a JSON string literal, quotes included. NULL writes "". */
void sc_json_put_string(FILE *f, const char *s);

/* Writes a finite number, or null for NaN and infinities (JSON has none). */
void sc_json_put_number(FILE *f, double v);

#ifdef __cplusplus
}
#endif

#endif
